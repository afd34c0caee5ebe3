// The study's aggregation and tables against a hand-made set of runs whose medians, exclusions,
// taus and means are worked out in the comments.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include "nasrank/core/csv.h"
#include "nasrank/core/error.h"
#include "nasrank/ranking/study.h"
#include "nasrank/ranking/study_report.h"
#include "nasrank/ranking/study_tables.h"
#include "table_records.h"
#include "test_statistic.h"

namespace nasrank::ranking {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

RunResult run(const std::string& arch, const std::string& schedule, double epochs, int seed, double acc, double seconds,
              double best_progress = kNaN, const std::string& status = "ok") {
  RunResult r;
  r.arch = arch;
  r.schedule = schedule;
  r.budget_epochs = epochs;
  r.budget_fraction = epochs / 200.0;
  r.seed = seed;
  r.status = status;
  r.best_val_acc = acc;
  r.final_val_acc = acc;
  r.best_progress = best_progress;
  r.seconds = seconds;
  r.steps = static_cast<std::int64_t>(epochs * 100);
  return r;
}

RunResult reference(const std::string& arch, int seed, double acc, const std::string& status = "ok") {
  RunResult r = run(arch, "linear", 200, seed, acc, 1000, 0.5, status);
  r.reference = true;
  return r;
}

// Seven architectures. Full-budget (reference) accuracy by seed 1, 2, 3 and its median:
//   A .90 .92 .91 -> .91    B .80 .85 .60 -> .80    C .60 .65 .62 -> .62    G .70 .72 -> .71
//   D: seed 2 diverged -> excluded;  E: all untrainable -> excluded;  F: no reference run -> excluded.
// Target ranking: A > B > G > C.
std::vector<RunResult> hand_made_runs() {
  std::vector<RunResult> r = {
      reference("A", 1, .90),
      reference("A", 2, .92),
      reference("A", 3, .91),
      reference("B", 1, .80),
      reference("B", 2, .85),
      reference("B", 3, .60),
      reference("C", 1, .60),
      reference("C", 2, .65),
      reference("C", 3, .62),
      reference("D", 1, .95),
      reference("D", 2, .50, "diverged"),
      reference("D", 3, .94),
      reference("E", 1, .10, "untrainable"),
      reference("E", 2, .10, "untrainable"),
      reference("E", 3, .10, "untrainable"),
      reference("G", 1, .70),
      reference("G", 2, .72),
      // linear at 1 epoch (0.5%): medians A .5, B (.3+.35)/2 = .325, C .2, G .45 -> A > G > B > C.
      // Median seconds per run: A 12, B 9, C 10, G 11.
      run("A", "linear", 1, 1, .5, 10, .2),
      run("A", "linear", 1, 2, .6, 12, .2),
      run("A", "linear", 1, 3, .4, 14, .2),
      run("B", "linear", 1, 1, .3, 8, .2),
      run("B", "linear", 1, 2, .35, 10, .2),
      run("C", "linear", 1, 1, .2, 10, .2),
      run("C", "linear", 1, 2, .1, 10, .2),
      run("C", "linear", 1, 3, .3, 10, .2),
      run("G", "linear", 1, 1, .45, 11, .2),
      run("D", "linear", 1, 1, .9, 10, .2),
      run("E", "linear", 1, 1, .1, 10, .2),
      run("F", "linear", 1, 1, .7, 10, .2),
      // const at 1 epoch: A .1, B .4, C .3, G .2 -> B > C > G > A.
      run("A", "const", 1, 1, .1, 10),
      run("B", "const", 1, 1, .4, 10),
      run("C", "const", 1, 1, .3, 10),
      run("G", "const", 1, 1, .2, 10),
      // linear at 20 epochs (10%): A .85 B .75 C .55 G .65 -> A > B > G > C, best progress 1, .95, 1, .9.
      // B's diverged seed has no accuracy: it is left out of the median and of Table 5.
      run("A", "linear", 20, 1, .85, 200, 1.0),
      run("B", "linear", 20, 1, .75, 200, .95),
      run("B", "linear", 20, 2, kNaN, 200, .3, "diverged"),
      run("C", "linear", 20, 1, .55, 200, 1.0),
      run("G", "linear", 20, 1, .65, 200, .9),
      run("D", "linear", 20, 1, .9, 200, .1),
      // const at 20 epochs: A .70 B .72 C .50, no run of G; best progress .6 .8 .7.
      run("A", "const", 20, 1, .70, 200, .6),
      run("B", "const", 20, 1, .72, 200, .8),
      run("C", "const", 20, 1, .50, 200, .7),
  };
  return r;
}

const CorrelationRow& row6(const StudyTables& t, const std::string& schedule, double epochs) {
  for (const auto& r : t.table6)
    if (r.schedule == schedule && r.budget.epochs == epochs) return r;
  throw std::runtime_error("no row " + schedule);
}
const MeanRow& mean_row(const std::vector<MeanRow>& rows, const std::string& schedule, double epochs) {
  for (const auto& r : rows)
    if (r.schedule == schedule && r.budget.epochs == epochs) return r;
  throw std::runtime_error("no row " + schedule);
}

TEST(Aggregate, MediansOverSeedsAndExcludedArchitectures) {
  const Aggregate a = aggregate_runs(hand_made_runs());
  EXPECT_EQ(a.architectures_seen, 7u);
  EXPECT_EQ(a.archs, (std::vector<std::string>{"A", "B", "C", "G"}));
  ASSERT_EQ(a.excluded.size(), 3u);
  EXPECT_EQ(a.excluded[0].arch, "D");
  EXPECT_NE(a.excluded[0].reason.find("seed 2 diverged"), std::string::npos) << a.excluded[0].reason;
  EXPECT_EQ(a.excluded[1].arch, "E");
  EXPECT_NE(a.excluded[1].reason.find("untrainable"), std::string::npos);
  EXPECT_EQ(a.excluded[2].arch, "F");
  EXPECT_NE(a.excluded[2].reason.find("no reference"), std::string::npos);
  Eigen::VectorXd target(4);
  target << .91, .80, .62, .71;
  EXPECT_TRUE(a.target.isApprox(target, 1e-15)) << a.target.transpose();
  EXPECT_EQ(a.schedules, (std::vector<std::string>{"linear", "const"}));
  ASSERT_EQ(a.budgets.size(), 2u);
  EXPECT_EQ(a.budgets[0].label, "1 (0.5%)");
  EXPECT_EQ(a.budgets[1].label, "20 (10%)");
  ASSERT_EQ(a.cells.size(), 4u);
  const AggregateCell& linear1 = a.cells[0];
  EXPECT_EQ(linear1.schedule, "linear");
  EXPECT_EQ(linear1.budget.epochs, 1.0);
  Eigen::VectorXd acc(4), secs(4);
  acc << .5, .325, .2, .45;
  secs << 36, 18, 30, 11;  // every run the median uses: A 10+12+14, B 8+10, C 3x10, G 11
  EXPECT_TRUE(linear1.accuracy.isApprox(acc, 1e-15)) << linear1.accuracy.transpose();
  EXPECT_TRUE(linear1.seconds.isApprox(secs, 1e-15));
  EXPECT_TRUE(std::isnan(a.cells[3].accuracy[3]));  // const at 20: no run of G
  // Reference seeds as columns; G has no seed 3.
  EXPECT_EQ(a.reference_seeds, (std::vector<int>{1, 2, 3}));
  EXPECT_DOUBLE_EQ(a.reference_by_seed(1, 2), .60);
  EXPECT_TRUE(std::isnan(a.reference_by_seed(3, 2)));
}

TEST(Aggregate, InvalidRunsAreErrorsNamingTheRun) {
  auto runs = hand_made_runs();
  runs[5].status = "exploded";
  try {
    aggregate_runs(runs);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("run 6"), std::string::npos) << m;
    EXPECT_NE(m.find("exploded"), std::string::npos) << m;
    EXPECT_NE(m.find("ok, diverged, untrainable"), std::string::npos) << m;
  }
  runs = hand_made_runs();
  runs.back().budget_fraction = 0.2;  // 20 epochs said to be 20% here, 10% elsewhere
  EXPECT_THROW(aggregate_runs(runs), Error);
  runs = hand_made_runs();
  runs.back().best_progress = 1.5;
  EXPECT_THROW(aggregate_runs(runs), Error);
}

