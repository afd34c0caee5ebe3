// Uncertainty of a statistic over architectures: seeded percentile bootstrap intervals, a paired
// two-sided bootstrap test of whether two proxies rank the same architectures equally well, and
// Holm's correction for a family of such tests.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "nasrank/ranking/correlation.h"

namespace nasrank::ranking {

struct BootstrapOptions {
  /// Resamples drawn; 1000 is the usual floor for 95% percentile intervals (Efron & Tibshirani).
  int resamples = 1000;
  /// Two-sided coverage of the interval.
  double confidence = 0.95;
  /// Seed of the resampling: the same seed gives the same intervals on every platform.
  std::uint64_t seed = 0;
};

/// A percentile interval around a point estimate.
struct ConfidenceInterval {
  double estimate = std::numeric_limits<double>::quiet_NaN();  ///< statistic of the data as given
  double lower = std::numeric_limits<double>::quiet_NaN();
  double upper = std::numeric_limits<double>::quiet_NaN();
  double confidence = 0.95;
  int resamples = 0;  ///< drawn
  int undefined = 0;  ///< resamples where the statistic was NaN (e.g. all tied), left out
  /// Sample standard deviation of the defined resampled values: the bootstrap standard error.
  double standard_error = std::numeric_limits<double>::quiet_NaN();
  std::string reason;  ///< why the bounds are NaN, empty otherwise
};

/// A statistic of the architectures picked by `rows` (indices into the caller's data, with
/// repeats): the bootstrap draws such index vectors.
using IndexStatistic = std::function<double(const std::vector<std::size_t>& rows)>;
/// A statistic of two paired samples (kendall_tau_b(x, y).value and the like).
using PairStatistic = std::function<double(const ConstVec& x, const ConstVec& y)>;

/// Draws `resamples` vectors of n indices uniformly with replacement from 0..n-1. Indices come
/// from nasrank::Rng (SplitMix64 with rejection sampling), so they are the same on every standard
/// library; resample b depends only on (seed, b).
std::vector<std::size_t> bootstrap_rows(std::size_t n, std::uint64_t seed, int resample);

/// The q-quantile (0 <= q <= 1) of `sorted` by linear interpolation between order statistics
/// (Hyndman & Fan type 7, numpy's default). `sorted` must be ascending and not empty.
double quantile_sorted(const std::vector<double>& sorted, double q);

/// Percentile interval of `stat` over n architectures: the statistic on the identity rows is the
/// estimate, the (1-confidence)/2 and (1+confidence)/2 quantiles of the resampled values are the
/// bounds. NaN resamples are counted and left out; the bounds are NaN (with a reason) when fewer
/// than half of the resamples are defined.
ConfidenceInterval bootstrap_ci(std::size_t n, const IndexStatistic& stat, const BootstrapOptions& options);

/// bootstrap_ci for a statistic of paired samples; pairs with a NaN are dropped first.
ConfidenceInterval bootstrap_ci(const ConstVec& x, const ConstVec& y, const PairStatistic& stat,
                                const BootstrapOptions& options);

/// Do stat(x1, y) and stat(x2, y) differ on the same architectures?
struct PairedTest {
  ConfidenceInterval difference;  ///< of stat(x1, y) - stat(x2, y), resampling rows jointly
  /// Two-sided p of H0 "no difference", from the bootstrap distribution moved to the null by
  /// centring it on the estimate d: (1 + #{|d* - d| >= |d|}) / (1 + defined resamples) (Hall &
  /// Wilson 1991, "Two guidelines for bootstrap hypothesis testing", guideline 1; the add-one form
  /// of Davison & Hinkley 1997, eq. 4.11). Resampling d* - d rather than counting d* <= 0 is what
  /// makes the p-value uniform under the null.
  double p_value = std::numeric_limits<double>::quiet_NaN();
  std::size_t n = 0;        ///< architectures with x1, x2 and y all not NaN
  std::size_t dropped = 0;  ///< architectures left out for a NaN
};

PairedTest paired_bootstrap_test(const ConstVec& x1, const ConstVec& x2, const ConstVec& y, const PairStatistic& stat,
                                 const BootstrapOptions& options);

/// Holm's step-down adjusted p-values (Holm 1979, "A simple sequentially rejective multiple test
/// procedure"): with the m defined p-values sorted ascending, p_(j) becomes max over i <= j of
/// min(1, (m - i + 1) p_(i)). Rejecting where the adjusted p is below alpha holds the family-wise
/// error rate at alpha. NaN p-values stay NaN and do not count in m. Same order as `p`.
std::vector<double> holm_adjust(const std::vector<double>& p);

/// One registered statistic of a pair of columns, with its bootstrap interval.
struct StatisticResult {
  const Statistic* statistic = nullptr;
  Correlation value;
  ConfidenceInterval interval;  ///< NaN bounds when no resampling was asked for
};

/// Every statistic of the registry for `x` against `y` (rows with a NaN in either are left out),
/// each with a percentile interval from `bootstrap` when its resamples are above 0.
std::vector<StatisticResult> correlate_all(const Eigen::VectorXd& x, const Eigen::VectorXd& y,
                                           const StatisticOptions& options, const BootstrapOptions& bootstrap);

}  // namespace nasrank::ranking
