// Zero-cost scores beside the budgeted proxies: each score's tau against the full-budget ranking,
// and what every way to rank costs per architecture, on one axis.
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "nasrank/ranking/study.h"

#include "nasrank/ranking/finite_stats.h"
#include "proxy_statistics.h"

namespace nasrank::ranking {

std::vector<ZeroCostRow> zero_cost_table(const std::vector<ZeroCostScore>& scores, const Aggregate& aggregate,
                                         const StudyOptions& options) {
  std::vector<std::string> names;
  std::map<std::string, std::map<std::string, const ZeroCostScore*>> by_score;
  for (const auto& z : scores) {
    if (!by_score.count(z.score)) names.push_back(z.score);
    by_score[z.score][z.arch] = &z;
  }
  std::vector<ZeroCostRow> rows;
  const auto n = static_cast<Eigen::Index>(aggregate.archs.size());
  for (const auto& name : names) {
    const auto& of_arch = by_score[name];
    ZeroCostRow row;
    row.score = name;
    Eigen::VectorXd x = Eigen::VectorXd::Constant(n, std::numeric_limits<double>::quiet_NaN());
    for (Eigen::Index i = 0; i < n; ++i) {
      auto it = of_arch.find(aggregate.archs[static_cast<std::size_t>(i)]);
      if (it == of_arch.end()) ++row.missing;
      else if (!std::isfinite(it->second->value)) ++row.nonfinite;
      else x[i] = it->second->value;
    }
    row.stats = internal::proxy_statistics(x, aggregate, options);
    row.spearman = spearman_rho(x, aggregate.target).value;
    // The cost of a score is what the study paid for it on a typical architecture of those it
    // scored: the median, like every run time here, so a moment of other load does not move it.
    std::vector<double> seconds;
    for (const auto& [arch, z] : of_arch) seconds.push_back(z->seconds);
    row.seconds_per_arch = finite::median(std::move(seconds));
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<CostPoint> cost_points(const StudyTables& tables, const Aggregate& aggregate,
                                   const std::string& reference_schedule) {
  std::vector<CostPoint> points;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (const auto& row : tables.table6)
    points.push_back({"budgeted", row.schedule, row.budget.label, row.seconds_per_arch, row.stats.tau, false,
                      row.schedule, row.schedule, row.budget.epochs, row.budget.fraction});
  for (const auto& r : tables.predictors)
    points.push_back({"learning curve", r.predictor + (r.negated ? " (negated)" : "") + " of " + r.schedule,
                      r.budget.label, r.seconds_per_arch, r.stats.tau, false, r.predictor, r.schedule, r.budget.epochs,
                      r.budget.fraction});
  for (const auto& z : tables.zero_cost)
    points.push_back({"zero-cost", z.score, "", z.seconds_per_arch, z.stats.tau, false, z.score, "", nan, nan});
  if (std::isfinite(tables.noise_ceiling.tau.estimate)) {
    const std::string name = reference_schedule.empty() ? "reference" : reference_schedule;
    points.push_back({"full budget", name, "", finite::median(aggregate.reference_seconds), tables.noise_ceiling.tau,
                      false, name, reference_schedule, nan, nan});
  }
  auto usable = [](const CostPoint& p) { return std::isfinite(p.seconds) && std::isfinite(p.tau.estimate); };
  for (auto& p : points) {
    if (!usable(p)) continue;
    p.frontier = std::none_of(points.begin(), points.end(), [&](const CostPoint& q) {
      return &q != &p && usable(q) && q.seconds <= p.seconds && q.tau.estimate >= p.tau.estimate &&
             (q.seconds < p.seconds || q.tau.estimate > p.tau.estimate);
    });
  }
  return points;
}

}  // namespace nasrank::ranking
