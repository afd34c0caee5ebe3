// `nasrank study` end to end on a few tiny networks and synthetic data: it generates the pool,
// plans and runs the sweep with the zero-cost scores, ranks, reports, lists its steps, and run
// again with the same directory resumes without training anything twice.

#include <algorithm>
#include <filesystem>
#include <tuple>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cli_run.h"
#include "nasrank/core/files.h"
#include "nasrank/generator/pool.h"
#include "nasrank/study/commands.h"
#include "nasrank/study/store.h"
#include "nasrank/trainer/recipe_fields.h"
#include "store_fixtures.h"

namespace {

using nasrank::test_support::CliResult;
using nasrank::test_support::read_bytes;
using nasrank::test_support::run_nasrank;
using nasrank::test_support::ScratchDir;
using sweep_test::sql_one;
using ::testing::HasSubstr;

// 3 architectures x 2 schedules x 1 budget x 1 seed, plus 3 x 2 reference runs: about 10 s.
std::vector<std::string> tiny_study(const std::string& out) {
  return {"study",        "--preset",  "quick",  "--dataset",     "synthetic", "--archs",      "3",   "--schedules",
          "linear,const", "--budgets", "0.5ep",  "--full-epochs", "2",         "--train-size", "256", "--val-size",
          "100",          "--width",   "0.0625", "--concurrent",  "1",         "--out",        out};
}

TEST(StudyCommand, RunsEveryStepAndResumesWithoutTrainingTwice) {
  ScratchDir dir("nasrank-study");
  const std::string out = (dir / "s").string();
  CliResult r = run_nasrank(tiny_study(out));
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("SYNTHETIC"));  // says that its rankings mean nothing for real data
  for (const char* f : {"pool.json", "runs.db", "tables.md", "commands.txt", "report/report.html", "report/report.md",
                        "report/report.json", "report/tables/table6.csv"})
    EXPECT_TRUE(std::filesystem::exists(dir / "s" / f)) << f;
  const auto db = dir / "s" / "runs.db";
  EXPECT_EQ(sql_one(db, "SELECT count(*), sum(status = 'done'), sum(reference) FROM jobs"), "12|12|6");
  // Two seeds of the reference runs (the preset's --reference-seeds 2), one of the grid, disjoint:
  // the references take the seeds after the grid's.
  EXPECT_EQ(sql_one(db, "SELECT group_concat(DISTINCT seed) FROM jobs WHERE reference = 1"), "1,2");
  EXPECT_EQ(sql_one(db, "SELECT group_concat(DISTINCT seed) FROM jobs WHERE reference = 0"), "0");
  // Every zero-cost score of every architecture (the presets score by default).
  EXPECT_EQ(sql_one(db, "SELECT count(*), count(DISTINCT arch), count(DISTINCT score) FROM zero_cost"), "27|3|9");
  const std::string commands = read_bytes(dir / "s" / "commands.txt");
  for (const char* step : {"nasrank generate --count 3", "nasrank sweep plan", "--reference-seeds 2",
                           "--full-epochs 2 --width 0.0625 ", "nasrank sweep run", "--zero-cost", "nasrank rank",
                           "nasrank report", "--mutations 2..16 --spread params --max-params "})
    EXPECT_THAT(commands, HasSubstr(step));
  // The log says what the zero-cost step did, and the report's place is printed once, on stdout.
  EXPECT_THAT(r.err, HasSubstr("zero-cost: 3 architectures scored"));
  EXPECT_THAT(r.err, ::testing::Not(HasSubstr("0 architectures")));
  const std::string html = (dir / "s" / "report" / "report.html").string();
  EXPECT_THAT(r.out, HasSubstr(html));
  EXPECT_THAT(r.err, ::testing::Not(HasSubstr(html)));
  // The quick preset spreads its pool over sizes up to the base's own, shaped for the data.
  EXPECT_THAT(read_bytes(dir / "s" / "pool.json"), HasSubstr("\"spread\": {\"by\": \"params\""));

