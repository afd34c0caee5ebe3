// The sweep store without training: plans, claims across threads and processes, dead workers,
// results, merges, and files that are not stores. Checked with plain SQL where it matters.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <set>
#include <thread>
#include <tuple>
#include <type_traits>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "nasrank/core/error.h"
#include "nasrank/study/plan.h"
#include "nasrank/study/shard.h"
#include "nasrank/study/status.h"
#include "nasrank/study/store.h"
#include "nasrank/trainer/recipe_fields.h"
#include "store_fixtures.h"

namespace {

using namespace nasrank::study;
using namespace sweep_test;
using ::testing::HasSubstr;

using Key = std::tuple<std::string, std::string, double, std::int64_t>;

Store planned_store(const fs::path& db, int archs = 3, int seeds = 2) {
  Store store = Store::open(db, Store::Mode::create);
  store.apply_plan(small_settings(seeds), pool_from_text(pool_text(archs), "pool.json"), false);
  return store;
}

WorkerIdentity other_host() {
  WorkerIdentity w;
  w.host = "elsewhere";
  w.pid = 4242;
  w.node = "some-boot-id/pid:[1]";
  w.start = 17;
  return w;
}

std::string thrown_message(const std::function<void()>& f) {
  try {
    f();
  } catch (const nasrank::Error& e) {
    return e.what();
  }
  return "<no error>";
}

// --- the plan ------------------------------------------------------------------------------------

TEST(SweepPlan, IsEveryArchScheduleBudgetSeedPlusOneReferencePerArchAndSeed) {
  const StudySettings s = small_settings(2);
  const std::vector<std::string> archs = {"x", "y", "z"};
  std::set<std::tuple<std::string, std::string, double, std::int64_t, bool>> expected;
  for (const auto& a : archs)
    for (std::int64_t seed = 0; seed < 2; ++seed) {
      for (const char* sch : {"const", "cosine"})
        for (double b : {1.0, 2.0}) expected.emplace(a, sch, b, seed, false);
      expected.emplace(a, "linear", 10.0, seed, true);  // full budget of 10 epochs, linear
    }
  std::set<std::tuple<std::string, std::string, double, std::int64_t, bool>> got;
  const auto jobs = plan_jobs(archs, s);
  for (const auto& j : jobs) got.emplace(j.arch, j.schedule, j.budget_epochs, j.seed, j.reference);
  EXPECT_EQ(jobs.size(), 3u * 2 * 2 * 2 + 3 * 2);
  EXPECT_EQ(got, expected);
  for (std::size_t i = 0; i < jobs.size(); ++i) EXPECT_EQ(jobs[i].order, static_cast<std::int64_t>(i));
}

// Every committed store's settings, read back and written again, give the plan hash it was
// planned with: a change to how settings are declared or serialised leaves old plans mergeable.
TEST(SweepPlan, CommittedStoresKeepTheirPlanHash) {
  int stores = 0;
  for (const auto& e :
       std::filesystem::directory_iterator(std::filesystem::path(NASRANK_SOURCE_DIR) / "docs/results")) {
    const auto db = e.path() / "runs.db";
    if (!std::filesystem::exists(db)) continue;
    SCOPED_TRACE(db.string());
    Store store = Store::open(db, Store::Mode::read_only);
    const auto study = store.study();
    ASSERT_TRUE(study.has_value());
    EXPECT_EQ(settings_to_json(settings_from_json(study->settings_json)), study->settings_json);
    EXPECT_EQ(plan_hash(settings_from_json(study->settings_json), study->pool_text), study->plan_hash);
    ++stores;
  }
  EXPECT_GE(stores, 2);
}

TEST(SweepPlan, WithoutReferenceRunsIsTheGridAloneAndKeepsOlderPlansHashes) {
  StudySettings s = small_settings(2);
  const std::string pool = pool_text(3);
  const std::string with_references = plan_hash(s, pool);
  // The field is written only when off: a plan with references hashes as it did before it existed.
  EXPECT_FALSE(settings_to_json(s).contains("reference_runs"));
  s.reference_runs = false;
  const auto jobs = plan_jobs({"x", "y", "z"}, s);
  EXPECT_EQ(jobs.size(), 3u * 2 * 2 * 2);
  for (const auto& j : jobs) EXPECT_FALSE(j.reference) << j.arch;
  EXPECT_EQ(settings_to_json(s)["reference_runs"], false);
  EXPECT_FALSE(settings_from_json(settings_to_json(s)).reference_runs);
  EXPECT_TRUE(settings_from_json(settings_to_json(small_settings(2))).reference_runs);
  EXPECT_NE(plan_hash(s, pool), with_references);
}

// Validation points per run: written only when set, so that plans made before keep their hash;
// when set they travel with the settings to every worker.
TEST(SweepPlan, EvalsPerRunIsPartOfThePlanOnlyWhenSet) {
  StudySettings s = small_settings(1);
  const std::string pool = pool_text(3);
  const std::string before = plan_hash(s, pool);
  EXPECT_FALSE(settings_to_json(s)["recipe"].contains("evals_per_run"));
  EXPECT_EQ(settings_from_json(settings_to_json(s)).recipe.evals_per_run, 0);
  s.recipe.evals_per_run = 8;
  EXPECT_EQ(settings_to_json(s)["recipe"]["evals_per_run"], 8);
  EXPECT_EQ(settings_from_json(settings_to_json(s)).recipe.evals_per_run, 8);
  EXPECT_NE(plan_hash(s, pool), before);
}

// One seed of the grid and two of the references: the noise ceiling for the price of one more
// full-budget run per architecture. Plans that do not use it hash as before.
TEST(SweepPlan, ReferenceSeedsCanExceedTheGridsSeeds) {
  StudySettings s = small_settings(1);
  const std::string pool = pool_text(3);
  const std::string before = plan_hash(s, pool);
  EXPECT_FALSE(settings_to_json(s).contains("reference_seeds"));
  s.reference_seeds = 2;
  s = normalized(s);
  const auto jobs = plan_jobs({"x", "y", "z"}, s);
  EXPECT_EQ(jobs.size(), 3u * 2 * 2 + 3 * 2);
  std::set<std::tuple<std::string, std::int64_t>> references;
  for (const auto& j : jobs) {
    if (j.reference) references.emplace(j.arch, j.seed);
    else EXPECT_EQ(j.seed, 0) << j.arch << " " << j.schedule;
  }
  EXPECT_EQ(references.size(), 6u);
  EXPECT_TRUE(references.count({"z", 1}));
  EXPECT_EQ(settings_from_json(settings_to_json(s)).reference_seeds, 2);
  EXPECT_NE(plan_hash(s, pool), before);

  // Fewer reference seeds than grid seeds: seed 1 has the grid only.
  StudySettings fewer = small_settings(2);
  fewer.reference_seeds = 1;
  std::size_t refs = 0;
  for (const auto& j : plan_jobs({"x", "y", "z"}, normalized(fewer))) refs += j.reference;
  EXPECT_EQ(refs, 3u);
  // As many as --seeds is the same plan as not saying it.
  StudySettings same = small_settings(2);
  same.reference_seeds = 2;
  EXPECT_EQ(plan_hash(normalized(same), pool), plan_hash(normalized(small_settings(2)), pool));
  StudySettings negative = small_settings(1);
  negative.reference_seeds = -1;
  EXPECT_NE(thrown_message([&] { normalized(negative); }).find("--reference-seeds"), std::string::npos);
}

// By default the references take the seeds after the proxies' (a proxy never shares initial
// weights, batch order and augmentation with its target), one reference seed per round beside the
// proxies' seed; settings stored without the field (plans made before) read back as shared seeds
// and hash as they did.
TEST(SweepPlan, ReferenceSeedsAreDisjointFromTheProxiesByDefault) {
  StudySettings s;
  s.dataset.name = "synthetic";
  s.recipe.full_epochs = 10;
  s.schedules = {"const", "cosine"};
  s.budgets = {"1ep", "2ep"};
  s.seeds = 1;
  s.reference_seeds = 2;
  const StudySettings disjoint = normalized(s);
  EXPECT_EQ(disjoint.reference_seed_start, 1);
  const auto jobs = plan_jobs({"x", "y"}, disjoint);
  std::set<std::int64_t> proxy_seeds, reference_seeds;
  for (const auto& j : jobs) (j.reference ? reference_seeds : proxy_seeds).insert(j.seed);
  EXPECT_EQ(proxy_seeds, (std::set<std::int64_t>{0}));
  EXPECT_EQ(reference_seeds, (std::set<std::int64_t>{1, 2}));
  // Round 0: the proxies at 1 epoch, then the first references, before the larger budget.
  EXPECT_EQ(jobs[0].budget_epochs, 1.0);
  EXPECT_TRUE(jobs[4].reference);
  EXPECT_EQ(jobs[4].seed, 1);
  EXPECT_EQ(settings_to_json(disjoint)["reference_seed_start"], 1);
  EXPECT_EQ(settings_from_json(settings_to_json(disjoint)).reference_seed_start, 1);

  s.reference_seed_start = 0;
  const StudySettings shared = normalized(s);
  EXPECT_FALSE(settings_to_json(shared).contains("reference_seed_start"));
  nlohmann::json old = settings_to_json(shared);
  EXPECT_EQ(settings_from_json(old).reference_seed_start, 0);
  const std::string pool = pool_text(2);
  EXPECT_EQ(plan_hash(settings_from_json(old), pool), plan_hash(shared, pool));
  EXPECT_NE(plan_hash(disjoint, pool), plan_hash(shared, pool));
  s.reference_seed_start = -2;
  EXPECT_NE(thrown_message([&] { normalized(s); }).find("--reference-seed-start"), std::string::npos);
}

TEST(SweepPlan, ReferenceThatIsAlsoAGridJobIsPlannedOnce) {
  StudySettings s = small_settings(1);
  s.schedules = {"linear", "const"};
  s.budgets = {"1", "2ep"};  // "1" is the whole 10-epoch budget
  s = normalized(s);
  const auto jobs = plan_jobs({"p", "q"}, s);
  EXPECT_EQ(jobs.size(), 2u * 2 * 2);
  int refs = 0;
  for (const auto& j : jobs) {
    const bool is_ref = j.schedule == "linear" && j.budget_epochs == 10.0;
    EXPECT_EQ(j.reference, is_ref) << j.arch << " " << j.schedule << " " << j.budget_epochs;
    refs += j.reference;
  }
  EXPECT_EQ(refs, 2);
}

TEST(SweepPlan, OrdersSmallestBudgetThenReferencesAndInterleavesArchitectures) {
  StudySettings s = small_settings(2);
  s.budgets = {"5ep", "1ep"};  // listed out of order on purpose
  s = normalized(s);
  const auto jobs = plan_jobs({"a", "b", "c"}, s);
  // Seed 0 first: 2 schedules x 3 archs at 1 epoch, then 3 references, then 6 jobs at 5 epochs.
  ASSERT_EQ(jobs.size(), 2u * (6 + 3 + 6));
  for (int i = 0; i < 6; ++i) EXPECT_EQ(jobs[i].budget_epochs, 1.0) << i;
  for (int i = 6; i < 9; ++i) EXPECT_TRUE(jobs[i].reference) << i;
  for (int i = 9; i < 15; ++i) EXPECT_EQ(jobs[i].budget_epochs, 5.0) << i;
  for (int i = 0; i < 15; ++i) EXPECT_EQ(jobs[i].seed, 0) << i;
  for (int i = 15; i < 30; ++i) EXPECT_EQ(jobs[i].seed, 1) << i;
  for (int i = 1; i < 6; ++i) EXPECT_NE(jobs[i].arch, jobs[i - 1].arch) << "consecutive jobs " << i;
  EXPECT_EQ(jobs[0].schedule, jobs[2].schedule);  // one schedule for all archs before the next
  EXPECT_NE(jobs[2].schedule, jobs[3].schedule);
}

TEST(SweepPlan, BudgetsNamingTheSameEpochsAreTheSameJob) {
  StudySettings s = small_settings(1);
  s.recipe.full_epochs = 200;
  s.budgets = {"0.05", "10ep"};
  EXPECT_THAT(thrown_message([&] { normalized(s); }), HasSubstr("listed twice"));
  EXPECT_EQ(budget_key(0.05 * 200), budget_key(10.0));
  EXPECT_EQ(budget_key(0.1 + 0.2), budget_key(0.3));
}

TEST(SweepPlan, UnknownNamesAndEmptyListsAreRefused) {
  StudySettings s = small_settings(1);
  s.dataset.name = "imagenet";
  EXPECT_THAT(thrown_message([&] { normalized(s); }), HasSubstr("--dataset 'imagenet' is not one of"));
  s = small_settings(1);
  s.schedules = {"cosine", "warp"};
  EXPECT_THAT(thrown_message([&] { normalized(s); }), HasSubstr("warp"));
  s = small_settings(1);
  s.schedules = {"cosine", "cosine:eta=0"};  // the same schedule written twice
  EXPECT_THAT(thrown_message([&] { normalized(s); }), HasSubstr("listed twice"));
  s = small_settings(1);
  s.budgets = {"20ep"};  // longer than the 10-epoch full budget
  EXPECT_THAT(thrown_message([&] { normalized(s); }), HasSubstr("longer than the full budget"));
  s = small_settings(1);
  s.budgets.clear();
  EXPECT_THAT(thrown_message([&] { normalized(s); }), HasSubstr("--budgets is empty"));
  s = small_settings(1);
  s.seeds = 0;
  EXPECT_THAT(thrown_message([&] { normalized(s); }), HasSubstr("--seeds must be at least 1"));
}

TEST(SweepPlan, SettingsSurviveTheirJsonForm) {
  StudySettings s = small_settings(3);
  s.dataset.val_size = 321;
  s.dataset.split_seed = 9;
  s.dataset.synthetic_train = 777;
  s.recipe.lr = 0.05;
  s.recipe.batch = 64;
  s.recipe.width = 0.25;
  s.recipe.train_size = 512;
  s.recipe.augment = false;
  const StudySettings back = settings_from_json(settings_to_json(s));
  EXPECT_EQ(back.dataset.val_size, 321);
  EXPECT_EQ(back.dataset.split_seed, 9u);
  EXPECT_EQ(back.dataset.synthetic_train, 777);
  EXPECT_EQ(back.recipe.lr, 0.05);
  EXPECT_EQ(back.recipe.batch, 64);
  EXPECT_EQ(back.recipe.width, 0.25);
  EXPECT_EQ(back.recipe.train_size, 512);
  EXPECT_FALSE(back.recipe.augment);
  EXPECT_EQ(back.schedules, s.schedules);
  EXPECT_EQ(back.budgets, s.budgets);
  EXPECT_EQ(back.seeds, 3);
  EXPECT_EQ(plan_hash(back, "p"), plan_hash(s, "p"));
  EXPECT_NE(plan_hash(back, "p"), plan_hash(back, "q"));
}

// Every study field of the recipe (trainer/recipe_fields.h), moved off its default alone, is kept
// by the settings' JSON and changes the plan's hash: a field added to the list is stored and
// fingerprinted with no other edit.
TEST(SweepPlan, EveryStudyFieldOfTheRecipeIsStoredAndHashed) {
  const StudySettings base = small_settings(1);
  const std::string base_hash = plan_hash(base, "p");
  int fields = 0;
  for (int k = 0;; ++k) {
    StudySettings moved = base;
    int i = 0;
    std::string key;
    nasrank::trainer::for_each_recipe_field(
        [&](const nasrank::trainer::RecipeField& f, auto& value) {
          if (f.scope != nasrank::trainer::RecipeScope::study || i++ != k) return;
          key = f.key;
          using T = std::decay_t<decltype(value)>;
          if constexpr (std::is_same_v<T, bool>) value = !value;
          else if constexpr (std::is_same_v<T, std::string>) value += "x";
          else if constexpr (std::is_integral_v<T>) value += std::max<T>(1, value / 2);
          else value *= value >= 1 ? 1.5 : 0.5;  // stays valid: a momentum of 0.9 is not pushed past 1
        },
        moved.recipe);
    if (key.empty()) break;
    ++fields;
    const StudySettings back = settings_from_json(settings_to_json(moved));
    EXPECT_EQ(plan_hash(back, "p"), plan_hash(moved, "p")) << key << " is not read back";
    EXPECT_NE(plan_hash(moved, "p"), base_hash) << key << " is not in the plan's hash";
    EXPECT_TRUE(settings_to_json(moved)["recipe"].contains(key)) << key;
  }
  EXPECT_GE(fields, 12);
}

TEST(SweepPlan, DatasetLocationIsNotPartOfThePlan) {
  StudySettings a = small_settings(1), b = small_settings(1);
  b.dataset.root = "/elsewhere";
  EXPECT_EQ(plan_hash(a, "p"), plan_hash(b, "p"));
  b.dataset.split_seed = 1;
  EXPECT_NE(plan_hash(a, "p"), plan_hash(b, "p"));
}

TEST(SweepPlan, PoolWithoutArchitecturesOrWithDuplicateIdsIsRefused) {
  EXPECT_THAT(thrown_message([] { pool_from_text("{\"architectures\": 3}", "p.json"); }),
              HasSubstr("p.json: \"architectures\" must be an array"));
  EXPECT_THAT(thrown_message([] { pool_from_text("{\"format\": \"nasrank-pool\"}", "p.json"); }),
              HasSubstr("p.json: not a pool file"));
  EXPECT_THAT(thrown_message([] { pool_from_text("not json", "p.json"); }), HasSubstr("not valid JSON"));
  // A number beyond a double is the JSON reader's out_of_range, not a parse_error: still an Error.
  EXPECT_THAT(thrown_message([] { pool_from_text(R"({"architectures": [], "x": 1e99999})", "p.json"); }),
              HasSubstr("p.json: not valid JSON"));
  EXPECT_THAT(thrown_message(
                  [] { pool_from_text(R"({"architectures":[{"id":"a","spec":{}},{"id":"a","spec":{}}]})", "p.json"); }),
              HasSubstr("'a' appears twice"));
  EXPECT_THAT(thrown_message([] { pool_from_text(R"({"architectures":[{"spec":{}}]})", "p.json"); }),
              HasSubstr("architectures[0].id"));
}

// --- the store's file ------------------------------------------------------------------------------

TEST(SweepStore, CreatesTheDocumentedSchema) {
  ScratchDir dir;
  { planned_store(dir / "s.db"); }
  const fs::path db = dir / "s.db";
  EXPECT_EQ(sql_one(db, "PRAGMA application_id"), std::to_string(0x6e617372));
  EXPECT_EQ(sql_one(db, "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(sql_one(db, "SELECT value FROM meta WHERE key = 'schema_version'"), "3");
  EXPECT_EQ(sql_one(db, "SELECT value FROM meta WHERE key = 'format'"), "nasrank-sweep");
  EXPECT_EQ(sql_one(db, "SELECT value FROM meta WHERE key = 'tool_version'"), NASRANK_VERSION);
  EXPECT_EQ(sql_one(db, "SELECT count(*) FROM migrations"), "3");
  EXPECT_EQ(sql_one(db, "SELECT count(*) FROM pragma_table_info('jobs') WHERE name = 'worker_deaths'"), "1");
  const auto tables = sql_rows(db, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name");
  EXPECT_EQ(tables,
            (std::vector<std::string>{"epochs", "jobs", "meta", "migrations", "results", "study", "zero_cost"}));
  EXPECT_EQ(sql_one(db, "SELECT count(*) FROM jobs WHERE status = 'pending'"), std::to_string(3 * 2 * 2 * 2 + 3 * 2));
  EXPECT_EQ(sql_one(db, "SELECT count(*) FROM jobs WHERE reference = 1"), "6");
  EXPECT_EQ(current_schema_version(), 3);
}

/// Turns a fresh store back into what schema version 2 wrote: worker deaths counted as attempts.
void make_schema_2(const fs::path& db) {
  sql_exec(db,
           "DROP INDEX jobs_by_status; ALTER TABLE jobs DROP COLUMN worker_deaths; "
           "CREATE INDEX jobs_by_status ON jobs (status, priority); DELETE FROM migrations WHERE version = 3; "
           "UPDATE meta SET value = '2' WHERE key = 'schema_version'");
}

/// Turns a fresh store back into what schema version 1 wrote: no zero-cost table either.
void make_schema_1(const fs::path& db) {
  make_schema_2(db);
  sql_exec(db,
           "DROP TABLE zero_cost; DELETE FROM migrations WHERE version = 2; "
           "UPDATE meta SET value = '1' WHERE key = 'schema_version'");
}

TEST(SweepStore, SchemaOneIsReadAsItIsReadOnlyAndMigratedOnWrite) {
  ScratchDir dir;
  { planned_store(dir / "s.db"); }
  make_schema_1(dir / "s.db");
  {
    Store ro = Store::open(dir / "s.db", Store::Mode::read_only);
    EXPECT_EQ(ro.schema_version(), 1);
    EXPECT_EQ(ro.jobs().size(), 30u);
    EXPECT_TRUE(ro.zero_cost().empty());
  }
  EXPECT_EQ(sql_one(dir / "s.db", "SELECT value FROM meta WHERE key = 'schema_version'"), "1");  // untouched
  Store rw = Store::open(dir / "s.db");
  EXPECT_EQ(rw.schema_version(), 3);
  EXPECT_EQ(sql_one(dir / "s.db", "SELECT value FROM meta WHERE key = 'schema_version'"), "3");
  EXPECT_EQ(sql_one(dir / "s.db", "SELECT count(*) FROM zero_cost"), "0");
  EXPECT_EQ(rw.jobs().size(), 30u);
}

TEST(SweepStore, SchemaTwoIsReadAsItIsAndItsCountsCarryOverWhenMigrated) {
  ScratchDir dir;
  {
    Store store = planned_store(dir / "s.db", 2, 1);
    const auto job = store.claim(WorkerIdentity::current(), {}, 1000);
    store.fail(*job, "boom", 1001);
    const auto done = store.claim(WorkerIdentity::current(), {}, 1002);
    store.finish(*done, fake_record("a1", 0.5), "here", 1003);
  }
  make_schema_2(dir / "s.db");
  const std::string bytes = file_bytes(dir / "s.db");
  {
    Store ro = Store::open(dir / "s.db", Store::Mode::read_only);
    EXPECT_EQ(ro.schema_version(), 2);
    const auto jobs = ro.jobs();
    ASSERT_EQ(jobs.size(), 10u);
    EXPECT_EQ(jobs[0].status, "failed");
    EXPECT_EQ(jobs[0].attempts, 1);
    EXPECT_EQ(jobs[0].worker_deaths, 0);
    EXPECT_EQ(ro.remaining_jobs(3).size(), 9u);  // the failed job has attempts left
    const SweepStatus s = sweep_status(ro);
    EXPECT_EQ(s.done, 1);
    EXPECT_EQ(s.failed, 1);
    EXPECT_EQ(ro.finished_runs().size(), 1u);
  }
  EXPECT_EQ(file_bytes(dir / "s.db"), bytes) << "a read-only open changed the file";
  Store rw = Store::open(dir / "s.db");
  EXPECT_EQ(rw.schema_version(), 3);
  EXPECT_EQ(sql_one(dir / "s.db", "SELECT status, attempts, worker_deaths, error FROM jobs WHERE id = 1"),
            "failed|1|0|boom");
  EXPECT_EQ(sql_one(dir / "s.db", "SELECT group_concat(version) FROM migrations"), "1,2,3");
}

StoredZeroCost score(const std::string& arch, const std::string& name, double value) {
  StoredZeroCost z;
  z.arch = arch;
  z.score = name;
  z.value = value;
  z.seconds = 0.25;
  z.setup_seconds = 0.5;
  z.batch = 64;
  z.seed = 3;
  z.device = "cpu";
  z.worker_host = std::string("scorer");  // a one-letter literal trips a GCC 12 -Wrestrict false alarm
  return z;
}

TEST(SweepZeroCost, ScoresKeepNonFiniteValuesAndTheFirstOfTwo) {
  ScratchDir dir;
  Store store = planned_store(dir / "s.db");
  const double inf = std::numeric_limits<double>::infinity();
  store.put_zero_cost({score("a0", "synflow", 1e30), score("a0", "snip", std::nan("")), score("a1", "synflow", inf),
                       score("a1", "snip", -inf)},
                      100);
  // A second worker's scores of the same pairs do not replace the first ones.
  store.put_zero_cost({score("a0", "synflow", 7), score("a2", "synflow", 2)}, 200);
  const auto all = store.zero_cost();
  ASSERT_EQ(all.size(), 5u);
  std::map<std::pair<std::string, std::string>, StoredZeroCost> by;
  for (const auto& z : all) by[{z.arch, z.score}] = z;
  auto key = [](const char* arch, const char* name) { return std::make_pair(std::string(arch), std::string(name)); };
  EXPECT_DOUBLE_EQ(by[key("a0", "synflow")].value, 1e30);
  EXPECT_DOUBLE_EQ(by[key("a0", "synflow")].computed_at, 100);
  EXPECT_TRUE(std::isnan(by[key("a0", "snip")].value));
  EXPECT_EQ(by[key("a1", "synflow")].value, inf);
  EXPECT_EQ(by[key("a1", "snip")].value, -inf);
  EXPECT_DOUBLE_EQ(by[key("a2", "synflow")].value, 2);
  EXPECT_EQ(by[key("a2", "synflow")].batch, 64);
  EXPECT_EQ(by[key("a2", "synflow")].seed, 3u);
  EXPECT_DOUBLE_EQ(by[key("a2", "synflow")].setup_seconds, 0.5);
  EXPECT_EQ(sql_one(dir / "s.db", "SELECT nonfinite FROM zero_cost WHERE arch = 'a1' AND score = 'snip'"), "-inf");
}

TEST(SweepStore, PlanningTheSameSettingsAgainAddsNothing) {
  ScratchDir dir;
  Store store = planned_store(dir / "s.db");
  const auto before = store.jobs();
  const PlanOutcome again = store.apply_plan(small_settings(2), pool_from_text(pool_text(3), "pool.json"), false);
  EXPECT_EQ(again.added, 0);
  EXPECT_EQ(again.total, static_cast<std::int64_t>(before.size()));
  EXPECT_FALSE(again.replanned);
  // The pool reformatted (other indentation) is the same pool.
  const auto reindented = pool_from_text(nlohmann::json::parse(pool_text(3)).dump(), "pool.json");
  EXPECT_EQ(store.apply_plan(small_settings(2), reindented, false).added, 0);
  EXPECT_EQ(store.jobs().size(), before.size());
}

TEST(SweepStore, PlanningOtherSettingsIsRefusedWithWhatDiffers) {
  ScratchDir dir;
  Store store = planned_store(dir / "s.db");
  StudySettings other = small_settings(2);
  other.recipe.lr = 0.05;
  const std::string msg =
      thrown_message([&] { store.apply_plan(other, pool_from_text(pool_text(3), "pool.json"), false); });
  EXPECT_THAT(msg, HasSubstr("recipe.lr: 0.1 -> 0.05"));
  EXPECT_THAT(msg, HasSubstr("--force-replan"));
  EXPECT_THAT(thrown_message([&] { store.apply_plan(small_settings(2), pool_from_text(pool_text(4), "p"), false); }),
              HasSubstr("pool: 3 -> 4 architectures"));
  EXPECT_EQ(sql_one(dir / "s.db", "SELECT count(*) FROM jobs"), "30");
}

TEST(SweepStore, ForceReplanAddsNewJobsKeepsResultsAndDropsUnfinishedOldOnes) {
  ScratchDir dir;
  Store store = planned_store(dir / "s.db", 2, 1);  // 2 archs x 2 x 2 x 1 + 2 references = 10
  const WorkerIdentity me = WorkerIdentity::current();
  // Finish one const job; it must survive a replan that drops const.
  std::optional<ClaimedJob> job;
  do job = store.claim(me, {}, 1000);
  while (job && job->key.schedule != "const");
  ASSERT_TRUE(job);
  ASSERT_TRUE(store.finish(*job, fake_record(job->key.arch, 0.5), "h", 1001));

  StudySettings next = small_settings(2);
  next.schedules = {"cosine"};
  next = normalized(next);
  const PlanOutcome out = store.apply_plan(next, pool_from_text(pool_text(2), "pool.json"), true);
  EXPECT_TRUE(out.replanned);
  // New plan: 2 archs x cosine x 2 budgets x 2 seeds + 2 archs x 2 seeds references = 12 jobs, of
  // which seed 0's 4 cosine and 2 reference jobs existed; the 3 unfinished const jobs are dropped.
  EXPECT_EQ(out.added, 6);
  EXPECT_EQ(out.removed, 3);
  EXPECT_EQ(out.total, 13);
  EXPECT_EQ(sql_one(dir / "s.db", "SELECT count(*) FROM results"), "1");
  EXPECT_EQ(sql_one(dir / "s.db", "SELECT status FROM jobs WHERE id = " + std::to_string(job->id)), "done");
  EXPECT_EQ(store.study()->settings.seeds, 2);
}

TEST(SweepStore, MissingStoreIsAnErrorUnlessCreating) {
  ScratchDir dir;
  EXPECT_THAT(thrown_message([&] { Store::open(dir / "none.db"); }), HasSubstr("no sweep store at"));
  EXPECT_FALSE(fs::exists(dir / "none.db"));
  Store::open(dir / "new.db", Store::Mode::create);
  EXPECT_TRUE(fs::exists(dir / "new.db"));
  EXPECT_FALSE(Store::open(dir / "new.db").study());
}

TEST(SweepStore, TextFileIsRefusedAndLeftUntouched) {
  ScratchDir dir;
  const std::string text = "arch,acc\na0,0.5\n";
  write_bytes(dir / "results.csv", text);
  for (auto mode : {Store::Mode::existing, Store::Mode::create, Store::Mode::read_only})
    EXPECT_THAT(thrown_message([&] { Store::open(dir / "results.csv", mode); }),
                HasSubstr("is not a nasrank sweep store (not an SQLite database)"));
  EXPECT_EQ(file_bytes(dir / "results.csv"), text);
  write_bytes(dir / "empty.db", "");
  EXPECT_THAT(thrown_message([&] { Store::open(dir / "empty.db", Store::Mode::create); }),
              HasSubstr("not an SQLite database"));
  EXPECT_EQ(fs::file_size(dir / "empty.db"), 0u);
}

TEST(SweepStore, ForeignSqliteDatabaseIsRefusedAndLeftUntouched) {
  ScratchDir dir;
  sql_exec(dir / "other.db", "CREATE TABLE jobs (id INTEGER); INSERT INTO jobs VALUES (7);");
  const std::string before = file_bytes(dir / "other.db");
  EXPECT_THAT(thrown_message([&] { Store::open(dir / "other.db", Store::Mode::create); }),
              HasSubstr("is an SQLite database but not a nasrank sweep store"));
  EXPECT_EQ(file_bytes(dir / "other.db"), before);
  EXPECT_FALSE(fs::exists(dir / "other.db-wal"));
}

TEST(SweepStore, DamagedStoreIsRefusedAndLeftUntouched) {
  ScratchDir dir;
  { planned_store(dir / "s.db", 40, 3); }
  std::string bytes = file_bytes(dir / "s.db");
  ASSERT_GT(bytes.size(), 4 * 4096u);
  // Overwrite the second page onwards with garbage, keeping the header page.
  for (std::size_t i = 4096; i < bytes.size(); ++i) bytes[i] = static_cast<char>((i * 131) & 0xff);
  write_bytes(dir / "s.db", bytes);
  const std::string msg = thrown_message([&] { Store::open(dir / "s.db"); });
  EXPECT_THAT(msg, HasSubstr("is damaged"));
  EXPECT_EQ(file_bytes(dir / "s.db"), bytes);
}

TEST(SweepStore, StoreFromANewerVersionIsRefused) {
  ScratchDir dir;
  { planned_store(dir / "s.db"); }
  sql_exec(dir / "s.db", "UPDATE meta SET value = '99' WHERE key = 'schema_version'");
  EXPECT_THAT(thrown_message([&] { Store::open(dir / "s.db"); }), HasSubstr("schema version 99, newer than"));
}

TEST(SweepStore, ReadOnlyStoreIsReadableWithoutWriting) {
  ScratchDir dir;
  { planned_store(dir / "s.db"); }
  fs::permissions(dir / "s.db", fs::perms::owner_read, fs::perm_options::replace);
  Store ro = Store::open(dir / "s.db", Store::Mode::read_only);
  EXPECT_EQ(ro.jobs().size(), 30u);
  EXPECT_EQ(ro.integrity_check(), "ok");
}

TEST(SweepStore, DamagedRunRecordOrSettingsAreErrorsNamingTheStore) {
  ScratchDir dir;
  const fs::path db = dir / "s.db";
  std::int64_t id = 0;
  {
    Store store = planned_store(db, 1, 1);
    const auto job = store.claim(WorkerIdentity::current(), {}, 1000);
    ASSERT_TRUE(store.finish(*job, fake_record(job->key.arch, 0.5), "node", 1001));
    id = job->id;
  }
  // A run record cut short, and settings whose field has another type than nasrank writes.
  sql_exec(db, "UPDATE results SET record = substr(record, 1, 40) WHERE job_id = " + std::to_string(id));
  Store ro = Store::open(db, Store::Mode::read_only);
  EXPECT_THAT(thrown_message([&] { ro.record_json(id); }),
              HasSubstr("s.db: not valid JSON in the run record of job " + std::to_string(id)));
  sql_exec(db, "UPDATE study SET settings = json_set(settings, '$.dataset.root', 7)");
  EXPECT_THAT(thrown_message([&] { ro.study(); }), HasSubstr("s.db: the study settings are not what nasrank writes"));
  sql_exec(db, "UPDATE study SET settings = json_set(settings, '$.dataset', 7)");
  EXPECT_THAT(thrown_message([&] { ro.study(); }), HasSubstr("s.db: study settings: 'dataset.name' is missing"));
  sql_exec(db, "UPDATE study SET settings = '{\"dataset\": '");
  EXPECT_THAT(thrown_message([&] { ro.study(); }), HasSubstr("s.db: not valid JSON in the study settings"));
}

// Inputs that once escaped the store's reading as something else than nasrank::Error (found by
// fuzz/store_fuzz.cpp): read as `sweep status` and `export` read a store, each must be readable or
// an Error.
TEST(SweepStore, DamagedStoresFoundByFuzzingAreReadOrRefused) {
  const fs::path found = fs::path(NASRANK_SOURCE_DIR) / "tests" / "study" / "damaged_stores";
  int files = 0;
  for (const auto& entry : fs::directory_iterator(found)) {
    ScratchDir dir;
    const fs::path db = dir / "s.db";
    fs::copy_file(entry.path(), db);
    ++files;
    try {
      Store store = Store::open(db, Store::Mode::read_only);
      (void)store.study();
      for (const auto& job : store.jobs())
        if (job.status == "done") (void)store.record_json(job.id);
      (void)store.finished_runs();
      (void)store.zero_cost();
    } catch (const nasrank::Error& e) {
      EXPECT_THAT(e.what(), HasSubstr("s.db")) << entry.path();
    }
  }
  EXPECT_GE(files, 1);
}

// --- claims ---------------------------------------------------------------------------------------

TEST(SweepClaim, ThreadsNeverClaimTheSameJob) {
  ScratchDir dir;
  const fs::path db = dir / "s.db";
  const std::size_t total = planned_store(db, 5, 2).jobs().size();
  std::vector<std::vector<std::int64_t>> claimed(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      Store store = Store::open(db);
      const WorkerIdentity me = WorkerIdentity::current();
      while (auto job = store.claim(me, {}, unix_time())) {
        claimed[t].push_back(job->id);
        EXPECT_TRUE(store.finish(*job, fake_record(job->key.arch, 0.5, 1), me.host, unix_time()));
      }
    });
  for (auto& th : threads) th.join();
  std::multiset<std::int64_t> all;
  for (const auto& c : claimed) all.insert(c.begin(), c.end());
  EXPECT_EQ(all.size(), total);
  EXPECT_EQ(std::set<std::int64_t>(all.begin(), all.end()).size(), total) << "a job was claimed twice";
  EXPECT_EQ(sql_one(db, "SELECT count(*), count(DISTINCT job_id) FROM results"),
            std::to_string(total) + "|" + std::to_string(total));
  EXPECT_EQ(sql_one(db, "SELECT count(*) FROM jobs WHERE status = 'done' AND attempts = 1"), std::to_string(total));
}

TEST(SweepClaim, ProcessesNeverClaimTheSameJob) {
  ScratchDir dir;
  const fs::path db = dir / "s.db";
  const std::size_t total = planned_store(db, 6, 2).jobs().size();
  std::vector<pid_t> kids;
  for (int k = 0; k < 3; ++k) {
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      int rc = 0;
      try {
        Store store = Store::open(db);
        const WorkerIdentity me = WorkerIdentity::current();
        while (auto job = store.claim(me, {}, unix_time()))
          if (!store.finish(*job, fake_record(job->key.arch, 0.4, 1), me.host, unix_time())) rc = 3;
      } catch (...) {
        rc = 2;
      }
      _exit(rc);
    }
    kids.push_back(pid);
  }
  for (pid_t pid : kids) {
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "worker process failed";
  }
  EXPECT_EQ(sql_one(db, "SELECT count(*), count(DISTINCT job_id) FROM results"),
            std::to_string(total) + "|" + std::to_string(total));
  EXPECT_EQ(sql_one(db, "SELECT count(*) FROM jobs WHERE status = 'done' AND attempts = 1"), std::to_string(total));
  EXPECT_GE(std::stoi(sql_one(db, "SELECT count(DISTINCT worker_pid) FROM jobs")), 1);
  EXPECT_EQ(sql_one(db, "PRAGMA integrity_check"), "ok");
}

/// Forks a process that claims one job and then exits without finishing it; returns its pid.
pid_t claim_and_exit(const fs::path& db) {
  const pid_t pid = fork();
  if (pid == 0) {
    try {
      Store store = Store::open(db);
      store.claim(WorkerIdentity::current(), {}, unix_time());
    } catch (...) {
      _exit(2);
    }
    _exit(0);
  }
  return pid;
}

TEST(SweepClaim, JobOfADeadWorkerOnThisHostIsTakenOverAtOnce) {
  ScratchDir dir;
  const fs::path db = dir / "s.db";
  planned_store(db, 2, 1);
  const pid_t pid = claim_and_exit(db);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_EQ(sql_one(db, "SELECT count(*), min(id), max(worker_pid) FROM jobs WHERE status = 'running'"),
            "1|1|" + std::to_string(pid));
  Store store = Store::open(db);
  const auto job = store.claim(WorkerIdentity::current(), {}, unix_time());  // no waiting for staleness
  ASSERT_TRUE(job);
  EXPECT_EQ(job->id, 1);
  EXPECT_EQ(job->attempt, 1) << "a worker's death is not a failed attempt of its job";
  EXPECT_EQ(sql_one(db, "SELECT worker_deaths FROM jobs WHERE id = 1"), "1");
  EXPECT_THAT(sql_one(db, "SELECT error FROM jobs WHERE id = 1"), HasSubstr("died (worker death 1 of at most 10"));
}

/// A store of one job (linear at the full budget, which is also the reference run).
Store one_job_store(const fs::path& db) {
  StudySettings s = small_settings(1);
  s.schedules = {"linear"};
  s.budgets = {"1"};
  Store store = Store::open(db, Store::Mode::create);
  store.apply_plan(normalized(s), pool_from_text(pool_text(1), "p"), false);
  return store;
}

TEST(SweepClaim, WorkerDeathsDoNotUseUpAttemptsButEndAJobThatKeepsKillingItsWorkers) {
  ScratchDir dir;
  const fs::path db = dir / "s.db";
  Store store = one_job_store(db);
  ClaimOptions o;
  o.max_attempts = 2;
  o.max_worker_deaths = 4;
  o.stale_after = 10;
  // Workers on four other machines take the job in turn, each falling silent (a lost node): three
  // deaths, and the job is still on its first attempt.
  double now = 1000;
  for (int k = 0; k < 4; ++k) {
    WorkerIdentity w = other_host();
    w.host = "elsewhere-" + std::to_string(k);
    const auto job = store.claim(w, o, now);
    ASSERT_TRUE(job) << k;
    EXPECT_EQ(job->attempt, 1) << k;
    now += 100;
  }
  EXPECT_EQ(sql_one(db, "SELECT status, attempts, worker_deaths FROM jobs"), "running|1|3");
  // The fourth death ends it, whatever its attempts: it may be what kills its workers.
  EXPECT_FALSE(store.claim(WorkerIdentity::current(), o, now));
  EXPECT_EQ(sql_one(db, "SELECT status, attempts, worker_deaths FROM jobs"), "failed|0|4");
  EXPECT_THAT(sql_one(db, "SELECT error FROM jobs"), HasSubstr("worker death 4 of at most 4"));
  EXPECT_FALSE(store.has_work(o));
  EXPECT_TRUE(store.remaining_jobs(o.max_attempts, o.max_worker_deaths).empty());
  // 'sweep requeue' gives it a fresh start.
  const auto requeued = store.requeue_failed();
  ASSERT_EQ(requeued.size(), 1u);
  EXPECT_EQ(requeued[0].worker_deaths, 4);
  EXPECT_EQ(sql_one(db, "SELECT status, attempts, worker_deaths FROM jobs"), "pending|0|0");
  const auto again = store.claim(WorkerIdentity::current(), o, now);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->attempt, 1);
}

TEST(SweepClaim, RequeueReturnsTheFailedJobsAskedForOrNoneAtAll) {
  ScratchDir dir;
  const fs::path db = dir / "s.db";
  Store store = planned_store(db, 1, 1);
  ClaimOptions o;
  o.max_attempts = 1;
  const WorkerIdentity me = WorkerIdentity::current();
  const auto a = store.claim(me, o, 1000);
  const auto b = store.claim(me, o, 1000);
  const auto c = store.claim(me, o, 1000);
  store.fail(*a, "first", 1001);
  store.fail(*b, "second", 1001);
  store.finish(*c, fake_record("a0", 0.5), "here", 1001);
  EXPECT_THAT(thrown_message([&] {
                store.requeue_failed({a->id, c->id});
              }),
              HasSubstr("job " + std::to_string(c->id) + " is not a failed job"));
  EXPECT_EQ(sql_one(db, "SELECT count(*) FROM jobs WHERE status = 'failed'"), "2") << "nothing changes on an error";
  const auto one = store.requeue_failed({b->id, b->id});
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].error, "second");
  EXPECT_EQ(sql_one(db, "SELECT status, attempts, error IS NULL FROM jobs WHERE id = " + std::to_string(b->id)),
            "pending|0|1");
  const auto next = store.claim(me, o, 1002);
  ASSERT_TRUE(next);
  EXPECT_EQ(next->id, b->id);
  EXPECT_EQ(store.requeue_failed().size(), 1u);  // a, still failed
  EXPECT_EQ(sql_one(db, "SELECT count(*) FROM jobs WHERE status = 'failed'"), "0");
}

