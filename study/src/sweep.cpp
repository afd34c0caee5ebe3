// Planning, running and exporting a sweep: the policy of `nasrank sweep` (how many workers, where,
// with which share of the cores) kept out of the command line.
#include "nasrank/study/sweep.h"

#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>
#include <optional>

#include "nasrank/core/csv.h"
#include "nasrank/core/error.h"
#include "nasrank/core/files.h"
#include "nasrank/core/log.h"
#include "nasrank/core/progress.h"
#include "nasrank/core/text_table.h"
#include "nasrank/study/commands.h"
#include "nasrank/study/supervise.h"
#include "nasrank/trainer/train.h"

namespace nasrank::study {

std::string iso_time(double unix_seconds) {
  if (unix_seconds <= 0) return "";
  const time_t t = static_cast<time_t>(unix_seconds);
  struct tm tm {};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// --- plan --------------------------------------------------------------------------------------

PlanSummary plan_sweep(const PlanOptions& o) {
  const StudySettings settings = normalized(o.settings);
  const PoolText pool = pool_from_text(read_file(o.pool), o.pool.string());
  // Every spec must load and fit the dataset's images and classes: a mismatch found here costs
  // nothing, found by the workers it fails every job. The shape is known without the dataset's
  // files, which a planning machine need not have (workers may read them from --root elsewhere).
  const data::DatasetShape shape = data::dataset_shape(settings.dataset);
  validate_pool(pool.text, o.pool.string(), &shape, settings.dataset.name);

  Store store = Store::open(o.db, Store::Mode::create);
  PlanSummary s;
  s.outcome = store.apply_plan(settings, pool, o.force_replan);
  if (s.outcome.replanned) {
    for (const auto& c : s.outcome.changed) LOG_WARN("replanned: ", c);
    LOG_WARN("finished results of the earlier plan are kept; each records the settings it was trained with");
  }
  for (const auto& j : plan_jobs(pool.arch_ids, settings)) s.reference_runs += j.reference;
  s.plan_hash = plan_hash(settings, pool.text);
  s.archs = pool.arch_ids.size();
  s.schedules = settings.schedules.size();
  s.budgets = settings.budgets.size();
  s.seeds = settings.seeds;
  return s;
}

std::string describe(const std::filesystem::path& db, const PlanSummary& s) {
  const auto& out = s.outcome;
  return nasrank::detail::concat(db.string(), ": ", out.total, " jobs (", out.added, " added",
                                 out.removed ? nasrank::detail::concat(", ", out.removed, " removed") : "", "); plan ",
                                 s.plan_hash, ": ", s.archs, " architectures x ", s.schedules, " schedules x ",
                                 s.budgets, " budgets x ", s.seeds, " seeds + ", s.reference_runs, " reference runs");
}

// --- run ---------------------------------------------------------------------------------------

namespace {

bool on_gpu(const RunOptions& o) {
  const std::string& device = o.worker.device.device;
  return device == "cuda" || (device == "auto" && trainer::cuda_available());
}

RunResult finish(const RunOptions& o, RunResult r, const StopRequests* stop) {
  Store store = Store::open(o.db);
  r.status = sweep_status(store, o.worker.claim.max_attempts);
  r.interrupted = r.interrupted || (stop && stop->requested.load());
  LOG_INFO("sweep: ", progress_line(r.status));
  return r;
}

/// K processes of `PROGRAM sweep run`, one worker each, with the cores split between them.
RunResult run_worker_processes(const RunOptions& o, StopRequests* stop) {
  const int cores = trainer::usable_cores();
  const int threads = o.worker.device.threads > 0 ? o.worker.device.threads : std::max(1, cores / o.concurrent);
  if (o.concurrent > cores) LOG_WARN("--concurrent ", o.concurrent, " exceeds the ", cores, " usable cores");
  RunOptions child = o;
  child.concurrent = 1;
  child.zero_cost = false;  // scored once, above, by this process
  child.worker.device.threads = threads;
  child.supervisor_pid = static_cast<long>(getpid());
  std::vector<std::string> argv = {o.worker_program.empty() ? self_executable() : o.worker_program};
  if (log::level() == log::Level::warn) argv.push_back("--quiet");
  if (log::level() == log::Level::debug) argv.push_back("--verbose");
  const std::vector<std::string> run = run_command(child);
  argv.insert(argv.end(), run.begin() + 1, run.end());  // run_command starts with "nasrank"
  LOG_INFO("starting ", o.concurrent, " worker processes with ", threads, " threads each");
  SuperviseOptions so;
  so.db = o.db;
  so.max_attempts = o.worker.claim.max_attempts;
  const int rc =
      supervise(std::vector<std::vector<std::string>>(static_cast<std::size_t>(o.concurrent), argv), so, stop);
  RunResult r = finish(o, {}, stop);
  NASRANK_CHECK(r.interrupted || rc == 0, "a worker process exited with status ", rc, " (see its messages above)");
  return r;
}

}  // namespace

bool uses_worker_processes(const RunOptions& o) { return o.concurrent > 1 && !on_gpu(o); }

RunResult run_sweep(const RunOptions& o, StopRequests* stop) {
  NASRANK_CHECK(o.concurrent >= 1, "--concurrent must be at least 1 (got ", o.concurrent, ")");
  NASRANK_CHECK(o.worker.claim.stale_after > 0, "--stale-after must be positive");
  NASRANK_CHECK(o.worker.heartbeat_every > 0 && o.worker.heartbeat_every < o.worker.claim.stale_after,
                "--heartbeat-every must be positive and below --stale-after (", o.worker.claim.stale_after, " s)");
  {
    Store store = Store::open(o.db);  // fail here, once, on a missing or foreign store
    NASRANK_CHECK(store.study(), "the sweep store ", o.db.string(),
                  " holds no plan yet: run 'nasrank sweep plan' first");
  }
  const std::atomic<bool>* stop_flag = stop ? &stop->requested : nullptr;

  // Zero-cost scores first: seconds per architecture, where training takes minutes. Scored with one
  // training worker's share of the cores, so that their cost and a run's lie on one axis.
  if (o.zero_cost && o.supervisor_pid == 0) {
    ZeroCostOptions zc = o.zero_cost_options;
    zc.device = o.worker.device.device;
    zc.threads = o.worker.device.threads > 0 ? o.worker.device.threads
                                             : std::max(1, trainer::usable_cores() / std::max(1, o.concurrent));
    zc.shard = o.worker.claim.shard;
    zc.dataset_root = o.worker.dataset_root;
    const ZeroCostSummary z = score_pool(o.db, zc, stop_flag);
    if (z.scored > 0 || z.had > 0)
      LOG_INFO("zero-cost: ",
               z.scored > 0
                   ? nasrank::detail::concat(z.scored, z.scored == 1 ? " architecture" : " architectures", " scored")
                   : std::string(),
               z.scored > 0 && z.had > 0 ? ", " : "",
               z.had > 0 ? nasrank::detail::concat(z.had, z.had == 1 ? " architecture" : " architectures",
                                                   " already had their scores")
                         : std::string(),
               z.nonfinite > 0
                   ? nasrank::detail::concat(", ", z.nonfinite, " non-finite scores (kept, left out of correlations)")
                   : "");
    if (stop_flag && stop_flag->load()) return finish(o, {}, stop);
  }

  if (o.concurrent > 1 && on_gpu(o)) {
    // On a GPU the trainings share one process, each on its own CUDA stream and graph.
    NASRANK_CHECK(trainer::cuda_available(), "--device cuda --concurrent ", o.concurrent,
                  ": no CUDA GPU is visible; run with --device cpu, or where a GPU is");
    LOG_INFO("starting ", o.concurrent, " workers on CUDA streams of this process");
    RunResult r;
    for (const auto& s : run_stream_workers(o.db, o.worker, o.concurrent, stop_flag)) {
      r.done += s.done;
      r.failed += s.failed;
    }
    LOG_INFO("workers stopped: ", r.done, " done, ", r.failed, " failed");
    return finish(o, r, stop);
  }
  if (o.concurrent > 1) return run_worker_processes(o, stop);

  if (o.supervisor_pid > 0) {
    // A worker of a supervisor stops (giving its job back) when its parent ends, however it ends.
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != static_cast<pid_t>(o.supervisor_pid)) return {};
  }
  const WorkerSummary summary = run_worker(o.db, o.worker, stop_flag);
  LOG_INFO("worker stopped (", summary.stop_reason, "): ", summary.done, " done, ", summary.failed, " failed, ",
           summary.dropped, " dropped, ", format_duration(summary.seconds), ", ",
           format_fixed(summary.seconds > 0 ? double(summary.images) / summary.seconds : 0.0, 0), " img/s");
  RunResult r;
  r.done = summary.done;
  r.failed = summary.failed;
  r.interrupted = summary.interrupted;
  if (o.supervisor_pid > 0) return r;  // the supervisor reports the sweep
  Store store = Store::open(o.db);
  r.status = sweep_status(store, o.worker.claim.max_attempts);
  return r;
}

// --- merge -------------------------------------------------------------------------------------

namespace {

/// Removes a store file with its journal files, quietly.
void remove_store_files(const std::filesystem::path& db) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(db.string() + suffix, ec);
}

}  // namespace

