// The study library through its C++ API, with no command line and no child process: a whole study
// and a search on tiny synthetic runs, the plan's checks, and the command lines it renders.
#include <algorithm>
#include <filesystem>
#include <map>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "nasrank/core/error.h"
#include "nasrank/core/files.h"
#include "nasrank/generator/pool.h"
#include "nasrank/study/commands.h"
#include "nasrank/study/search.h"
#include "nasrank/study/study.h"
#include "nasrank/study/sweep.h"
#include "store_fixtures.h"

namespace nasrank::study {
namespace {

using sweep_test::ScratchDir;
using sweep_test::sql_one;
using sweep_test::sql_rows;
using ::testing::HasSubstr;
namespace fs = std::filesystem;

/// 3 architectures x 2 schedules x 1 budget x 1 seed plus 3 x 2 reference runs, each a few steps.
StudyOptions tiny_study(const fs::path& out) {
  StudyOptions o;
  o.preset = find_preset("quick");
  o.preset.dataset = "synthetic";
  o.preset.archs = 3;
  o.preset.schedules = {"linear", "const"};
  o.preset.budgets = {"0.5ep"};
  o.preset.full_epochs = 2;
  o.preset.train_size = 256;
  o.preset.val_size = 100;
  o.preset.width = 0.0625;
  o.preset.concurrent = 1;  // in this process: a test binary cannot be a worker program
  o.preset.zero_cost = false;
  o.out = out;
  o.statistics.bootstrap.resamples = 200;
  return o;
}

TEST(StudyApi, RunsEveryStepInProcessAndResumesWithoutTrainingTwice) {
  ScratchDir dir("nasrank-study-api");
  const StudyOptions options = tiny_study(dir / "s");
  const StudyResult r = run_study(options);
  EXPECT_TRUE(r.finished);
  EXPECT_FALSE(r.interrupted);
  EXPECT_EQ(r.plan.outcome.total, 12);
  EXPECT_EQ(r.plan.outcome.added, 12);
  EXPECT_EQ(r.plan.reference_runs, 6);
  EXPECT_EQ(r.status.done, 12);
  const fs::path db = dir / "s" / "runs.db";
  EXPECT_EQ(sql_one(db, "SELECT count(*), sum(status = 'done'), sum(reference) FROM jobs"), "12|12|6");
  EXPECT_EQ(sql_one(db, "SELECT group_concat(DISTINCT seed) FROM jobs WHERE reference = 1"), "1,2");  // disjoint
  EXPECT_EQ(sql_one(db, "SELECT count(*) FROM zero_cost"), "0");
  // Tables and report of the finished sweep; the commands a user would have typed, step by step.
  EXPECT_THAT(read_file(r.tables), HasSubstr("Table 6"));
  EXPECT_TRUE(fs::exists(r.report.html));
  EXPECT_EQ(r.report.html, dir / "s" / "report" / "report.html");
  const std::string commands = read_file(dir / "s" / "commands.txt");
  EXPECT_THAT(commands, HasSubstr("nasrank generate --count 3 --seed 0 --in-channels 1 --image-size 28 --classes 10 "
                                  "--mutations 2..16 --spread params --max-params "));
  EXPECT_THAT(commands, HasSubstr("nasrank sweep plan --db " + db.string()));
  EXPECT_THAT(commands, HasSubstr("--schedules linear,const --budgets 0.5ep --seeds 1 --reference-seeds 2 "
                                  "--full-epochs 2 --width 0.0625 --train-size 256"));
  EXPECT_THAT(commands, HasSubstr("nasrank sweep run --db " + db.string() + " --device cpu\n"));
  EXPECT_THAT(commands, HasSubstr("nasrank rank --db "));
  EXPECT_THAT(commands, HasSubstr("nasrank report --db "));

  const std::string finished = sql_one(db, "SELECT group_concat(finished_at) FROM jobs");
  const StudyResult again = run_study(options);
  EXPECT_EQ(again.plan.outcome.added, 0);
  EXPECT_EQ(again.plan.outcome.total, 12);
  EXPECT_EQ(sql_one(db, "SELECT group_concat(finished_at) FROM jobs"), finished) << "nothing trained twice";
  EXPECT_THAT(read_file(dir / "s" / "commands.txt"), HasSubstr("# kept: "));

  StudyOptions other = options;
  other.preset.width = 0.125;
  try {
    run_study(other);
    ADD_FAILURE() << "other settings on the same directory must be refused";
  } catch (const Error& e) {
    EXPECT_THAT(e.what(), HasSubstr("width"));
  }
}

TEST(StudyApi, AStopRequestedBeforehandTrainsNothingAndSaysSo) {
  ScratchDir dir("nasrank-study-api");
  StopRequests stop;
  stop.requested = true;
  const StudyResult r = run_study(tiny_study(dir / "s"), &stop);
  EXPECT_TRUE(r.interrupted);
  EXPECT_FALSE(r.finished);
  EXPECT_EQ(sql_one(dir / "s" / "runs.db", "SELECT count(*), sum(status = 'pending') FROM jobs"), "12|12");
  EXPECT_FALSE(fs::exists(dir / "s" / "tables.md"));
}

TEST(StudyApi, BadSettingsAreRefusedBeforeAnythingIsWritten) {
  ScratchDir dir("nasrank-study-api");
  StudyOptions o = tiny_study(dir / "s");
  o.preset.archs = 1;
  EXPECT_THROW(run_study(o), Error);
  o = tiny_study(dir / "s");
  o.preset.spread = "depth";
  EXPECT_THROW(run_study(o), Error);
  EXPECT_FALSE(fs::exists(dir / "s"));
  EXPECT_THROW(find_preset("huge"), UsageError);
}

/// A pool of `n` architectures shaped for the synthetic data (1 x 28 x 28, 10 classes).
fs::path write_pool(const ScratchDir& dir, int n) {
  generator::PoolOptions o;
  o.count = n;
  o.seed = 4;
  o.in_channels = 1;
  o.image_size = 28;
  const fs::path path = dir / "pool.json";
  write_file_atomic(path, generator::pool_text(generator::generate_pool(o)));
  return path;
}

TEST(SearchApi, HalvingKeepsTheBestOfEachRungAndRanksThemFirst) {
  ScratchDir dir("nasrank-search-api");
  SearchOptions o;
  o.pool = write_pool(dir, 4);
  o.out = dir / "search";
  o.dataset.name = "synthetic";
  o.dataset.val_size = 200;
  o.recipe.train_size = 256;
  o.recipe.batch = 64;
  o.recipe.width = 0.0625;
  o.recipe.full_epochs = 4;
  o.recipe.budget = "1ep";
  o.device.threads = 1;
  o.top_k = 1;
  o.halving = 2;
  const SearchResult r = run_search(o);
  EXPECT_TRUE(r.complete);
  // Rungs: 4 archs at 1 epoch, the best 2 at 2 epochs, the best 1 at 4 epochs (the full budget).
  ASSERT_EQ(r.rungs.size(), 3u);
  EXPECT_EQ(r.rungs[1].archs, 2u);
  EXPECT_DOUBLE_EQ(r.rungs[2].epochs, 4);
  ASSERT_EQ(r.ranking.size(), 4u);
  // Rung 1 trained the two best of rung 0, by the accuracy its store holds.
  std::map<std::string, double> rung0;
  for (const auto& row : sql_rows(r.rungs[0].store,
                                  "SELECT j.arch, r.best_val_acc FROM jobs j JOIN results r ON "
                                  "r.job_id = j.id"))
    rung0[row.substr(0, row.find('|'))] = std::stod(row.substr(row.find('|') + 1));
  std::vector<std::pair<double, std::string>> by_acc;
  for (const auto& [arch, acc] : rung0) by_acc.push_back({-acc, arch});
  std::sort(by_acc.begin(), by_acc.end());
  const std::string rung1 =
      sql_one(r.rungs[1].store, "SELECT group_concat(arch) FROM (SELECT arch FROM jobs ORDER BY arch)");
  EXPECT_EQ(rung1, std::min(by_acc[0].second, by_acc[1].second) + "," + std::max(by_acc[0].second, by_acc[1].second));
  EXPECT_EQ(r.ranking[0].rung, 2);
  EXPECT_TRUE(r.ranking[0].top_k);
  EXPECT_FALSE(r.ranking[1].top_k);
  EXPECT_EQ(r.ranking[3].rung, 0);
  EXPECT_THAT(render_table(r), HasSubstr("acc_1ep"));
  EXPECT_TRUE(fs::exists(r.json));
  EXPECT_TRUE(fs::exists(r.csv));

  o.top_k = 5;
  EXPECT_THROW(run_search(o), UsageError);
}

TEST(PlanApi, APoolShapedForOtherImagesIsRefusedAtPlanTime) {
  ScratchDir dir("nasrank-plan-api");
  generator::PoolOptions cifar;  // 3 x 32 x 32, while the synthetic data is 1 x 28 x 28
  cifar.count = 2;
  const fs::path pool = dir / "pool.json";
  write_file_atomic(pool, generator::pool_text(generator::generate_pool(cifar)));
  PlanOptions plan;
  plan.db = dir / "runs.db";
  plan.pool = pool;
  plan.settings.dataset.name = "synthetic";
  try {
    plan_sweep(plan);
    ADD_FAILURE() << "a pool that cannot take the dataset's images must be refused";
  } catch (const Error& e) {
    EXPECT_THAT(e.what(), HasSubstr("3x32x32"));
  }
  EXPECT_FALSE(fs::exists(plan.db)) << "nothing written";

  // The shape is checked without the dataset's files: a planning machine need not have them.
  plan.settings.dataset.name = "cifar10";
  plan.settings.dataset.root = (dir / "no-such-data").string();
  plan.settings.budgets = {"1ep"};
  EXPECT_GT(plan_sweep(plan).outcome.total, 0);
}

TEST(Commands, AreOneShellLineThatQuotesOnlyWhatNeedsIt) {
  EXPECT_EQ(command_line({"nasrank", "rank", "--db", "a b.db", "--tau", "it's"}),
            "nasrank rank --db 'a b.db' --tau 'it'\\''s'");
  EXPECT_EQ(command_line({"x", "cosine:eta=0.1,linear", "", "5%"}), "x cosine:eta=0.1,linear '' 5%");
}

TEST(Commands, WriteOnlyWhatDiffersFromTheDefaults) {
  RunOptions run;
  run.db = "r.db";
  EXPECT_EQ(command_line(run_command(run)), "nasrank sweep run --db r.db --device cpu");
  run.concurrent = 2;
  run.worker.claim.max_attempts = 5;
  run.worker.device.cuda_graphs = false;
  run.zero_cost = true;
  run.zero_cost_options.scores = {"snip", "params"};
  EXPECT_EQ(command_line(run_command(run)),
            "nasrank sweep run --db r.db --device cpu --concurrent 2 --max-attempts 5 --no-cuda-graphs --zero-cost "
            "--zero-cost-scores snip,params");
  run.supervisor_pid = 42;
  EXPECT_THAT(command_line(run_command(run)), HasSubstr("--shard 0/1 "));
  EXPECT_THAT(command_line(run_command(run)), HasSubstr(" --supervised-by 42"));
}

TEST(StoredRecords, OfTheCommittedStudyReadBackByteForByte) {
  // Records written by earlier builds must read back into the same record: every one of the
  // committed study's, parsed and written again, gives the stored text.
  const fs::path db = fs::path(NASRANK_SOURCE_DIR) / "docs" / "results" / "cpu-fashion-mnist" / "runs.db";
  Store store = Store::open(db, Store::Mode::read_only);
  const auto runs = store.finished_runs();
  ASSERT_GT(runs.size(), 800u);
  for (const auto& r : runs) {
    const std::string stored = sql_one(db, "SELECT record FROM results WHERE job_id = " + std::to_string(r.job_id));
    ASSERT_EQ(trainer::to_json(trainer::run_record_from_json(nlohmann::json::parse(stored))).dump(), stored)
        << r.job_id;
  }
}

}  // namespace
}  // namespace nasrank::study
