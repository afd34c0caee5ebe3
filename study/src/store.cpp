// The SQLite job store. All SQL of the sweep lives in this file. Every write that must not be seen
// half done (a claim, a result with its job's status, a plan, a merge) is one IMMEDIATE transaction,
// which takes the database's write lock up front so concurrent workers queue instead of deadlocking.
#include "nasrank/study/store.h"

#include <signal.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <tuple>

#include "nasrank/core/error.h"
#include "nasrank/core/log.h"

namespace nasrank::study {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

/// JSON text the store holds (settings, run records), parsed; a damaged or foreign value is an
/// Error naming the store and what it held, never a parser exception.
json parse_stored_json(const std::string& text, const fs::path& store, const std::string& what) {
  try {
    return json::parse(text);
  } catch (const json::exception& e) {
    throw Error(
        nasrank::detail::concat("sweep store ", store.string(), ": not valid JSON in ", what, " (", e.what(), ")"));
  }
}

/// PRAGMA application_id of a nasrank store ("nasr"): tells our databases from anyone else's.
constexpr int kApplicationId = 0x6e617372;
/// How long a connection waits for another's write lock before giving up (ms). Writes are short;
/// this only has to outlast a burst of claims from many workers.
constexpr int kBusyTimeoutMs = 60000;

// ---------------------------------------------------------------------------------------------
// The schema, one migration per version. A store at version v has had migrations 1..v applied, in
// order, each in its own transaction together with its row in `migrations`. Never edit a released
// migration: add the next one.
struct Migration {
  int version;
  const char* description;
  const char* sql;
};

const Migration kMigrations[] = {
    {1, "meta, study, jobs, results and epochs",
     R"sql(
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE migrations (
  version INTEGER PRIMARY KEY,
  description TEXT NOT NULL,
  applied_at REAL NOT NULL
);
CREATE TABLE study (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  settings TEXT NOT NULL,
  pool TEXT NOT NULL,
  plan_hash TEXT NOT NULL,
  planned_at REAL NOT NULL
);
CREATE TABLE jobs (
  id INTEGER PRIMARY KEY,
  arch TEXT NOT NULL,
  schedule TEXT NOT NULL,
  budget TEXT NOT NULL,
  budget_epochs REAL NOT NULL,
  seed INTEGER NOT NULL,
  reference INTEGER NOT NULL DEFAULT 0 CHECK (reference IN (0, 1)),
  priority INTEGER NOT NULL,
  shard_key INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  claim_token TEXT,
  worker_host TEXT,
  worker_pid INTEGER,
  worker_node TEXT,
  worker_start INTEGER,
  heartbeat REAL,
  progress REAL NOT NULL DEFAULT 0,
  claimed_at REAL,
  finished_at REAL,
  error TEXT,
  UNIQUE (arch, schedule, budget_epochs, seed)
);
CREATE INDEX jobs_by_status ON jobs (status, priority);
CREATE TABLE results (
  job_id INTEGER PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
  record TEXT NOT NULL,
  status TEXT NOT NULL,
  best_val_acc REAL,
  final_val_acc REAL,
  best_step INTEGER,
  best_progress REAL,
  steps INTEGER NOT NULL,
  steps_done INTEGER NOT NULL,
  seconds REAL,
  setup_seconds REAL,
  images_per_second REAL,
  images INTEGER NOT NULL,
  images_per_epoch INTEGER NOT NULL,
  params INTEGER,
  macs INTEGER,
  test_acc REAL,
  engine TEXT,
  device TEXT,
  worker_host TEXT,
  finished_at REAL NOT NULL
);
CREATE TABLE epochs (
  job_id INTEGER NOT NULL REFERENCES results (job_id) ON DELETE CASCADE,
  step INTEGER NOT NULL,
  epoch REAL NOT NULL,
  train_loss REAL,
  train_acc REAL,
  val_loss REAL,
  val_acc REAL,
  lr REAL,
  images_per_second REAL,
  wall_seconds REAL,
  grad_norm REAL,
  PRIMARY KEY (job_id, step)
) WITHOUT ROWID;
)sql"},
    {2, "zero-cost scores of the pool's architectures",
     R"sql(
CREATE TABLE zero_cost (
  arch TEXT NOT NULL,
  score TEXT NOT NULL,
  value REAL,
  nonfinite TEXT CHECK (nonfinite IN ('nan', 'inf', '-inf')),
  seconds REAL,
  setup_seconds REAL,
  batch INTEGER NOT NULL,
  seed INTEGER NOT NULL,
  device TEXT,
  worker_host TEXT,
  computed_at REAL NOT NULL,
  PRIMARY KEY (arch, score)
) WITHOUT ROWID;
)sql"},
    {3, "worker deaths counted apart from the job's own failed attempts",
     R"sql(
ALTER TABLE jobs ADD COLUMN worker_deaths INTEGER NOT NULL DEFAULT 0;
)sql"},
};

constexpr int kSchemaVersion = static_cast<int>(sizeof kMigrations / sizeof kMigrations[0]);

// --- statements ------------------------------------------------------------------------------

constexpr const char* kGetMeta = "SELECT value FROM meta WHERE key = ?1";
constexpr const char* kSetMeta =
    "INSERT INTO meta (key, value) VALUES (?1, ?2) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value";
constexpr const char* kRecordMigration =
    "INSERT INTO migrations (version, description, applied_at) VALUES (?1, ?2, ?3)";

constexpr const char* kGetStudy = "SELECT settings, pool, plan_hash, planned_at FROM study WHERE id = 1";
constexpr const char* kPutStudy =
    "INSERT INTO study (id, settings, pool, plan_hash, planned_at) VALUES (1, ?1, ?2, ?3, ?4) "
    "ON CONFLICT (id) DO UPDATE SET settings = excluded.settings, pool = excluded.pool, "
    "plan_hash = excluded.plan_hash, planned_at = excluded.planned_at";
constexpr const char* kInsertJob =
    "INSERT OR IGNORE INTO jobs (arch, schedule, budget, budget_epochs, seed, reference, priority, shard_key) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)";
constexpr const char* kReorderJob =
    "UPDATE jobs SET budget = ?5, reference = ?6, priority = ?7, shard_key = ?7 "
    "WHERE arch = ?1 AND schedule = ?2 AND budget_epochs = ?3 AND seed = ?4";
constexpr const char* kJobKeys = "SELECT id, arch, schedule, budget_epochs, seed, status FROM jobs";
constexpr const char* kDeleteJob = "DELETE FROM jobs WHERE id = ?1 AND status IN ('pending', 'failed')";
constexpr const char* kCountJobs = "SELECT count(*) FROM jobs";

constexpr const char* kRunningJobs =
    "SELECT id, worker_deaths, claim_token, worker_host, worker_pid, worker_node, worker_start, heartbeat "
    "FROM jobs WHERE status = 'running'";
// A worker's death is not the job's failure: the claim's attempt is given back and the death
// counted apart (a preempted or killed worker, a lost node), as Slurm requeues preempted jobs.
constexpr const char* kReclaim =
    "UPDATE jobs SET status = ?3, error = ?4, claim_token = NULL, heartbeat = NULL, progress = 0, "
    "attempts = max(attempts - 1, 0), worker_deaths = worker_deaths + 1, "
    "finished_at = CASE WHEN ?3 = 'failed' THEN ?5 ELSE NULL END "
    "WHERE id = ?1 AND claim_token = ?2 AND status = 'running'";
constexpr const char* kClaim =
    "UPDATE jobs SET status = 'running', attempts = attempts + 1, claim_token = ?1, worker_host = ?2, "
    "worker_pid = ?3, worker_node = ?4, worker_start = ?5, heartbeat = ?6, claimed_at = ?6, progress = 0, "
    "finished_at = NULL "
    "WHERE id = (SELECT id FROM jobs "
    "            WHERE (status = 'pending' OR (status = 'failed' AND attempts < ?7 AND worker_deaths < ?10)) "
    "              AND shard_key % ?8 = ?9 "
    "            ORDER BY status = 'failed', priority, id LIMIT 1) "
    "RETURNING id, arch, schedule, budget, budget_epochs, seed, reference, priority, attempts";
constexpr const char* kHasWork =
    "SELECT EXISTS (SELECT 1 FROM jobs WHERE (status IN ('pending', 'running') OR "
    "(status = 'failed' AND attempts < ?1 AND worker_deaths < ?4)) AND shard_key % ?2 = ?3)";
constexpr const char* kHeartbeat =
    "UPDATE jobs SET heartbeat = ?3, progress = ?4 "
    "WHERE id = ?1 AND claim_token = ?2 AND status = 'running'";
constexpr const char* kJobStatus = "SELECT status FROM jobs WHERE id = ?1";
constexpr const char* kInsertResult =
    "INSERT INTO results (job_id, record, status, best_val_acc, final_val_acc, best_step, best_progress, steps, "
    "steps_done, seconds, setup_seconds, images_per_second, images, images_per_epoch, params, macs, test_acc, "
    "engine, device, worker_host, finished_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)";
constexpr const char* kInsertEpoch =
    "INSERT INTO epochs (job_id, step, epoch, train_loss, train_acc, val_loss, val_acc, lr, images_per_second, "
    "wall_seconds, grad_norm) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
constexpr const char* kMarkDone =
    "UPDATE jobs SET status = 'done', progress = 1, finished_at = ?2, heartbeat = ?2, error = NULL, "
    "claim_token = NULL WHERE id = ?1";
constexpr const char* kMarkFailed =
    "UPDATE jobs SET status = 'failed', error = ?3, finished_at = ?4, progress = 0, claim_token = NULL "
    "WHERE id = ?1 AND claim_token = ?2 AND status = 'running'";
constexpr const char* kRelease =
    "UPDATE jobs SET status = 'pending', attempts = max(attempts - 1, 0), claim_token = NULL, worker_host = NULL, "
    "worker_pid = NULL, worker_node = NULL, worker_start = NULL, heartbeat = NULL, claimed_at = NULL, progress = 0 "
    "WHERE id = ?1 AND claim_token = ?2 AND status = 'running'";

constexpr const char* kRequeue =
    "UPDATE jobs SET status = 'pending', attempts = 0, worker_deaths = 0, claim_token = NULL, worker_host = NULL, "
    "worker_pid = NULL, worker_node = NULL, worker_start = NULL, heartbeat = NULL, claimed_at = NULL, "
    "finished_at = NULL, progress = 0, error = NULL WHERE id = ?1 AND status = 'failed'";

// Readers come in two forms: stores of schema 3 on, and older ones opened read-only (not migrated),
// which have no worker_deaths column and count deaths among the attempts.
#define NASRANK_ALL_JOBS(deaths)                                                                          \
  "SELECT id, arch, schedule, budget, budget_epochs, seed, reference, priority, status, attempts, "       \
  "coalesce(worker_host, ''), coalesce(worker_pid, 0), coalesce(heartbeat, 0), coalesce(claimed_at, 0), " \
  "coalesce(finished_at, 0), progress, coalesce(error, ''), " deaths " FROM jobs ORDER BY id"
constexpr const char* kAllJobs = NASRANK_ALL_JOBS("worker_deaths");
constexpr const char* kAllJobsBefore3 = NASRANK_ALL_JOBS("0");
#undef NASRANK_ALL_JOBS
constexpr const char* kGroupCounts =
    "SELECT schedule, budget_epochs, status, count(*), sum(reference), total(progress) FROM jobs "
    "GROUP BY schedule, budget_epochs, status ORDER BY schedule, budget_epochs, status";
constexpr const char* kRunTimings =
    "SELECT coalesce(j.claimed_at, 0), r.finished_at, j.budget_epochs, r.images, r.images_per_epoch, "
    "coalesce(r.seconds, 0) FROM jobs j JOIN results r ON r.job_id = j.id WHERE j.status = 'done'";
constexpr const char* kRemaining =
    "SELECT budget_epochs, progress FROM jobs "
    "WHERE status IN ('pending', 'running') OR (status = 'failed' AND attempts < ?1 AND worker_deaths < ?2)";
constexpr const char* kRemainingBefore3 =
    "SELECT budget_epochs, progress FROM jobs "
    "WHERE status IN ('pending', 'running') OR (status = 'failed' AND attempts < ?1)";
constexpr const char* kFinishedRuns =
    "SELECT j.id, j.arch, j.schedule, j.budget, j.budget_epochs, j.seed, j.reference, r.status, "
    "coalesce(r.best_val_acc, 0), coalesce(r.final_val_acc, 0), coalesce(r.best_step, 0), "
    "coalesce(r.best_progress, 0), r.steps, r.seconds, coalesce(r.images_per_second, 0), "
    "coalesce(r.params, 0), coalesce(r.macs, 0), coalesce(r.engine, ''), coalesce(r.device, ''), "
    "coalesce(r.worker_host, ''), r.finished_at "
    "FROM jobs j JOIN results r ON r.job_id = j.id WHERE j.status = 'done' "
    "ORDER BY j.arch, j.schedule, j.budget_epochs, j.seed";
constexpr const char* kRecord = "SELECT record FROM results WHERE job_id = ?1";

// Merging: the source is attached as `src`; jobs are matched by their natural key.
constexpr const char* kMergeKey =
    "m.arch = s.arch AND m.schedule = s.schedule AND m.budget_epochs = s.budget_epochs AND m.seed = s.seed";

// ---------------------------------------------------------------------------------------------

std::string random_hex() {
  std::random_device rd;
  const std::uint64_t x = (std::uint64_t(rd()) << 32) ^ rd();
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(x));
  return buf;
}