SweepStatus merge_stores(const std::filesystem::path& into, const std::vector<std::filesystem::path>& inputs) {
  namespace fs = std::filesystem;
  NASRANK_CHECK(!inputs.empty(), "nothing to merge: give at least one shard store");
  // Everything that can be checked is checked before the first write: every input is a planned
  // store, all of one plan, and the target (when it exists) holds that plan or none.
  std::error_code ec;
  const bool target_exists = fs::exists(fs::symlink_status(into, ec));
  std::optional<StoredStudy> plan;
  fs::path plan_source;
  auto same_plan = [&](const StoredStudy& s, const fs::path& where) {
    if (!plan) {
      plan = s;
      plan_source = where;
      return;
    }
    if (s.plan_hash == plan->plan_hash) return;
    std::string list;
    for (const auto& c : settings_differences(plan->settings_json, plan->pool_text, s.settings_json, s.pool_text))
      list += (list.empty() ? "" : "; ") + c;
    throw Error(nasrank::detail::concat("cannot merge ", where.string(), " with ", plan_source.string(),
                                        ": they hold different plans (plan ", s.plan_hash, " vs ", plan->plan_hash,
                                        list.empty() ? "" : ": ", list, "); nothing was merged"));
  };
  const fs::path parent = into.has_parent_path() ? into.parent_path() : fs::path(".");
  NASRANK_CHECK(target_exists || fs::is_directory(parent, ec), "cannot merge into ", into.string(), ": there is no ",
                "directory ", parent.string(), "; nothing was merged");
  if (target_exists) {
    Store target = Store::open(into, Store::Mode::read_only);
    if (auto s = target.study()) same_plan(*s, into);
  }
  for (const auto& in : inputs) {
    NASRANK_CHECK(!fs::equivalent(in, into, ec), "cannot merge ", in.string(), " into itself; nothing was merged");
    Store source = Store::open(in, Store::Mode::read_only);
    const auto s = source.study();
    NASRANK_CHECK(s, in.string(), " holds no plan (it was created but never planned); nothing was merged");
    same_plan(*s, in);
  }

  auto log_outcome = [](const fs::path& from, const MergeOutcome& m) {
    LOG_INFO(from.string(), ": ", m.jobs_added, " jobs added, ", m.results_added, " results added, ", m.results_kept,
             " already present, ", m.failures_added, " failures added, ", m.zero_cost_added, " zero-cost scores added");
  };
  if (target_exists && inputs.size() == 1) {
    Store store = Store::open(into);
    log_outcome(inputs[0], store.merge_from(inputs[0]));  // one transaction: all of it or nothing
  } else {
    // Several inputs come together in a store of their own beside the target, which then takes
    // them in one transaction, or is linked into place when there was none: a failure at any
    // point (a full disk, a damaged input) leaves the target as it was.
    const fs::path temp = into.string() + ".merging-" + std::to_string(getpid());
    remove_store_files(temp);
    struct Cleanup {
      fs::path path;
      ~Cleanup() { remove_store_files(path); }
    } cleanup{temp};
    {
      Store merged = Store::open(temp, Store::Mode::create);
      for (const auto& in : inputs) log_outcome(in, merged.merge_from(in));
      const std::string check = merged.integrity_check();
      NASRANK_CHECK(check == "ok", "the merged store failed SQLite's integrity check: ", check, "; ", into.string(),
                    " was not changed");
    }
    if (target_exists) {
      Store store = Store::open(into);
      const MergeOutcome m = store.merge_from(temp);
      LOG_INFO(into.string(), ": ", m.jobs_added, " jobs added, ", m.results_added, " results added, ", m.results_kept,
               " already present, ", m.failures_added, " failures added");
    } else if (::link(temp.c_str(), into.c_str()) != 0) {
      const int err = errno;
      NASRANK_CHECK(err != EEXIST, into.string(), " appeared while the stores were merged; it was left untouched");
      throw Error(nasrank::detail::concat("cannot create ", into.string(), ": ", std::strerror(err)));
    }
  }
  Store store = Store::open(into);
  const std::string check = store.integrity_check();
  NASRANK_CHECK(check == "ok", "the merged store ", into.string(), " failed SQLite's integrity check: ", check);
  return sweep_status(store);
}

