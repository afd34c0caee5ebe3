// The correlation statistics against hand-worked small cases (worked out in the comments) and
// against O(n^2) brute-force definitions on random inputs with many ties.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <set>

#include "nasrank/core/error.h"
#include "nasrank/ranking/correlation.h"

namespace nasrank::ranking {
namespace {

Eigen::VectorXd vec(std::initializer_list<double> v) {
  Eigen::VectorXd out(static_cast<Eigen::Index>(v.size()));
  Eigen::Index i = 0;
  for (double x : v) out[i++] = x;
  return out;
}

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

int sign(double v) { return (v > 0) - (v < 0); }

// ---- Brute-force references, written from the definitions ----

struct BrutePairs {
  double concordant = 0, discordant = 0, tied_x = 0, tied_y = 0, total = 0;
};

BrutePairs brute_pairs(const Eigen::VectorXd& x, const Eigen::VectorXd& y) {
  BrutePairs p;
  for (Eigen::Index i = 0; i < x.size(); ++i)
    for (Eigen::Index j = i + 1; j < x.size(); ++j) {
      const int s = sign(x[i] - x[j]) * sign(y[i] - y[j]);
      p.total += 1;
      p.concordant += s > 0;
      p.discordant += s < 0;
      p.tied_x += x[i] == x[j];
      p.tied_y += y[i] == y[j];
    }
  return p;
}

double brute_tau_b(const Eigen::VectorXd& x, const Eigen::VectorXd& y) {
  const BrutePairs p = brute_pairs(x, y);
  return (p.concordant - p.discordant) / std::sqrt((p.total - p.tied_x) * (p.total - p.tied_y));
}

/// Rank by counting: 1 + (values below) + (other values equal) / 2.
Eigen::VectorXd brute_ranks(const Eigen::VectorXd& v) {
  Eigen::VectorXd r(v.size());
  for (Eigen::Index i = 0; i < v.size(); ++i) {
    double below = 0, equal = 0;
    for (Eigen::Index j = 0; j < v.size(); ++j) {
      below += v[j] < v[i];
      equal += j != i && v[j] == v[i];
    }
    r[i] = 1 + below + equal / 2;
  }
  return r;
}

/// Pearson by the one-pass textbook formula (a different computation from the library's).
double textbook_pearson(const Eigen::VectorXd& x, const Eigen::VectorXd& y) {
  const double n = static_cast<double>(x.size());
  const double sx = x.sum(), sy = y.sum(), sxy = x.dot(y), sxx = x.dot(x), syy = y.dot(y);
  return (n * sxy - sx * sy) / std::sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
}

/// Vigna's weighted tau from its definition: O(n^2) pairs, ranks by counting how many elements
/// come before in decreasing (primary, secondary, index) order.
double brute_weighted_ranked(const Eigen::VectorXd& p, const Eigen::VectorXd& s) {
  const Eigen::Index n = p.size();
  std::vector<double> w(static_cast<std::size_t>(n));
  for (Eigen::Index i = 0; i < n; ++i) {
    int rank = 0;
    for (Eigen::Index j = 0; j < n; ++j)
      rank += p[j] > p[i] || (p[j] == p[i] && (s[j] > s[i] || (s[j] == s[i] && j > i)));
    w[static_cast<std::size_t>(i)] = 1.0 / (rank + 1);
  }
  double num = 0, not_tied_p = 0, not_tied_s = 0;
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = i + 1; j < n; ++j) {
      const double wij = w[static_cast<std::size_t>(i)] + w[static_cast<std::size_t>(j)];
      num += wij * sign(p[i] - p[j]) * sign(s[i] - s[j]);
      not_tied_p += wij * (p[i] != p[j]);
      not_tied_s += wij * (s[i] != s[j]);
    }
  return num / std::sqrt(not_tied_p * not_tied_s);
}

double brute_top_k(const Eigen::VectorXd& x, const Eigen::VectorXd& y, std::size_t k) {
  auto membership = [&](const Eigen::VectorXd& v, Eigen::Index i) {
    double above = 0, equal = 0;
    for (Eigen::Index j = 0; j < v.size(); ++j) {
      above += v[j] > v[i];
      equal += v[j] == v[i];
    }
    const double kk = static_cast<double>(k);
    if (above + equal <= kk) return 1.0;
    if (above >= kk) return 0.0;
    return (kk - above) / equal;
  };
  double overlap = 0;
  for (Eigen::Index i = 0; i < x.size(); ++i) overlap += membership(x, i) * membership(y, i);
  return overlap / static_cast<double>(k);
}

/// Random samples with many ties: values drawn from only `levels` distinct numbers.
Eigen::VectorXd tied_sample(std::mt19937_64& gen, Eigen::Index n, int levels) {
  std::uniform_int_distribution<int> d(0, levels - 1);
  Eigen::VectorXd v(n);
  for (Eigen::Index i = 0; i < n; ++i) v[i] = d(gen) * 0.25;
  return v;
}

// ---- Hand-worked cases ----

// x = 1 2 3 4 5, y = 3 1 2 5 4. The pairs (i<j), concordant when y rises:
// (1,2) 3>1 D, (1,3) 3>2 D, (1,4) C, (1,5) C, (2,3) C, (2,4) C, (2,5) C, (3,4) C, (3,5) C, (4,5) 5>4 D.
// C = 7, D = 3, n0 = 10, no ties: tau-a = tau-b = 4/10.
TEST(TauB, HandWorkedWithoutTies) {
  const auto x = vec({1, 2, 3, 4, 5}), y = vec({3, 1, 2, 5, 4});
  EXPECT_NEAR(kendall_tau_b(x, y).value, 0.4, 1e-15);
  EXPECT_NEAR(kendall_tau_a(x, y).value, 0.4, 1e-15);
  EXPECT_EQ(kendall_tau_b(x, y).n, 5u);
  EXPECT_EQ(kendall_tau_b(x, y).dropped, 0u);
  // (tau + 1) / 2 = C / n0 = 7/10 without ties.
  EXPECT_NEAR(pair_order_probability(x, y).value, 0.7, 1e-15);
}

// x = 1 2 2 3 3, y = 1 3 2 2 2. Pairs: (1,2) (1,3) (1,4) (1,5) C; (2,3) tied in x; (2,4) (2,5)
// x rises, y falls: D; (3,4) (3,5) tied in y; (4,5) tied in both. C = 4, D = 2, n0 = 10,
// n1 (tied x) = 2, n2 (tied y) = 3 (the three 2s), n3 = 1.
// tau-b = (4-2)/sqrt((10-2)(10-3)) = 2/sqrt(56); tau-a = 2/10;
// pair order = (C + T/2)/n0 with T = 4 pairs tied in x or y = (4 + 2)/10 = 0.6 = (0.2 + 1)/2.
TEST(TauB, HandWorkedWithTiesInBothAndJointly) {
  const auto x = vec({1, 2, 2, 3, 3}), y = vec({1, 3, 2, 2, 2});
  EXPECT_NEAR(kendall_tau_b(x, y).value, 2 / std::sqrt(56.0), 1e-15);
  EXPECT_NEAR(kendall_tau_a(x, y).value, 0.2, 1e-15);
  EXPECT_NEAR(pair_order_probability(x, y).value, 0.6, 1e-15);
  // Kendall's tau is symmetric in its arguments.
  EXPECT_NEAR(kendall_tau_b(y, x).value, 2 / std::sqrt(56.0), 1e-15);
}

// x = 1 1 2 3, y = 1 2 2 3: (1,2) tied x, (2,3) tied y, the other four concordant.
// tau-b = 4/sqrt(5*5) = 0.8; tau-a = 4/6.
TEST(TauB, HandWorkedTiesPullTauABelowTauB) {
  const auto x = vec({1, 1, 2, 3}), y = vec({1, 2, 2, 3});
  EXPECT_NEAR(kendall_tau_b(x, y).value, 0.8, 1e-15);
  EXPECT_NEAR(kendall_tau_a(x, y).value, 4.0 / 6.0, 1e-15);
}

TEST(TauB, PerfectAndReversedOrderGiveOneAndMinusOne) {
  const auto x = vec({0.1, 0.5, 0.7, 0.9}), up = vec({1, 2, 3, 4}), down = vec({4, 3, 2, 1});
  EXPECT_DOUBLE_EQ(kendall_tau_b(x, up).value, 1.0);
  EXPECT_DOUBLE_EQ(kendall_tau_b(x, down).value, -1.0);
}

TEST(TauB, MatchesQuadraticReferenceWithTies) {
  std::mt19937_64 gen(7);
  for (int trial = 0; trial < 200; ++trial) {
    const Eigen::Index n = 3 + trial % 60;
    const int levels = 2 + trial % 5;  // few distinct values: many ties in x, y and jointly
    const Eigen::VectorXd x = tied_sample(gen, n, levels), y = tied_sample(gen, n, levels + trial % 3);
    if ((x.array() == x[0]).all() || (y.array() == y[0]).all()) continue;
    const BrutePairs p = brute_pairs(x, y);
    ASSERT_NEAR(kendall_tau_b(x, y).value, brute_tau_b(x, y), 1e-12) << "trial " << trial;
    ASSERT_NEAR(kendall_tau_a(x, y).value, (p.concordant - p.discordant) / p.total, 1e-12) << "trial " << trial;
  }
}

TEST(TauB, MatchesQuadraticReferenceOnLargerContinuousData) {
  std::mt19937_64 gen(11);
  std::normal_distribution<double> d;
  const Eigen::Index n = 3000;
  Eigen::VectorXd x(n), y(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    x[i] = d(gen);
    y[i] = 0.6 * x[i] + d(gen);
  }
  EXPECT_NEAR(kendall_tau_b(x, y).value, brute_tau_b(x, y), 1e-12);
}

// ---- NaN and degenerate input ----

// x = 1 2 NaN 3 4, y = 1 3 5 2 NaN: pairs 3 and 5 are dropped, leaving x = 1 2 3, y = 1 3 2:
// (1,2) C, (1,3) C, (2,3) D, tau = 1/3.
TEST(Correlation, PairsWithNaNAreDroppedAndCounted) {
  const auto x = vec({1, 2, kNaN, 3, 4}), y = vec({1, 3, 5, 2, kNaN});
  const Correlation r = kendall_tau_b(x, y);
  EXPECT_NEAR(r.value, 1.0 / 3.0, 1e-15);
  EXPECT_EQ(r.n, 3u);
  EXPECT_EQ(r.dropped, 2u);
  EXPECT_TRUE(r.defined());
  EXPECT_EQ(spearman_rho(x, y).dropped, 2u);
  EXPECT_EQ(weighted_tau(x, y).dropped, 2u);
}

TEST(Correlation, DegenerateInputIsNaNWithAReason) {
  const auto tied = vec({2, 2, 2, 2}), other = vec({1, 2, 3, 4});
  for (const auto& s : statistic_registry()) {
    const Correlation constant_x = s.compute(tied, other, {});
    EXPECT_TRUE(std::isnan(constant_x.value)) << s.name;
    EXPECT_NE(constant_x.reason.find("x is constant"), std::string::npos) << s.name << ": " << constant_x.reason;
    const Correlation constant_y = s.compute(other, tied, {});
    EXPECT_NE(constant_y.reason.find("y is constant"), std::string::npos) << s.name << ": " << constant_y.reason;
    const Correlation one = s.compute(vec({1}), vec({2}), {});
    EXPECT_TRUE(std::isnan(one.value)) << s.name;
    EXPECT_NE(one.reason.find("fewer than three"), std::string::npos) << s.name << ": " << one.reason;
    // Two pairs order themselves one way or the other: +1 or -1 whatever the data, so undefined.
    const Correlation two = s.compute(vec({1, 2}), vec({5, 3}), {});
    EXPECT_TRUE(std::isnan(two.value)) << s.name;
    EXPECT_NE(two.reason.find("fewer than three"), std::string::npos) << s.name << ": " << two.reason;
    const Correlation empty = s.compute(Eigen::VectorXd(), Eigen::VectorXd(), {});
    EXPECT_FALSE(empty.defined()) << s.name;
    const Correlation all_nan = s.compute(vec({kNaN, 1, 2}), vec({1, kNaN, kNaN}), {});
    EXPECT_FALSE(all_nan.defined()) << s.name;
    EXPECT_EQ(all_nan.dropped, 3u) << s.name;
  }
}

TEST(Correlation, DifferentLengthsAreAnError) { EXPECT_THROW(kendall_tau_b(vec({1, 2, 3}), vec({1, 2})), Error); }

// ---- Spearman and Pearson ----

// x = 1..5, y = 3 1 2 5 4 (no ties): d = x - rank(y) = -2 1 1 -1 1, sum d^2 = 8,
// rho = 1 - 6*8/(5*(25-1)) = 1 - 48/120 = 0.6.
TEST(Spearman, HandWorkedWithoutTies) {
  EXPECT_NEAR(spearman_rho(vec({1, 2, 3, 4, 5}), vec({3, 1, 2, 5, 4})).value, 0.6, 1e-15);
  // Ranks do not see the scale: the same order with other values gives the same rho.
  EXPECT_NEAR(spearman_rho(vec({0.1, 0.2, 0.3, 0.4, 9}), vec({30, 10, 20, 50, 40})).value, 0.6, 1e-15);
}

// x = 1 2 2 3 3 -> average ranks 1 2.5 2.5 4.5 4.5; y = 1 3 2 2 2 -> ranks 1 5 3 3 3.
// Centred (means 3): dx = -2 -.5 -.5 1.5 1.5, dy = -2 2 0 0 0; sum dx*dy = 4 - 1 = 3,
// sum dx^2 = 9, sum dy^2 = 8: rho = 3/sqrt(72) = 1/(2 sqrt 2).
TEST(Spearman, HandWorkedWithTiesUsesAverageRanks) {
  const auto x = vec({1, 2, 2, 3, 3}), y = vec({1, 3, 2, 2, 2});
  EXPECT_NEAR(spearman_rho(x, y).value, 1 / (2 * std::sqrt(2.0)), 1e-15);
  const Eigen::VectorXd r = average_ranks(x);
  EXPECT_EQ(r, vec({1, 2.5, 2.5, 4.5, 4.5}));
  EXPECT_EQ(average_ranks(y), vec({1, 5, 3, 3, 3}));
}

TEST(Spearman, MatchesClassicalFormulaWithoutTies) {
  std::mt19937_64 gen(3);
  for (int trial = 0; trial < 50; ++trial) {
    const Eigen::Index n = 3 + trial;
    std::vector<double> a(static_cast<std::size_t>(n)), b(a.size());
    for (Eigen::Index i = 0; i < n; ++i)
      a[static_cast<std::size_t>(i)] = b[static_cast<std::size_t>(i)] = static_cast<double>(i);
    std::shuffle(a.begin(), a.end(), gen);
    std::shuffle(b.begin(), b.end(), gen);
    const Eigen::VectorXd x = Eigen::Map<Eigen::VectorXd>(a.data(), n), y = Eigen::Map<Eigen::VectorXd>(b.data(), n);
    const double d2 = (x - y).squaredNorm();  // values are ranks - 1 already
    const double nn = static_cast<double>(n);
    ASSERT_NEAR(spearman_rho(x, y).value, 1 - 6 * d2 / (nn * (nn * nn - 1)), 1e-12) << "n = " << n;
  }
}

TEST(Spearman, MatchesBruteForceRanksWithTies) {
  std::mt19937_64 gen(5);
  for (int trial = 0; trial < 100; ++trial) {
    const Eigen::VectorXd x = tied_sample(gen, 3 + trial % 40, 3), y = tied_sample(gen, 3 + trial % 40, 4);
    if ((x.array() == x[0]).all() || (y.array() == y[0]).all()) continue;
    ASSERT_NEAR(spearman_rho(x, y).value, textbook_pearson(brute_ranks(x), brute_ranks(y)), 1e-12) << trial;
  }
}

// x = 1 2 3 4, y = 2 4 5 9: means 2.5 and 5, dx = -1.5 -.5 .5 1.5, dy = -3 -1 0 4;
// sum dx*dy = 4.5 + .5 + 0 + 6 = 11, sum dx^2 = 5, sum dy^2 = 26: r = 11/sqrt(130).
TEST(Pearson, HandWorked) {
  EXPECT_NEAR(pearson_r(vec({1, 2, 3, 4}), vec({2, 4, 5, 9})).value, 11 / std::sqrt(130.0), 1e-15);
}

TEST(Pearson, MatchesTextbookFormulaOnRandomData) {
  std::mt19937_64 gen(9);
  std::normal_distribution<double> d;
  for (int trial = 0; trial < 50; ++trial) {
    Eigen::VectorXd x(30), y(30);
    for (int i = 0; i < 30; ++i) {
      x[i] = d(gen);
      y[i] = 0.3 * x[i] + d(gen);
    }
    ASSERT_NEAR(pearson_r(x, y).value, textbook_pearson(x, y), 1e-12);
  }
}

// ---- Weighted tau ----

// x = 1 2 3, y = 1 3 2. Ranked by decreasing x: element 3 has rank 0 (weight 1), element 2 rank 1
// (1/2), element 1 rank 2 (1/3). Pair weights w_i + w_j: (1,2) C 5/6, (1,3) C 4/3, (2,3) D 3/2.
// tau_x = (5/6 + 4/3 - 3/2) / (5/6 + 4/3 + 3/2) = (4/6)/(22/6) = 2/11. Ranked by y (element 2
// first, then 3, then 1) the weights are (1,2) 4/3 C, (1,3) 5/6 C, (2,3) 3/2 D: again 2/11.
// The mean is 2/11 (scipy.stats.weightedtau gives 0.181818...).
TEST(WeightedTau, HandWorkedSwapAtTheTop) {
  EXPECT_NEAR(weighted_tau(vec({1, 2, 3}), vec({1, 3, 2})).value, 2.0 / 11.0, 1e-15);
}

// x = 1 2 3, y = 2 1 3: the swap is among the two worst. By x: (1,2) D 5/6, (1,3) C 4/3,
// (2,3) C 3/2: (-5 + 8 + 9)/22 = 6/11. By y (element 3, 1, 2): (1,2) D 1/2+1/3, (1,3) C 1/2+1,
// (2,3) C 1/3+1: also 6/11. Unweighted tau is 1/3 in both cases: the weighting makes a swap at the
// top cost more than one at the bottom.
TEST(WeightedTau, HandWorkedSwapAtTheBottomCostsLess) {
  EXPECT_NEAR(weighted_tau(vec({1, 2, 3}), vec({2, 1, 3})).value, 6.0 / 11.0, 1e-15);
  EXPECT_NEAR(kendall_tau_b(vec({1, 2, 3}), vec({2, 1, 3})).value, kendall_tau_b(vec({1, 2, 3}), vec({1, 3, 2})).value,
              1e-15);
}

// x = 1 1 2, y = 1 2 3: weights (element 3: 1, element 2: 1/2, element 1: 1/3) in both rankings.
// (1,2) tied in x, weight 5/6; (1,3) C 4/3; (2,3) C 3/2. Numerator 17/6, weight not tied in x
// 17/6, not tied in y 22/6: tau = (17/6)/sqrt(17/6 * 22/6) = sqrt(17/22).
TEST(WeightedTau, HandWorkedWithATie) {
  EXPECT_NEAR(weighted_tau(vec({1, 1, 2}), vec({1, 2, 3})).value, std::sqrt(17.0 / 22.0), 1e-15);
}

TEST(WeightedTau, MatchesQuadraticDefinitionWithTies) {
  std::mt19937_64 gen(13);
  for (int trial = 0; trial < 200; ++trial) {
    const Eigen::Index n = 3 + trial % 50;
    const Eigen::VectorXd x = tied_sample(gen, n, 2 + trial % 6), y = tied_sample(gen, n, 3 + trial % 4);
    if ((x.array() == x[0]).all() || (y.array() == y[0]).all()) continue;
    const double expected = (brute_weighted_ranked(x, y) + brute_weighted_ranked(y, x)) / 2;
    ASSERT_NEAR(weighted_tau(x, y).value, expected, 1e-12) << "trial " << trial;
  }
}

// ---- Top-k precision ----

// x = 1..5, y = 3 1 2 5 4. Top-2: x {4,5}, y {4 (y=5), 5 (y=4)}: overlap 2, precision 1.
// Top-3: x {3,4,5}, y {4,5,1}: overlap {4,5}, precision 2/3.
TEST(TopK, HandWorkedWithoutTies) {
  const auto x = vec({1, 2, 3, 4, 5}), y = vec({3, 1, 2, 5, 4});
  EXPECT_NEAR(top_k_precision(x, y, 2).value, 1.0, 1e-15);
  EXPECT_NEAR(top_k_precision(x, y, 3).value, 2.0 / 3.0, 1e-15);
  EXPECT_NEAR(top_k_precision(x, y, 5).value, 1.0, 1e-15);
}

// x = 1 2 2 3 3, y = 1 3 2 2 2, k = 2. x's top-2 is exactly {4,5}. y's has element 2 (y=3) and one
// of the three 2s (elements 3,4,5), each with probability 1/3. Expected overlap = 1/3 + 1/3, so
// precision = (2/3)/2 = 1/3.
TEST(TopK, HandWorkedTiesAtTheCutAreShared) {
  EXPECT_NEAR(top_k_precision(vec({1, 2, 2, 3, 3}), vec({1, 3, 2, 2, 2}), 2).value, 1.0 / 3.0, 1e-15);
}

TEST(TopK, MatchesCountingDefinitionWithTies) {
  std::mt19937_64 gen(17);
  for (int trial = 0; trial < 200; ++trial) {
    const Eigen::Index n = 3 + trial % 30;
    const Eigen::VectorXd x = tied_sample(gen, n, 3), y = tied_sample(gen, n, 4);
    if ((x.array() == x[0]).all() || (y.array() == y[0]).all()) continue;
    const std::size_t k = 1 + static_cast<std::size_t>(trial) % static_cast<std::size_t>(n);
    ASSERT_NEAR(top_k_precision(x, y, k).value, brute_top_k(x, y, k), 1e-12) << "trial " << trial;
  }
}

// The definition itself: the top-k after breaking ties by a random priority, averaged over every
// pair of priority orders (n! each) for x and y.
TEST(TopK, EqualsTheAverageOverAllTieBreakingOrders) {
  std::mt19937_64 gen(19);
  for (int trial = 0; trial < 12; ++trial) {
    const Eigen::Index n = 4 + trial % 2;
    const Eigen::VectorXd x = tied_sample(gen, n, 2), y = tied_sample(gen, n, 3);
    if ((x.array() == x[0]).all() || (y.array() == y[0]).all()) continue;
    const std::size_t k = 1 + static_cast<std::size_t>(trial) % 3;
    auto top = [&](const Eigen::VectorXd& v, const std::vector<int>& priority) {
      std::vector<int> order(static_cast<std::size_t>(n));
      for (int i = 0; i < n; ++i) order[static_cast<std::size_t>(i)] = i;
      std::sort(order.begin(), order.end(), [&](int a, int b) {
        return v[a] != v[b] ? v[a] > v[b]
                            : priority[static_cast<std::size_t>(a)] < priority[static_cast<std::size_t>(b)];
      });
      return std::set<int>(order.begin(), order.begin() + static_cast<long>(k));
    };
    std::vector<int> px(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) px[static_cast<std::size_t>(i)] = i;
    double sum = 0, count = 0;
    do {
      const std::set<int> tx = top(x, px);
      std::vector<int> py = px;
      std::sort(py.begin(), py.end());
      do {
        const std::set<int> ty = top(y, py);
        double overlap = 0;
        for (int i : tx) overlap += ty.count(i);
        sum += overlap / static_cast<double>(k);
        count += 1;
      } while (std::next_permutation(py.begin(), py.end()));
    } while (std::next_permutation(px.begin(), px.end()));
    ASSERT_NEAR(top_k_precision(x, y, k).value, sum / count, 1e-12) << "trial " << trial;
  }
}

TEST(TopK, KOutOfRangeIsNaNWithAReason) {
  const auto x = vec({1, 2, 3}), y = vec({3, 2, 1});
  EXPECT_NE(top_k_precision(x, y, 0).reason.find("1 <= k <= n"), std::string::npos);
  EXPECT_NE(top_k_precision(x, y, 4).reason.find("1 <= k <= n"), std::string::npos);
}

TEST(TopK, DefaultKIsTheBestTenthButAtLeastFive) {
  StatisticOptions o;
  EXPECT_EQ(resolve_top_k(o, 79), 8u);  // ceil(7.9)
  EXPECT_EQ(resolve_top_k(o, 70), 7u);  // 0.1 * 70 is 7.000000000000001 in binary
  EXPECT_EQ(resolve_top_k(o, 100), 10u);
  EXPECT_EQ(resolve_top_k(o, 24), 5u);  // ceil(2.4) = 3 would make it all or nothing
  EXPECT_EQ(resolve_top_k(o, 3), 5u);
  o.top_k = 2;
  EXPECT_EQ(resolve_top_k(o, 100), 2u);
}

// The automatic k needs a pool of at least 2k: on 9 architectures (k = 5) it is undefined, on 10 it
// is the overlap; a k the user asked for is used as given.
TEST(TopK, AutomaticKOnASmallPoolIsUndefined) {
  const Statistic& s = find_statistic("top_k_precision");
  Eigen::VectorXd x(10), y(10);
  x << 1, 2, 3, 4, 5, 6, 7, 8, 9, 10;
  y << 1, 2, 3, 4, 6, 5, 7, 8, 9, 10;  // 5 and 6 swapped at the cut: 4 of the top 5 shared
  StatisticOptions o;
  EXPECT_DOUBLE_EQ(s.compute(x, y, o).value, 0.8);
  const Correlation small = s.compute(x.head(9), y.head(9), o);
  EXPECT_TRUE(std::isnan(small.value));
  EXPECT_NE(small.reason.find("at least 10 architectures"), std::string::npos) << small.reason;
  o.top_k = 2;
  EXPECT_DOUBLE_EQ(s.compute(x.head(9), y.head(9), o).value, 1.0);
}

// ---- The registry ----

TEST(Registry, ListsEveryStatisticOnceAndFindsThemByName) {
  std::set<std::string> names;
  for (const auto& s : statistic_registry()) {
    EXPECT_TRUE(names.insert(s.name).second) << s.name;
    EXPECT_FALSE(s.summary.empty()) << s.name;
  }
  for (const char* name : {"kendall_tau_b", "kendall_tau_a", "spearman", "pearson", "weighted_tau", "top_k_precision",
                           "pair_order_probability"})
    EXPECT_TRUE(names.count(name)) << name;
  // The registry computes what the free functions compute (x = 1..5, y = 3 1 2 5 4: tau 0.4).
  EXPECT_NEAR(find_statistic("kendall_tau_b").compute(vec({1, 2, 3, 4, 5}), vec({3, 1, 2, 5, 4}), {}).value, 0.4,
              1e-15);
  try {
    find_statistic("kendall");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("kendall_tau_b"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace nasrank::ranking
