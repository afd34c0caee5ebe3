// The rank-prediction study of Appendix A (Tables 5-8) and the choice of a proxy schedule and
// budget, as pure functions from run results to plain tables. No database here: the sweep store
// (or a test) supplies the runs (runs.h), a reporter renders the tables (study_tables.h,
// study_report.h). The rows are in rows.h, the recommendation in recommendation.h.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "nasrank/ranking/bootstrap.h"
#include "nasrank/ranking/correlation.h"
#include "nasrank/ranking/recommendation.h"
#include "nasrank/ranking/rows.h"
#include "nasrank/ranking/runs.h"

namespace nasrank::ranking {

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

/// The partial correlation of x and y controlling for z from the three pairwise values of one
/// statistic: (s_xy - s_xz s_yz) / sqrt((1 - s_xz^2)(1 - s_yz^2)). For Kendall's tau this is
/// Kendall's partial tau (Kendall 1942, "Partial rank correlation", Biometrika 32); for Pearson's r
/// and Spearman's rho the usual partial correlation. NaN when |s_xz| or |s_yz| is 1 or any is NaN.
double partial_correlation(double s_xy, double s_xz, double s_yz);

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
