// `nasrank schedules` run as a user runs it: the table and CSV of learning-rate ratios against
// the schedule formulas, its options and errors, and its SVG figure drawn by gnuplot.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "cli_run.h"
#include "nasrank/core/error.h"
#include "nasrank/core/files.h"
#include "nasrank/trainer/schedule.h"
#include "xml_check.h"

namespace nasrank::trainer {
namespace {
namespace fs = std::filesystem;
using reports::test_support::files_in;
using reports::test_support::has_text;
using reports::test_support::plot_groups;
using reports::test_support::xml_problem;

fs::path fresh_dir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("nasrank_schedules_cli_test_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

using nasrank::test_support::run_nasrank_text;

/// `env` is one "NAME=value" entry added to the command's environment, or "".
nasrank::test_support::CliResult run_cli(const std::string& args, const std::string& env = "") {
  return run_nasrank_text(args, env.empty() ? std::vector<std::string>{} : std::vector<std::string>{env});
}

std::vector<std::vector<std::string>> csv_rows(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> cells;
    std::istringstream cs(line);
    for (std::string cell; std::getline(cs, cell, ',');) cells.push_back(cell);
    rows.push_back(cells);
  }
  return rows;
}

int significant_digits(const std::string& number) {
  const std::string mantissa = number.substr(0, number.find_first_of("eE"));
  int digits = 0;
  bool leading = true;
  for (char c : mantissa) {
    if (c < '0' || c > '9') continue;
    if (leading && c == '0') continue;
    leading = false;
    ++digits;
  }
  return digits;
}

TEST(SchedulesCommand, CsvHeaderKeepsNamesAsGivenWithOneRowPerPoint) {
  const auto r = run_cli("schedules --names 'linear,cosine:eta=0.10,step-d2,exp:gamma=0.99:epochs=90' --points 7");
  ASSERT_EQ(r.code, 0) << r.err;
  const auto rows = csv_rows(r.out);
  ASSERT_EQ(rows.size(), 8u) << r.out;
  EXPECT_EQ(r.out.substr(0, r.out.find('\n')), "p,linear,cosine:eta=0.10,step-d2,exp:gamma=0.99:epochs=90");
  for (std::size_t i = 1; i < rows.size(); ++i) {
    ASSERT_EQ(rows[i].size(), 5u) << r.out;
    const double p = static_cast<double>(i - 1) / 6;
    const double expected[] = {p, 1 - p, 0.1 + 0.9 * (1 + std::cos(M_PI * p)) / 2,
                               i - 1 < 2   ? 1.0
                               : i - 1 < 4 ? 0.1
                                           : 0.01,
                               std::exp(90 * p * std::log(0.99))};
    for (std::size_t c = 0; c < 5; ++c) {
      const double got = std::stod(rows[i][c]);
      EXPECT_NEAR(got, expected[c], 1e-9 * std::max(std::abs(expected[c]), 1e-3)) << "row " << i << " col " << c;
    }
  }
  // p = 1/6 and cosine there are not short decimals: they must come with 9 or more digits.
  EXPECT_GE(significant_digits(rows[2][0]), 9) << rows[2][0];
  EXPECT_GE(significant_digits(rows[2][2]), 9) << rows[2][2];
  EXPECT_GE(significant_digits(rows[2][4]), 9) << rows[2][4];
}

TEST(SchedulesCommand, FullEpochsIsExpsDefaultLength) {
  const auto r = run_cli("schedules --names exp:gamma=0.99 --points 2 --full-epochs 100");
  ASSERT_EQ(r.code, 0) << r.err;
  const auto rows = csv_rows(r.out);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_NEAR(std::stod(rows[2][1]), 0.3660323412732292, 1e-10);
}

TEST(SchedulesCommand, DefaultIsTheFigure2SetAt101Points) {
  const auto r = run_cli("schedules");
  ASSERT_EQ(r.code, 0) << r.err;
  const auto rows = csv_rows(r.out);
  ASSERT_EQ(rows.size(), 102u);
  for (const std::string name : {"linear", "cosine", "poly", "htd", "step-d2"})
    EXPECT_NE(std::find(rows[0].begin(), rows[0].end(), name), rows[0].end()) << name;
}

TEST(SchedulesCommand, PerStepModeShowsWarmupAndEarlyStopping) {
  const auto r = run_cli("schedules --names 'step-d1,step-d1:horizon=full,linear:warmup=2' --steps 4 --full-epochs 8");
  ASSERT_EQ(r.code, 0) << r.err;
  const auto rows = csv_rows(r.out);
  ASSERT_EQ(rows.size(), 5u) << r.out;
  EXPECT_EQ(r.out.substr(0, r.out.find('\n')), "step,p,step-d1,step-d1:horizon=full,linear:warmup=2");
  const double bac[] = {1, 1, 0.1, 0.1}, warm[] = {1.0 / 3, 2.0 / 3, 1, 0.5};
  for (int t = 0; t < 4; ++t) {
    EXPECT_EQ(rows[t + 1][0], std::to_string(t));
    EXPECT_NEAR(std::stod(rows[t + 1][1]), t / 4.0, 1e-12);
    EXPECT_NEAR(std::stod(rows[t + 1][2]), bac[t], 1e-12) << t;
    EXPECT_NEAR(std::stod(rows[t + 1][3]), 1.0, 1e-12) << t;  // laid over 8 steps: never reaches the drop
    EXPECT_NEAR(std::stod(rows[t + 1][4]), warm[t], 1e-9) << t;
  }
}

TEST(SchedulesCommand, OutWritesTheSameTextToAFile) {
  const fs::path dir = fs::temp_directory_path() / "nasrank_schedule_test_out";
  fs::remove_all(dir);
  const auto to_stdout = run_cli("schedules --names linear,rex --points 5");
  const auto to_file = run_cli("schedules --names linear,rex --points 5 --out '" + (dir / "s.csv").string() + "'");
  ASSERT_EQ(to_file.code, 0) << to_file.err;
  EXPECT_EQ(to_file.out, "");
  EXPECT_EQ(read_file(dir / "s.csv"), to_stdout.out);
}

TEST(SchedulesCommand, TableFormatHasAHeaderAndOneLinePerPoint) {
  const auto r = run_cli("schedules --names linear,cosine --points 3 --format table");
  ASSERT_EQ(r.code, 0) << r.err;
  const auto lines = csv_rows(r.out);
  ASSERT_EQ(lines.size(), 5u) << r.out;  // header, rule, 3 points
  EXPECT_NE(r.out.find("cosine"), std::string::npos);
  EXPECT_NE(r.out.find("0.5"), std::string::npos);
}

TEST(SchedulesCommand, BadInputExitsWithOneLineErrors) {
  struct Case {
    std::string args;
    int code;
    std::string says;
  };
  const std::vector<Case> cases = {
      {"schedules --names cosin", 2, "valid names"},
      {"schedules --names linear,cosine:et=1", 2, "eta"},
      {"schedules --names 'linear,,cosine'", 2, "empty schedule name"},
      {"schedules --points 1", 2, "--points"},
      {"schedules --format pdf", 2, "csv, table, svg"},
      {"schedules --format svg", 2, "--out"},
      {"schedules --bogus", 2, "bogus"},
      {"schedules --names linear:warmup=8 --steps 8", 1, "warm-up"},
      {"schedules --names linear:horizon=full --steps 300 --full-epochs 200", 1, "horizon=full"},
      {"schedules --steps 10 --points 5", 2, "exclude"},
  };
  for (const auto& c : cases) {
    const auto r = run_cli(c.args);
    EXPECT_EQ(r.code, c.code) << c.args << "\n" << r.err;
    EXPECT_EQ(r.err.rfind("nasrank: error: ", 0), 0u) << c.args << "\n" << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << c.args << "\n" << r.err;
    EXPECT_NE(r.err.find(c.says), std::string::npos) << c.args << "\n" << r.err;
    EXPECT_EQ(r.out, "") << c.args;
  }
}

TEST(SchedulesCommand, HelpListsEveryScheduleWithFormulaAndPyTorchEquivalent) {
  const auto r = run_cli("schedules --help");
  ASSERT_EQ(r.code, 0) << r.err;
  for (const auto& info : schedule_registry()) {
    EXPECT_NE(r.out.find(info.synopsis), std::string::npos) << info.name;
    EXPECT_NE(r.out.find(info.formula), std::string::npos) << info.name;
    EXPECT_NE(r.out.find(info.pytorch), std::string::npos) << info.name;
  }
  for (const auto& opt : common_schedule_options()) EXPECT_NE(r.out.find(opt.key + "="), std::string::npos);
  EXPECT_NE(r.out.find("Examples:"), std::string::npos);
}

TEST(SchedulesCommand, DocsEmbedTheReferenceTableUnchanged) {
  const auto r = run_cli("schedules --reference");
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string docs = read_file(fs::path(NASRANK_SOURCE_DIR) / "docs" / "schedules.md");
  EXPECT_NE(docs.find(r.out), std::string::npos)
      << "docs/schedules.md is out of date: paste the output of 'nasrank schedules --reference'";
  for (const auto& info : schedule_registry()) EXPECT_NE(r.out.find(info.pytorch), std::string::npos);
}

// --- --format svg: the first figure of the CLI ---

TEST(SchedulesFigure, SvgHasTitleAxesAndEverySeries) {
  SKIP_WITHOUT_GNUPLOT();
  const fs::path dir = fresh_dir("cli");
  const std::string names = "linear,cosine:eta=0.1,step-d2,exp:gamma=0.97";
  const auto r =
      run_cli("schedules --names '" + names + "' --points 51 --format svg --out '" + (dir / "f.svg").string() + "'");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  const std::string svg = read_file(dir / "f.svg");
  EXPECT_EQ(xml_problem(svg), "");
  EXPECT_EQ(plot_groups(svg), 4);
  for (const std::string name : {"linear", "cosine:eta=0.1", "step-d2", "exp:gamma=0.97"})
    EXPECT_TRUE(has_text(svg, name)) << name;
  EXPECT_TRUE(has_text(svg, "training progress p = t/T"));
  EXPECT_TRUE(has_text(svg, "learning-rate ratio lr/lr0"));
  EXPECT_NE(svg.find("Learning-rate schedules"), std::string::npos);
  EXPECT_EQ(files_in(dir), std::set<std::string>{"f.svg"});
}

TEST(SchedulesFigure, WithoutGnuplotTheCommandKeepsTheSourcesAndSucceeds) {
  const fs::path dir = fresh_dir("cli_missing");
  const auto r = run_cli("schedules --names linear --points 3 --format svg --out '" + (dir / "f.svg").string() + "'",
                         "PATH=/nonexistent");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(files_in(dir), (std::set<std::string>{"f.gp", "f.dat"}));
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_NE(r.err.find("gnuplot"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace nasrank::trainer
