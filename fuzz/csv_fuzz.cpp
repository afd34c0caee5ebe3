// CSV as `correlate` reads it (core/csv.h): the table parsed, its first two columns looked up by
// name, read as numbers the way correlate reads them (strtod; empty and NA cells missing), and
// every registered statistic computed on them with a small bootstrap: ties, constant columns,
// one or two rows, huge and tiny values all reach the statistics.
// (`import` reads CSV through the same parse_csv; its own checks are fuzz/import_fuzz.cpp's.)
#include <cmath>
#include <cstdlib>
#include <limits>

#include <Eigen/Core>

#include "fuzz_input.h"
#include "nasrank/core/csv.h"
#include "nasrank/ranking/bootstrap.h"
#include "nasrank/ranking/correlation.h"

namespace {

/// NaN for an empty or NA cell and for anything that is not a finite number.
double cell_number(std::string cell) {
  const auto b = cell.find_first_not_of(" \t");
  cell = b == std::string::npos ? "" : cell.substr(b, cell.find_last_not_of(" \t") - b + 1);
  if (cell.empty() || cell == "NA" || cell == "na") return std::numeric_limits<double>::quiet_NaN();
  char* end = nullptr;
  const double v = std::strtod(cell.c_str(), &end);
  if (end == cell.c_str() || *end != '\0' || !std::isfinite(v)) return std::numeric_limits<double>::quiet_NaN();
  return v;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace nasrank;
  CsvTable table;
  try {
    table = parse_csv(fuzz::as_text(data, size), "fuzz.csv");
  } catch (const Error&) {
    return 0;
  }
  for (const auto& row : table.rows) NASRANK_FUZZ_EXPECT(row.size() == table.header.size());
  if (table.header.size() < 2) return 0;
  std::size_t xc = 0, yc = 0;
  try {
    xc = table.column(table.header[0]);
    yc = table.column(table.header[1]);
  } catch (const Error&) {
    return 0;
  }
  NASRANK_FUZZ_EXPECT(table.header[xc] == table.header[0] && table.header[yc] == table.header[1]);
  const auto rows = static_cast<Eigen::Index>(table.rows.size());
  Eigen::VectorXd x(rows), y(rows);
  for (Eigen::Index r = 0; r < rows; ++r) {
    x[r] = cell_number(table.rows[static_cast<std::size_t>(r)][xc]);
    y[r] = cell_number(table.rows[static_cast<std::size_t>(r)][yc]);
  }
  Eigen::VectorXd cx, cy;
  std::size_t dropped = 0;
  ranking::drop_nan_pairs(x, y, cx, cy, dropped);
  NASRANK_FUZZ_EXPECT(static_cast<std::size_t>(cx.size()) + dropped == table.rows.size());
  if (cx.size() < 2) return 0;
  ranking::StatisticOptions options;
  options.top_k = ranking::resolve_top_k(options, static_cast<std::size_t>(cx.size()));
  ranking::BootstrapOptions boot;
  boot.resamples = 20;
  try {
    for (const auto& result : ranking::correlate_all(x, y, options, boot)) {
      const double v = result.value.value;
      // A statistic is a number in [-1, 1] (or [0, 1]) or undefined (NaN, with its reason).
      NASRANK_FUZZ_EXPECT(std::isnan(v) || (v >= -1 - 1e-9 && v <= 1 + 1e-9));
    }
  } catch (const Error&) {}
  return 0;
}
