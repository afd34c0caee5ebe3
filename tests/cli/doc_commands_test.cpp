// Documentation that runs: every `nasrank ...` command shown in a fenced block of README.md and
// docs/*.md is run, in the order the document shows them, in one scratch directory per document,
// at small sizes, and must exit as the document says (0 unless marked). The markers and the size
// substitution are described in README.md ("Commands"); they are applied here and nowhere else.
//
// Markers, anywhere in a trailing `#` comment of the command (or, for the rest of a block, in a
// comment line of its own):
//   exits N                    the command is meant to fail with exit code N
//   not run by the docs check  shown but not run (hours of training, a GPU, a cluster)
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "cli_run.h"

namespace nasrank::test_support {
namespace {
namespace fs = std::filesystem;

const fs::path kSource = NASRANK_SOURCE_DIR;

/// One command as the document shows it, and how the check runs it.
struct DocCommand {
  std::string doc;    ///< "README.md", "docs/search.md"
  int line = 0;       ///< 1-based line of the command's first line
  std::string shown;  ///< the command as shown, continuation lines joined, comment removed
  int expect = 0;     ///< the exit code the document says it has
  bool skipped = false;
};

/// The comment of a shell line (from an unquoted `#` that starts a word), "" when none; `code` gets the rest.
std::string split_comment(const std::string& line, std::string& code) {
  char quote = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) {
      code = line.substr(0, i);
      return line.substr(i);
    }
  }
  code = line;
  return "";
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

/// Reads a marker from a comment: sets `expect` or `skipped`; false when the comment holds none.
bool read_marker(const std::string& comment, int& expect, bool& skipped) {
  static const std::regex exits(R"(\bexits\s+(\d+)\b)");
  static const std::regex not_run(R"(\bnot run by the docs check\b)");
  std::smatch m;
  if (std::regex_search(comment, m, exits)) {
    expect = std::stoi(m[1]);
    return true;
  }
  if (std::regex_search(comment, not_run)) {
    skipped = true;
    return true;
  }
  return false;
}

/// Fenced blocks whose language is one of these hold shell commands; json, cpp, yaml ... do not.
bool shell_block(const std::string& info) {
  const std::string lang = trim(info);
  return lang.empty() || lang == "bash" || lang == "sh" || lang == "shell" || lang == "console";
}

/// Every `nasrank` command of the fenced shell blocks of `doc` (a path relative to the source tree).
std::vector<DocCommand> extract_commands(const std::string& doc) {
  std::ifstream in(kSource / doc);
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  std::vector<DocCommand> found;
  bool in_block = false, shell = false, block_skipped = false;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string& raw = lines[i];
    if (raw.rfind("```", 0) == 0) {
      in_block = !in_block;
      shell = in_block && shell_block(raw.substr(3));
      block_skipped = false;
      continue;
    }
    if (!in_block || !shell) continue;
    // A command and its continuation lines (a trailing backslash).
    const int first_line = static_cast<int>(i) + 1;
    std::string joined, comment;
    for (;;) {
      std::string code;
      const std::string c = split_comment(lines[i], code);
      if (!c.empty()) comment = c;
      code = trim(code);
      if (!code.empty() && code.back() == '\\' && i + 1 < lines.size()) {
        joined += code.substr(0, code.size() - 1) + " ";
        ++i;
        continue;
      }
      joined += code;
      break;
    }
    std::string text = trim(joined);
    if (text.rfind("$ ", 0) == 0) text = trim(text.substr(2));  // a transcript's prompt
    int expect = 0;
    bool skipped = false;
    if (text.empty()) {  // a comment line of its own: a marker for the rest of the block
      if (read_marker(trim(comment), expect, skipped) && skipped) block_skipped = true;
      continue;
    }
    if (text != "nasrank" && text.rfind("nasrank ", 0) != 0) continue;
    read_marker(trim(comment), expect, skipped);
    found.push_back({doc, first_line, text, expect, skipped || block_skipped});
  }
  return found;
}

/// The size substitution: an option's value, shown, -> the value the check runs with. The options
/// are the ones shown; only their sizes shrink, so that every document runs in seconds to minutes.
const std::map<std::string, std::function<std::string(const std::string&)>>& substitutions() {
  // `zero_is_all`: 0 means "all of them" for this option, so it shrinks to the cap as well.
  auto at_most = [](double cap, bool zero_is_all = false) {
    return [cap, zero_is_all](const std::string& v) {
      char* end = nullptr;
      const double x = std::strtod(v.c_str(), &end);
      if (end == v.c_str() || *end != '\0') return v;  // not a number: leave it for the command to judge
      std::ostringstream os;
      os << (x > cap || (zero_is_all && x == 0) ? cap : x);
      return os.str();
    };
  };
  static const std::map<std::string, std::function<std::string(const std::string&)>> table = {
      {"--count", at_most(5)},               // architectures generated
      {"--archs", at_most(5)},               // architectures of a study's pool
      {"--train-size", at_most(256, true)},  // training images (0, all, becomes 256)
      {"--val-size", at_most(256)},          // validation images
      {"--width", at_most(0.125)},           // channel multiplier
      {"--seeds", at_most(1)},               // seeds per run
      {"--jobs", at_most(2)},                // bench sweep: runs
      {"--epochs", at_most(1)},              // bench sweep: epochs per run
      {"--steps", at_most(8)},               // bench train: timed steps
      {"--bootstrap", at_most(100)},         // resamples
  };
  return table;
}

