// `nasrank correlate`: every registered correlation statistic between two numeric columns of a
// CSV file, with optional bootstrap intervals. The statistics and their help come from the
// ranking registry, so this file never lists them by hand.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <sstream>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "nasrank/core/csv.h"
#include "nasrank/core/error.h"
#include "nasrank/core/json_number.h"
#include "nasrank/core/text_table.h"
#include "nasrank/ranking/bootstrap.h"
#include "nasrank/ranking/correlation.h"

namespace nasrank::cli {
namespace {

/// Cells read as a missing value (the pair is dropped and counted), compared without case.
const char* const kMissing[] = {"", "na", "nan", "null"};

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

bool is_missing(const std::string& cell) {
  std::string lower = cell;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  return std::find(std::begin(kMissing), std::end(kMissing), lower) != std::end(kMissing);
}

/// The column as numbers, NaN for missing cells; names the row and column of a bad cell.
Eigen::VectorXd numeric_column(const CsvTable& t, std::size_t col, const std::string& source) {
  Eigen::VectorXd v(static_cast<Eigen::Index>(t.rows.size()));
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const std::string cell = trim(t.rows[r][col]);
    double value = std::numeric_limits<double>::quiet_NaN();
    if (!is_missing(cell)) {
      char* end = nullptr;
      value = std::strtod(cell.c_str(), &end);
      // Row numbers count the header as row 1, as the CSV reader's own messages do.
      NASRANK_CHECK(end != cell.c_str() && *end == '\0', source, ": row ", r + 2, ", column '", t.header[col], "': '",
                    cell, "' is not a number (write a number, or leave the cell empty or NA to skip the row)");
      NASRANK_CHECK(std::isfinite(value), source, ": row ", r + 2, ", column '", t.header[col], "': '", cell,
                    "' is not a finite number");
    }
    v[static_cast<Eigen::Index>(r)] = value;
  }
  return v;
}

/// How many rows the statistics saw.
struct Counts {
  std::size_t rows = 0, n = 0, dropped = 0, top_k = 0;
};

/// {"csv", "x", "y", "n", "rows", "dropped", "top_k", <statistic>: value, ..., "undefined", "bootstrap"}.
nlohmann::json correlate_json(const std::string& csv_path, const std::string& x_name, const std::string& y_name,
                              const Counts& c, const std::vector<ranking::StatisticResult>& results,
                              const ranking::BootstrapOptions& boot) {
  nlohmann::json j;
  j["csv"] = csv_path;
  j["x"] = x_name;
  j["y"] = y_name;
  j["n"] = c.n;
  j["rows"] = c.rows;
  j["dropped"] = c.dropped;
  j["top_k"] = c.top_k;
  nlohmann::json undefined = nlohmann::json::object(), intervals = nlohmann::json::object();
  for (const auto& [stat, r, ci] : results) {
    j[stat->name] = json_number(r.value);
    if (!r.defined()) undefined[stat->name] = r.reason;
    if (boot.resamples <= 0) continue;
    intervals[stat->name] = {
        {"lower", json_number(ci.lower)}, {"upper", json_number(ci.upper)}, {"undefined_resamples", ci.undefined}};
    if (!ci.reason.empty()) intervals[stat->name]["reason"] = ci.reason;
  }
  if (!undefined.empty()) j["undefined"] = undefined;
  if (boot.resamples > 0)
    j["bootstrap"] = {
        {"resamples", boot.resamples}, {"seed", boot.seed}, {"confidence", boot.confidence}, {"intervals", intervals}};
  return j;
}

/// A line on the data, then a table: statistic, value, interval, note.
std::string correlate_text(const std::string& x_name, const std::string& y_name, const Counts& c,
                           const std::vector<ranking::StatisticResult>& results,
                           const ranking::BootstrapOptions& boot) {
  std::vector<std::string> header{"statistic", "value"};
  if (boot.resamples > 0) header.push_back(format_number(100 * boot.confidence) + "% CI");
  header.push_back("note");
  TextTable text(header);
  for (const auto& [stat, r, ci] : results) {
    std::vector<std::string> row{stat->name, r.defined() ? format_number(r.value, 6) : "n/a"};
    if (boot.resamples > 0)
      row.push_back(std::isnan(ci.lower) ? "n/a"
                                         : std::string("[")
                                               .append(format_number(ci.lower, 4))
                                               .append(", ")
                                               .append(format_number(ci.upper, 4))
                                               .append("]"));
    row.push_back(stat->name == "top_k_precision" && r.defined() ? "k = " + std::to_string(c.top_k) : r.reason);
    text.add_row(row);
  }
  return x_name + " vs " + y_name + ": n = " + std::to_string(c.n) + " pairs of " + std::to_string(c.rows) + " rows (" +
         std::to_string(c.dropped) + " dropped for a missing value)\n" + text.render();
}

}  // namespace

