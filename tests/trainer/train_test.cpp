// Budgeted training on the CPU: budget accounting, the schedule at every step, learning,
// divergence, determinism and the record's schema. Small networks on small synthetic images keep
// this fast on two cores.
#include <gtest/gtest.h>
#include <algorithm>

#include <cmath>

#include "nasrank/core/error.h"
#include "nasrank/nas/spec.h"
#include "nasrank/trainer/train.h"

namespace nasrank::trainer {
namespace {

data::Dataset tiny_data(std::int64_t train = 600, std::int64_t size = 8) {
  data::DatasetOptions o;
  o.name = "synthetic";
  o.synthetic_train = train;
  o.synthetic_test = 100;
  o.synthetic_size = size;
  o.val_size = 200;
  return data::load_dataset(o);
}

TrainOptions tiny_options() {
  TrainOptions o;
  o.width = 0.0625;
  o.batch = 32;
  o.full_epochs = 10;
  o.threads = 1;
  o.eval_batch = 200;
  return o;
}

nas::Spec tiny_spec() { return nas::resnet18_spec(1, 8, 10); }

TEST(Train, RunsExactlyTheBudgetsSteps) {
  const auto data = tiny_data(456);  // 256 training images after the split: 8 steps per epoch of 32
  auto o = tiny_options();
  o.train_size = 256;
  struct Case {
    const char* budget;
    std::int64_t steps;
    std::vector<std::int64_t> eval_steps;
  };
  for (const Case& c :
       {Case{"0.5ep", 4, {4}}, Case{"1.25ep", 10, {8, 10}}, Case{"0.2", 16, {8, 16}}, Case{"0.001", 1, {1}}}) {
    o.budget = c.budget;
    std::int64_t seen = 0;
    const RunRecord r = train(tiny_spec(), data, o, {}, [&](std::int64_t t, double) { EXPECT_EQ(t, seen++); });
    EXPECT_EQ(r.steps_per_epoch, 8) << c.budget;
    EXPECT_EQ(r.steps, c.steps) << c.budget;
    EXPECT_EQ(r.steps_done, c.steps) << c.budget;
    EXPECT_EQ(seen, c.steps) << c.budget;
    std::vector<std::int64_t> evals;
    for (const auto& e : r.epochs) evals.push_back(e.step);
    EXPECT_EQ(evals, c.eval_steps) << c.budget;
  }
}

TEST(Train, LossBlocksSumTheStepsLossesAtAnyBudget) {
  const auto data = tiny_data(456);  // 8 steps per epoch of 32
  auto o = tiny_options();
  o.train_size = 256;
  o.full_epochs = 40;
  // 10 steps: one step per block. 264 steps: blocks of ceil(264 / 256) = 2 steps.
  for (const auto& [budget, block] : {std::pair<std::string, std::int64_t>{"1.25ep", 1}, {"33ep", 2}}) {
    o.budget = budget;
    const RunRecord r = train(tiny_spec(), data, o);
    ASSERT_EQ(r.loss_block_steps, block) << budget;
    ASSERT_EQ(static_cast<std::int64_t>(r.loss_block_sums.size()), (r.steps_done + block - 1) / block) << budget;
    // Each epoch's mean loss times its steps is the sum of its blocks (epochs end on block edges here).
    std::size_t b = 0;
    std::int64_t step = 0;
    for (const auto& e : r.epochs) {
      double sum = 0;
      for (; b < r.loss_block_sums.size() && static_cast<std::int64_t>(b + 1) * block <= e.step; ++b)
        sum += r.loss_block_sums[b];
      const auto steps = static_cast<double>(e.step - step);
      EXPECT_NEAR(sum, e.train_loss * steps, 1e-9 * steps) << budget << " epoch " << e.epoch;
      step = e.step;
    }
    EXPECT_EQ(b, r.loss_block_sums.size()) << budget;
  }
}

TEST(Train, LearningRateAtEveryStepFollowsTheSchedule) {
  const auto data = tiny_data();
  auto o = tiny_options();
  o.budget = "3ep";  // 400 training images / 32 = 12 steps per epoch: T = 36
  o.lr = 0.05;
  std::vector<double> seen;
  o.schedule = "linear";
  const RunRecord r = train(tiny_spec(), data, o, {}, [&](std::int64_t, double lr) { seen.push_back(lr); });
  ASSERT_EQ(static_cast<std::int64_t>(seen.size()), r.steps);
  const double T = double(r.steps);
  for (std::size_t t = 0; t < seen.size(); ++t) EXPECT_NEAR(seen[t], 0.05 * (1.0 - double(t) / T), 1e-12) << t;
  // Step decay twice (step-d2): x1 until p = 1/3, x0.1 until 2/3, x0.01 after.
  seen.clear();
  o.schedule = "step-d2";
  train(tiny_spec(), data, o, {}, [&](std::int64_t, double lr) { seen.push_back(lr); });
  for (std::size_t t = 0; t < seen.size(); ++t) {
    const double p = double(t) / T;
    const double expect = p >= 2.0 / 3.0 ? 0.0005 : p >= 1.0 / 3.0 ? 0.005 : 0.05;
    EXPECT_NEAR(seen[t], expect, 1e-12) << t;
  }
}

TEST(Train, LearnsASeparableSyntheticTaskWellAboveChance) {
  const auto data = tiny_data(1200);
  auto o = tiny_options();
  o.width = 0.125;
  o.budget = "4ep";
  o.augment = false;  // a 4-pixel shift of an 8-pixel image would hide the class pattern
  const RunRecord r = train(tiny_spec(), data, o);
  EXPECT_EQ(r.status, "ok");
  EXPECT_GT(r.best_val_acc, 0.6) << "chance is 0.1";
  EXPECT_LE(r.best_val_acc, 1.0);
  EXPECT_GE(r.best_progress, 0.0);
  EXPECT_LE(r.best_progress, 1.0);
  EXPECT_LT(r.epochs.back().train_loss, r.epochs.front().train_loss);
}

TEST(Train, HugeLearningRateEndsDivergedWithoutCrashing) {
  const auto data = tiny_data();
  auto o = tiny_options();
  o.lr = 1e8;
  o.budget = "2ep";
  const RunRecord r = train(tiny_spec(), data, o);
  EXPECT_EQ(r.status, "diverged");
  EXPECT_LT(r.steps_done, r.steps) << "a diverged run stops at once";
}

// --lr 1000 blows the loss up to billions, finite or not: diverged, never untrainable (which is a
// run that finished near chance), whichever of the two rules (docs/ranking.md) sees it first.
TEST(Train, ExplodedButFiniteLossIsDivergedNotUntrainable) {
  const auto data = tiny_data();
  auto o = tiny_options();
  o.lr = 1000;
  o.budget = "2ep";
  testing::internal::CaptureStderr();
  const RunRecord r = train(tiny_spec(), data, o);
  const std::string log = testing::internal::GetCapturedStderr();
  EXPECT_EQ(r.status, "diverged") << log;
  EXPECT_TRUE(log.find("run diverged") != std::string::npos) << log;
}

TEST(Train, TinyLearningRateStaysAtChanceAndIsUntrainable) {
  const auto data = tiny_data();
  auto o = tiny_options();
  o.lr = 1e-12;
  o.budget = "1ep";
  o.untrainable_factor = 1.6;
  const RunRecord r = train(tiny_spec(), data, o);
  // With a learning rate of 1e-12 the network is its initialisation: near chance on 10 classes.
  if (r.best_val_acc < 0.16) {
    EXPECT_EQ(r.status, "untrainable");
  } else {
    EXPECT_EQ(r.status, "ok");
  }
  EXPECT_LT(r.best_val_acc, 0.3);
}

TEST(Train, SameSeedSameNumbersOnTheCpu) {
  const auto data = tiny_data();
  auto o = tiny_options();
  o.budget = "1.5ep";
  o.grad_norm = true;
  const RunRecord a = train(tiny_spec(), data, o), b = train(tiny_spec(), data, o);
  ASSERT_EQ(a.epochs.size(), b.epochs.size());
  for (std::size_t i = 0; i < a.epochs.size(); ++i) {
    EXPECT_EQ(a.epochs[i].train_loss, b.epochs[i].train_loss);
    EXPECT_EQ(a.epochs[i].val_acc, b.epochs[i].val_acc);
    EXPECT_EQ(a.epochs[i].grad_norm, b.epochs[i].grad_norm);
  }
  o.seed = 1;
  const RunRecord c = train(tiny_spec(), data, o);
  EXPECT_NE(a.epochs.back().train_loss, c.epochs.back().train_loss);
}

TEST(Train, RecordCarriesTheDocumentedFields) {
  const auto data = tiny_data();
  auto o = tiny_options();
  o.budget = "1ep";
  o.test = true;
  o.grad_norm = true;
  const nlohmann::json j = to_json(train(tiny_spec(), data, o));
  for (const char* key :
       {"arch",   "dataset",      "synthetic_data", "schedule",      "budget",   "budget_epochs", "full_epochs",
        "seed",   "device",       "engine",         "recipe",        "params",   "macs",          "steps",
        "status", "best_val_acc", "best_step",      "final_val_acc", "test_acc", "seconds",       "images_per_second",
        "epochs"})
    EXPECT_TRUE(j.contains(key)) << key;
  EXPECT_EQ(j["engine"], "eager");
  EXPECT_TRUE(j["synthetic_data"].get<bool>());
  EXPECT_TRUE(j["test_acc"].is_number());
  const auto& e = j["epochs"][0];
  for (const char* key : {"epoch", "step", "train_loss", "train_acc", "val_loss", "val_acc", "lr", "images_per_second",
                          "wall_seconds", "grad_norm"})
    EXPECT_TRUE(e.contains(key)) << key;
  EXPECT_GT(e["grad_norm"].get<double>(), 0.0);
  for (const char* key : {"lr", "momentum", "weight_decay", "batch", "width", "train_size", "threads"})
    EXPECT_TRUE(j["recipe"].contains(key)) << key;
}

// --evals-per-run K: validation at K evenly spaced steps, the last the budget's end, whatever the
// epochs; more points than steps validates every step.
TEST(Train, EvalsPerRunSpacesTheValidationsEvenlyOverTheBudget) {
  const auto data = tiny_data(456);  // 8 steps per epoch of 32
  auto o = tiny_options();
  o.train_size = 256;
  o.budget = "1.25ep";  // 10 steps
  struct Case {
    std::int64_t k;
    std::vector<std::int64_t> eval_steps;
  };
  for (const Case& c :
       {Case{4, {3, 5, 8, 10}}, Case{1, {10}}, Case{2, {5, 10}}, Case{20, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}}}) {
    o.evals_per_run = c.k;
    const RunRecord r = train(tiny_spec(), data, o);
    std::vector<std::int64_t> evals;
    for (const auto& e : r.epochs) evals.push_back(e.step);
    EXPECT_EQ(evals, c.eval_steps) << "K = " << c.k;
    // The best checkpoint's progress is one of those points.
    EXPECT_NE(std::find(evals.begin(), evals.end(), r.best_step), evals.end());
    EXPECT_DOUBLE_EQ(r.best_progress, double(r.best_step) / 10);
  }
  o.evals_per_run = -1;
  EXPECT_THROW(train(tiny_spec(), data, o), Error);
}

TEST(Train, BadOptionsAreClearErrors) {
  const auto data = tiny_data();
  auto o = tiny_options();
  o.batch = 0;
  EXPECT_THROW(train(tiny_spec(), data, o), Error);
  o = tiny_options();
  o.schedule = "nonsense";
  EXPECT_THROW(train(tiny_spec(), data, o), Error);
  o = tiny_options();
  o.budget = "lots";
  EXPECT_THROW(train(tiny_spec(), data, o), Error);
  o = tiny_options();
  EXPECT_THROW(train(nas::resnet18_spec(3, 32, 10), data, o), Error) << "shape mismatch with the data";
}

}  // namespace
}  // namespace nasrank::trainer
