// A sweep worker: claims jobs from a store, trains them with the study's recipe and records the
// results, until its shard is empty, its time is up, or it is told to stop. Any number of workers
// (threads of one machine, processes, machines) may share one store.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "nasrank/generator/pool.h"
#include "nasrank/study/store.h"
#include "nasrank/trainer/train.h"

namespace nasrank::study {

struct WorkerOptions {
  /// Where and how jobs train: device, threads and the GPU switches are taken from here; the
  /// recipe (lr, batch, width, ...) always comes from the study.
  trainer::TrainOptions device;
  /// Shard, attempts and the staleness rule of claims.
  ClaimOptions claim;
  /// No job is started once this many seconds have passed since the worker started (0: no limit).
  /// The job in progress always runs to its end, so give a batch allocation's length minus the
  /// longest job (a reference run) to finish inside it.
  double time_limit = 0;
  /// Stop after this many jobs, finished or failed (0: no limit).
  std::int64_t max_jobs = 0;
  /// Seconds between heartbeats written by a background thread while a job trains; keep it well
  /// below ClaimOptions::stale_after.
  double heartbeat_every = 15;
  /// Stop (with an error) after this many jobs in a row failed: a broken set-up should not burn
  /// through every job's attempts.
  std::int64_t max_consecutive_failures = 5;
  /// Where this machine keeps the dataset, when not where the study was planned (empty: the study's).
  std::string dataset_root;
};

struct WorkerSummary {
  std::int64_t done = 0;     ///< results recorded
  std::int64_t failed = 0;   ///< jobs that threw an error
  std::int64_t dropped = 0;  ///< jobs another worker took over or finished first
  std::int64_t images = 0;   ///< training images of the recorded results
  double seconds = 0;        ///< the worker's wall time
  bool interrupted = false;  ///< stopped by `stop`; the job in progress was given back
  std::string stop_reason;   ///< why the worker stopped, for the log
};

/// Thrown out of a training run (through its step callback) to abandon it.
struct JobAbandoned {
  bool interrupted;  ///< true: a stop request; false: the job is no longer this worker's
};

/// Runs jobs of the store at `db` until its shard has nothing left to claim, a limit is reached,
/// or `*stop` becomes true (checked before every training step: the job in progress is then given
/// back as pending and the worker returns). The dataset is loaded once. Throws nasrank::Error on
/// set-up errors (no plan, dataset missing, no GPU) before claiming anything.
WorkerSummary run_worker(const std::filesystem::path& db, const WorkerOptions& options,
                         const std::atomic<bool>* stop = nullptr);

/// `count` workers in this process, each on a CUDA stream of its own (`sweep run --concurrent K`
/// on a GPU): one batch-128 network leaves a large GPU idle between its kernels, several side by
/// side fill it. Each worker has its own store connection, dataset copy, generator and captured
/// graph. Returns when all have stopped; the first worker's error, if any, is rethrown then.
/// Throws nasrank::Error without a visible GPU or in a build without CUDA.
std::vector<WorkerSummary> run_stream_workers(const std::filesystem::path& db, const WorkerOptions& options, int count,
                                              const std::atomic<bool>* stop = nullptr);

/// Reads a stored pool's text, checking every architecture: its spec loads, and when `shape` is
/// given, its input shape and classes fit that of the dataset called `dataset_name`. Throws
/// nasrank::Error naming `source`, the id and the fault. Callers keep the pool for its specs.
generator::Pool validate_pool(const std::string& pool_text, const std::string& source,
                              const data::DatasetShape* shape = nullptr, const std::string& dataset_name = "");

}  // namespace nasrank::study
