// A whole rank-prediction study in one call: generate the pool, plan and run the sweep, rank the
// results and write the report, resuming where it stopped when called again with the same
// directory. The presets are named, documented study sizes.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "nasrank/ranking/study.h"
#include "nasrank/reports/study_report.h"
#include "nasrank/study/stop.h"
#include "nasrank/study/sweep.h"

namespace nasrank::study {

/// A named, documented study size. Costs are measured figures where the README gives them.
struct Preset {
  std::string name;
  std::string summary;
  std::string dataset = "fashion-mnist";
  std::int64_t archs = 8;
  /// The paper's Table 6 compares these four.
  std::vector<std::string> schedules = {"const", "step-d2", "cosine", "linear"};
  std::vector<std::string> budgets = {};  ///< every preset sets its own
  std::int64_t seeds = 1;
  /// Seeds of the full-budget reference runs (0: as many as `seeds`): two give the noise ceiling.
  std::int64_t reference_seeds = 0;
  double full_epochs = 10;
  double width = 1.0;
  std::int64_t train_size = 0;
  std::int64_t val_size = 5000;
  std::string device = "cpu";
  int concurrent = 1;
  std::uint64_t pool_seed = 0;
  /// Mutations per architecture, MIN..MAX (generate --mutations): more of them spread the pool.
  std::int64_t min_mutations = 1;
  std::int64_t max_mutations = 5;
  /// How the pool is chosen among the draws (generate --spread): none, as the paper, or params.
  std::string spread = "none";
  /// Most parameters a member may have at width 1 (generate --max-params; 0: no limit).
  std::int64_t max_params = 0;
  /// Members no larger than the base itself, shaped for the dataset (sets max_params when it is 0).
  bool cap_at_base = false;
  bool grad_norm = false;
  /// Validation points per run (0: each epoch end; TrainOptions::evals_per_run).
  std::int64_t evals_per_run = 0;
  /// Score the pool with the zero-cost proxies too, so the report compares both families.
  bool zero_cost = true;
};

/// quick, cpu, gpu and paper, in that order.
const std::vector<Preset>& presets();
/// The preset called `name`; throws nasrank::UsageError listing the names when there is none.
const Preset& find_preset(const std::string& name);

struct StudyOptions {
  /// The study's size and settings: a preset, possibly with some values changed.
  Preset preset;
  /// The study's directory: pool.json, runs.db, commands.txt, tables.md, report/.
  std::filesystem::path out;
  /// Where the dataset's files are (empty: the dataset's default location).
  std::string dataset_root;
  /// No training run starts after this many seconds (0: none); calling again resumes.
  double time_limit = 0;
  /// Statistics of the tables and the report.
  ranking::StudyOptions statistics;
  /// Worker processes run this program (empty: this executable; see RunOptions).
  std::string worker_program;
};

struct StudyResult {
  PlanSummary plan;
  SweepStatus status;            ///< the sweep after this call
  bool finished = false;         ///< every job done
  bool interrupted = false;      ///< a stop request ended the runs; tables and report are not written
  std::filesystem::path tables;  ///< DIR/tables.md
  reports::ReportResult report;
};

/// Runs the study's steps, writing DIR/commands.txt (the equivalent commands) as it goes. An
/// existing pool is kept; planning again with the same settings adds nothing, with other settings
/// it is an Error. Tables and report show whatever is done. Throws nasrank::Error on bad settings
/// before anything is written.
StudyResult run_study(const StudyOptions& options, StopRequests* stop = nullptr);

}  // namespace nasrank::study
