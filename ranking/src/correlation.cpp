// The correlation statistics. Every function drops NaN pairs first, then works on clean data;
// undefined results are NaN with a reason, never an exception (only mismatched lengths throw).
#include "nasrank/ranking/correlation.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <utility>

#include "nasrank/core/error.h"

namespace nasrank::ranking {
namespace {

double clamp_unit(double v) { return std::min(1.0, std::max(-1.0, v)); }

/// NaN-free copies of the input plus the bookkeeping every result carries.
struct Clean {
  Eigen::VectorXd x, y;
  Correlation result;
};

Clean clean_pairs(const ConstVec& x, const ConstVec& y) {
  NASRANK_CHECK(x.size() == y.size(), "correlation of samples of different lengths (", x.size(), " and ", y.size(),
                "): the two values of a pair must come from the same architecture");
  Clean c;
  drop_nan_pairs(x, y, c.x, c.y, c.result.dropped);
  c.result.n = static_cast<std::size_t>(c.x.size());
  // On two pairs every correlation is +1 or -1 whatever the data: a sign, not a statistic.
  if (c.result.n < 3)
    c.result.reason = detail::concat("fewer than three pairs (", c.result.n, " without NaN, ", c.result.dropped,
                                     " dropped): on two, any correlation is +1 or -1");
  return c;
}

bool is_constant(const Eigen::VectorXd& v) { return v.size() > 0 && (v.array() == v(0)).all(); }

/// Sets `reason` when x or y is constant (every pair tied): rank statistics are then undefined.
bool check_not_constant(Clean& c) {
  if (!c.result.reason.empty()) return false;
  if (is_constant(c.x)) c.result.reason = "x is constant (all values tied)";
  else if (is_constant(c.y)) c.result.reason = "y is constant (all values tied)";
  return c.result.reason.empty();
}

/// The pair counts behind tau-a and tau-b (Knight 1966).
struct PairCounts {
  std::int64_t total = 0;       ///< n0 = n(n-1)/2
  std::int64_t tied_x = 0;      ///< n1: pairs with equal x
  std::int64_t tied_y = 0;      ///< n2: pairs with equal y
  std::int64_t tied_both = 0;   ///< n3: pairs with equal x and equal y
  std::int64_t discordant = 0;  ///< pairs ordered one way by x and the other way by y
  /// C - D: concordant minus discordant.
  std::int64_t score() const { return total - tied_x - tied_y + tied_both - 2 * discordant; }
};

std::int64_t pairs_in_runs(const double* v, std::size_t n) {
  std::int64_t pairs = 0;
  std::size_t first = 0;
  for (std::size_t i = 1; i <= n; ++i) {
    if (i == n || v[i] != v[first]) {
      const auto m = static_cast<std::int64_t>(i - first);
      pairs += m * (m - 1) / 2;
      first = i;
    }
  }
  return pairs;
}

PairCounts count_pairs(const Eigen::VectorXd& x, const Eigen::VectorXd& y) {
  const auto n = static_cast<std::size_t>(x.size());
  std::vector<std::pair<double, double>> xy(n);
  for (std::size_t i = 0; i < n; ++i) xy[i] = {x[static_cast<Eigen::Index>(i)], y[static_cast<Eigen::Index>(i)]};
  std::sort(xy.begin(), xy.end());

  PairCounts c;
  c.total = static_cast<std::int64_t>(n) * static_cast<std::int64_t>(n - 1) / 2;
  std::vector<double> ys(n), buffer(n);
  for (std::size_t first = 0, i = 1; i <= n; ++i) {
    if (i == n || xy[i].first != xy[first].first) {
      const auto m = static_cast<std::int64_t>(i - first);
      c.tied_x += m * (m - 1) / 2;
      first = i;
    }
  }
  for (std::size_t first = 0, i = 1; i <= n; ++i) {
    if (i == n || xy[i] != xy[first]) {
      const auto m = static_cast<std::int64_t>(i - first);
      c.tied_both += m * (m - 1) / 2;
      first = i;
    }
  }
  for (std::size_t i = 0; i < n; ++i) ys[i] = xy[i].second;

  // Bottom-up merge sort of y; every time an element of the right run overtakes elements of the
  // left run, those pairs are discordant (equal y never swaps, so ties are not counted).
  double* src = ys.data();
  double* dst = buffer.data();
  for (std::size_t width = 1; width < n; width *= 2) {
    for (std::size_t lo = 0; lo < n; lo += 2 * width) {
      const std::size_t mid = std::min(lo + width, n), hi = std::min(lo + 2 * width, n);
      std::size_t i = lo, j = mid, k = lo;
      while (i < mid && j < hi) {
        if (src[i] <= src[j]) {
          dst[k++] = src[i++];
        } else {
          c.discordant += static_cast<std::int64_t>(mid - i);
          dst[k++] = src[j++];
        }
      }
      while (i < mid) dst[k++] = src[i++];
      while (j < hi) dst[k++] = src[j++];
    }
    std::swap(src, dst);
  }
  c.tied_y = pairs_in_runs(src, n);
  return c;
}

/// Rank of each element by decreasing (primary, secondary), ties in both broken so that the later
/// index ranks higher (scipy reverses a stable ascending lexsort), then the weighted Kendall
/// tau of Vigna (2015) with additive hyperbolic weights. Mirrors scipy's _weightedrankedtau.
double weighted_ranked_tau(const Eigen::VectorXd& primary, const Eigen::VectorXd& secondary) {
  const auto n = static_cast<std::size_t>(primary.size());
  const double* x = primary.data();
  const double* y = secondary.data();
  std::vector<std::size_t> perm(n);
  std::iota(perm.begin(), perm.end(), 0);
  std::sort(perm.begin(), perm.end(), [&](std::size_t a, std::size_t b) {
    if (x[a] != x[b]) return x[a] < x[b];
    if (y[a] != y[b]) return y[a] < y[b];
    return a < b;
  });
  std::vector<double> weight(n);  // by element
  for (std::size_t pos = 0; pos < n; ++pos) weight[perm[n - 1 - pos]] = 1.0 / (static_cast<double>(pos) + 1.0);

  // Weight of the pairs inside runs of equal keys: a run of m elements with weight sum s holds
  // m(m-1)/2 pairs whose additive weights sum to s(m-1).
  auto tied_weight = [&](auto same) {
    double total = 0, s = 0;
    std::size_t first = 0;
    for (std::size_t i = 0; i <= n; ++i) {
      if (i == n || !same(perm[first], perm[i])) {
        total += s * static_cast<double>(i - first - 1);
        first = i;
        s = 0;
      }
      if (i < n) s += weight[perm[i]];
    }
    return total;
  };
  const double tied_both = tied_weight([&](std::size_t a, std::size_t b) { return x[a] == x[b] && y[a] == y[b]; });
  const double tied_x = tied_weight([&](std::size_t a, std::size_t b) { return x[a] == x[b]; });

  // Merge sort of perm by y, adding the weight of every pair that the sort exchanges.
  double exchanged = 0;
  std::vector<std::size_t> buffer(n);
  std::size_t* src = perm.data();
  std::size_t* dst = buffer.data();
  for (std::size_t width = 1; width < n; width *= 2) {
    for (std::size_t lo = 0; lo < n; lo += 2 * width) {
      const std::size_t mid = std::min(lo + width, n), hi = std::min(lo + 2 * width, n);
      double left_weight = 0;  // of the elements of the left run not yet merged
      for (std::size_t i = lo; i < mid; ++i) left_weight += weight[src[i]];
      std::size_t i = lo, j = mid, k = lo;
      while (i < mid && j < hi) {
        if (y[src[i]] <= y[src[j]]) {
          left_weight -= weight[src[i]];
          dst[k++] = src[i++];
        } else {
          exchanged += weight[src[j]] * static_cast<double>(mid - i) + left_weight;
          dst[k++] = src[j++];
        }
      }
      while (i < mid) dst[k++] = src[i++];
      while (j < hi) dst[k++] = src[j++];
    }
    std::swap(src, dst);
  }
  if (src != perm.data()) std::copy(src, src + n, perm.data());
  const double tied_y = tied_weight([&](std::size_t a, std::size_t b) { return y[a] == y[b]; });

  double all = 0;
  for (double w : weight) all += w;
  all *= static_cast<double>(n - 1);
  const double tau =
      ((all - (tied_x + tied_y - tied_both)) - 2.0 * exchanged) / std::sqrt(all - tied_x) / std::sqrt(all - tied_y);
  return clamp_unit(tau);
}

/// Probability of each element being among the k largest when ties at the cut-off are broken
/// uniformly at random.
std::vector<double> top_k_membership(const Eigen::VectorXd& v, std::size_t k) {
  const auto n = static_cast<std::size_t>(v.size());
  std::vector<double> sorted(v.data(), v.data() + n);
  std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(k - 1), sorted.end(),
                   std::greater<double>());
  const double cut = sorted[k - 1];
  std::size_t above = 0, at = 0;
  for (std::size_t i = 0; i < n; ++i) {
    above += v[static_cast<Eigen::Index>(i)] > cut;
    at += v[static_cast<Eigen::Index>(i)] == cut;
  }
  const double share = static_cast<double>(k - above) / static_cast<double>(at);
  std::vector<double> p(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double value = v[static_cast<Eigen::Index>(i)];
    p[i] = value > cut ? 1.0 : value == cut ? share : 0.0;
  }
  return p;
}

}  // namespace

