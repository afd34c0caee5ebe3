// The runs a study is made of and their reduction as in Appendix A: one training run's result
// (RunResult), a zero-cost score of one architecture, and the architectures aligned across the
// cells of schedules x budgets (Aggregate).
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include <Eigen/Core>

namespace nasrank::ranking {

/// One evaluation during a run: at the end of each epoch (and of a final partial one), or at K
/// evenly spaced steps with --evals-per-run.
struct Evaluation {
  double epoch = 0;       ///< epochs done, fractional within an epoch
  std::int64_t step = 0;  ///< optimizer steps done
  double val_acc = std::numeric_limits<double>::quiet_NaN();
  double val_loss = std::numeric_limits<double>::quiet_NaN();
  double train_loss = std::numeric_limits<double>::quiet_NaN();         ///< mean minibatch loss since the last
  double lr = std::numeric_limits<double>::quiet_NaN();                 ///< of the last step before it
  double images_per_second = std::numeric_limits<double>::quiet_NaN();  ///< training since the last
  std::optional<double> grad_norm;  ///< the full-gradient norm, when the run recorded it (--grad-norm)
};

/// A run's learning curve: what the learning-curve predictors (predictors.h) and the report's
/// curve figures read. Empty where a run did not record it (records older than the loss blocks,
/// imported runs without curve columns, runs read without their curves).
struct LearningCurve {
  std::vector<Evaluation> evaluations;  ///< in order of steps
  std::int64_t block_steps = 0;         ///< steps per entry of block_sums (0: no training-loss curve)
  std::int64_t steps = 0;               ///< steps the blocks cover; the last block holds what is left over
  std::vector<double> block_sums;       ///< summed minibatch training loss of each block, in order
};

/// One training run of one architecture, as the sweep store holds it: the one form of a run from
/// the store (study/store.h) through the tables to the report.
struct RunResult {
  std::int64_t job_id = 0;     ///< the store's job (0 for runs that come from no store)
  std::string arch;            ///< architecture id (its canonical hash)
  std::string schedule;        ///< schedule spec as printed ("linear", "step-d2")
  std::string budget;          ///< as planned ("10ep"; "1" for the reference runs)
  double budget_epochs = 0;    ///< the run's budget
  double budget_fraction = 0;  ///< budget_epochs / full budget, in (0, 1]
  int seed = 0;
  std::string status = "ok";                                        ///< ok | diverged | untrainable
  double best_val_acc = std::numeric_limits<double>::quiet_NaN();   ///< best checkpoint within the budget
  double final_val_acc = std::numeric_limits<double>::quiet_NaN();  ///< at the end of the budget
  double best_progress = std::numeric_limits<double>::quiet_NaN();  ///< p of the best checkpoint, in [0, 1]
  double seconds = std::numeric_limits<double>::quiet_NaN();        ///< wall time of the run
  std::int64_t steps = 0;                                           ///< the budget in optimizer steps
  std::int64_t best_step = 0;                                       ///< step of the best checkpoint
  bool reference = false;        ///< a full-budget run that defines the target ranking
  std::int64_t params = 0;       ///< parameters of the architecture; 0 when unknown
  std::int64_t macs = 0;         ///< multiply-accumulates of one forward pass; 0 when unknown
  double images_per_second = 0;  ///< training throughput over the run
  std::string engine;            ///< eager | graph
  std::string device;            ///< as the trainer names it ("cpu x1 threads", the GPU's name)
  std::string worker_host;       ///< the machine that trained it
  double finished_at = 0;        ///< unix seconds
  LearningCurve curve;           ///< filled when asked for (Store::finished_runs(Curves::with))
};

/// An architecture left out of every table, and why.
struct Exclusion {
  std::string arch;
  std::string reason;
};

/// A small-budget configuration: the columns of Tables 6-8.
struct Budget {
  double epochs = 0;
  double fraction = 0;
  std::string label;  ///< as the paper prints it: "1 (0.5%)"
};

/// Per (schedule, budget): the median over seeds for each included architecture.
struct AggregateCell {
  std::string schedule;
  Budget budget;
  Eigen::VectorXd accuracy;  ///< median best_val_acc over seeds, by architecture; NaN where none
  /// Seconds of every run the median uses (all its seeds), by architecture; NaN where none: what
  /// this proxy costs for one architecture.
  Eigen::VectorXd seconds;
  std::size_t runs = 0;
};

/// The runs reduced as in Appendix A, with the architectures aligned across cells.
struct Aggregate {
  std::vector<std::string> archs;      ///< included architectures, sorted
  Eigen::VectorXd target;              ///< median best_val_acc of the reference runs, by architecture
  Eigen::VectorXd reference_seconds;   ///< median seconds of a reference run, by architecture
  Eigen::VectorXd log_params;          ///< log(parameters), by architecture; NaN when unknown
  std::vector<int> reference_seeds;    ///< columns of `reference_by_seed`, ascending
  Eigen::MatrixXd reference_by_seed;   ///< best_val_acc of each reference seed (median if repeated); NaN if absent
  std::vector<std::string> schedules;  ///< in order of first appearance in the runs
  std::vector<Budget> budgets;         ///< ascending
  std::vector<AggregateCell> cells;    ///< schedules x budgets that have runs, schedule-major
  std::vector<Exclusion> excluded;     ///< sorted by architecture
  std::size_t architectures_seen = 0;
};

/// Checks the runs (status, budget fraction, best_progress) and reduces them. An architecture is
/// excluded when it has no reference run, when any of its reference runs is diverged or
/// untrainable (the paper dropped 21 of 100 that "cannot be trained"), or when no reference run
/// has a finite accuracy. Small-budget runs of any status count with their best_val_acc when it is
/// finite. Throws nasrank::Error naming the run for invalid fields.
Aggregate aggregate_runs(const std::vector<RunResult>& runs);

/// One zero-cost score of one architecture (synflow, snip, naswot, params, ...), computed at
/// initialisation beside the sweep. A larger value is taken to predict a better architecture.
struct ZeroCostScore {
  std::string arch;
  std::string score;                                          ///< "synflow"
  double value = std::numeric_limits<double>::quiet_NaN();    ///< NaN or infinite: left out, counted
  double seconds = std::numeric_limits<double>::quiet_NaN();  ///< time to compute it for this architecture
};

}  // namespace nasrank::ranking