/// Percent-encodes what a URI filename may not hold verbatim.
std::string uri_path(const fs::path& p) {
  std::string out = "file:";
  for (char c : fs::absolute(p).string()) {
    if (c == '%' || c == '?' || c == '#') {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02x", static_cast<unsigned char>(c));
      out += buf;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

int current_schema_version() { return kSchemaVersion; }

double unix_time() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// --- connection plumbing -----------------------------------------------------------------------

struct Store::Impl {
  sqlite3* db = nullptr;
  fs::path path;
  bool read_only = false;
  int version = 0;
  std::map<const char*, sqlite3_stmt*> cache;

  ~Impl() {
    for (auto& [sql, stmt] : cache) sqlite3_finalize(stmt);
    if (db) sqlite3_close_v2(db);
  }

  [[noreturn]] void fail(int rc, const std::string& doing) const {
    const std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    const int primary = rc & 0xff;
    if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
      throw Error(nasrank::detail::concat("sweep store ", path.string(), " is damaged (", msg, ", while ", doing,
                                          "); it was not changed. Restore it from a copy, or merge the shard "
                                          "stores again"));
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
      throw Error(nasrank::detail::concat("sweep store ", path.string(), " stayed locked by another process for ",
                                          kBusyTimeoutMs / 1000, " s (", doing, ")"));
    if (primary == SQLITE_FULL || primary == SQLITE_IOERR) {
      // A full disk or a file-size limit: SQLite rolls the write back, so the store is as it was.
      const int os_error = db ? sqlite3_system_errno(db) : 0;
      throw Error(nasrank::detail::concat("sweep store ", path.string(), ": ", msg,
                                          os_error ? nasrank::detail::concat(" (", std::strerror(os_error), ")") : "",
                                          " while ", doing, "; the store was left as it was before (disk full?)"));
    }
    if (primary == SQLITE_READONLY)
      throw Error(
          nasrank::detail::concat("sweep store ", path.string(), " cannot be written (", msg, ", while ", doing, ")"));
    throw Error(nasrank::detail::concat("sweep store ", path.string(), ": ", msg, " (while ", doing, ")"));
  }

  void exec(const char* sql, const std::string& doing) {
    char* err = nullptr;
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &err);
    if (err) sqlite3_free(err);
    if (rc != SQLITE_OK) fail(rc, doing);
  }

  sqlite3_stmt* prepare(const char* sql, bool cached) {
    if (cached) {
      if (auto it = cache.find(sql); it != cache.end()) return it->second;
    }
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db, sql, -1, cached ? SQLITE_PREPARE_PERSISTENT : 0, &stmt, nullptr);
    if (rc != SQLITE_OK) fail(rc, nasrank::detail::concat("preparing: ", sql));
    if (cached) cache.emplace(sql, stmt);
    return stmt;
  }
};

namespace {

/// One use of a prepared statement: binds, steps, reads columns, and resets on destruction so that
/// no statement keeps a read transaction open between uses.
class Query {
 public:
  Query(Store::Impl& impl, const char* sql, bool cached = true)
      : impl_(impl), stmt_(impl.prepare(sql, cached)), cached_(cached), sql_(sql) {}
  ~Query() {
    if (cached_) {
      sqlite3_reset(stmt_);
      sqlite3_clear_bindings(stmt_);
    } else {
      sqlite3_finalize(stmt_);
    }
  }
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;

  Query& bind(int i, std::int64_t v) { return check(sqlite3_bind_int64(stmt_, i, v)); }
  Query& bind(int i, int v) { return check(sqlite3_bind_int64(stmt_, i, v)); }
  Query& bind(int i, bool v) { return check(sqlite3_bind_int64(stmt_, i, v ? 1 : 0)); }
  Query& bind(int i, double v) {
    return check(std::isfinite(v) ? sqlite3_bind_double(stmt_, i, v) : sqlite3_bind_null(stmt_, i));
  }
  Query& bind(int i, const std::string& v) {
    return check(sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT));
  }
  Query& bind(int i, const char* v) { return bind(i, std::string(v)); }
  Query& bind(int i, const std::optional<double>& v) { return v ? bind(i, *v) : check(sqlite3_bind_null(stmt_, i)); }

  /// True while there is a row to read.
  bool step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    impl_.fail(rc, nasrank::detail::concat("running: ", first_words()));
  }
  void run() {
    while (step()) {}
  }

  bool null(int c) const { return sqlite3_column_type(stmt_, c) == SQLITE_NULL; }
  std::int64_t i64(int c) const { return sqlite3_column_int64(stmt_, c); }
  double f64(int c) const { return sqlite3_column_double(stmt_, c); }
  std::optional<double> opt(int c) const { return null(c) ? std::nullopt : std::optional<double>(f64(c)); }
  std::string text(int c) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, c));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, c))) : std::string();
  }

 private:
  Query& check(int rc) {
    if (rc != SQLITE_OK) impl_.fail(rc, "binding a parameter");
    return *this;
  }
  std::string first_words() const {
    std::string s(sql_);
    return s.size() > 60 ? s.substr(0, 60) + "..." : s;
  }
  Store::Impl& impl_;
  sqlite3_stmt* stmt_;
  bool cached_;
  const char* sql_;
};