/// `shown` with the sizes substituted; "nasrank" itself stays the first word.
std::string substituted(const std::string& shown) {
  std::istringstream words(shown);
  std::vector<std::string> w;
  for (std::string s; words >> s;) w.push_back(s);
  const auto& table = substitutions();
  for (std::size_t i = 0; i < w.size(); ++i) {
    const auto eq = w[i].find('=');
    if (eq != std::string::npos && w[i].rfind("--", 0) == 0) {
      const auto it = table.find(w[i].substr(0, eq));
      if (it != table.end()) w[i] = it->first + "=" + it->second(w[i].substr(eq + 1));
    } else if (auto it = table.find(w[i]); it != table.end() && i + 1 < w.size()) {
      w[i + 1] = it->second(w[i + 1]);
      ++i;
    }
  }
  std::string out;
  for (const auto& s : w) out += (out.empty() ? "" : " ") + s;
  return out;
}

/// README.md and every docs/*.md, sorted.
std::vector<std::string> documents() {
  std::vector<std::string> docs{"README.md"};
  std::vector<std::string> more;
  for (const auto& e : fs::directory_iterator(kSource / "docs"))
    if (e.path().extension() == ".md") more.push_back("docs/" + e.path().filename().string());
  std::sort(more.begin(), more.end());
  docs.insert(docs.end(), more.begin(), more.end());
  return docs;
}

std::string tail(const std::string& s, std::size_t n = 1500) {
  return s.size() > n ? "..." + s.substr(s.size() - n) : s;
}

TEST(DocCommands, ExtractionFindsCommandsMarkersAndContinuations) {
  const auto readme = extract_commands("README.md");
  ASSERT_GE(readme.size(), 10u) << "the README shows more commands than that: is the extraction broken?";
  const auto train = std::find_if(readme.begin(), readme.end(),
                                  [](const DocCommand& c) { return c.shown.rfind("nasrank train ", 0) == 0; });
  ASSERT_NE(train, readme.end());
  EXPECT_NE(train->shown.find("--out run.json"), std::string::npos) << "a continuation line was lost: " << train->shown;
  EXPECT_EQ(train->shown.find('\\'), std::string::npos) << train->shown;
  int expect = 0;
  bool skipped = false;
  EXPECT_TRUE(read_marker("# exits 2: a typo", expect, skipped));
  EXPECT_EQ(expect, 2);
  EXPECT_TRUE(read_marker("# not run by the docs check: hours", expect, skipped));
  EXPECT_TRUE(skipped);
  EXPECT_FALSE(read_marker("# the whole job", expect, skipped));
  std::string code;
  EXPECT_EQ(split_comment("nasrank x --names 'a#b' # note", code), "# note");
  EXPECT_EQ(code, "nasrank x --names 'a#b' ");
}

TEST(DocCommands, SizesShrinkAndFlagsStay) {
  EXPECT_EQ(substituted("nasrank generate --count 100 --seed 0 --out pool.json"),
            "nasrank generate --count 5 --seed 0 --out pool.json");
  EXPECT_EQ(substituted("nasrank train --width 1 --train-size 0 --budget 2ep"),
            "nasrank train --width 0.125 --train-size 256 --budget 2ep");
  EXPECT_EQ(substituted("nasrank train --width=0.0625 --train-size=128"),
            "nasrank train --width=0.0625 --train-size=128");
  EXPECT_EQ(substituted("nasrank correlate --bootstrap 1000 --seed 1"), "nasrank correlate --bootstrap 100 --seed 1");
}

class DocumentRuns : public ::testing::TestWithParam<std::string> {};

TEST_P(DocumentRuns, EveryCommandExitsAsShown) {
  const std::string doc = GetParam();
  const auto commands = extract_commands(doc);
  if (commands.empty()) GTEST_SKIP() << doc << " shows no nasrank command";
  ScratchDir dir("nasrank-doc");
  // Data committed in the repository, which documents may refer to, copied so nothing writes into the tree.
  fs::create_directories(dir / "docs");
  fs::copy(kSource / "docs" / "results", dir / "docs" / "results", fs::copy_options::recursive);
  for (const auto& c : commands) {
    if (c.skipped) continue;
    const std::string run = substituted(c.shown);
    const std::string shell = "cd " + shell_quote(dir.string()) + " && " + shell_quote(NASRANK_BINARY) +
                              run.substr(std::string("nasrank").size()) + " </dev/null";
    const CliResult r = detail::run_captured(shell);
    EXPECT_EQ(r.code, c.expect) << doc << ":" << c.line << ": " << c.shown << "\n  run as: " << run
                                << "\n  stderr: " << tail(r.err);
  }
}

std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string n = info.param;
  for (char& ch : n)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return n;
}

INSTANTIATE_TEST_SUITE_P(Docs, DocumentRuns, ::testing::ValuesIn(documents()), test_name);

}  // namespace
}  // namespace nasrank::test_support
