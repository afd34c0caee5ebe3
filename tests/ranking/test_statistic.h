// A statistic that only the tests know, for checking that Table 6 shows whatever
// StudyOptions::table6_columns lists, in every format, without any output knowing it by name.
#pragma once

#include <cmath>

#include "nasrank/ranking/correlation.h"

namespace nasrank::ranking::test_support {

/// "test_mean_x": the mean of x over the pairs without NaN, which for a cell of Table 6 is that
/// cell's Table 7 mean; its parameter "test_twice_n" is twice the pairs it used. Both are easy to
/// tell from the registry's values, and a value taken from another row or column shows.
inline Statistic mean_x_statistic() {
  return {"test_mean_x",
          "mean of x over the pairs without NaN",
          [](const ConstVec& x, const ConstVec& y, const StatisticOptions&) {
            Correlation c;
            double sum = 0;
            for (Eigen::Index i = 0; i < x.size(); ++i)
              if (!std::isnan(x[i]) && !std::isnan(y[i])) {
                sum += x[i];
                ++c.n;
              }
            c.value = c.n ? sum / static_cast<double>(c.n) : std::nan("");
            return c;
          },
          "",
          "the mean proxy accuracy",
          {"test_twice_n", "2n", [](std::size_t n, const StatisticOptions&) { return 2 * n; }}};
}

}  // namespace nasrank::ranking::test_support
