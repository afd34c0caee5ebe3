// Rank and linear correlations between two paired samples (small-budget vs full-budget accuracy),
// as free functions over Eigen vectors. No torch here: this compiles in seconds.
#pragma once

#include <cstddef>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include <Eigen/Core>

namespace nasrank::ranking {

/// Any contiguous vector of doubles: an Eigen::VectorXd, a segment of one, or an Eigen::Map over
/// a std::vector<double>.
using ConstVec = Eigen::Ref<const Eigen::VectorXd>;

/// The value of a statistic and what it was computed from. A pair with a NaN in x or in y is
/// dropped before computing and counted in `dropped`. When the statistic is undefined (fewer than
/// three pairs: on two every correlation is +-1; a constant sample, k out of range) `value` is NaN and `reason` says
/// why; nothing throws for such data.
struct Correlation {
  double value = std::numeric_limits<double>::quiet_NaN();
  std::size_t n = 0;        ///< pairs used (both values not NaN)
  std::size_t dropped = 0;  ///< pairs dropped because x or y was NaN
  std::string reason;       ///< empty when `value` is defined

  bool defined() const { return reason.empty(); }
};

/// Kendall's tau-b, (C - D) / sqrt((n0 - n1)(n0 - n2)) with n0 = n(n-1)/2 and n1, n2 the pairs
/// tied in x and in y: Knight's O(n log n) algorithm (sort by x then y, count discordant pairs as
/// the swaps of a merge sort on y). Equals scipy.stats.kendalltau(x, y, variant='b').
Correlation kendall_tau_b(const ConstVec& x, const ConstVec& y);

/// Kendall's tau-a, (C - D) / n0: tied pairs count in the denominator, so ties pull it to 0.
Correlation kendall_tau_a(const ConstVec& x, const ConstVec& y);

/// Spearman's rho: Pearson's r of the ranks, tied values sharing their average rank.
Correlation spearman_rho(const ConstVec& x, const ConstVec& y);

/// Pearson's product-moment correlation r (two-pass, centred).
Correlation pearson_r(const ConstVec& x, const ConstVec& y);

/// Weighted Kendall tau with hyperbolic weights (Vigna 2015), as scipy.stats.weightedtau(x, y)
/// with its defaults: each element gets a rank r by decreasing (x, y) (ties in both broken by
/// position, the later one ranking higher), weight w(r) = 1/(r+1); a pair weighs w(r_i) + w(r_j);
/// tau_w = (weighted concordant - weighted discordant) / sqrt(weight not tied in x) /
/// sqrt(weight not tied in y); the result is the mean of this with ranks taken from (x, y) and
/// from (y, x). Agreement among the largest values (the best architectures) weighs most.
Correlation weighted_tau(const ConstVec& x, const ConstVec& y);

/// |top-k of x ∩ top-k of y| / k, top meaning largest. Ties straddling the k-th place are broken
/// uniformly at random, independently in x and y, and the expected overlap is returned (exact,
/// not sampled): an element tied at the cut-off is in the top-k with probability
/// (free places) / (tied elements). Needs 1 <= k <= n.
Correlation top_k_precision(const ConstVec& x, const ConstVec& y, std::size_t k);

/// (tau_a + 1) / 2 = (C + T/2) / n0 with T the pairs tied in x or y: the probability that a
/// random pair of architectures is put in the right order when ties are settled by a coin flip.
/// Without ties it is (tau + 1) / 2, as in Appendix A of the paper.
Correlation pair_order_probability(const ConstVec& x, const ConstVec& y);

/// Average ranks (1-based; ties share the mean of their positions), ascending by value. Values
/// must not be NaN.
Eigen::VectorXd average_ranks(const ConstVec& v);

/// Copies the pairs where neither x nor y is NaN; `dropped` receives how many were not.
void drop_nan_pairs(const ConstVec& x, const ConstVec& y, Eigen::VectorXd& x_out, Eigen::VectorXd& y_out,
                    std::size_t& dropped);

// ---- The statistics by name, for --help, the CLI and the reports ----

/// Parameters some statistics take; the others ignore them.
/// The smallest automatic k of top-k precision: with k = 1 or 2 the statistic is all or nothing.
inline constexpr std::size_t kMinTopK = 5;

struct StatisticOptions {
  /// k of top-k precision; 0 picks max(5, ceil(top_fraction * n)) (the best tenth, at least five),
  /// and leaves the statistic undefined when that k is more than half of n.
  std::size_t top_k = 0;
  /// The share of architectures in the "top" when top_k is 0.
  double top_fraction = 0.1;
};

/// The k that `options` gives for n pairs (at least kMinTopK when automatic).
std::size_t resolve_top_k(const StatisticOptions& options, std::size_t n);

/// A setting a statistic settles for each sample and reports beside its value: top-k precision's k.
struct StatisticParameter {
  std::string key;     ///< "top_k": its JSON key and data column, written just before the statistic's own
  std::string symbol;  ///< "k": a table's header says "top_k_precision (k)" and a cell "0.3333 (3)"
  /// Its value for n pairs (those without NaN) under `options`; empty for a statistic without one.
  std::function<std::size_t(std::size_t n, const StatisticOptions& options)> resolve;
};

/// A statistic and everything an output needs to show it: a table, a caption, a JSON key or a CSV
/// metric takes it from here, so that adding an entry to the registry is all a new statistic needs.
struct Statistic {
  std::string name;     ///< "kendall_tau_b": the JSON key, the CSV metric and the name on the command line
  std::string summary;  ///< one line for --help and the reports
  std::function<Correlation(const ConstVec& x, const ConstVec& y, const StatisticOptions& options)> compute;
  /// The name a reader knows it by ("Kendall's tau-b") for titles, captions and axes; empty when
  /// `name` is all it has.
  std::string title;
  /// How a caption lists it among the columns of Table 6 ("Spearman's rho"). Not empty: Table 6 of
  /// `rank` and of the report shows it beside the tau, in every format (table6_statistics()).
  std::string table6_phrase;
  /// The setting it reports beside its value, when it has one (`key` not empty).
  StatisticParameter parameter;
};

/// Every statistic, in the order reports list them.
const std::vector<Statistic>& statistic_registry();

/// The statistic called `name`; throws nasrank::Error listing the names when there is none.
const Statistic& find_statistic(const std::string& name);

/// The statistics Table 6 shows beside its tau: the registry's entries with a `table6_phrase`, in
/// registry order.
std::vector<Statistic> table6_statistics();

/// "Kendall's tau-b" for "kendall_tau_b": the title of the statistic called `name`, or `name` itself
/// when it has no title or no statistic has that name.
std::string statistic_title(const std::string& name);

}  // namespace nasrank::ranking
