// What every row that ranks architectures against the target carries (a schedule at a budget, a
// zero-cost score, a learning-curve predictor): its tau with an interval, its partial tau beyond
// size and its leave-one-architecture-out influence. Internal to the ranking library.
#pragma once

#include <string>
#include <vector>

#include <Eigen/Core>

#include "nasrank/ranking/study.h"

namespace nasrank::ranking::internal {

struct ProxyStatistics {
  Correlation point;               ///< the tau variant on the data as given
  ConfidenceInterval tau;          ///< its bootstrap interval (estimate = point.value)
  ConfidenceInterval beyond_size;  ///< partial tau controlling for log(parameters)
  Influence influence;
};

/// The statistics of proxy `x` (by architecture, aligned with `aggregate.archs`; NaN: none).
ProxyStatistics proxy_statistics(const Eigen::VectorXd& x, const Aggregate& aggregate, const StudyOptions& options);

/// The study's tau variant as a pair statistic.
PairStatistic tau_statistic(const StudyOptions& options);

/// Whether partial correlation makes sense for the variant (Kendall, Spearman, Pearson).
bool has_partial(const std::string& variant);

}  // namespace nasrank::ranking::internal