// Target A > B > G > C (.91 .80 .71 .62).
// linear@1: A > G > B > C: only (B, G) discordant, tau = (5-1)/6 = 2/3.
// const@1: B > C > G > A: (A,B) (A,G) (A,C) (G,C) discordant, (B,G) (B,C) concordant: (2-4)/6 = -1/3.
// linear@20: A > B > G > C, the target's order: 1.
// const@20: G missing (n = 3, 1 dropped); B > A > C against A > B > C: (1 - ... ) = (2-1)/3 = 1/3.
TEST(StudyTables, Table6TauPerScheduleAndBudget) {
  const StudyTables t = build_study_tables(hand_made_runs());
  EXPECT_EQ(t.architectures_used, 4u);
  EXPECT_EQ(t.excluded.size(), 3u);
  ASSERT_EQ(t.table6.size(), 4u);
  EXPECT_NEAR(row6(t, "linear", 1).stats.tau.estimate, 2.0 / 3.0, 1e-15);
  EXPECT_NEAR(row6(t, "const", 1).stats.tau.estimate, -1.0 / 3.0, 1e-15);
  EXPECT_NEAR(row6(t, "linear", 20).stats.tau.estimate, 1.0, 1e-15);
  const CorrelationRow& c20 = row6(t, "const", 20);
  EXPECT_NEAR(c20.stats.tau.estimate, 1.0 / 3.0, 1e-15);
  EXPECT_EQ(c20.stats.n, 3u);
  EXPECT_EQ(c20.stats.dropped, 1u);
  // Extra columns. linear@1 in ranks: proxy A 4, B 2, C 1, G 3; target A 4, B 3, C 1, G 2:
  // d^2 = 0 + 1 + 0 + 1 = 2, rho = 1 - 6*2/(4*15) = 0.8. Top-k's automatic k is at least 5, more
  // than half of 4 architectures: undefined. Pair order (tau + 1)/2 = 5/6.
  const CorrelationRow& l1 = row6(t, "linear", 1);
  ASSERT_NE(l1.statistic("spearman"), nullptr);
  EXPECT_NEAR(l1.statistic("spearman")->value, 0.8, 1e-15);
  ASSERT_NE(l1.statistic("top_k_precision"), nullptr);
  EXPECT_EQ(l1.statistic("top_k_precision")->parameter, 5u);
  EXPECT_TRUE(std::isnan(l1.statistic("top_k_precision")->value));
  ASSERT_NE(l1.statistic("pair_order_probability"), nullptr);
  EXPECT_NEAR(l1.statistic("pair_order_probability")->value, 5.0 / 6.0, 1e-15);
  EXPECT_EQ(l1.statistic("pearson"), nullptr);  // not one of Table 6's columns
  EXPECT_LE(l1.stats.tau.lower, l1.stats.tau.estimate);
  EXPECT_GE(l1.stats.tau.upper, l1.stats.tau.estimate);
  ASSERT_NE(row6(t, "linear", 20).statistic("weighted_tau"), nullptr);
  EXPECT_NEAR(row6(t, "linear", 20).statistic("weighted_tau")->value, 1.0, 1e-15);
}

TEST(StudyTables, Tables7And8MeanAndNormalisedAccuracy) {
  const StudyTables t = build_study_tables(hand_made_runs());
  // Table 7: linear@1 (.5 + .325 + .2 + .45)/4; const@20 (.70 + .72 + .50)/3 over the 3 with runs.
  EXPECT_NEAR(mean_row(t.table7, "linear", 1).mean, (.5 + .325 + .2 + .45) / 4, 1e-15);
  EXPECT_NEAR(mean_row(t.table7, "const", 1).mean, (.1 + .4 + .3 + .2) / 4, 1e-15);
  EXPECT_NEAR(mean_row(t.table7, "linear", 20).mean, (.85 + .75 + .55 + .65) / 4, 1e-15);
  EXPECT_NEAR(mean_row(t.table7, "const", 20).mean, (.70 + .72 + .50) / 3, 1e-15);
  EXPECT_EQ(mean_row(t.table7, "const", 20).n, 3u);
  // Table 8: each accuracy over its architecture's target (.91 .80 .62 .71), then averaged.
  EXPECT_NEAR(mean_row(t.table8, "linear", 1).mean, (.5 / .91 + .325 / .80 + .2 / .62 + .45 / .71) / 4, 1e-14);
  EXPECT_NEAR(mean_row(t.table8, "const", 20).mean, (.70 / .91 + .72 / .80 + .50 / .62) / 3, 1e-14);
}

// Table 5 at budgets >= 10%: runs with status ok of included architectures, not reference runs.
// linear: 1, .95, 1, .9 -> mean .9625, deviations .0375 -.0125 .0375 -.0625, squares sum .006875,
// std sqrt(.006875/3). const: .6 .8 .7 -> mean .7, std .1. The 1-epoch runs (.2), B's diverged
// run (.3), D's run (.1) and the reference runs (.5) are all left out.
TEST(StudyTables, Table5BestProgressAboveTheThreshold) {
  const StudyTables t = build_study_tables(hand_made_runs());
  ASSERT_EQ(t.table5.size(), 2u);
  EXPECT_EQ(t.table5[0].schedule, "linear");
  EXPECT_EQ(t.table5[0].runs, 4u);
  EXPECT_NEAR(t.table5[0].mean, .9625, 1e-15);
  EXPECT_NEAR(t.table5[0].std, std::sqrt(.006875 / 3), 1e-15);
  EXPECT_EQ(t.table5[1].runs, 3u);
  EXPECT_NEAR(t.table5[1].mean, .7, 1e-15);
  EXPECT_NEAR(t.table5[1].std, .1, 1e-15);
  // With the threshold lowered to 0.5%, the 1-epoch linear runs (9 of them, p = .2) join in.
  StudyOptions o;
  o.best_progress_min_fraction = 0.005;
  EXPECT_EQ(build_study_tables(hand_made_runs(), o).table5[0].runs, 13u);
}

// Reference seeds: 1: A .90 B .80 C .60 G .70 (A > B > G > C); 2: A .92 B .85 C .65 G .72 (same);
// 3: A .91 B .60 C .62 (A > C > B; G has no seed 3). Pairs: (1,2) tau 1; (1,3) on A B C: (A,B) C,
// (A,C) C, (B,C) D -> 1/3; (2,3) likewise 1/3. Mean (1 + 1/3 + 1/3)/3 = 5/9.
TEST(StudyTables, NoiseCeilingAveragesSeedPairs) {
  const StudyTables t = build_study_tables(hand_made_runs());
  EXPECT_NEAR(t.noise_ceiling.tau.estimate, 5.0 / 9.0, 1e-15);
  EXPECT_EQ(t.noise_ceiling.seed_pairs, 3u);
  EXPECT_EQ(t.noise_ceiling.n, 4u);
  EXPECT_TRUE(t.noise_ceiling.tau.reason.empty());
}

TEST(StudyTables, NoiseCeilingNeedsTwoSeeds) {
  std::vector<RunResult> runs;
  for (const auto& r : hand_made_runs())
    if (!r.reference || r.seed == 1) runs.push_back(r);
  const StudyTables t = build_study_tables(runs);
  EXPECT_TRUE(std::isnan(t.noise_ceiling.tau.estimate));
  EXPECT_NE(t.noise_ceiling.tau.reason.find("two seeds"), std::string::npos) << t.noise_ceiling.tau.reason;
}

