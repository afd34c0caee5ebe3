// `nasrank search` as a user runs it, on tiny synthetic runs: the ranking's order and files, the
// retraining of the top K, successive halving's rungs, resuming without new runs, and bad input.
// The stores the search leaves behind are read with plain SQL.

#include <cmath>
#include <cstdlib>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cli_run.h"
#include "nasrank/core/csv.h"
#include "store_fixtures.h"

namespace {

using namespace sweep_test;
using nlohmann::json;
using ::testing::HasSubstr;

using Result = nasrank::test_support::CliResult;

Result nasrank(const std::vector<std::string>& args) { return nasrank::test_support::run_nasrank(args); }

class SearchCli : public ::testing::Test {
 protected:
  void SetUp() override {
    const Result r = nasrank({"--quiet", "generate", "--count", "5", "--seed", "4", "--in-channels", "1",
                              "--image-size", "28", "--classes", "10", "--out", pool_.string()});
    ASSERT_EQ(r.code, 0) << r.err;
  }
  /// A search over the pool on 256 synthetic images at width 1/16: each run a few steps.
  Result search(const fs::path& out, std::vector<std::string> extra) {
    std::vector<std::string> args = {"--quiet",      "search",        "--pool",    pool_.string(), "--out",
                                     out.string(),   "--dataset",     "synthetic", "--val-size",   "200",
                                     "--train-size", "256",           "--batch",   "64",           "--width",
                                     "0.0625",       "--full-epochs", "4",         "--threads",    "1"};
    args.insert(args.end(), extra.begin(), extra.end());
    return nasrank(args);
  }
  ScratchDir dir_;
  fs::path pool_ = dir_ / "pool.json";
};

TEST_F(SearchCli, RanksEveryArchitectureByItsProxyAccuracyAndRetrainsTheTopK) {
  const fs::path out = dir_ / "s";
  const Result r = search(out, {"--budget", "1ep", "--pick", "2", "--retrain", "full"});
  ASSERT_EQ(r.code, 0) << r.err;
  const json j = json::parse(file_bytes(out / "ranking.json"));
  EXPECT_EQ(j["format"], "nasrank-search");
  EXPECT_TRUE(j["complete"].get<bool>());
  ASSERT_EQ(j["ranking"].size(), 5u);
  // The proxy accuracy of each architecture, read from the rung's store: one run each (one seed).
  std::map<std::string, double> acc;
  for (const auto& row : sql_rows(out / "rung-0.db",
                                  "SELECT j.arch, r.best_val_acc FROM jobs j JOIN results r "
                                  "ON r.job_id = j.id WHERE j.reference = 0"))
    acc[row.substr(0, row.find('|'))] = std::stod(row.substr(row.find('|') + 1));
  ASSERT_EQ(acc.size(), 5u);
  double previous = 2;
  std::string previous_arch;
  for (std::size_t i = 0; i < 5; ++i) {
    const json& row = j["ranking"][i];
    EXPECT_EQ(row["rank"], i + 1);
    const std::string arch = row["arch"];
    EXPECT_DOUBLE_EQ(row["accuracy"]["1ep"].get<double>(), acc.at(arch));
    // Best first; equal accuracies in id order.
    EXPECT_TRUE(acc.at(arch) < previous || (acc.at(arch) == previous && arch > previous_arch)) << arch;
    previous = acc.at(arch);
    previous_arch = arch;
    EXPECT_EQ(row["top_k"].get<bool>(), i < 2);
  }
  // No reference runs at the proxy budget; exactly K full-budget runs, of the top K, in retrain.db.
  EXPECT_EQ(sql_one(out / "rung-0.db", "SELECT count(*), sum(reference) FROM jobs"), "5|0");
  EXPECT_EQ(sql_one(out / "retrain.db", "SELECT count(*), sum(status = 'done'), min(budget_epochs) FROM jobs"),
            "2|2|4.0");
  const std::string top = j["ranking"][0]["arch"], second = j["ranking"][1]["arch"];
  EXPECT_EQ(sql_one(out / "retrain.db", "SELECT group_concat(arch) FROM (SELECT arch FROM jobs ORDER BY arch)"),
            std::min(top, second) + "," + std::max(top, second));
  EXPECT_FALSE(j["ranking"][0]["full_budget_acc"].is_null());
  EXPECT_TRUE(j["ranking"][4]["full_budget_acc"].is_null());
  // The CSV says the same, one row per architecture; stdout holds the table.
  const nasrank::CsvTable csv = nasrank::read_csv(out / "ranking.csv");
  ASSERT_EQ(csv.rows.size(), 5u);
  EXPECT_EQ(csv.rows[0][csv.column("arch")], top);
  EXPECT_EQ(csv.rows[0][csv.column("rank")], "1");
  EXPECT_THAT(r.out, HasSubstr("full_budget_acc"));

  // Running the same search again trains nothing and gives the same ranking.
  const std::string csv_before = file_bytes(out / "ranking.csv");
  const std::string before = sql_one(out / "rung-0.db", "SELECT count(*), max(finished_at) FROM results") +
                             sql_one(out / "retrain.db", "SELECT count(*), max(finished_at) FROM results");
  const Result again = search(out, {"--budget", "1ep", "--pick", "2", "--retrain", "full"});
  ASSERT_EQ(again.code, 0) << again.err;
  EXPECT_EQ(sql_one(out / "rung-0.db", "SELECT count(*), max(finished_at) FROM results") +
                sql_one(out / "retrain.db", "SELECT count(*), max(finished_at) FROM results"),
            before);
  EXPECT_EQ(file_bytes(out / "ranking.csv"), csv_before);
}

TEST_F(SearchCli, SuccessiveHalvingKeepsTheBestHalfAndDoublesTheBudget) {
  const fs::path out = dir_ / "h";
  const Result r = search(out, {"--budget", "0.5ep", "--pick", "1", "--halving", "2"});
  ASSERT_EQ(r.code, 0) << r.err;
  const json j = json::parse(file_bytes(out / "ranking.json"));
  // 5 architectures at 0.5 epochs, then ceil(5/2) = 3 at 1, 2 at 2, 1 at 4 (the full budget).
  ASSERT_EQ(j["rungs"].size(), 4u);
  const std::vector<int> sizes = {5, 3, 2, 1};
  const std::vector<double> epochs = {0.5, 1, 2, 4};
  for (std::size_t r = 0; r < 4; ++r) {
    EXPECT_EQ(j["rungs"][r]["architectures"], sizes[r]);
    EXPECT_DOUBLE_EQ(j["rungs"][r]["epochs"].get<double>(), epochs[r]);
    const fs::path db = out / ("rung-" + std::to_string(r) + ".db");
    EXPECT_EQ(sql_one(db, "SELECT count(*), sum(status = 'done') FROM jobs"),
              std::to_string(sizes[r]) + "|" + std::to_string(sizes[r]));
  }
  // The survivors of rung 1 are the best three of rung 0.
  std::vector<std::pair<double, std::string>> rung0;
  for (const auto& row : sql_rows(out / "rung-0.db",
                                  "SELECT r.best_val_acc, j.arch FROM jobs j JOIN results r ON "
                                  "r.job_id = j.id"))
    rung0.push_back({-std::stod(row.substr(0, row.find('|'))), row.substr(row.find('|') + 1)});
  std::sort(rung0.begin(), rung0.end());
  const std::string rung1 =
      sql_one(out / "rung-1.db", "SELECT group_concat(arch) FROM (SELECT arch FROM jobs ORDER BY arch)");
  std::vector<std::string> best3 = {rung0[0].second, rung0[1].second, rung0[2].second};
  std::sort(best3.begin(), best3.end());
  EXPECT_EQ(rung1, best3[0] + "," + best3[1] + "," + best3[2]);
  // The winner is the one architecture of the last rung.
  EXPECT_EQ(j["ranking"][0]["arch"], sql_one(out / "rung-3.db", "SELECT arch FROM jobs"));
  EXPECT_EQ(j["ranking"][0]["rung"], 3);
}

TEST_F(SearchCli, ADirectoryPlannedWithOtherSettingsIsReplannedWithForceReplan) {
  const fs::path out = dir_ / "replan";
  ASSERT_EQ(search(out, {"--budget", "1ep", "--pick", "1"}).code, 0);
  const Result refused = search(out, {"--budget", "0.5ep", "--pick", "1"});
  EXPECT_EQ(refused.code, 1) << refused.err;
  EXPECT_THAT(refused.err, HasSubstr("--force-replan"));
  const Result replanned = search(out, {"--budget", "0.5ep", "--pick", "1", "--force-replan"});
  EXPECT_EQ(replanned.code, 0) << replanned.err;
}

TEST_F(SearchCli, BadInputIsAOneLineErrorWithTheRightExitCode) {
  struct Case {
    std::vector<std::string> args;
    int code;
    std::string says;
  };
  const std::vector<Case> cases = {
      {{"--budget", "1ep", "--pick", "0"}, 2, "--pick must be at least 1"},
      {{"--budget", "1ep", "--pick", "9"}, 2, "--pick must lie in 1..5"},
      {{"--budget", "1ep", "--pick", "2", "--seeds", "0"}, 2, "--seeds must be at least 1"},
      {{"--budget", "1ep", "--pick", "2", "--halving", "1"}, 2, "--halving"},
      {{"--budget", "1ep", "--pick", "2", "--retrain", "half"}, 2, "--retrain takes 'full'"},
      {{"--pick", "2"}, 2, "--budget"},
      {{"--budget", "9ep", "--pick", "2"}, 2, "longer than the full budget"},
      {{"--budget", "2epochs", "--pick", "2"}, 2, "--budget"},
      {{"--budget", "1ep", "--pick", "2", "--concurrent", "0"}, 2, "--concurrent must be at least 1"},
  };
  for (const auto& c : cases) {
    const Result r = search(dir_ / "bad", c.args);
    EXPECT_EQ(r.code, c.code) << r.err;
    EXPECT_THAT(r.err, HasSubstr(c.says));
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  }
  const Result r = nasrank({"search", "--pool", (dir_ / "none.json").string(), "--budget", "1ep", "--pick", "1",
                            "--out", (dir_ / "x").string()});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("none.json"));
}

}  // namespace
