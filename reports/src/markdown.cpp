// A report document as GitHub-flavoured Markdown: pipe tables, figures as relative image links.
#include <sstream>

#include "nasrank/reports/document.h"

namespace nasrank::reports {
namespace {

void table(std::ostringstream& os, const Table& t) {
  os << "### " << t.title << "\n\n";
  if (!t.caption.empty()) os << t.caption << "\n\n";
  if (t.rows.empty()) os << "None.\n\n";
  else os << ranking::markdown_table(t) << "\n";
  os << "Data: `tables/" << t.id << ".csv`\n\n";
}

/// The caption all figures of a block share, or "" when they differ.
std::string shared_caption(const ReportDocument& doc, const Block& b) {
  for (std::size_t i : b.figures)
    if (doc.figures[i].caption != doc.figures[b.figures.front()].caption) return "";
  return doc.figures[b.figures.front()].caption;
}

void figures(std::ostringstream& os, const ReportDocument& doc, const Block& b) {
  const bool grid = b.columns > 1 && b.figures.size() > 1;
  // A grid's drawn figures go on one line, so that a viewer sets them side by side; the others
  // one per paragraph, each with its title and caption.
  std::string line;
  for (std::size_t i : b.figures) {
    const FigureEntry& f = doc.figures[i];
    if (!f.rendered) {
      os << "*" << f.title << "* is not drawn (" << f.message << "); its gnuplot sources are `" << f.script << "` and `"
         << f.data << "`.\n\n";
    } else if (grid) {
      line += (line.empty() ? "" : " ") + ("![" + f.title + "](" + f.svg + ")");
    } else {
      os << "![" << f.title << "](" << f.svg << ")\n\n*" << f.title << ".* " << f.caption << "\n\n";
    }
  }
  if (!line.empty()) os << line << "\n\n";
  // The plots of a grid carry their titles in the picture; a caption they share is written once.
  if (grid && !line.empty() && !shared_caption(doc, b).empty()) os << shared_caption(doc, b) << "\n\n";
}

}  // namespace

std::string render_markdown(const ReportDocument& doc) {
  std::ostringstream os;
  os << "# " << doc.title << "\n\n";
  for (const auto& n : doc.notices) os << "> **Note.** " << n << "\n\n";
  os << "Contents:";
  for (std::size_t i = 0; i < doc.sections.size(); ++i) os << (i ? ", " : " ") << doc.sections[i].title;
  os << ".\n\n";
  for (const auto& s : doc.sections) {
    os << "## " << s.title << "\n\n";
    for (const auto& b : s.blocks) {
      switch (b.kind) {
        case Block::Kind::paragraph:
          os << b.text << "\n\n";
          break;
        case Block::Kind::table:
          table(os, doc.tables[b.table]);
          break;
        case Block::Kind::figures:
          figures(os, doc, b);
          break;
      }
    }
  }
  return os.str();
}

}  // namespace nasrank::reports