// At 1 epoch linear (2/3) beats const (-1/3) by 1; at 20 epochs linear (1) beats const (1/3). On
// four architectures no difference survives a test, so nothing is recommended: the text says so
// and names the best cell (linear at 20) without calling it the choice.
TEST(StudyTables, FourArchitecturesDistinguishNothing) {
  const StudyTables t = build_study_tables(hand_made_runs());
  const Recommendation& r = t.recommendation;
  ASSERT_TRUE(r.found);
  ASSERT_EQ(r.per_budget.size(), 2u);
  EXPECT_EQ(r.per_budget[0].best, "linear");
  EXPECT_EQ(r.per_budget[0].runner_up, "const");
  EXPECT_NEAR(r.per_budget[0].test.difference.estimate, 1.0, 1e-15);
  EXPECT_EQ(r.per_budget[0].test.n, 4u);
  EXPECT_GT(r.per_budget[0].test.p_value, 0.0);
  EXPECT_LE(r.per_budget[0].test.p_value, 1.0);
  EXPECT_GE(r.per_budget[0].p_holm, r.per_budget[0].test.p_value);
  EXPECT_NEAR(r.per_budget[1].test.difference.estimate, 2.0 / 3.0, 1e-15);
  EXPECT_EQ(r.per_budget[1].test.n, 3u);  // G has no const@20 run
  EXPECT_EQ(r.best.budget.epochs, 20.0);
  EXPECT_EQ(r.best.best, "linear");
  EXPECT_FALSE(r.distinguishable);
  EXPECT_EQ(r.against_best.size(), 3u);
  for (const auto& c : r.against_best) EXPECT_FALSE(c.worse) << c.schedule << " " << c.budget.label;
  EXPECT_NE(r.text.find("Nothing is distinguishable"), std::string::npos) << r.text;
  EXPECT_EQ(r.text.find("Recommended proxy"), std::string::npos) << r.text;
  EXPECT_DOUBLE_EQ(r.reference_seconds_per_arch, 1000.0);
}

/// A study with a planted answer: n architectures, a target of truth plus little noise, and per
/// budget (1, 2 and 4 epochs) a "good" schedule (truth plus little noise) and a "bad" one (noise).
/// A run costs 10 s per epoch; `seeds` proxy seeds each.
std::vector<RunResult> planted(int n, int seeds, double good_noise, std::uint64_t seed = 11) {
  std::mt19937_64 gen(seed);
  std::normal_distribution<double> d;
  std::vector<RunResult> runs;
  for (int i = 0; i < n; ++i) {
    const std::string arch = "a" + std::to_string(100 + i);
    const double truth = d(gen);
    for (int s = 1; s <= 2; ++s) {
      RunResult r = reference(arch, s, 0.8 + 0.05 * truth + 0.002 * d(gen));
      r.params = 1000 + i;  // size unrelated to the truth here
      runs.push_back(r);
    }
    for (double epochs : {1.0, 2.0, 4.0})
      for (int s = 1; s <= seeds; ++s) {
        runs.push_back(run(arch, "good", epochs, s, 0.5 + 0.05 * truth + good_noise * d(gen), 10 * epochs));
        runs.push_back(run(arch, "bad", epochs, s, 0.5 + 0.05 * d(gen), 10 * epochs));
      }
  }
  return runs;
}

// "good" ranks well at every budget and "bad" not at all: the bad cells are significantly worse,
// the good ones are not, and the cheapest good one (1 epoch, 10 s) is the recommendation.
TEST(StudyTables, RecommendsTheCheapestCellNotSignificantlyWorseThanTheBest) {
  const StudyTables t = build_study_tables(planted(40, 1, 0.005));
  const Recommendation& r = t.recommendation;
  ASSERT_TRUE(r.found);
  EXPECT_TRUE(r.distinguishable) << r.text;
  EXPECT_EQ(r.best.best, "good");
  EXPECT_EQ(r.cheapest.best, "good");
  EXPECT_EQ(r.cheapest.budget.epochs, 1.0);
  EXPECT_DOUBLE_EQ(r.seconds_per_arch, 10.0);
  ASSERT_EQ(r.against_best.size(), 5u);
  for (const auto& c : r.against_best) EXPECT_EQ(c.worse, c.schedule == "bad") << c.schedule << " " << c.budget.label;
  // Cheapest first, and the Holm-adjusted p is never below the raw one.
  for (std::size_t i = 1; i < r.against_best.size(); ++i)
    EXPECT_LE(r.against_best[i - 1].seconds_per_arch, r.against_best[i].seconds_per_arch);
  for (const auto& c : r.against_best) EXPECT_GE(c.p_holm, c.test.p_value);
  EXPECT_NE(r.text.find("Recommended proxy: good at 1 "), std::string::npos) << r.text;
  EXPECT_TRUE(std::isfinite(r.cheapest_tau.lower));
  // The advice scales the interval by sqrt(n / N).
  ASSERT_EQ(t.advice.half_widths.size(), 4u);
  EXPECT_EQ(t.advice.half_widths[2].first, 160u);
  EXPECT_NEAR(t.advice.half_widths[2].second, t.advice.half_width / 2, 1e-12);
}

/// n architectures with a target of truth plus little noise; `cells` maps a schedule to its
/// budget in epochs and how its accuracy follows the truth (1: the truth, 0: noise alone, -1:
/// the reverse), plus noise of SD 0.1 (SD 1 for noise alone) in the truth's units; 10 s per epoch.
std::vector<RunResult> signal_cells(int n, const std::vector<std::tuple<std::string, double, double>>& cells,
                                    std::uint64_t seed) {
  std::mt19937_64 gen(seed);
  std::normal_distribution<double> d;
  std::vector<RunResult> runs;
  for (int i = 0; i < n; ++i) {
    const std::string arch = "a" + std::to_string(100 + i);
    const double truth = d(gen);
    for (int s = 1; s <= 2; ++s) runs.push_back(reference(arch, s, 0.8 + 0.05 * truth + 0.002 * d(gen)));
    for (const auto& [schedule, epochs, follows] : cells) {
      const double noise = follows == 0 ? 1.0 : 0.1;
      runs.push_back(run(arch, schedule, epochs, 1, 0.5 + 0.05 * (follows * truth + noise * d(gen)), 10 * epochs));
    }
  }
  return runs;
}

// On few architectures "not significantly worse than the best" holds for a proxy with a tau near 0
// (its interval is wide): such a cell is cheaper than the best and would be picked by that rule
// alone. A recommended cell must rank better than chance: the lower end of its interval above 0.
TEST(StudyTables, ACellThatMayRankNoBetterThanChanceIsNotRecommendedHoweverCheap) {
  // The first of a fixed run of seeds whose study has a cheaper cell the tests cannot tell from the
  // best and whose interval reaches 0: what the rule without the chance gate would have picked.
  int found = 0;
  for (std::uint64_t seed = 1; seed <= 40 && !found; ++seed) {
    const StudyTables t = build_study_tables(signal_cells(
        8, {{"good", 4, 1}, {"noise1", 1, 0}, {"noise2", 1, 0}, {"noise3", 2, 0}, {"reverse", 2, -1}}, seed));
    const Recommendation& r = t.recommendation;
    const CorrelationRow* good = nullptr;
    for (const auto& row : t.table6)
      if (row.schedule == "good") good = &row;
    ASSERT_NE(good, nullptr);
    if (!r.distinguishable || r.best.best != "good") continue;
    bool cheaper_at_chance = false;
    for (const auto& c : r.against_best)
      for (const auto& row : t.table6)
        if (row.schedule == c.schedule && row.budget.epochs == c.budget.epochs && !c.worse &&
            row.seconds_per_arch < good->seconds_per_arch && row.stats.tau.lower <= 0)
          cheaper_at_chance = true;
    if (!cheaper_at_chance) continue;
    found = static_cast<int>(seed);
    SCOPED_TRACE("seed " + std::to_string(seed));
    EXPECT_TRUE(r.recommends) << r.text;
    EXPECT_EQ(r.cheapest.best, "good") << r.text;
    EXPECT_GT(r.cheapest_tau.lower, 0);
    EXPECT_NE(r.text.find("whose tau interval lies above 0"), std::string::npos) << r.text;
  }
  EXPECT_GT(found, 0) << "no seed produced a cheap cell at chance that the tests cannot tell from the best";
}

