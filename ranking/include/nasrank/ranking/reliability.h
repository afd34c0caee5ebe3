// How reliable the full-budget target is, from the reference runs' seeds: the variance between
// architectures against the seed-to-seed variance within one, the reliability of a target that
// aggregates k seeds, and the Kendall tau a perfect proxy can be expected to reach against it (the
// ceiling matched to the target, where tau between two single seeds is the ceiling of a
// single-seed target only).
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>

#include <Eigen/Core>

namespace nasrank::ranking {

/// One-way random-effects variance components of accuracy = architecture effect + seed noise.
struct VarianceComponents {
  double between = std::numeric_limits<double>::quiet_NaN();  ///< sigma_a^2: of the architectures' true values
  double within = std::numeric_limits<double>::quiet_NaN();   ///< sigma_e^2: of one run around its architecture's
  std::size_t archs = 0;                                      ///< architectures with at least one finite value
  std::size_t runs = 0;                                       ///< finite values used
  /// between / (between + within): the share of a single run's variance that is the architecture.
  double intraclass_correlation() const;
};

/// The ANOVA (method-of-moments) estimates from `by_seed` (rows: architectures, columns: seeds;
/// NaN: missing), unbalanced designs included (Searle, Casella, McCulloch, Variance Components,
/// 1992, Sec. 3.5): within = the pooled within-architecture variance, between = (MSB - MSW) / n0
/// with n0 = (N - sum n_i^2 / N) / (a - 1), set to 0 when negative. NaN components when no
/// architecture has two seeds or fewer than two architectures have values.
VarianceComponents variance_components(const Eigen::MatrixXd& by_seed);

/// Var(median of k iid N(0, 1)): 1/k for k <= 2; for larger k a fixed-seed Monte Carlo estimate
/// (200,000 draws, about 0.5% relative error), e.g. 0.449 for k = 3. The target is a median.
double median_variance_factor(int k);

/// Reliability of a target that is the median of `k` seeds: between / (between + within * f(k)),
/// f = median_variance_factor. NaN when the components are.
double target_reliability(const VarianceComponents& components, int k);

/// The expected Kendall tau between the architectures' true values (a perfect proxy) and a target
/// of reliability r, when both are jointly normal: (2 / pi) asin(sqrt(r)) (Greiner's relation, tau =
/// 2/pi asin(rho), with rho = sqrt(r) the correlation of truth and target). Likewise for two
/// independent targets of reliabilities r1 and r2: rho = sqrt(r1 r2).
double expected_tau(double reliability_a, double reliability_b = 1.0);

/// The population value of statistic `name` for jointly normal variables of correlation rho:
/// Kendall's tau (a or b) (2/pi) asin(rho), Spearman's rho (6/pi) asin(rho/2) (Pearson 1907),
/// Pearson's r rho itself; NaN for statistics without a closed form (weighted tau, top-k).
double normal_population_value(const std::string& name, double rho);

}  // namespace nasrank::ranking
