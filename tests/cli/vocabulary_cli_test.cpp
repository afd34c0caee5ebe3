// One vocabulary across commands: every subcommand's --help is read back, and an option that
// several commands share must agree in name, meaning and default (or be a listed, explained
// exception); renamed options keep working for a release with a warning; typos get a suggestion;
// every mistake in what the user typed is a usage error (exit 2) caught before any work starts.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli_run.h"

namespace nasrank::test_support {
namespace {
using ::testing::HasSubstr;

/// One option as a command's --help lists it.
struct HelpOption {
  std::string command;       ///< "sweep plan"
  std::string default_text;  ///< "1", or "" when it has none
  bool has_default = false;
  std::string summary;  ///< the first line of its description
};

std::vector<std::string> words(const std::string& command) {
  std::vector<std::string> w;
  std::istringstream in(command);
  for (std::string s; in >> s;) w.push_back(s);
  return w;
}

/// `nasrank <command> --help`, run once per command for the whole suite (each start loads LibTorch).
const CliResult& help_of(const std::string& command) {
  static std::map<std::string, CliResult> cache;
  if (!cache.count(command)) {
    std::vector<std::string> args = words(command);
    args.push_back("--help");
    cache[command] = run_nasrank(args);
  }
  return cache.at(command);
}

/// The commands `nasrank --help` lists, and the subcommands of those that dispatch (sweep, bench, data).
const std::vector<std::string>& every_command() {
  static std::vector<std::string> all;
  if (!all.empty()) return all;
  const CliResult top = run_nasrank({"--help"});
  EXPECT_EQ(top.code, 0);
  std::vector<std::string> commands;
  std::istringstream in(top.out.substr(top.out.find("Commands:")));
  static const std::regex entry(R"(^  ([a-z]+)\s+\S)");
  std::smatch m;
  for (std::string line; std::getline(in, line) && !line.empty();)
    if (std::regex_search(line, m, entry)) commands.push_back(m[1]);
  for (const auto& c : commands) {
    const CliResult h = help_of(c);
    EXPECT_EQ(h.code, 0) << c << ": " << h.err;
    if (h.out.find("Common options") != std::string::npos) {
      all.push_back(c);
      continue;
    }
    std::istringstream sub(h.out);  // a dispatcher: "  plan     create the jobs ..."
    for (std::string line; std::getline(sub, line);)
      if (std::regex_search(line, m, entry)) all.push_back(c + " " + std::string(m[1]));
  }
  return all;
}

/// name -> option, of one command's --help.
std::map<std::string, HelpOption> options_of(const std::string& command, const std::string& help) {
  static const std::regex line_re(R"(^  (?:-[a-z] \[ )?--([a-z0-9-]+)(?: \])?( arg)?(?: \(=([^)]*)\))?\s*(.*)$)");
  std::map<std::string, HelpOption> options;
  std::istringstream in(help);
  std::smatch m;
  for (std::string line; std::getline(in, line);) {
    if (!std::regex_match(line, m, line_re)) continue;
    EXPECT_EQ(options.count(m[1]), 0u) << command << " lists --" << m[1] << " twice";
    options[m[1]] = {command, m[3], m[3].matched, m[4]};
  }
  return options;
}

/// Options that mean different things on purpose, or whose defaults differ on purpose; each with the
/// reason its command's help gives.
struct Exception {
  std::string option, command, why;
};
const std::vector<Exception>& exceptions() {
  static const std::vector<Exception> list = {
      // train, search and proxies start small (--paper for the paper's scale); a plan is the study
      // itself and takes the paper's scale unless told; a benchmark measures the paper's network.
      {"width", "sweep plan", "a plan is the study itself: the paper's scale unless named"},
      {"train-size", "sweep plan", "as --width"},
      {"full-epochs", "sweep plan", "as --width"},
      {"seeds", "sweep plan", "the paper's 3 seeds, as --width"},
      {"width", "bench train", "a benchmark measures the paper's network"},
      {"train-size", "bench train", "as --width"},
      {"full-epochs", "schedules", "the paper's 200 epochs, to draw its schedules"},
      {"bootstrap", "correlate", "0 (no intervals) for a quick look at two columns; 'rank' draws 1000"},
      {"batch", "proxies", "the scoring batch (64, as the zero-cost papers' code), not the training batch"},
      {"concurrent", "bench sweep", "0: one training per core, for a throughput measurement"},
      {"format", "*", "each command's own formats, its most readable one the default"},
  };
  return list;
}

bool excepted(const std::string& option, const std::string& command) {
  for (const auto& e : exceptions())
    if (e.option == option && (e.command == command || e.command == "*")) return true;
  return false;
}

TEST(Vocabulary, SharedOptionsAgreeInDefaultAcrossEveryCommandsHelp) {
  const auto commands = every_command();
  ASSERT_GE(commands.size(), 15u) << "fewer commands than nasrank has: is the walk broken?";
  std::map<std::string, std::vector<HelpOption>> by_name;
  for (const auto& c : commands) {
    const CliResult h = help_of(c);
    ASSERT_EQ(h.code, 0) << c << ": " << h.err;
    for (const auto& [name, o] : options_of(c, h.out)) by_name[name].push_back(o);
  }
  ASSERT_GT(by_name.count("width"), 0u);
  // An exception that no longer applies is removed from the list, not kept "just in case".
  for (const auto& e : exceptions()) {
    std::set<std::string> defaults;
    for (const auto& o : by_name[e.option])
      if (o.has_default) defaults.insert(o.default_text);
    EXPECT_GE(defaults.size(), 2u) << "--" << e.option << " (" << e.command << ") is listed as an exception but "
                                   << "every command gives it the same default: remove it from the list";
  }
  for (const auto& [name, uses] : by_name) {
    // The majority default among the commands that are not exceptions is the option's default.
    std::map<std::string, int> votes;
    for (const auto& o : uses)
      if (o.has_default && !excepted(name, o.command)) ++votes[o.default_text];
    if (votes.size() <= 1) continue;
    std::string listing;
    for (const auto& o : uses) listing += "\n  " + o.command + ": " + (o.has_default ? o.default_text : "(none)");
    ADD_FAILURE() << "--" << name << " has different defaults:" << listing;
  }
}

TEST(Vocabulary, OneNameForOneIdea) {
  for (const auto& c : every_command()) {
    const auto options = options_of(c, help_of(c).out);
    for (const auto& [name, o] : options) {
      // A seed of the bootstrap is --bootstrap-seed everywhere ('rank', 'report', 'study', 'correlate').
      if (name != "bootstrap-seed") {
        EXPECT_THAT(o.summary, ::testing::Not(HasSubstr("resampling"))) << c << " --" << name;
      }
      // --top-k is the k of top-k precision wherever it appears.
      if (name == "top-k") {
        EXPECT_THAT(o.summary, HasSubstr("precision")) << c;
      }
      // The format is chosen by --format, never by a file's extension.
      EXPECT_THAT(o.summary, ::testing::Not(HasSubstr("extension picks"))) << c << " --" << name;
    }
    if (options.count("bootstrap")) {
      EXPECT_EQ(options.count("bootstrap-seed"), 1u) << c;
    }
  }
}

TEST(Vocabulary, UsageLinesNameOnlyOptionsTheCommandHas) {
  static const std::regex flag(R"(--([a-z0-9-]+))");
  for (const auto& c : every_command()) {
    const CliResult h = help_of(c);
    const std::string usage = h.out.substr(0, h.out.find('\n'));
    const auto options = options_of(c, h.out);
    for (std::sregex_iterator it(usage.begin(), usage.end(), flag), end; it != end; ++it)
      EXPECT_EQ(options.count((*it)[1]), 1u) << c << ": the usage line names --" << (*it)[1] << ": " << usage;
  }
}

TEST(Vocabulary, RenamedOptionsStillWorkForOneReleaseWithAWarning) {
  ScratchDir dir("nasrank-vocab");
  const std::string csv = (dir / "xy.csv").string();
  std::ofstream(csv) << "x,y\n1,2\n2,1\n3,4\n4,3\n5,6\n6,5\n";
  const std::string base = "correlate --csv " + shell_quote(csv) + " --x x --y y --format json --bootstrap 50";
  const CliResult now = run_nasrank_text(base + " --bootstrap-seed 7");
  const CliResult old = run_nasrank_text(base + " --seed 7");
  ASSERT_EQ(now.code, 0) << now.err;
  ASSERT_EQ(old.code, 0) << old.err;
  EXPECT_EQ(old.out, now.out);
  EXPECT_EQ(now.err, "");
  EXPECT_EQ(old.err,
            "nasrank: warning: --seed is now --bootstrap-seed; the old name will be removed in the next "
            "release\n");
  // --seed is hidden: the help shows the new name only.
  const CliResult h = run_nasrank({"correlate", "--help"});
  EXPECT_THAT(h.out, HasSubstr("--bootstrap-seed"));
  EXPECT_THAT(h.out, ::testing::Not(HasSubstr("--seed ")));

  const CliResult pick = run_nasrank({"search", "--pool", "p.json", "--out", "o", "--budget", "1ep", "--top-k", "0"});
  EXPECT_EQ(pick.code, 2);
  EXPECT_THAT(pick.err, HasSubstr("--top-k is now --pick"));
  EXPECT_THAT(pick.err, HasSubstr("--pick must be at least 1"));
}

TEST(Vocabulary, TyposGetTheNearestName) {
  CliResult r = run_nasrank({"trian"});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("did you mean 'train'?"));
  r = run_nasrank({"sweep", "stauts"});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("did you mean 'status'?"));
  r = run_nasrank({"train", "--widht", "1"});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("did you mean '--width'?"));
  r = run_nasrank({"xyzzy"});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, ::testing::Not(HasSubstr("did you mean")));
}