// Cells that can be told apart (the reversed one is worse) but none of which ranks better than
// chance: nothing is recommended, and the text says why.
TEST(StudyTables, NothingIsRecommendedWhenNoDistinguishableCellRanksBetterThanChance) {
  const StudyTables t = build_study_tables(signal_cells(20, {{"noise", 1, 0}, {"reverse", 2, -1}}, 5));
  const Recommendation& r = t.recommendation;
  ASSERT_TRUE(r.found);
  ASSERT_TRUE(r.distinguishable) << r.text;
  EXPECT_EQ(r.best.best, "noise");
  EXPECT_FALSE(r.recommends) << r.text;
  EXPECT_NE(r.text.find("Nothing ranks better than chance"), std::string::npos) << r.text;
  for (const auto& row : nasrank::test_support::records(table_json(tables::recommendation(t))))
    EXPECT_FALSE(row["recommended"].get<bool>()) << "no row may be marked recommended: " << row.dump();
}

// Cells that all rank well and that the tests cannot tell apart: nothing is recommended, but a user
// who must pick now is told the cheapest above chance, without a claim that it is as good.
TEST(StudyTables, WhenNothingIsDistinguishableTheCheapestAboveChanceIsNamedWithoutAClaim) {
  // The cheap cell follows the truth at 0.3 of the strength of the dear one: lower tau, not separable.
  const StudyTables t = build_study_tables(signal_cells(20, {{"early", 1, 0.3}, {"late", 2, 1}}, 5));
  const Recommendation& r = t.recommendation;
  ASSERT_TRUE(r.found);
  ASSERT_FALSE(r.distinguishable) << r.text;
  ASSERT_EQ(r.best.best, "late") << r.text;
  EXPECT_FALSE(r.recommends);
  ASSERT_GT(row6(t, "early", 1).stats.tau.lower, 0) << "the setup needs the cheap cell above chance";
  EXPECT_NE(r.text.find("recommends none. If one must be used before more architectures settle it, the cheapest "
                        "that ranks better than chance is early at 1"),
            std::string::npos)
      << r.text;
  EXPECT_NE(r.text.find("neither worse than the best nor as good"), std::string::npos) << r.text;
  EXPECT_EQ(r.text.find("Recommended proxy"), std::string::npos) << r.text;
  EXPECT_EQ(r.fallback.best, "early");
  // The JSON names it apart from a recommendation.
  const nlohmann::json j = nlohmann::json::parse(render_json(t))["recommendation"];
  EXPECT_FALSE(j.contains("recommended")) << j.dump();
  EXPECT_EQ(j["if_one_must"]["best"], "early") << j.dump();
  EXPECT_EQ(j["if_one_must"]["budget"]["epochs"], 1.0) << j.dump();
  EXPECT_GT(j["if_one_must_tau"]["lower"].get<double>(), 0) << j.dump();

  // When the best is also the cheapest, the text says so.
  const StudyTables same = build_study_tables(signal_cells(20, {{"early", 1, 1}, {"late", 2, 1}}, 5));
  ASSERT_FALSE(same.recommendation.distinguishable) << same.recommendation.text;
  ASSERT_EQ(same.recommendation.best.best, "early") << same.recommendation.text;
  EXPECT_NE(same.recommendation.text.find("the best, early at 1 (0.5%) (kendall_tau_b "), std::string::npos)
      << same.recommendation.text;
  EXPECT_NE(same.recommendation.text.find("is also the cheapest: the others rank lower by their estimates only"),
            std::string::npos)
      << same.recommendation.text;

  // And when none is above chance, the text says that instead.
  bool any_above = false;
  const StudyTables few = build_study_tables(hand_made_runs());
  for (const auto& row : few.table6) any_above = any_above || row.stats.tau.lower > 0;
  ASSERT_FALSE(few.recommendation.distinguishable);
  EXPECT_EQ(few.recommendation.fallback.best.empty(), !any_above);
  EXPECT_EQ(few.recommendation.text.find("If one must be used") != std::string::npos, any_above)
      << few.recommendation.text;
  EXPECT_EQ(few.recommendation.text.find("none is shown to rank better than chance") != std::string::npos, !any_above)
      << few.recommendation.text;
}

// One cell alone is recommended only when it ranks better than chance.
TEST(StudyTables, ASingleCellIsRecommendedOnlyAboveChance) {
  const StudyTables strong = build_study_tables(signal_cells(12, {{"good", 1, 1}}, 7));
  EXPECT_TRUE(strong.recommendation.recommends) << strong.recommendation.text;
  EXPECT_NE(strong.recommendation.text.find("the only schedule and budget with a defined tau"), std::string::npos);
  const StudyTables noise = build_study_tables(signal_cells(12, {{"noise", 1, 0}}, 7));
  ASSERT_LE(noise.table6.at(0).stats.tau.lower, 0) << "the setup needs a cell whose interval reaches 0";
  EXPECT_TRUE(noise.recommendation.found);
  EXPECT_FALSE(noise.recommendation.recommends) << noise.recommendation.text;
  EXPECT_NE(noise.recommendation.text.find("may rank no better than chance"), std::string::npos)
      << noise.recommendation.text;
}

// A proxy's cost is every run its median uses: two seeds of a 10 s run cost 20 s.
// Schedules cost the same per step: two that the tests cannot tell apart at one budget differ in
// measured seconds by timing noise alone. The higher tau is recommended however the clocks fell,
// the other is named beside it, and the choice between them is not counted as the outcome that
// leaving an architecture out may change.
TEST(StudyTables, AtOneBudgetTheHigherTauIsRecommendedNotTheLuckierClock) {
  std::vector<RunResult> runs = signal_cells(60, {{"sharp", 1, 1}, {"blunt", 1, 1}, {"reverse", 2, -1}}, 3);
  const StudyTables first = build_study_tables(runs);
  const std::string higher =
      row6(first, "sharp", 1).stats.tau.estimate > row6(first, "blunt", 1).stats.tau.estimate ? "sharp" : "blunt";
  const std::string lower = higher == "sharp" ? "blunt" : "sharp";
  for (auto& r : runs)
    if (r.schedule == lower) r.seconds *= 0.97;  // the lower tau measured 3% faster
  const StudyTables t = build_study_tables(runs);
  const Recommendation& rec = t.recommendation;
  ASSERT_TRUE(rec.recommends) << rec.text;
  EXPECT_LT(row6(t, lower, 1).seconds_per_arch, row6(t, higher, 1).seconds_per_arch);
  EXPECT_EQ(rec.cheapest.best, higher) << rec.text;
  EXPECT_EQ(rec.cheapest.budget.epochs, 1.0);
  EXPECT_NE(rec.text.find("At the same budget, " + lower + " ("), std::string::npos) << rec.text;
  EXPECT_NE(rec.text.find("the tests settle the budget, not which of these schedules to use"), std::string::npos);
  EXPECT_TRUE(rec.influential.empty()) << rec.text;
}

// The architectures the leave-one-out check names are those whose removal changes the outcome (the
// recommended budget, or whether there is one) when the study is rebuilt without them, and no
// others. With seven comparisons Holm's smallest adjusted p is about 7 / (B + 1), so a check that
// resampled less than the study would flip on the resolution of its tests alone.
// Seed 21: nothing decides the outcome (200 resamples named 15 of 16); seed 23: four architectures do
// (200 resamples named two).
class LeaveOneOutNames : public ::testing::TestWithParam<std::uint64_t> {};
TEST_P(LeaveOneOutNames, ExactlyTheArchitecturesWhoseRemovalChangesTheOutcome) {
  const std::vector<RunResult> runs = signal_cells(16,
                                                   {{"s1", 1, 1},
                                                    {"s2", 1, 0.6},
                                                    {"s3", 1, 0.4},
                                                    {"s4", 2, 1},
                                                    {"s5", 2, 0.5},
                                                    {"s6", 2, 0.3},
                                                    {"s7", 2, 0.2},
                                                    {"noise", 1, 0}},
                                                   GetParam());
  const StudyTables t = build_study_tables(runs);
  const auto outcome = [](const Recommendation& r) { return r.recommends ? r.cheapest.budget.epochs : -1.0; };
  std::set<std::string> changes;
  for (int i = 0; i < 16; ++i) {
    const std::string arch = "a" + std::to_string(100 + i);
    std::vector<RunResult> rest;
    for (const auto& r : runs)
      if (r.arch != arch) rest.push_back(r);
    if (outcome(build_study_tables(rest).recommendation) != outcome(t.recommendation)) changes.insert(arch);
  }
  const std::set<std::string> named(t.recommendation.influential.begin(), t.recommendation.influential.end());
  EXPECT_EQ(named, changes) << t.recommendation.text;
}
INSTANTIATE_TEST_SUITE_P(StudyTables, LeaveOneOutNames, ::testing::Values(21u, 23u));