/// BEGIN IMMEDIATE ... COMMIT, rolled back when left without commit().
class Transaction {
 public:
  explicit Transaction(Store::Impl& impl) : impl_(impl) { impl_.exec("BEGIN IMMEDIATE", "starting a transaction"); }
  ~Transaction() {
    if (!done_) sqlite3_exec(impl_.db, "ROLLBACK", nullptr, nullptr, nullptr);
  }
  void commit() {
    impl_.exec("COMMIT", "committing");
    done_ = true;
  }

 private:
  Store::Impl& impl_;
  bool done_ = false;
};

/// Columns 1..7 of kClaim's RETURNING and of kAllJobs: arch, schedule, budget, budget_epochs, seed,
/// reference, priority.
JobKey job_key(const Query& q) {
  JobKey k;
  k.arch = q.text(1);
  k.schedule = q.text(2);
  k.budget = q.text(3);
  k.budget_epochs = q.f64(4);
  k.seed = q.i64(5);
  k.reference = q.i64(6) != 0;
  k.order = q.i64(7);
  return k;
}

std::int64_t changes(const Store::Impl& impl) { return sqlite3_changes64(impl.db); }

std::string scalar_text(Store::Impl& impl, const char* sql, bool cached = false) {
  Query q(impl, sql, cached);
  return q.step() ? q.text(0) : std::string();
}

