// The study report from a small hand-made study: every table with numbers worked out here by brute
// force (pair counting, medians by hand), every file parsed back (CSV, JSON, SVG and HTML as XML),
// the HTML self-contained, and the cases with nothing to report, an unfinished sweep and no gnuplot.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "../ranking/test_statistic.h"
#include "nasrank/core/csv.h"
#include "nasrank/core/error.h"
#include "nasrank/core/files.h"
#include "nasrank/core/text_table.h"
#include "nasrank/ranking/rows.h"
#include "nasrank/reports/document.h"
#include "nasrank/reports/study_report.h"
#include "table_records.h"
#include "xml_check.h"

namespace nasrank::reports {
namespace {
namespace fs = std::filesystem;
using test_support::plot_groups;
using test_support::xml_problem;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// A new empty directory (the process id keeps runs of one case apart under `ctest -j`), removed
/// afterwards unless a test failed, to be looked into.
class Scratch {
 public:
  explicit Scratch(const std::string& name)
      : root_(fs::temp_directory_path() / ("nasrank_study_report_test_" + name + "_" + std::to_string(::getpid()))) {
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  ~Scratch() {
    if (keep_ || ::testing::Test::HasFailure()) return;
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
  const fs::path& root() const { return root_; }
  fs::path operator/(const std::string& name) const { return root_ / name; }
  void keep() { keep_ = true; }

 private:
  fs::path root_;
  bool keep_ = false;
};

bool gnuplot_installed() { return std::system("gnuplot --version > /dev/null 2>&1") == 0; }

// ---- the hand-made study ----
// Full budget 100 epochs. Six trainable architectures a..f, each with two reference seeds under
// linear; two schedules (linear, const) at 1 and 10 epochs with two seeds. Architecture g's
// reference runs are untrainable. Ties on purpose: b and c tie under linear at 1 epoch, d and e
// tie in their full-budget accuracy.

const std::vector<std::string> kArchs = {"a", "b", "c", "d", "e", "f"};
const std::vector<std::string> kSchedules = {"linear", "const"};
const std::vector<double> kBudgets = {1, 10};
constexpr double kFull = 100;

// Reference accuracy per seed.
const std::map<std::string, std::pair<double, double>> kReference = {{"a", {0.90, 0.92}}, {"b", {0.88, 0.86}},
                                                                     {"c", {0.85, 0.87}}, {"d", {0.80, 0.82}},
                                                                     {"e", {0.81, 0.81}}, {"f", {0.70, 0.74}}};

// Small-budget accuracy per (schedule, budget, arch): the two seeds.
std::map<std::string, std::pair<double, double>> small_results(const std::string& schedule, double budget) {
  if (schedule == "linear" && budget == 1)
    return {{"a", {0.50, 0.54}}, {"b", {0.47, 0.49}}, {"c", {0.46, 0.50}},
            {"d", {0.44, 0.40}}, {"e", {0.45, 0.47}}, {"f", {0.30, 0.32}}};
  if (schedule == "linear" && budget == 10)
    return {{"a", {0.80, 0.82}}, {"b", {0.79, 0.77}}, {"c", {0.76, 0.78}},
            {"d", {0.72, 0.70}}, {"e", {0.73, 0.73}}, {"f", {0.60, 0.62}}};
  if (schedule == "const" && budget == 1)
    return {{"a", {0.35, 0.37}}, {"b", {0.40, 0.38}}, {"c", {0.30, 0.34}},
            {"d", {0.33, 0.31}}, {"e", {0.28, 0.30}}, {"f", {0.36, 0.32}}};
  return {{"a", {0.62, 0.66}}, {"b", {0.64, 0.60}}, {"c", {0.61, 0.63}},
          {"d", {0.55, 0.59}}, {"e", {0.58, 0.54}}, {"f", {0.50, 0.52}}};
}

double mid(const std::pair<double, double>& p) { return (p.first + p.second) / 2; }

/// Kendall's tau-b by counting every pair.
double brute_tau_b(const std::vector<double>& x, const std::vector<double>& y) {
  double c = 0, d = 0, tx = 0, ty = 0, n0 = 0;
  for (std::size_t i = 0; i < x.size(); ++i)
    for (std::size_t j = i + 1; j < x.size(); ++j) {
      const double sx = (x[i] > x[j]) - (x[i] < x[j]), sy = (y[i] > y[j]) - (y[i] < y[j]);
      n0 += 1;
      c += sx * sy > 0;
      d += sx * sy < 0;
      tx += sx == 0;
      ty += sy == 0;
    }
  return (c - d) / std::sqrt((n0 - tx) * (n0 - ty));
}

std::vector<double> targets() {
  std::vector<double> t;
  for (const auto& a : kArchs) t.push_back(mid(kReference.at(a)));
  return t;
}

std::vector<double> proxy(const std::string& schedule, double budget) {
  const auto r = small_results(schedule, budget);
  std::vector<double> v;
  for (const auto& a : kArchs) v.push_back(mid(r.at(a)));
  return v;
}

ranking::RunResult run(const std::string& arch, const std::string& schedule, double budget, int seed, double acc,
                       bool reference = false, const std::string& status = "ok") {
  ranking::RunResult r;
  r.arch = arch;
  r.schedule = schedule;
  r.budget_epochs = budget;
  r.budget_fraction = budget / kFull;
  r.seed = seed;
  r.status = status;
  r.best_val_acc = acc;
  r.final_val_acc = acc;
  // best_progress differs by schedule so that Table 5 has something to tell apart.
  r.best_progress = schedule == "linear" ? 0.9 + 0.05 * seed : 0.6 + 0.1 * seed;
  r.seconds = reference ? 500 + seed : budget * 5 + seed;
  r.steps = static_cast<std::int64_t>(budget * 10);
  r.reference = reference;
  return r;
}

ranking::LearningCurve curve(const ranking::RunResult& r) {
  ranking::LearningCurve c;
  const int evaluations = r.reference ? 10 : static_cast<int>(r.budget_epochs);
  for (int k = 1; k <= evaluations; ++k) {
    const double epoch = r.budget_epochs * k / evaluations, p = static_cast<double>(k) / evaluations;
    ranking::Evaluation pt;
    pt.epoch = epoch;
    pt.step = static_cast<std::int64_t>(epoch * 10);
    pt.val_acc = r.best_val_acc * (0.5 + 0.5 * p);
    pt.train_loss = 2.0 * (1 - 0.8 * p);
    pt.lr = r.schedule == "const" ? 0.1 : 0.1 * (1 - p);
    if (r.schedule == "linear") pt.grad_norm = 2.0 * (1 - p) + 0.05;
    c.evaluations.push_back(pt);
  }
  return c;
}

StudyReportInput hand_made() {
  StudyReportInput in;
  in.settings.dataset = "synthetic (600 train / 100 val)";
  in.settings.pool = "pool.json: 7 architectures";
  in.settings.schedules = kSchedules;
  in.settings.budgets = {"1ep", "10ep"};
  in.settings.seeds = 2;
  in.settings.full_epochs = kFull;
  in.settings.reference_schedule = "linear";
  in.settings.hardware = "cpu x2 threads";
  in.settings.toolkit_version = "0.1.0";
  in.settings.wall_seconds = 4321;
  in.settings.details = {{"recipe", {{"lr", 0.1}, {"momentum", 0.9}, {"augment", true}}}};
  for (const auto& a : kArchs) {
    const auto& ref = kReference.at(a);
    in.runs.push_back(run(a, "linear", kFull, 0, ref.first, true));
    in.runs.push_back(run(a, "linear", kFull, 1, ref.second, true));
  }
  for (const auto& s : kSchedules)
    for (double b : kBudgets)
      for (const auto& [arch, acc] : small_results(s, b)) {
        // One diverged run of a used architecture: it still counts with its best checkpoint.
        const std::string status = s == "const" && b == 10 && arch == "f" ? "diverged" : "ok";
        in.runs.push_back(run(arch, s, b, 0, acc.first, false, status));
        in.runs.push_back(run(arch, s, b, 1, acc.second));
      }
  in.runs.push_back(run("g", "linear", kFull, 0, 0.10, true, "untrainable"));
  in.runs.push_back(run("g", "linear", kFull, 1, 0.10, true, "untrainable"));
  in.runs.push_back(run("g", "linear", 1, 0, 0.10, false, "untrainable"));
  in.runs.push_back(run("g", "const", 1, 0, kNaN, false, "diverged"));
  for (auto& r : in.runs) r.curve = curve(r);
  std::int64_t params = 1000;
  for (const auto& a : kArchs) {
    in.archs.push_back({a, params, params * 50, 4, "widen " + a});
    params += 250;
  }
  in.archs.push_back({"g", 99, 4950, 9, "add skip"});
  ScheduleCurve linear{"linear", {}, {}}, constant{"const", {}, {}};
  for (int k = 0; k <= 10; ++k) {
    linear.p.push_back(k / 10.0);
    linear.ratio.push_back(1 - k / 10.0);
    constant.p.push_back(k / 10.0);
    constant.ratio.push_back(1);
  }
  in.schedule_curves = {linear, constant};
  in.progress.known = true;
  in.progress.total = in.progress.done = static_cast<std::int64_t>(in.runs.size());
  // Zero-cost scores: params (as given), and "synflow" with one NaN and one infinite value.
  const std::map<std::string, double> synflow = {{"a", 5},        {"b", 7}, {"c", 6}, {"d", kNaN},
                                                 {"e", INFINITY}, {"f", 1}, {"g", 2}};
  for (const auto& a : in.archs) {
    in.zero_cost.push_back({a.id, "params", static_cast<double>(a.params), 0.0});
    in.zero_cost.push_back({a.id, "synflow", synflow.at(a.id), 0.25});
  }
  return in;
}

ReportOptions quick_options() {
  ReportOptions o;
  o.study.bootstrap.resamples = 200;
  o.study.bootstrap.seed = 3;
  return o;
}

/// Column `name` of the CSV as text, by the value of its first column.
std::map<std::string, std::string> column(const CsvTable& t, const std::string& name) {
  std::map<std::string, std::string> out;
  const std::size_t c = t.column(name);
  for (const auto& row : t.rows) out[row[0]] = row[c];
  return out;
}

double cell(const CsvTable& t, std::size_t row, const std::string& name) {
  return std::stod(t.rows.at(row).at(t.column(name)));
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

/// Runs the report once for the tests that only read it.
class StudyReport : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    scratch_ = new Scratch("full");
    dir_ = new fs::path(*scratch_ / "report");
    input_ = new StudyReportInput(hand_made());
    result_ = new ReportResult(write_study_report(*input_, *dir_, quick_options()));
  }
  static void TearDownTestSuite() {
    if (::testing::UnitTest::GetInstance()->current_test_suite()->failed_test_count() > 0) scratch_->keep();
    delete scratch_;
    delete dir_;
    delete input_;
    delete result_;
  }
  static CsvTable csv(const std::string& id) { return read_csv(*dir_ / "tables" / (id + ".csv")); }
  static Scratch* scratch_;
  static fs::path* dir_;
  static StudyReportInput* input_;
  static ReportResult* result_;
};
Scratch* StudyReport::scratch_ = nullptr;
fs::path* StudyReport::dir_ = nullptr;
StudyReportInput* StudyReport::input_ = nullptr;
ReportResult* StudyReport::result_ = nullptr;

const std::vector<std::string> kTableIds = {
    "settings", "progress", "table6",         "noise_ceiling", "table6_statistics", "table7",
    "table8",   "table5",   "recommendation", "against_best",  "zero_cost",         "predictors",
    "cost",     "excluded", "failed_runs",    "architectures"};
/// Written to tables/ but not shown: the long forms a program reads.
const std::vector<std::string> kDataTableIds = {"arch_accuracy", "long"};

TEST_F(StudyReport, WritesEveryFileAndLeavesNoTemporaryBehind) {
  for (const std::string f : {"report.md", "report.html", "report.json"}) EXPECT_TRUE(fs::exists(*dir_ / f)) << f;
  for (const auto& id : kTableIds) EXPECT_TRUE(fs::exists(*dir_ / "tables" / (id + ".csv"))) << id;
  std::set<std::string> csvs;
  for (const auto& e : fs::directory_iterator(*dir_ / "tables")) csvs.insert(e.path().stem().string());
  std::set<std::string> expected(kTableIds.begin(), kTableIds.end());
  expected.insert(kDataTableIds.begin(), kDataTableIds.end());
  EXPECT_EQ(csvs, expected);
  EXPECT_EQ(result_->tables.size(), expected.size());
  for (const auto& e : fs::directory_iterator(dir_->parent_path()))
    EXPECT_EQ(e.path().filename(), "report") << "left behind: " << e.path();
}

TEST_F(StudyReport, Table6MatchesPairCountingOnTheMedians) {
  const CsvTable all = csv("table6_statistics");
  ASSERT_EQ(all.rows.size(), 4u);
  const CsvTable pivot = csv("table6");  // shown wide, written long: one row per schedule and budget
  ASSERT_EQ(pivot.rows.size(), 4u);
  EXPECT_EQ(pivot.header, (std::vector<std::string>{"schedule", "budget_epochs", "budget_fraction", "tau", "tau_lower",
                                                    "tau_upper"}));
  std::size_t row = 0;
  for (const auto& s : kSchedules)
    for (double b : kBudgets) {
      SCOPED_TRACE(s + " at " + std::to_string(b));
      const double expected = brute_tau_b(proxy(s, b), targets());
      EXPECT_EQ(all.rows[row][all.column("schedule")], s);
      EXPECT_DOUBLE_EQ(cell(all, row, "budget_epochs"), b);
      EXPECT_EQ(all.rows[row][all.column("tau_variant")], "kendall_tau_b");
      EXPECT_NEAR(cell(all, row, "tau"), expected, 1e-10);
      EXPECT_LE(cell(all, row, "tau_lower"), cell(all, row, "tau_upper"));
      EXPECT_EQ(cell(all, row, "n"), 6);
      EXPECT_EQ(cell(all, row, "top_k"), 5);  // at least 5: more than half of 6, so no value
      EXPECT_EQ(all.rows[row][all.column("top_k_precision")], "");
      EXPECT_EQ(pivot.rows[row][0], s);
      EXPECT_DOUBLE_EQ(cell(pivot, row, "budget_epochs"), b);
      EXPECT_DOUBLE_EQ(cell(pivot, row, "budget_fraction"), b / kFull);
      EXPECT_NEAR(cell(pivot, row, "tau"), expected, 1e-10);
      EXPECT_DOUBLE_EQ(cell(pivot, row, "tau_lower"), cell(all, row, "tau_lower"));
      ++row;
    }
  // Worked by hand, so that a broken reference cannot hide: linear at 1 epoch orders all 15 pairs
  // as the full budget does except b-c (tied in the proxy) and d-e (tied in the target):
  // 13 concordant, 0 discordant, tau-b = 13 / sqrt(14 * 14).
  EXPECT_NEAR(brute_tau_b(proxy("linear", 1), targets()), 13.0 / 14.0, 1e-12);
}

TEST_F(StudyReport, NoiseCeilingIsTauBetweenTheTwoReferenceSeeds) {
  std::vector<double> s0, s1;
  for (const auto& a : kArchs) {
    s0.push_back(kReference.at(a).first);
    s1.push_back(kReference.at(a).second);
  }
  const CsvTable t = csv("noise_ceiling");
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[0][t.column("ceiling")], "seed_vs_seed");
  EXPECT_NEAR(cell(t, 0, "tau"), brute_tau_b(s0, s1), 1e-10);
  EXPECT_EQ(cell(t, 0, "seed_pairs"), 1);
  EXPECT_EQ(cell(t, 0, "n"), 6);
  // Beside it what the normal model expects of it and of a perfect proxy, each with its interval.
  EXPECT_EQ(t.rows[1][t.column("ceiling")], "expected_seed_vs_seed");
  EXPECT_EQ(t.rows[2][t.column("ceiling")], "matched_ceiling");
  for (std::size_t r = 1; r < 3; ++r) {
    EXPECT_LE(cell(t, r, "tau_lower"), cell(t, r, "tau"));
    EXPECT_GE(cell(t, r, "tau_upper"), cell(t, r, "tau"));
    EXPECT_EQ(t.rows[r][t.column("seed_pairs")], "");
  }
  EXPECT_GT(cell(t, 2, "tau"), cell(t, 1, "tau")) << "the median of two seeds is more reliable than one";
}

TEST_F(StudyReport, Tables7And8AreMeansOfMediansAndOfNormalisedMedians) {
  const CsvTable t7 = csv("table7"), t8 = csv("table8");
  const std::vector<double> target = targets();
  for (std::size_t i = 0; i < kSchedules.size(); ++i)
    for (double b : kBudgets) {
      const std::vector<double> p = proxy(kSchedules[i], b);
      double mean = 0, normalised = 0;
      for (std::size_t k = 0; k < p.size(); ++k) {
        mean += p[k] / 6;
        normalised += p[k] / target[k] / 6;
      }
      const std::size_t row = i * kBudgets.size() + (b == 1 ? 0 : 1);  // long: schedule-major, budgets ascending
      EXPECT_EQ(t7.rows[row][0], kSchedules[i]);
      EXPECT_DOUBLE_EQ(cell(t7, row, "budget_epochs"), b);
      EXPECT_NEAR(cell(t7, row, "mean_best_val_acc"), mean, 1e-10);
      EXPECT_NEAR(cell(t8, row, "mean_normalised_acc"), normalised, 1e-10);
    }
}

TEST_F(StudyReport, Table5AveragesTheBestProgressOfOkRunsAtTenPercentAndAbove) {
  // Only the 10-epoch runs (10% of the budget) count; f's diverged const run does not.
  const CsvTable t = csv("table5");
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0][0], "linear");
  EXPECT_NEAR(cell(t, 0, "best_progress_mean"), (0.9 + 0.95) / 2, 1e-12);
  EXPECT_EQ(cell(t, 0, "runs"), 12);
  EXPECT_EQ(t.rows[1][0], "const");
  EXPECT_NEAR(cell(t, 1, "best_progress_mean"), (5 * 0.6 + 6 * 0.7) / 11, 1e-12);
  EXPECT_EQ(cell(t, 1, "runs"), 11);
}