void drop_nan_pairs(const ConstVec& x, const ConstVec& y, Eigen::VectorXd& x_out, Eigen::VectorXd& y_out,
                    std::size_t& dropped) {
  NASRANK_ASSERT(x.size() == y.size());
  Eigen::Index kept = 0;
  for (Eigen::Index i = 0; i < x.size(); ++i) kept += !std::isnan(x[i]) && !std::isnan(y[i]);
  x_out.resize(kept);
  y_out.resize(kept);
  for (Eigen::Index i = 0, k = 0; i < x.size(); ++i) {
    if (std::isnan(x[i]) || std::isnan(y[i])) continue;
    x_out[k] = x[i];
    y_out[k] = y[i];
    ++k;
  }
  dropped = static_cast<std::size_t>(x.size() - kept);
}

Eigen::VectorXd average_ranks(const ConstVec& v) {
  const auto n = static_cast<std::size_t>(v.size());
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return v[static_cast<Eigen::Index>(a)] < v[static_cast<Eigen::Index>(b)];
  });
  Eigen::VectorXd ranks(v.size());
  for (std::size_t first = 0, i = 1; i <= n; ++i) {
    if (i == n || v[static_cast<Eigen::Index>(order[i])] != v[static_cast<Eigen::Index>(order[first])]) {
      // Positions first..i-1 (0-based) are ranks first+1..i; their mean is (first + 1 + i) / 2.
      const double mean_rank = (static_cast<double>(first) + 1.0 + static_cast<double>(i)) / 2.0;
      for (std::size_t j = first; j < i; ++j) ranks[static_cast<Eigen::Index>(order[j])] = mean_rank;
      first = i;
    }
  }
  return ranks;
}

