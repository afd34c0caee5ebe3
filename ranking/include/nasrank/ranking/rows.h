// The rows of the study's tables: what every proxy row carries (ProxyStatistics), Table 6's cells,
// Tables 5, 7 and 8, the ceilings and baselines, zero-cost scores, learning-curve predictors and the
// cost of every way to rank. Plain data; study.h builds them, study_tables.h describes them.
#pragma once

#include <cstddef>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "nasrank/ranking/bootstrap.h"
#include "nasrank/ranking/correlation.h"
#include "nasrank/ranking/reliability.h"
#include "nasrank/ranking/runs.h"

namespace nasrank::ranking {

struct StudyOptions;

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

/// A statistic of proxy_statistic_registry() on one proxy, with its bootstrap interval.
struct ProxyEstimate {
  std::string name;  ///< the registry entry's name, which is also its field in the data form
  ConfidenceInterval value;
};

/// What every row that ranks architectures against the target carries, whatever the proxy (a
/// schedule at a budget, a zero-cost score, a learning-curve predictor): computed in one place
/// (internal::proxy_statistics), shown by one block of columns (study_tables.cpp).
struct ProxyStatistics {
  std::size_t n = 0;        ///< architectures with both the proxy's value and the target
  std::size_t dropped = 0;  ///< included architectures the tau could not use (no value of the proxy)
  ConfidenceInterval tau;   ///< the study's tau variant, with its bootstrap interval
  /// One per proxy_statistic_registry() entry, in its order (beyond size first).
  std::vector<ProxyEstimate> beside_tau;
  Influence influence;  ///< of the tau

  /// The estimate of registry entry `name`; a NaN interval (its reason set) when the row has none.
  const ConfidenceInterval& estimate(const std::string& name) const;
};

/// A statistic every proxy row shows beside its tau: one entry here is its computation, its
/// column in every proxy table of `rank` and of the report, and its fields in their data forms.
struct ProxyStatisticInfo {
  std::string name;    ///< "beyond_size": the data form's fields are name, name_lower, name_upper
  std::string label;   ///< the shown column's header: "beyond size"
  std::string phrase;  ///< what it is, for a table's caption: "beyond size: Kendall's partial tau ..."
  /// The statistic of proxy `x` (aligned with `aggregate.archs`, NaN where none) on the
  /// architectures `used` (those with both x and the target), with its interval.
  std::function<ConfidenceInterval(const Eigen::VectorXd& x, const Aggregate& aggregate,
                                   const std::vector<std::size_t>& used, const StudyOptions& options)>
      compute;
};

/// The statistics beside every proxy's tau, in the order of their columns.
const std::vector<ProxyStatisticInfo>& proxy_statistic_registry();

/// Table 6 and its extra columns: one schedule at one budget against the full-budget target.
struct CorrelationRow {
  std::string schedule;
  Budget budget;
  ProxyStatistics stats;  ///< against the target; dropped: included architectures without a result here
  /// One per StudyOptions::table6_columns, in that order.
  std::vector<StatisticValue> statistics;
  /// Like for like with the noise ceiling: the tau against each single reference seed, averaged
  /// over the seeds (the ceiling is one seed against another).
  double tau_single_seed = std::numeric_limits<double>::quiet_NaN();
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
  /// Both expected taus with bootstrap intervals over architectures (the variance components
  /// estimated again on each resample of the reference runs' rows).
  ConfidenceInterval matched_ceiling_interval;
  ConfidenceInterval seed_vs_seed_interval;
  std::string reason;  ///< why the numbers are NaN, empty otherwise
};

/// TargetReliability of the reference runs `by_seed` (architectures x seeds) for statistic
/// `variant`, its intervals from `bootstrap`.
TargetReliability target_reliability_of(const Eigen::MatrixXd& by_seed, const std::string& variant,
                                        const BootstrapOptions& bootstrap);

/// Whether the normal model behind the matched ceiling fits the runs it came from: true when the
/// agreement of two single seeds it expects lies within the interval of the one measured (the
/// noise ceiling), false when outside, and nullopt when either is not defined.
std::optional<bool> ceiling_model_fits(const TargetReliability& target, const NoiseCeiling& measured);

/// Size as a baseline: how well log(parameters) alone ranks the target.
struct SizeBaseline {
  ConfidenceInterval tau;
  std::size_t n = 0;   ///< architectures with a known parameter count
  std::string reason;  ///< why there is none (no parameter counts), empty otherwise
};

/// One score's agreement with the full-budget ranking.
struct ZeroCostRow {
  std::string score;
  std::size_t nonfinite = 0;  ///< included architectures whose score is NaN or infinite, left out
  std::size_t missing = 0;    ///< included architectures without this score
  ProxyStatistics stats;      ///< n: included architectures with a finite score
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
  std::size_t missing = 0;  ///< included architectures without a finite value
  ProxyStatistics stats;    ///< of the values as ranked (a loss negated)
  double spearman = std::numeric_limits<double>::quiet_NaN();
  /// Compute of the cell's runs, as a Table 6 cell's (plus the zero-cost members' time for a vote).
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
  /// The same point as identifiers and numbers, for the data form: the schedule, predictor or
  /// score alone, the schedule of a budgeted or learning-curve point, the budget in epochs and as
  /// a share of the full budget (NaN when there is none).
  std::string proxy;
  std::string schedule;
  double budget_epochs = std::numeric_limits<double>::quiet_NaN();
  double budget_fraction = std::numeric_limits<double>::quiet_NaN();
};

}  // namespace nasrank::ranking