TEST_F(StudyReport, RecommendationPicksTheScheduleWithTheHigherTauAtEachBudget) {
  const CsvTable t = csv("recommendation");
  ASSERT_EQ(t.rows.size(), 2u);
  for (std::size_t i = 0; i < kBudgets.size(); ++i) {
    const double lin = brute_tau_b(proxy("linear", kBudgets[i]), targets());
    const double con = brute_tau_b(proxy("const", kBudgets[i]), targets());
    ASSERT_NE(lin, con);
    EXPECT_EQ(t.rows[i][t.column("best")], lin > con ? "linear" : "const");
    EXPECT_NEAR(cell(t, i, "margin"), std::abs(lin - con), 1e-10);
  }
  // One budget holds the recommendation when the tests tell cells apart, none when they cannot.
  const nlohmann::json report = nlohmann::json::parse(read_file(*dir_ / "report.json"));
  const bool distinguishable = report["study"]["recommendation"]["distinguishable"].get<bool>();
  const auto rec = column(t, "recommended");
  EXPECT_EQ(std::count_if(rec.begin(), rec.end(), [](const auto& kv) { return kv.second == "true"; }),
            distinguishable ? 1 : 0);
}

TEST_F(StudyReport, ExcludedAndFailedArchitecturesAreListed) {
  const CsvTable ex = csv("excluded");
  ASSERT_EQ(ex.rows.size(), 1u);
  EXPECT_EQ(ex.rows[0][0], "g");
  EXPECT_NE(ex.rows[0][1].find("untrainable"), std::string::npos);
  const CsvTable failed = csv("failed_runs");
  const auto diverged = column(failed, "diverged"), untrainable = column(failed, "untrainable");
  EXPECT_EQ(diverged.size(), 2u);
  EXPECT_EQ(diverged.at("f"), "1");
  EXPECT_EQ(untrainable.at("f"), "0");
  EXPECT_EQ(diverged.at("g"), "1");
  EXPECT_EQ(untrainable.at("g"), "1");
}

