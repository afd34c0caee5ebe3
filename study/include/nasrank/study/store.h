// The job store of a sweep: one SQLite database per study holding its settings, its pool, one
// row per job and the results. This class owns the connection and every line of SQL; callers see
// plain structs. Any number of processes may open one store: claims are atomic, and a result is
// written in the same transaction as its job's status, so a killed worker never loses or doubles one.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "nasrank/ranking/runs.h"
#include "nasrank/study/plan.h"
#include "nasrank/study/shard.h"
#include "nasrank/study/worker_identity.h"
#include "nasrank/trainer/record.h"

namespace nasrank::study {

/// The schema this build writes; older stores are migrated on open, newer ones refused.
int current_schema_version();

/// Seconds since the Unix epoch: the clock of heartbeats and timestamps in the store.
double unix_time();

struct ClaimOptions {
  /// Only jobs of this shard are claimed.
  Shard shard;
  /// A job whose run failed (threw an error) this many times is not tried again.
  int max_attempts = 3;
  /// A job whose worker died this many times while running it (killed, preempted, out of memory,
  /// a lost node) fails too: it may be what kills its workers. Counted apart from max_attempts, so
  /// that kills from outside do not use up a healthy job's attempts.
  int max_worker_deaths = 10;
  /// Seconds without a heartbeat after which a running job of a worker on another machine (or one
  /// whose liveness cannot be checked) is taken over. Workers beat every few seconds while alive.
  double stale_after = 600;
};

/// A job as claimed by one worker.
struct ClaimedJob {
  std::int64_t id = 0;
  JobKey key;
  std::int64_t attempt = 0;  ///< 1 on the first try
  std::string token;         ///< names this claim in heartbeats, failures and releases
};

/// A job's row, as status and tests see it.
struct JobRow {
  std::int64_t id = 0;
  JobKey key;
  std::string status;              ///< pending | running | done | failed
  std::int64_t attempts = 0;       ///< claims that ran to a result or an error (or run now)
  std::int64_t worker_deaths = 0;  ///< claims whose worker died (0 in stores older than schema 3)
  std::string worker_host;
  std::int64_t worker_pid = 0;
  double heartbeat = 0;  ///< unix seconds; 0 when never claimed
  double claimed_at = 0;
  double finished_at = 0;
  double progress = 0;  ///< fraction of the job's steps done, as of the last heartbeat
  std::string error;    ///< the last failure's message
};

/// The study as stored.
struct StoredStudy {
  StudySettings settings;
  nlohmann::json settings_json;
  std::string pool_text;
  std::vector<std::string> arch_ids;
  std::string plan_hash;
  double planned_at = 0;
};

struct PlanOutcome {
  std::int64_t total = 0;            ///< jobs in the store afterwards
  std::int64_t added = 0;            ///< jobs the plan added
  std::int64_t removed = 0;          ///< unfinished jobs of an earlier plan that the new one dropped
  bool replanned = false;            ///< the settings changed (--force-replan)
  std::vector<std::string> changed;  ///< what changed, for the log
};

/// One zero-cost score of one architecture as the store keeps it (computed beside the sweep's
/// training runs, on the same data and device; trainer/proxies.h).
struct StoredZeroCost {
  std::string arch;
  std::string score;
  double value = 0;          ///< NaN or infinite values are kept as computed
  double seconds = 0;        ///< wall seconds of this score for this architecture
  double setup_seconds = 0;  ///< building the network and moving the batch, shared by its scores
  std::int64_t batch = 0;    ///< images in the scoring batch
  std::uint64_t seed = 0;    ///< seed of the initialisation and of the batch
  std::string device;
  std::string worker_host;
  double computed_at = 0;  ///< unix seconds
};

struct MergeOutcome {
  std::int64_t jobs_added = 0;       ///< jobs the target did not have
  std::int64_t results_added = 0;    ///< results copied in
  std::int64_t results_kept = 0;     ///< results the target already had (kept, the source's dropped)
  std::int64_t failures_added = 0;   ///< failed jobs whose state was copied because the target had not run them
  std::int64_t zero_cost_added = 0;  ///< zero-cost scores the target did not have
};

/// Counts of jobs in one status for one schedule and budget: the raw material of `sweep status`.
struct GroupCount {
  std::string schedule;
  double budget_epochs = 0;
  std::string status;
  std::int64_t jobs = 0;
  std::int64_t references = 0;
  double progress = 0;  ///< summed progress of the running ones
};

/// When a finished job ran and how much it trained: for throughput and ETA.
struct RunTiming {
  double claimed_at = 0;
  double finished_at = 0;
  double budget_epochs = 0;
  std::int64_t images = 0;            ///< training images processed (steps done x batch)
  std::int64_t images_per_epoch = 0;  ///< steps per epoch x batch
  double seconds = 0;
};

/// A job still to be done, with how far it got: for the ETA.
struct RemainingJob {
  double budget_epochs = 0;
  double progress = 0;
};

/// A finished run from elsewhere (nasrank import): its job and its record.
struct ImportedRun {
  JobKey key;
  trainer::RunRecord record;
  std::string worker_host;
};

/// One connection to a store. Use a Store from one thread at a time; threads and processes that
/// work on the same store each open their own.
class Store {
 public:
  enum class Mode {
    existing,   ///< the store must exist
    create,     ///< create the store when the path does not exist yet
    read_only,  ///< must exist; never written (status, export, merge sources)
  };

