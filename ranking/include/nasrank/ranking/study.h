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
  bool reference = false;   ///< a full-budget run that defines the target ranking
  std::int64_t params = 0;  ///< parameters of the architecture; 0 when unknown
  LearningCurve curve;      ///< for the learning-curve predictors
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
  /// Family-wise level of the tests: a cell is significantly worse than the best when its Holm-
  /// adjusted two-sided p is below this; the same for a schedule's lead at one budget.
  double significance = 0.05;
  /// Least resamples of each test when the recommendation is recomputed without one architecture
  /// (the influence diagnostics): fewer than `bootstrap.resamples` keeps n recomputations
  /// affordable, but never fewer than 10 m / `significance` for m comparisons (up to
  /// `bootstrap.resamples`), so that Holm's adjusted p can resolve the level.
  int influence_resamples = 200;
  /// The difference in tau the sample-size advice sizes a study to separate (80% power).
  double advice_difference = 0.15;
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

/// "1 (0.5%)": the budget in epochs, then its share of the full budget, as the paper prints it.
std::string budget_label(double epochs, double fraction);

/// One statistic of a Table 6 row beside the tau.
struct StatisticValue {
  std::string name;  ///< the Statistic's name (StudyOptions::table6_columns)
  double value = std::numeric_limits<double>::quiet_NaN();
  std::size_t parameter = 0;  ///< what its parameter resolved to (top-k's k); 0 when it has none
};

/// An architecture whose removal moves a statistic, and the statistic without it.
struct Mover {
  std::string arch;
  double without = std::numeric_limits<double>::quiet_NaN();
};