TEST_F(StudyReport, ArchitectureTableHasCountsFullBudgetAndProxyAccuracies) {
  const CsvTable t = csv("architectures");
  ASSERT_EQ(t.rows.size(), 7u);
  // Sorted by full-budget accuracy: a (0.91) first, g (0.10, excluded) last.
  EXPECT_EQ(t.rows.front()[t.column("arch")], "a");
  EXPECT_EQ(t.rows.back()[t.column("arch")], "g");
  std::map<std::string, std::size_t> row;
  for (std::size_t i = 0; i < t.rows.size(); ++i) row[t.rows[i][t.column("arch")]] = i;
  for (std::size_t k = 0; k < kArchs.size(); ++k) {
    const std::string& a = kArchs[k];
    SCOPED_TRACE(a);
    EXPECT_EQ(cell(t, row[a], "params"), 1000 + 250 * static_cast<double>(k));
    EXPECT_EQ(cell(t, row[a], "macs"), 50 * (1000 + 250 * static_cast<double>(k)));
    EXPECT_EQ(t.rows[row[a]][t.column("mutations")], "widen " + a);
    EXPECT_NEAR(cell(t, row[a], "full_budget_acc"), mid(kReference.at(a)), 1e-12);
    EXPECT_EQ(t.rows[row[a]][t.column("status")], "used");
  }
  EXPECT_NE(t.rows[row["g"]][t.column("status")].find("excluded"), std::string::npos);

  // The per-cell accuracies: a long table, one row per architecture, schedule and budget.
  const CsvTable cells = csv("arch_accuracy");
  EXPECT_EQ(cells.header, (std::vector<std::string>{"arch", "schedule", "budget_epochs", "budget_fraction", "val_acc",
                                                    "seeds", "full_budget_acc"}));
  std::map<std::string, std::size_t> at;  // "arch/schedule/epochs" -> row
  for (std::size_t i = 0; i < cells.rows.size(); ++i)
    at[cells.rows[i][0] + "/" + cells.rows[i][1] + "/" + cells.rows[i][2]] = i;
  EXPECT_EQ(cells.rows.size(), t.rows.size() * kSchedules.size() * kBudgets.size());
  for (const auto& a : kArchs)
    for (const auto& s : kSchedules)
      for (double b : kBudgets) {
        const std::size_t i = at.at(a + "/" + s + "/" + (b == 1 ? "1" : "10"));
        EXPECT_NEAR(cell(cells, i, "val_acc"), mid(small_results(s, b).at(a)), 1e-12) << a << " " << s << " " << b;
        EXPECT_NEAR(cell(cells, i, "budget_fraction"), b / kFull, 1e-12);
      }
  // g's only const run has no accuracy: missing, not zero.
  EXPECT_EQ(cells.rows[at.at("g/const/1")][cells.column("val_acc")], "");
  EXPECT_NEAR(cell(cells, at.at("g/linear/1"), "val_acc"), 0.10, 1e-12);
}

TEST_F(StudyReport, ZeroCostTauLeavesNonFiniteScoresOutAndCountsThem) {
  const CsvTable t = csv("zero_cost");
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0][0], "params");
  std::vector<double> params;
  for (std::size_t k = 0; k < kArchs.size(); ++k) params.push_back(1000 + 250.0 * static_cast<double>(k));
  EXPECT_NEAR(cell(t, 0, "tau"), brute_tau_b(params, targets()), 1e-10);
  EXPECT_EQ(cell(t, 0, "n"), 6);
  EXPECT_EQ(t.rows[1][0], "synflow");
  // d (NaN) and e (infinite) are left out: a, b, c, f remain.
  EXPECT_NEAR(cell(t, 1, "tau"), brute_tau_b({5, 7, 6, 1}, {0.91, 0.87, 0.86, 0.72}), 1e-10);
  EXPECT_EQ(cell(t, 1, "n"), 4);
  EXPECT_EQ(cell(t, 1, "nonfinite"), 2);
  EXPECT_EQ(cell(t, 1, "seconds_per_arch"), 0.25);
  // The cost table holds every budgeted cell, both scores and the full budget, the vote of each
  // cell (its budgeted accuracy and synflow) and its val_acc_last: the runs' curves here hold
  // validation accuracies but no losses, so no other predictor is defined.
  const CsvTable cost = csv("cost");
  EXPECT_EQ(cost.rows.size(), 4u + 2u + 1u + 4u + 4u);
}

// Where the two panels of tau_vs_compute meet, no tic label sits at the edge (the left panel's
// "100" once ran into the right panel's "5" as "1005"), and the left axis runs past its last tic
// so that a point near it shows whole.
TEST_F(StudyReport, CostPanelsKeepTheirTicsClearOfTheEdgeWhereTheyMeet) {
  const std::string gp = read_file(*dir_ / "figures" / "tau_vs_compute.gp");
  const std::regex xtics(R"(set xtics \(([^)]*)\))"), xrange(R"(set xrange \[([^:]+):([^\]]+)\])");
  std::vector<std::vector<double>> tics;
  std::vector<std::pair<double, double>> ranges;
  for (auto it = std::sregex_iterator(gp.begin(), gp.end(), xtics); it != std::sregex_iterator(); ++it) {
    std::vector<double> values;
    std::istringstream list((*it)[1].str());
    for (std::string item; std::getline(list, item, ',');)
      values.push_back(std::stod(item.substr(item.rfind(' ') + 1)));
    tics.push_back(values);
  }
  for (auto it = std::sregex_iterator(gp.begin(), gp.end(), xrange); it != std::sregex_iterator(); ++it)
    ranges.push_back({std::stod((*it)[1].str()), std::stod((*it)[2].str())});
  ASSERT_EQ(tics.size(), 2u) << gp;
  ASSERT_EQ(ranges.size(), 2u) << gp;
  const auto at = [&](std::size_t panel, double v) {
    return std::log10(v / ranges[panel].first) / std::log10(ranges[panel].second / ranges[panel].first);
  };
  for (double v : tics[0]) EXPECT_LE(at(0, v), 0.97) << "left panel, tic " << v;
  for (double v : tics[1]) EXPECT_GE(at(1, v), 0.03) << "right panel, tic " << v;
}

// With 6 architectures the automatic top k (5) is over half the pool: no squares are drawn, and
// the scatter's caption does not promise them.
TEST_F(StudyReport, TheScatterCaptionPromisesTopKSquaresOnlyWhereTheyAreDrawn) {
  const std::string md = read_file(*dir_ / "report.md");
  EXPECT_NE(md.find("The full-budget top k is not marked"), std::string::npos);
  EXPECT_EQ(md.find("Black squares"), std::string::npos);
  EXPECT_EQ(read_file(*dir_ / "figures" / "scatter.dat").find("full-budget top"), std::string::npos);
}

