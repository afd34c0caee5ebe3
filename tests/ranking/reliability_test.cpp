// Variance components, the target's reliability and the ceiling matched to it: hand-worked ANOVA
// tables, published moments of the normal median, and simulations with a known truth.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "nasrank/core/random.h"
#include "nasrank/ranking/correlation.h"
#include "nasrank/ranking/reliability.h"
#include "nasrank/ranking/rows.h"

namespace nasrank::ranking {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Eigen::MatrixXd matrix(const std::vector<std::vector<double>>& rows) {
  Eigen::MatrixXd m(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(rows[0].size()));
  for (std::size_t i = 0; i < rows.size(); ++i)
    for (std::size_t j = 0; j < rows[i].size(); ++j)
      m(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = rows[i][j];
  return m;
}

TEST(VarianceComponents, MatchAHandWorkedBalancedTable) {
  // Means 2, 5, 9; SSW = 12 on 3 df (MSW 4); SSB = 2 * 24.667 on 2 df (MSB 24.667); n0 = 2.
  const VarianceComponents c = variance_components(matrix({{1, 3}, {4, 6}, {7, 11}}));
  EXPECT_NEAR(c.within, 4.0, 1e-12);
  EXPECT_NEAR(c.between, (74.0 / 3 - 4) / 2, 1e-12);
  EXPECT_EQ(c.archs, 3u);
  EXPECT_EQ(c.runs, 6u);
  EXPECT_NEAR(c.intraclass_correlation(), c.between / (c.between + 4), 1e-12);
}

TEST(VarianceComponents, MatchAHandWorkedUnbalancedTableWithMissingSeeds) {
  // Groups {1,3,5}, {2}, {4,8}: N = 6, sum n^2 = 14, n0 = (6 - 14/6) / 2 = 11/6; SSW = 16 on 3 df;
  // grand mean 23/6, SSB = 89/6 on 2 df.
  const VarianceComponents c = variance_components(matrix({{1, 3, 5}, {2, kNaN, kNaN}, {kNaN, 4, 8}}));
  EXPECT_NEAR(c.within, 16.0 / 3, 1e-12);
  EXPECT_NEAR(c.between, (89.0 / 12 - 16.0 / 3) / (11.0 / 6), 1e-12);
  EXPECT_EQ(c.runs, 6u);
}

TEST(VarianceComponents, ANegativeBetweenEstimateIsZeroAndTooLittleDataIsNaN) {
  // Equal means and noisy seeds: MSB < MSW.
  EXPECT_EQ(variance_components(matrix({{1, 3}, {3, 1}, {0, 4}})).between, 0.0);
  EXPECT_TRUE(std::isnan(variance_components(matrix({{1, 3}})).between));               // one architecture
  EXPECT_TRUE(std::isnan(variance_components(matrix({{1, kNaN}, {2, kNaN}})).within));  // one seed each
}

TEST(MedianVariance, MatchesTheNormalOrderStatisticMoments) {
  EXPECT_EQ(median_variance_factor(1), 1.0);
  EXPECT_EQ(median_variance_factor(2), 0.5);
  // Var of the median of 3 and of 5 standard normals: 0.4487 and 0.2868 (order-statistic tables,
  // e.g. Teichroew 1956 as tabulated by David & Nagaraja, Order Statistics).
  EXPECT_NEAR(median_variance_factor(3), 0.4487, 0.005);
  EXPECT_NEAR(median_variance_factor(5), 0.2868, 0.004);
  EXPECT_EQ(median_variance_factor(3), median_variance_factor(3));  // fixed seed: the same every time
}

TEST(ExpectedTau, IsGreinersRelation) {
  EXPECT_NEAR(expected_tau(1.0), 1.0, 1e-12);
  EXPECT_NEAR(expected_tau(0.0), 0.0, 1e-12);
  EXPECT_NEAR(expected_tau(0.5), 0.5, 1e-12);  // rho = sqrt(1/2): asin = pi/4
  EXPECT_NEAR(expected_tau(0.25, 1.0), 2.0 / 3.14159265358979323846 * std::asin(0.5), 1e-12);
  EXPECT_TRUE(std::isnan(expected_tau(kNaN)));
}

/// Accuracies = architecture effect (SD sb) + seed noise (SD sw), `archs` x `seeds`, and the truth.
struct Simulated {
  Eigen::VectorXd truth;
  Eigen::MatrixXd by_seed;
};
Simulated simulate(Rng& rng, int archs, int seeds, double sb, double sw) {
  Simulated s{Eigen::VectorXd(archs), Eigen::MatrixXd(archs, seeds)};
  for (int i = 0; i < archs; ++i) {
    s.truth(i) = 0.8 + sb * rng.normal();
    for (int j = 0; j < seeds; ++j) s.by_seed(i, j) = s.truth(i) + sw * rng.normal();
  }
  return s;
}

double median_of(const Eigen::MatrixXd& m, Eigen::Index row, Eigen::Index first, Eigen::Index count) {
  std::vector<double> v;
  for (Eigen::Index j = first; j < first + count; ++j) v.push_back(m(row, j));
  std::sort(v.begin(), v.end());
  const std::size_t h = v.size() / 2;
  return v.size() % 2 ? v[h] : (v[h - 1] + v[h]) / 2;
}

TEST(Reliability, EstimatesAndCeilingsAgreeWithASimulatedTruth) {
  // The committed study's situation: between SD 0.0105, within SD 0.0131 (39% architecture).
  const double sb = 0.0105, sw = 0.0131;
  const int archs = 40, reps = 400;
  Rng rng(2026);
  double between = 0, within = 0, perfect_vs_median3 = 0, seed_vs_seed = 0, seed_vs_median2 = 0;
  for (int r = 0; r < reps; ++r) {
    const Simulated s = simulate(rng, archs, 3, sb, sw);
    const VarianceComponents c = variance_components(s.by_seed);
    between += c.between / reps;
    within += c.within / reps;
    Eigen::VectorXd median3(archs), median12(archs);
    for (int i = 0; i < archs; ++i) {
      median3(i) = median_of(s.by_seed, i, 0, 3);
      median12(i) = median_of(s.by_seed, i, 1, 2);
    }
    perfect_vs_median3 += kendall_tau_b(s.truth, median3).value / reps;
    seed_vs_seed += kendall_tau_b(s.by_seed.col(0), s.by_seed.col(1)).value / reps;
    seed_vs_median2 += kendall_tau_b(s.by_seed.col(0), median12).value / reps;
  }
  // ANOVA estimates are unbiased: their means over replicates are near the truth.
  EXPECT_NEAR(between, sb * sb, 0.06 * sb * sb);
  EXPECT_NEAR(within, sw * sw, 0.03 * sw * sw);
  const VarianceComponents truth{sb * sb, sw * sw, static_cast<std::size_t>(archs), 0};
  // A perfect proxy against the median of three seeds: the matched ceiling.
  EXPECT_NEAR(perfect_vs_median3, expected_tau(target_reliability(truth, 3)), 0.015);
  // Seed against seed: what the old "noise ceiling" measured, a much lower number.
  EXPECT_NEAR(seed_vs_seed, expected_tau(target_reliability(truth, 1), target_reliability(truth, 1)), 0.015);
  EXPECT_NEAR(seed_vs_median2, expected_tau(target_reliability(truth, 1), target_reliability(truth, 2)), 0.015);
  EXPECT_GT(expected_tau(target_reliability(truth, 3)), seed_vs_seed + 0.2);
}

// The intervals of the matched ceiling and of the expected seed-to-seed agreement cover their true
// values about as often as they claim, in the committed study's situation (two reference seeds).
TEST(Reliability, IntervalsOfTheExpectedTausCoverTheTruth) {
  const double sb = 0.0105, sw = 0.0131;
  const int archs = 40, reps = 200;
  const VarianceComponents truth{sb * sb, sw * sw, static_cast<std::size_t>(archs), 0};
  const double matched = normal_population_value("kendall_tau_b", std::sqrt(target_reliability(truth, 2)));
  const double seeds = normal_population_value("kendall_tau_b", target_reliability(truth, 1));
  BootstrapOptions boot;
  boot.resamples = 400;
  Rng rng(7);
  int covered_matched = 0, covered_seeds = 0;
  for (int r = 0; r < reps; ++r) {
    const Simulated s = simulate(rng, archs, 2, sb, sw);
    boot.seed = static_cast<std::uint64_t>(r);
    const TargetReliability t = target_reliability_of(s.by_seed, "kendall_tau_b", boot);
    ASSERT_LE(t.matched_ceiling_interval.lower, t.matched_ceiling);
    ASSERT_GE(t.matched_ceiling_interval.upper, t.matched_ceiling);
    covered_matched += t.matched_ceiling_interval.lower <= matched && matched <= t.matched_ceiling_interval.upper;
    covered_seeds += t.seed_vs_seed_interval.lower <= seeds && seeds <= t.seed_vs_seed_interval.upper;
  }
  // 95% intervals; 186 of 200 each with these seeds (93%), so 88% leaves the binomial noise of
  // 200 replicates (SD 1.5%) room.
  EXPECT_GE(covered_matched, 0.88 * reps);
  EXPECT_GE(covered_seeds, 0.88 * reps);
}

}  // namespace
}  // namespace nasrank::ranking