TEST(SweepClaim, JobOfAnUnreapedZombieWorkerIsTakenOver) {
  ScratchDir dir;
  const fs::path db = dir / "s.db";
  planned_store(db, 2, 1);
  const pid_t pid = claim_and_exit(db);
  // Wait until the child has exited, but leave it unreaped: a zombie still answers kill(pid, 0).
  for (int i = 0; i < 500; ++i) {
    siginfo_t info{};
    if (waitid(P_PID, pid, &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == pid) break;
    usleep(10000);
  }
  ASSERT_EQ(::kill(pid, 0), 0) << "the zombie should still be visible";
  Store store = Store::open(db);
  const auto job = store.claim(WorkerIdentity::current(), {}, unix_time());
  ASSERT_TRUE(job);
  EXPECT_EQ(job->id, 1);
  int status = 0;
  waitpid(pid, &status, 0);
}

TEST(SweepClaim, JobOfALiveWorkerOnThisHostIsNotTakenOverEvenWhenSilent) {
  ScratchDir dir;
  const fs::path db = dir / "s.db";
  planned_store(db, 2, 1);
  int ready[2];
  ASSERT_EQ(pipe(ready), 0);
  const pid_t pid = fork();
  if (pid == 0) {
    Store store = Store::open(db);
    store.claim(WorkerIdentity::current(), {}, 1000);  // claims job 1 with an ancient heartbeat
    char c = 1;
    (void)!write(ready[1], &c, 1);
    pause();
    _exit(0);
  }
  char c;
  ASSERT_EQ(read(ready[0], &c, 1), 1);
  Store store = Store::open(db);
  ClaimOptions o;
  o.stale_after = 10;
  const auto job = store.claim(WorkerIdentity::current(), o, unix_time());
  ASSERT_TRUE(job);
  EXPECT_EQ(job->id, 2) << "a living worker's job was taken";
  ::kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  const auto next = store.claim(WorkerIdentity::current(), o, unix_time());
  ASSERT_TRUE(next);
  EXPECT_EQ(next->id, 1) << "after its worker is gone, the job is free";
}

TEST(SweepClaim, SilentWorkerOnAnotherHostIsTakenOverAfterStaleAfter) {
  ScratchDir dir;
  Store store = planned_store(dir / "s.db", 2, 1);
  ClaimOptions o;
  o.stale_after = 600;
  const auto theirs = store.claim(other_host(), o, 1000);
  ASSERT_TRUE(theirs);
  const WorkerIdentity me = WorkerIdentity::current();
  EXPECT_TRUE(store.heartbeat(*theirs, 0.5, 1500));
  const auto early = store.claim(me, o, 1500 + 599);
  ASSERT_TRUE(early);
  EXPECT_NE(early->id, theirs->id);
  const auto late = store.claim(me, o, 1500 + 601);
  ASSERT_TRUE(late);
  EXPECT_EQ(late->id, theirs->id);
  EXPECT_EQ(late->attempt, 1);
  EXPECT_FALSE(store.heartbeat(*theirs, 0.6, 2200)) << "the old claim must learn it lost the job";
  EXPECT_THAT(sql_one(dir / "s.db", "SELECT error FROM jobs WHERE id = " + std::to_string(theirs->id)),
              HasSubstr("no heartbeat for 601 s"));
}

TEST(SweepClaim, ResultOfATakenOverJobIsStoredOnce) {
  ScratchDir dir;
  Store store = planned_store(dir / "s.db", 1, 1);
  ClaimOptions o;
  o.stale_after = 10;
  const auto first = store.claim(other_host(), o, 1000);
  const auto second = store.claim(WorkerIdentity::current(), o, 1100);
  ASSERT_TRUE(first && second);
  ASSERT_EQ(first->id, second->id);
  EXPECT_TRUE(store.finish(*first, fake_record("a0", 0.7), "elsewhere", 1200));
  EXPECT_FALSE(store.finish(*second, fake_record("a0", 0.8), "here", 1201));
  EXPECT_EQ(sql_one(dir / "s.db",
                    "SELECT count(*), max(best_val_acc) FROM results WHERE job_id = " + std::to_string(first->id)),
            "1|0.7");
}

TEST(SweepClaim, FailedJobIsRetriedUntilMaxAttempts) {
  ScratchDir dir;
  StudySettings s = small_settings(1);
  s.schedules = {"linear"};
  s.budgets = {"1"};
  Store store = Store::open(dir / "s.db", Store::Mode::create);
  store.apply_plan(normalized(s), pool_from_text(pool_text(1), "p"), false);
  ASSERT_EQ(store.jobs().size(), 1u);
  ClaimOptions o;
  o.max_attempts = 3;
  const WorkerIdentity me = WorkerIdentity::current();
  for (int attempt = 1; attempt <= 3; ++attempt) {
    const auto job = store.claim(me, o, 1000 + attempt);
    ASSERT_TRUE(job) << attempt;
    EXPECT_EQ(job->attempt, attempt);
    store.fail(*job, "out of memory on attempt " + std::to_string(attempt), 1000 + attempt);
  }
  EXPECT_FALSE(store.claim(me, o, 2000));
  EXPECT_FALSE(store.has_work(o));
  EXPECT_EQ(sql_one(dir / "s.db", "SELECT status, attempts, error FROM jobs"), "failed|3|out of memory on attempt 3");
  o.max_attempts = 4;  // a later run with more patience tries once more
  EXPECT_TRUE(store.claim(me, o, 3000));
}

TEST(SweepClaim, PendingJobsComeBeforeRetriesOfFailedOnes) {
  ScratchDir dir;
  Store store = planned_store(dir / "s.db", 1, 1);
  const WorkerIdentity me = WorkerIdentity::current();
  const auto first = store.claim(me, {}, 1000);
  store.fail(*first, "boom", 1001);
  const std::size_t total = store.jobs().size();
  for (std::size_t i = 1; i < total; ++i) {
    const auto job = store.claim(me, {}, 1002);
    ASSERT_TRUE(job);
    EXPECT_NE(job->id, first->id) << "a failed job was retried before pending ones";
  }
  const auto retry = store.claim(me, {}, 1003);
  ASSERT_TRUE(retry);
  EXPECT_EQ(retry->id, first->id);
}

TEST(SweepClaim, ReleasedJobIsPendingAgainWithoutCountingTheAttempt) {
  ScratchDir dir;
  Store store = planned_store(dir / "s.db", 1, 1);
  const auto job = store.claim(WorkerIdentity::current(), {}, 1000);
  store.release(*job);
  EXPECT_EQ(sql_one(dir / "s.db", "SELECT status, attempts FROM jobs WHERE id = " + std::to_string(job->id)),
            "pending|0");
  const auto again = store.claim(WorkerIdentity::current(), {}, 1001);
  EXPECT_EQ(again->id, job->id);
  EXPECT_EQ(again->attempt, 1);
}

TEST(SweepClaim, ShardsSplitThePlanIntoDisjointEvenParts) {
  ScratchDir dir;
  Store store = planned_store(dir / "s.db", 7, 1);  // 7 x 4 + 7 = 35 jobs
  const WorkerIdentity me = WorkerIdentity::current();
  std::set<std::int64_t> all;
  std::vector<std::size_t> sizes;
  for (int i = 0; i < 3; ++i) {
    ClaimOptions o;
    o.shard = {i, 3};
    std::size_t n = 0;
    while (auto job = store.claim(me, o, 1000)) {
      EXPECT_EQ(job->key.order % 3, i);
      EXPECT_TRUE(all.insert(job->id).second);
      ++n;
    }
    sizes.push_back(n);
  }
  EXPECT_EQ(all.size(), 35u);
  EXPECT_EQ(sizes, (std::vector<std::size_t>{12, 12, 11}));
}

// --- results ---------------------------------------------------------------------------------------

TEST(SweepResult, ColumnsAndEpochRowsMatchTheRecord) {
  ScratchDir dir;
  const fs::path db = dir / "s.db";
  Store store = planned_store(db, 1, 1);
  const auto job = store.claim(WorkerIdentity::current(), {}, 1000);
  nasrank::trainer::RunRecord r = fake_record(job->key.arch, 0.625, 3);
  r.test_acc = 0.5;
  r.epochs[1].grad_norm = 0.125;
  ASSERT_TRUE(store.finish(*job, r, "node7", 1234.5));
  const std::string id = std::to_string(job->id);
  EXPECT_EQ(sql_one(db,
                    "SELECT status, best_val_acc, final_val_acc, best_step, best_progress, steps, seconds, "
                    "images_per_second, images, images_per_epoch, params, macs, test_acc, engine, device, "
                    "worker_host, finished_at FROM results WHERE job_id = " +
                        id),
            "ok|0.625|0.615|10|0.5|30|3.5|640.0|960|320|1234|56789|0.5|eager|cpu x1 threads|node7|1234.5");
  EXPECT_EQ(sql_one(db, "SELECT status, progress, finished_at FROM jobs WHERE id = " + id), "done|1.0|1234.5");
  EXPECT_EQ(sql_rows(db, "SELECT step, epoch, val_acc, coalesce(grad_norm, '-') FROM epochs WHERE job_id = " + id +
                             " ORDER BY step"),
            (std::vector<std::string>{"10|1.0|0.605|-", "20|2.0|0.615|0.125", "30|3.0|0.625|-"}));
  const nlohmann::json rec = nlohmann::json::parse(sql_one(db, "SELECT record FROM results WHERE job_id = " + id));
  EXPECT_EQ(rec["best_val_acc"], 0.625);
  EXPECT_EQ(rec["epochs"].size(), 3u);
  const auto runs = store.finished_runs();
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].arch, job->key.arch);
  EXPECT_EQ(runs[0].best_val_acc, 0.625);
  EXPECT_DOUBLE_EQ(runs[0].budget_fraction, job->key.budget_epochs / 10.0);
  EXPECT_TRUE(runs[0].curve.evaluations.empty()) << "read without its curve";
  const auto with = store.finished_runs(Store::Curves::with);
  ASSERT_EQ(with[0].curve.evaluations.size(), 3u);
  EXPECT_EQ(with[0].curve.evaluations[1].grad_norm, 0.125);
  EXPECT_EQ(with[0].curve.evaluations[1].step, rec["epochs"][1]["step"].get<std::int64_t>());
  // The epochs table holds the same evaluations, for SQL.
  EXPECT_EQ(sql_one(db, "SELECT count(*) FROM epochs WHERE job_id = " + id), "3");
}