  /// Opens `path`. A path that holds anything but a nasrank store (a text file, another SQLite
  /// database, a damaged file) is an Error and is left untouched. Older schemas are migrated.
  static Store open(const std::filesystem::path& path, Mode mode = Mode::existing);

  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  ~Store();

  const std::filesystem::path& path() const;
  int schema_version() const;
  /// "ok", or what SQLite's integrity check found.
  std::string integrity_check();

  // --- the study ---
  /// The stored study; nullopt for a store that was created but never planned.
  std::optional<StoredStudy> study();
  /// Stores the study and adds its jobs. The same settings again add nothing. Different settings
  /// throw nasrank::Error listing what differs, unless `force_replan`: then the new settings are
  /// stored, the new jobs added, finished results kept, and unfinished jobs that the new plan no
  /// longer has removed.
  PlanOutcome apply_plan(const StudySettings& settings, const PoolText& pool, bool force_replan);

  // --- workers ---
  /// Takes the next job of the shard, atomically across processes: first returns jobs of dead or
  /// silent workers to pending, then claims the pending job first in plan order (failed jobs with
  /// attempts left after every pending one). nullopt when the shard has nothing left to claim.
  std::optional<ClaimedJob> claim(const WorkerIdentity& worker, const ClaimOptions& options, double now);
  /// True when at least one job of the shard could be claimed now or is running.
  bool has_work(const ClaimOptions& options);
  /// Records that the claim is alive and how far it got. False when the job is no longer this
  /// claim's (another worker took it over, or it finished elsewhere).
  bool heartbeat(const ClaimedJob& job, double progress, double now);
  /// Stores the result and marks the job done, in one transaction. False (nothing written) when the
  /// job already has a result from another worker.
  bool finish(const ClaimedJob& job, const trainer::RunRecord& record, const std::string& worker_host, double now);
  /// Stores a study of runs trained elsewhere, each finished, in one transaction: the store must be
  /// empty. A job given twice is an Error and nothing is written.
  void import_runs(const StudySettings& settings, const PoolText& pool, const std::vector<ImportedRun>& runs,
                   double now);
  /// Marks the claim failed with `message`; it is retried while attempts < max_attempts.
  void fail(const ClaimedJob& job, const std::string& message, double now);
  /// Gives an interrupted claim back: pending again, the attempt not counted.
  void release(const ClaimedJob& job);
  /// Returns failed jobs to the queue, their attempts and worker deaths counted from 0 again: every
  /// failed job when `ids` is empty, else the jobs `ids`, each of which must be failed (otherwise an
  /// Error, and nothing changes). Returns the jobs as they were before.
  std::vector<JobRow> requeue_failed(const std::vector<std::int64_t>& ids = {});

  // --- reading ---
  std::vector<JobRow> jobs();
  std::vector<GroupCount> group_counts();
  std::vector<RunTiming> run_timings();
  std::vector<RemainingJob> remaining_jobs(int max_attempts, int max_worker_deaths = ClaimOptions().max_worker_deaths);
  /// Whether finished_runs() reads each run's learning curve (from its record) too.
  enum class Curves : bool { without, with };
  /// Every finished job's result, ordered by arch, schedule, budget, seed; with `curves`, each
  /// with its learning curve, read from its record as it is (records of any age load).
  std::vector<ranking::RunResult> finished_runs(Curves curves = Curves::without);
  /// The full run record of a finished job (epochs included), as stored.
  nlohmann::json record_json(std::int64_t job_id);

  // --- zero-cost scores ---
  /// Stores scores in one transaction. A score already stored for an architecture is kept: two
  /// workers that computed the same one leave the first.
  void put_zero_cost(const std::vector<StoredZeroCost>& scores, double now);
  /// Every stored score, ordered by arch and score (empty for a store older than schema 2).
  std::vector<StoredZeroCost> zero_cost();

  // --- merging shard stores ---
  /// Copies into this store what `source` (a store of the same plan) has and this one lacks: jobs,
  /// results with their epochs, and failures of jobs not run here. A job finished in both keeps
  /// this store's result; zero-cost scores are copied where the target lacks them. An empty (never
  /// planned) target takes the source's study. Throws
  /// nasrank::Error when the plans differ.
  MergeOutcome merge_from(const std::filesystem::path& source);

  struct Impl;  ///< the connection and its prepared statements (store.cpp)

 private:
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace nasrank::study
