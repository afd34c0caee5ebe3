// What a study report is made from, as plain structs: the sweep store's adapter fills them (or a
// test builds them by hand), write_study_report (study_report.h) turns them into files.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "nasrank/ranking/study.h"

namespace nasrank::reports {

/// The study's settings as a reader wants them listed first; `details` holds everything else.
struct StudySummary {
  std::string dataset;                                             ///< "cifar10 (45000 train / 5000 val)"
  std::string pool;                                                ///< "pool.json: 100 architectures, seed 7"
  std::vector<std::string> schedules;                              ///< canonical specs, in the study's order
  std::vector<std::string> budgets;                                ///< as planned ("1ep", "0.05")
  std::int64_t seeds = 0;                                          ///< seeds per configuration
  double full_epochs = std::numeric_limits<double>::quiet_NaN();   ///< the full budget
  std::string reference_schedule;                                  ///< schedule of the full-budget (target) runs
  std::string hardware;                                            ///< where the runs ran ("NVIDIA H100 80GB HBM3")
  std::string toolkit_version;                                     ///< nasrank version that ran the sweep
  double wall_seconds = std::numeric_limits<double>::quiet_NaN();  ///< sweep wall time, first claim to last result
  /// Any further settings (the training recipe, the dataset options): listed as flattened
  /// "a.b = value" rows under the named ones.
  nlohmann::json details = nlohmann::json::object();
};

/// One architecture of the pool.
struct ArchInfo {
  std::string id;
  std::int64_t params = 0;
  std::int64_t macs = 0;  ///< multiply-accumulates of one forward pass of one image
  int depth = 0;          ///< layers on the longest path (0 when unknown)
  std::string mutations;  ///< how the generator made it from its parent ("widen conv3; add skip")
};

/// A schedule's learning-rate ratio as a function of progress p, for the paper's Figure 2. The
/// caller evaluates its schedules (trainer/schedule.h); the reports library stays free of the
/// trainer and so of torch.
struct ScheduleCurve {
  std::string name;
  std::vector<double> p;
  std::vector<double> ratio;
};

/// Jobs of one schedule and budget that have no result yet.
struct MissingWork {
  std::string schedule;
  std::string budget;  ///< as planned; "full" for the reference runs
  bool reference = false;
  std::int64_t pending = 0;
  std::int64_t running = 0;
  std::int64_t failed = 0;  ///< failed and out of attempts, or waiting for a retry
  std::string last_error;   ///< the latest failure's message, if any
};

/// How far the sweep is. `known` false: the caller could not tell (a bare list of runs).
struct SweepProgress {
  bool known = false;
  std::int64_t total = 0;
  std::int64_t done = 0;
  std::int64_t pending = 0;
  std::int64_t running = 0;
  std::int64_t failed = 0;
  std::vector<MissingWork> missing;

  bool finished() const { return known && done >= total; }
};

/// One zero-cost score of one architecture (synflow, snip, naswot, params, ...).
using ZeroCostScore = ranking::ZeroCostScore;

/// Everything a study report shows.
struct StudyReportInput {
  StudySummary settings;
  std::vector<ranking::RunResult> runs;        ///< every finished run with its curve, references included
  std::vector<ArchInfo> archs;                 ///< the pool (runs may name architectures not listed)
  std::vector<ScheduleCurve> schedule_curves;  ///< for Figure 2; may be empty
  SweepProgress progress;
  std::vector<ZeroCostScore> zero_cost;  ///< may be empty
};

}  // namespace nasrank::reports
