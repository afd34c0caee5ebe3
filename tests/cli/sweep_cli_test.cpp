// The sweep commands as a user runs them: real `nasrank sweep` processes on a tiny synthetic study,
// killed at random moments, run side by side, sharded and merged. The store is checked with plain
// SQL, independently of the code that wrote it.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cli_run.h"
#include "nasrank/core/csv.h"
#include "nasrank/core/text_table.h"
#include "nasrank/nas/spec.h"
#include "nasrank/trainer/train.h"
#include "store_fixtures.h"
#include "table_records.h"

extern char** environ;

namespace {

using namespace sweep_test;
using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

using Result = nasrank::test_support::CliResult;

/// Runs `nasrank <args>` to completion, with `env` ("NAME=value" words) added to its environment.
Result nasrank(const std::vector<std::string>& args, const std::vector<std::string>& env = {}) {
  return nasrank::test_support::run_nasrank(args, env);
}

/// Starts `nasrank <args>` in the background with its output in `log`; returns its pid.
pid_t start(const std::vector<std::string>& args, const fs::path& log) {
  std::vector<std::string> argv = {NASRANK_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<char*> cargs;
  for (auto& a : argv) cargs.push_back(a.data());
  cargs.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_adddup2(&fa, 1, 2);
  pid_t pid = -1;
  EXPECT_EQ(posix_spawn(&pid, cargs[0], &fa, nullptr, cargs.data(), environ), 0);
  posix_spawn_file_actions_destroy(&fa);
  return pid;
}

/// Waits for `pid`; its exit code, or 128 + signal.
int wait_for(pid_t pid) {
  int status = 0;
  if (waitpid(pid, &status, 0) != pid) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/// A pool of four small ResNet-18 variants for 1x28x28 images in 10 classes, built with the nas
/// module's own spec type so that the file is what `nasrank generate` would accept.
std::string tiny_pool() {
  json archs = json::array();
  const nasrank::nas::Spec base = nasrank::nas::resnet18_spec(1, 28, 10);
  auto add = [&](const std::string& id, nasrank::nas::Spec s) {
    nasrank::nas::validate(s);
    archs.push_back({{"id", id}, {"spec", nasrank::nas::to_json(s)}});
  };
  add("base", base);
  nasrank::nas::Spec shallow = base;  // drop the identity block of each stage's second half
  shallow.blocks.erase(shallow.blocks.begin() + 7);
  shallow.blocks.erase(shallow.blocks.begin() + 1);
  add("shallow", shallow);
  nasrank::nas::Spec skip = base;
  skip.skips.push_back({0, 2});
  add("skip", skip);
  nasrank::nas::Spec narrow = base;
  narrow.stem_channels = 32;
  narrow.blocks[0].convs = {32, 32};
  narrow.blocks[1].convs = {32, 32};
  add("narrow", narrow);
  return json{{"format", "nasrank-pool"}, {"architectures", archs}}.dump(2);
}

/// The study every test plans: 4 archs x 2 schedules x 2 budgets x 2 seeds + 4 x 2 references =
/// 40 jobs, each a few optimizer steps of a width-1/16 network on 256 synthetic images.
std::vector<std::string> plan_args(const fs::path& db, const fs::path& pool) {
  return {"sweep",         "plan", "--db",         db.string(), "--pool",      pool.string(),  "--dataset", "synthetic",
          "--val-size",    "200",  "--train-size", "256",       "--batch",     "64",           "--width",   "0.0625",
          "--full-epochs", "2",    "--budgets",    "0.25,0.5",  "--schedules", "linear,const", "--seeds",   "2"};
}
constexpr int kJobs = 40;

class SweepCli : public ::testing::Test {
 protected:
  void SetUp() override {
    pool_ = dir_ / "pool.json";
    write_bytes(pool_, tiny_pool());
  }
  fs::path plan(const std::string& name) {
    const fs::path db = dir_ / name;
    const Result r = nasrank(plan_args(db, pool_));
    EXPECT_EQ(r.code, 0) << r.err;
    return db;
  }
  Result run(const fs::path& db, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"sweep", "run", "--db", db.string(), "--threads", "1"};
    args.insert(args.end(), extra.begin(), extra.end());
    return nasrank(args);
  }
  /// Every job done once, one result each, each result the job's own, epochs stored, file sound.
  void expect_complete(const fs::path& db, int jobs = kJobs) {
    EXPECT_EQ(sql_one(db, "SELECT count(*), sum(status = 'done') FROM jobs"),
              std::to_string(jobs) + "|" + std::to_string(jobs));
    EXPECT_EQ(sql_one(db, "SELECT count(*), count(DISTINCT job_id) FROM results"),
              std::to_string(jobs) + "|" + std::to_string(jobs));
    EXPECT_EQ(sql_one(db, "SELECT count(*) FROM results r LEFT JOIN jobs j ON j.id = r.job_id WHERE j.id IS NULL"),
              "0");
    for (const auto& row : sql_rows(db,
                                    "SELECT j.arch, j.schedule, j.budget_epochs, j.seed, r.record, "
                                    "(SELECT count(*) FROM epochs e WHERE e.job_id = j.id) "
                                    "FROM jobs j JOIN results r ON r.job_id = j.id")) {
      // Fields: arch|schedule|budget_epochs|seed|record json (no '|' inside)|epoch rows.
      const auto first = row.find('|'), second = row.find('|', first + 1), third = row.find('|', second + 1),
                 fourth = row.find('|', third + 1), last = row.rfind('|');
      const json rec = json::parse(row.substr(fourth + 1, last - fourth - 1));
      EXPECT_EQ(rec["arch"], row.substr(0, first));
      EXPECT_EQ(rec["schedule"], row.substr(first + 1, second - first - 1));
      EXPECT_DOUBLE_EQ(rec["budget_epochs"].get<double>(), std::stod(row.substr(second + 1, third - second - 1)));
      EXPECT_EQ(rec["seed"].get<std::int64_t>(), std::stoll(row.substr(third + 1, fourth - third - 1)));
      EXPECT_EQ(std::to_string(rec["epochs"].size()), row.substr(last + 1));
      EXPECT_EQ(rec["steps_done"], rec["steps"]);
    }
    EXPECT_EQ(sql_one(db, "PRAGMA integrity_check"), "ok");
    EXPECT_EQ(sql_one(db, "PRAGMA foreign_key_check"), "<no row>");
  }
  ScratchDir dir_;
  fs::path pool_;
};

TEST_F(SweepCli, PlanTwiceAddsNothingAndOtherSettingsAreRefused) {
  const fs::path db = plan("runs.db");
  EXPECT_EQ(sql_one(db, "SELECT count(*), sum(reference) FROM jobs"), std::to_string(kJobs) + "|8");
  Result again = nasrank(plan_args(db, pool_));
  EXPECT_EQ(again.code, 0) << again.err;
  EXPECT_THAT(again.out, HasSubstr(std::to_string(kJobs) + " jobs (0 added)"));
  auto other = plan_args(db, pool_);
  other.back() = "3";  // --seeds 3
  const Result refused = nasrank(other);
  EXPECT_EQ(refused.code, 1);
  EXPECT_THAT(refused.err, HasSubstr("nasrank: error: the study in"));
  EXPECT_THAT(refused.err, HasSubstr("seeds: 2 -> 3"));
  EXPECT_EQ(std::count(refused.err.begin(), refused.err.end(), '\n'), 1) << refused.err;
  other.push_back("--force-replan");
  const Result forced = nasrank(other);
  EXPECT_EQ(forced.code, 0) << forced.err;
  EXPECT_EQ(sql_one(db, "SELECT count(*) FROM jobs"), std::to_string(kJobs * 3 / 2));
}

TEST_F(SweepCli, BadInputsGiveOneLineErrors) {
  write_bytes(dir_ / "notes.txt", "not a database\n");
  Result r = nasrank({"sweep", "status", "--db", (dir_ / "notes.txt").string()});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("is not a nasrank sweep store"));
  EXPECT_EQ(file_bytes(dir_ / "notes.txt"), "not a database\n");
  r = nasrank(plan_args(dir_ / "notes.txt", pool_));
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(file_bytes(dir_ / "notes.txt"), "not a database\n");
  sql_exec(dir_ / "foreign.db", "CREATE TABLE t (x); INSERT INTO t VALUES (1);");
  const std::string foreign = file_bytes(dir_ / "foreign.db");
  r = nasrank(plan_args(dir_ / "foreign.db", pool_));
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("is an SQLite database but not a nasrank sweep store"));
  EXPECT_EQ(file_bytes(dir_ / "foreign.db"), foreign);
  r = run(dir_ / "missing.db");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("no sweep store at"));
  EXPECT_FALSE(fs::exists(dir_ / "missing.db"));
  r = nasrank({"sweep", "run", "--db", "x.db", "--shard", "4/4"});
  EXPECT_EQ(r.code, 2);  // what the user typed: a usage error
  EXPECT_THAT(r.err, HasSubstr("--shard '4/4' is not valid"));
  r = nasrank({"sweep", "frobnicate"});
  EXPECT_EQ(r.code, 2);
  write_bytes(dir_ / "bad-pool.json",
              "{\"format\": \"nasrank-pool\", \"architectures\": [{\"id\": \"a\", \"spec\": {\"blocks\": 7}}]}");
  r = nasrank(plan_args(dir_ / "new.db", dir_ / "bad-pool.json"));
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("bad-pool.json: architectures[0].spec"));
  EXPECT_FALSE(fs::exists(dir_ / "new.db"));
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

