// A report as a format-free document: sections of paragraphs, tables and figures. The study report
// builds one; render_markdown, render_html and the table writers turn it into files, so every
// format shows the same numbers in the same order.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

namespace nasrank::reports {

/// A cell of a table's data form: a number (NaN: missing), a count, a flag or text.
using DataValue = std::variant<double, std::int64_t, bool, std::string>;

/// A table twice: as shown (formatted text, intervals in brackets, a pivot where the paper has one)
/// and as data (one column per number, full precision) for tables/<id>.csv and report.json.
struct Table {
  std::string id;       ///< file name under tables/ and the anchor in the HTML: "table6"
  std::string title;    ///< "Table 6: ..."
  std::string caption;  ///< what the numbers are; `code` spans allowed
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> data_columns;
  std::vector<std::vector<DataValue>> data_rows;
};

/// A figure: its SVG (when drawn) and the gnuplot sources beside it, relative to the report.
struct FigureEntry {
  std::string id;       ///< file stem under figures/ and the anchor
  std::string group;    ///< which section shows it: figures of one group form a grid
  std::string title;
  std::string caption;
  std::string svg;      ///< "figures/tau_by_budget.svg"
  std::string script;   ///< "figures/tau_by_budget.gp"
  std::string data;     ///< "figures/tau_by_budget.dat"
  bool rendered = false;
  std::string message;  ///< why it was not drawn
};

/// One piece of a section, in reading order.
struct Block {
  enum class Kind { paragraph, table, figures };
  Kind kind = Kind::paragraph;
  std::string text;                 ///< paragraph: plain text with `code` spans
  std::size_t table = 0;            ///< index into ReportDocument::tables
  std::vector<std::size_t> figures; ///< indices into ReportDocument::figures: one, or a grid
  int columns = 1;                  ///< figures per row of a grid (small multiples)
};

struct Section {
  std::string id;  ///< anchor
  std::string title;
  std::vector<Block> blocks;
};

struct ReportDocument {
  std::string title;
  std::vector<std::string> notices;  ///< shown first: an unfinished sweep, figures not drawn
  std::vector<Section> sections;
  std::vector<Table> tables;
  std::vector<FigureEntry> figures;
};

/// Markdown (GitHub flavour): pipe tables, figures as relative image links.
std::string render_markdown(const ReportDocument& doc);

/// One self-contained HTML page (also well-formed XML): inline CSS, each drawn figure's SVG inline
/// (from `svg_text`, keyed by FigureEntry::id) with its ids prefixed so that figures cannot clash,
/// and no reference to anything outside the page.
std::string render_html(const ReportDocument& doc, const std::map<std::string, std::string>& svg_text);

/// A gnuplot SVG made fit to sit inside an HTML page: XML prolog, doctype and namespace
/// declarations dropped, every id (and every reference to one) prefixed with `prefix`.
std::string inline_svg(const std::string& svg, const std::string& prefix, const std::string& title);

/// tables/<id>.csv: the data form, numbers with 12 significant digits, missing values empty.
std::string table_csv(const Table& table);

/// {"title", "caption", "columns", "rows"} with numbers as numbers and missing values as null.
nlohmann::json table_json(const Table& table);

}  // namespace nasrank::reports
