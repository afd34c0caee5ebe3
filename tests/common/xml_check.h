// Test helpers for figures and pages: an XML well-formedness check (SVG from gnuplot, the report's
// HTML), small SVG probes, and whether gnuplot is here to draw them.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace nasrank::reports::test_support {

// A small XML well-formedness check: declarations, comments, CDATA, balanced and properly nested
// elements with quoted attributes, one root, and '&' only in entity references. Returns "" when
// well-formed, else what is wrong.
inline std::string xml_problem(const std::string& x) {
  std::vector<std::string> open;
  int roots = 0;
  std::size_t i = 0;
  auto text_ok = [&](std::size_t from, std::size_t to) -> bool {
    static const std::regex entity("&(#[0-9]+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);");
    for (std::size_t k = from; k < to; ++k) {
      if (x[k] != '&') continue;
      std::smatch m;
      const std::string rest = x.substr(k, std::min<std::size_t>(16, to - k));
      if (!std::regex_search(rest, m, entity) || m.position(0) != 0) return false;
    }
    return true;
  };
  while (i < x.size()) {
    const std::size_t lt = x.find('<', i);
    const std::size_t text_end = lt == std::string::npos ? x.size() : lt;
    if (!text_ok(i, text_end)) return "bad '&' in text near offset " + std::to_string(i);
    if (open.empty() && x.substr(i, text_end - i).find_first_not_of(" \t\r\n") != std::string::npos)
      return "text outside the root element at offset " + std::to_string(i);
    if (lt == std::string::npos) break;
    if (x.compare(lt, 4, "<!--") == 0) {
      const std::size_t end = x.find("-->", lt);
      if (end == std::string::npos) return "unterminated comment";
      i = end + 3;
    } else if (x.compare(lt, 9, "<![CDATA[") == 0) {
      const std::size_t end = x.find("]]>", lt);
      if (end == std::string::npos) return "unterminated CDATA";
      i = end + 3;
    } else if (x.compare(lt, 2, "<?") == 0 || x.compare(lt, 2, "<!") == 0) {
      const std::size_t end = x.find('>', lt);
      if (end == std::string::npos) return "unterminated declaration";
      i = end + 1;
    } else {
      // A tag: scan to its '>' outside quotes.
      std::size_t k = lt + 1;
      char quote = 0;
      for (; k < x.size(); ++k) {
        if (quote) {
          if (x[k] == quote) quote = 0;
          else if (x[k] == '<') return "'<' inside an attribute value";
        } else if (x[k] == '"' || x[k] == '\'') {
          quote = x[k];
        } else if (x[k] == '>') {
          break;
        }
      }
      if (k >= x.size()) return "unterminated tag at offset " + std::to_string(lt);
      std::string tag = x.substr(lt + 1, k - lt - 1);
      const bool closing = !tag.empty() && tag[0] == '/';
      const bool self_closing = !tag.empty() && tag.back() == '/';
      const std::string body = closing ? tag.substr(1) : tag;
      const std::string name = body.substr(0, body.find_first_of(" \t\r\n/"));
      if (name.empty()) return "empty tag name at offset " + std::to_string(lt);
      if (closing) {
        if (open.empty() || open.back() != name)
          return "</" + name + "> closes " + (open.empty() ? std::string("nothing") : "<" + open.back() + ">");
        open.pop_back();
      } else {
        if (open.empty()) ++roots;
        if (!self_closing) open.push_back(name);
      }
      i = k + 1;
    }
  }
  if (!open.empty()) return "<" + open.back() + "> is never closed";
  if (roots != 1) return std::to_string(roots) + " root elements";
  return "";
}

/// The plot groups gnuplot writes, one per plot clause: <g id="gnuplot_plot_N">.
inline int plot_groups(const std::string& svg) {
  std::set<std::string> ids;
  static const std::regex group("id=\"gnuplot_plot_([0-9]+[a-z]*)\"");  // 1a, 1b: panels of a grid
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), group); it != std::sregex_iterator(); ++it)
    ids.insert((*it)[1]);
  return static_cast<int>(ids.size());
}

/// True when the SVG has `text` as the whole content of an element, escaped or not.
inline bool has_text(const std::string& svg, const std::string& text) {
  std::string escaped;
  for (char c : text) {
    if (c == '&') escaped += "&amp;";
    else if (c == '<') escaped += "&lt;";
    else escaped += c;
  }
  return svg.find(">" + text + "<") != std::string::npos || svg.find(">" + escaped + "<") != std::string::npos;
}

/// True when gnuplot runs here (Debian package gnuplot-nox).
inline bool gnuplot_installed() { return std::system("gnuplot --version > /dev/null 2>&1") == 0; }

/// The names of the files in `dir`.
inline std::set<std::string> files_in(const std::filesystem::path& dir) {
  std::set<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir)) names.insert(e.path().filename().string());
  return names;
}

}  // namespace nasrank::reports::test_support

#define SKIP_WITHOUT_GNUPLOT()                                \
  if (!::nasrank::reports::test_support::gnuplot_installed()) \
  GTEST_SKIP() << "gnuplot is not installed (Debian: gnuplot-nox)"
