// From run results to the study's tables: medians over seeds, exclusions, correlations with
// bootstrap intervals, the noise ceiling and the recommendation.
#include "nasrank/ranking/study.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <set>

#include "nasrank/core/error.h"
#include "nasrank/core/text_table.h"
#include "nasrank/ranking/finite_stats.h"
#include "nasrank/ranking/predictors.h"
#include "proxy_statistics.h"

namespace nasrank::ranking {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<double> to_vector(const Eigen::VectorXd& v) { return {v.data(), v.data() + v.size()}; }

std::string describe(const RunResult& r, std::size_t index) {
  return detail::concat("run ", index + 1, " (arch '", r.arch, "', schedule '", r.schedule, "', ",
                        format_number(r.budget_epochs), " epochs, seed ", r.seed, ")");
}

void validate(const RunResult& r, std::size_t index) {
  NASRANK_CHECK(!r.arch.empty(), describe(r, index), ": empty architecture id");
  NASRANK_CHECK(r.status == "ok" || r.status == "diverged" || r.status == "untrainable", describe(r, index),
                ": status '", r.status, "' is not one of ok, diverged, untrainable");
  NASRANK_CHECK(std::isfinite(r.budget_epochs) && r.budget_epochs > 0, describe(r, index),
                ": budget_epochs must be a positive number (got ", r.budget_epochs, ")");
  NASRANK_CHECK(r.budget_fraction > 0 && r.budget_fraction <= 1 + 1e-12, describe(r, index),
                ": budget_fraction must lie in (0, 1] (got ", r.budget_fraction, ")");
  NASRANK_CHECK(std::isnan(r.best_progress) || (r.best_progress >= 0 && r.best_progress <= 1), describe(r, index),
                ": best_progress must lie in [0, 1] (got ", r.best_progress, ")");
}

}  // namespace

Aggregate aggregate_runs(const std::vector<RunResult>& runs) {
  for (std::size_t i = 0; i < runs.size(); ++i) validate(runs[i], i);
  Aggregate a;

  std::map<std::string, std::vector<const RunResult*>> references;
  std::set<std::string> seen;
  for (const auto& r : runs) {
    seen.insert(r.arch);
    if (r.reference) references[r.arch].push_back(&r);
  }
  a.architectures_seen = seen.size();
  for (const auto& arch : seen) {
    auto it = references.find(arch);
    if (it == references.end()) {
      a.excluded.push_back({arch, "no reference (full-budget) run"});
      continue;
    }
    std::string failed;
    bool any_accuracy = false;
    for (const RunResult* r : it->second) {
      if (r->status != "ok")
        failed += (failed.empty() ? "" : ", ") + ("seed " + std::to_string(r->seed) + " " + r->status);
      any_accuracy = any_accuracy || std::isfinite(r->best_val_acc);
    }
    if (!failed.empty()) a.excluded.push_back({arch, "reference runs: " + failed});
    else if (!any_accuracy) a.excluded.push_back({arch, "no finite accuracy in its reference runs"});
    else a.archs.push_back(arch);
  }
  std::map<std::string, Eigen::Index> row;
  for (std::size_t i = 0; i < a.archs.size(); ++i) row[a.archs[i]] = static_cast<Eigen::Index>(i);
  const auto n = static_cast<Eigen::Index>(a.archs.size());

  // The target, its cost and the reference seeds.
  std::set<int> seeds;
  for (const auto& arch : a.archs)
    for (const RunResult* r : references[arch]) seeds.insert(r->seed);
  a.reference_seeds.assign(seeds.begin(), seeds.end());
  a.target.resize(n);
  a.reference_seconds.resize(n);
  a.log_params = Eigen::VectorXd::Constant(n, kNaN);
  a.reference_by_seed = Eigen::MatrixXd::Constant(n, static_cast<Eigen::Index>(seeds.size()), kNaN);
  for (const auto& arch : a.archs) {
    const Eigen::Index i = row[arch];
    std::vector<double> acc, secs;
    std::map<int, std::vector<double>> by_seed;
    for (const RunResult* r : references[arch])
      if (r->params > 0) a.log_params[i] = std::log(static_cast<double>(r->params));
    for (const RunResult* r : references[arch]) {
      acc.push_back(r->best_val_acc);
      secs.push_back(r->seconds);
      by_seed[r->seed].push_back(r->best_val_acc);
    }
    a.target[i] = finite::median(acc);
    a.reference_seconds[i] = finite::median(secs);
    for (const auto& [seed, values] : by_seed) {
      const auto col =
          std::lower_bound(a.reference_seeds.begin(), a.reference_seeds.end(), seed) - a.reference_seeds.begin();
      a.reference_by_seed(i, col) = finite::median(values);
    }
  }

  // Schedules in order of appearance, budgets ascending, one fraction per budget.
  std::map<double, double> fraction_of;
  for (std::size_t k = 0; k < runs.size(); ++k) {
    const RunResult& r = runs[k];
    if (r.reference || !row.count(r.arch)) continue;
    if (std::find(a.schedules.begin(), a.schedules.end(), r.schedule) == a.schedules.end())
      a.schedules.push_back(r.schedule);
    auto [it, inserted] = fraction_of.emplace(r.budget_epochs, r.budget_fraction);
    NASRANK_CHECK(inserted || std::abs(it->second - r.budget_fraction) <= 1e-9 * std::max(1.0, it->second),
                  describe(r, k), ": budget of ", format_number(r.budget_epochs), " epochs given as fraction ",
                  r.budget_fraction, " here and ", it->second,
                  " elsewhere: every run of a budget must share "
                  "one full budget");
  }
  for (const auto& [epochs, fraction] : fraction_of)
    a.budgets.push_back({epochs, fraction, budget_label(epochs, fraction)});

  for (const auto& schedule : a.schedules) {
    for (const auto& budget : a.budgets) {
      std::vector<std::vector<double>> acc(a.archs.size()), secs(a.archs.size());
      std::size_t count = 0;
      for (const auto& r : runs) {
        if (r.reference || r.schedule != schedule || r.budget_epochs != budget.epochs) continue;
        auto it = row.find(r.arch);
        if (it == row.end()) continue;
        acc[static_cast<std::size_t>(it->second)].push_back(r.best_val_acc);
        secs[static_cast<std::size_t>(it->second)].push_back(r.seconds);
        ++count;
      }
      if (count == 0) continue;
      AggregateCell cell{schedule, budget, Eigen::VectorXd(n), Eigen::VectorXd(n), count};
      for (Eigen::Index i = 0; i < n; ++i) {
        const auto& s = secs[static_cast<std::size_t>(i)];
        cell.accuracy[i] = finite::median(acc[static_cast<std::size_t>(i)]);
        // The proxy's cost is every run its median uses, not one of them.
        cell.seconds[i] = s.empty() || std::any_of(s.begin(), s.end(), [](double v) { return !std::isfinite(v); })
                              ? kNaN
                              : std::accumulate(s.begin(), s.end(), 0.0);
      }
      a.cells.push_back(std::move(cell));
    }
  }
  return a;
}

