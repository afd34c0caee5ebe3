// A report as a format-free document: sections of paragraphs, tables and figures. The study report
// builds one; render_markdown, render_html and the table writers (ranking/table.h) turn it into
// files, so every format shows the same numbers in the same order.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "nasrank/ranking/table.h"

namespace nasrank::reports {

/// A table as shown and as data (ranking/table.h): the study's tables come described from
/// ranking/study_tables.h, the report adds its own (settings, progress, architectures) alike.
using ranking::Cell;
using ranking::Column;
using ranking::DataValue;
using ranking::Table;

/// A figure: its SVG (when drawn) and the gnuplot sources beside it, relative to the report.
struct FigureEntry {
  std::string id;     ///< file stem under figures/ and the anchor
  std::string group;  ///< which section shows it: figures of one group form a grid
  std::string title;
  std::string caption;
  std::string svg;     ///< "figures/tau_by_budget.svg"
  std::string script;  ///< "figures/tau_by_budget.gp"
  std::string data;    ///< "figures/tau_by_budget.dat"
  std::string png;     ///< "figures/tau_by_budget.png": the figure at 300 dpi, for a paper
  std::string pdf;     ///< "figures/tau_by_budget.pdf": the figure as vector graphics, for a paper
  bool rendered = false;
  std::string message;  ///< why it was not drawn
};

/// One piece of a section, in reading order.
struct Block {
  enum class Kind { paragraph, table, figures };
  Kind kind = Kind::paragraph;
  std::string text;                  ///< paragraph: plain text with `code` spans
  std::size_t table = 0;             ///< index into ReportDocument::tables
  std::vector<std::size_t> figures;  ///< indices into ReportDocument::figures: one, or a grid
  int columns = 1;                   ///< figures per row of a grid (small multiples)
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

}  // namespace nasrank::reports
