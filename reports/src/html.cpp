// A report document as one self-contained HTML page: inline CSS and inline SVG (gnuplot's files
// rewritten so that several live in one page), nothing fetched from anywhere. The page is also
// well-formed XML, which keeps it checkable by any XML parser.
#include <cctype>
#include <map>
#include <sstream>

#include "nasrank/reports/document.h"

namespace nasrank::reports {
namespace {

const char* const kStyle = R"(
body { margin: 0; background: #fafafa; color: #1d1d1f; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1240px; margin: 0 auto; padding: 1.5em 2em 4em; background: #ffffff; }
h1 { font-size: 1.7em; margin: 0.4em 0 0.6em; }
h2 { font-size: 1.35em; margin-top: 2.2em; padding-bottom: 0.2em; border-bottom: 1px solid #ddd; }
h3 { font-size: 1.05em; margin: 1.6em 0 0.3em; }
p { max-width: 60em; }
code { font: 0.92em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #f1f1f3; padding: 0.05em 0.3em; border-radius: 3px; }
nav ol { columns: 2; max-width: 40em; padding-left: 1.4em; }
a { color: #0b5cad; }
.notice { border-left: 4px solid #e69f00; background: #fff7e6; padding: 0.6em 1em; margin: 0.8em 0; max-width: 60em; }
.caption { color: #444; font-size: 0.93em; margin: 0.2em 0 0.6em; }
.files { color: #666; font-size: 0.85em; margin-top: 0.3em; }
.table-wrap { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; font-size: 0.9em; margin: 0.2em 0; }
th, td { border: 1px solid #d8d8dc; padding: 0.25em 0.6em; vertical-align: top; }
th { background: #f0f0f3; text-align: left; white-space: nowrap; }
tbody tr:nth-child(even) td { background: #fafafc; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
figure { margin: 1.2em 0; }
figcaption { color: #444; font-size: 0.9em; max-width: 60em; margin-top: 0.3em; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(440px, 1fr)); gap: 0.8em 1.2em; }
.grid figure { margin: 0; }
.missing-figure { border: 1px dashed #bbb; padding: 0.6em 1em; color: #555; background: #fcfcfc; }
)";

/// Text, or an attribute's value, as HTML and XML read it back: & < > " escaped.
std::string escape(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '"') out += "&quot;";
    else out += c;
  }
  return out;
}

bool name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == ':' || c == '.';
}

/// Rewrites the attributes of one tag: ids and references to them get the prefix, namespace
/// declarations go (an HTML parser knows SVG's), and the root's fixed size gives way to CSS.
std::string rewrite_tag(const std::string& tag, const std::string& prefix, bool root, std::string& width,
                        std::map<std::string, int>& ids) {
  std::string out;
  std::size_t i = 0;
  while (i < tag.size()) {
    // An attribute starts after whitespace: name=quote value quote.
    if (i > 0 && std::isspace(static_cast<unsigned char>(tag[i - 1])) && name_char(tag[i])) {
      std::size_t k = i;
      while (k < tag.size() && name_char(tag[k])) ++k;
      const std::string name = tag.substr(i, k - i);
      std::size_t eq = k;
      while (eq < tag.size() && std::isspace(static_cast<unsigned char>(tag[eq]))) ++eq;
      if (eq < tag.size() && tag[eq] == '=') {
        std::size_t q = eq + 1;
        while (q < tag.size() && std::isspace(static_cast<unsigned char>(tag[q]))) ++q;
        if (q < tag.size() && (tag[q] == '"' || tag[q] == '\'')) {
          const char quote = tag[q];
          const std::size_t end = tag.find(quote, q + 1);
          if (end != std::string::npos) {
            std::string value = tag.substr(q + 1, end - q - 1);
            const bool drop =
                name == "xmlns" || name.rfind("xmlns:", 0) == 0 || (root && (name == "width" || name == "height"));
            if (root && name == "width") width = value;
            if (!drop) {
              // gnuplot repeats an id for a plot's legend entry; a page's ids must be unique.
              if (name == "id") {
                const int seen = ids[value]++;
                value = prefix + value + (seen ? "-" + std::to_string(seen + 1) : "");
              } else if ((name == "href" || name == "xlink:href") && !value.empty() && value[0] == '#')
                value = "#" + prefix + value.substr(1);
              for (std::size_t u = value.find("url(#"); u != std::string::npos; u = value.find("url(#", u + 5))
                value.insert(u + 5, prefix);
              // SVG 2's plain href: the xlink namespace would need the declaration just dropped.
              out += (name == "xlink:href" ? std::string("href") : name) + "=" + quote + value + quote;
            } else {
              while (!out.empty() && std::isspace(static_cast<unsigned char>(out.back()))) out.pop_back();
              out += ' ';
            }
            i = end + 1;
            continue;
          }
        }
      }
      out += name;
      i = k;
      continue;
    }
    out += tag[i++];
  }
  return out;
}

/// Escaped text with `code` spans.
std::string inline_text(const std::string& s) {
  std::string out;
  bool code = false;
  std::string run;
  for (char c : s) {
    if (c == '`') {
      out += code ? "<code>" + escape(run) + "</code>" : escape(run);
      run.clear();
      code = !code;
    } else {
      run += c;
    }
  }
  return out + escape(code ? "`" + run : run);
}

bool numeric(const std::string& s) {
  if (s == "n/a" || s == "-") return true;
  std::size_t i = s[0] == '-' || s[0] == '+' ? 1 : 0;
  return i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.');
}

void table(std::ostringstream& os, const Table& t) {
  os << "<div id=\"table-" << escape(t.id) << "\">\n<h3>" << inline_text(t.title) << "</h3>\n";
  if (!t.caption.empty()) os << "<p class=\"caption\">" << inline_text(t.caption) << "</p>\n";
  if (t.rows.empty()) {
    os << "<p>None.</p>\n";
  } else {
    os << "<div class=\"table-wrap\"><table>\n<thead><tr>";
    for (const auto& h : t.header()) os << "<th>" << escape(h) << "</th>";
    os << "</tr></thead>\n<tbody>\n";
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
      os << "<tr>";
      for (const auto& c : t.shown(r))
        os << (!c.empty() && numeric(c) ? "<td class=\"num\">" : "<td>") << escape(c) << "</td>";
      os << "</tr>\n";
    }
    os << "</tbody></table></div>\n";
  }
  os << "<p class=\"files\">Data: <code>tables/" << escape(t.id) << ".csv</code></p>\n</div>\n";
}

void figure(std::ostringstream& os, const FigureEntry& f, std::size_t index,
            const std::map<std::string, std::string>& svg_text, bool captioned) {
  auto it = svg_text.find(f.id);
  if (f.rendered && it != svg_text.end()) {
    os << "<figure id=\"fig-" << escape(f.id) << "\">\n"
       << inline_svg(it->second, "f" + std::to_string(index) + "-", f.title) << "\n";
    if (captioned)
      os << "<figcaption><b>" << escape(f.title) << ".</b> " << inline_text(f.caption) << "</figcaption>\n";
    os << "</figure>\n";
  } else {
    os << "<div class=\"missing-figure\" id=\"fig-" << escape(f.id) << "\"><b>" << escape(f.title)
       << "</b> is not drawn (" << escape(f.message.empty() ? "no SVG" : f.message)
       << "). Its gnuplot sources are <code>" << escape(f.script) << "</code> and <code>" << escape(f.data)
       << "</code>.</div>\n";
  }
}

}  // namespace

std::string inline_svg(const std::string& svg, const std::string& prefix, const std::string& title) {
  std::string out;
  out.reserve(svg.size() + svg.size() / 16);
  bool root_seen = false;
  std::map<std::string, int> ids;
  std::size_t i = 0;
  while (i < svg.size()) {
    const std::size_t lt = svg.find('<', i);
    if (lt == std::string::npos) {
      if (root_seen) out.append(svg, i, std::string::npos);
      break;
    }
    if (root_seen) out.append(svg, i, lt - i);
    if (svg.compare(lt, 4, "<!--") == 0) {
      const std::size_t end = svg.find("-->", lt);
      i = end == std::string::npos ? svg.size() : end + 3;
      continue;  // comments dropped: nothing in them is needed
    }
    if (svg.compare(lt, 2, "<?") == 0 || svg.compare(lt, 2, "<!") == 0) {
      const std::size_t end = svg.find('>', lt);
      i = end == std::string::npos ? svg.size() : end + 1;
      continue;  // XML prolog and doctype: not allowed inside HTML
    }
    // A tag: to its '>' outside quotes.
    std::size_t k = lt + 1;
    for (char quote = 0; k < svg.size(); ++k) {
      if (quote) {
        if (svg[k] == quote) quote = 0;
      } else if (svg[k] == '"' || svg[k] == '\'') {
        quote = svg[k];
      } else if (svg[k] == '>') {
        break;
      }
    }
    const std::string tag = svg.substr(lt, k - lt + 1);
    const bool root = !root_seen && tag.compare(0, 4, "<svg") == 0;
    if (!root_seen && !root) {
      i = k + 1;
      continue;
    }
    std::string width;
    std::string rewritten = rewrite_tag(tag, prefix, root, width, ids);
    if (root) {
      root_seen = true;
      // As wide as drawn where there is room, narrower (keeping its shape) where there is not.
      std::string style = "width:100%;height:auto";
      if (!width.empty() && width.find_first_not_of("0123456789.") == std::string::npos)
        style += ";max-width:" + width + "px";
      rewritten.insert(4, " role=\"img\" aria-label=\"" + escape(title) + "\" style=\"" + style + "\"");
    }
    out += rewritten;
    i = k + 1;
    // gnuplot titles every SVG "Gnuplot": a browser shows it as the tooltip, so say what it is.
    if (tag == "<title>") {
      const std::size_t end = svg.find("</title>", i);
      if (end != std::string::npos) {
        out += escape(title);
        i = end;
      }
    }
  }
  return out;
}

std::string render_html(const ReportDocument& doc, const std::map<std::string, std::string>& svg_text) {
  std::ostringstream os;
  os << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
     << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
     << "<title>" << escape(doc.title) << "</title>\n<style>" << kStyle << "</style>\n</head>\n<body>\n<main>\n"
     << "<h1>" << escape(doc.title) << "</h1>\n";
  for (const auto& n : doc.notices) os << "<p class=\"notice\">" << inline_text(n) << "</p>\n";
  os << "<nav><ol>\n";
  for (const auto& s : doc.sections)
    os << "<li><a href=\"#" << escape(s.id) << "\">" << escape(s.title) << "</a></li>\n";
  os << "</ol></nav>\n";
  for (const auto& s : doc.sections) {
    os << "<section id=\"" << escape(s.id) << "\">\n<h2>" << escape(s.title) << "</h2>\n";
    for (const auto& b : s.blocks) {
      switch (b.kind) {
        case Block::Kind::paragraph:
          os << "<p>" << inline_text(b.text) << "</p>\n";
          break;
        case Block::Kind::table:
          table(os, doc.tables[b.table]);
          break;
        case Block::Kind::figures: {
          // Small multiples flow in a grid as wide as the window allows; their plots carry their titles
          // in the picture, and a caption they share is written once under the grid.
          const bool grid = b.columns > 1 && b.figures.size() > 1;
          if (grid) os << "<div class=\"grid\">\n";
          for (std::size_t i : b.figures) figure(os, doc.figures[i], i, svg_text, !grid);
          if (grid) {
            os << "</div>\n";
            std::string caption = doc.figures[b.figures.front()].caption;
            for (std::size_t i : b.figures)
              if (doc.figures[i].caption != caption) caption.clear();
            if (!caption.empty()) os << "<p class=\"caption\">" << inline_text(caption) << "</p>\n";
          }
          break;
        }
      }
    }
    os << "</section>\n";
  }
  os << "</main>\n</body>\n</html>\n";
  return os.str();
}

}  // namespace nasrank::reports
