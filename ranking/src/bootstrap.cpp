// Percentile bootstrap over architectures and the paired test between two proxies.
#include "nasrank/ranking/bootstrap.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "nasrank/core/error.h"
#include "nasrank/core/random.h"

namespace nasrank::ranking {
namespace {

void check_options(const BootstrapOptions& o) {
  NASRANK_CHECK(o.resamples >= 1, "bootstrap resamples must be at least 1 (got ", o.resamples, ")");
  NASRANK_CHECK(o.confidence > 0 && o.confidence < 1, "bootstrap confidence must lie in (0, 1) (got ", o.confidence,
                ")");
}

/// The resampled statistics and the interval they give (shared by the CI and the paired test).
ConfidenceInterval interval_from(std::vector<double> values, double estimate, const BootstrapOptions& o) {
  ConfidenceInterval ci;
  ci.estimate = estimate;
  ci.confidence = o.confidence;
  ci.resamples = o.resamples;
  values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return std::isnan(v); }), values.end());
  ci.undefined = o.resamples - static_cast<int>(values.size());
  if (std::isnan(estimate)) {
    ci.reason = "the statistic is undefined on the data itself";
  } else if (2 * values.size() < static_cast<std::size_t>(o.resamples)) {
    ci.reason = detail::concat("the statistic is undefined on ", ci.undefined, " of ", o.resamples, " resamples");
  } else {
    if (values.size() >= 2) {
      double mean = 0, ss = 0;
      for (double v : values) mean += v;
      mean /= static_cast<double>(values.size());
      for (double v : values) ss += (v - mean) * (v - mean);
      ci.standard_error = std::sqrt(ss / static_cast<double>(values.size() - 1));
    }
    std::sort(values.begin(), values.end());
    ci.lower = quantile_sorted(values, (1.0 - o.confidence) / 2.0);
    ci.upper = quantile_sorted(values, (1.0 + o.confidence) / 2.0);
  }
  return ci;
}

Eigen::VectorXd pick(const Eigen::VectorXd& v, const std::vector<std::size_t>& rows) {
  Eigen::VectorXd out(static_cast<Eigen::Index>(rows.size()));
  for (std::size_t i = 0; i < rows.size(); ++i)
    out[static_cast<Eigen::Index>(i)] = v[static_cast<Eigen::Index>(rows[i])];
  return out;
}

std::vector<std::size_t> identity(std::size_t n) {
  std::vector<std::size_t> rows(n);
  std::iota(rows.begin(), rows.end(), 0);
  return rows;
}

}  // namespace

std::vector<std::size_t> bootstrap_rows(std::size_t n, std::uint64_t seed, int resample) {
  // One stream per resample, its seed a SplitMix64 hash of (seed, resample): resample b does not
  // depend on how many were drawn before it.
  Rng mixer(seed ^ (0xD1B54A32D192ED03ULL * (static_cast<std::uint64_t>(resample) + 1)));
  Rng rng(mixer.next());
  std::vector<std::size_t> rows(n);
  for (auto& r : rows) r = static_cast<std::size_t>(rng.below(n));
  return rows;
}