const StatisticValue* CorrelationRow::statistic(const std::string& name) const {
  for (const auto& s : statistics)
    if (s.name == name) return &s;
  return nullptr;
}

TargetReliability target_reliability_of(const Eigen::MatrixXd& by_seed, const std::string& variant,
                                        const BootstrapOptions& bootstrap) {
  TargetReliability r;
  r.components = variance_components(by_seed);
  r.seeds = static_cast<int>(by_seed.cols());
  if (std::isnan(r.components.within)) {
    r.reason = "needs reference runs of at least two seeds for some architectures";
    return r;
  }
  r.reliability = target_reliability(r.components, std::max(1, r.seeds));
  r.single_seed_reliability = target_reliability(r.components, 1);
  // The two expected taus as functions of the components, for the estimates and their resamples:
  // a perfect proxy correlates with the target at sqrt(R_k), two single seeds at R_1.
  const auto matched = [&](const VarianceComponents& c) {
    return normal_population_value(variant, std::sqrt(target_reliability(c, std::max(1, r.seeds))));
  };
  const auto seeds_agree = [&](const VarianceComponents& c) {
    return normal_population_value(variant, target_reliability(c, 1));
  };
  r.matched_ceiling = matched(r.components);
  r.seed_vs_seed = seeds_agree(r.components);
  if (std::isnan(r.matched_ceiling)) {
    r.reason = variant + " has no closed form under normality";
    return r;
  }
  // Resampled architectures keep all their seeds; the components, and so both taus, are
  // estimated again on each resample (same seed: the two intervals share their resamples).
  const auto resampled = [&](const auto& tau_of) {
    return [&](const std::vector<std::size_t>& rows) {
      Eigen::MatrixXd picked(static_cast<Eigen::Index>(rows.size()), by_seed.cols());
      for (std::size_t i = 0; i < rows.size(); ++i)
        picked.row(static_cast<Eigen::Index>(i)) = by_seed.row(static_cast<Eigen::Index>(rows[i]));
      return tau_of(variance_components(picked));
    };
  };
  const std::size_t n = static_cast<std::size_t>(by_seed.rows());
  r.matched_ceiling_interval = bootstrap_ci(n, resampled(matched), bootstrap);
  r.matched_ceiling_interval.estimate = r.matched_ceiling;
  r.seed_vs_seed_interval = bootstrap_ci(n, resampled(seeds_agree), bootstrap);
  r.seed_vs_seed_interval.estimate = r.seed_vs_seed;
  return r;
}

