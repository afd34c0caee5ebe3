// The data forms of a report's tables (CSV, JSON) and the SVG rewrite that lets several gnuplot
// figures live in one HTML page.
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>

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

bool name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == ':' || c == '.';
}

std::string escape_attribute(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '"') out += "&quot;";
    else out += c;
  }
  return out;
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
            const bool drop = name == "xmlns" || name.rfind("xmlns:", 0) == 0 ||
                              (root && (name == "width" || name == "height"));
            if (root && name == "width") width = value;
            if (!drop) {
              // gnuplot repeats an id for a plot's legend entry; a page's ids must be unique.
              if (name == "id") {
                const int seen = ids[value]++;
                value = prefix + value + (seen ? "-" + std::to_string(seen + 1) : "");
              }
              else if ((name == "href" || name == "xlink:href") && !value.empty() && value[0] == '#')
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
      rewritten.insert(4, " role=\"img\" aria-label=\"" + escape_attribute(title) + "\" style=\"" + style + "\"");
    }
    out += rewritten;
    i = k + 1;
    // gnuplot titles every SVG "Gnuplot": a browser shows it as the tooltip, so say what it is.
    if (tag == "<title>") {
      const std::size_t end = svg.find("</title>", i);
      if (end != std::string::npos) {
        out += escape_attribute(title);
        i = end;
      }
    }
  }
  return out;
}

}  // namespace nasrank::reports
