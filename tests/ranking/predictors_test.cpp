// The learning-curve predictors against hand-worked curves, and a study with a planted order in
// which the predictor that carries the signal must come out on top.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "nasrank/core/error.h"
#include "nasrank/ranking/predictors.h"
#include "nasrank/ranking/study_report.h"
#include "nasrank/ranking/study_tables.h"
#include "table_records.h"

namespace nasrank::ranking {
namespace {

LearningCurve curve(std::int64_t block_steps, std::int64_t steps, std::vector<double> sums) {
  LearningCurve c;
  c.block_steps = block_steps;
  c.steps = steps;
  c.block_sums = std::move(sums);
  return c;
}

// Five steps in blocks of two: step losses 2 2 | 1.5 1.5 | 1, so the block sums are 4, 3 and 1.
const LearningCurve kFiveSteps = curve(2, 5, {4, 3, 1});

TEST(Predictors, TseSumsEveryStepsLoss) {
  EXPECT_DOUBLE_EQ(tse(kFiveSteps), 2 + 2 + 1.5 + 1.5 + 1);
  EXPECT_DOUBLE_EQ(tse(curve(1, 3, {0.5, 0.25, 0.125})), 0.875);
}

TEST(Predictors, TseLastTakesTheStraddledBlockInProportion) {
  // Half of 5 steps is 2.5: the last step (1) and one and a half steps of the middle block (1.5 each).
  EXPECT_DOUBLE_EQ(tse_last(kFiveSteps, 0.5), 1 + 1.5 + 0.75);
  EXPECT_DOUBLE_EQ(tse_last(kFiveSteps, 1.0), tse(kFiveSteps));
  EXPECT_DOUBLE_EQ(tse_last(kFiveSteps, 0.1), 0.5);    // half a step, inside the last block
  EXPECT_DOUBLE_EQ(tse_last(kFiveSteps, 0.6), 1 + 3);  // exactly the last two blocks
  EXPECT_THROW(tse_last(kFiveSteps, 0), Error);
  EXPECT_THROW(tse_last(kFiveSteps, 1.5), Error);
}

TEST(Predictors, LossEmaMatchesThePerStepAverageWhenLossesAreEvenWithinBlocks) {
  // Time constant 0.2 x 5 = 1 step: decay e^-1 per step. From the first block's mean 2, the middle
  // block (two steps of 1.5) gives 1.5 + 0.5 e^-2, the last step (1) gives 1 + 0.5 e^-1 + 0.5 e^-3.
  const double expected = 1 + 0.5 * std::exp(-1) + 0.5 * std::exp(-3);
  EXPECT_NEAR(loss_ema(kFiveSteps, 0.2), expected, 1e-12);
  // The same losses recorded one step per block, and a per-step EMA written out.
  const std::vector<double> steps = {2, 2, 1.5, 1.5, 1};
  EXPECT_NEAR(loss_ema(curve(1, 5, steps), 0.2), expected, 1e-12);
  double e = steps[0];
  for (std::size_t t = 1; t < steps.size(); ++t) e = std::exp(-1) * e + (1 - std::exp(-1)) * steps[t];
  EXPECT_NEAR(e, expected, 1e-12);
  // A long window barely moves from the start; a short one is the last loss.
  EXPECT_NEAR(loss_ema(kFiveSteps, 1e6), 2, 1e-5);
  EXPECT_NEAR(loss_ema(kFiveSteps, 1e-3), 1, 1e-12);
}

TEST(Predictors, MissingOrDivergedCurvesGiveNoValue) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_TRUE(std::isnan(tse(LearningCurve{})));
  EXPECT_TRUE(std::isnan(tse(curve(2, 5, {4, nan, 1}))));
  EXPECT_TRUE(std::isnan(tse_last(curve(2, 5, {4, 3, 1, 1}), 0.5)));  // more blocks than the steps fill
  EXPECT_TRUE(std::isnan(loss_ema(curve(2, 7, {4, 3, 1}), 0.1)));     // fewer blocks than steps
}

TEST(Predictors, EarlyStopValuesComeFromTheEvaluations) {
  RunResult r;
  for (const auto& [acc, loss] : {std::pair{0.5, 1.2}, {0.7, 0.8}, {0.6, 0.9}}) {
    Evaluation e;
    e.val_acc = acc;
    e.val_loss = loss;
    r.curve.evaluations.push_back(e);
  }
  const PredictorOptions o;
  EXPECT_DOUBLE_EQ(predictor_value("val_acc_last", r, o), 0.6);
  EXPECT_DOUBLE_EQ(predictor_value("val_loss_best", r, o), 0.8);
  EXPECT_DOUBLE_EQ(predictor_value("val_loss_last", r, o), 0.9);
  EXPECT_TRUE(std::isnan(predictor_value("tse", r, o)));
  EXPECT_THROW(predictor_value("nonsense", r, o), Error);
}

TEST(Predictors, EveryRegisteredPredictorSaysWhetherLowerIsBetterAndItsSource) {
  for (const auto& p : predictor_registry()) {
    EXPECT_FALSE(p.formula.empty()) << p.name;
    EXPECT_FALSE(p.source.empty()) << p.name;
  }
  EXPECT_TRUE(predictor_registry().front().lower_is_better);  // tse: a loss
}

// A planted study: 24 architectures of quality q = 0..23; the full-budget target is q plus small
// noise; the small-budget accuracy is q buried in large noise; the training losses fall with q
// almost exactly (the predictor that should win); the validation loss rises with q (a predictor
// that orders them backwards, whose tau must come out negative, not folded to its absolute value).
struct Planted {
  std::vector<RunResult> runs;
  std::vector<ZeroCostScore> zero_cost;
};

Planted planted_study() {
  std::mt19937 rng(7);
  std::normal_distribution<double> noise(0, 1);
  Planted p;
  for (int q = 0; q < 24; ++q) {
    const std::string arch = "a" + std::to_string(q);
    for (int seed = 0; seed < 2; ++seed) {
      RunResult ref;
      ref.arch = arch;
      ref.schedule = "linear";
      ref.budget_epochs = 100;
      ref.budget_fraction = 1;
      ref.seed = seed;
      ref.best_val_acc = 0.5 + 0.01 * q + 0.001 * noise(rng);
      ref.seconds = 100;
      ref.reference = true;
      p.runs.push_back(ref);

      RunResult r = ref;
      r.reference = false;
      r.budget_epochs = 1;
      r.budget_fraction = 0.01;
      r.seconds = 1;
      r.best_val_acc = 0.3 + 0.01 * q + 0.2 * noise(rng);
      const double loss = 2.0 - 0.05 * q + 0.001 * noise(rng);
      r.curve = curve(10, 40, {10 * (loss + 0.5), 10 * (loss + 0.2), 10 * loss, 10 * (loss - 0.1)});
      Evaluation end;
      end.val_acc = r.best_val_acc;
      end.val_loss = 1.0 + 0.02 * q + 0.001 * noise(rng);
      r.curve.evaluations = {end};
      p.runs.push_back(r);
    }
    p.zero_cost.push_back({arch, "synflow", static_cast<double>(q % 5), 0.01});
  }
  return p;
}

const PredictorRow* find(const StudyTables& t, const std::string& name) {
  for (const auto& r : t.predictors)
    if (r.predictor == name) return &r;
  return nullptr;
}

TEST(PredictorRows, ThePlantedPredictorWinsAndLossesAreNegatedWithTheirSign) {
  const Planted p = planted_study();
  StudyOptions o;
  o.bootstrap.resamples = 200;
  const StudyTables t = build_study_tables(p.runs, o, p.zero_cost);
  ASSERT_EQ(t.table6.size(), 1u);
  const PredictorRow* tse_row = find(t, "tse");
  ASSERT_NE(tse_row, nullptr);
  EXPECT_TRUE(tse_row->negated);
  EXPECT_EQ(tse_row->stats.n, 24u);
  EXPECT_GT(tse_row->stats.tau.estimate, 0.9);
  EXPECT_GT(tse_row->stats.tau.estimate, t.table6[0].stats.tau.estimate + 0.2);  // beats the noisy accuracy
  EXPECT_LE(tse_row->stats.tau.lower, tse_row->stats.tau.estimate);
  EXPECT_DOUBLE_EQ(tse_row->seconds_per_arch, 2);  // the cost of the runs that produced it: two seeds of 1 s
  const PredictorRow* val_loss = find(t, "val_loss_last");
  ASSERT_NE(val_loss, nullptr);
  EXPECT_LT(val_loss->stats.tau.estimate, -0.9);  // signed: a loss that rises with quality ranks backwards
  // The best predictor is the one the recommendation names.
  EXPECT_NE(t.recommendation.text.find("Learning-curve predictors: the best, tse"), std::string::npos)
      << t.recommendation.text;
  // On the axis of compute beside the budgeted cell and the zero-cost score.
  bool on_axis = false;
  for (const auto& c : t.cost)
    on_axis = on_axis || (c.family == "learning curve" && c.name == "tse (negated) of linear");
  EXPECT_TRUE(on_axis);
}

TEST(PredictorRows, VoteAveragesItsMembersRanks) {
  // Three architectures; accuracy orders them x < y < z, tse (negated) z < x < y, synflow y < x < z.
  std::vector<RunResult> runs;
  std::vector<ZeroCostScore> scores;
  const std::vector<std::string> archs = {"x", "y", "z"};
  const std::vector<double> acc = {0.1, 0.2, 0.3}, loss = {2, 1, 3}, synflow = {5, 4, 6};
  for (std::size_t i = 0; i < 3; ++i) {
    RunResult ref;
    ref.arch = archs[i];
    ref.schedule = "linear";
    ref.budget_epochs = 10;
    ref.budget_fraction = 1;
    ref.best_val_acc = 0.5 + 0.1 * static_cast<double>(i);
    ref.seconds = 10;
    ref.reference = true;
    runs.push_back(ref);
    RunResult r = ref;
    r.reference = false;
    r.budget_epochs = 1;
    r.budget_fraction = 0.1;
    r.seconds = 2;
    r.best_val_acc = acc[i];
    r.curve = curve(1, 1, {loss[i]});
    runs.push_back(r);
    scores.push_back({archs[i], "synflow", synflow[i], 0.5});
  }
  StudyOptions o;
  o.bootstrap.resamples = 50;
  const StudyTables t = build_study_tables(runs, o, scores);
  const PredictorRow* vote = find(t, "vote");
  ASSERT_NE(vote, nullptr);
  EXPECT_EQ(vote->members, (std::vector<std::string>{"val_acc_best", "tse", "synflow"}));
  // Ranks (1 = worst): x: 1, 2, 2 -> 5/3; y: 2, 3, 1 -> 2; z: 3, 1, 3 -> 7/3.
  ASSERT_EQ(vote->values.size(), 3);
  EXPECT_DOUBLE_EQ(vote->values[0], 5.0 / 3);
  EXPECT_DOUBLE_EQ(vote->values[1], 2.0);
  EXPECT_DOUBLE_EQ(vote->values[2], 7.0 / 3);
  EXPECT_DOUBLE_EQ(vote->seconds_per_arch, 2 + 0.5);  // the run and the zero-cost member
  // Without zero-cost scores the vote has the two members left.
  const StudyTables without = build_study_tables(runs, o);
  ASSERT_NE(find(without, "vote"), nullptr);
  EXPECT_EQ(find(without, "vote")->members, (std::vector<std::string>{"val_acc_best", "tse"}));
}

TEST(PredictorRows, RunsWithoutCurvesAddNoRows) {
  std::vector<RunResult> runs;
  for (int i = 0; i < 4; ++i) {
    RunResult ref;
    ref.arch = "a" + std::to_string(i);
    ref.schedule = "linear";
    ref.budget_epochs = 10;
    ref.budget_fraction = 1;
    ref.best_val_acc = 0.1 * i;
    ref.reference = true;
    runs.push_back(ref);
    RunResult r = ref;
    r.reference = false;
    r.budget_epochs = 1;
    r.budget_fraction = 0.1;
    runs.push_back(r);
  }
  StudyOptions o;
  o.bootstrap.resamples = 20;
  o.predictors.vote = {"tse", "loss_ema"};
  const StudyTables t = build_study_tables(runs, o);
  EXPECT_TRUE(t.predictors.empty());
  EXPECT_EQ(render_markdown(t).find("Learning-curve predictors"), std::string::npos);
}

TEST(PredictorRows, EveryFormatCarriesThePredictorRows) {
  const Planted p = planted_study();
  StudyOptions o;
  o.bootstrap.resamples = 50;
  const StudyTables t = build_study_tables(p.runs, o, p.zero_cost);
  EXPECT_NE(render_markdown(t).find("tse (negated)"), std::string::npos);
  bool tse_last = false;
  for (const auto& row : nasrank::test_support::records(nlohmann::json::parse(render_json(t))["tables"]["predictors"]))
    tse_last = tse_last || row["proxy"] == "tse_last";
  EXPECT_TRUE(tse_last);
  EXPECT_NE(render_csv(t).find("predictors,loss_ema,linear,1,0.01,tau,"), std::string::npos);
  const Table tab = tables::predictors(t);
  EXPECT_EQ(tab.rows.size(), t.predictors.size());
}

}  // namespace
}  // namespace nasrank::ranking
