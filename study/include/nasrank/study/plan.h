// What a sweep study is: the settings every job shares (dataset, recipe, schedules, budgets,
// seeds) and the list of jobs they expand into. Pure functions; the Store keeps what they produce.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "nasrank/trainer/data/dataset.h"
#include "nasrank/trainer/train.h"

namespace nasrank::study {

/// The settings of a study: everything a worker needs besides the pool to train any of its jobs.
struct StudySettings {
  /// The dataset and its validation split, the same for every job of the study.
  data::DatasetOptions dataset;
  /// The recipe every job shares (lr, momentum, weight decay, batch, width, train size, full
  /// budget, augmentation). Its schedule, budget and seed are ignored: they are set per job, and
  /// the device options are chosen by `sweep run`, not by the plan.
  trainer::TrainOptions recipe;
  /// Schedule specs, stored in canonical form (the paper's Table 6 compares these four).
  std::vector<std::string> schedules = {"const", "step-d2", "cosine", "linear"};
  /// Budgets as written: fractions ("0.05"), percentages ("5%") or epochs ("10ep"). The paper's
  /// Table 6 uses 1, 2, 10 and 20 epochs of a 200-epoch budget.
  std::vector<std::string> budgets = {"1ep", "2ep", "10ep", "20ep"};
  /// Seeds 0..seeds-1 for every configuration; the paper repeats each 3 times and takes medians.
  std::int64_t seeds = 3;
  /// Schedule of the full-budget reference runs (the paper trains its targets with linear).
  std::string reference_schedule = "linear";
  /// Plan the full-budget reference runs (a rank-prediction study needs them as its target; a
  /// search that only ranks architectures at a proxy budget does not pay for them).
  bool reference_runs = true;
  /// Seeds of the reference runs, when they differ from `seeds` (0: the same). Two or more give
  /// the noise ceiling (how well two full-budget seeds agree) even when the grid runs one seed.
  std::int64_t reference_seeds = 0;
  /// The seeds the reference runs take: `reference_seeds`, or `seeds` when that is 0.
  std::int64_t reference_seed_count() const { return reference_seeds > 0 ? reference_seeds : seeds; }
  /// The first seed of the reference runs, which take reference_seed_count() seeds from it. By
  /// default (kAfterProxySeeds) right after the proxies' seeds 0..seeds-1, so that a proxy and its
  /// target never share initial weights, batch order and augmentation (shared seeds inflate their
  /// agreement); 0 shares them, as every plan made before this setting existed does (their stored
  /// settings lack it and read back as 0, so their plan hashes are unchanged).
  std::int64_t reference_seed_start = kAfterProxySeeds;
  static constexpr std::int64_t kAfterProxySeeds = -1;
};

/// Checks the settings and rewrites schedules into canonical form. Throws nasrank::Error naming
/// the offending value.
StudySettings normalized(StudySettings settings);

/// The settings as JSON (what the study table stores) and back. `from_json` throws nasrank::Error
/// on a missing or mistyped field.
nlohmann::json settings_to_json(const StudySettings& settings);
StudySettings settings_from_json(const nlohmann::json& j);

/// A pool as a study keeps it: the JSON text in one canonical layout (so that re-indenting the file
/// changes nothing) and the architecture ids in file order.
struct PoolText {
  std::string text;
  std::vector<std::string> arch_ids;
};

/// Parses a pool file's text (an object with an `architectures` array whose items carry `id` and
/// `spec`). Throws nasrank::Error naming `source` and the fault.
PoolText pool_from_text(const std::string& text, const std::string& source);

/// A 16-hex-digit fingerprint of everything that defines the study's jobs and their results: the
/// settings (less the dataset's location, which differs between machines) and the pool. Two
/// stores with the same hash hold the same plan and can be merged.
std::string plan_hash(const StudySettings& settings, const std::string& pool_text);

/// What differs between two studies' settings (as settings_to_json writes them) and pools, one
/// line each ("recipe.lr: 0.1 -> 0.05", "pool: 10 -> 12 architectures"); empty when nothing does
/// (the dataset's location is not compared).
std::vector<std::string> settings_differences(const nlohmann::json& before, const std::string& before_pool,
                                              const nlohmann::json& after, const std::string& after_pool);

/// One job of a plan: one training run.
struct JobKey {
  std::string arch;
  std::string schedule;      ///< canonical spec
  std::string budget;        ///< as written in the settings ("10ep"); "1" for the reference runs
  double budget_epochs = 0;  ///< the budget in epochs; with arch, schedule and seed it names the job
  std::int64_t seed = 0;
  bool reference = false;  ///< a full-budget run under the reference schedule (the ranking's target)
  std::int64_t order = 0;  ///< position in the plan: the claim order and the shard key
};

/// Every arch x schedule x budget x seed, plus (when settings.reference_runs) the reference runs
/// (reference schedule, budget 1, reference_seed_count() seeds from reference_seed_start); a grid job that is also a
/// reference run appears once, flagged as reference.
/// Ordered so that early results are useful: seed by seed; within a seed the smallest budget first,
/// then the references, then the larger budgets; within a budget schedule by schedule with the
/// architectures interleaved, so a whole ranking for one schedule is ready as early as possible.
std::vector<JobKey> plan_jobs(const std::vector<std::string>& arch_ids, const StudySettings& settings);

/// Budget epochs rounded to 12 significant digits, so that "0.05" and "10ep" of a 200-epoch budget
/// name the same job despite floating-point rounding.
double budget_key(double epochs);

}  // namespace nasrank::study