bool table_exists(Store::Impl& impl, const std::string& name) {
  Query q(impl, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1", false);
  q.bind(1, name);
  return q.step();
}

void check_sqlite_header(const fs::path& path) {
  std::error_code ec;
  const auto status = fs::status(path, ec);
  NASRANK_CHECK(!ec && fs::is_regular_file(status), path.string(), " is not a regular file, so not a sweep store");
  std::ifstream f(path, std::ios::binary);
  NASRANK_CHECK(f, "cannot read ", path.string(), ": ", std::strerror(errno));
  char header[16] = {0};
  f.read(header, sizeof header);
  NASRANK_CHECK(f.gcount() == 16 && std::memcmp(header, "SQLite format 3", 16) == 0, path.string(),
                " is not a nasrank sweep store (not an SQLite database); it was left untouched");
}

void apply_migrations(Store::Impl& impl, int from) {
  for (const Migration& m : kMigrations) {
    if (m.version <= from) continue;
    Transaction tx(impl);
    impl.exec(m.sql, nasrank::detail::concat("migrating the schema to version ", m.version));
    Query(impl, kRecordMigration).bind(1, m.version).bind(2, m.description).bind(3, unix_time()).run();
    Query(impl, kSetMeta).bind(1, "schema_version").bind(2, std::to_string(m.version)).run();
    tx.commit();
    if (from > 0)
      LOG_INFO("sweep store ", impl.path.string(), ": schema migrated to version ", m.version, " (", m.description,
               ")");
  }
  impl.version = kSchemaVersion;
}

sqlite3* open_connection(const fs::path& path, int flags) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_URI, nullptr);
  if (rc != SQLITE_OK) {
    const std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    if (db) sqlite3_close_v2(db);
    throw Error(nasrank::detail::concat("cannot open sweep store ", path.string(), ": ", msg));
  }
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  sqlite3_extended_result_codes(db, 1);
  return db;
}

/// Builds a new store beside `path` and links it into place, so a half-made store never appears
/// under the user's name and an existing file is never replaced.
void create_store_file(const fs::path& path) {
  const fs::path temp = path.string() + ".creating-" + std::to_string(getpid());
  fs::remove(temp);
  try {
    auto impl = std::make_unique<Store::Impl>();
    impl->path = path;
    impl->db = open_connection(temp, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    impl->exec(("PRAGMA application_id = " + std::to_string(kApplicationId)).c_str(), "creating the store");
    impl->exec("PRAGMA foreign_keys = ON", "creating the store");
    apply_migrations(*impl, 0);
    Transaction tx(*impl);
    Query(*impl, kSetMeta).bind(1, "format").bind(2, "nasrank-sweep").run();
    Query(*impl, kSetMeta).bind(1, "created").bind(2, std::to_string(unix_time())).run();
    Query(*impl, kSetMeta).bind(1, "tool_version").bind(2, NASRANK_VERSION).run();
    tx.commit();
    impl.reset();
    if (::link(temp.c_str(), path.c_str()) != 0) {
      const int err = errno;
      fs::remove(temp);
      NASRANK_CHECK(err != EEXIST, path.string(), " appeared while the store was being created; it was left untouched");
      throw Error(nasrank::detail::concat("cannot create sweep store ", path.string(), ": ", std::strerror(err)));
    }
    fs::remove(temp);
  } catch (...) {
    std::error_code ec;
    fs::remove(temp, ec);
    throw;
  }
}

}  // namespace

// --- Store ---------------------------------------------------------------------------------------

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

Store Store::open(const fs::path& path, Mode mode) {
  std::error_code ec;
  const bool exists = fs::exists(fs::symlink_status(path, ec)) || fs::exists(path, ec);
  if (!exists) {
    NASRANK_CHECK(mode == Mode::create, "no sweep store at ", path.string(),
                  " (create one with 'nasrank sweep plan --db ", path.string(), " ...')");
    create_store_file(path);
  }
  check_sqlite_header(path);

  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->read_only = mode == Mode::read_only;
  impl->db = open_connection(path, impl->read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE);
  // SQLite opens a file it may not write read-only without a word: say so before any work is done.
  NASRANK_CHECK(impl->read_only || sqlite3_db_readonly(impl->db, "main") != 1, "sweep store ", path.string(),
                " cannot be written (the file is read-only to this user); it was left untouched");

  // Identity before anything that could write: someone else's database is never touched.
  const std::string app = scalar_text(*impl, "PRAGMA application_id");
  const bool has_meta = table_exists(*impl, "meta");
  NASRANK_CHECK(app == std::to_string(kApplicationId) && has_meta, path.string(),
                " is an SQLite database but not a nasrank sweep store; it was left untouched");
  const std::string check = scalar_text(*impl, "PRAGMA quick_check");
  NASRANK_CHECK(check == "ok", "sweep store ", path.string(), " is damaged (", check,
                "); it was not changed. Restore it from a copy, or merge the shard stores again");

  int version = 0;
  {
    Query q(*impl, kGetMeta);
    q.bind(1, "schema_version");
    if (q.step()) version = std::atoi(q.text(0).c_str());
  }
  NASRANK_CHECK(version >= 1, path.string(), " is a damaged nasrank sweep store (no schema version)");
  NASRANK_CHECK(version <= kSchemaVersion, path.string(), " has schema version ", version,
                ", newer than this nasrank understands (", kSchemaVersion, "); use a newer nasrank");
  if (!impl->read_only) {
    const std::string journal = scalar_text(*impl, "PRAGMA journal_mode = WAL");
    if (journal != "wal")
      LOG_WARN("sweep store ", path.string(), ": WAL journal not available (", journal,
               "); concurrent workers will wait for each other more");
    impl->exec("PRAGMA synchronous = NORMAL", "opening the store");
    impl->exec("PRAGMA foreign_keys = ON", "opening the store");
    if (version < kSchemaVersion) apply_migrations(*impl, version);
    version = kSchemaVersion;
  }
  // A read-only store of an older schema is read as it is: migrations only add tables, and the
  // readers of a later table find it empty.
  impl->version = version;
  return Store(std::move(impl));
}

const fs::path& Store::path() const { return impl_->path; }
int Store::schema_version() const { return impl_->version; }

std::string Store::integrity_check() {
  Query q(*impl_, "PRAGMA integrity_check", false);
  std::string out;
  while (q.step()) out += (out.empty() ? "" : "; ") + q.text(0);
  return out;
}

// --- study ---------------------------------------------------------------------------------------

