// The data forms of a report's tables: CSV and JSON.
#include <cmath>
#include <cstdio>

#include "nasrank/core/csv.h"
#include "nasrank/core/json_number.h"
#include "nasrank/reports/document.h"

namespace nasrank::reports {
namespace {

/// 12 significant digits: every digit a statistic or an accuracy has, without binary noise.
std::string csv_number(double v) {
  if (!std::isfinite(v)) return "";
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.12g", v);
  return buf;
}

struct CsvCell {
  std::string operator()(double v) const { return csv_number(v); }
  std::string operator()(std::int64_t v) const { return std::to_string(v); }
  std::string operator()(bool v) const { return v ? "true" : "false"; }
  std::string operator()(const std::string& v) const { return v; }
};

struct JsonCell {
  nlohmann::json operator()(double v) const { return json_number(v); }
  nlohmann::json operator()(std::int64_t v) const { return v; }
  nlohmann::json operator()(bool v) const { return v; }
  nlohmann::json operator()(const std::string& v) const { return v; }
};

}  // namespace

std::string table_csv(const Table& table) {
  std::string out = csv_row(table.data_columns);
  for (const auto& row : table.data_rows) {
    std::vector<std::string> fields;
    for (const auto& v : row) fields.push_back(std::visit(CsvCell{}, v));
    out += csv_row(fields);
  }
  return out;
}

nlohmann::json table_json(const Table& table) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& row : table.data_rows) {
    nlohmann::json r = nlohmann::json::array();
    for (const auto& v : row) r.push_back(std::visit(JsonCell{}, v));
    rows.push_back(std::move(r));
  }
  return {{"title", table.title}, {"caption", table.caption}, {"columns", table.data_columns}, {"rows", rows}};
}

}  // namespace nasrank::reports
