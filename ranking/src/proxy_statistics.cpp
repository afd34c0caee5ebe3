// What every proxy row carries, computed in one place: the tau with its interval, the statistics of
// proxy_statistic_registry() beside it, and the leave-one-architecture-out influence.
#include "proxy_statistics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

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

/// Size strata: quartiles of log(parameters), a stratum of fewer than this many architectures
/// merged into its smaller neighbour (a stratum of a handful has a tau of a handful of pairs).
constexpr std::size_t kSizeStrata = 4;
constexpr std::size_t kMinStratum = 8;

/// The stratum of each of `z`'s values: quartiles by rank (equal values share a stratum), then
/// strata below kMinStratum merged with the smaller of their neighbours until none is.
std::vector<int> size_strata(const Eigen::VectorXd& z) {
  const std::size_t m = static_cast<std::size_t>(z.size());
  std::vector<std::size_t> order(m);
  for (std::size_t i = 0; i < m; ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return z[static_cast<Eigen::Index>(a)] < z[static_cast<Eigen::Index>(b)];
  });
  std::vector<int> stratum(m);
  for (std::size_t k = 0; k < m;) {
    std::size_t end = k;
    while (end < m && z[static_cast<Eigen::Index>(order[end])] == z[static_cast<Eigen::Index>(order[k])]) ++end;
    const int s = static_cast<int>(std::min(kSizeStrata - 1, kSizeStrata * k / m));
    for (; k < end; ++k) stratum[order[k]] = s;
  }
  std::vector<std::size_t> size(kSizeStrata, 0);
  for (int s : stratum) ++size[static_cast<std::size_t>(s)];
  std::vector<int> label(kSizeStrata);  // merged stratum of each original one
  for (std::size_t s = 0; s < kSizeStrata; ++s) label[s] = static_cast<int>(s);
  while (true) {
    std::map<int, std::size_t> merged;
    for (std::size_t s = 0; s < kSizeStrata; ++s) merged[label[s]] += size[s];
    if (merged.size() < 2) break;
    auto small = std::find_if(merged.begin(), merged.end(), [](const auto& e) { return e.second < kMinStratum; });
    if (small == merged.end()) break;
    auto next = std::next(small);
    const auto into = small == merged.begin() ? next
                      : next == merged.end()  ? std::prev(small)
                                              : (std::prev(small)->second <= next->second ? std::prev(small) : next);
    for (int& l : label)
      if (l == small->first) l = into->first;
  }
  for (int& s : stratum) s = label[static_cast<std::size_t>(s)];
  return stratum;
}

/// Kendall's tau-b within strata of log(parameters), combined over strata by their pairs:
/// sum_s (C_s - D_s) / sqrt(sum_s (P_s - X_s) sum_s (P_s - Y_s)), with P_s the pairs of stratum s
/// and X_s, Y_s those tied in the proxy and in the target. One stratum gives tau-b itself. Each
/// architecture keeps its stratum across resamples, so the interval is of this one statistic.
ConfidenceInterval within_size(const Eigen::VectorXd& x, const Aggregate& a, const std::vector<std::size_t>& used,
                               const StudyOptions& options) {
  ConfidenceInterval out;
  std::vector<std::size_t> rows;
  for (std::size_t i : used)
    if (!std::isnan(a.log_params[static_cast<Eigen::Index>(i)])) rows.push_back(i);
  if (rows.size() < 2 * kMinStratum) {
    out.reason = "needs the parameter counts of at least " + std::to_string(2 * kMinStratum) + " architectures";
    return out;
  }
  const Eigen::VectorXd px = pick(x, rows), py = pick(a.target, rows);
  const std::vector<int> stratum = size_strata(pick(a.log_params, rows));
  auto tau = [&](const std::vector<std::size_t>& r) {
    double s = 0, dx = 0, dy = 0;
    for (std::size_t i = 0; i < r.size(); ++i)
      for (std::size_t j = i + 1; j < r.size(); ++j) {
        if (stratum[r[i]] != stratum[r[j]]) continue;
        const auto ii = static_cast<Eigen::Index>(r[i]), jj = static_cast<Eigen::Index>(r[j]);
        const double sx = (px[ii] > px[jj]) - (px[ii] < px[jj]), sy = (py[ii] > py[jj]) - (py[ii] < py[jj]);
        s += sx * sy;
        dx += sx != 0;
        dy += sy != 0;
      }
    return dx > 0 && dy > 0 ? s / std::sqrt(dx * dy) : std::numeric_limits<double>::quiet_NaN();
  };
  out = bootstrap_ci(rows.size(), tau, options.bootstrap);
  if (std::isnan(out.estimate)) out.reason = "undefined: the proxy or the target is constant within every stratum";
  return out;
}

}  // namespace

const std::vector<ProxyStatisticInfo>& proxy_statistic_registry() {
  static const std::vector<ProxyStatisticInfo> registry = {
      {"beyond_size", "beyond size",
       "beyond size: Kendall's partial tau given log(parameters) with its interval, what the proxy knows that "
       "parameter count does not",
       beyond_size},
      {"within_size", "within size",
       "within size: Kendall's tau-b within quartiles of log(parameters) (a quartile of fewer than 8 "
       "architectures merged into its neighbour), combined over them by their pairs, with its interval: how the "
       "proxy orders architectures of similar size",
       within_size},
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