TEST(StudyTables, CostCountsEverySeedTheMedianUses) {
  const StudyTables t = build_study_tables(planted(12, 2, 0.005));
  for (const auto& row : t.table6) EXPECT_DOUBLE_EQ(row.seconds_per_arch, 2 * 10 * row.budget.epochs) << row.schedule;
}

// Leave-one-out against brute force: the range is the min and max of the tau recomputed without
// each architecture, and the movers are exactly those whose removal moves it by more than its SE.
TEST(StudyTables, LeaveOneOutMatchesBruteForce) {
  const std::vector<RunResult> runs = planted(15, 1, 0.03);
  const StudyTables t = build_study_tables(runs);
  const Aggregate a = aggregate_runs(runs);
  for (std::size_t c = 0; c < t.table6.size(); ++c) {
    const CorrelationRow& row = t.table6[c];
    double lo = INFINITY, hi = -INFINITY;
    std::set<std::string> movers;
    for (std::size_t k = 0; k < a.archs.size(); ++k) {
      std::vector<double> x, y;
      for (std::size_t i = 0; i < a.archs.size(); ++i)
        if (i != k)
          x.push_back(a.cells[c].accuracy[static_cast<Eigen::Index>(i)]),
              y.push_back(a.target[static_cast<Eigen::Index>(i)]);
      const double v = kendall_tau_b(Eigen::Map<Eigen::VectorXd>(x.data(), static_cast<Eigen::Index>(x.size())),
                                     Eigen::Map<Eigen::VectorXd>(y.data(), static_cast<Eigen::Index>(y.size())))
                           .value;
      lo = std::min(lo, v);
      hi = std::max(hi, v);
      if (std::abs(v - row.stats.tau.estimate) > row.stats.tau.standard_error) movers.insert(a.archs[k]);
    }
    EXPECT_DOUBLE_EQ(row.stats.influence.min, lo);
    EXPECT_DOUBLE_EQ(row.stats.influence.max, hi);
    std::set<std::string> got;
    for (const auto& m : row.stats.influence.movers) got.insert(m.arch);
    EXPECT_EQ(got, movers) << row.schedule << " " << row.budget.label;
  }
}

// One architecture far from the rest can carry a tau: planted here as the only one a "carried"
// proxy orders right, at the bottom of both rankings. Its removal is named.
TEST(StudyTables, AnArchitectureThatCarriesATauIsNamed) {
  std::vector<RunResult> runs;
  std::mt19937_64 gen(5);
  std::normal_distribution<double> d;
  for (int i = 0; i < 12; ++i) {
    const std::string arch = "a" + std::to_string(10 + i);
    const bool broken = i == 0;
    const double truth = broken ? -10 : d(gen);
    runs.push_back(reference(arch, 1, 0.8 + 0.01 * truth));
    runs.push_back(reference(arch, 2, 0.8 + 0.01 * truth + 0.0001 * d(gen)));
    runs.push_back(run(arch, "carried", 1, 1, broken ? 0.1 : 0.5 + 0.05 * d(gen), 10));
  }
  const StudyTables t = build_study_tables(runs);
  ASSERT_EQ(t.table6.size(), 1u);
  const CorrelationRow& row = t.table6[0];
  // Without a10 the proxy is noise: the low end of the range is that tau, far below the estimate.
  std::vector<double> x, y;
  const Aggregate a = aggregate_runs(runs);
  for (Eigen::Index i = 1; i < a.target.size(); ++i) x.push_back(a.cells[0].accuracy[i]), y.push_back(a.target[i]);
  const double without =
      kendall_tau_b(Eigen::Map<Eigen::VectorXd>(x.data(), 11), Eigen::Map<Eigen::VectorXd>(y.data(), 11)).value;
  EXPECT_DOUBLE_EQ(row.stats.influence.min, without);
  EXPECT_GT(row.stats.tau.estimate - without, 0.1);
  for (const auto& m : row.stats.influence.movers) EXPECT_EQ(m.arch, "a10");
}

// Kendall's partial tau by hand (Kendall 1942): tau_xy = 0.5, tau_xz = 0.6, tau_yz = 0.7 give
// (0.5 - 0.42) / sqrt(0.64 * 0.51) = 0.08 / 0.571314 = 0.140028.
TEST(StudyTables, PartialCorrelationByHand) {
  EXPECT_NEAR(partial_correlation(0.5, 0.6, 0.7), 0.08 / std::sqrt(0.64 * 0.51), 1e-15);
  EXPECT_NEAR(partial_correlation(0.5, 0.6, 0.7), 0.140028, 1e-6);
  EXPECT_TRUE(std::isnan(partial_correlation(0.5, 1.0, 0.7)));
  EXPECT_DOUBLE_EQ(partial_correlation(0.3, 0.0, 0.0), 0.3);  // size unrelated: nothing to remove
}

// Partial tau on data by hand: five architectures, x = target exactly, size z ordered as the
// target except the last two swapped. tau_xy = 1, tau_xz = tau_yz = 0.8 (one discordant pair of
// ten): partial (1 - 0.64) / (1 - 0.64) = 1. With x ordered by size instead, tau_xz = 1: undefined.
TEST(StudyTables, BeyondSizeOnAHandWorkedPool) {
  std::vector<RunResult> runs;
  const double target[] = {.90, .85, .80, .75, .70};
  const std::int64_t params[] = {500, 400, 300, 100, 200};
  for (int i = 0; i < 5; ++i) {
    const std::string arch = "a" + std::to_string(i);
    for (int s = 1; s <= 2; ++s) {
      RunResult r = reference(arch, s, target[i]);
      r.params = params[i];
      runs.push_back(r);
    }
    runs.push_back(run(arch, "same", 1, 1, target[i] - 0.3, 10));
    runs.push_back(run(arch, "size", 1, 1, static_cast<double>(params[i]) / 1000, 10));
  }
  const StudyTables t = build_study_tables(runs);
  ASSERT_EQ(t.table6.size(), 2u);
  EXPECT_NEAR(t.size.tau.estimate, 0.8, 1e-12);
  EXPECT_NEAR(t.table6[0].stats.estimate("beyond_size").estimate, 1.0, 1e-12);
  EXPECT_TRUE(std::isnan(t.table6[1].stats.estimate("beyond_size").estimate));
}

// Within size on a pool of 20 sizes: quartiles of 5 merge (fewer than 8 each) into the smaller
// and the larger half. "inside" orders each half as the target does but puts the small half above
// the large one: within size 1, overall (90 - 100) / 190. "flipped" reverses the large half: 0.
// "noisy" (random, with ties) against a brute-force tau-b over the pairs within each half.
TEST(StudyTables, WithinSizeCountsOnlyPairsOfOneSizeStratum) {
  std::vector<RunResult> runs;
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> coarse(0, 6);
  std::vector<double> noisy, target;
  for (int i = 0; i < 20; ++i) {
    const std::string arch = "a" + std::to_string(100 + i);
    RunResult r = reference(arch, 1, 0.5 + 0.01 * i);
    r.params = 100 * (i + 1);
    runs.push_back(r);
    target.push_back(r.best_val_acc);
    const int within = i % 10;
    runs.push_back(run(arch, "inside", 1, 1, (i < 10 ? 0.5 : 0.3) + 0.01 * within, 10));
    runs.push_back(run(arch, "flipped", 1, 1, i < 10 ? 0.5 + 0.01 * within : 0.9 - 0.01 * within, 10));
    noisy.push_back(0.1 * coarse(rng));
    runs.push_back(run(arch, "noisy", 1, 1, noisy.back(), 10));
  }
  StudyOptions o;
  o.bootstrap.resamples = 200;
  const StudyTables t = build_study_tables(runs, o);
  const ConfidenceInterval inside = row6(t, "inside", 1).stats.estimate("within_size");
  EXPECT_DOUBLE_EQ(inside.estimate, 1.0);
  EXPECT_NEAR(row6(t, "inside", 1).stats.tau.estimate, -10.0 / 190.0, 1e-12);
  EXPECT_LE(inside.lower, inside.estimate);
  EXPECT_DOUBLE_EQ(row6(t, "flipped", 1).stats.estimate("within_size").estimate, 0.0);

  double s = 0, dx = 0, dy = 0;
  for (int half = 0; half < 2; ++half)
    for (int i = 10 * half; i < 10 * half + 10; ++i)
      for (int j = i + 1; j < 10 * half + 10; ++j) {
        const double sx = noisy[i] == noisy[j] ? 0 : (noisy[i] > noisy[j] ? 1 : -1);
        const double sy = target[i] > target[j] ? 1 : -1;
        s += sx * sy;
        dx += sx != 0;
        dy += 1;
      }
  EXPECT_NEAR(row6(t, "noisy", 1).stats.estimate("within_size").estimate, s / std::sqrt(dx * dy), 1e-12);
  // Too few sizes for two strata of 8: not computed, and said why.
  const StudyTables small = build_study_tables(hand_made_runs());
  EXPECT_TRUE(std::isnan(small.table6[0].stats.estimate("within_size").estimate));
  EXPECT_FALSE(small.table6[0].stats.estimate("within_size").reason.empty());
}