TEST_F(StudyReport, CostFrontierHasNoPointBeatenByACheaperOne) {
  const CsvTable t = csv("cost");
  for (std::size_t i = 0; i < t.rows.size(); ++i) {
    if (t.rows[i][t.column("frontier")] != "true") continue;
    for (std::size_t j = 0; j < t.rows.size(); ++j) {
      if (i == j || t.rows[j][t.column("tau")].empty() || t.rows[j][t.column("seconds_per_arch")].empty()) continue;
      const bool cheaper = cell(t, j, "seconds_per_arch") <= cell(t, i, "seconds_per_arch");
      const bool better = cell(t, j, "tau") >= cell(t, i, "tau");
      const bool strictly =
          cell(t, j, "seconds_per_arch") < cell(t, i, "seconds_per_arch") || cell(t, j, "tau") > cell(t, i, "tau");
      EXPECT_FALSE(cheaper && better && strictly) << t.rows[i][1] << " is beaten by " << t.rows[j][1];
    }
  }
  std::size_t on = 0;
  for (const auto& row : t.rows) on += row[t.column("frontier")] == "true";
  EXPECT_GE(on, 1u);
}

TEST_F(StudyReport, EveryCsvParsesWithAHeaderAndRowsOfItsWidth) {
  for (const auto& id : kTableIds) {
    SCOPED_TRACE(id);
    const std::string text = read_file(*dir_ / "tables" / (id + ".csv"));
    const CsvTable t = parse_csv(text, id);
    EXPECT_FALSE(t.header.empty());
    for (const auto& row : t.rows) EXPECT_EQ(row.size(), t.header.size());
  }
  const CsvTable settings = csv("settings");
  const auto value = column(settings, "value");
  EXPECT_EQ(value.at("dataset"), "synthetic (600 train / 100 val)");
  EXPECT_EQ(value.at("full_epochs"), "100");
  EXPECT_EQ(value.at("recipe.momentum"), "0.9");
  EXPECT_EQ(value.at("hardware"), "cpu x2 threads");
}

/// `spec` with {beside_tau} replaced by the columns of every statistic of the registry: a statistic
/// beside every proxy's tau is added without an edit here.
std::string with_beside_tau(std::string spec) {
  std::string block;
  for (const auto& s : ranking::proxy_statistic_registry())
    block += (block.empty() ? "" : " ") + s.name + ":n " + s.name + "_lower:n " + s.name + "_upper:n";
  const auto at = spec.find("{beside_tau}");
  if (at != std::string::npos) spec.replace(at, std::string("{beside_tau}").size(), block);
  return spec;
}

/// The data form's contract: every CSV's columns by name and type, so that a program reading them
/// (pandas, R) needs no cleaning and breaks loudly if they change. Types: n a number or empty
/// (missing), i an integer or empty, b exactly true or false, t text.
const std::map<std::string, std::string> kCsvSchema = {
    {"against_best",
     "schedule:t budget_epochs:n budget_fraction:n seconds_per_arch:n tau:n difference:n difference_lower:n "
     "difference_upper:n p_value:n p_holm:n worse:b recommended:b"},
    {"arch_accuracy", "arch:t schedule:t budget_epochs:n budget_fraction:n val_acc:n seeds:i full_budget_acc:n"},
    {"architectures", "rank:i arch:t params:i macs:i depth:i mutations:t full_budget_acc:n status:t"},
    {"cost",
     "family:t proxy:t schedule:t budget_epochs:n budget_fraction:n seconds_per_arch:n tau:n tau_lower:n tau_upper:n "
     "frontier:b"},
    {"excluded", "arch:t reason:t"},
    {"failed_runs", "arch:t diverged:i untrainable:i where:t"},
    {"long", "table:t proxy:t schedule:t budget_epochs:n budget_fraction:n metric:t value:n lower:n upper:n n:i"},
    {"noise_ceiling", "ceiling:t tau_variant:t tau:n tau_lower:n tau_upper:n confidence:n seed_pairs:i n:i reason:t"},
    {"predictors",
     "proxy:t negated:b schedule:t budget_epochs:n budget_fraction:n n:i missing:i tau:n tau_lower:n tau_upper:n "
     "confidence:n spearman:n seconds_per_arch:n {beside_tau} loo_min:n loo_max:n movers:t most_influential:t "
     "tau_without_most_influential:n members:t"},
    {"progress", "schedule:t planned_budget:t reference:b pending:i running:i failed:i last_error:t"},
    {"recommendation",
     "budget_epochs:n budget_fraction:n best:t best_tau:n runner_up:t runner_up_tau:n margin:n margin_lower:n "
     "margin_upper:n p_value:n p_holm:n significant:b n:i recommended:b best_overall:b"},
    {"settings", "key:t value:t"},
    {"table5", "schedule:t best_progress_mean:n best_progress_std:n runs:i min_budget_fraction:n"},
    {"table6", "schedule:t budget_epochs:n budget_fraction:n tau:n tau_lower:n tau_upper:n"},
    {"table6_statistics",
     "schedule:t budget_epochs:n budget_fraction:n n:i dropped:i tau_variant:t tau:n tau_lower:n tau_upper:n "
     "confidence:n tau_single_seed:n {beside_tau} loo_min:n loo_max:n movers:t most_influential:t "
     "tau_without_most_influential:n spearman:n weighted_tau:n top_k:i top_k_precision:n "
     "pair_order_probability:n"},
    {"table7", "schedule:t budget_epochs:n budget_fraction:n mean_best_val_acc:n"},
    {"table8", "schedule:t budget_epochs:n budget_fraction:n mean_normalised_acc:n"},
    {"zero_cost",
     "proxy:t n:i nonfinite:i missing:i tau:n tau_lower:n tau_upper:n confidence:n spearman:n seconds_per_arch:n "
     "{beside_tau} loo_min:n loo_max:n movers:t most_influential:t "
     "tau_without_most_influential:n"},
};

TEST_F(StudyReport, TidyCsvsKeepTheirColumnNamesAndTypes) {
  const std::regex identifier("[a-z][a-z0-9_]*");
  const std::regex number("-?(inf|[0-9]+(\\.[0-9]+)?(e[-+]?[0-9]+)?)");
  const std::regex integer("-?[0-9]+");
  std::set<std::string> files;
  for (const auto& e : fs::directory_iterator(*dir_ / "tables")) files.insert(e.path().stem().string());
  std::set<std::string> described;
  for (const auto& [id, columns] : kCsvSchema) described.insert(id);
  EXPECT_EQ(files, described) << "a new CSV file needs its columns in kCsvSchema (and docs/reports.md)";
  for (const auto& [id, spec] : kCsvSchema) {
    SCOPED_TRACE(id);
    const CsvTable t = csv(id);
    std::vector<std::string> names;
    std::vector<char> types;
    std::istringstream words(with_beside_tau(spec));
    for (std::string w; words >> w;) {
      names.push_back(w.substr(0, w.find(':')));
      types.push_back(w.back());
    }
    EXPECT_EQ(t.header, names);
    if (t.header != names) continue;
    for (const auto& name : t.header) EXPECT_TRUE(std::regex_match(name, identifier)) << name;
    for (std::size_t r = 0; r < t.rows.size(); ++r)
      for (std::size_t c = 0; c < names.size(); ++c) {
        const std::string& v = t.rows[r][c];
        switch (types[c]) {
          case 'n':
            EXPECT_TRUE(v.empty() || std::regex_match(v, number)) << names[c] << " = '" << v << "'";
            break;
          case 'i':
            EXPECT_TRUE(v.empty() || std::regex_match(v, integer)) << names[c] << " = '" << v << "'";
            break;
          case 'b':
            EXPECT_TRUE(v == "true" || v == "false") << names[c] << " = '" << v << "'";
            break;
          default:
            break;
        }
      }
  }
  // The fixture exercises the tables whose rows carry the flags and the missing numbers.
  EXPECT_FALSE(csv("long").rows.empty());
  EXPECT_FALSE(csv("recommendation").rows.empty());
  EXPECT_FALSE(csv("cost").rows.empty());
}

// docs/reports.md's "Every column" table names each CSV column once; the statistics of the
// registry are its one `<statistic>` row.
TEST_F(StudyReport, EveryCsvColumnIsDescribedOnce) {
  const std::string doc = read_file(fs::path(NASRANK_SOURCE_DIR) / "docs/reports.md");
  const auto begin = doc.find("#### Every column");
  ASSERT_NE(begin, std::string::npos);
  const auto end = doc.find("\n#", begin + 1);
  std::map<std::string, int> described;
  std::istringstream lines(doc.substr(begin, end - begin));
  const std::regex name("`([a-z_<>]+)`");
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("| `", 0) != 0) continue;
    const std::string first = line.substr(0, line.find(" |", 2));
    for (std::sregex_iterator m(first.begin(), first.end(), name), e; m != e; ++m) ++described[(*m)[1].str()];
  }
  std::set<std::string> registry;
  for (const auto& s : ranking::proxy_statistic_registry())
    registry.insert({s.name, s.name + "_lower", s.name + "_upper"});
  for (const auto& [id, spec] : kCsvSchema) {
    std::istringstream words(with_beside_tau(spec));
    for (std::string w; words >> w;) {
      const std::string column = w.substr(0, w.find(':'));
      if (registry.count(column)) continue;
      EXPECT_EQ(described[column], 1) << id << ".csv column '" << column << "'";
    }
  }
  for (const auto& [column, times] : described) EXPECT_EQ(times, 1) << column;
}