std::optional<bool> ceiling_model_fits(const TargetReliability& target, const NoiseCeiling& measured) {
  const ConfidenceInterval& m = measured.tau;
  if (!std::isfinite(target.seed_vs_seed) || !std::isfinite(m.lower) || !std::isfinite(m.upper)) return std::nullopt;
  return target.seed_vs_seed >= m.lower && target.seed_vs_seed <= m.upper;
}

double partial_correlation(double s_xy, double s_xz, double s_yz) {
  const double d = (1 - s_xz * s_xz) * (1 - s_yz * s_yz);
  if (!(d > 0) || std::isnan(s_xy)) return kNaN;
  return (s_xy - s_xz * s_yz) / std::sqrt(d);
}

StudyTables build_study_tables(const std::vector<RunResult>& runs, const StudyOptions& options,
                               const std::vector<ZeroCostScore>& zero_cost) {
  std::set<std::pair<std::string, std::string>> seen_scores;
  for (const auto& z : zero_cost) {
    NASRANK_CHECK(!z.arch.empty() && !z.score.empty(), "zero-cost score with an empty architecture or score name");
    NASRANK_CHECK(seen_scores.insert({z.arch, z.score}).second, "zero-cost score '", z.score, "' of arch '", z.arch,
                  "' is given twice");
  }
  find_statistic(options.tau_variant);  // throws for an unknown name
  std::set<std::string> columns;
  for (const Statistic& s : options.table6_columns) {
    NASRANK_CHECK(!s.name.empty() && s.compute, "a statistic of Table 6 needs a name and a function");
    NASRANK_CHECK(columns.insert(s.name).second, "statistic '", s.name, "' is listed twice among Table 6's columns");
  }
  NASRANK_CHECK(options.significance > 0 && options.significance < 1, "significance level must lie in (0, 1) (got ",
                options.significance, ")");
  NASRANK_CHECK(options.influence_resamples >= 1, "influence resamples must be at least 1 (got ",
                options.influence_resamples, ")");
  NASRANK_CHECK(options.advice_difference > 0 && options.advice_difference < 2,
                "the difference the sample-size advice separates must lie in (0, 2) (got ", options.advice_difference,
                ")");
  const StatisticOptions stat_options = options.statistics;
  const PairStatistic tau = internal::tau_statistic(options);

  const Aggregate a = aggregate_runs(runs);
  StudyTables t;
  t.options = options;
  t.architectures_seen = a.architectures_seen;
  t.architectures_used = a.archs.size();
  t.excluded = a.excluded;
  t.schedules = a.schedules;
  t.budgets = a.budgets;

  for (const auto& cell : a.cells) {
    CorrelationRow row;
    row.schedule = cell.schedule;
    row.budget = cell.budget;
    row.stats = internal::proxy_statistics(cell.accuracy, a, options);
    row.seconds_per_arch = finite::median(cell.seconds);
    for (const Statistic& s : options.table6_columns) {
      const Correlation c = s.compute(cell.accuracy, a.target, stat_options);
      row.statistics.push_back({s.name, c.value, s.parameter.resolve ? s.parameter.resolve(c.n, stat_options) : 0});
    }
    {
      double sum = 0;
      int count = 0;
      for (Eigen::Index c = 0; c < a.reference_by_seed.cols(); ++c) {
        const double v = tau(cell.accuracy, a.reference_by_seed.col(c));
        if (!std::isnan(v)) sum += v, ++count;
      }
      if (count > 0) row.tau_single_seed = sum / count;
    }
    t.table6.push_back(std::move(row));

    MeanRow accuracy{cell.schedule, cell.budget, 0, kNaN};
    std::tie(accuracy.mean, accuracy.n) = finite::mean(to_vector(cell.accuracy));
    t.table7.push_back(accuracy);
    MeanRow normalised{cell.schedule, cell.budget, 0, kNaN};
    std::tie(normalised.mean, normalised.n) = finite::mean(to_vector(cell.accuracy.array() / a.target.array()));
    t.table8.push_back(normalised);
  }

  // Table 5: each run counts once, as in the paper ("across budgets >= 10% and 3 different runs").
  std::set<std::string> included(a.archs.begin(), a.archs.end());
  for (const auto& schedule : a.schedules) {
    std::vector<double> p;
    for (const auto& r : runs)
      if (!r.reference && r.schedule == schedule && r.status == "ok" && included.count(r.arch) &&
          r.budget_fraction >= options.best_progress_min_fraction - 1e-12 && std::isfinite(r.best_progress))
        p.push_back(r.best_progress);
    BestProgressRow row{schedule, p.size(), kNaN, kNaN};
    if (!p.empty()) row.mean = finite::mean(p).first;
    if (p.size() >= 2) {
      double ss = 0;
      for (double v : p) ss += (v - row.mean) * (v - row.mean);
      row.std = std::sqrt(ss / static_cast<double>(p.size() - 1));
    }
    t.table5.push_back(row);
  }

  // Noise ceiling: mean tau over pairs of reference seeds, resampling architectures jointly.
  {
    std::vector<Eigen::Index> rows;
    for (Eigen::Index i = 0; i < a.reference_by_seed.rows(); ++i)
      if ((!a.reference_by_seed.row(i).array().isNaN()).count() >= 2) rows.push_back(i);
    const Eigen::Index seeds = a.reference_by_seed.cols();
    Eigen::MatrixXd m(static_cast<Eigen::Index>(rows.size()), seeds);
    for (std::size_t i = 0; i < rows.size(); ++i)
      m.row(static_cast<Eigen::Index>(i)) = a.reference_by_seed.row(rows[i]);
    t.noise_ceiling.n = rows.size();
    auto mean_over_pairs = [&](const std::vector<std::size_t>& pick, std::size_t* defined_pairs) {
      Eigen::MatrixXd s(static_cast<Eigen::Index>(pick.size()), seeds);
      for (std::size_t i = 0; i < pick.size(); ++i)
        s.row(static_cast<Eigen::Index>(i)) = m.row(static_cast<Eigen::Index>(pick[i]));
      double sum = 0;
      std::size_t count = 0;
      for (Eigen::Index c1 = 0; c1 < seeds; ++c1)
        for (Eigen::Index c2 = c1 + 1; c2 < seeds; ++c2) {
          const double v = tau(s.col(c1), s.col(c2));
          if (!std::isnan(v)) {
            sum += v;
            ++count;
          }
        }
      if (defined_pairs) *defined_pairs = count;
      return count ? sum / static_cast<double>(count) : kNaN;
    };
    t.noise_ceiling.tau = bootstrap_ci(
        rows.size(), [&](const std::vector<std::size_t>& pick) { return mean_over_pairs(pick, nullptr); },
        options.bootstrap);
    std::vector<std::size_t> all(rows.size());
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
    mean_over_pairs(all, &t.noise_ceiling.seed_pairs);
    t.target = target_reliability_of(a.reference_by_seed, options.tau_variant, options.bootstrap);
    if (seeds < 2) t.noise_ceiling.tau.reason = "needs reference runs of at least two seeds per architecture";
    else if (t.noise_ceiling.seed_pairs == 0)
      t.noise_ceiling.tau.reason = "no pair of reference seeds gives a defined tau (too few architectures)";
  }

  // Size as a baseline: log(parameters) as a proxy.
  {
    const Correlation point = find_statistic(options.tau_variant).compute(a.log_params, a.target, stat_options);
    t.size.n = point.n;
    if (point.n == 0) {
      t.size.reason = "no parameter counts in the runs";
      t.size.tau.reason = t.size.reason;
    } else {
      t.size.tau = bootstrap_ci(a.log_params, a.target, tau, options.bootstrap);
      t.size.tau.estimate = point.value;
      if (!point.defined()) t.size.tau.reason = point.reason;
    }
  }

  // Zero-cost scores on the same architectures, and every way to rank on one axis of compute.
  t.zero_cost = zero_cost_table(zero_cost, a, options);
  t.predictors = predictor_table(runs, zero_cost, a, options);
  std::string reference_schedule;
  for (const auto& r : runs)
    if (r.reference) {
      reference_schedule = r.schedule;
      break;
    }
  t.cost = cost_points(t, a, reference_schedule);
  t.recommendation = recommend(t, a, zero_cost);
  t.advice = sample_size_advice(t);
  return t;
}

}  // namespace nasrank::ranking