// The hand-made references agree across seeds at tau (1 + 1/3 + 1/3) / 3 = 5/9; reversing seed 2
// brings that to (-1 + 1/3 - 1/3) / 3 = -1/3, and the recommendation then warns that the target
// is mostly seed noise.
TEST(StudyTables, LowNoiseCeilingIsCalledOutInTheRecommendation) {
  const StudyTables agree = build_study_tables(hand_made_runs());
  EXPECT_NEAR(agree.noise_ceiling.tau.estimate, 5.0 / 9.0, 1e-12);
  EXPECT_EQ(agree.recommendation.text.find("The ceiling is low"), std::string::npos) << agree.recommendation.text;

  std::vector<RunResult> runs = hand_made_runs();
  const std::map<std::string, double> reversed = {{"A", .60}, {"B", .65}, {"C", .92}, {"G", .85}};
  for (auto& r : runs)
    if (r.reference && r.seed == 2 && reversed.count(r.arch)) r.best_val_acc = reversed.at(r.arch);
  const StudyTables noisy = build_study_tables(runs);
  EXPECT_NEAR(noisy.noise_ceiling.tau.estimate, -1.0 / 3.0, 1e-12);
  EXPECT_NE(noisy.recommendation.text.find("The ceiling is low"), std::string::npos) << noisy.recommendation.text;
}

// A run that shared the machine with other work can take many times its usual time; the cost of a
// cell is a median over architectures, so one such run leaves it where it was.
TEST(StudyTables, OneSlowRunDoesNotMoveTheCostOfItsCell) {
  std::vector<RunResult> runs = planted(12, 1, 0.005);
  for (auto& r : runs)
    if (r.arch == "a100" && r.schedule == "good" && r.budget_epochs == 1.0) r.seconds = 1400;
  const StudyTables t = build_study_tables(runs);
  EXPECT_DOUBLE_EQ(t.table6[0].seconds_per_arch, 10.0);  // a mean would say 10 + 1390 / 12
}

// Zero-cost scores of the hand-made architectures (target A > B > G > C): "good" orders them
// exactly (tau 1), "swap" exchanges B and G (one discordant pair of six: tau (5 - 1) / 6 = 2/3),
// "broken" is NaN for A and infinite for B, so only G < C remains, against the target: tau -1.
// D is excluded and F has no reference run: their scores are not counted.
std::vector<ZeroCostScore> hand_made_scores() {
  const double inf = std::numeric_limits<double>::infinity();
  return {{"A", "good", 4, 0.5},   {"B", "good", 3, 0.5},  {"G", "good", 2, 0.5},      {"C", "good", 1, 0.5},
          {"D", "good", 9, 0.5},   {"F", "good", 9, 0.5},  {"A", "swap", 4, 2.0},      {"B", "swap", 2, 2.0},
          {"G", "swap", 3, 2.0},   {"C", "swap", 1, 2.0},  {"A", "broken", kNaN, 1.0}, {"B", "broken", inf, 1.0},
          {"G", "broken", 1, 1.0}, {"C", "broken", 2, 1.0}};
}

const ZeroCostRow& zero_row(const StudyTables& t, const std::string& score) {
  for (const auto& z : t.zero_cost)
    if (z.score == score) return z;
  throw std::runtime_error("no zero-cost row " + score);
}

TEST(ZeroCost, TauAgainstTheTargetLeavesNonFiniteScoresOutAndCountsThem) {
  const StudyTables t = build_study_tables(hand_made_runs(), {}, hand_made_scores());
  ASSERT_EQ(t.zero_cost.size(), 3u);
  EXPECT_EQ(t.zero_cost[0].score, "good");  // order of first appearance
  EXPECT_DOUBLE_EQ(zero_row(t, "good").stats.tau.estimate, 1.0);
  EXPECT_EQ(zero_row(t, "good").stats.n, 4u);
  EXPECT_EQ(zero_row(t, "good").missing, 0u);
  EXPECT_NEAR(zero_row(t, "swap").stats.tau.estimate, 2.0 / 3.0, 1e-15);
  const ZeroCostRow& broken = zero_row(t, "broken");
  EXPECT_EQ(broken.stats.n, 2u);
  EXPECT_EQ(broken.nonfinite, 2u);
  // Two architectures left: any tau would be +-1, so none is given.
  EXPECT_TRUE(std::isnan(broken.stats.tau.estimate));
  EXPECT_NE(broken.stats.tau.reason.find("fewer than three pairs"), std::string::npos) << broken.stats.tau.reason;
  EXPECT_DOUBLE_EQ(zero_row(t, "good").seconds_per_arch, 0.5);
}

TEST(ZeroCost, ScoreAsGoodAsTheBudgetedProxyIsRecommendedForItsCost) {
  const StudyTables t = build_study_tables(hand_made_runs(), {}, hand_made_scores());
  const FamilyChoice& f = t.recommendation.across_families;
  ASSERT_TRUE(f.found);
  EXPECT_EQ(f.zero_cost, "good");
  EXPECT_EQ(f.pick, "zero-cost");  // tau 1 against linear at 20 epochs' tau 1
  EXPECT_NEAR(f.test.difference.estimate, 0.0, 1e-15);
  EXPECT_DOUBLE_EQ(f.test.p_value, 1.0);
  EXPECT_EQ(f.test.n, 4u);
  // 200 s per architecture for the budgeted proxy against 0.5 s: 400x less compute.
  EXPECT_NE(t.recommendation.text.find("good ranks as well as this study can tell, for 400x less compute"),
            std::string::npos)
      << t.recommendation.text;
}

TEST(ZeroCost, OnlyASignificantlyWorseScoreLeavesBudgetedTrainingChosen) {
  std::vector<ZeroCostScore> swap;
  for (const auto& z : hand_made_scores())
    if (z.score == "swap") swap.push_back(z);
  const StudyTables t = build_study_tables(hand_made_runs(), {}, swap);
  const FamilyChoice& f = t.recommendation.across_families;
  ASSERT_TRUE(f.found);
  // On four architectures a lead of 1/3 is not distinguishable: the score costs less, so it stays.
  EXPECT_NEAR(f.test.difference.estimate, 1.0 / 3.0, 1e-15);  // 1 - 2/3
  EXPECT_FALSE(f.significant);
  EXPECT_EQ(f.pick, "zero-cost");
  EXPECT_FALSE(build_study_tables(hand_made_runs()).recommendation.across_families.found);

  // On 40 architectures a score of noise is significantly worse than the planted "good" proxy.
  const std::vector<RunResult> runs = planted(40, 1, 0.005);
  std::vector<ZeroCostScore> noise;
  std::mt19937_64 gen(3);
  std::normal_distribution<double> d;
  for (const auto& r : runs)
    if (r.reference && r.seed == 1) noise.push_back({r.arch, "noise", d(gen), 0.01});
  const StudyTables planted_tables = build_study_tables(runs, {}, noise);
  const FamilyChoice& g = planted_tables.recommendation.across_families;
  EXPECT_EQ(g.pick, "budgeted");
  EXPECT_TRUE(g.significant);
  EXPECT_GT(g.test.difference.lower, 0);
  EXPECT_NE(planted_tables.recommendation.text.find("The budgeted proxy ranks significantly better"), std::string::npos)
      << planted_tables.recommendation.text;
}