  const std::string finished = sql_one(db, "SELECT group_concat(finished_at) FROM jobs");
  const std::string scored = sql_one(db, "SELECT group_concat(computed_at) FROM zero_cost");
  r = run_nasrank(tiny_study(out));
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("12 jobs (0 added)"));
  EXPECT_THAT(r.err, HasSubstr("zero-cost: 3 architectures already had their scores"));
  EXPECT_THAT(r.err, ::testing::Not(HasSubstr("architectures scored")));
  EXPECT_EQ(sql_one(db, "SELECT group_concat(finished_at) FROM jobs"), finished) << "nothing trained twice";
  EXPECT_EQ(sql_one(db, "SELECT group_concat(computed_at) FROM zero_cost"), scored) << "nothing scored twice";
  EXPECT_THAT(read_bytes(dir / "s" / "commands.txt"), HasSubstr("# kept: "));  // the pool is not regenerated
}

TEST(StudyCommand, OtherSettingsOnTheSameDirectoryAreRefused) {
  ScratchDir dir("nasrank-study");
  const std::string out = (dir / "s").string();
  std::vector<std::string> args = tiny_study(out);
  args.push_back("--no-zero-cost");
  const auto value_of = [&](const std::string& option) { return std::find(args.begin(), args.end(), option) + 1; };
  *value_of("--archs") = "2";  // the fewest a ranking takes, so the first run is quick
  ASSERT_EQ(run_nasrank(args).code, 0);
  const std::string commands = read_bytes(dir / "s" / "commands.txt"), pool = read_bytes(dir / "s" / "pool.json");
  *value_of("--width") = "0.125";
  const CliResult r = run_nasrank(args);
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_THAT(r.err, HasSubstr("nasrank: error:"));
  EXPECT_THAT(r.err, HasSubstr("width"));
  // Refused before anything was written: the study's files are as the first run left them.
  EXPECT_EQ(read_bytes(dir / "s" / "commands.txt"), commands);
  EXPECT_EQ(read_bytes(dir / "s" / "pool.json"), pool);
}

TEST(StudyCommand, BadSettingsAreRefusedBeforeAnythingIsWritten) {
  ScratchDir dir("nasrank-study");
  const std::string out = (dir / "s").string();
  // Every mistake in what was typed is a usage error (exit 2), as in 'sweep plan' and 'train', and
  // none writes anything.
  const std::vector<std::tuple<std::string, std::string, std::string, int>> cases = {
      {"--budgets", "5ep", "is longer than the full budget", 2},
      {"--schedules", "linear,wobbly", "wobbly", 2},
      {"--full-epochs", "0", "--full-epochs must be positive", 2},
      {"--seeds", "0", "--seeds must be at least 1", 2},
      {"--concurrent", "0", "--concurrent must be at least 1", 2}};
  for (const auto& [option, value, message, code] : cases) {
    std::vector<std::string> args = tiny_study(out);
    const auto at = std::find(args.begin(), args.end(), option);
    if (at != args.end()) *(at + 1) = value;
    else args.insert(args.end() - 2, {option, value});
    const CliResult r = run_nasrank(args);
    EXPECT_EQ(r.code, code) << option << " " << value << ": " << r.err;
    EXPECT_THAT(r.err, HasSubstr(message)) << option;
    EXPECT_FALSE(std::filesystem::exists(dir / "s")) << option << " " << value << " left the study directory behind";
  }
}

TEST(StudyCommand, AnUnknownSpreadIsAUsageErrorBeforeAnythingIsWritten) {
  ScratchDir dir("nasrank-study");
  const std::string out = (dir / "s").string();
  std::vector<std::string> args = tiny_study(out);
  args.insert(args.end() - 2, {"--spread", "depth"});
  const CliResult r = run_nasrank(args);
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_THAT(r.err, HasSubstr("--spread 'depth' is not one of: none, params, macs"));
  EXPECT_FALSE(std::filesystem::exists(dir / "s")) << "no study directory is left behind";
}