// --- merge -----------------------------------------------------------------------------------------

TEST(SweepMerge, ShardStoresMergeWithEveryJobOnce) {
  ScratchDir dir;
  const std::size_t total = planned_store(dir / "plan.db", 4, 2).jobs().size();
  fs::copy_file(dir / "plan.db", dir / "a.db");
  fs::copy_file(dir / "plan.db", dir / "b.db");
  const WorkerIdentity me = WorkerIdentity::current();
  {
    Store a = Store::open(dir / "a.db");
    ClaimOptions o;
    o.shard = {0, 2};
    while (auto job = a.claim(me, o, 1000)) a.finish(*job, fake_record(job->key.arch, 0.6), "a", 1001);
  }
  {
    Store b = Store::open(dir / "b.db");
    ClaimOptions o;
    o.shard = {1, 2};
    while (auto job = b.claim(me, o, 2000)) b.finish(*job, fake_record(job->key.arch, 0.7), "b", 2001);
    // One job of shard 0 also ran here (say, a re-run): the merge keeps one result for it.
    ClaimOptions zero;
    zero.shard = {0, 2};
    auto dup = b.claim(me, zero, 2002);
    ASSERT_TRUE(dup);
    b.finish(*dup, fake_record(dup->key.arch, 0.9), "b", 2003);
  }
  Store all = Store::open(dir / "all.db", Store::Mode::create);
  const MergeOutcome ma = all.merge_from(dir / "a.db");
  const MergeOutcome mb = all.merge_from(dir / "b.db");
  EXPECT_EQ(ma.jobs_added, static_cast<std::int64_t>(total));
  EXPECT_EQ(mb.jobs_added, 0);
  EXPECT_EQ(ma.results_added + mb.results_added, static_cast<std::int64_t>(total));
  EXPECT_EQ(mb.results_kept, 1);
  const fs::path db = dir / "all.db";
  EXPECT_EQ(sql_one(db, "SELECT count(*), count(DISTINCT job_id) FROM results"),
            std::to_string(total) + "|" + std::to_string(total));
  EXPECT_EQ(sql_one(db, "SELECT count(*) FROM jobs"), std::to_string(total));
  EXPECT_EQ(sql_one(db, "SELECT count(*) FROM jobs WHERE status = 'done'"), std::to_string(total));
  EXPECT_EQ(sql_one(db, "SELECT count(*) FROM jobs j JOIN results r ON r.job_id = j.id"), std::to_string(total));
  EXPECT_EQ(sql_one(db, "SELECT count(*) FROM epochs"), std::to_string(total * 2));
  EXPECT_EQ(sql_one(db, "SELECT count(*) FROM results WHERE worker_host = 'a'"), std::to_string((total + 1) / 2));
  EXPECT_EQ(all.integrity_check(), "ok");
  EXPECT_EQ(sql_one(db, "PRAGMA foreign_key_check"), "<no row>");
  EXPECT_EQ(all.study()->plan_hash, Store::open(dir / "a.db").study()->plan_hash);
  // Merging again changes nothing.
  const MergeOutcome again = all.merge_from(dir / "b.db");
  EXPECT_EQ(again.jobs_added + again.results_added + again.failures_added, 0);
}