TEST(ZeroCost, CostPointsPutBothFamiliesOnOneAxisWithTheirFrontier) {
  const StudyTables t = build_study_tables(hand_made_runs(), {}, hand_made_scores());
  std::size_t budgeted = 0, zero = 0, full = 0;
  for (const auto& p : t.cost) {
    if (p.family == "budgeted") ++budgeted;
    if (p.family == "zero-cost") ++zero;
    if (p.family == "full budget") {
      ++full;
      EXPECT_EQ(p.name, "linear");  // the reference runs' schedule
      EXPECT_DOUBLE_EQ(p.seconds, 1000.0);
    }
    if (p.family == "budgeted" && p.name == "linear" && p.budget == "1 (0.5%)") {
      EXPECT_DOUBLE_EQ(p.seconds, 24.0);  // median of the runs' sums 36, 18, 30, 11
    }
    // "good" ranks perfectly at the lowest cost: nothing else can be on the front.
    EXPECT_EQ(p.frontier, p.family == "zero-cost" && p.name == "good") << p.family << " " << p.name;
  }
  EXPECT_EQ(budgeted, 4u);
  EXPECT_EQ(zero, 3u);
  EXPECT_EQ(full, 1u);
}

TEST(ZeroCost, AScoreGivenTwiceIsAnError) {
  std::vector<ZeroCostScore> twice = hand_made_scores();
  twice.push_back(twice.front());
  EXPECT_THROW(build_study_tables(hand_made_runs(), {}, twice), Error);
}

TEST(ZeroCost, RenderingsCarryTheZeroCostTable) {
  const StudyTables t = build_study_tables(hand_made_runs(), {}, hand_made_scores());
  const nlohmann::json j = nlohmann::json::parse(render_json(t));
  const nlohmann::json zero_cost = nasrank::test_support::records(j["tables"]["zero_cost"]);
  ASSERT_EQ(zero_cost.size(), 3u);
  EXPECT_EQ(zero_cost[2]["proxy"], "broken");
  EXPECT_EQ(zero_cost[2]["nonfinite"], 2);
  EXPECT_EQ(j["recommendation"]["across_families"]["pick"], "zero-cost");
  EXPECT_EQ(j["tables"]["cost"]["rows"].size(), 8u);
  EXPECT_NE(render_markdown(t).find("## Zero-cost scores"), std::string::npos);
  const CsvTable csv = parse_csv(render_csv(t), "tables.csv");
  std::set<std::string> metrics;
  for (const auto& r : csv.rows)
    if (r[0] == "zero_cost" && r[1] == "broken") metrics.insert(r[5]);
  // Every number of the score's row, its interval beside it (n has a column of its own; the
  // movers are text): the counts, tau, spearman, seconds, the statistics beside tau and the
  // leave-one-out range.
  std::set<std::string> expected{"nonfinite",        "missing", "tau",     "spearman",
                                 "seconds_per_arch", "loo_min", "loo_max", "tau_without_most_influential"};
  for (const auto& s : proxy_statistic_registry()) expected.insert(s.name);
  EXPECT_EQ(metrics, expected);
}

TEST(StudyTables, TauVariantIsAnOption) {
  StudyOptions o;
  o.tau_variant = "kendall_tau_a";
  const StudyTables t = build_study_tables(hand_made_runs(), o);
  EXPECT_NEAR(row6(t, "linear", 1).stats.tau.estimate, 2.0 / 3.0, 1e-15);  // no ties: a = b
  o.tau_variant = "kendall";
  EXPECT_THROW(build_study_tables(hand_made_runs(), o), Error);
}

TEST(StudyTables, NoRunsGiveEmptyTablesNotACrash) {
  const StudyTables t = build_study_tables({});
  EXPECT_EQ(t.architectures_seen, 0u);
  EXPECT_TRUE(t.table6.empty());
  EXPECT_FALSE(t.recommendation.found);
  EXPECT_FALSE(render_markdown(t).empty());
  EXPECT_TRUE(nlohmann::json::parse(render_json(t)).is_object());
}

TEST(StudyReport, JsonCarriesTheTablesAndNamesTheTauVariant) {
  const StudyTables t = build_study_tables(hand_made_runs());
  const auto j = nlohmann::json::parse(render_json(t));
  EXPECT_EQ(j["format"], "nasrank-rank");
  EXPECT_EQ(j["version"], 2);
  EXPECT_EQ(j["tau_variant"], "kendall_tau_b");
  EXPECT_EQ(j["architectures"]["used"], 4);
  EXPECT_EQ(j["tables"]["excluded"]["rows"].size(), 3u);
  EXPECT_EQ(j["budgets"][0]["label"], "1 (0.5%)");
  const auto table6 = nasrank::test_support::records(j["tables"]["table6"]);
  EXPECT_EQ(table6[0]["schedule"], "linear");
  EXPECT_EQ(table6[0]["budget_epochs"], 1.0);
  EXPECT_NEAR(table6[0]["tau"].get<double>(), 2.0 / 3.0, 1e-15);
  EXPECT_NEAR(nasrank::test_support::records(j["tables"]["table7"])[0]["mean_best_val_acc"].get<double>(),
              (.5 + .325 + .2 + .45) / 4, 1e-15);
  EXPECT_NEAR(nasrank::test_support::records(j["tables"]["noise_ceiling"])[0]["tau"].get<double>(), 5.0 / 9.0, 1e-15);
  EXPECT_EQ(j["recommendation"]["distinguishable"], false);
  EXPECT_EQ(j["recommendation"]["best"]["best"], "linear");
  EXPECT_EQ(j["tables"]["against_best"]["rows"].size(), 3u);
  EXPECT_FALSE(j["recommendation"].contains("against_best")) << "its rows are a table, held once";
  EXPECT_EQ(nasrank::test_support::records(j["tables"]["table5"])[0]["min_budget_fraction"], 0.1);
  // Every table of tables::all(), once.
  std::set<std::string> ids;
  for (const Table& tab : tables::all(t)) ids.insert(tab.id);
  EXPECT_EQ(j["tables"].size(), ids.size());
  for (const auto& id : ids) EXPECT_TRUE(j["tables"].contains(id)) << id;
}

TEST(StudyReport, MarkdownPivotsSchedulesByBudgets) {
  const std::string md = render_markdown(build_study_tables(hand_made_runs()));
  EXPECT_NE(md.find("| Epoch (Budget) | 1 (0.5%) | 20 (10%) |"), std::string::npos) << md;
  EXPECT_NE(md.find("`kendall_tau_b`"), std::string::npos);
  EXPECT_NE(md.find("| linear | 0.6667 ["), std::string::npos) << md;
  EXPECT_NE(md.find("| const | 0.2500 | 0.6400 |"), std::string::npos) << md;  // Table 7
  EXPECT_NE(md.find("% ± 4.8% | 4 |"), std::string::npos) << md;               // Table 5: linear, 96.25% ± 4.79%
  EXPECT_NE(md.find("| D | reference runs: seed 2 diverged |"), std::string::npos) << md;
}

TEST(StudyReport, CsvIsOneLongTable) {
  const CsvTable csv = parse_csv(render_csv(build_study_tables(hand_made_runs())), "report");
  EXPECT_EQ(csv.header[0], "table");
  bool found = false;
  for (const auto& row : csv.rows)
    if (row[0] == "table6_statistics" && row[2] == "const" && row[3] == "1" && row[4] == "0.005" && row[5] == "tau") {
      EXPECT_NEAR(std::stod(row[6]), -1.0 / 3.0, 1e-9);
      EXPECT_FALSE(row[7].empty());  // its interval on the same row
      EXPECT_EQ(row[9], "4");
      found = true;
    }
  EXPECT_TRUE(found);
}