std::optional<StoredStudy> Store::study() {
  Query q(*impl_, kGetStudy);
  if (!q.step()) return std::nullopt;
  StoredStudy s;
  s.settings_json = parse_stored_json(q.text(0), impl_->path, "the study settings");
  try {
    s.settings = settings_from_json(s.settings_json);
  } catch (const Error& e) {
    throw Error(nasrank::detail::concat("sweep store ", impl_->path.string(), ": ", e.what()));
  } catch (const json::exception& e) {
    // A field of another type than this nasrank writes (a damaged or foreign store).
    throw Error(nasrank::detail::concat("sweep store ", impl_->path.string(), ": the study settings are not ",
                                        "what nasrank writes (", e.what(), ")"));
  }
  s.pool_text = q.text(1);
  s.arch_ids = pool_from_text(s.pool_text, impl_->path.string() + " (stored pool)").arch_ids;
  s.plan_hash = q.text(2);
  s.planned_at = q.f64(3);
  return s;
}

PlanOutcome Store::apply_plan(const StudySettings& settings, const PoolText& pool, bool force_replan) {
  const std::string hash = plan_hash(settings, pool.text);
  const json settings_json = settings_to_json(settings);
  PlanOutcome out;
  Transaction tx(*impl_);
  {
    Query q(*impl_, kGetStudy);
    if (q.step() && q.text(2) != hash) {
      const json before = parse_stored_json(q.text(0), impl_->path, "the study settings");
      out.changed = settings_differences(before, q.text(1), settings_json, pool.text);
      if (out.changed.empty()) out.changed.push_back("the plan fingerprint (" + q.text(2) + " -> " + hash + ")");
      std::string list;
      for (const auto& c : out.changed) list += (list.empty() ? "" : "; ") + c;
      NASRANK_CHECK(force_replan, "the study in ", impl_->path.string(), " was planned with other settings (", list,
                    "). Plan into a new --db, or add --force-replan to add the new jobs and keep the finished results");
      out.replanned = true;
    }
  }
  Query(*impl_, kPutStudy).bind(1, settings_json.dump()).bind(2, pool.text).bind(3, hash).bind(4, unix_time()).run();

  const std::vector<JobKey> jobs = plan_jobs(pool.arch_ids, settings);
  std::set<std::tuple<std::string, std::string, double, std::int64_t>> planned;
  for (const JobKey& k : jobs) {
    planned.emplace(k.arch, k.schedule, k.budget_epochs, k.seed);
    Query(*impl_, kInsertJob)
        .bind(1, k.arch)
        .bind(2, k.schedule)
        .bind(3, k.budget)
        .bind(4, k.budget_epochs)
        .bind(5, k.seed)
        .bind(6, k.reference)
        .bind(7, k.order)
        .run();
    if (changes(*impl_) == 1) {
      ++out.added;
    } else if (out.replanned) {
      Query(*impl_, kReorderJob)
          .bind(1, k.arch)
          .bind(2, k.schedule)
          .bind(3, k.budget_epochs)
          .bind(4, k.seed)
          .bind(5, k.budget)
          .bind(6, k.reference)
          .bind(7, k.order)
          .run();
    }
  }
  if (out.replanned) {
    std::vector<std::int64_t> dropped;
    {
      Query q(*impl_, kJobKeys);
      while (q.step()) {
        const auto key = std::make_tuple(q.text(1), q.text(2), q.f64(3), q.i64(4));
        if (!planned.count(key) && (q.text(5) == "pending" || q.text(5) == "failed")) dropped.push_back(q.i64(0));
      }
    }
    for (auto id : dropped) {
      Query(*impl_, kDeleteJob).bind(1, id).run();
      out.removed += changes(*impl_);
    }
  }
  {
    Query q(*impl_, kCountJobs);
    q.step();
    out.total = q.i64(0);
  }
  tx.commit();
  return out;
}

// --- workers -------------------------------------------------------------------------------------

std::optional<ClaimedJob> Store::claim(const WorkerIdentity& me, const ClaimOptions& o, double now) {
  NASRANK_CHECK(o.shard.count >= 1 && o.shard.index >= 0 && o.shard.index < o.shard.count, "shard ", o.shard.index, "/",
                o.shard.count, " is not valid: the index must be in 0..count-1");
  NASRANK_CHECK(o.max_attempts >= 1, "--max-attempts must be at least 1");
  NASRANK_CHECK(o.max_worker_deaths >= 1, "--max-worker-deaths must be at least 1");
  Transaction tx(*impl_);
  // Jobs of dead or silent workers go back to the queue (or fail, when out of attempts).
  struct Orphan {
    std::int64_t id, deaths;
    std::string token, why;
  };
  std::vector<Orphan> orphans;
  {
    Query q(*impl_, kRunningJobs);
    while (q.step()) {
      WorkerIdentity w;
      w.host = q.text(3);
      w.pid = q.i64(4);
      w.node = q.text(5);
      w.start = q.i64(6);
      const double heartbeat = q.null(7) ? 0 : q.f64(7);
      const bool same_machine = !w.node.empty() && w.host == me.host && w.node == me.node;
      std::string why;
      if (same_machine) {
        if (w.known_dead(me)) why = nasrank::detail::concat("its worker (pid ", w.pid, " on ", w.host, ") died");
      } else if (now - heartbeat > o.stale_after) {
        why = nasrank::detail::concat("its worker (pid ", w.pid, " on ", w.host, ") sent no heartbeat for ",
                                      static_cast<std::int64_t>(now - heartbeat), " s");
      }
      if (!why.empty()) orphans.push_back({q.i64(0), q.i64(1), q.text(2), why});
    }
  }
  for (const Orphan& j : orphans) {
    // A job whose worker keeps dying may be what kills it (out of memory, a crash in the library):
    // after max_worker_deaths it fails, and 'sweep requeue' gives it another chance.
    const std::int64_t deaths = j.deaths + 1;
    const bool give_up = deaths >= o.max_worker_deaths;
    Query(*impl_, kReclaim)
        .bind(1, j.id)
        .bind(2, j.token)
        .bind(3, give_up ? "failed" : "pending")
        .bind(4, nasrank::detail::concat(j.why, " (worker death ", deaths, " of at most ", o.max_worker_deaths,
                                         "; not counted as a failed attempt)"))
        .bind(5, now)
        .run();
    LOG_WARN("job ", j.id, ": ", j.why, "; ",
             give_up ? nasrank::detail::concat("its worker died ", deaths, " times, marked failed")
                     : std::string("returned to the queue"));
  }

  const std::string token = me.host + "/" + std::to_string(me.pid) + "/" + random_hex();
  Query q(*impl_, kClaim);
  q.bind(1, token)
      .bind(2, me.host)
      .bind(3, me.pid)
      .bind(4, me.node)
      .bind(5, me.start)
      .bind(6, now)
      .bind(7, o.max_attempts)
      .bind(8, o.shard.count)
      .bind(9, o.shard.index)
      .bind(10, o.max_worker_deaths);
  std::optional<ClaimedJob> job;
  if (q.step()) {
    job.emplace();
    job->id = q.i64(0);
    job->key = job_key(q);
    job->attempt = q.i64(8);
    job->token = token;
    q.run();  // RETURNING rows must be read to the end before the statement completes
  }
  tx.commit();
  return job;
}