Correlation kendall_tau_b(const ConstVec& x, const ConstVec& y) {
  Clean c = clean_pairs(x, y);
  if (!check_not_constant(c)) return c.result;
  const PairCounts p = count_pairs(c.x, c.y);
  const double denominator =
      std::sqrt(static_cast<double>(p.total - p.tied_x) * static_cast<double>(p.total - p.tied_y));
  c.result.value = clamp_unit(static_cast<double>(p.score()) / denominator);
  return c.result;
}

Correlation kendall_tau_a(const ConstVec& x, const ConstVec& y) {
  Clean c = clean_pairs(x, y);
  if (!check_not_constant(c)) return c.result;
  const PairCounts p = count_pairs(c.x, c.y);
  c.result.value = static_cast<double>(p.score()) / static_cast<double>(p.total);
  return c.result;
}

Correlation pair_order_probability(const ConstVec& x, const ConstVec& y) {
  Correlation r = kendall_tau_a(x, y);
  if (r.defined()) r.value = (r.value + 1.0) / 2.0;
  return r;
}

Correlation pearson_r(const ConstVec& x, const ConstVec& y) {
  Clean c = clean_pairs(x, y);
  if (!check_not_constant(c)) return c.result;
  const Eigen::ArrayXd dx = c.x.array() - c.x.mean();
  const Eigen::ArrayXd dy = c.y.array() - c.y.mean();
  const double sxx = dx.square().sum(), syy = dy.square().sum();
  if (!(sxx > 0) || !(syy > 0) || !std::isfinite(sxx) || !std::isfinite(syy)) {
    c.result.reason = "variance is zero or not finite";
    return c.result;
  }
  c.result.value = clamp_unit((dx * dy).sum() / std::sqrt(sxx) / std::sqrt(syy));
  return c.result;
}

Correlation spearman_rho(const ConstVec& x, const ConstVec& y) {
  Clean c = clean_pairs(x, y);
  if (!check_not_constant(c)) return c.result;
  const Correlation r = pearson_r(average_ranks(c.x), average_ranks(c.y));
  c.result.value = r.value;
  c.result.reason = r.reason;
  return c.result;
}

Correlation weighted_tau(const ConstVec& x, const ConstVec& y) {
  Clean c = clean_pairs(x, y);
  if (!check_not_constant(c)) return c.result;
  c.result.value = (weighted_ranked_tau(c.x, c.y) + weighted_ranked_tau(c.y, c.x)) / 2.0;
  return c.result;
}