// long.csv is melted from the tables, not written beside them: every number of every table's data
// form is in it once, on the row of its proxy, schedule, budget and metric, whichever table gave it.
TEST(StudyReport, LongCsvHoldsEveryNumberOfEveryTableOnce) {
  const StudyTables t = build_study_tables(hand_made_runs(), {}, hand_made_scores());
  const CsvTable csv = parse_csv(render_csv(t), "long.csv");
  std::map<std::string, std::string> value;  // proxy,schedule,epochs,fraction,metric -> value
  for (const auto& r : csv.rows) {
    const std::string key = r[1] + "," + r[2] + "," + r[3] + "," + r[4] + "," + r[5];
    EXPECT_TRUE(value.emplace(key, r[6]).second) << "repeated: " << key;
  }
  std::size_t checked = 0;
  for (const Table& tab : tables::all(t)) {
    const CsvTable own = parse_csv(table_csv(tab), tab.id);
    auto col = [&](const std::string& name) {
      const auto it = std::find(own.header.begin(), own.header.end(), name);
      return it == own.header.end() ? -1 : static_cast<int>(it - own.header.begin());
    };
    int proxy = -1;
    for (const char* name : {"proxy", "best", "ceiling", "schedule"})
      if (proxy < 0) proxy = col(name);
    const int schedule = col("schedule"), epochs = col("budget_epochs"), fraction = col("budget_fraction");
    auto at = [](const std::vector<std::string>& row, int i) { return i < 0 ? std::string() : row[i]; };
    for (const auto& row : own.rows)
      for (const std::string metric : {"tau", "spearman", "seconds_per_arch", "mean_best_val_acc", "p_holm"}) {
        const int c = col(metric);
        if (c < 0) continue;
        const std::string key =
            at(row, proxy) + "," + at(row, schedule) + "," + at(row, epochs) + "," + at(row, fraction) + "," + metric;
        ASSERT_TRUE(value.count(key)) << tab.id << ": " << key;
        EXPECT_EQ(value[key], row[c]) << tab.id << ": " << key;
        ++checked;
      }
  }
  EXPECT_GT(checked, 30u);
}

// Table 6's columns beside the tau are StudyOptions::table6_columns (the registry's by default):
// each is a column of the Markdown, a key of every JSON row and a metric of the CSV, under its own
// name, a statistic only this test knows as well as the registry's.
TEST(StudyReport, EveryStatisticOfTable6IsInEveryFormat) {
  StudyOptions o;
  o.table6_columns.push_back(test_support::mean_x_statistic());
  const StudyTables t = build_study_tables(hand_made_runs(), o);
  ASSERT_EQ(t.table6.size(), 4u);
  const std::string md = render_markdown(t);
  const nlohmann::json j = nlohmann::json::parse(render_json(t));
  const nlohmann::json rows6 = nasrank::test_support::records(j["tables"]["table6_statistics"]);
  const nlohmann::json rows7 = nasrank::test_support::records(j["tables"]["table7"]);
  const CsvTable csv = parse_csv(render_csv(t), "tables.csv");

  std::vector<std::string> names;
  for (const auto& s : statistic_registry())
    if (!s.table6_phrase.empty()) names.push_back(s.name);
  EXPECT_EQ(names, (std::vector<std::string>{"spearman", "weighted_tau", "top_k_precision", "pair_order_probability"}));
  names.push_back("test_mean_x");
  std::map<std::string, std::set<std::string>> metrics;  // "schedule budget" -> table6 metrics
  for (const auto& row : csv.rows)
    if (row[0] == "table6_statistics") metrics[row[2] + " " + row[3]].insert(row[5]);
  ASSERT_EQ(metrics.size(), 4u);
  for (const auto& name : names) {
    SCOPED_TRACE(name);
    const std::string label = name == "top_k_precision" ? "top_k_precision (k)"
                              : name == "test_mean_x"   ? "test_mean_x (2n)"
                                                        : name;
    EXPECT_NE(md.find("| " + label + " |"), std::string::npos) << md;
    for (const auto& row : rows6) EXPECT_TRUE(row.contains(name)) << row.dump();
    for (const auto& [cell, m] : metrics) EXPECT_TRUE(m.count(name)) << cell;
  }

  // The test's statistic where it belongs: each cell's Table 7 mean, its parameter twice its n.
  for (const auto& row : rows6) {
    const double table7 = [&] {
      for (const auto& r : rows7)
        if (r["schedule"] == row["schedule"] && r["budget_epochs"] == row["budget_epochs"])
          return r["mean_best_val_acc"].get<double>();
      return kNaN;
    }();
    EXPECT_NEAR(row["test_mean_x"].get<double>(), table7, 1e-15) << row.dump();
    EXPECT_EQ(row["test_twice_n"], 2 * row["n"].get<int>()) << row.dump();
  }
  EXPECT_NE(md.find("| const | 20 (10%) | 3 | 0.3333 | "), std::string::npos) << md;
  EXPECT_NE(md.find(" | 0.6400 (6) |\n"), std::string::npos) << md;  // const at 20 epochs: (.70 + .72 + .50) / 3
  // Four architectures and k = 5: top-k precision is undefined, and no chance level above 1 beside it.
  EXPECT_NE(md.find("| n/a (5) |"), std::string::npos) << md;
  EXPECT_EQ(md.find(", chance "), std::string::npos) << md;
  bool found = false;
  for (const auto& row : csv.rows)
    if (row[0] == "table6_statistics" && row[2] == "const" && row[3] == "20" && row[5] == "test_mean_x") {
      EXPECT_NEAR(std::stod(row[6]), (.70 + .72 + .50) / 3, 1e-9);
      found = true;
    }
  EXPECT_TRUE(found);
}

TEST(StudyTables, AStatisticListedTwiceAmongTable6sColumnsIsAnError) {
  StudyOptions o;
  o.table6_columns.push_back(o.table6_columns.front());
  EXPECT_THROW(build_study_tables(hand_made_runs(), o), Error);
}

TEST(StudyTables, TargetReliabilityComesFromTheIncludedReferenceSeeds) {
  // Included: A .90 .92 .91, B .80 .85 .60, C .60 .65 .62, G .70 .72 (D, E, F are excluded).
  // Worked by hand: SSW = 0.036667 on 7 df (MSW 0.0052381); grand mean 0.76091, SSB = 0.11743 on
  // 3 df (MSB 0.039143); n0 = (11 - 35/11) / 3 = 2.7273; between = (MSB - MSW) / n0 = 0.013736.
  const StudyTables t = build_study_tables(hand_made_runs());
  EXPECT_NEAR(t.target.components.within, 0.0052380952, 1e-9);
  EXPECT_NEAR(t.target.components.between, 0.0137356614, 1e-9);
  EXPECT_EQ(t.target.components.archs, 4u);
  EXPECT_EQ(t.target.seeds, 3);
  const double r = 0.0137356614 / (0.0137356614 + 0.0052380952 * median_variance_factor(3));
  EXPECT_NEAR(t.target.reliability, r, 1e-7);
  EXPECT_NEAR(t.target.matched_ceiling, 2 / 3.14159265358979323846 * std::asin(std::sqrt(r)), 1e-7);
  EXPECT_GT(t.target.matched_ceiling, t.target.seed_vs_seed);
  EXPECT_NE(render_markdown(t).find("the ceiling matched to the target"), std::string::npos);
  // A statistic without a closed form under normality says so instead of giving a number.
  StudyOptions o;
  o.tau_variant = "weighted_tau";
  const StudyTables w = build_study_tables(hand_made_runs(), o);
  EXPECT_TRUE(std::isnan(w.target.matched_ceiling));
  EXPECT_NE(w.target.reason.find("no closed form"), std::string::npos);

  // With one reference seed nothing is estimated, and the text says so rather than compare.
  std::vector<RunResult> one_seed;
  for (const auto& r : hand_made_runs())
    if (!r.reference || r.seed == 1) one_seed.push_back(r);
  const StudyTables o1 = build_study_tables(one_seed);
  EXPECT_TRUE(std::isnan(o1.target.matched_ceiling));
  const std::string md = render_markdown(o1);
  EXPECT_EQ(md.find("the agreement of two single seeds"), std::string::npos);
  EXPECT_NE(md.find("Target reliability: not estimated (needs reference runs of at least two seeds"),
            std::string::npos);
}

}  // namespace
}  // namespace nasrank::ranking
