// A table's shown form as Markdown and its data form as CSV and JSON.
#include "nasrank/ranking/table.h"

#include <cmath>
#include <cstdio>
#include <optional>
#include <set>
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

std::string long_csv(const std::vector<Table>& tables) {
  std::string out = csv_row(
      {"table", "proxy", "schedule", "budget_epochs", "budget_fraction", "metric", "value", "lower", "upper", "n"});
  std::set<std::string> given;  // proxy, schedule, budget and metric of every row written
  for (const Table& table : tables) {
    const std::vector<std::string> fields = table.fields();
    auto find = [&](const std::string& name) -> std::optional<std::size_t> {
      for (std::size_t i = 0; i < fields.size(); ++i)
        if (fields[i] == name) return i;
      return std::nullopt;
    };
    std::optional<std::size_t> proxy;
    for (const char* name : {"proxy", "best", "ceiling", "schedule"})
      if (!proxy) proxy = find(name);
    const auto schedule = find("schedule"), epochs = find("budget_epochs"), fraction = find("budget_fraction"),
               n = find("n");
    struct Metric {
      std::size_t value;
      std::optional<std::size_t> lower, upper;
    };
    std::vector<Metric> metrics;
    auto is_bound = [&](const std::string& f) {
      for (const std::string suffix : {"_lower", "_upper"})
        if (f.size() > suffix.size() && f.compare(f.size() - suffix.size(), suffix.size(), suffix) == 0 &&
            find(f.substr(0, f.size() - suffix.size())))
          return true;
      return false;
    };
    for (std::size_t i = 0; i < fields.size(); ++i) {
      const std::string& f = fields[i];
      if (i == epochs || i == fraction || i == n || f == "confidence" || is_bound(f)) continue;
      metrics.push_back({i, find(f + "_lower"), find(f + "_upper")});
    }
    for (std::size_t r = 0; r < table.data_rows(); ++r) {
      const std::vector<DataValue> v = table.values(r);
      auto text = [&](std::optional<std::size_t> i) { return i ? std::visit(CsvCell{}, v[*i]) : std::string(); };
      auto number = [&](std::optional<std::size_t> i) {
        return i && std::holds_alternative<double>(v[*i]) ? csv_number(std::get<double>(v[*i])) : std::string();
      };
      const std::string key = text(proxy) + "," + text(schedule) + "," + text(epochs) + "," + text(fraction);
      for (const Metric& m : metrics) {
        const DataValue& value = v[m.value];
        if (!std::holds_alternative<double>(value) && !std::holds_alternative<std::int64_t>(value)) continue;
        if (!given.insert(key + "," + fields[m.value]).second) continue;
        out += csv_row({table.id, text(proxy), text(schedule), text(epochs), text(fraction), fields[m.value],
                        std::visit(CsvCell{}, value), number(m.lower), number(m.upper), text(n)});
      }
    }
  }
  return out;
}

}  // namespace nasrank::ranking
