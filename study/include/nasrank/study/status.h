// Where a sweep stands: counts by status, progress per schedule and budget, the sweep's total
// throughput and an estimate of the time left. What `sweep status`, `sweep watch` and the
// progress lines of `sweep run` print.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "nasrank/study/store.h"

namespace nasrank::study {

struct GroupStatus {
  std::string schedule;
  double budget_epochs = 0;
  std::string budget_label;  ///< "1 (0.5%)", as the paper labels its columns
  std::int64_t total = 0, pending = 0, running = 0, done = 0, failed = 0;
  std::int64_t references = 0;  ///< how many of the jobs are reference runs
};

struct SweepStatus {
  std::string plan_hash;
  std::int64_t archs = 0;
  std::int64_t total = 0, pending = 0, running = 0, done = 0, failed = 0;
  std::vector<GroupStatus> groups;  ///< by schedule, then budget
  /// Training images per second of the whole sweep: images trained by finished jobs over the time
  /// during which at least one of them was running (so concurrent workers add up, idle gaps do not).
  double images_per_second = 0;
  /// Seconds left at that rate for the jobs still to do (nullopt until a job has finished).
  std::optional<double> eta_seconds;
};

/// Reads the store. Failed jobs with attempts left (below `max_attempts`) count as work still to do.
SweepStatus sweep_status(Store& store, int max_attempts = 3);

/// JSON keys: plan_hash, archs, total, pending, running, done, failed, images_per_second,
/// eta_seconds (null while unknown), groups (schedule, budget_epochs, budget, total, pending, running,
/// done, failed, references).
nlohmann::json to_json(const SweepStatus& status);
/// A summary line and a table of the groups.
std::string render_table(const SweepStatus& status);
/// One line for progress logs: "37/480 done, 2 running, 1 failed, 1315 img/s, ETA 1h02m".
std::string progress_line(const SweepStatus& status);

/// Images per second over the union of the runs' [claimed, finished] intervals.
double sweep_throughput(const std::vector<RunTiming>& runs);

}  // namespace nasrank::study