TEST_F(StudyReport, JsonHoldsEveryTableWithTheCsvNumbers) {
  const auto j = nlohmann::json::parse(read_file(*dir_ / "report.json"));
  EXPECT_EQ(j["format"], "nasrank-report");
  std::vector<std::string> ids = kTableIds;
  ids.push_back("arch_accuracy");  // long.csv is the study's own JSON ("study"), not a table
  for (const auto& id : ids) {
    SCOPED_TRACE(id);
    ASSERT_TRUE(j["tables"].contains(id));
    const CsvTable t = csv(id);
    EXPECT_EQ(j["tables"][id]["columns"].get<std::vector<std::string>>(), t.header);
    EXPECT_EQ(j["tables"][id]["rows"].size(), t.rows.size());
  }
  const auto& rows = j["tables"]["table6_statistics"]["rows"];
  const auto& fields = j["tables"]["table6_statistics"]["columns"];
  const auto tau = std::find(fields.begin(), fields.end(), "tau") - fields.begin();
  EXPECT_NEAR(rows[0][tau].get<double>(), brute_tau_b(proxy("linear", 1), targets()), 1e-10);
  EXPECT_EQ(j["format"], "nasrank-report");
  EXPECT_EQ(j["version"], 2);
  // Each table once, under "tables"; the study holds what tables cannot express.
  EXPECT_FALSE(j["study"].contains("table6"));
  EXPECT_FALSE(j.contains("zero_cost"));
  EXPECT_FALSE(j.contains("cost"));
  EXPECT_TRUE(j["study"].contains("recommendation"));
  EXPECT_FALSE(j["study"]["recommendation"].contains("against_best"));
  EXPECT_EQ(j["tables"]["zero_cost"]["rows"].size(), 2u);
  EXPECT_EQ(j["progress"]["finished"], true);
  EXPECT_EQ(j["settings"]["details"]["recipe"]["lr"], 0.1);
}

TEST_F(StudyReport, MarkdownHasEverySectionTableAndTheTauVariant) {
  const std::string md = read_file(*dir_ / "report.md");
  for (const std::string s :
       {"## Study settings", "## Progress", "Table 6: Kendall's tau-b (`kendall_tau_b`)",
        "Table 7:", "Table 8:", "Table 5:", "## Recommendation", "Noise ceiling",
        "## Untrainable and diverged architectures", "## Architectures", "## Zero-cost", "The sweep is complete"})
    EXPECT_NE(md.find(s), std::string::npos) << s;
  for (const auto& id : kTableIds) EXPECT_NE(md.find("tables/" + id + ".csv"), std::string::npos) << id;
  // Table 6 cell: the tau with four decimals, as the paper prints it.
  char expected[16];
  std::snprintf(expected, sizeof expected, "%.4f", brute_tau_b(proxy("linear", 10), targets()));
  EXPECT_NE(md.find(std::string("| linear | ")), std::string::npos);
  EXPECT_NE(md.find(expected), std::string::npos) << expected;
}

// The summary leads with the verdict and how it stands against the zero-cost scores, and leaves the
// per-budget comparisons to the Recommendation section.
TEST_F(StudyReport, SummaryStatesTheVerdictAndTheOtherFamilies) {
  const std::string md = read_file(*dir_ / "report.md");
  const std::size_t from = md.find("## Summary"), to = md.find("## Study settings");
  ASSERT_NE(from, std::string::npos);
  ASSERT_NE(to, std::string::npos);
  const std::string summary = md.substr(from, to - from);
  const nlohmann::json rec = nlohmann::json::parse(read_file(*dir_ / "report.json"))["study"]["recommendation"];
  const std::string text = rec["text"].get<std::string>(), verdict = rec["verdict"].get<std::string>();
  ASSERT_FALSE(verdict.empty());
  // The verdict is the tail of the full text; every line of it is in the summary.
  ASSERT_GT(text.size(), verdict.size());
  EXPECT_EQ(text.substr(text.size() - verdict.size()), verdict);
  std::istringstream lines(verdict);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty()) {
      EXPECT_NE(summary.find(line), std::string::npos) << line;
    }
  }
  EXPECT_NE(summary.find("Against zero-cost scores: the best,"), std::string::npos) << summary;
  // The per-budget lines come before the verdict and stay in the Recommendation section.
  const std::string first_budget_line = text.substr(0, text.find('\n'));
  ASSERT_NE(first_budget_line.rfind("At ", 0), std::string::npos) << first_budget_line;
  EXPECT_EQ(summary.find(first_budget_line), std::string::npos) << summary;
  EXPECT_NE(md.find(first_budget_line), std::string::npos);
}

// The fixture has 2 seeds, a short full budget and a few architectures: the settings section says
// first that this is not the paper's scale and what differs.
TEST_F(StudyReport, SettingsSayWhatWasScaledAgainstThePaper) {
  const std::string md = read_file(*dir_ / "report.md");
  const auto at = md.find("A scaled-down study");
  ASSERT_NE(at, std::string::npos);
  EXPECT_GT(at, md.find("## Study settings"));
  EXPECT_LT(at, md.find("## Progress"));
  EXPECT_NE(md.find("2 seeds per configuration (paper: 3)"), std::string::npos);
  EXPECT_NE(md.find("epochs (paper: 200)"), std::string::npos);
  EXPECT_NE(md.find("architectures (paper: 100)"), std::string::npos);
  EXPECT_EQ(md.find("(paper: CIFAR-10)"), std::string::npos);  // the fixture records no dataset name
}

TEST_F(StudyReport, HtmlIsWellFormedAndReferencesNothingOutsideItself) {
  const std::string html = read_file(*dir_ / "report.html");
  EXPECT_EQ(xml_problem(html), "");
  EXPECT_EQ(html.find("http://"), std::string::npos);
  EXPECT_EQ(html.find("https://"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_EQ(html.find("@import"), std::string::npos);
  EXPECT_EQ(html.find("url("), html.find("url(#")) << "a CSS url() that is not an in-page reference";
  // Every href is an in-page anchor that exists, and no id is used twice.
  std::multiset<std::string> ids;
  static const std::regex id_attr("\\sid=[\"']([^\"']+)[\"']"), href("href=[\"']([^\"']*)[\"']");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), id_attr); it != std::sregex_iterator(); ++it)
    ids.insert((*it)[1]);
  for (const auto& id : ids) EXPECT_EQ(ids.count(id), 1u) << "duplicate id " << id;
  std::size_t hrefs = 0;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), href); it != std::sregex_iterator(); ++it, ++hrefs) {
    const std::string target = (*it)[1];
    ASSERT_FALSE(target.empty());
    EXPECT_EQ(target[0], '#') << target;
    EXPECT_TRUE(ids.count(target.substr(1))) << "dangling " << target;
  }
  EXPECT_GT(hrefs, 10u);
  if (gnuplot_installed()) {
    EXPECT_EQ(count(html, "<svg"), result_->figures.size());
  }
}

/// Numbers of one data block of a gnuplot .dat file (blocks are separated by two blank lines).
std::vector<std::vector<double>> data_block(const std::string& dat, std::size_t index) {
  std::vector<std::vector<double>> rows;
  std::istringstream in(dat);
  std::string line;
  std::size_t block = 0, blanks = 0;
  while (std::getline(in, line)) {
    if (line.empty()) {
      if (++blanks == 2) ++block;
      continue;
    }
    blanks = 0;
    if (line[0] == '#' || block != index) continue;
    std::istringstream fields(line);
    std::vector<double> row;
    for (std::string f; fields >> f;) row.push_back(f == "NaN" ? kNaN : std::strtod(f.c_str(), nullptr));
    rows.push_back(row);
  }
  return rows;
}

/// The lines of the data block of `series` in panel `panel` of a grid's .dat file ("# [k] panel P: title").
std::vector<std::string> panel_lines(const std::string& dat, std::size_t panel, const std::string& series) {
  std::vector<std::string> lines;
  std::istringstream in(dat);
  std::string line;
  bool inside = false;
  const std::string tail = "] panel " + std::to_string(panel) + ": " + series;
  while (std::getline(in, line)) {
    if (line.empty()) {
      inside = false;
      continue;
    }
    if (line[0] == '#') {
      inside = line.size() >= tail.size() && line.compare(line.size() - tail.size(), tail.size(), tail) == 0;
      continue;
    }
    if (inside) lines.push_back(line);
  }
  return lines;
}

