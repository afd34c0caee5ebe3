// Faults from outside while the commands write: a full disk (simulated with a file-size limit,
// RLIMIT_FSIZE through the shell's `ulimit -f`), a read-only directory, stores of another schema.
// Each must end in one clear error line with the file that was there before left as it was.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cli_run.h"
#include "store_fixtures.h"

namespace {

namespace fs = std::filesystem;
using nasrank::test_support::CliResult;
using nasrank::test_support::read_bytes;
using nasrank::test_support::run_nasrank;
using nasrank::test_support::ScratchDir;
using nasrank::test_support::shell_quote;
using sweep_test::sql_exec;
using sweep_test::sql_one;
using ::testing::HasSubstr;

/// `nasrank <args>` with every file it writes limited to `bytes` (rounded down to the shell's
/// 512-byte blocks): a write past the limit fails as on a full disk.
CliResult run_limited(std::size_t bytes, const std::vector<std::string>& args) {
  std::string cmd = "ulimit -f ";  // appended piecewise: GCC 12 sees a -Wrestrict false alarm in " " + s
  cmd.append(std::to_string(bytes / 512)).append(" && exec ").append(shell_quote(NASRANK_BINARY));
  for (const auto& a : args) cmd.append(" ").append(shell_quote(a));
  return nasrank::test_support::detail::run_captured(cmd + " </dev/null");
}

int lines(const std::string& s) { return static_cast<int>(std::count(s.begin(), s.end(), '\n')); }

/// The names in `dir`, for "nothing but what was there" checks.
std::set<std::string> names_in(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
  return names;
}

std::vector<std::string> tiny_plan(const fs::path& db, const fs::path& pool, const std::string& seeds) {
  return {"sweep",         "plan", "--db",       db.string(), "--pool",      pool.string(),  "--dataset", "synthetic",
          "--train-size",  "128",  "--val-size", "64",        "--batch",     "64",           "--width",   "0.0625",
          "--full-epochs", "1",    "--budgets",  "0.5",       "--schedules", "linear,const", "--seeds",   seeds};
}

class Faults : public ::testing::Test {
 protected:
  void SetUp() override {
    const CliResult r = run_nasrank({"--quiet", "generate", "--count", "6", "--seed", "3", "--dataset", "synthetic",
                                     "--out", (dir_ / "pool.json").string()});
    ASSERT_EQ(r.code, 0) << r.err;
  }
  ScratchDir dir_{"nasrank-faults"};
};

TEST_F(Faults, FullDiskWhileWritingAPoolKeepsThePreviousOne) {
  const fs::path pool = dir_ / "pool.json";
  const std::string before = read_bytes(pool);
  const std::set<std::string> files = names_in(dir_.path());
  const CliResult r =
      run_limited(4096, {"generate", "--count", "40", "--seed", "4", "--dataset", "synthetic", "--out", pool.string()});
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_THAT(r.err, HasSubstr("nasrank: error: cannot write " + pool.string() + ": File too large"));
  EXPECT_THAT(r.err, HasSubstr("the previous file is unchanged"));
  EXPECT_EQ(lines(r.err), 1) << r.err;
  EXPECT_EQ(read_bytes(pool), before);
  EXPECT_EQ(names_in(dir_.path()), files) << "a temporary file was left behind";
}

TEST_F(Faults, FullDiskWhileWritingAReportKeepsThePreviousOne) {
  const fs::path db = fs::path(NASRANK_SOURCE_DIR) / "docs" / "results" / "cpu-fashion-mnist" / "runs.db";
  fs::copy_file(db, dir_ / "runs.db");
  const fs::path out = dir_ / "report";
  CliResult r = run_nasrank(
      {"--quiet", "report", "--db", (dir_ / "runs.db").string(), "--out", out.string(), "--bootstrap", "20"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto contents = [&] {
    std::map<std::string, std::string> files;
    for (const auto& e : fs::recursive_directory_iterator(out))
      if (e.is_regular_file()) files[fs::relative(e.path(), out).string()] = read_bytes(e.path());
    return files;
  };
  const auto before = contents();
  ASSERT_GT(before.at("report.html").size(), 20000u);
  const std::set<std::string> names = names_in(dir_.path());
  r = run_limited(16384, {"report", "--db", (dir_ / "runs.db").string(), "--out", out.string(), "--bootstrap", "30",
                          "--title", "another title"});
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_THAT(r.err, HasSubstr("File too large"));
  EXPECT_EQ(lines(r.err), 1) << r.err;
  EXPECT_TRUE(contents() == before) << "the previous report was changed";
  EXPECT_EQ(names_in(dir_.path()), names) << "a temporary directory was left behind";
}

TEST_F(Faults, FullDiskWhileWritingAStoreRollsTheWriteBack) {
  const fs::path db = dir_ / "runs.db";
  ASSERT_EQ(run_nasrank(tiny_plan(db, dir_ / "pool.json", "1")).code, 0);
  const std::string jobs = sql_one(db, "SELECT count(*) FROM jobs");
  // Planning more seeds writes a few pages to the journal; at 8 KB a file, the write fails.
  auto more = tiny_plan(db, dir_ / "pool.json", "20");
  more.push_back("--force-replan");
  CliResult r = run_limited(8192, more);
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_THAT(r.err, HasSubstr("the store was left as it was before"));
  EXPECT_EQ(lines(r.err), 1) << r.err;
  EXPECT_EQ(sql_one(db, "SELECT count(*) FROM jobs"), jobs);
  EXPECT_EQ(sql_one(db, "PRAGMA integrity_check"), "ok");
  // A merge into a new store under the limit leaves no store and no temporary file behind.
  const std::set<std::string> files = names_in(dir_.path());
  r = run_limited(8192, {"sweep", "merge", "--into", (dir_ / "all.db").string(), db.string(), db.string()});
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_EQ(lines(r.err), 1) << r.err;
  EXPECT_FALSE(fs::exists(dir_ / "all.db"));
  std::set<std::string> after = names_in(dir_.path());
  after.erase("runs.db-shm");  // SQLite's own files of the store read above
  after.erase("runs.db-wal");
  std::set<std::string> expected = files;
  expected.erase("runs.db-shm");
  expected.erase("runs.db-wal");
  EXPECT_EQ(after, expected);
  // Without the limit both work.
  ASSERT_EQ(run_nasrank(more).code, 0);
  EXPECT_EQ(sql_one(db, "SELECT count(*) FROM jobs"), std::to_string(std::stoi(jobs) * 20));
}

TEST_F(Faults, ReadOnlyDirectoryIsAClearErrorAndKeepsItsFiles) {
  if (::geteuid() == 0) GTEST_SKIP() << "running as root, which writes into read-only directories anyway";
  const fs::path ro = dir_ / "ro";
  fs::create_directories(ro);
  fs::copy_file(dir_ / "pool.json", ro / "pool.json");
  ASSERT_EQ(run_nasrank(tiny_plan(ro / "runs.db", ro / "pool.json", "1")).code, 0);
  const std::string pool = read_bytes(ro / "pool.json");
  const std::string jobs = sql_one(ro / "runs.db", "SELECT count(*) FROM jobs");
  fs::permissions(ro, fs::perms::owner_read | fs::perms::owner_exec, fs::perm_options::replace);
  struct Restore {
    fs::path p;
    ~Restore() { fs::permissions(p, fs::perms::owner_all, fs::perm_options::replace); }
  } restore{ro};
  const std::set<std::string> files = names_in(ro);

  CliResult r = run_nasrank({"generate", "--count", "4", "--out", (ro / "pool.json").string()});
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_THAT(r.err, HasSubstr("cannot write " + (ro / "pool.json").string() + ": Permission denied"));
  EXPECT_EQ(lines(r.err), 1) << r.err;
  EXPECT_EQ(read_bytes(ro / "pool.json"), pool);

  r = run_nasrank({"sweep", "export", "--db", (ro / "runs.db").string(), "--out", (ro / "runs.csv").string()});
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_EQ(lines(r.err), 1) << r.err;

  // A store that cannot be written (its file read-only too; SQLite's journal files may be there
  // already, so the directory alone does not stop it).
  fs::permissions(ro / "runs.db", fs::perms::owner_read, fs::perm_options::replace);
  r = run_nasrank({"sweep", "run", "--db", (ro / "runs.db").string()});
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_THAT(r.err, HasSubstr("cannot be written"));
  EXPECT_EQ(lines(r.err), 1) << r.err;
  EXPECT_EQ(names_in(ro), files);
  fs::permissions(ro, fs::perms::owner_all, fs::perm_options::replace);
  EXPECT_EQ(sql_one(ro / "runs.db", "SELECT count(*) FROM jobs WHERE status = 'pending'"), jobs);
}

// --- stores of other schemas, built by hand -----------------------------------------------------

TEST_F(Faults, StoreOfANewerSchemaIsRefusedByEveryCommandAndLeftAlone) {
  const fs::path db = dir_ / "runs.db";
  ASSERT_EQ(run_nasrank(tiny_plan(db, dir_ / "pool.json", "1")).code, 0);
  // What a later nasrank might write: a schema version past ours and a table we do not know.
  sql_exec(db,
           "UPDATE meta SET value = '42' WHERE key = 'schema_version'; "
           "CREATE TABLE future (x); INSERT INTO migrations VALUES (42, 'the future', 0);");
  const std::string bytes = read_bytes(db);
  for (const std::vector<std::string>& args : {std::vector<std::string>{"sweep", "status", "--db", db.string()},
                                               {"sweep", "run", "--db", db.string()},
                                               {"sweep", "export", "--db", db.string()},
                                               {"sweep", "requeue", "--db", db.string(), "--failed"},
                                               {"sweep", "merge", "--into", (dir_ / "all.db").string(), db.string()},
                                               {"rank", "--db", db.string()},
                                               tiny_plan(db, dir_ / "pool.json", "1")}) {
    const CliResult r = run_nasrank(args);
    EXPECT_EQ(r.code, 1) << args[0] << " " << args[1] << ": " << r.err;
    EXPECT_THAT(r.err, HasSubstr("has schema version 42, newer than this nasrank understands")) << args[1];
    EXPECT_EQ(lines(r.err), 1) << r.err;
  }
  EXPECT_EQ(read_bytes(db), bytes);
  EXPECT_FALSE(fs::exists(dir_ / "all.db"));
}

TEST_F(Faults, StoreOfTheFirstSchemaIsReadAsItIsAndMigratedWhenWritten) {
  const fs::path db = dir_ / "runs.db";
  ASSERT_EQ(run_nasrank(tiny_plan(db, dir_ / "pool.json", "1")).code, 0);
  ASSERT_EQ(run_nasrank({"sweep", "run", "--db", db.string(), "--max-jobs", "2", "--threads", "1"}).code, 0);
  // Back to what the first release wrote: no zero-cost table, no worker deaths, one migration; a
  // worker died once on a job (schema 1 counted it among the attempts).
  sql_exec(db,
           "DROP TABLE zero_cost; DROP INDEX jobs_by_status; ALTER TABLE jobs DROP COLUMN worker_deaths; "
           "CREATE INDEX jobs_by_status ON jobs (status, priority); DELETE FROM migrations WHERE version > 1; "
           "UPDATE meta SET value = '1' WHERE key = 'schema_version'; "
           "UPDATE jobs SET attempts = 1, error = 'its worker died' WHERE id = 5;");
  const std::string bytes = read_bytes(db);
  CliResult r = run_nasrank({"sweep", "status", "--db", db.string(), "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto status = nlohmann::json::parse(r.out);
  EXPECT_EQ(status["done"], 2);
  EXPECT_EQ(status["total"], 18);
  r = run_nasrank({"sweep", "export", "--db", db.string(), "--format", "csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(lines(r.out), 3);
  EXPECT_EQ(read_bytes(db), bytes) << "reading changed an older store";

  r = run_nasrank({"sweep", "run", "--db", db.string(), "--threads", "1"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("schema migrated to version 3"));
  EXPECT_EQ(sql_one(db, "SELECT group_concat(version) FROM migrations"), "1,2,3");
  EXPECT_EQ(sql_one(db, "SELECT count(*), sum(status = 'done'), sum(worker_deaths) FROM jobs"), "18|18|0");
  EXPECT_EQ(sql_one(db, "PRAGMA integrity_check"), "ok");
}

}  // namespace
