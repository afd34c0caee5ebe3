#include "proxy_statistics.h"

#include <algorithm>
#include <cmath>

namespace nasrank::ranking::internal {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Eigen::VectorXd pick(const Eigen::VectorXd& v, const std::vector<std::size_t>& rows) {
  Eigen::VectorXd out(static_cast<Eigen::Index>(rows.size()));
  for (std::size_t i = 0; i < rows.size(); ++i)
    out[static_cast<Eigen::Index>(i)] = v[static_cast<Eigen::Index>(rows[i])];
  return out;
}

}  // namespace

PairStatistic tau_statistic(const StudyOptions& options) {
  const Statistic& s = find_statistic(options.tau_variant);
  const StatisticOptions stat_options = options.statistics;
  return [&s, stat_options](const ConstVec& x, const ConstVec& y) { return s.compute(x, y, stat_options).value; };
}

bool has_partial(const std::string& variant) { return std::isfinite(normal_population_value(variant, 0.5)); }

ProxyStatistics proxy_statistics(const Eigen::VectorXd& x, const Aggregate& a, const StudyOptions& options) {
  const PairStatistic tau = tau_statistic(options);
  ProxyStatistics out;
  out.point = find_statistic(options.tau_variant).compute(x, a.target, options.statistics);
  out.tau = bootstrap_ci(x, a.target, tau, options.bootstrap);
  out.tau.estimate = out.point.value;
  if (!out.point.defined()) out.tau.reason = out.point.reason;

  // Leave one architecture out, over the architectures the tau uses.
  std::vector<std::size_t> used;
  for (Eigen::Index i = 0; i < x.size(); ++i)
    if (!std::isnan(x[i]) && !std::isnan(a.target[i])) used.push_back(static_cast<std::size_t>(i));
  if (std::isfinite(out.point.value) && used.size() >= 3) {
    std::vector<Mover> moves;
    for (std::size_t k = 0; k < used.size(); ++k) {
      std::vector<std::size_t> rest = used;
      rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(k));
      const double without = tau(pick(x, rest), pick(a.target, rest));
      if (std::isnan(without)) continue;
      out.influence.min = std::isnan(out.influence.min) ? without : std::min(out.influence.min, without);
      out.influence.max = std::isnan(out.influence.max) ? without : std::max(out.influence.max, without);
      const double shift = std::abs(without - out.point.value);
      if (out.influence.most.arch.empty() || shift > std::abs(out.influence.most.without - out.point.value))
        out.influence.most = {a.archs[used[k]], without};
      if (shift > out.tau.standard_error) moves.push_back({a.archs[used[k]], without});
    }
    std::stable_sort(moves.begin(), moves.end(), [&](const Mover& l, const Mover& r) {
      return std::abs(l.without - out.point.value) > std::abs(r.without - out.point.value);
    });
    out.influence.movers = std::move(moves);
  }

  // Beyond size: the partial tau given log(parameters), on architectures with all three.
  if (!has_partial(options.tau_variant)) {
    out.beyond_size.reason = options.tau_variant + " has no partial form";
    return out;
  }
  std::vector<std::size_t> rows;
  for (std::size_t i : used)
    if (!std::isnan(a.log_params[static_cast<Eigen::Index>(i)])) rows.push_back(i);
  if (rows.size() < 3) {
    out.beyond_size.reason = "needs the parameter counts of at least three architectures";
    return out;
  }
  const Eigen::VectorXd px = pick(x, rows), py = pick(a.target, rows), pz = pick(a.log_params, rows);
  auto partial = [&](const std::vector<std::size_t>& r) {
    const Eigen::VectorXd bx = pick(px, r), by = pick(py, r), bz = pick(pz, r);
    return partial_correlation(tau(bx, by), tau(bx, bz), tau(by, bz));
  };
  out.beyond_size = bootstrap_ci(rows.size(), partial, options.bootstrap);
  if (std::isnan(out.beyond_size.estimate))
    out.beyond_size.reason = "undefined: the proxy or the target is a function of size alone";
  return out;
}

}  // namespace nasrank::ranking::internal