/// The panel titles of a grid's script, in panel order.
std::vector<std::string> panel_titles(const std::string& gp) {
  std::vector<std::string> titles;
  std::istringstream in(gp);
  for (std::string line; std::getline(in, line);)
    if (line.rfind("set title '", 0) == 0) titles.push_back(line.substr(11, line.size() - 12));
  return titles;
}

std::size_t panel_starting(const std::vector<std::string>& titles, const std::string& start) {
  for (std::size_t p = 0; p < titles.size(); ++p)
    if (titles[p].rfind(start, 0) == 0) return p;
  return titles.size();
}

TEST_F(StudyReport, FiguresHaveTheirSourcesAndTheirData) {
  const std::vector<std::string> expected = {"schedules",        "tau_by_budget", "scatter",          "reference_seeds",
                                             "val_acc",          "arch_curves",   "grad_norm_linear", "tau_vs_compute",
                                             "zero_cost_scores", "predictors"};
  for (const auto& id : expected) {
    EXPECT_TRUE(fs::exists(*dir_ / "figures" / (id + ".gp"))) << id;
    EXPECT_TRUE(fs::exists(*dir_ / "figures" / (id + ".dat"))) << id;
  }
  std::set<std::string> gp;
  for (const auto& e : fs::directory_iterator(*dir_ / "figures"))
    if (e.path().extension() == ".gp") gp.insert(e.path().stem().string());
  EXPECT_EQ(gp, std::set<std::string>(expected.begin(), expected.end()));
  // The scatter grid: one panel per schedule and budget; linear at 10 epochs holds six
  // architectures at (proxy, target), no top-k apart (the automatic k, 5, is more than half of
  // them); with --top-k 1 the top architecture (a) stands apart.
  const std::string dat = read_file(*dir_ / "figures" / "scatter.dat");
  const auto titles = panel_titles(read_file(*dir_ / "figures" / "scatter.gp"));
  ASSERT_EQ(titles.size(), 4u);
  const std::size_t linear10 = panel_starting(titles, "linear, 10 ep");
  ASSERT_LT(linear10, titles.size());
  const auto points = panel_lines(dat, linear10, "architecture (colour of its schedule)");
  ASSERT_EQ(points.size(), 6u) << dat;
  EXPECT_TRUE(panel_lines(dat, linear10, "full-budget top").empty());
  {
    Scratch scratch("top1");
    ReportOptions o = quick_options();
    o.study.statistics.top_k = 1;
    write_study_report(*input_, scratch / "report", o);
    const std::string one = read_file(scratch / "report" / "figures" / "scatter.dat");
    const auto rest = panel_lines(one, linear10, "architecture (colour of its schedule)");
    const auto top = panel_lines(one, linear10, "full-budget top 1");
    ASSERT_EQ(rest.size(), 5u);
    ASSERT_EQ(top.size(), 1u);
    double x = 0, y = 0;
    std::istringstream(top[0]) >> x >> y;
    EXPECT_NEAR(x, 0.81, 1e-9);  // a: proxy (0.80 + 0.82) / 2 against its target (0.90 + 0.92) / 2
    EXPECT_NEAR(y, 0.91, 1e-9);
  }
  // tau by budget: the linear markers hold its tau at 1 and 10 epochs.
  const std::string tau_dat = read_file(*dir_ / "figures" / "tau_by_budget.dat");
  bool found = false;
  for (std::size_t b = 0; b < 12 && !found; ++b) {
    const auto rows = data_block(tau_dat, b);
    if (rows.size() == 2 && rows[0].size() == 4 &&
        std::abs(rows[0][1] - brute_tau_b(proxy("linear", 1), targets())) < 1e-9 &&
        std::abs(rows[1][1] - brute_tau_b(proxy("linear", 10), targets())) < 1e-9)
      found = true;
  }
  EXPECT_TRUE(found) << tau_dat;
}

TEST_F(StudyReport, ScatterGridNamesTheArchitectureWhoseRemovalMovesTheTauMost) {
  const std::string dat = read_file(*dir_ / "figures" / "scatter.dat");
  const auto titles = panel_titles(read_file(*dir_ / "figures" / "scatter.gp"));
  for (const std::string schedule : {"linear", "const"})
    for (double budget : {1.0, 10.0}) {
      SCOPED_TRACE(schedule + " at " + std::to_string(budget));
      // Leave each architecture out in turn and count pairs again.
      const std::vector<double> x = proxy(schedule, budget), y = targets();
      const double all = brute_tau_b(x, y);
      std::vector<double> move;
      for (std::size_t i = 0; i < x.size(); ++i) {
        std::vector<double> xs, ys;
        for (std::size_t j = 0; j < x.size(); ++j)
          if (j != i) {
            xs.push_back(x[j]);
            ys.push_back(y[j]);
          }
        move.push_back(std::abs(brute_tau_b(xs, ys) - all));
      }
      const double most = *std::max_element(move.begin(), move.end());
      const std::size_t p = panel_starting(titles, schedule + ", " + format_number(budget) + " ep");
      ASSERT_LT(p, titles.size());
      const auto ring = panel_lines(dat, p, "most influential architecture (leave one out)");
      ASSERT_EQ(ring.size(), 1u) << dat;
      const std::string label = ring[0].substr(ring[0].find('"') + 1, 1);
      const std::size_t i = static_cast<std::size_t>(std::find(kArchs.begin(), kArchs.end(), label) - kArchs.begin());
      ASSERT_LT(i, kArchs.size()) << ring[0];
      EXPECT_NEAR(move[i], most, 1e-12) << "the ringed architecture " << label << " is not the one that moves tau most";
      double rx = 0, ry = 0;
      std::istringstream(ring[0]) >> rx >> ry;
      EXPECT_NEAR(rx, x[i], 1e-9);
      EXPECT_NEAR(ry, y[i], 1e-9);
    }
}

TEST_F(StudyReport, EveryZeroCostScoreHasAPanelAgainstTheTarget) {
  std::set<std::string> scores;
  for (const auto& z : input_->zero_cost) scores.insert(z.score);
  ASSERT_GE(scores.size(), 2u);
  const std::string gp = read_file(*dir_ / "figures" / "zero_cost_scores.gp");
  const std::string dat = read_file(*dir_ / "figures" / "zero_cost_scores.dat");
  const auto titles = panel_titles(gp);
  EXPECT_EQ(titles.size(), scores.size());
  for (const auto& score : scores) {
    const std::size_t p = panel_starting(titles, score + ":");
    ASSERT_LT(p, titles.size()) << score;
    // Each point: the score's value against the architecture's target.
    for (const auto& line : panel_lines(dat, p, "architecture")) {
      double v = 0, t = 0;
      std::istringstream(line) >> v >> t;
      bool matched = false;
      for (const auto& z : input_->zero_cost)
        if (z.score == score && z.value == v) {
          const std::size_t i =
              static_cast<std::size_t>(std::find(kArchs.begin(), kArchs.end(), z.arch) - kArchs.begin());
          matched = i < kArchs.size() && std::abs(targets()[i] - t) < 1e-9;
        }
      EXPECT_TRUE(matched) << score << ": " << line;
    }
  }
}

TEST_F(StudyReport, ReferenceSeedsArePlottedAgainstEachOther) {
  const std::string dat = read_file(*dir_ / "figures" / "reference_seeds.dat");
  const auto pts = panel_lines(dat, 0, "architecture");
  ASSERT_EQ(pts.size(), kArchs.size());
  std::set<std::pair<double, double>> want, got;
  for (const auto& a : kArchs) want.insert({kReference.at(a).first, kReference.at(a).second});
  for (const auto& line : pts) {
    double x = 0, y = 0;
    std::istringstream(line) >> x >> y;
    got.insert({x, y});
  }
  EXPECT_EQ(got, want);
}

TEST_F(StudyReport, EverySvgIsWellFormedAndShowsItsSeries) {
  if (!gnuplot_installed()) GTEST_SKIP() << "gnuplot is not installed (Debian: gnuplot-nox)";
  EXPECT_EQ(result_->figures.size(), 10u);
  EXPECT_EQ(result_->figures_not_drawn, 0u);
  static const std::regex group("id=\"gnuplot_plot_[0-9]+[a-z]*\"");
  for (const auto& svg_path : result_->figures) {
    SCOPED_TRACE(svg_path.string());
    const std::string svg = read_file(svg_path);
    EXPECT_EQ(xml_problem(svg), "");
    EXPECT_TRUE(std::regex_search(svg, group)) << "no plotted series";
    // A PNG and a PDF for a paper beside each SVG.
    const std::string png = read_file(fs::path(svg_path).replace_extension(".png"));
    const std::string pdf = read_file(fs::path(svg_path).replace_extension(".pdf"));
    EXPECT_EQ(png.substr(1, 3), "PNG");
    EXPECT_EQ(pdf.rfind("%PDF", 0), 0u);
  }
  const auto json = nlohmann::json::parse(read_file(*dir_ / "report.json"));
  for (const auto& f : json["figures"]) {
    EXPECT_EQ(f["png"], "figures/" + f["id"].get<std::string>() + ".png");
    EXPECT_EQ(f["pdf"], "figures/" + f["id"].get<std::string>() + ".pdf");
  }
  const std::string tau = read_file(*dir_ / "figures" / "tau_by_budget.svg");
  for (const std::string text : {">linear<", ">const<", "noise ceiling", "budget (epochs, log scale)", "Kendall"})
    EXPECT_NE(tau.find(text), std::string::npos) << text;
  const std::string scatter = read_file(*dir_ / "figures" / "scatter.svg");
  for (const std::string text : {"linear, 1 ep", "const, 10 ep", "most influential architecture"})
    EXPECT_NE(scatter.find(text), std::string::npos) << text;
  const std::string grad = read_file(*dir_ / "figures" / "grad_norm_linear.svg");
  EXPECT_NE(grad.find("learning rate"), std::string::npos);
  const std::string cost = read_file(*dir_ / "figures" / "tau_vs_compute.svg");
  for (const std::string text : {">synflow<", ">params<", "zero-cost scores", "frontier"})
    EXPECT_NE(cost.find(text), std::string::npos) << text;
}