/// Leave-one-architecture-out diagnostics of one statistic: its range when each architecture in
/// turn is left out, and the architectures whose removal moves it by more than its bootstrap SE
/// (largest move first). A headline that one architecture carries shows here.
struct Influence {
  double min = std::numeric_limits<double>::quiet_NaN();
  double max = std::numeric_limits<double>::quiet_NaN();
  std::vector<Mover> movers;
  Mover most;  ///< the architecture whose removal moves it most, whether or not by more than its SE
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
  /// Like for like with the noise ceiling: the tau against each single reference seed, averaged
  /// over the seeds (the ceiling is one seed against another).
  double tau_single_seed = std::numeric_limits<double>::quiet_NaN();
  /// Partial tau controlling for log(parameters) (Kendall 1942): what the proxy knows beyond size.
  ConfidenceInterval beyond_size;
  Influence influence;  ///< of the tau
  /// Compute per architecture: the median over architectures of the seconds of all runs its
  /// median uses.
  double seconds_per_arch = std::numeric_limits<double>::quiet_NaN();

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

/// Size as a baseline: how well log(parameters) alone ranks the target.
struct SizeBaseline {
  ConfidenceInterval tau;
  std::size_t n = 0;   ///< architectures with a known parameter count
  std::string reason;  ///< why there is none (no parameter counts), empty otherwise
};

/// The partial correlation of x and y controlling for z from the three pairwise values of one
/// statistic: (s_xy - s_xz s_yz) / sqrt((1 - s_xz^2)(1 - s_yz^2)). For Kendall's tau this is
/// Kendall's partial tau (Kendall 1942, "Partial rank correlation", Biometrika 32); for Pearson's r
/// and Spearman's rho the usual partial correlation. NaN when |s_xz| or |s_yz| is 1 or any is NaN.
double partial_correlation(double s_xy, double s_xz, double s_yz);

/// What a pilot study says about the size of the next one. Bootstrap standard errors of tau shrink
/// as 1/sqrt(n) (tau is a U-statistic; Hoeffding 1948), so an interval of half-width w on n
/// architectures is about w sqrt(n / N) on N; more reference seeds raise the matched ceiling.
struct SampleSizeAdvice {
  std::size_t n = 0;                                                ///< architectures now
  double half_width = std::numeric_limits<double>::quiet_NaN();     ///< of the best cell's tau interval now
  double difference_se = std::numeric_limits<double>::quiet_NaN();  ///< median SE of a difference from the best
  double difference = std::numeric_limits<double>::quiet_NaN();     ///< the difference to separate
  std::size_t archs_to_separate = 0;  ///< N that separates `difference` at the level with 80% power; 0 if unknown
  std::vector<std::pair<std::size_t, double>> half_widths;  ///< (N, expected half-width) for N = n, 2n, 4n, 8n
  std::vector<std::pair<int, double>> ceilings;             ///< (reference seeds, matched ceiling) for 1..5 seeds
};

/// The schedule to use at one budget: the best by tau, its lead over the runner-up and whether the
/// lead survives a two-sided paired bootstrap test on the same architectures, Holm-corrected over
/// the budgets.
struct BudgetChoice {
  Budget budget;
  std::string best;
  double best_tau = std::numeric_limits<double>::quiet_NaN();
  std::string runner_up;  ///< empty when only one schedule has a defined tau
  double runner_up_tau = std::numeric_limits<double>::quiet_NaN();
  PairedTest test;                                           ///< tau(best) - tau(runner_up), two-sided p
  double p_holm = std::numeric_limits<double>::quiet_NaN();  ///< test.p_value adjusted over the budgets
  bool significant = false;                                  ///< p_holm below the level
};

/// One cell against the best cell of the study.
struct CellComparison {
  std::string schedule;
  Budget budget;
  double tau = std::numeric_limits<double>::quiet_NaN();
  double seconds_per_arch = std::numeric_limits<double>::quiet_NaN();
  PairedTest test;                                           ///< tau(best cell) - tau(this cell), two-sided p
  double p_holm = std::numeric_limits<double>::quiet_NaN();  ///< adjusted over every cell compared with the best
  bool worse = false;                                        ///< significantly worse than the best
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
  ConfidenceInterval beyond_size;                                      ///< partial tau controlling for log(parameters)
  Influence influence;                                                 ///< of the tau
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
  /// Compute of the cell's runs, as a Table 6 cell's (plus the zero-cost members' time for a vote).
  double seconds_per_arch = std::numeric_limits<double>::quiet_NaN();
  Eigen::VectorXd values;          ///< by included architecture (Aggregate::archs), as ranked; NaN where none
  ConfidenceInterval beyond_size;  ///< partial tau controlling for log(parameters)
  Influence influence;             ///< of the tau
};

/// A point of the "tau against compute" picture: one way to rank, what it costs per architecture.
struct CostPoint {
  std::string family;  ///< "budgeted", "learning curve", "zero-cost" or "full budget"
  std::string name;    ///< schedule, score, or the reference schedule
  std::string budget;  ///< budget label for budgeted points, empty otherwise
  double seconds = std::numeric_limits<double>::quiet_NaN();  ///< per architecture (median)
  ConfidenceInterval tau;
  bool frontier = false;  ///< no other point has at least its tau for less compute
  /// The same point as identifiers and numbers, for the data form: the schedule, predictor or
  /// score alone, the schedule of a budgeted or learning-curve point, the budget in epochs and as
  /// a share of the full budget (NaN when there is none).
  std::string proxy;
  std::string schedule;
  double budget_epochs = std::numeric_limits<double>::quiet_NaN();
  double budget_fraction = std::numeric_limits<double>::quiet_NaN();
};

/// Budgeted training against zero-cost scores: is the recommended budgeted proxy worth its compute
/// over the best zero-cost score?
struct FamilyChoice {
  bool found = false;     ///< false without a zero-cost score or a budgeted proxy with a defined tau
  std::string zero_cost;  ///< the zero-cost score with the highest tau
  double zero_cost_tau = std::numeric_limits<double>::quiet_NaN();
  double zero_cost_seconds = std::numeric_limits<double>::quiet_NaN();  ///< per architecture
  PairedTest test;  ///< tau(recommended budgeted proxy) - tau(best zero-cost score)
  /// "zero-cost" when the best score is not significantly worse than the budgeted proxy it is
  /// compared with (it then ranks as well as this study can tell, for a fraction of the compute),
  /// "budgeted" when it is.
  std::string pick;
  bool significant = false;  ///< the two-sided paired test rejects at the level
};

/// The choice of a proxy with its uncertainty: the best cell by tau, every other cell tested
/// against it (two-sided, Holm over the cells), and the cheapest cell not significantly worse.
struct Recommendation {
  std::vector<BudgetChoice> per_budget;  ///< ascending budget; budgets with no defined tau left out
  bool found = false;                    ///< false when no cell has a defined tau
  /// True when some cell is significantly worse than the best: the data can tell cells apart, and
  /// `cheapest` is the recommendation. False: nothing is distinguishable and nothing is recommended.
  bool distinguishable = false;
  /// True when a cell is recommended: cells are distinguishable and `cheapest`, the cheapest cell
  /// not significantly worse than the best, has a tau interval above 0 (ranks better than chance).
  bool recommends = false;
  BudgetChoice cheapest;            ///< the cheapest cell not significantly worse than the best (schedule in `best`)
  BudgetChoice best;                ///< the cell with the highest tau overall
  ConfidenceInterval cheapest_tau;  ///< the recommended cell's tau with its interval
  ConfidenceInterval cheapest_beyond_size;   ///< its partial tau controlling for size
  std::vector<CellComparison> against_best;  ///< every other cell with a defined tau, cheapest first
  /// When nothing is distinguishable: the cell the rule would pick were the tests to tell cells apart
  /// (the cheapest that ranks better than chance), for a user who must choose now; no claim that it
  /// is as good as the best. `fallback.best` (the schedule) is empty when there is none.
  BudgetChoice fallback;
  ConfidenceInterval fallback_tau;
  /// Architectures whose removal alone changes the recommendation (or whether there is one).
  std::vector<std::string> influential;
  double seconds_per_arch = std::numeric_limits<double>::quiet_NaN();            ///< compute of `cheapest`
  double reference_seconds_per_arch = std::numeric_limits<double>::quiet_NaN();  ///< of one full-budget run
  FamilyChoice across_families;  ///< found only when zero-cost scores were given
  std::string text;              ///< the recommendation in one paragraph
  /// The tail of `text` from the verdict on (the choice, then zero-cost scores and predictors),
  /// without the per-budget lines before it: what a summary leads with.
  std::string verdict;
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
  SizeBaseline size;
  SampleSizeAdvice advice;
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

/// The recommendation of `tables` (its Table 6, cost and zero-cost rows) on the aggregate's
/// architectures: the best cell by tau; every other cell tested against it with a two-sided paired
/// bootstrap test, Holm-adjusted over the cells; the cheapest cell not significantly worse than the
/// best, or "nothing distinguishable" when no cell is; the per-budget leads (Holm over budgets);
/// the leave-one-architecture-out check of the outcome; the best zero-cost score against it.
Recommendation recommend(const StudyTables& tables, const Aggregate& aggregate,
                         const std::vector<ZeroCostScore>& zero_cost);

/// The sample-size advice from the tables' intervals, tests and variance components.
SampleSizeAdvice sample_size_advice(const StudyTables& tables);

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
