// What every proxy row carries, computed in one place: the tau with its interval, the statistics of
// proxy_statistic_registry() beside it, and the leave-one-architecture-out influence.
#include "proxy_statistics.h"

#include <algorithm>
#include <cmath>

namespace nasrank::ranking {
namespace {

Eigen::VectorXd pick(const Eigen::VectorXd& v, const std::vector<std::size_t>& rows) {
  Eigen::VectorXd out(static_cast<Eigen::Index>(rows.size()));
  for (std::size_t i = 0; i < rows.size(); ++i)
    out[static_cast<Eigen::Index>(i)] = v[static_cast<Eigen::Index>(rows[i])];
  return out;
}

/// Kendall's partial tau given log(parameters) (Kendall 1942), on architectures with all three.
ConfidenceInterval beyond_size(const Eigen::VectorXd& x, const Aggregate& a, const std::vector<std::size_t>& used,
                               const StudyOptions& options) {
  ConfidenceInterval out;
  if (!internal::has_partial(options.tau_variant)) {
    out.reason = options.tau_variant + " has no partial form";
    return out;
  }
  std::vector<std::size_t> rows;
  for (std::size_t i : used)
    if (!std::isnan(a.log_params[static_cast<Eigen::Index>(i)])) rows.push_back(i);
  if (rows.size() < 3) {
    out.reason = "needs the parameter counts of at least three architectures";
    return out;
  }
  const PairStatistic tau = internal::tau_statistic(options);
  const Eigen::VectorXd px = pick(x, rows), py = pick(a.target, rows), pz = pick(a.log_params, rows);
  auto partial = [&](const std::vector<std::size_t>& r) {
    const Eigen::VectorXd bx = pick(px, r), by = pick(py, r), bz = pick(pz, r);
    return partial_correlation(tau(bx, by), tau(bx, bz), tau(by, bz));
  };
  out = bootstrap_ci(rows.size(), partial, options.bootstrap);
  if (std::isnan(out.estimate)) out.reason = "undefined: the proxy or the target is a function of size alone";
  return out;
}

}  // namespace

const std::vector<ProxyStatisticInfo>& proxy_statistic_registry() {
  static const std::vector<ProxyStatisticInfo> registry = {
      {"beyond_size", "beyond size",
       "beyond size: Kendall's partial tau given log(parameters) with its interval, what the proxy knows that "
       "parameter count does not",
       beyond_size},
  };
  return registry;
}

const ConfidenceInterval& ProxyStatistics::estimate(const std::string& name) const {
  for (const auto& e : beside_tau)
    if (e.name == name) return e.value;
  static const ConfidenceInterval none = [] {
    ConfidenceInterval ci;
    ci.reason = "not computed";
    return ci;
  }();
  return none;
}

namespace internal {

PairStatistic tau_statistic(const StudyOptions& options) {
  const Statistic& s = find_statistic(options.tau_variant);
  const StatisticOptions stat_options = options.statistics;
  return [&s, stat_options](const ConstVec& x, const ConstVec& y) { return s.compute(x, y, stat_options).value; };
}

bool has_partial(const std::string& variant) { return std::isfinite(normal_population_value(variant, 0.5)); }

ProxyStatistics proxy_statistics(const Eigen::VectorXd& x, const Aggregate& a, const StudyOptions& options) {
  const PairStatistic tau = tau_statistic(options);
  ProxyStatistics out;
  const Correlation point = find_statistic(options.tau_variant).compute(x, a.target, options.statistics);
  out.n = point.n;
  out.dropped = point.dropped;
  out.tau = bootstrap_ci(x, a.target, tau, options.bootstrap);
  out.tau.estimate = point.value;
  if (!point.defined()) out.tau.reason = point.reason;

  std::vector<std::size_t> used;  // the architectures the tau uses
  for (Eigen::Index i = 0; i < x.size(); ++i)
    if (!std::isnan(x[i]) && !std::isnan(a.target[i])) used.push_back(static_cast<std::size_t>(i));

  for (const ProxyStatisticInfo& s : proxy_statistic_registry())
    out.beside_tau.push_back({s.name, s.compute(x, a, used, options)});

  // Leave one architecture out.
  if (std::isfinite(point.value) && used.size() >= 3) {
    std::vector<Mover> moves;
    for (std::size_t k = 0; k < used.size(); ++k) {
      std::vector<std::size_t> rest = used;
      rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(k));
      const double without = tau(pick(x, rest), pick(a.target, rest));
      if (std::isnan(without)) continue;
      out.influence.min = std::isnan(out.influence.min) ? without : std::min(out.influence.min, without);
      out.influence.max = std::isnan(out.influence.max) ? without : std::max(out.influence.max, without);
      const double shift = std::abs(without - point.value);
      if (out.influence.most.arch.empty() || shift > std::abs(out.influence.most.without - point.value))
        out.influence.most = {a.archs[used[k]], without};
      if (shift > out.tau.standard_error) moves.push_back({a.archs[used[k]], without});
    }
    std::stable_sort(moves.begin(), moves.end(), [&](const Mover& l, const Mover& r) {
      return std::abs(l.without - point.value) > std::abs(r.without - point.value);
    });
    out.influence.movers = std::move(moves);
  }
  return out;
}

}  // namespace internal
}  // namespace nasrank::ranking