TEST(SweepMerge, ZeroCostScoresOfEveryShardAreMergedOnce) {
  ScratchDir dir;
  { planned_store(dir / "plan.db", 4, 1); }
  fs::copy_file(dir / "plan.db", dir / "a.db");
  fs::copy_file(dir / "plan.db", dir / "b.db");
  Store::open(dir / "a.db").put_zero_cost({score("a0", "synflow", 1), score("a2", "synflow", 3)}, 1);
  Store::open(dir / "b.db").put_zero_cost({score("a1", "synflow", 2), score("a0", "synflow", 9)}, 2);
  make_schema_1(dir / "plan.db");  // an older shard without scores merges too
  Store all = Store::open(dir / "all.db", Store::Mode::create);
  EXPECT_EQ(all.merge_from(dir / "a.db").zero_cost_added, 2);
  EXPECT_EQ(all.merge_from(dir / "b.db").zero_cost_added, 1);
  EXPECT_EQ(all.merge_from(dir / "plan.db").zero_cost_added, 0);
  EXPECT_EQ(sql_one(dir / "all.db", "SELECT value FROM zero_cost WHERE arch = 'a0'"), "1.0");
  EXPECT_EQ(sql_one(dir / "all.db", "SELECT count(*) FROM zero_cost"), "3");
}