// --- export ------------------------------------------------------------------------------------

namespace {

/// One column of the export: its name and the run's value, from which both the CSV cell and the
/// JSON value are written.
struct ExportColumn {
  const char* name;
  nlohmann::json (*value)(const ranking::RunResult&);
};

#define NASRANK_COLUMN(field)                                                   \
  {                                                                             \
#field, [](const ranking::RunResult& r) { return nlohmann::json(r.field); } \
  }
const std::vector<ExportColumn>& columns() {
  static const std::vector<ExportColumn> c = {
      NASRANK_COLUMN(arch),
      NASRANK_COLUMN(schedule),
      // In epochs on every row: the plan names its reference runs' budget "1" (the full budget).
      {"budget", [](const ranking::RunResult& r) { return nlohmann::json(epochs_text(r.budget_epochs)); }},
      NASRANK_COLUMN(budget_epochs),
      NASRANK_COLUMN(budget_fraction),
      NASRANK_COLUMN(seed),
      NASRANK_COLUMN(reference),
      NASRANK_COLUMN(status),
      NASRANK_COLUMN(best_val_acc),
      NASRANK_COLUMN(final_val_acc),
      NASRANK_COLUMN(best_step),
      NASRANK_COLUMN(best_progress),
      NASRANK_COLUMN(steps),
      NASRANK_COLUMN(seconds),
      NASRANK_COLUMN(images_per_second),
      NASRANK_COLUMN(params),
      NASRANK_COLUMN(macs),
      NASRANK_COLUMN(engine),
      NASRANK_COLUMN(device),
      NASRANK_COLUMN(worker_host),
      {"finished_at", [](const ranking::RunResult& r) { return nlohmann::json(iso_time(r.finished_at)); }}};
  return c;
}
#undef NASRANK_COLUMN

/// A CSV cell: numbers with 10 significant digits, flags as true and false (as every CSV of
/// nasrank writes them).
std::string csv_cell(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number_float()) return format_number(v.get<double>(), 10);
  return v.dump();
}

}  // namespace

const std::vector<std::string>& export_columns() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> n;
    for (const auto& c : columns()) n.push_back(c.name);
    return n;
  }();
  return names;
}

std::string export_csv(Store& store) {
  std::string text = csv_row(export_columns());
  for (const auto& r : store.finished_runs()) {
    std::vector<std::string> cells;
    for (const auto& c : columns()) cells.push_back(csv_cell(c.value(r)));
    text += csv_row(cells);
  }
  return text;
}

nlohmann::json export_json(Store& store, bool records) {
  const auto study = store.study();
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& r : store.finished_runs()) {
    nlohmann::json row = nlohmann::json::object();
    for (const auto& c : columns()) row[c.name] = c.value(r);
    if (records) row["record"] = store.record_json(r.job_id);
    rows.push_back(std::move(row));
  }
  return {{"format", "nasrank-sweep-export"},
          {"plan_hash", study ? study->plan_hash : ""},
          {"settings", study ? study->settings_json : nlohmann::json(nullptr)},
          {"results", rows}};
}

}  // namespace nasrank::study
