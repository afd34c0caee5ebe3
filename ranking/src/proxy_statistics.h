// The computation of what every proxy row carries (rows.h: ProxyStatistics). Internal to the
// ranking library.
#pragma once

#include <string>

#include <Eigen/Core>

#include "nasrank/ranking/study.h"

namespace nasrank::ranking::internal {

/// The statistics of proxy `x` (by architecture, aligned with `aggregate.archs`; NaN: none).
ProxyStatistics proxy_statistics(const Eigen::VectorXd& x, const Aggregate& aggregate, const StudyOptions& options);

/// The study's tau variant as a pair statistic.
PairStatistic tau_statistic(const StudyOptions& options);

/// Whether partial correlation makes sense for the variant (Kendall, Spearman, Pearson).
bool has_partial(const std::string& variant);

}  // namespace nasrank::ranking::internal