TEST(SweepMerge, StoresOfDifferentPlansAreRefused) {
  ScratchDir dir;
  { planned_store(dir / "a.db", 3, 2); }
  { planned_store(dir / "b.db", 3, 1); }
  Store all = Store::open(dir / "all.db", Store::Mode::create);
  all.merge_from(dir / "a.db");
  const std::string msg = thrown_message([&] { all.merge_from(dir / "b.db"); });
  EXPECT_THAT(msg, HasSubstr("they hold different plans"));
  EXPECT_THAT(msg, HasSubstr("seeds: 2 -> 1"));
  EXPECT_EQ(sql_one(dir / "all.db", "SELECT count(*) FROM jobs"), "30");
  EXPECT_THAT(thrown_message([&] { all.merge_from(dir / "all.db"); }), HasSubstr("into itself"));
}

TEST(SweepMerge, FailuresOfJobsNotRunElsewhereAreKept) {
  ScratchDir dir;
  { planned_store(dir / "a.db", 1, 1); }
  {
    Store a = Store::open(dir / "a.db");
    auto job = a.claim(WorkerIdentity::current(), {}, 1000);
    a.fail(*job, "CUDA out of memory", 1001);
  }
  Store all = Store::open(dir / "all.db", Store::Mode::create);
  EXPECT_EQ(all.merge_from(dir / "a.db").failures_added, 1);
  EXPECT_EQ(sql_one(dir / "all.db", "SELECT status, attempts, error FROM jobs WHERE status != 'pending'"),
            "failed|1|CUDA out of memory");
}

