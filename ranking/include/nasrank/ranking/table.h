// A table as data, whatever it is written as: the columns a reader sees and the fields a program
// reads, both filled from the same cells so that they cannot disagree. The Markdown, CSV and JSON
// writers are here; the report adds HTML (reports/document.h).
#pragma once

#include <cstddef>
#include <cstdint>
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

struct Table {
  std::string id;       ///< file name under tables/ and the anchor in the HTML: "table6"
  std::string title;    ///< "Table 6: ..."
  std::string caption;  ///< what the numbers are; `code` spans allowed
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;  ///< one cell per column

  /// Appends a row; a row that does not fit the columns (cell count, values per cell) is a bug.
  void add_row(std::vector<Cell> row);
  /// The shown columns' labels.
  std::vector<std::string> header() const;
  /// The text of row `i`'s shown cells.
  std::vector<std::string> shown(std::size_t i) const;
  /// Every column's fields, in order: the data form's header.
  std::vector<std::string> fields() const;
  /// The values of row `i`, in the order of fields().
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

}  // namespace nasrank::ranking