TEST(StudyReportCases, AFigureWithoutItsDataIsLeftOutWithAReason) {
  // One reference seed: no seed against seed to draw; no curves: no validation curves.
  StudyReportInput in = hand_made();
  in.runs.erase(
      std::remove_if(in.runs.begin(), in.runs.end(), [](const auto& r) { return r.reference && r.seed == 1; }),
      in.runs.end());
  for (auto& r : in.runs) r.curve = {};
  const Scratch scratch("missing_figures");
  ReportOptions o = quick_options();
  o.figures = false;
  const ReportResult r = write_study_report(in, scratch / "report", o);
  const std::string md = read_file(r.markdown);
  EXPECT_FALSE(fs::exists(scratch / "report" / "figures" / "reference_seeds.gp"));
  EXPECT_FALSE(fs::exists(scratch / "report" / "figures" / "val_acc.gp"));
  EXPECT_TRUE(fs::exists(scratch / "report" / "figures" / "scatter.gp"));
  EXPECT_NE(md.find("No figure of the reference seeds against each other: the reference runs have fewer than two "
                    "seeds"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("No validation curves: no learning curves were given."), std::string::npos) << md;
}

// ---- inline SVG ----

TEST(InlineSvg, PrefixesIdsAndReferencesAndDropsWhatHtmlCannotHold) {
  const std::string svg =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/x.dtd\">\n"
      "<svg width=\"400\" height=\"300\" viewBox=\"0 0 400 300\"\n xmlns=\"http://www.w3.org/2000/svg\"\n"
      " xmlns:xlink=\"http://www.w3.org/1999/xlink\">\n<title>Gnuplot</title>\n<!-- a comment -->\n"
      "<defs><circle id='gpPt5' r='1'/><use xlink:href='#gpPt5' id='gpPt6'/></defs>\n"
      "<g id=\"gnuplot_plot_1\" clip-path=\"url(#clip1)\"><text>id='x' href='#y'</text></g>\n</svg>\n";
  const std::string out = inline_svg(svg, "f3-", "tau & budget");
  EXPECT_EQ(xml_problem(out), "");
  EXPECT_EQ(out.find("http"), std::string::npos) << out;
  EXPECT_EQ(out.find("<?xml"), std::string::npos);
  EXPECT_EQ(out.find("xlink"), std::string::npos) << out;
  EXPECT_NE(out.find("id='f3-gpPt5'"), std::string::npos) << out;
  EXPECT_NE(out.find("href='#f3-gpPt5' id='f3-gpPt6'"), std::string::npos) << out;
  EXPECT_NE(out.find("id=\"f3-gnuplot_plot_1\""), std::string::npos) << out;
  EXPECT_NE(out.find("url(#f3-clip1)"), std::string::npos) << out;
  EXPECT_NE(out.find("<text>id='x' href='#y'</text>"), std::string::npos) << "text is not an attribute: " << out;
  EXPECT_NE(out.find("<title>tau &amp; budget</title>"), std::string::npos) << out;
  EXPECT_NE(out.find("aria-label=\"tau &amp; budget\""), std::string::npos) << out;
  EXPECT_NE(out.find("max-width:400px"), std::string::npos) << out;
  EXPECT_EQ(out.find("width=\"400\""), std::string::npos) << out;
  EXPECT_NE(out.find("viewBox=\"0 0 400 300\""), std::string::npos) << out;
}

// ---- nothing to report, partial studies, gnuplot missing ----

TEST(StudyReportCases, NoRunsIsAnErrorThatSaysSoAndWritesNothing) {
  const Scratch scratch("empty");
  const fs::path dir = scratch / "report";
  StudyReportInput in;
  in.progress = {true, 40, 0, 40, 0, 0, {}};
  try {
    write_study_report(in, dir, quick_options());
    FAIL() << "expected an error";
  } catch (const Error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("no run has finished"), std::string::npos) << what;
    EXPECT_NE(what.find("0 of 40 jobs done"), std::string::npos) << what;
    EXPECT_EQ(what.find('\n'), std::string::npos) << what;
  }
  EXPECT_FALSE(fs::exists(dir));
  EXPECT_TRUE(fs::is_empty(dir.parent_path()));
}

TEST(StudyReportCases, OnlyReferenceRunsIsAnErrorThatSaysSo) {
  const Scratch scratch("reference_only");
  const fs::path dir = scratch / "report";
  StudyReportInput in = hand_made();
  in.runs.erase(std::remove_if(in.runs.begin(), in.runs.end(), [](const auto& r) { return !r.reference; }),
                in.runs.end());
  try {
    write_study_report(in, dir, quick_options());
    FAIL() << "expected an error";
  } catch (const Error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("only reference (full-budget) runs"), std::string::npos) << what;
    EXPECT_NE(what.find("14 runs of 7 architectures"), std::string::npos) << what;
  }
  EXPECT_FALSE(fs::exists(dir));
}

TEST(StudyReportCases, UnfinishedSweepReportsWhatIsDoneAndWhatIsMissing) {
  const Scratch scratch("unfinished");
  const fs::path dir = scratch / "report";
  StudyReportInput in = hand_made();
  // f has no reference run yet, and const at 10 epochs has not run for seed 1.
  in.runs.erase(std::remove_if(in.runs.begin(), in.runs.end(),
                               [](const auto& r) {
                                 return (r.arch == "f" && r.reference) ||
                                        (r.schedule == "const" && r.budget_epochs == 10 && r.seed == 1);
                               }),
                in.runs.end());
  in.progress = {true, 70, 50, 12, 2, 6, {}};
  in.progress.missing.push_back({"linear", "full", true, 1, 1, 0, ""});
  in.progress.missing.push_back({"const", "10ep", false, 11, 1, 6, "CUDA out of memory"});
  const ReportResult r = write_study_report(in, dir, quick_options());
  const std::string md = read_file(dir / "report.md");
  EXPECT_NE(md.find("The sweep is unfinished: 50 of 70 jobs are done"), std::string::npos) << md;
  EXPECT_NE(md.find("CUDA out of memory"), std::string::npos);
  EXPECT_NE(md.find("1 architectures have no finished reference"), std::string::npos);
  ASSERT_FALSE(r.notices.empty());
  EXPECT_NE(r.notices[0].find("unfinished"), std::string::npos);
  const CsvTable progress = read_csv(dir / "tables" / "progress.csv");
  ASSERT_EQ(progress.rows.size(), 2u);
  EXPECT_EQ(progress.rows[1][progress.column("failed")], "6");
  // The tables use what is done: five architectures, const at 10 epochs from seed 0 alone.
  const CsvTable all = read_csv(dir / "tables" / "table6_statistics.csv");
  std::vector<double> target, const10;
  for (const std::string a : {"a", "b", "c", "d", "e"}) {
    target.push_back(mid(kReference.at(a)));
    const10.push_back(small_results("const", 10).at(a).first);
  }
  EXPECT_EQ(all.rows[3][all.column("schedule")], "const");
  EXPECT_NEAR(cell(all, 3, "tau"), brute_tau_b(const10, target), 1e-10);
  EXPECT_EQ(cell(all, 3, "n"), 5);
  const auto excluded = column(read_csv(dir / "tables" / "excluded.csv"), "reason");
  EXPECT_NE(excluded.at("f").find("no reference"), std::string::npos);
}

TEST(StudyReportCases, NoReferenceRunYetStillGivesAReportThatSaysWhy) {
  const Scratch scratch("no_reference");
  const fs::path dir = scratch / "report";
  StudyReportInput in = hand_made();
  in.runs.erase(std::remove_if(in.runs.begin(), in.runs.end(), [](const auto& r) { return r.reference; }),
                in.runs.end());
  in.zero_cost.clear();
  const ReportResult r = write_study_report(in, dir, quick_options());
  const std::string md = read_file(dir / "report.md");
  EXPECT_NE(md.find("No architecture has a usable reference"), std::string::npos) << md;
  EXPECT_EQ(read_csv(dir / "tables" / "table6_statistics.csv").rows.size(), 0u);
  EXPECT_EQ(xml_problem(read_file(dir / "report.html")), "");
}