Correlation top_k_precision(const ConstVec& x, const ConstVec& y, std::size_t k) {
  Clean c = clean_pairs(x, y);
  if (!check_not_constant(c)) return c.result;
  if (k < 1 || k > c.result.n) {
    c.result.reason = detail::concat("top-k needs 1 <= k <= n (k = ", k, ", n = ", c.result.n, ")");
    return c.result;
  }
  const std::vector<double> px = top_k_membership(c.x, k), py = top_k_membership(c.y, k);
  double overlap = 0;
  for (std::size_t i = 0; i < px.size(); ++i) overlap += px[i] * py[i];
  c.result.value = overlap / static_cast<double>(k);
  return c.result;
}

std::size_t resolve_top_k(const StatisticOptions& options, std::size_t n) {
  if (options.top_k > 0) return options.top_k;
  // The small epsilon keeps 0.1 * 70 = 7.000000000000001 from becoming 8.
  const double k = std::ceil(options.top_fraction * static_cast<double>(n) - 1e-9);
  return std::max<std::size_t>(kMinTopK, static_cast<std::size_t>(std::max(0.0, k)));
}

const std::vector<Statistic>& statistic_registry() {
  // Each entry: name, summary, compute, title, table6_phrase, parameter.
  static const std::vector<Statistic> registry = {
      {"kendall_tau_b",
       "Kendall's tau-b: (C-D)/sqrt((n0-n1)(n0-n2)), ties in x or y leave the denominator",
       [](const ConstVec& x, const ConstVec& y, const StatisticOptions&) { return kendall_tau_b(x, y); },
       "Kendall's tau-b",
       "",
       {}},
      {"kendall_tau_a",
       "Kendall's tau-a: (C-D)/n0, tied pairs count as neither concordant nor discordant",
       [](const ConstVec& x, const ConstVec& y, const StatisticOptions&) { return kendall_tau_a(x, y); },
       "Kendall's tau-a",
       "",
       {}},
      {"spearman",
       "Spearman's rho: Pearson's r of average ranks",
       [](const ConstVec& x, const ConstVec& y, const StatisticOptions&) { return spearman_rho(x, y); },
       "Spearman's rho",
       "Spearman's rho",
       {}},
      {"pearson",
       "Pearson's r of the values themselves",
       [](const ConstVec& x, const ConstVec& y, const StatisticOptions&) { return pearson_r(x, y); },
       "Pearson's r",
       "",
       {}},
      {"weighted_tau",
       "weighted Kendall tau, hyperbolic weights 1/(r+1) by decreasing value, additive, symmetrised "
       "(scipy.stats.weightedtau defaults): stresses the best architectures",
       [](const ConstVec& x, const ConstVec& y, const StatisticOptions&) { return weighted_tau(x, y); },
       "weighted Kendall tau",
       "the weighted Kendall tau (hyperbolic weights: agreement among the best architectures weighs most)",
       {}},
      {"top_k_precision",
       "|top-k of x and top-k of y| / k, largest values on top, ties at the cut shared",
       [](const ConstVec& x, const ConstVec& y, const StatisticOptions& o) {
         std::size_t n = 0;
         for (Eigen::Index i = 0; i < x.size() && i < y.size(); ++i) n += !std::isnan(x[i]) && !std::isnan(y[i]);
         const std::size_t k = resolve_top_k(o, n);
         Correlation c = top_k_precision(x, y, k);
         // An automatic k that is half the pool or more says little beyond chance (k/n): none.
         if (o.top_k == 0 && c.defined() && 2 * k > c.n) {
           c.value = std::numeric_limits<double>::quiet_NaN();
           c.reason = detail::concat("top-k needs at least ", 2 * k, " architectures for k = ", k, " (n = ", c.n, ")");
         }
         return c;
       },
       "",
       "top-k precision (overlap of the top k of both rankings)",
       {"top_k", "k", [](std::size_t n, const StatisticOptions& o) { return resolve_top_k(o, n); }}},
      {"pair_order_probability",
       "(tau_a+1)/2: chance of ordering a random pair right, ties settled by a coin",
       [](const ConstVec& x, const ConstVec& y, const StatisticOptions&) { return pair_order_probability(x, y); },
       "",
       "the probability of ordering a random pair correctly",
       {}},
  };
  return registry;
}

const Statistic& find_statistic(const std::string& name) {
  for (const auto& s : statistic_registry())
    if (s.name == name) return s;
  std::string names;
  for (const auto& s : statistic_registry()) names += (names.empty() ? "" : ", ") + s.name;
  throw Error(detail::concat("no statistic '", name, "' (known: ", names, ")"));
}

std::vector<Statistic> table6_statistics() {
  std::vector<Statistic> out;
  for (const auto& s : statistic_registry())
    if (!s.table6_phrase.empty()) out.push_back(s);
  return out;
}

std::string statistic_title(const std::string& name) {
  for (const auto& s : statistic_registry())
    if (s.name == name && !s.title.empty()) return s.title;
  return name;
}

}  // namespace nasrank::ranking