int run_correlate(const Args& args) {
  std::string csv_path, x_name, y_name, format = "table";
  int top_k = 0, resamples = 0;
  std::uint64_t seed = 0;
  ranking::BootstrapOptions boot;
  po::options_description desc("correlate options");
  // clang-format off
  desc.add_options()
      ("csv", po::value(&csv_path)->required(), "CSV file with a header row, comma-separated")
      ("x", po::value(&x_name)->required(), "column of the predictor (e.g. small-budget accuracy)")
      ("y", po::value(&y_name)->required(), "column of the target (e.g. full-budget accuracy)")
      ("format", po::value(&format)->default_value(format), "table|json")
      ("top-k", po::value(&top_k)->default_value(top_k),
       "k of top_k_precision; 0 takes the best tenth of the rows, at least 5 (none on fewer than 2k rows)")
      ("bootstrap", po::value(&resamples)->default_value(resamples),
       "resamples for percentile confidence intervals of every statistic (0: none; 1000 is usual)")
      ("bootstrap-seed", po::value(&seed)->default_value(seed), "seed of the resampling (as 'rank --bootstrap-seed')")
      ("confidence", po::value(&boot.confidence)->default_value(boot.confidence, format_number(boot.confidence))->notifier(open_unit("confidence")), "two-sided coverage of the intervals")
      ("out", po::value<std::string>(), "write to FILE (atomically) instead of stdout");
  // clang-format on
  std::ostringstream stats;
  for (const auto& s : ranking::statistic_registry()) stats << "  " << s.name << ": " << s.summary << "\n";
  // clang-format off
  const CommandHelp help{
      "nasrank correlate --csv FILE --x COL --y COL [--format table|json] [--top-k K] [--bootstrap N [--bootstrap-seed S]]",
      "Computes every correlation statistic between columns X and Y of a CSV file, one pair per row.\n"
      "Rows where either cell is empty, NA, nan or null are dropped and counted; any other cell\n"
      "that is not a number is an error naming its row and column. Top means largest (higher accuracy\n"
      "is better). JSON: one object with n, rows, dropped, top_k and one key per statistic (null when\n"
      "undefined, the reason under 'undefined'), plus 'bootstrap' intervals with --bootstrap N.\n\n"
      "Statistics:\n" + stats.str() + "See docs/ranking.md for the exact definitions.",
      "  nasrank correlate --csv runs.csv --x acc_10ep --y acc_200ep\n"
      "  nasrank correlate --csv runs.csv --x acc_10ep --y acc_200ep --format json --bootstrap 1000 --bootstrap-seed 1",
      {{"seed", "bootstrap-seed"}}};
  // clang-format on
  po::variables_map vm;
  if (!parse_args(args, help, desc, vm)) return 0;
  require_choice("format", format, {"table", "json"});
  if (top_k < 0) throw UsageError(detail::concat("--top-k must be 0 (automatic) or positive (got ", top_k, ")"));
  if (resamples < 0)
    throw UsageError(detail::concat("--bootstrap must be 0 or a number of resamples (got ", resamples, ")"));
  boot.resamples = resamples;
  boot.seed = seed;

  const CsvTable table = read_csv(csv_path);
  auto column = [&](const std::string& name) {
    try {
      return table.column(name);
    } catch (const Error& e) {
      throw Error(csv_path + ": " + e.what());
    }
  };
  const std::size_t xc = column(x_name), yc = column(y_name);
  NASRANK_CHECK(table.rows.size() >= 2, csv_path, ": ", table.rows.size(),
                " data row(s); a correlation needs at least two");
  const Eigen::VectorXd x = numeric_column(table, xc, csv_path), y = numeric_column(table, yc, csv_path);
  Eigen::VectorXd cx, cy;
  std::size_t dropped = 0;
  ranking::drop_nan_pairs(x, y, cx, cy, dropped);
  const auto n = static_cast<std::size_t>(cx.size());
  NASRANK_CHECK(n >= 2, csv_path, ": only ", n, " row(s) have numbers in both '", x_name, "' and '", y_name, "' (",
                dropped, " dropped for a missing value); a correlation needs at least two");
  ranking::StatisticOptions stat_options;
  stat_options.top_k = static_cast<std::size_t>(top_k);
  // An automatic k stays automatic (undefined, with its reason, on fewer than 2k rows); a k given
  // must fit the rows.
  const std::size_t k = ranking::resolve_top_k(stat_options, n);
  NASRANK_CHECK(top_k == 0 || k <= n, "--top-k ", top_k, " exceeds the ", n, " rows with values in both columns");

  const auto results = ranking::correlate_all(x, y, stat_options, boot);
  const Counts counts{table.rows.size(), n, dropped, k};
  const std::string out = format == "json"
                              ? correlate_json(csv_path, x_name, y_name, counts, results, boot).dump(2) + "\n"
                              : correlate_text(x_name, y_name, counts, results, boot);
  emit(out, optional_path(vm, "out"));
  return 0;
}

}  // namespace nasrank::cli