// The study library writes the commands of commands.txt and of its worker processes from its
// options: run by the CLI as written, they must mean those same options.
TEST(RenderedCommands, PlanAndRunAsTheCommandLineReadsThem) {
  namespace study = nasrank::study;
  ScratchDir dir("nasrank-commands");
  nasrank::generator::PoolOptions pool_options;
  pool_options.count = 2;
  pool_options.in_channels = 1;
  pool_options.image_size = 28;
  pool_options.max_params = 5'000'000;
  const auto pool = dir / "pool.json";
  std::vector<std::string> generate = study::generate_command(pool_options, pool.string());
  ASSERT_EQ(run_nasrank({generate.begin() + 1, generate.end()}).code, 0);
  EXPECT_EQ(read_bytes(pool), nasrank::generator::pool_text(nasrank::generator::generate_pool(pool_options)));

  study::PlanOptions plan;
  plan.db = dir / "runs.db";
  plan.pool = pool;
  study::StudySettings& s = plan.settings;
  s.dataset.name = "synthetic";
  s.dataset.val_size = 100;
  s.dataset.split_seed = 3;
  s.schedules = {"linear", "cosine:eta=0.1"};
  s.budgets = {"0.5ep", "50%"};
  s.seeds = 1;
  s.reference_seeds = 2;
  s.reference_schedule = "cosine";
  s.recipe.full_epochs = 2;
  s.recipe.width = 0.0625;
  s.recipe.train_size = 128;
  s.recipe.lr = 0.05;
  s.recipe.momentum = 0.8;
  s.recipe.weight_decay = 1e-4;
  s.recipe.batch = 32;
  s.recipe.augment = false;
  s.recipe.grad_norm = true;
  const std::vector<std::string> words = study::plan_command(plan);
  const CliResult planned = run_nasrank({words.begin() + 1, words.end()});
  ASSERT_EQ(planned.code, 0) << planned.err;
  const auto stored = study::Store::open(plan.db, study::Store::Mode::read_only).study();
  ASSERT_TRUE(stored.has_value());
  const study::PoolText text = study::pool_from_text(read_bytes(pool), pool.string());
  EXPECT_EQ(stored->plan_hash, study::plan_hash(study::normalized(s), text.text));

  study::RunOptions run;
  run.db = plan.db;
  run.worker.device.threads = 1;
  run.worker.max_jobs = 1;
  run.worker.time_limit = 600;
  run.worker.claim.max_attempts = 2;
  run.worker.claim.stale_after = 300;
  run.worker.heartbeat_every = 5;
  run.worker.device.bf16 = false;
  run.zero_cost = true;
  run.zero_cost_options.scores = {"params", "naswot"};
  run.zero_cost_options.batch = 16;
  run.zero_cost_options.seed = 1;
  const std::vector<std::string> run_words = study::run_command(run);
  const CliResult ran = run_nasrank({run_words.begin() + 1, run_words.end()});
  ASSERT_EQ(ran.code, 0) << ran.err;
  EXPECT_EQ(sql_one(plan.db, "SELECT count(*) FROM jobs WHERE status = 'done'"), "1");
  EXPECT_EQ(
      sql_one(plan.db, "SELECT count(*), group_concat(DISTINCT batch), group_concat(DISTINCT seed) FROM zero_cost"),
      "4|16|1");
}

// A study field of the recipe that users set (trainer/recipe_fields.h) is an option of `sweep plan`
// under the name plan_command() writes, so that every plan can be made again from its command.
TEST(RenderedCommands, EveryStudyFieldOfTheRecipeIsAnOptionOfSweepPlan) {
  const CliResult help = run_nasrank({"sweep", "plan", "--help"});
  ASSERT_EQ(help.code, 0) << help.err;
  const nasrank::trainer::TrainOptions defaults;
  int checked = 0;
  nasrank::trainer::for_each_recipe_field(
      [&](const nasrank::trainer::RecipeField& f, const auto& default_value) {
        if (f.scope != nasrank::trainer::RecipeScope::study || f.internal) return;
        EXPECT_THAT(help.out, HasSubstr("  " + nasrank::trainer::recipe_option(f, default_value) + " ")) << f.key;
        ++checked;
      },
      defaults);
  EXPECT_GE(checked, 10);
}

}  // namespace
