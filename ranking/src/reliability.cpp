#include "nasrank/ranking/reliability.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>
#include <vector>

#include "nasrank/core/error.h"
#include "nasrank/core/random.h"

namespace nasrank::ranking {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kPi = 3.14159265358979323846;
}  // namespace

double VarianceComponents::intraclass_correlation() const {
  const double total = between + within;
  return std::isfinite(total) && total > 0 ? between / total : kNaN;
}

VarianceComponents variance_components(const Eigen::MatrixXd& by_seed) {
  VarianceComponents c;
  std::vector<std::vector<double>> groups;
  for (Eigen::Index i = 0; i < by_seed.rows(); ++i) {
    std::vector<double> g;
    for (Eigen::Index j = 0; j < by_seed.cols(); ++j)
      if (std::isfinite(by_seed(i, j))) g.push_back(by_seed(i, j));
    if (!g.empty()) groups.push_back(std::move(g));
  }
  double n_total = 0, sum_n2 = 0, grand = 0, ss_within = 0, df_within = 0;
  for (const auto& g : groups) {
    const double n = static_cast<double>(g.size());
    n_total += n;
    sum_n2 += n * n;
    double mean = 0;
    for (double x : g) mean += x;
    grand += mean;
    mean /= n;
    for (double x : g) ss_within += (x - mean) * (x - mean);
    df_within += n - 1;
  }
  c.archs = groups.size();
  c.runs = static_cast<std::size_t>(n_total);
  if (groups.size() < 2 || df_within < 1) return c;
  grand /= n_total;
  double ss_between = 0;
  for (const auto& g : groups) {
    double mean = 0;
    for (double x : g) mean += x;
    mean /= static_cast<double>(g.size());
    ss_between += static_cast<double>(g.size()) * (mean - grand) * (mean - grand);
  }
  const double a = static_cast<double>(groups.size());
  const double ms_between = ss_between / (a - 1), ms_within = ss_within / df_within;
  const double n0 = (n_total - sum_n2 / n_total) / (a - 1);
  c.within = ms_within;
  c.between = std::max(0.0, (ms_between - ms_within) / n0);
  return c;
}

double median_variance_factor(int k) {
  NASRANK_CHECK(k >= 1, "a target aggregates at least one seed (got ", k, ")");
  if (k <= 2) return 1.0 / k;  // one value, or the mean of two
  static std::mutex mutex;
  static std::map<int, double> cache;
  const std::lock_guard<std::mutex> lock(mutex);
  if (const auto it = cache.find(k); it != cache.end()) return it->second;
  Rng rng(0x5eed0000ULL + static_cast<std::uint64_t>(k));
  constexpr int kDraws = 200000;
  std::vector<double> sample(static_cast<std::size_t>(k));
  double sum2 = 0;  // the median of a symmetric distribution has mean 0
  for (int d = 0; d < kDraws; ++d) {
    for (auto& x : sample) x = rng.normal();
    std::sort(sample.begin(), sample.end());
    const std::size_t m = sample.size() / 2;
    const double median = sample.size() % 2 ? sample[m] : (sample[m - 1] + sample[m]) / 2;
    sum2 += median * median;
  }
  return cache[k] = sum2 / kDraws;
}

double target_reliability(const VarianceComponents& c, int k) {
  if (!std::isfinite(c.between) || !std::isfinite(c.within)) return kNaN;
  const double total = c.between + c.within * median_variance_factor(k);
  return total > 0 ? c.between / total : kNaN;
}

double expected_tau(double reliability_a, double reliability_b) {
  if (!std::isfinite(reliability_a) || !std::isfinite(reliability_b)) return kNaN;
  return normal_population_value("kendall_tau_b", std::sqrt(std::clamp(reliability_a * reliability_b, 0.0, 1.0)));
}

double normal_population_value(const std::string& name, double rho) {
  if (!std::isfinite(rho)) return kNaN;
  if (name == "kendall_tau_b" || name == "kendall_tau_a") return 2.0 / kPi * std::asin(rho);
  if (name == "spearman") return 6.0 / kPi * std::asin(rho / 2);
  if (name == "pearson") return rho;
  return kNaN;
}

}  // namespace nasrank::ranking