bool Store::has_work(const ClaimOptions& o) {
  Query q(*impl_, kHasWork);
  q.bind(1, o.max_attempts).bind(2, o.shard.count).bind(3, o.shard.index).bind(4, o.max_worker_deaths);
  return q.step() && q.i64(0) != 0;
}

bool Store::heartbeat(const ClaimedJob& job, double progress, double now) {
  Query(*impl_, kHeartbeat).bind(1, job.id).bind(2, job.token).bind(3, now).bind(4, progress).run();
  return changes(*impl_) == 1;
}

/// A finished run's result and epochs (in the caller's transaction).
static void insert_result(Store::Impl& impl, std::int64_t job_id, const trainer::RunRecord& r,
                          const std::string& worker_host, double now) {
  const std::int64_t batch = r.recipe.is_object() ? r.recipe.value("batch", std::int64_t(0)) : 0;
  Query(impl, kInsertResult)
      .bind(1, job_id)
      .bind(2, to_json(r).dump())
      .bind(3, r.status)
      .bind(4, r.best_val_acc)
      .bind(5, r.final_val_acc)
      .bind(6, r.best_step)
      .bind(7, r.best_progress)
      .bind(8, r.steps)
      .bind(9, r.steps_done)
      .bind(10, r.seconds)
      .bind(11, r.setup_seconds)
      .bind(12, r.images_per_second)
      .bind(13, r.steps_done * batch)
      .bind(14, r.steps_per_epoch * batch)
      .bind(15, r.params)
      .bind(16, r.macs)
      .bind(17, r.test_acc)
      .bind(18, r.engine)
      .bind(19, r.device)
      .bind(20, worker_host)
      .bind(21, now)
      .run();
  for (const trainer::EpochRecord& e : r.epochs) {
    Query(impl, kInsertEpoch)
        .bind(1, job_id)
        .bind(2, e.step)
        .bind(3, e.epoch)
        .bind(4, e.train_loss)
        .bind(5, e.train_acc)
        .bind(6, e.val_loss)
        .bind(7, e.val_acc)
        .bind(8, e.lr)
        .bind(9, e.images_per_second)
        .bind(10, e.wall_seconds)
        .bind(11, e.grad_norm)
        .run();
  }
}

bool Store::finish(const ClaimedJob& job, const trainer::RunRecord& r, const std::string& worker_host, double now) {
  Transaction tx(*impl_);
  {
    Query q(*impl_, kJobStatus);
    q.bind(1, job.id);
    if (!q.step() || q.text(0) == "done") return false;  // gone from the plan, or finished elsewhere
  }
  insert_result(*impl_, job.id, r, worker_host, now);
  Query(*impl_, kMarkDone).bind(1, job.id).bind(2, now).run();
  tx.commit();
  return true;
}

void Store::import_runs(const StudySettings& settings, const PoolText& pool, const std::vector<ImportedRun>& runs,
                        double now) {
  Transaction tx(*impl_);
  {
    Query q(*impl_, kCountJobs);
    q.step();
    NASRANK_CHECK(!study() && q.i64(0) == 0, impl_->path.string(), " already holds a study: import into a new store");
  }
  Query(*impl_, kPutStudy)
      .bind(1, settings_to_json(settings).dump())
      .bind(2, pool.text)
      .bind(3, plan_hash(settings, pool.text))
      .bind(4, now)
      .run();
  for (const ImportedRun& run : runs) {
    const JobKey& k = run.key;
    Query(*impl_, kInsertJob)
        .bind(1, k.arch)
        .bind(2, k.schedule)
        .bind(3, k.budget)
        .bind(4, k.budget_epochs)
        .bind(5, k.seed)
        .bind(6, k.reference)
        .bind(7, k.order)
        .run();
    NASRANK_CHECK(changes(*impl_) == 1, "run of arch '", k.arch, "', schedule '", k.schedule, "', budget ", k.budget,
                  ", seed ", k.seed, " is given twice");
    const std::int64_t id = sqlite3_last_insert_rowid(impl_->db);
    insert_result(*impl_, id, run.record, run.worker_host, now);
    Query(*impl_, kMarkDone).bind(1, id).bind(2, now).run();
  }
  tx.commit();
}

void Store::fail(const ClaimedJob& job, const std::string& message, double now) {
  Query(*impl_, kMarkFailed).bind(1, job.id).bind(2, job.token).bind(3, message).bind(4, now).run();
}

void Store::release(const ClaimedJob& job) { Query(*impl_, kRelease).bind(1, job.id).bind(2, job.token).run(); }

std::vector<JobRow> Store::requeue_failed(const std::vector<std::int64_t>& ids) {
  NASRANK_CHECK(!impl_->read_only, "cannot requeue jobs in a store opened read-only");
  Transaction tx(*impl_);
  std::vector<JobRow> failed;
  for (JobRow& j : jobs())
    if (j.status == "failed") failed.push_back(std::move(j));
  std::vector<JobRow> chosen;
  if (ids.empty()) {
    chosen = failed;
  } else {
    std::string wrong;
    for (const std::int64_t id : ids) {
      const auto it = std::find_if(failed.begin(), failed.end(), [&](const JobRow& j) { return j.id == id; });
      if (it == failed.end()) {
        wrong += (wrong.empty() ? "" : ", ") + std::to_string(id);
      } else if (std::none_of(chosen.begin(), chosen.end(), [&](const JobRow& j) { return j.id == id; })) {
        chosen.push_back(*it);
      }
    }
    NASRANK_CHECK(wrong.empty(), "sweep store ", impl_->path.string(), ": job ", wrong,
                  " is not a failed job (see 'nasrank sweep status'); nothing was requeued");
  }
  for (const JobRow& j : chosen) Query(*impl_, kRequeue).bind(1, j.id).run();
  tx.commit();
  return chosen;
}

// --- reading -------------------------------------------------------------------------------------

std::vector<JobRow> Store::jobs() {
  std::vector<JobRow> out;
  Query q(*impl_, impl_->version >= 3 ? kAllJobs : kAllJobsBefore3);
  while (q.step()) {
    JobRow j;
    j.id = q.i64(0);
    j.key = job_key(q);
    j.status = q.text(8);
    j.attempts = q.i64(9);
    j.worker_host = q.text(10);
    j.worker_pid = q.i64(11);
    j.heartbeat = q.f64(12);
    j.claimed_at = q.f64(13);
    j.finished_at = q.f64(14);
    j.progress = q.f64(15);
    j.error = q.text(16);
    j.worker_deaths = q.i64(17);
    out.push_back(std::move(j));
  }
  return out;
}