// --- status ----------------------------------------------------------------------------------------

TEST(SweepStatus, ThroughputCountsOverlappingRunsOnceAndSkipsIdleTime) {
  // [0,10] and [5,15] overlap into 15 busy seconds; [20,30] adds 10; the gap 15..20 is idle.
  std::vector<RunTiming> runs = {{0, 10, 1, 1000, 100, 10}, {5, 15, 1, 1000, 100, 10}, {20, 30, 1, 500, 100, 10}};
  EXPECT_DOUBLE_EQ(sweep_throughput(runs), 2500.0 / 25.0);
  EXPECT_DOUBLE_EQ(sweep_throughput({}), 0.0);
}

TEST(SweepStatus, CountsGroupsAndEta) {
  ScratchDir dir;
  Store store = planned_store(dir / "s.db", 2, 1);  // 2 x 2 x 2 + 2 = 10 jobs
  const WorkerIdentity me = WorkerIdentity::current();
  const auto a = store.claim(me, {}, 1000);  // const, 1 epoch
  const auto b = store.claim(me, {}, 1000);
  ASSERT_TRUE(store.finish(*a, fake_record("a0", 0.5), "h", 1010));  // 20 steps x 32 = 640 images over 10 s
  store.fail(*b, "x", 1010);
  const auto c = store.claim(me, {}, 1011);  // running
  store.heartbeat(*c, 0.5, 1012);
  const SweepStatus s = sweep_status(store, 3);
  EXPECT_EQ(s.total, 10);
  EXPECT_EQ(s.done, 1);
  EXPECT_EQ(s.failed, 1);
  EXPECT_EQ(s.running, 1);
  EXPECT_EQ(s.pending, 7);
  EXPECT_EQ(s.archs, 2);
  EXPECT_DOUBLE_EQ(s.images_per_second, 64.0);
  // Left: every job but the finished one, at 320 images per epoch, the running one half done.
  double epochs_left = 0;
  for (const auto& j : store.jobs())
    if (j.status != "done") epochs_left += j.key.budget_epochs * (j.id == c->id ? 0.5 : 1.0);
  ASSERT_TRUE(s.eta_seconds);
  EXPECT_NEAR(*s.eta_seconds, epochs_left * 320 / 64.0, 1e-9);
  const nlohmann::json j = to_json(s);
  for (const char* key :
       {"total", "pending", "running", "done", "failed", "images_per_second", "eta_seconds", "groups"})
    EXPECT_TRUE(j.contains(key)) << key;
  std::int64_t sum = 0;
  for (const auto& g : j["groups"]) sum += g["total"].get<std::int64_t>();
  EXPECT_EQ(sum, 10);
  EXPECT_EQ(j["groups"].size(), 5u);  // const and cosine at 1 and 2 epochs, linear at 10
}