double quantile_sorted(const std::vector<double>& sorted, double q) {
  NASRANK_ASSERT(!sorted.empty());
  const double h = q * static_cast<double>(sorted.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

ConfidenceInterval bootstrap_ci(std::size_t n, const IndexStatistic& stat, const BootstrapOptions& options) {
  check_options(options);
  const double estimate = stat(identity(n));
  std::vector<double> values(static_cast<std::size_t>(options.resamples));
  if (n > 0)
    for (int b = 0; b < options.resamples; ++b)
      values[static_cast<std::size_t>(b)] = stat(bootstrap_rows(n, options.seed, b));
  else std::fill(values.begin(), values.end(), std::numeric_limits<double>::quiet_NaN());
  return interval_from(std::move(values), estimate, options);
}

ConfidenceInterval bootstrap_ci(const ConstVec& x, const ConstVec& y, const PairStatistic& stat,
                                const BootstrapOptions& options) {
  NASRANK_CHECK(x.size() == y.size(), "bootstrap of samples of different lengths (", x.size(), " and ", y.size(), ")");
  Eigen::VectorXd cx, cy;
  std::size_t dropped = 0;
  drop_nan_pairs(x, y, cx, cy, dropped);
  return bootstrap_ci(
      static_cast<std::size_t>(cx.size()),
      [&](const std::vector<std::size_t>& rows) { return stat(pick(cx, rows), pick(cy, rows)); }, options);
}

PairedTest paired_bootstrap_test(const ConstVec& x1, const ConstVec& x2, const ConstVec& y, const PairStatistic& stat,
                                 const BootstrapOptions& options) {
  NASRANK_CHECK(x1.size() == y.size() && x2.size() == y.size(), "paired bootstrap of samples of different lengths (",
                x1.size(), ", ", x2.size(), " and ", y.size(), ")");
  check_options(options);
  std::vector<std::size_t> keep;
  for (Eigen::Index i = 0; i < y.size(); ++i)
    if (!std::isnan(x1[i]) && !std::isnan(x2[i]) && !std::isnan(y[i])) keep.push_back(static_cast<std::size_t>(i));
  PairedTest test;
  test.n = keep.size();
  test.dropped = static_cast<std::size_t>(y.size()) - keep.size();
  const Eigen::VectorXd a = pick(x1, keep), b = pick(x2, keep), t = pick(y, keep);
  auto difference = [&](const std::vector<std::size_t>& rows) {
    const Eigen::VectorXd target = pick(t, rows);
    return stat(pick(a, rows), target) - stat(pick(b, rows), target);
  };
  const double estimate = difference(identity(test.n));
  std::vector<double> values(static_cast<std::size_t>(options.resamples), std::numeric_limits<double>::quiet_NaN());
  if (test.n > 0)
    for (int r = 0; r < options.resamples; ++r)
      values[static_cast<std::size_t>(r)] = difference(bootstrap_rows(test.n, options.seed, r));
  std::size_t defined = 0, as_extreme = 0;
  for (double v : values) {
    if (std::isnan(v)) continue;
    ++defined;
    // The relative slack keeps a resample equal to the estimate in floating point counted as equal.
    as_extreme += std::abs(v - estimate) >= std::abs(estimate) * (1 - 1e-12);
  }
  test.difference = interval_from(std::move(values), estimate, options);
  if (!std::isnan(estimate) && defined > 0)
    test.p_value = (1.0 + static_cast<double>(as_extreme)) / (1.0 + static_cast<double>(defined));
  return test;
}

std::vector<double> holm_adjust(const std::vector<double>& p) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < p.size(); ++i)
    if (!std::isnan(p[i])) order.push_back(i);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return p[a] < p[b]; });
  std::vector<double> adjusted(p.size(), std::numeric_limits<double>::quiet_NaN());
  const double m = static_cast<double>(order.size());
  double running = 0;
  for (std::size_t j = 0; j < order.size(); ++j) {
    running = std::max(running, std::min(1.0, (m - static_cast<double>(j)) * p[order[j]]));
    adjusted[order[j]] = running;
  }
  return adjusted;
}

std::vector<StatisticResult> correlate_all(const Eigen::VectorXd& x, const Eigen::VectorXd& y,
                                           const StatisticOptions& options, const BootstrapOptions& bootstrap) {
  Eigen::VectorXd cx, cy;
  std::size_t dropped = 0;
  drop_nan_pairs(x, y, cx, cy, dropped);
  std::vector<StatisticResult> out;
  for (const auto& s : statistic_registry()) {
    StatisticResult r;
    r.statistic = &s;
    r.value = s.compute(x, y, options);
    if (bootstrap.resamples > 0)
      r.interval = bootstrap_ci(
          cx, cy, [&](const ConstVec& a, const ConstVec& b) { return s.compute(a, b, options).value; }, bootstrap);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace nasrank::ranking
