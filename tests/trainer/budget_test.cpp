#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "nasrank/core/error.h"
#include "nasrank/trainer/budget.h"
#include "nasrank/trainer/record.h"

namespace nasrank::trainer {
namespace {

TEST(Budget, FractionPercentAndEpochsMeanTheSame) {
  EXPECT_DOUBLE_EQ(Budget::parse("0.05", 200).epochs, 10.0);
  EXPECT_DOUBLE_EQ(Budget::parse("5%", 200).epochs, 10.0);
  EXPECT_DOUBLE_EQ(Budget::parse("10ep", 200).epochs, 10.0);
  EXPECT_DOUBLE_EQ(Budget::parse("1", 200).epochs, 200.0);
  EXPECT_DOUBLE_EQ(Budget::parse("0.5ep", 200).epochs, 0.5);
  EXPECT_DOUBLE_EQ(Budget::parse("10ep", 200).fraction(200), 0.05);
}

TEST(Budget, BadTextIsAnError) {
  for (const char* bad : {"", "abc", "-0.1", "0", "1.5", "ep", "10 ep", "nan", "5%%"})
    EXPECT_THROW(Budget::parse(bad, 200), Error) << bad;
  EXPECT_THROW(Budget::parse("0.1", 0), Error);
}

// Found by fuzzing (scripts/fuzz.sh budget): "9e-324" NUL "0%" parsed as 9e-324 percent (strtod
// stops at the NUL), which scales to 0 epochs. Neither an embedded NUL nor an underflow is a budget.
TEST(Budget, EmbeddedNulAndUnderflowAreErrors) {
  const std::string nul(
      "9e-324\0"
      "0%",
      9);
  EXPECT_THROW(Budget::parse(nul, 1.0), Error);
  EXPECT_THROW(Budget::parse(std::string("0.5\0"
                                         "x",
                                         5),
                             10.0),
               Error);
  EXPECT_THROW(Budget::parse("9e-324%", 1.0), Error);
  EXPECT_GT(Budget::parse("1e-300", 1.0).epochs, 0.0);
}

TEST(Budget, StepsAreRoundedAndAtLeastOne) {
  // 390 steps per epoch (CIFAR-10 train 45000 / 128 drop-last = 351; here any number).
  EXPECT_EQ(budget_steps(1.0, 390), 390);
  EXPECT_EQ(budget_steps(0.5, 390), 195);
  EXPECT_EQ(budget_steps(0.01, 390), 4);   // 3.9 rounds to 4
  EXPECT_EQ(budget_steps(0.001, 390), 1);  // 0.39 would round to 0: at least one step
  EXPECT_EQ(budget_steps(2.5, 64), 160);
}

TEST(RunRecord, JsonRoundTripKeepsEveryField) {
  RunRecord r;
  r.arch = "a001";
  r.dataset = "fashion-mnist";
  r.schedule = "linear";
  r.budget = "2ep";
  r.budget_epochs = 2;
  r.full_epochs = 20;
  r.seed = 3;
  r.device = "cpu x2 threads";
  r.engine = "eager";
  r.params = 1234;
  r.macs = 5678;
  r.steps = 100;
  r.status = "ok";
  r.best_val_acc = 0.75;
  r.best_step = 80;
  r.best_progress = 0.8;
  r.test_acc = 0.7;
  EpochRecord e;
  e.epoch = 1.5;
  e.val_acc = 0.75;
  e.grad_norm = 0.25;
  r.epochs = {e, EpochRecord{}};
  r.loss_block_steps = 2;
  r.loss_block_sums = {4.5, 3.25};
  const RunRecord back = run_record_from_json(nlohmann::json::parse(to_json(r).dump()));
  EXPECT_EQ(to_json(back), to_json(r));
  EXPECT_EQ(back.loss_block_sums, (std::vector<double>{4.5, 3.25}));
  // A diverged block is written as null and read back as NaN; a record without blocks has no keys.
  r.loss_block_sums = {4.5, std::nan("")};
  const RunRecord diverged = run_record_from_json(nlohmann::json::parse(to_json(r).dump()));
  EXPECT_TRUE(std::isnan(diverged.loss_block_sums.at(1)));
  EXPECT_FALSE(to_json(RunRecord{}).contains("loss_block_sums"));
  EXPECT_EQ(back.epochs[0].grad_norm.value(), 0.25);
  EXPECT_FALSE(back.epochs[1].grad_norm.has_value());
}

TEST(RunRecord, ForeignJsonIsAClearError) {
  EXPECT_THROW(run_record_from_json(nlohmann::json::parse(R"({"hello": 1})")), Error);
  EXPECT_THROW(run_record_from_json(nlohmann::json::parse(R"({"format": "nasrank-run", "arch": 3})")), Error);
}

}  // namespace
TEST(RunRecord, KeysAreTheDocumentedOnesAndAMissingOneIsNamed) {
  const nlohmann::json j = to_json(RunRecord{});
  std::vector<std::string> keys;
  for (const auto& [k, v] : j.items()) keys.push_back(k);
  // The record's fields as docs and exports name them (sorted, as nlohmann::json keeps them).
  EXPECT_EQ(keys, (std::vector<std::string>{"arch",
                                            "best_progress",
                                            "best_step",
                                            "best_val_acc",
                                            "budget",
                                            "budget_epochs",
                                            "dataset",
                                            "device",
                                            "engine",
                                            "epochs",
                                            "final_val_acc",
                                            "format",
                                            "full_epochs",
                                            "images_per_second",
                                            "macs",
                                            "params",
                                            "recipe",
                                            "schedule",
                                            "seconds",
                                            "seed",
                                            "setup_seconds",
                                            "status",
                                            "steps",
                                            "steps_done",
                                            "steps_per_epoch",
                                            "synthetic_data",
                                            "test_acc",
                                            "train_images",
                                            "version"}));
  EpochRecord e;
  e.train_loss = std::nan("");
  RunRecord r;
  r.epochs = {e};
  nlohmann::json text = nlohmann::json::parse(to_json(r).dump());
  EXPECT_TRUE(text["epochs"][0]["train_loss"].is_null());                    // NaN is written as null ...
  EXPECT_TRUE(std::isnan(run_record_from_json(text).epochs[0].train_loss));  // ... and read back as NaN
  text.erase("steps_done");
  try {
    run_record_from_json(text);
    ADD_FAILURE() << "a record without steps_done must be refused";
  } catch (const Error& err) {
    EXPECT_NE(std::string(err.what()).find("steps_done"), std::string::npos) << err.what();
  }
  text = nlohmann::json::parse(to_json(r).dump());
  text.erase("setup_seconds");  // optional: older records lack it
  EXPECT_EQ(run_record_from_json(text).setup_seconds, 0);
}

}  // namespace nasrank::trainer
