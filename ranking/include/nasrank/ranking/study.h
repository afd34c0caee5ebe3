// The rank-prediction study of Appendix A (Tables 5-8) and the choice of a proxy schedule and
// budget, as pure functions from run results to plain tables. No database here: the sweep store
// (or a test) supplies the runs, a reporter renders the tables (study_report.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "nasrank/ranking/bootstrap.h"
#include "nasrank/ranking/correlation.h"
#include "nasrank/ranking/reliability.h"

namespace nasrank::ranking {

/// What a run's training curve holds for the learning-curve predictors (predictors.h); empty
/// vectors where a run did not record them (records older than the loss blocks, imported runs
/// without curve columns).
struct LearningCurve {
  std::int64_t block_steps = 0;    ///< steps per entry of block_sums (0: no training-loss curve)
  std::int64_t steps = 0;          ///< steps the blocks cover; the last block holds what is left over
  std::vector<double> block_sums;  ///< summed minibatch training loss of each block, in order
  std::vector<double> val_acc;     ///< validation accuracy at each evaluation within the budget, in order
  std::vector<double> val_loss;    ///< validation loss at the same evaluations
};

/// One training run of one architecture, as the sweep records it.
struct RunResult {
  std::string arch;            ///< architecture id (its canonical hash)
  std::string schedule;        ///< schedule spec as printed ("linear", "step-d2")
  double budget_epochs = 0;    ///< the run's budget
  double budget_fraction = 0;  ///< budget_epochs / full budget, in (0, 1]
  int seed = 0;
  std::string status = "ok";                                        ///< ok | diverged | untrainable
  double best_val_acc = std::numeric_limits<double>::quiet_NaN();   ///< best checkpoint within the budget
  double final_val_acc = std::numeric_limits<double>::quiet_NaN();  ///< at the end of the budget
  double best_progress = std::numeric_limits<double>::quiet_NaN();  ///< p of the best checkpoint, in [0, 1]
  double seconds = std::numeric_limits<double>::quiet_NaN();        ///< wall time of the run
  std::int64_t steps = 0;
  bool reference = false;  ///< a full-budget run that defines the target ranking
  LearningCurve curve;     ///< for the learning-curve predictors
};

/// The learning-curve predictors' settings (predictors.h, docs/predictors.md).
struct PredictorOptions {
  /// tse_last sums the training losses over this last share of the budget (Ru et al.'s TSE-E,
  /// with E given as a share of the budget so that it works below one epoch).
  double tse_last_fraction = 0.25;
  /// loss_ema's time constant as a share of the budget: the per-step decay is exp(-1 / (w T)).
  double ema_window = 0.1;
  /// The ensemble `vote` averages the ranks of these (predictor names, `val_acc_best` for the
  /// budgeted accuracy of Table 6, or zero-cost score names); members absent from a cell are left
  /// out, and a vote needs two members.
  std::vector<std::string> vote = {"val_acc_best", "tse", "synflow"};
};

struct StudyOptions {
  /// Resamples, confidence and seed of every interval and of the paired tests.
  BootstrapOptions bootstrap;
  /// k of the top-k column (default: the best tenth of the architectures).
  StatisticOptions statistics;
  /// The tau of Table 6, the noise ceiling and the recommendation: a statistic_registry() name.
  /// The paper says "Kendall's tau"; tau-b is the variant that stays in [-1, 1] with ties.
  std::string tau_variant = "kendall_tau_b";
  /// Table 5 averages budgets of at least this share of the full budget (the paper: 10%).
  double best_progress_min_fraction = 0.1;
  /// The cheapest budget whose best tau is within this of the best overall is recommended.
  double tolerance = 0.02;
  /// A schedule's lead at a budget counts as significant when the paired test's p is below this.
  double significance = 0.05;
  /// The statistics Table 6 shows beside the tau, in this order, in every output of `rank` and of
  /// the report. By default the registry's (table6_statistics()); names must be distinct.
  std::vector<Statistic> table6_columns = table6_statistics();
  /// The learning-curve predictors and their ensemble.
  PredictorOptions predictors;
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
  Eigen::VectorXd seconds;   ///< median seconds of a run over seeds, by architecture; NaN where none
  std::size_t runs = 0;
};

/// The runs reduced as in Appendix A, with the architectures aligned across cells.
struct Aggregate {
  std::vector<std::string> archs;      ///< included architectures, sorted
  Eigen::VectorXd target;              ///< median best_val_acc of the reference runs, by architecture
  Eigen::VectorXd reference_seconds;   ///< median seconds of a reference run, by architecture
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

/// "1 (0.5%)": the budget in epochs, then its share of the full budget, as the paper prints it.
std::string budget_label(double epochs, double fraction);

/// One statistic of a Table 6 row beside the tau.
struct StatisticValue {
  std::string name;  ///< the Statistic's name (StudyOptions::table6_columns)
  double value = std::numeric_limits<double>::quiet_NaN();
  std::size_t parameter = 0;  ///< what its parameter resolved to (top-k's k); 0 when it has none
};

/// Table 6 and its extra columns: one schedule at one budget against the full-budget target.
struct CorrelationRow {
  std::string schedule;
  Budget budget;
  std::size_t n = 0;        ///< architectures with both a small-budget and a target accuracy
  std::size_t dropped = 0;  ///< included architectures without a small-budget accuracy here
  ConfidenceInterval tau;   ///< the options' tau variant, with its bootstrap interval
  /// One per StudyOptions::table6_columns, in that order.
  std::vector<StatisticValue> statistics;

