// A table as data, whatever it is written as: the columns a reader sees and the fields a program
// reads, both filled from the same cells so that they cannot disagree. The Markdown, CSV and JSON
// writers are here; the report adds HTML (reports/document.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

namespace nasrank::ranking {

/// A value of a table's data form: a number (NaN: missing), a count, a flag or text.
using DataValue = std::variant<double, std::int64_t, bool, std::string>;

/// A header a reader sees and the fields it stands for in the data form. Most columns are one
/// field; an interval is two or three ("tau_lower", "tau_upper", "confidence"), a budget three.
struct Column {
  /// A shown column: `label` as its header, `fields` (none, one or several) as its data.
  Column(std::string label, std::vector<std::string> fields);
  /// A column of the data form only (the tau variant's name on every row of a CSV file).
  static Column data_only(std::string field);

  std::string label;
  std::vector<std::string> fields;
  bool shown = true;
};

/// One cell: its text as shown and its values in the data form, one per field of its column.
struct Cell {
  std::string text;
  std::vector<DataValue> values;
};

/// A data form shaped unlike the shown one: a schedules x budgets table is shown wide, one column
/// per budget, and written long, one row per schedule and budget, so that a program reads the
/// budget as numbers rather than from a header.
struct DataRows {
  std::vector<std::string> fields;
  std::vector<std::vector<DataValue>> rows;  ///< one value per field
};

struct Table {
  std::string id;       ///< file name under tables/ and the anchor in the HTML: "table6"
  std::string title;    ///< "Table 6: ..."
  std::string caption;  ///< what the numbers are; `code` spans allowed
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;  ///< one cell per column
  /// When set, the data form (CSV, JSON) is these rows instead of the cells' values.
  std::optional<DataRows> long_form = std::nullopt;

  /// Appends a row; a row that does not fit the columns (cell count, values per cell) is a bug.
  void add_row(std::vector<Cell> row);
  /// Appends a row of the long data form; one that does not fit its fields is a bug.
  void add_data_row(std::vector<DataValue> row);
  /// The shown columns' labels.
  std::vector<std::string> header() const;
  /// The text of row `i`'s shown cells.
  std::vector<std::string> shown(std::size_t i) const;
  /// The data form's header: the long form's fields, or every column's fields in order.
  std::vector<std::string> fields() const;
  /// Rows of the data form.
  std::size_t data_rows() const;
  /// The values of the data form's row `i`, in the order of fields().
  std::vector<DataValue> values(std::size_t i) const;
};

/// The shown form as a GitHub pipe table: the header, the separator and one line per row ('|'
/// escaped, a line break as a space, an empty cell as a space). A caller writes its own title.
std::string markdown_table(const Table& table);

/// The data form as CSV: fields() as the header, numbers with 12 significant digits, missing
/// numbers empty.
std::string table_csv(const Table& table);

/// The data form as {"title", "caption", "columns", "rows"}: numbers as numbers, missing ones null.
nlohmann::json table_json(const Table& table);

/// Every number of `tables` in one tidy table, melted from their data forms: one row per
/// (table, proxy, schedule, budget, metric) with columns table, proxy, schedule, budget_epochs,
/// budget_fraction, metric, value, lower, upper, n. A row's proxy is its first field of `proxy`,
/// `best`, `ceiling`, `schedule`; every other number is a metric, its `<metric>_lower` and
/// `<metric>_upper` its interval and `n` the row's count. Text and flags stay in the tables' own
/// files. A value an earlier table gave for the same proxy, schedule, budget and metric is not
/// repeated, so a table read first carries each number once.
std::string long_csv(const std::vector<Table>& tables);

}  // namespace nasrank::ranking