std::vector<GroupCount> Store::group_counts() {
  std::vector<GroupCount> out;
  Query q(*impl_, kGroupCounts);
  while (q.step()) out.push_back({q.text(0), q.f64(1), q.text(2), q.i64(3), q.i64(4), q.f64(5)});
  return out;
}

std::vector<RunTiming> Store::run_timings() {
  std::vector<RunTiming> out;
  Query q(*impl_, kRunTimings);
  while (q.step()) out.push_back({q.f64(0), q.f64(1), q.f64(2), q.i64(3), q.i64(4), q.f64(5)});
  return out;
}

std::vector<RemainingJob> Store::remaining_jobs(int max_attempts, int max_worker_deaths) {
  std::vector<RemainingJob> out;
  Query q(*impl_, impl_->version >= 3 ? kRemaining : kRemainingBefore3);
  q.bind(1, max_attempts);
  if (impl_->version >= 3) q.bind(2, max_worker_deaths);
  while (q.step()) out.push_back({q.f64(0), q.f64(1)});
  return out;
}

void Store::put_zero_cost(const std::vector<StoredZeroCost>& scores, double now) {
  NASRANK_CHECK(!impl_->read_only, "cannot store zero-cost scores in a store opened read-only");
  NASRANK_CHECK(impl_->version >= 2, "this store's schema predates zero-cost scores; open it read-write to migrate it");
  Transaction tx(*impl_);
  for (const auto& z : scores) {
    Query q(*impl_,
            "INSERT INTO zero_cost (arch, score, value, nonfinite, seconds, setup_seconds, batch, seed, device, "
            "worker_host, computed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
            "ON CONFLICT (arch, score) DO NOTHING");
    q.bind(1, z.arch).bind(2, z.score).bind(3, z.value);
    if (std::isfinite(z.value)) q.bind(4, std::optional<double>());  // NULL
    else q.bind(4, std::isnan(z.value) ? "nan" : (z.value > 0 ? "inf" : "-inf"));
    q.bind(5, z.seconds).bind(6, z.setup_seconds).bind(7, z.batch).bind(8, static_cast<std::int64_t>(z.seed));
    q.bind(9, z.device).bind(10, z.worker_host).bind(11, now).run();
  }
  tx.commit();
}

std::vector<StoredZeroCost> Store::zero_cost() {
  std::vector<StoredZeroCost> out;
  if (impl_->version < 2) return out;
  Query q(*impl_,
          "SELECT arch, score, value, nonfinite, seconds, setup_seconds, batch, seed, device, worker_host, computed_at "
          "FROM zero_cost ORDER BY arch, score");
  while (q.step()) {
    StoredZeroCost z;
    z.arch = q.text(0);
    z.score = q.text(1);
    const std::string nonfinite = q.text(3);
    if (!q.null(2)) z.value = q.f64(2);
    else if (nonfinite == "inf") z.value = std::numeric_limits<double>::infinity();
    else if (nonfinite == "-inf") z.value = -std::numeric_limits<double>::infinity();
    else z.value = std::numeric_limits<double>::quiet_NaN();
    z.seconds = q.null(4) ? std::numeric_limits<double>::quiet_NaN() : q.f64(4);
    z.setup_seconds = q.null(5) ? std::numeric_limits<double>::quiet_NaN() : q.f64(5);
    z.batch = q.i64(6);
    z.seed = static_cast<std::uint64_t>(q.i64(7));
    z.device = q.text(8);
    z.worker_host = q.text(9);
    z.computed_at = q.f64(10);
    out.push_back(std::move(z));
  }
  return out;
}

namespace {

/// The learning curve of a stored record: the validation results of each evaluation and the
/// training-loss blocks (records from before them have none). Read from the record's JSON as it
/// is, so that records of any age load.
ranking::LearningCurve curve_of(const json& record) {
  ranking::LearningCurve c;
  auto value = [](const json& v) { return v.is_number() ? v.get<double>() : std::numeric_limits<double>::quiet_NaN(); };
  auto number = [&](const json& e, const char* key) {
    return e.contains(key) ? value(e.at(key)) : std::numeric_limits<double>::quiet_NaN();
  };
  if (record.contains("loss_block_sums") && record.value("loss_block_steps", std::int64_t{0}) > 0) {
    c.block_steps = record.at("loss_block_steps").get<std::int64_t>();
    c.steps = record.value("steps_done", std::int64_t{0});
    for (const auto& v : record.at("loss_block_sums")) c.block_sums.push_back(value(v));
  }
  if (record.contains("epochs"))
    for (const auto& e : record.at("epochs")) {
      ranking::Evaluation v;
      v.epoch = number(e, "epoch");
      v.step = e.value("step", std::int64_t{0});
      v.val_acc = number(e, "val_acc");
      v.val_loss = number(e, "val_loss");
      v.train_loss = number(e, "train_loss");
      v.lr = number(e, "lr");
      v.images_per_second = number(e, "images_per_second");
      if (e.contains("grad_norm") && e.at("grad_norm").is_number()) v.grad_norm = e.at("grad_norm").get<double>();
      c.evaluations.push_back(v);
    }
  return c;
}

}  // namespace

std::vector<ranking::RunResult> Store::finished_runs(Curves curves) {
  const auto s = study();
  const double full = s ? s->settings.recipe.full_epochs : 0;
  std::vector<ranking::RunResult> out;
  Query q(*impl_, kFinishedRuns);
  while (q.step()) {
    ranking::RunResult r;
    r.job_id = q.i64(0);
    r.arch = q.text(1);
    r.schedule = q.text(2);
    r.budget = q.text(3);
    r.budget_epochs = q.f64(4);
    r.budget_fraction = full > 0 ? r.budget_epochs / full : 0;
    r.seed = static_cast<int>(q.i64(5));
    r.reference = q.i64(6) != 0;
    r.status = q.text(7);
    r.best_val_acc = q.f64(8);
    r.final_val_acc = q.f64(9);
    r.best_step = q.i64(10);
    r.best_progress = q.f64(11);
    r.steps = q.i64(12);
    r.seconds = q.null(13) ? std::numeric_limits<double>::quiet_NaN() : q.f64(13);  // imported without seconds
    r.images_per_second = q.f64(14);
    r.params = q.i64(15);
    r.macs = q.i64(16);
    r.engine = q.text(17);
    r.device = q.text(18);
    r.worker_host = q.text(19);
    r.finished_at = q.f64(20);
    out.push_back(std::move(r));
  }
  if (curves == Curves::with)
    for (auto& r : out) {
      const json record = record_json(r.job_id);
      try {
        r.curve = curve_of(record);
      } catch (const json::exception& e) {
        throw Error(nasrank::detail::concat("sweep store ", impl_->path.string(), ": the run record of job ", r.job_id,
                                            " is not what nasrank writes (", e.what(), ")"));
      }
    }
  return out;
}

