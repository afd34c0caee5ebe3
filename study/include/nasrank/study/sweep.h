// A sweep as one C++ call per step: plan its jobs into a store, run them (one worker, K worker
// processes on the CPU, or K CUDA streams), and export the results. What `nasrank sweep` does,
// reachable by any caller without a command line.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "nasrank/study/plan.h"
#include "nasrank/study/status.h"
#include "nasrank/study/stop.h"
#include "nasrank/study/store.h"
#include "nasrank/study/worker.h"
#include "nasrank/study/zero_cost.h"

namespace nasrank::study {

struct PlanOptions {
  /// The store to create or extend (SQLite, on a local disk).
  std::filesystem::path db;
  /// The pool file ('nasrank generate'); its text is stored in the store.
  std::filesystem::path pool;
  /// Dataset, recipe, schedules, budgets and seeds; normalised before they are stored.
  StudySettings settings;
  /// Store other settings than the store has: keep finished results, drop unfinished jobs the new
  /// plan lacks. Without it, other settings are an error listing what differs.
  bool force_replan = false;
};

struct PlanSummary {
  PlanOutcome outcome;
  std::string plan_hash;
  std::size_t archs = 0;
  std::size_t schedules = 0;
  std::size_t budgets = 0;
  std::int64_t seeds = 0;
  std::int64_t reference_runs = 0;
};

/// Checks the pool (every spec loads, and its input shape fits the dataset) and the settings, then
/// stores the plan. Throws nasrank::Error naming the fault before anything is written.
PlanSummary plan_sweep(const PlanOptions& options);

/// "runs.db: 112 jobs (112 added); plan 1a2b...: 8 architectures x 4 schedules x ..."
std::string describe(const std::filesystem::path& db, const PlanSummary& summary);

struct RunOptions {
  std::filesystem::path db;
  /// Device, shard, attempts, limits and heartbeats of every worker.
  WorkerOptions worker;
  /// Trainings side by side: on the CPU, worker processes with the cores split between them; on a
  /// GPU, workers in this process, each on its own CUDA stream.
  int concurrent = 1;
  /// Score the shard's architectures at initialisation first (zero-cost proxies), so that rank and
  /// report compare them with the budgeted proxies. Its device, threads, shard and dataset root
  /// follow `worker`.
  bool zero_cost = false;
  ZeroCostOptions zero_cost_options;
  /// The program each CPU worker process runs as `PROGRAM sweep run ...` (empty: this executable).
  /// Callers that are not the nasrank executable (tests, embedding programs) name it here.
  std::string worker_program;
  /// Set in a worker process started by a supervisor: its pid. The worker stops, giving its job
  /// back, when that process ends.
  long supervisor_pid = 0;
};

struct RunResult {
  std::int64_t done = 0;     ///< results recorded by this call's workers
  std::int64_t failed = 0;   ///< jobs that failed in this call
  bool interrupted = false;  ///< a stop request ended it; jobs in progress were given back
  SweepStatus status;        ///< the whole sweep afterwards
};

/// Runs what is left of the sweep (of the worker's shard) until nothing is left to claim, a limit is
/// reached, or `stop` is requested. Throws nasrank::Error on a set-up fault (no store, no plan, no
/// GPU for --device cuda) and when a worker process fails.
RunResult run_sweep(const RunOptions& options, StopRequests* stop = nullptr);

/// True when run_sweep would start worker processes (CPU, concurrent > 1): a supervisor passes the
/// first stop request on rather than dying of the second.
bool uses_worker_processes(const RunOptions& options);

/// Merges the shard stores `inputs` (of one plan) into `into` (created when missing), logging what
/// each added, and checks the result with SQLite's integrity check. Returns the merged sweep's
/// status. All or nothing: every input is checked first (a planned store of the target's plan, or
/// an Error naming it), the inputs come together in a temporary store beside `into`, and that
/// enters `into` in one transaction (or is linked into place as `into` when there was none), so a
/// failure at any point leaves `into` as it was.
SweepStatus merge_stores(const std::filesystem::path& into, const std::vector<std::filesystem::path>& inputs);

/// The columns of `sweep export --format csv`, in order.
const std::vector<std::string>& export_columns();
/// One CSV row per finished run, with the header.
std::string export_csv(Store& store);
/// {"format": "nasrank-sweep-export", "plan_hash", "settings", "results": [...]}; with `records`
/// each result carries its full run record (per-epoch curves, recipe).
nlohmann::json export_json(Store& store, bool records);

/// "2026-12-02T01:02:03Z"; "" for 0.
std::string iso_time(double unix_seconds);

}  // namespace nasrank::study
