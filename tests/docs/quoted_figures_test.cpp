// Every figure the README and docs quote from a study comes from a committed file: the claims are
// listed in docs/quoted-figures.json, each a quote that must appear in its document and the
// figures in it, each with the file and cell it comes from. A figure edited by hand, or a study
// re-run without updating the text, fails here.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "nasrank/core/files.h"

namespace {
namespace fs = std::filesystem;
using nlohmann::json;
const fs::path kSource = NASRANK_SOURCE_DIR;

/// The value a figure stands for: a JSON pointer into a file, or a cell of one of a report's
/// tables (report.json "tables": columns and rows) picked by equality on other columns.
std::optional<double> source_value(const json& figure, std::string& problem) {
  const fs::path file = kSource / figure.at("source").get<std::string>();
  json j;
  try {
    j = json::parse(nasrank::read_file(file));
  } catch (const std::exception& e) {
    problem = "cannot read " + file.string() + ": " + e.what();
    return std::nullopt;
  }
  if (figure.contains("pointer")) {
    const json::json_pointer at(figure["pointer"].get<std::string>());
    if (!j.contains(at) || !j[at].is_number()) {
      problem = "no number at " + figure["pointer"].get<std::string>() + " in " + file.string();
      return std::nullopt;
    }
    return j[at].get<double>();
  }
  const std::string id = figure.at("table");
  if (!j.contains("tables") || !j["tables"].contains(id)) {
    problem = "no table '" + id + "' in " + file.string();
    return std::nullopt;
  }
  const json& t = j["tables"][id];
  const auto& columns = t.at("columns");
  auto index = [&](const std::string& name) -> std::optional<std::size_t> {
    for (std::size_t i = 0; i < columns.size(); ++i)
      if (columns[i] == name) return i;
    return std::nullopt;
  };
  const auto column = index(figure.at("column"));
  if (!column) {
    problem = "table '" + id + "' has no column '" + figure["column"].get<std::string>() + "'";
    return std::nullopt;
  }
  std::vector<double> values;
  const json where = figure.value("where", json::object());
  for (const auto& row : t.at("rows")) {
    bool match = true;
    for (const auto& [name, want] : where.items()) {
      const auto c = index(name);
      match = match && c && row[*c] == want;
    }
    if (match && row[*column].is_number()) values.push_back(row[*column].get<double>());
  }
  const std::string aggregate = figure.value("aggregate", "only");
  if (values.empty() || (aggregate == "only" && values.size() != 1)) {
    problem = std::to_string(values.size()) + " rows of '" + id + "' match " + where.dump() + " (aggregate '" +
              aggregate + "')";
    return std::nullopt;
  }
  if (aggregate == "min") return *std::min_element(values.begin(), values.end());
  if (aggregate == "max") return *std::max_element(values.begin(), values.end());
  return values.front();
}

/// What the quoted text says, and how far from it the value may lie by rounding alone: "0.79" is
/// 0.79 +- 0.005, "9 min 14 s" 554 s +- 0.5 s, "1 h 26 min" 5160 s +- 30 s.
std::optional<std::pair<double, double>> quoted(const std::string& text, const std::string& kind) {
  if (kind == "duration") {
    static const std::regex part("([0-9]+) (h|min|s)");
    double seconds = 0, unit = 0;
    const std::map<std::string, double> units = {{"h", 3600}, {"min", 60}, {"s", 1}};
    for (auto it = std::sregex_iterator(text.begin(), text.end(), part); it != std::sregex_iterator(); ++it) {
      unit = units.at((*it)[2]);
      seconds += std::stod((*it)[1]) * unit;
    }
    if (unit == 0) return std::nullopt;
    return std::make_pair(seconds, unit / 2);
  }
  static const std::regex number("[-+]?[0-9]+(\\.([0-9]+))?");
  std::smatch m;
  if (!std::regex_match(text, m, number)) return std::nullopt;
  const int decimals = m[2].matched ? static_cast<int>(m[2].length()) : 0;
  return std::make_pair(std::stod(text), 0.5 * std::pow(10.0, -decimals));
}

/// The problems of every claim; `docs` overrides a document's text (a test edits one).
std::vector<std::string> check_claims(const json& manifest, const std::map<std::string, std::string>& docs = {}) {
  std::vector<std::string> problems;
  for (const auto& claim : manifest.at("claims")) {
    const std::string doc = claim.at("doc");
    const std::string quote = claim.at("quote");
    const std::string text = docs.count(doc) ? docs.at(doc) : nasrank::read_file(kSource / doc);
    if (text.find(quote) == std::string::npos) {
      problems.push_back(doc + " no longer says \"" + quote + "\"");
      continue;
    }
    for (const auto& figure : claim.at("figures")) {
      const std::string shown = figure.at("text");
      if (quote.find(shown) == std::string::npos) {
        problems.push_back("\"" + shown + "\" is not in the quote \"" + quote + "\"");
        continue;
      }
      std::string problem;
      const auto value = source_value(figure, problem);
      const auto said = quoted(shown, figure.value("kind", "number"));
      if (!value) {
        problems.push_back(doc + ", \"" + shown + "\": " + problem);
      } else if (!said) {
        problems.push_back(doc + ", \"" + shown + "\" is not a figure of kind " + figure.value("kind", "number"));
      } else {
        const double v = *value * figure.value("scale", 1.0);
        if (std::abs(v - said->first) > said->second + 1e-9)
          problems.push_back(doc + " says " + shown + " in \"" + quote + "\" but " +
                             figure.at("source").get<std::string>() + " has " + std::to_string(v));
      }
    }
  }
  return problems;
}

json manifest() { return json::parse(nasrank::read_file(kSource / "docs" / "quoted-figures.json")); }

TEST(QuotedFigures, EveryQuotedFigureMatchesTheCommittedFileItCitesWithinItsRounding) {
  const json m = manifest();
  ASSERT_GE(m.at("claims").size(), 5u);
  for (const auto& p : check_claims(m)) ADD_FAILURE() << p;
}

// The check can fail: each figure, edited in its document, is caught; and so is a figure whose
// quote is edited in both places but no longer matches its source.
TEST(QuotedFigures, AFigureEditedByHandFailsTheCheck) {
  const json m = manifest();
  std::size_t figures = 0;
  for (const auto& claim : m.at("claims")) {
    const std::string doc = claim.at("doc");
    const std::string quote = claim.at("quote");
    const std::string text = nasrank::read_file(kSource / doc);
    for (const auto& figure : claim.at("figures")) {
      const std::string shown = figure.at("text");
      // A different figure of the same form: its last digit changed by 2 (9 -> 1).
      std::string edited = shown;
      const auto last = edited.find_last_of("0123456789");
      ASSERT_NE(last, std::string::npos) << shown;
      edited[last] = static_cast<char>('0' + (edited[last] - '0' + 2) % 10);
      std::string edited_quote = quote;
      edited_quote.replace(quote.find(shown), shown.size(), edited);
      std::string edited_text = text;
      edited_text.replace(text.find(quote), quote.size(), edited_quote);
      SCOPED_TRACE(doc + ": " + shown + " -> " + edited);
      // Only the document edited: its quote is gone.
      EXPECT_FALSE(check_claims(m, {{doc, edited_text}}).empty());
      // The manifest's quote edited to match: the value no longer rounds to the figure.
      json changed = m;
      for (auto& c : changed["claims"])
        if (c["doc"] == doc && c["quote"] == quote) {
          c["quote"] = edited_quote;
          for (auto& f : c["figures"])
            if (f["text"] == shown) f["text"] = edited;
        }
      const auto problems = check_claims(changed, {{doc, edited_text}});
      EXPECT_FALSE(problems.empty());
      ++figures;
    }
  }
  EXPECT_GE(figures, 5u);
}

}  // namespace