TEST(StudyReportCases, AFinishedSweepWhoseReferenceRunsAllFailedDoesNotSayToWait) {
  const Scratch scratch("untrainable_references");
  const fs::path dir = scratch / "report";
  StudyReportInput in = hand_made();
  for (auto& r : in.runs)
    if (r.reference) r.status = "untrainable";
  in.progress.known = true;
  in.progress.total = in.progress.done = static_cast<std::int64_t>(in.runs.size());
  write_study_report(in, dir, quick_options());
  const std::string md = read_file(dir / "report.md");
  EXPECT_NE(md.find("each one's reference runs diverged or were untrainable"), std::string::npos) << md;
  EXPECT_EQ(md.find("until reference runs finish"), std::string::npos) << "nothing is still to come";
}

/// Sets PATH for the life of the object.
struct ScopedPath {
  explicit ScopedPath(const std::string& value) : old(std::getenv("PATH") ? std::getenv("PATH") : "") {
    ::setenv("PATH", value.c_str(), 1);
  }
  ~ScopedPath() { ::setenv("PATH", old.c_str(), 1); }
  std::string old;
};

TEST(StudyReportCases, WithoutGnuplotTheReportIsCompleteAndSaysOnceHowToDraw) {
  const Scratch scratch("no_gnuplot");
  const fs::path dir = scratch / "report";
  ReportResult r;
  {
    ScopedPath path("/nonexistent");
    r = write_study_report(hand_made(), dir, quick_options());
  }
  EXPECT_TRUE(r.figures.empty());
  EXPECT_EQ(r.figures_not_drawn, 10u);
  std::size_t gp = 0, dat = 0, svg = 0;
  for (const auto& e : fs::directory_iterator(dir / "figures")) {
    gp += e.path().extension() == ".gp";
    dat += e.path().extension() == ".dat";
    svg += e.path().extension() == ".svg";
  }
  EXPECT_EQ(gp, 10u);
  EXPECT_EQ(dat, 10u);
  EXPECT_EQ(svg, 0u);
  for (const auto& id : kTableIds) EXPECT_TRUE(fs::exists(dir / "tables" / (id + ".csv"))) << id;
  const std::string md = read_file(dir / "report.md");
  EXPECT_EQ(count(md, "gnuplot was not found, so"), 1u) << md;
  EXPECT_NE(md.find("gnuplot-nox"), std::string::npos);
  EXPECT_NE(md.find("for f in *.gp; do gnuplot"), std::string::npos);
  EXPECT_NE(md.find("Table 6:"), std::string::npos);
  const std::string html = read_file(dir / "report.html");
  EXPECT_EQ(xml_problem(html), "");
  EXPECT_EQ(html.find("<svg"), std::string::npos);
  const std::size_t notices = std::count_if(r.notices.begin(), r.notices.end(), [](const std::string& n) {
    return n.find("gnuplot was not found") != std::string::npos;
  });
  EXPECT_EQ(notices, 1u);
  // Following the advice with a real gnuplot draws the figures from the kept sources.
  if (gnuplot_installed()) {
    ASSERT_EQ(std::system(("cd '" + (dir / "figures").string() + "' && gnuplot tau_by_budget.gp").c_str()), 0);
    EXPECT_EQ(xml_problem(read_file(dir / "figures" / "tau_by_budget.svg")), "");
  }
}

TEST(StudyReportCases, ReplacesAnEarlierReportButNotOtherFiles) {
  const Scratch scratch("replace");
  const fs::path root = scratch.root();
  const fs::path dir = root / "report";
  ReportOptions o = quick_options();
  o.figures = false;
  write_study_report(hand_made(), dir, o);
  write_file_atomic(dir / "stale.txt", "from before");
  StudyReportInput in = hand_made();
  in.settings.dataset = "second";
  write_study_report(in, dir, o);
  EXPECT_FALSE(fs::exists(dir / "stale.txt")) << "the earlier report is replaced whole";
  EXPECT_EQ(column(read_csv(dir / "tables" / "settings.csv"), "value").at("dataset"), "second");
  std::set<std::string> left;
  for (const auto& e : fs::directory_iterator(root)) left.insert(e.path().filename().string());
  EXPECT_EQ(left, std::set<std::string>{"report"});

  const fs::path other = root / "mine";
  write_file_atomic(other / "notes.txt", "keep me");
  EXPECT_THROW(write_study_report(hand_made(), other, o), Error);
  EXPECT_EQ(read_file(other / "notes.txt"), "keep me");
  write_file_atomic(root / "file", "x");
  EXPECT_THROW(write_study_report(hand_made(), root / "file", o), Error);
}

TEST(StudyReportCases, FiguresOffKeepsSourcesAndSaysHowToDraw) {
  const Scratch scratch("figures_off");
  const fs::path dir = scratch / "report";
  ReportOptions o = quick_options();
  o.figures = false;
  const ReportResult r = write_study_report(hand_made(), dir, o);
  EXPECT_TRUE(r.figures.empty());
  EXPECT_TRUE(fs::exists(dir / "figures" / "tau_by_budget.gp"));
  EXPECT_TRUE(fs::exists(dir / "figures" / "tau_by_budget.dat"));
  EXPECT_NE(read_file(dir / "report.md").find("not drawn on request"), std::string::npos);
}

// A statistic among StudyOptions::table6_columns that no part of the report knows by name is a
// column of Table 6 in every file: Markdown and HTML (header, cells, caption), its CSV and JSON
// (value and parameter), and the study in report.json.
TEST(StudyReportCases, AStatisticOfTable6IsAColumnOfEveryFile) {
  Scratch scratch("extra_statistic");
  ReportOptions o = quick_options();
  o.figures = false;
  o.study.table6_columns.push_back(ranking::test_support::mean_x_statistic());
  const fs::path dir = scratch / "report";
  write_study_report(hand_made(), dir, o);

  const CsvTable all = read_csv(dir / "tables" / "table6_statistics.csv");
  const CsvTable t7 = read_csv(dir / "tables" / "table7.csv");
  ASSERT_EQ(all.rows.size(), 4u);
  EXPECT_EQ(all.header.back(), "test_mean_x");
  EXPECT_EQ(all.column("test_twice_n") + 1, all.column("test_mean_x"));  // the parameter goes first
  for (std::size_t row = 0; row < all.rows.size(); ++row) {
    const std::string schedule = all.rows[row][all.column("schedule")];
    const std::string budget = all.rows[row][all.column("budget_epochs")];
    std::size_t t7_row = 0;  // table7.csv is long too: one row per schedule and budget
    while (t7_row < t7.rows.size() && (t7.rows[t7_row][t7.column("schedule")] != schedule ||
                                       t7.rows[t7_row][t7.column("budget_epochs")] != budget))
      ++t7_row;
    ASSERT_LT(t7_row, t7.rows.size()) << schedule << " " << budget;
    EXPECT_NEAR(cell(all, row, "test_mean_x"), cell(t7, t7_row, "mean_best_val_acc"), 1e-10)
        << schedule << " " << budget;
    EXPECT_EQ(cell(all, row, "test_twice_n"), 2 * cell(all, row, "n"));
  }

  const std::string md = read_file(dir / "report.md");
  EXPECT_EQ(count(md, "| test_mean_x (2n) |"), 1u) << md;
  EXPECT_EQ(count(md, " (12) |\n"), 4u) << md;  // six architectures in every cell
  EXPECT_NE(md.find("the probability of ordering a random pair correctly and the mean proxy accuracy."),
            std::string::npos);
  const std::string html = read_file(dir / "report.html");
  EXPECT_EQ(count(html, "<th>test_mean_x (2n)</th>"), 1u);
  EXPECT_EQ(xml_problem(html), "");

  const auto j = nlohmann::json::parse(read_file(dir / "report.json"));
  const auto& columns = j["tables"]["table6_statistics"]["columns"];
  EXPECT_EQ(columns.back(), "test_mean_x");
  for (const auto& row : nasrank::test_support::records(j["tables"]["table6_statistics"])) {
    EXPECT_TRUE(row["test_mean_x"].is_number()) << row.dump();
    EXPECT_EQ(row["test_twice_n"], 12) << row.dump();
  }
}

TEST(StudyReportCases, BadInputNamesWhatIsWrong) {
  const Scratch scratch("bad");
  const fs::path dir = scratch / "report";
  StudyReportInput in = hand_made();
  in.schedule_curves[0].ratio.pop_back();
  EXPECT_THROW(write_study_report(in, dir, quick_options()), Error);
  in = hand_made();
  in.zero_cost.push_back(in.zero_cost.front());
  try {
    write_study_report(in, dir, quick_options());
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("given twice"), std::string::npos) << e.what();
  }
  in = hand_made();
  in.runs[0].status = "exploded";
  EXPECT_THROW(write_study_report(in, dir, quick_options()), Error);
  EXPECT_FALSE(fs::exists(dir));
}

}  // namespace
}  // namespace nasrank::reports