json Store::record_json(std::int64_t job_id) {
  Query q(*impl_, kRecord);
  q.bind(1, job_id);
  NASRANK_CHECK(q.step(), "sweep store ", impl_->path.string(), " has no result for job ", job_id);
  return parse_stored_json(q.text(0), impl_->path, "the run record of job " + std::to_string(job_id));
}

// --- merging -------------------------------------------------------------------------------------

MergeOutcome Store::merge_from(const fs::path& source) {
  NASRANK_CHECK(!impl_->read_only, "cannot merge into a store opened read-only");
  std::error_code ec;
  NASRANK_CHECK(!fs::equivalent(source, impl_->path, ec), "cannot merge ", source.string(), " into itself");
  std::optional<StoredStudy> theirs;
  int source_version = 0;
  {
    Store src = Store::open(source, Mode::read_only);  // identity, damage and version checks
    theirs = src.study();
    source_version = src.schema_version();
    NASRANK_CHECK(theirs, source.string(), " holds no plan (it was created but never planned); nothing to merge");
  }
  const auto ours = study();
  if (ours && ours->plan_hash != theirs->plan_hash) {
    std::string list;
    for (const auto& c :
         settings_differences(ours->settings_json, ours->pool_text, theirs->settings_json, theirs->pool_text))
      list += (list.empty() ? "" : "; ") + c;
    throw Error(nasrank::detail::concat("cannot merge ", source.string(), " into ", impl_->path.string(),
                                        ": they hold different plans (plan ", theirs->plan_hash, " vs ",
                                        ours->plan_hash, list.empty() ? "" : ": ", list, ")"));
  }

  {
    Query attach(*impl_, "ATTACH DATABASE ?1 AS src", false);
    attach.bind(1, uri_path(source) + "?mode=ro");
    attach.run();
  }
  MergeOutcome out;
  try {
    Transaction tx(*impl_);
    if (!ours) {
      impl_->exec("INSERT INTO main.study SELECT * FROM src.study", "copying the study");
    }
    const std::string key = kMergeKey;
    impl_->exec(("INSERT INTO main.jobs (arch, schedule, budget, budget_epochs, seed, reference, priority, shard_key) "
                 "SELECT s.arch, s.schedule, s.budget, s.budget_epochs, s.seed, s.reference, s.priority, s.shard_key "
                 "FROM src.jobs s WHERE NOT EXISTS (SELECT 1 FROM main.jobs m WHERE " +
                 key + ") ORDER BY s.id")
                    .c_str(),
                "copying jobs");
    out.jobs_added = changes(*impl_);
    {
      Query q(*impl_,
              ("SELECT count(*) FROM src.jobs s JOIN main.jobs m ON " + key +
               " WHERE s.status = 'done' AND m.status = 'done'")
                  .c_str(),
              false);
      q.step();
      out.results_kept = q.i64(0);
    }
    impl_->exec(("CREATE TEMP TABLE merge_map AS SELECT s.id AS src_id, m.id AS dst_id FROM src.jobs s "
                 "JOIN main.jobs m ON " +
                 key +
                 " JOIN src.results r ON r.job_id = s.id "
                 "WHERE s.status = 'done' AND m.status != 'done'")
                    .c_str(),
                "matching jobs");
    impl_->exec(
        "INSERT INTO main.results SELECT mm.dst_id, r.record, r.status, r.best_val_acc, r.final_val_acc, "
        "r.best_step, r.best_progress, r.steps, r.steps_done, r.seconds, r.setup_seconds, "
        "r.images_per_second, r.images, r.images_per_epoch, r.params, r.macs, r.test_acc, r.engine, r.device, "
        "r.worker_host, r.finished_at FROM src.results r JOIN temp.merge_map mm ON mm.src_id = r.job_id",
        "copying results");
    out.results_added = changes(*impl_);
    impl_->exec(
        "INSERT INTO main.epochs SELECT mm.dst_id, e.step, e.epoch, e.train_loss, e.train_acc, e.val_loss, "
        "e.val_acc, e.lr, e.images_per_second, e.wall_seconds, e.grad_norm "
        "FROM src.epochs e JOIN temp.merge_map mm ON mm.src_id = e.job_id",
        "copying epochs");
    impl_->exec(
        "UPDATE main.jobs SET status = 'done', attempts = x.attempts, worker_host = x.worker_host, "
        "worker_pid = x.worker_pid, worker_node = x.worker_node, worker_start = x.worker_start, "
        "claimed_at = x.claimed_at, finished_at = x.finished_at, heartbeat = x.heartbeat, progress = 1, "
        "error = NULL, claim_token = NULL "
        "FROM (SELECT mm.dst_id, s.* FROM temp.merge_map mm JOIN src.jobs s ON s.id = mm.src_id) AS x "
        "WHERE main.jobs.id = x.dst_id",
        "marking merged jobs done");
    impl_->exec((std::string("UPDATE main.jobs SET status = 'failed', attempts = x.attempts, error = x.error, ") +
                 (source_version >= 3 ? "worker_deaths = x.worker_deaths, " : "") +
                 "finished_at = x.finished_at, worker_host = x.worker_host, worker_pid = x.worker_pid "
                 "FROM (SELECT m.id AS dst_id, s.* FROM src.jobs s JOIN main.jobs m ON " +
                 key + " WHERE s.status = 'failed' AND m.status = 'pending') AS x WHERE main.jobs.id = x.dst_id")
                    .c_str(),
                "copying failures");
    out.failures_added = changes(*impl_);
    bool source_has_scores = false;
    {
      Query q(*impl_, "SELECT 1 FROM src.sqlite_schema WHERE type = 'table' AND name = 'zero_cost'", false);
      source_has_scores = q.step();
    }
    if (source_has_scores) {
      impl_->exec(
          "INSERT INTO main.zero_cost SELECT * FROM src.zero_cost WHERE true "
          "ON CONFLICT (arch, score) DO NOTHING",
          "copying zero-cost scores");
      out.zero_cost_added = changes(*impl_);
    }
    impl_->exec("DROP TABLE temp.merge_map", "cleaning up");
    tx.commit();
  } catch (...) {
    sqlite3_exec(impl_->db, "DROP TABLE IF EXISTS temp.merge_map", nullptr, nullptr, nullptr);
    sqlite3_exec(impl_->db, "DETACH DATABASE src", nullptr, nullptr, nullptr);
    throw;
  }
  impl_->exec("DETACH DATABASE src", "detaching the source");
  return out;
}

}  // namespace nasrank::study
