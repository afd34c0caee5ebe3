// Proxy-budget search: rank every architecture of a pool by its accuracy after training at a small
// budget (optionally as successive halving over budgets), and optionally retrain the best K at the
// full budget to confirm. Every rung is a sweep store of its own, so a search resumes like a sweep.
#pragma once

#include <cstdint>
#include <filesystem>
#include <limits>
#include <string>
#include <vector>

#include "nasrank/study/stop.h"
#include "nasrank/trainer/data/dataset.h"
#include "nasrank/trainer/train.h"

namespace nasrank::study {

struct SearchOptions {
  /// The pool file ('nasrank generate').
  std::filesystem::path pool;
  /// The search's directory: rung-R.db (and rung-R-pool.json), retrain.db, ranking.json, ranking.csv.
  std::filesystem::path out;
  data::DatasetOptions dataset;
  /// The recipe; its schedule and budget are those of the first rung.
  trainer::TrainOptions recipe;
  /// Device, threads and GPU switches of the workers.
  trainer::TrainOptions device;
  /// How many of the best architectures are the search's pick (and retrained with `retrain`).
  int top_k = 1;
  /// Retrain the top K at the full budget under `retrain_schedule` to confirm their ranking.
  bool retrain = false;
  std::string retrain_schedule = "linear";
  /// Successive halving with factor ETA >= 2: keep the best 1/ETA of each rung and train them again
  /// at ETA times the budget, until one is left or the budget would pass the full one (0: one rung).
  int halving = 0;
  /// A rung's store planned with other settings (another budget, recipe or pool) is replanned: its
  /// finished runs that the new plan still has are kept (as `sweep plan --force-replan`).
  bool force_replan = false;
  /// Seeds per architecture and rung; the median counts.
  std::int64_t seeds = 1;
  /// Trainings side by side (as RunOptions::concurrent).
  int concurrent = 1;
  /// No run starts after this many seconds (0: none); calling again resumes.
  double time_limit = 0;
  /// Worker processes run this program (empty: this executable).
  std::string worker_program;
};

struct SearchRung {
  int index = 0;
  std::string budget;  ///< as planned ("2ep")
  double epochs = 0;
  std::size_t archs = 0;
  bool finished = false;
  std::filesystem::path store;
};

/// One architecture in the search's ranking.
struct SearchRow {
  std::size_t rank = 0;  ///< 1 = best
  std::string arch;
  int rung = 0;        ///< the last rung it reached
  std::string status;  ///< ok, or the first diverged/untrainable status among its runs
  /// Median best validation accuracy at each rung (NaN where it did not train).
  std::vector<double> accuracy;
  std::int64_t params = 0;  ///< of the network as trained (at the recipe's width)
  std::int64_t macs = 0;
  bool top_k = false;
  double full_accuracy = std::numeric_limits<double>::quiet_NaN();  ///< with retraining
};

struct SearchResult {
  std::vector<SearchRung> rungs;
  std::vector<SearchRow> ranking;  ///< architectures that reached a later rung first, then by accuracy
  bool retrain = false;            ///< full-budget retraining was asked for (the full_acc column)
  bool complete = false;           ///< every rung (and the retraining) finished
  bool interrupted = false;
  std::filesystem::path json;  ///< DIR/ranking.json
  std::filesystem::path csv;   ///< DIR/ranking.csv
};

/// Runs (or resumes) the search and writes DIR/ranking.json and DIR/ranking.csv. Throws
/// nasrank::Error on bad options or a pool that does not load, before anything trains.
SearchResult run_search(const SearchOptions& options, StopRequests* stop = nullptr);

/// The ranking as a text table for people.
std::string render_table(const SearchResult& result);

}  // namespace nasrank::study
