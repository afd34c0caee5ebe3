// A table's shown form as Markdown and its data form as CSV and JSON.
#include "nasrank/ranking/table.h"

#include <cmath>
#include <cstdio>
#include <sstream>

#include "nasrank/core/csv.h"
#include "nasrank/core/error.h"
#include "nasrank/core/json_number.h"

namespace nasrank::ranking {
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

/// A pipe-table cell: '|' would end it and a line break would end the row.
std::string pipe_cell(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += "\\|";
    else if (c == '\n' || c == '\r') out += ' ';
    else out += c;
  }
  return out.empty() ? " " : out;
}

}  // namespace

Column::Column(std::string label, std::vector<std::string> fields)
    : label(std::move(label)), fields(std::move(fields)) {}

Column Column::data_only(std::string field) {
  Column c("", {std::move(field)});
  c.shown = false;
  return c;
}

void Table::add_row(std::vector<Cell> row) {
  NASRANK_ASSERT(row.size() == columns.size(), "table ", id, ": a row of ", row.size(), " cells for ", columns.size(),
                 " columns");
  for (std::size_t c = 0; c < row.size(); ++c)
    NASRANK_ASSERT(row[c].values.size() == columns[c].fields.size(), "table ", id, ", column '", columns[c].label,
                   "': ", row[c].values.size(), " values for ", columns[c].fields.size(), " fields");
  rows.push_back(std::move(row));
}

void Table::add_data_row(std::vector<DataValue> row) {
  NASRANK_ASSERT(long_form.has_value(), "table ", id, ": a data row without a long form");
  NASRANK_ASSERT(row.size() == long_form->fields.size(), "table ", id, ": a data row of ", row.size(), " values for ",
                 long_form->fields.size(), " fields");
  long_form->rows.push_back(std::move(row));
}

std::vector<std::string> Table::header() const {
  std::vector<std::string> out;
  for (const auto& c : columns)
    if (c.shown) out.push_back(c.label);
  return out;
}

std::vector<std::string> Table::shown(std::size_t i) const {
  std::vector<std::string> out;
  for (std::size_t c = 0; c < columns.size(); ++c)
    if (columns[c].shown) out.push_back(rows.at(i).at(c).text);
  return out;
}

std::vector<std::string> Table::fields() const {
  if (long_form) return long_form->fields;
  std::vector<std::string> out;
  for (const auto& c : columns) out.insert(out.end(), c.fields.begin(), c.fields.end());
  return out;
}

std::size_t Table::data_rows() const { return long_form ? long_form->rows.size() : rows.size(); }

std::vector<DataValue> Table::values(std::size_t i) const {
  if (long_form) return long_form->rows.at(i);
  std::vector<DataValue> out;
  for (const auto& cell : rows.at(i)) out.insert(out.end(), cell.values.begin(), cell.values.end());
  return out;
}

std::string markdown_table(const Table& table) {
  std::ostringstream os;
  const std::vector<std::string> header = table.header();
  os << "|";
  for (const auto& h : header) os << " " << pipe_cell(h) << " |";
  os << "\n|";
  for (std::size_t i = 0; i < header.size(); ++i) os << "---|";
  os << "\n";
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    os << "|";
    for (const auto& c : table.shown(r)) os << " " << pipe_cell(c) << " |";
    os << "\n";
  }
  return os.str();
}

std::string table_csv(const Table& table) {
  std::string out = csv_row(table.fields());
  for (std::size_t r = 0; r < table.data_rows(); ++r) {
    std::vector<std::string> fields;
    for (const auto& v : table.values(r)) fields.push_back(std::visit(CsvCell{}, v));
    out += csv_row(fields);
  }
  return out;
}

nlohmann::json table_json(const Table& table) {
  nlohmann::json rows = nlohmann::json::array();
  for (std::size_t r = 0; r < table.data_rows(); ++r) {
    nlohmann::json row = nlohmann::json::array();
    for (const auto& v : table.values(r)) row.push_back(std::visit(JsonCell{}, v));
    rows.push_back(std::move(row));
  }
  return {{"title", table.title}, {"caption", table.caption}, {"columns", table.fields()}, {"rows", rows}};
}

}  // namespace nasrank::ranking