// --- shards ----------------------------------------------------------------------------------------

TEST(SweepShard, ParsesIOverNAndRefusesTheRest) {
  EXPECT_EQ(parse_shard("2/5").index, 2);
  EXPECT_EQ(parse_shard("2/5").count, 5);
  for (const char* bad : {"5/5", "-1/3", "1", "a/b", "1/0", "1/2/3", ""})
    EXPECT_THAT(thrown_message([&] { parse_shard(bad); }), HasSubstr("is not valid")) << bad;
}

TEST(SweepShard, ComesFromSlurmOrKubernetesEnvironment) {
  auto env = [](std::map<std::string, std::string> vars) {
    return [vars](const char* name) -> const char* {
      auto it = vars.find(name);
      return it == vars.end() ? nullptr : it->second.c_str();
    };
  };
  Shard s = shard_from_environment(env({}));
  EXPECT_EQ(to_string(s), "0/1");
  s = shard_from_environment(env({{"SLURM_ARRAY_TASK_ID", "3"}, {"SLURM_ARRAY_TASK_COUNT", "8"}}));
  EXPECT_EQ(to_string(s), "3/8");
  s = shard_from_environment(
      env({{"SLURM_ARRAY_TASK_ID", "4"}, {"SLURM_ARRAY_TASK_COUNT", "4"}, {"SLURM_ARRAY_TASK_MIN", "1"}}));
  EXPECT_EQ(to_string(s), "3/4");
  s = shard_from_environment(env({{"JOB_COMPLETION_INDEX", "1"}, {"NASRANK_SHARD_COUNT", "6"}}));
  EXPECT_EQ(to_string(s), "1/6");
  EXPECT_THAT(thrown_message([&] {
                shard_from_environment(env({{"JOB_COMPLETION_INDEX", "1"}}));
              }),
              HasSubstr("NASRANK_SHARD_COUNT"));
  EXPECT_THAT(thrown_message([&] {
                shard_from_environment(env({{"SLURM_ARRAY_TASK_ID", "9"}, {"SLURM_ARRAY_TASK_COUNT", "3"}}));
              }),
              HasSubstr("contiguous"));
}

}  // namespace