// A report title in Latin-1 reached the JSON writer and came back as its exception text
// ("[json.exception.type_error.316] incomplete UTF-8 string"); an argument that is not UTF-8 is a
// usage error naming it, with the bytes escaped, before any work.
TEST(Vocabulary, AnArgumentThatIsNotUtf8IsAUsageErrorNamingIt) {
  ScratchDir dir("nasrank-utf8");
  const CliResult r =
      run_nasrank({"report", "--db", (dir / "none.db").string(), "--out", (dir / "r").string(), "--title", "caf\xE9"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err,
            "nasrank: error: the argument 'caf\\xE9' is not UTF-8 text; nasrank keeps what it is given in JSON and "
            "SQLite, which hold UTF-8\n");
  EXPECT_FALSE(std::filesystem::exists(dir / "r"));
  // UTF-8 beyond ASCII is welcome.
  const CliResult ok = run_nasrank({"schedules", "--help", "\xCF\x84"});
  EXPECT_THAT(ok.err, ::testing::Not(HasSubstr("not UTF-8")));
}

TEST(Vocabulary, EveryMistakeInWhatTheUserTypedIsAUsageErrorCaughtBeforeAnyWork) {
  ScratchDir dir("nasrank-vocab");
  const std::string db = (dir / "none.db").string();
  struct Case {
    std::vector<std::string> args;
    std::string says;
  };
  const std::vector<Case> cases = {
      {{"train", "--base", "resnet18", "--budget", "2epochs"}, "--budget"},
      {{"train", "--base", "resnet18", "--width", "-0.125"}, "--width must be positive"},
      {{"train", "--base", "resnet18", "--budget", "30ep"}, "longer than the full budget"},
      {{"train", "--base", "resnet18", "--schedule", "cosin"}, "did you mean 'cosine'?"},
      // The same mistake is the same exit code in every command, with the same suggestion.
      {{"sweep", "plan", "--db", db, "--pool", "p.json", "--schedules", "linear,cosin"}, "did you mean 'cosine'?"},
      {{"study", "--out", (dir / "s").string(), "--schedules", "cosin"}, "did you mean 'cosine'?"},
      {{"study", "--out", (dir / "s").string(), "--preset", "quik"}, "did you mean 'quick'?"},
      {{"study", "--out", (dir / "s").string(), "--dataset", "cifar11"}, "did you mean 'cifar10'?"},
      {{"train", "--base", "resnet18", "--dataset", "fashon-mnist"}, "did you mean 'fashion-mnist'?"},
      {{"data", "info", "--dataset", "mnsit"}, "did you mean 'mnist'?"},
      // --quiet: without it the warning that synthetic data says nothing is the line before.
      {{"--quiet", "data", "info", "--dataset", "synthetic", "--val-size", "100000"}, "--val-size 100000"},
      {{"--quiet", "train", "--base", "resnet18", "--dataset", "synthetic", "--val-size", "100000"},
       "--val-size 100000"},
      {{"--quiet", "train", "--base", "resnet18", "--dataset", "synthetic", "--train-size", "1000000"},
       "--train-size 1000000 is more than the"},
      {{"generate", "--count", "-5", "--out", (dir / "p.json").string()}, "--count must be 1..100000"},
      {{"sweep", "run", "--db", db, "--shard", "3/2"}, "--shard"},
      {{"sweep", "plan", "--db", db, "--pool", "p.json", "--budgets", "1ep,2epochs"}, "--budgets"},
      {{"sweep", "plan", "--db", db, "--pool", "p.json", "--full-epochs", "4", "--budgets", "8ep"}, "longer than"},
      {{"sweep", "run", "--db", db, "--threads", "-1"}, "--threads must be at least 0"},
      {{"rank", "--db", db, "--confidence", "1.5"}, "--confidence must lie strictly between 0 and 1"},
      {{"correlate", "--csv", "x.csv", "--x", "a", "--y", "b", "--confidence", "1.5"}, "--confidence"},
      {{"proxies", "--base", "resnet18", "--width", "0"}, "--width must be positive"},
      {{"bench", "sweep", "--epochs", "-1"}, "--epochs must be positive"},
      {{"study", "--out", (dir / "s").string(), "--width", "-1"}, "--width must be positive"},
      {{"sweep", "plan", "--db", db, "--pool", "p.json", "--budgets", "1ep", "--evals-per-run", "-2"},
       "--evals-per-run must be at least 0"},
      // A sign on an unsigned option (a seed) is refused, not read as 18446744073709551615.
      {{"rank", "--db", db, "--bootstrap-seed", "-1"}, "('-1') for option '--bootstrap-seed' is invalid"},
      {{"report", "--db", db, "--out", (dir / "r").string(), "--bootstrap-seed=-3"}, "--bootstrap-seed"},
      {{"correlate", "--csv", "x.csv", "--x", "a", "--y", "b", "--bootstrap-seed", "-1"}, "--bootstrap-seed"},
  };
  for (const auto& c : cases) {
    const CliResult r = run_nasrank(c.args);
    std::string shown;
    for (const auto& a : c.args) shown += a + " ";
    EXPECT_EQ(r.code, 2) << shown << "\n" << r.err;
    EXPECT_THAT(r.err, HasSubstr(c.says)) << shown;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << shown << "\n" << r.err;
  }
  EXPECT_FALSE(std::filesystem::exists(db)) << "a usage error opened the store";
  EXPECT_FALSE(std::filesystem::exists(dir / "s")) << "a usage error started the study";
}

TEST(Vocabulary, AnOutputThatCannotBeWrittenFailsBeforeTraining) {
  ScratchDir dir("nasrank-vocab");
  const auto file = dir / "a-file";
  std::ofstream(file) << "x";
  const CliResult r = run_nasrank({"train", "--base", "resnet18", "--dataset", "synthetic", "--budget", "1ep", "--out",
                                   (file / "run.json").string()});
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_THAT(r.err, HasSubstr("--out"));
  EXPECT_THAT(r.err, ::testing::Not(HasSubstr("epoch"))) << "it trained first: " << r.err;
}

}  // namespace
}  // namespace nasrank::test_support