  /// The statistic called `name`, or nullptr when the row has none.
  const StatisticValue* statistic(const std::string& name) const;
};

/// Tables 7 and 8: a mean over architectures for one schedule at one budget.
struct MeanRow {
  std::string schedule;
  Budget budget;
  std::size_t n = 0;
  double mean = std::numeric_limits<double>::quiet_NaN();
};

/// Table 5: where the best checkpoint lies within the budget, mean ± sample std over runs.
struct BestProgressRow {
  std::string schedule;
  std::size_t runs = 0;
  double mean = std::numeric_limits<double>::quiet_NaN();
  double std = std::numeric_limits<double>::quiet_NaN();
};

/// Tau between two full-budget seeds of the same architectures, averaged over seed pairs: how
/// well the target ranks itself, the most a proxy can be expected to reach.
struct NoiseCeiling {
  ConfidenceInterval tau;
  std::size_t seed_pairs = 0;  ///< pairs of reference seeds with a defined tau
  std::size_t n = 0;           ///< architectures with at least two reference seeds
};

/// How reliable the target is (reliability.h): the reference seeds' variance components, the
/// reliability of the median of `seeds` seeds, and the tau a perfect proxy can be expected to reach
/// against it (the ceiling matched to the target), beside the tau two single seeds are expected to
/// reach (what NoiseCeiling measures). Expected taus assume normal effects and noise; they are
/// given for Kendall's tau, Spearman's rho and Pearson's r and are NaN for other statistics.
struct TargetReliability {
  VarianceComponents components;
  int seeds = 0;  ///< reference seeds the target is the median of
  double reliability = std::numeric_limits<double>::quiet_NaN();
  double single_seed_reliability = std::numeric_limits<double>::quiet_NaN();
  double matched_ceiling = std::numeric_limits<double>::quiet_NaN();  ///< perfect proxy against the target
  double seed_vs_seed = std::numeric_limits<double>::quiet_NaN();     ///< one seed against another
  std::string reason;                                                 ///< why the numbers are NaN, empty otherwise
};

/// TargetReliability of the reference runs `by_seed` (architectures x seeds) for statistic `variant`.
TargetReliability target_reliability_of(const Eigen::MatrixXd& by_seed, const std::string& variant);

/// The schedule to use at one budget: the best by tau, its lead over the runner-up and whether the
/// lead survives a paired bootstrap on the same architectures.
struct BudgetChoice {
  Budget budget;
  std::string best;
  double best_tau = std::numeric_limits<double>::quiet_NaN();
  std::string runner_up;  ///< empty when only one schedule has a defined tau
  double runner_up_tau = std::numeric_limits<double>::quiet_NaN();
  PairedTest test;  ///< tau(best) - tau(runner_up)
  bool significant = false;
};

/// One zero-cost score of one architecture (synflow, snip, naswot, params, ...), computed at
/// initialisation beside the sweep. A larger value is taken to predict a better architecture.
struct ZeroCostScore {
  std::string arch;
  std::string score;                                          ///< "synflow"
  double value = std::numeric_limits<double>::quiet_NaN();    ///< NaN or infinite: left out, counted
  double seconds = std::numeric_limits<double>::quiet_NaN();  ///< time to compute it for this architecture
};

/// One score's agreement with the full-budget ranking.
struct ZeroCostRow {
  std::string score;
  std::size_t n = 0;          ///< included architectures with a finite score
  std::size_t nonfinite = 0;  ///< included architectures whose score is NaN or infinite, left out
  std::size_t missing = 0;    ///< included architectures without this score
  ConfidenceInterval tau;     ///< the study's tau variant, with its bootstrap interval
  double spearman = std::numeric_limits<double>::quiet_NaN();
  double seconds_per_arch = std::numeric_limits<double>::quiet_NaN();  ///< median over architectures
};

/// One learning-curve predictor (predictors.h) of the runs of one schedule at one budget: its
/// agreement with the full-budget ranking and the cost of the run that produced it.
struct PredictorRow {
  std::string predictor;             ///< a predictor_registry() name, or "vote"
  bool negated = false;              ///< lower is better (a loss): the value was negated before ranking
  std::vector<std::string> members;  ///< what the vote averaged; empty for other predictors
  std::string schedule;
  Budget budget;
  std::size_t n = 0;        ///< included architectures with a finite value
  std::size_t missing = 0;  ///< included architectures without one
  ConfidenceInterval tau;   ///< the study's tau variant, signed, with its bootstrap interval
  double spearman = std::numeric_limits<double>::quiet_NaN();
  /// Median run time of the cell's runs (plus the zero-cost members' time for a vote).
  double seconds_per_arch = std::numeric_limits<double>::quiet_NaN();
  Eigen::VectorXd values;  ///< by included architecture (Aggregate::archs), as ranked; NaN where none
};

/// A point of the "tau against compute" picture: one way to rank, what it costs per architecture.
struct CostPoint {
  std::string family;  ///< "budgeted", "learning curve", "zero-cost" or "full budget"
  std::string name;    ///< schedule, score, or the reference schedule
  std::string budget;  ///< budget label for budgeted points, empty otherwise
  double seconds = std::numeric_limits<double>::quiet_NaN();  ///< per architecture (median)
  ConfidenceInterval tau;
  bool frontier = false;  ///< no other point has at least its tau for less compute
};

/// Budgeted training against zero-cost scores: is the recommended budgeted proxy worth its compute
/// over the best zero-cost score?
struct FamilyChoice {
  bool found = false;     ///< false without a zero-cost score or a budgeted proxy with a defined tau
  std::string zero_cost;  ///< the zero-cost score with the highest tau
  double zero_cost_tau = std::numeric_limits<double>::quiet_NaN();
  double zero_cost_seconds = std::numeric_limits<double>::quiet_NaN();  ///< per architecture
  PairedTest test;  ///< tau(recommended budgeted proxy) - tau(best zero-cost score)
  /// "zero-cost" when the best score's tau is within the tolerance of the recommended budgeted
  /// proxy's (it then ranks about as well for a fraction of the compute), "budgeted" otherwise.
  std::string pick;
  bool significant = false;  ///< the budgeted proxy's lead survives the paired test
};

struct Recommendation {
  std::vector<BudgetChoice> per_budget;  ///< ascending budget; budgets with no defined tau left out
  bool found = false;                    ///< false when no cell has a defined tau
  BudgetChoice cheapest;                 ///< the cheapest budget whose best tau is within tolerance of the best
  BudgetChoice best;                     ///< the budget with the highest tau overall
  double tolerance = 0;
  double seconds_per_arch = std::numeric_limits<double>::quiet_NaN();            ///< median run time of `cheapest`
  double reference_seconds_per_arch = std::numeric_limits<double>::quiet_NaN();  ///< of a full-budget run
  FamilyChoice across_families;  ///< found only when zero-cost scores were given
  std::string text;              ///< the recommendation in one paragraph
};

/// Everything the `rank` command reports, ready for a reporter.
struct StudyTables {
  StudyOptions options;
  std::size_t architectures_seen = 0;
  std::size_t architectures_used = 0;
  std::vector<Exclusion> excluded;
  std::vector<std::string> schedules;  ///< row order
  std::vector<Budget> budgets;         ///< column order
  std::vector<CorrelationRow> table6;  ///< schedule-major, budgets ascending
  std::vector<MeanRow> table7;         ///< mean best_val_acc (median over seeds first)
  std::vector<MeanRow> table8;         ///< mean of best_val_acc / full-budget target
  std::vector<BestProgressRow> table5;
  NoiseCeiling noise_ceiling;
  TargetReliability target;
  std::vector<ZeroCostRow> zero_cost;    ///< one row per score, in order of first appearance
  std::vector<PredictorRow> predictors;  ///< predictor-major, then the cells' order; only where runs had the data
  std::vector<CostPoint> cost;           ///< budgeted cells, zero-cost scores and the full budget
  Recommendation recommendation;
};

/// Builds every table from the runs (aggregate_runs, then the statistics and the bootstrap) and,
/// when zero-cost scores are given, their taus, the cost points and the choice between the two
/// families. Throws nasrank::Error for invalid runs, scores (a pair given twice) or options.
StudyTables build_study_tables(const std::vector<RunResult>& runs, const StudyOptions& options = {},
                               const std::vector<ZeroCostScore>& zero_cost = {});

/// Every zero-cost score's tau against the aggregate's target, in order of first appearance, over
/// the architectures the aggregate includes; the tau variant and bootstrap come from `options`.
std::vector<ZeroCostRow> zero_cost_table(const std::vector<ZeroCostScore>& scores, const Aggregate& aggregate,
                                         const StudyOptions& options);

/// Budgeted cells (median run time per architecture), zero-cost scores, and the full budget's second
/// seed (the noise ceiling at the cost of a reference run, named `reference_schedule`);
/// `frontier` marks the Pareto front of tau against seconds.
std::vector<CostPoint> cost_points(const StudyTables& tables, const Aggregate& aggregate,
                                   const std::string& reference_schedule);

}  // namespace nasrank::ranking
