// Means and medians over the finite values of a sample, for the study's tables: a NaN marks a
// missing run or score and must neither count nor poison the result.
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>
#include <vector>

#include <Eigen/Core>

namespace nasrank::ranking::finite {

/// Median of the finite values; NaN when there are none.
inline double median(std::vector<double> v) {
  v.erase(std::remove_if(v.begin(), v.end(), [](double x) { return !std::isfinite(x); }), v.end());
  if (v.empty()) return std::numeric_limits<double>::quiet_NaN();
  std::sort(v.begin(), v.end());
  const std::size_t m = v.size() / 2;
  return v.size() % 2 ? v[m] : (v[m - 1] + v[m]) / 2.0;
}

inline double median(const Eigen::VectorXd& v) { return median(std::vector<double>(v.data(), v.data() + v.size())); }

/// Mean of the finite values and how many there were; NaN when there are none.
inline std::pair<double, std::size_t> mean(const std::vector<double>& v) {
  double sum = 0;
  std::size_t n = 0;
  for (double x : v)
    if (std::isfinite(x)) {
      sum += x;
      ++n;
    }
  return {n ? sum / static_cast<double>(n) : std::numeric_limits<double>::quiet_NaN(), n};
}

}  // namespace nasrank::ranking::finite