TEST_F(SweepCli, RunStatusAndExportAgreeWithTheStore) {
  const fs::path db = plan("runs.db");
  Result r = nasrank({"sweep", "status", "--db", db.string(), "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  json s = json::parse(r.out);
  EXPECT_EQ(s["total"], kJobs);
  EXPECT_EQ(s["pending"], kJobs);
  EXPECT_TRUE(s["eta_seconds"].is_null());

  r = run(db, {"--max-jobs", "5"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(sql_one(db, "SELECT count(*) FROM results"), "5");
  // The first jobs claimed are the smallest budget's.
  EXPECT_EQ(sql_one(db, "SELECT count(*) FROM jobs WHERE status = 'done' AND budget_epochs = 0.5"), "5");
  r = run(db);
  ASSERT_EQ(r.code, 0) << r.err;
  expect_complete(db);

  r = nasrank({"sweep", "status", "--db", db.string(), "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  s = json::parse(r.out);
  for (const char* key : {"total", "pending", "running", "done", "failed"}) EXPECT_TRUE(s.contains(key)) << key;
  EXPECT_EQ(s["done"], kJobs);
  EXPECT_EQ(s["pending"], 0);
  EXPECT_GT(s["images_per_second"].get<double>(), 0);
  EXPECT_EQ(s["eta_seconds"], 0.0);
  EXPECT_EQ(s["groups"].size(), 5u);  // linear and const at 0.5 and 1 epoch, linear at 2 (references)

  r = nasrank({"sweep", "status", "--db", db.string()});
  EXPECT_EQ(r.code, 0);
  EXPECT_THAT(r.out, HasSubstr("40/40 done"));
  r = nasrank({"sweep", "watch", "--db", db.string(), "--every", "0.1"});  // returns: nothing left to do
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("40/40 done"));
  EXPECT_THAT(r.out, HasSubstr("linear (reference)"));

  r = nasrank({"sweep", "export", "--db", db.string(), "--format", "csv", "--out", (dir_ / "runs.csv").string()});
  ASSERT_EQ(r.code, 0) << r.err;
  const nasrank::CsvTable csv = nasrank::read_csv(dir_ / "runs.csv");
  for (const char* col :
       {"arch", "schedule", "budget", "seed", "status", "best_val_acc", "final_val_acc", "steps", "seconds"})
    EXPECT_NO_THROW(csv.column(col)) << col;
  ASSERT_EQ(csv.rows.size(), static_cast<std::size_t>(kJobs));
  // One line per row and nothing else: readers that do not skip blank lines see no empty records.
  const std::string csv_text = nasrank::test_support::read_bytes(dir_ / "runs.csv");
  EXPECT_EQ(std::count(csv_text.begin(), csv_text.end(), '\n'), kJobs + 1);
  EXPECT_EQ(csv_text.find("\n\n"), std::string::npos);
  // "arch|schedule|budget in epochs|seed" -> best_val_acc (the store names a reference's budget "1")
  std::map<std::string, std::string> stored;
  for (const auto& row : sql_rows(db,
                                  "SELECT j.arch, j.schedule, j.budget_epochs, j.seed, r.best_val_acc "
                                  "FROM jobs j JOIN results r ON r.job_id = j.id")) {
    std::vector<std::string> f;
    std::istringstream fields(row);
    for (std::string v; std::getline(fields, v, '|');) f.push_back(v);
    ASSERT_EQ(f.size(), 5u) << row;
    stored[f[0] + "|" + f[1] + "|" + nasrank::epochs_text(std::stod(f[2])) + "|" + f[3]] = f[4];
  }
  for (const auto& row : csv.rows) {
    // One encoding per column: budgets in epochs, flags true or false.
    EXPECT_EQ(row[csv.column("budget")], nasrank::epochs_text(std::stod(row[csv.column("budget_epochs")])));
    EXPECT_THAT(std::vector<std::string>({"true", "false"}), ::testing::Contains(row[csv.column("reference")]));
    const std::string key = row[csv.column("arch")] + "|" + row[csv.column("schedule")] + "|" +
                            row[csv.column("budget")] + "|" + row[csv.column("seed")];
    ASSERT_TRUE(stored.count(key)) << key;
    EXPECT_NEAR(std::stod(row[csv.column("best_val_acc")]), std::stod(stored[key]), 1e-9) << key;
    EXPECT_THAT(std::vector<std::string>({"ok", "diverged", "untrainable"}),
                ::testing::Contains(row[csv.column("status")]));
  }

  r = nasrank({"sweep", "export", "--db", db.string(), "--format", "json", "--records"});
  ASSERT_EQ(r.code, 0) << r.err;
  const json ex = json::parse(r.out);
  ASSERT_EQ(ex["results"].size(), static_cast<std::size_t>(kJobs));
  EXPECT_EQ(ex["plan_hash"], s["plan_hash"]);
  for (const auto& row : ex["results"]) {
    EXPECT_EQ(row["record"]["arch"], row["arch"]);
    EXPECT_EQ(row["record"]["best_val_acc"], row["best_val_acc"]);
  }
}

TEST_F(SweepCli, NothingIsLostWhenWorkersAreKilledAtRandomMoments) {
  const fs::path db = plan("runs.db");
  // Kills are not failures of a job: with the default limits every job ends done, none failed.
  const std::vector<std::string> worker = {"sweep", "run", "--db", db.string(), "--threads", "1"};
  std::mt19937 rng(20240607);
  std::uniform_int_distribution<int> delay_ms(0, 700);
  int killed_mid_job = 0;
  for (int round = 0; round < 8; ++round) {
    // One or two workers, killed without warning at a random moment once they are training.
    const int workers = 1 + round % 2;
    std::vector<pid_t> pids;
    for (int w = 0; w < workers; ++w) pids.push_back(start(worker, dir_ / "kill.log"));
    std::string these;  // jobs of this round's workers (an earlier round's may still be 'running')
    for (pid_t pid : pids) these += (these.empty() ? "" : ", ") + std::to_string(pid);
    const std::string running_here =
        "SELECT count(*) FROM jobs WHERE status = 'running' AND worker_pid IN (" + these + ")";
    for (int i = 0; i < 400 && sql_one(db, running_here) == "0"; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(rng)));
    for (pid_t pid : pids) ::kill(pid, SIGKILL);
    for (pid_t pid : pids) wait_for(pid);
    killed_mid_job += std::stoi(sql_one(db, running_here));
    EXPECT_EQ(sql_one(db, "PRAGMA integrity_check"), "ok") << "after round " << round;
    EXPECT_EQ(sql_one(db, "SELECT count(*) FROM results r JOIN jobs j ON j.id = r.job_id WHERE j.status != 'done'"),
              "0")
        << "a result without its job marked done";
    EXPECT_EQ(sql_one(db,
                      "SELECT count(*) FROM jobs j WHERE j.status = 'done' AND NOT EXISTS "
                      "(SELECT 1 FROM results r WHERE r.job_id = j.id)"),
              "0")
        << "a job marked done without its result";
  }
  EXPECT_GT(killed_mid_job, 0) << "no worker was killed while training; the test proved nothing";
  EXPECT_LT(std::stoi(sql_one(db, "SELECT count(*) FROM jobs WHERE status = 'done'")), kJobs)
      << "the workers finished before they were killed";
  const std::string running_at_end = sql_one(db, "SELECT count(*) FROM jobs WHERE status = 'running'");
  const Result r = run(db);
  ASSERT_EQ(r.code, 0) << r.err;
  expect_complete(db);
  // Jobs running when their worker was killed were taken over at once (same host, process gone).
  if (running_at_end != "0") {
    EXPECT_THAT(r.err, HasSubstr("died; returned to the queue"));
  }
  // Every death was counted, and none as a failed attempt of its job.
  EXPECT_GE(std::stoi(sql_one(db, "SELECT sum(worker_deaths) FROM jobs")), killed_mid_job);
  EXPECT_EQ(sql_one(db, "SELECT max(attempts) FROM jobs"), "1");
}

TEST_F(SweepCli, RequeueReturnsFailedJobsToTheQueue) {
  const fs::path db = plan("runs.db");
  // Two jobs failed for good (as after --max-attempts errors), one of them by its workers' deaths.
  sql_exec(db,
           "UPDATE jobs SET status = 'failed', attempts = 3, error = 'CUDA out of memory' WHERE id = 3; "
           "UPDATE jobs SET status = 'failed', attempts = 0, worker_deaths = 10, error = 'its worker died' "
           "WHERE id = 7");
  Result r = nasrank({"sweep", "requeue", "--db", db.string()});
  EXPECT_EQ(r.code, 2) << r.err;  // neither --failed nor --job
  r = nasrank({"sweep", "requeue", "--db", db.string(), "--job", "4"});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("job 4 is not a failed job"));
  r = nasrank({"sweep", "requeue", "--db", db.string(), "--job", "7"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("job 7 ["));
  EXPECT_THAT(r.out, HasSubstr("0 failed attempts, 10 worker deaths: its worker died"));
  EXPECT_THAT(r.out, HasSubstr(": 1 failed jobs returned to the queue"));
  EXPECT_EQ(sql_one(db,
                    "SELECT group_concat(id || ':' || status || ':' || attempts || ':' || worker_deaths) "
                    "FROM jobs WHERE id IN (3, 7)"),
            "3:failed:3:0,7:pending:0:0");
  r = nasrank({"sweep", "requeue", "--db", db.string(), "--failed"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("3 failed attempts, 0 worker deaths: CUDA out of memory"));
  r = run(db);
  ASSERT_EQ(r.code, 0) << r.err;
  expect_complete(db);
  r = nasrank({"sweep", "--help"});
  EXPECT_THAT(r.out, HasSubstr("requeue  return failed jobs to the queue"));
}

TEST_F(SweepCli, TwoWorkersSideBySideNeverRunAJobTwice) {
  const fs::path db = plan("runs.db");
  const pid_t a = start({"sweep", "run", "--db", db.string(), "--threads", "1"}, dir_ / "a.log");
  const pid_t b = start({"sweep", "run", "--db", db.string(), "--threads", "1"}, dir_ / "b.log");
  EXPECT_EQ(wait_for(a), 0) << file_bytes(dir_ / "a.log");
  EXPECT_EQ(wait_for(b), 0) << file_bytes(dir_ / "b.log");
  expect_complete(db);
  EXPECT_EQ(sql_one(db, "SELECT count(*) FROM jobs WHERE attempts != 1"), "0") << "a job was claimed twice";
  EXPECT_EQ(sql_one(db, "SELECT count(DISTINCT worker_pid) FROM jobs"), "2");
}

TEST_F(SweepCli, ConcurrentOptionRunsWorkerProcessesAndInterruptGivesTheJobBack) {
  const fs::path db = plan("runs.db");
  Result r = run(db, {"--concurrent", "2", "--max-jobs", "4"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("starting 2 worker processes with 1 threads each"));
  EXPECT_EQ(sql_one(db, "SELECT count(*), count(DISTINCT worker_pid) FROM jobs WHERE status = 'done'"), "8|2");

  // Ctrl-C (SIGINT) to a single worker: the job in progress goes back to pending, exit 130.
  const pid_t pid = start({"sweep", "run", "--db", db.string(), "--threads", "1"}, dir_ / "int.log");
  for (int i = 0; i < 400 && sql_one(db, "SELECT count(*) FROM jobs WHERE status = 'done'") == "8"; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  ::kill(pid, SIGINT);
  EXPECT_EQ(wait_for(pid), 130) << file_bytes(dir_ / "int.log");
  EXPECT_THAT(file_bytes(dir_ / "int.log"), HasSubstr("run the same command again to resume"));
  EXPECT_EQ(sql_one(db, "SELECT count(*) FROM jobs WHERE status = 'running'"), "0");
  EXPECT_EQ(sql_one(db, "SELECT count(*) FROM jobs WHERE status = 'pending' AND attempts != 0"), "0");

  // Ctrl-C to the parent of --concurrent: passed on once, both workers give their jobs back.
  const auto done_now = [&] { return sql_one(db, "SELECT count(*) FROM jobs WHERE status = 'done'"); };
  auto wait_until_training = [&] {
    for (int i = 0; i < 400 && sql_one(db, "SELECT count(*) FROM jobs WHERE status = 'running'") == "0"; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
  };
  pid_t parent =
      start({"sweep", "run", "--db", db.string(), "--concurrent", "2", "--threads", "1"}, dir_ / "parent.log");
  wait_until_training();
  ::kill(parent, SIGINT);
  EXPECT_EQ(wait_for(parent), 130) << file_bytes(dir_ / "parent.log");
  EXPECT_THAT(file_bytes(dir_ / "parent.log"), HasSubstr("asking the workers to stop"));
  // Said once, by the parent: how to go on; no worker complains of the stop it was asked for.
  const std::string parent_log = file_bytes(dir_ / "parent.log");
  EXPECT_THAT(parent_log, Not(HasSubstr("exited with status"))) << parent_log;
  std::size_t said = 0;
  for (auto at = parent_log.find("run the same command again to resume"); at != std::string::npos;
       at = parent_log.find("run the same command again to resume", at + 1))
    ++said;
  EXPECT_EQ(said, 1u) << parent_log;
  EXPECT_EQ(sql_one(db, "SELECT count(*) FROM jobs WHERE status = 'running'"), "0");
  EXPECT_EQ(sql_one(db, "SELECT count(*) FROM jobs WHERE status = 'pending' AND attempts != 0"), "0");

  // The parent killed outright: its workers notice, give their jobs back and stop.
  parent = start({"sweep", "run", "--db", db.string(), "--concurrent", "2", "--threads", "1"}, dir_ / "killed.log");
  wait_until_training();
  ::kill(parent, SIGKILL);
  wait_for(parent);
  for (int i = 0; i < 400 && sql_one(db, "SELECT count(*) FROM jobs WHERE status = 'running'") != "0"; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  EXPECT_EQ(sql_one(db, "SELECT count(*) FROM jobs WHERE status = 'running'"), "0");
  const std::string after_kill = done_now();
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  EXPECT_EQ(done_now(), after_kill) << "orphaned workers went on claiming jobs";
  EXPECT_THAT(file_bytes(dir_ / "killed.log"), HasSubstr("worker stopped (interrupted)"));

  r = run(db, {"--time-limit", "0.001"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("--time-limit 0.001 s reached; no new job started"));
  r = run(db);
  ASSERT_EQ(r.code, 0) << r.err;
  expect_complete(db);
}

TEST_F(SweepCli, ShardStoresMergeIntoTheWholeSweep) {
  const fs::path base = plan("plan.db");
  fs::copy_file(base, dir_ / "a.db");
  fs::copy_file(base, dir_ / "b.db");
  Result r = run(dir_ / "a.db", {"--shard", "0/2"});
  ASSERT_EQ(r.code, 0) << r.err;
  // The second shard takes its index from the environment, as a Slurm array task does; then two jobs
  // of the first shard run there too, so the merge meets jobs finished twice.
  r = nasrank({"sweep", "run", "--db", (dir_ / "b.db").string(), "--threads", "1"},
              {"SLURM_ARRAY_TASK_ID=1", "SLURM_ARRAY_TASK_COUNT=2"});
  ASSERT_EQ(r.code, 0) << r.err;
  r = run(dir_ / "b.db", {"--shard", "0/2", "--max-jobs", "2"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(sql_one(dir_ / "a.db",
                    "SELECT count(*), min(shard_key % 2), max(shard_key % 2) FROM jobs "
                    "WHERE status = 'done'"),
            std::to_string(kJobs / 2) + "|0|0");
  EXPECT_EQ(sql_one(dir_ / "b.db", "SELECT count(*), sum(shard_key % 2) FROM jobs WHERE status = 'done'"),
            std::to_string(kJobs / 2 + 2) + "|" + std::to_string(kJobs / 2));
  r = nasrank(
      {"sweep", "merge", "--into", (dir_ / "all.db").string(), (dir_ / "a.db").string(), (dir_ / "b.db").string()});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("40/40 done"));
  expect_complete(dir_ / "all.db");
  // Jobs finished in both keep the result merged first (a's).
  const std::string shard0 =
      "SELECT j.arch, j.schedule, j.budget, j.seed, r.finished_at, r.best_val_acc FROM jobs j "
      "JOIN results r ON r.job_id = j.id WHERE j.shard_key % 2 = 0 ORDER BY 1, 2, 3, 4";
  EXPECT_EQ(sql_rows(dir_ / "all.db", shard0), sql_rows(dir_ / "a.db", shard0));

  // A store of another plan is refused.
  auto other = plan_args(dir_ / "other.db", pool_);
  other.back() = "1";
  ASSERT_EQ(nasrank(other).code, 0);
  r = nasrank({"sweep", "merge", "--into", (dir_ / "all.db").string(), (dir_ / "other.db").string()});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("they hold different plans"));
}

// Eight workers against one store on a 2-core machine, with jobs of one to four optimizer steps so
// that the store's write lock is wanted all the time, a reader polling beside them, and in every
// second round one worker killed outright and replaced. Nothing may be lost or run twice, and no
// "database is locked" may escape. One round in CI; NASRANK_STRESS_SECONDS=300 runs rounds for five
// minutes (scripts/stress-sweep.sh).
TEST_F(SweepCli, EightWorkersOnOneStoreLoseNothingAndRepeatNothing) {
  const char* seconds_text = std::getenv("NASRANK_STRESS_SECONDS");
  const double seconds = seconds_text ? std::atof(seconds_text) : 0;
  const auto t0 = std::chrono::steady_clock::now();
  const auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(); };
  constexpr int kWorkers = 8;
  for (int round = 0; round == 0 || elapsed() < seconds; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    const fs::path db = dir_ / ("stress-" + std::to_string(round) + ".db");
    // 4 archs x 4 schedules x 2 budgets x 4 seeds + 4 x 4 references = 144 jobs of 1, 2 or 4 steps.
    const Result planned = nasrank({"sweep",         "plan",
                                    "--db",          db.string(),
                                    "--pool",        pool_.string(),
                                    "--dataset",     "synthetic",
                                    "--val-size",    "64",
                                    "--train-size",  "128",
                                    "--batch",       "64",
                                    "--width",       "0.0625",
                                    "--full-epochs", "2",
                                    "--budgets",     "0.25,0.5",
                                    "--schedules",   "linear,const,cosine,step-d2",
                                    "--seeds",       "4"});
    ASSERT_EQ(planned.code, 0) << planned.err;
    const int jobs = std::stoi(sql_one(db, "SELECT count(*) FROM jobs"));
    ASSERT_EQ(jobs, 144);
    const std::vector<std::string> worker = {"sweep", "run", "--db", db.string(), "--threads", "1"};
    std::vector<std::pair<pid_t, fs::path>> workers;
    for (int w = 0; w < kWorkers; ++w) {
      const fs::path log = dir_ / ("worker-" + std::to_string(round) + "-" + std::to_string(w) + ".log");
      workers.emplace_back(start(worker, log), log);
    }
    bool killed = round % 2 == 0;  // odd rounds kill one worker once a tenth of the jobs are done
    std::set<pid_t> exited;
    std::map<pid_t, int> codes;
    while (exited.size() < workers.size()) {
      const int done = std::stoi(sql_one(db, "SELECT count(*) FROM jobs WHERE status = 'done'"));
      if (!killed && done >= jobs / 10) {
        ::kill(workers[0].first, SIGKILL);
        const fs::path log = dir_ / ("worker-" + std::to_string(round) + "-replacement.log");
        workers.emplace_back(start(worker, log), log);
        killed = true;
      }
      for (const auto& [pid, log] : workers) {
        if (exited.count(pid)) continue;
        int status = 0;
        if (waitpid(pid, &status, WNOHANG) == pid) {
          exited.insert(pid);
          codes[pid] = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        }
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    for (std::size_t w = 0; w < workers.size(); ++w) {
      const auto& [pid, log] = workers[w];
      const std::string text = file_bytes(log);
      if (!(round % 2 == 1 && w == 0)) {
        EXPECT_EQ(codes[pid], 0) << log << ":\n" << text;
      }
      EXPECT_EQ(text.find("locked"), std::string::npos) << log << ":\n" << text;
      EXPECT_EQ(text.find("error"), std::string::npos) << log << ":\n" << text;
    }
    expect_complete(db, jobs);
    EXPECT_EQ(sql_one(db, "SELECT count(*) FROM jobs WHERE attempts != 1"), "0") << "a job was run twice";
    if (round % 2 == 1) {
      EXPECT_LE(std::stoi(sql_one(db, "SELECT sum(worker_deaths) FROM jobs")), 1);
    }
    EXPECT_GE(std::stoi(sql_one(db, "SELECT count(DISTINCT worker_pid) FROM jobs")), 2);
  }
}

TEST_F(SweepCli, MergeChecksEveryInputFirstAndChangesNothingOnError) {
  const fs::path a = plan("a.db");
  ASSERT_EQ(run(a, {"--max-jobs", "3"}).code, 0);
  auto other = plan_args(dir_ / "other.db", pool_);
  other.back() = "1";  // --seeds 1: another plan
  ASSERT_EQ(nasrank(other).code, 0);
  const fs::path m = dir_ / "m.db";
  auto merge = [&](const std::vector<fs::path>& inputs) {
    std::vector<std::string> args = {"sweep", "merge", "--into", m.string()};
    for (const auto& in : inputs) args.push_back(in.string());
    return nasrank(args);
  };
  auto leftovers = [&] {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir_.path())) {
      const std::string name = e.path().filename().string();
      const bool journal = name == "m.db-wal" || name == "m.db-shm";  // SQLite's own, of a closed store
      if (name.rfind("m.db", 0) == 0 && !journal) names.push_back(name);
    }
    return names;
  };
  // The second input belongs to another plan: nothing is merged, not even the first, and no
  // target or temporary file is left behind.
  Result r = merge({a, dir_ / "other.db"});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("they hold different plans"));
  EXPECT_THAT(r.err, HasSubstr("nothing was merged"));
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_EQ(leftovers(), std::vector<std::string>{});

  r = merge({a});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("3/40 done"));
  const std::string merged = file_bytes(m);
  fs::copy_file(a, dir_ / "b.db");
  ASSERT_EQ(run(dir_ / "b.db", {"--max-jobs", "2"}).code, 0);
  write_bytes(dir_ / "notes.txt", "not a store\n");
  for (const auto& bad : {dir_ / "other.db", dir_ / "notes.txt", dir_ / "missing.db"}) {
    r = merge({dir_ / "b.db", bad});
    EXPECT_EQ(r.code, 1) << bad;
    EXPECT_EQ(file_bytes(m), merged) << "the target changed although " << bad << " was refused";
    EXPECT_EQ(leftovers(), std::vector<std::string>{"m.db"}) << bad;
  }
  r = merge({dir_ / "b.db", a});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("5/40 done"));
  EXPECT_EQ(sql_one(m, "PRAGMA integrity_check"), "ok");
}

}  // namespace

namespace {

TEST_F(SweepCli, ZeroCostScoresAreStoredOnceAndRankedBesideTheBudgets) {
  const fs::path db = plan("zc.db");
  const std::vector<std::string> zc = {"--zero-cost", "--zero-cost-scores", "synflow,params,naswot",
                                       "--zero-cost-batch", "16"};
  Result r = run(db, zc);
  ASSERT_EQ(r.code, 0) << r.err;
  expect_complete(db);
  // Every architecture, every requested score, once; params is the pool's own count at the study's width.
  EXPECT_EQ(sql_one(db, "SELECT count(*), count(DISTINCT arch), count(DISTINCT score) FROM zero_cost"), "12|4|3");
  EXPECT_EQ(sql_one(db, "SELECT count(*) FROM zero_cost WHERE batch = 16 AND seed = 0 AND seconds >= 0"), "12");
  const std::string before = sql_one(db, "SELECT group_concat(computed_at) FROM zero_cost");
  r = run(db, zc);  // scored already, and no jobs left: nothing changes
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(sql_one(db, "SELECT group_concat(computed_at) FROM zero_cost"), before);

  r = nasrank({"rank", "--db", db.string(), "--format", "json", "--bootstrap", "50"});
  ASSERT_EQ(r.code, 0) << r.err;
  const json j = json::parse(r.out);
  const json zero_cost = nasrank::test_support::records(j["tables"]["zero_cost"]);
  ASSERT_EQ(zero_cost.size(), 3u);
  std::set<std::string> names;
  // Each score covers the architectures the ranking uses (the tiny synthetic runs may leave some
  // untrainable, hence excluded); the choice between the families is tested in tests/ranking.
  const int used = j["architectures"]["used"].get<int>();
  for (const auto& z : zero_cost) {
    names.insert(z["proxy"].get<std::string>());
    EXPECT_EQ(z["n"].get<int>() + z["nonfinite"].get<int>() + z["missing"].get<int>(), used) << z.dump();
    EXPECT_GT(z["seconds_per_arch"].get<double>(), 0.0);
  }
  EXPECT_EQ(names, (std::set<std::string>{"synflow", "params", "naswot"}));
  std::size_t zero_cost_points = 0;
  for (const auto& c : nasrank::test_support::records(j["tables"]["cost"]))
    zero_cost_points += c["family"] == "zero-cost";
  EXPECT_EQ(zero_cost_points, 3u);

  r = run(db, {"--zero-cost", "--zero-cost-scores", "nonsense"});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("nonsense"));

  // Without --zero-cost-scores every score is computed (as 'study' asks for them).
  r = run(db, {"--zero-cost", "--zero-cost-batch", "16"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(sql_one(db, "SELECT count(DISTINCT score) FROM zero_cost"), "9");
}

}  // namespace

namespace {

TEST_F(SweepCli, BenchSweepPrintsOneJsonLineFromTheStoresRunsAndCleansUp) {
  Result r = nasrank({"--quiet",
                      "bench",
                      "sweep",
                      "--dataset",
                      "synthetic",
                      "--val-size",
                      "200",
                      "--train-size",
                      "256",
                      "--batch",
                      "64",
                      "--width",
                      "0.0625",
                      "--epochs",
                      "2",
                      "--jobs",
                      "3",
                      "--concurrent",
                      "2",
                      "--keep",
                      (dir_ / "kept").string()});
  ASSERT_EQ(r.code, 0) << r.err;
  ASSERT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1) << r.out;
  const json j = json::parse(r.out);
  EXPECT_EQ(j["bench"], "sweep");
  EXPECT_EQ(j["jobs"], 3);
  EXPECT_EQ(j["concurrent"], 2);
  EXPECT_EQ(j["threads_per_worker"], 1);
  EXPECT_GT(j["images_per_s"].get<double>(), 0.0);
  EXPECT_GT(j["train_images_per_s"].get<double>(), 0.0);
  EXPECT_GT(j["wall_s"].get<double>(), 0.0);
  // The kept store holds the three runs, each 2 epochs of 4 steps of 64 images.
  const fs::path db = dir_ / "kept" / "bench.db";
  EXPECT_EQ(sql_one(db, "SELECT count(*), sum(steps) FROM results"), "3|24");
  // images_per_s is the store's images over its wall time.
  const double first = std::stod(sql_one(db, "SELECT min(claimed_at) FROM jobs"));
  const double last = std::stod(sql_one(db, "SELECT max(finished_at) FROM jobs"));
  EXPECT_NEAR(j["images_per_s"].get<double>(), 3 * 8 * 64 / (last - first), 0.5);

  // Without --keep the scratch directory goes away.
  fs::create_directories(dir_ / "tmp");
  r = nasrank({"--quiet", "bench", "sweep", "--dataset", "synthetic", "--val-size", "200", "--train-size", "256",
               "--batch", "64", "--width", "0.0625", "--epochs", "1", "--jobs", "1", "--concurrent", "1"},
              {"TMPDIR=" + (dir_ / "tmp").string()});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(fs::is_empty(dir_ / "tmp"));

  r = nasrank({"bench", "sweep", "--jobs", "0", "--concurrent", "-1"});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("--concurrent must be at least 0 (got -1)"));
  r = nasrank({"bench", "sweep", "--device", "tpu"});
  EXPECT_EQ(r.code, 2);
  r = nasrank({"bench", "nothing"});
  EXPECT_EQ(r.code, 2);
}

}  // namespace

namespace {

TEST_F(SweepCli, StreamWorkersOnOneGpuRunEveryJobOnce_CUDA) {
  if (!nasrank::trainer::cuda_available())
    GTEST_SKIP() << "no CUDA GPU visible: the *_CUDA tests run on a GPU machine (docs/gpu.md)";
  const fs::path db = plan("gpu.db");
  const Result r = nasrank({"sweep", "run", "--db", db.string(), "--device", "cuda", "--concurrent", "3"});
  ASSERT_EQ(r.code, 0) << r.err;
  expect_complete(db);
  EXPECT_THAT(r.err, HasSubstr("3 workers on CUDA streams"));
  EXPECT_EQ(sql_one(db, "SELECT count(*) FROM results WHERE device LIKE 'cuda%'"), std::to_string(kJobs));
  // Every run checked its captured graph against an eager step; none may have crashed the others.
  EXPECT_EQ(sql_one(db, "SELECT count(*) FROM results WHERE engine IN ('graph', 'eager')"), std::to_string(kJobs));
}

TEST_F(SweepCli, StreamWorkersWithoutAGpuAreAClearError) {
  if (nasrank::trainer::cuda_available()) GTEST_SKIP() << "a GPU is visible: StreamWorkersOnOneGpu..._CUDA covers it";
  const fs::path db = plan("nogpu.db");
  const Result r = nasrank({"sweep", "run", "--db", db.string(), "--device", "cuda", "--concurrent", "2"});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("no CUDA GPU is visible"));
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_EQ(sql_one(db, "SELECT count(*) FROM jobs WHERE status = 'pending'"), std::to_string(kJobs));
}

}  // namespace
