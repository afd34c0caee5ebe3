// From run results to the study's tables: medians over seeds, exclusions, correlations with
// bootstrap intervals, the noise ceiling and the recommendation.
#include "nasrank/ranking/study.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <sstream>

#include "nasrank/core/error.h"
#include "nasrank/core/text_table.h"
#include "nasrank/ranking/finite_stats.h"
#include "nasrank/ranking/predictors.h"

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

std::string fixed4(double v) { return format_fixed(v, 4); }

}  // namespace

std::string budget_label(double epochs, double fraction) {
  return format_number(epochs) + " (" + format_number(fraction * 100.0, 3) + "%)";
}

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
  a.reference_by_seed = Eigen::MatrixXd::Constant(n, static_cast<Eigen::Index>(seeds.size()), kNaN);
  for (const auto& arch : a.archs) {
    const Eigen::Index i = row[arch];
    std::vector<double> acc, secs;
    std::map<int, std::vector<double>> by_seed;
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
        cell.accuracy[i] = finite::median(acc[static_cast<std::size_t>(i)]);
        cell.seconds[i] = finite::median(secs[static_cast<std::size_t>(i)]);
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

TargetReliability target_reliability_of(const Eigen::MatrixXd& by_seed, const std::string& variant) {
  TargetReliability r;
  r.components = variance_components(by_seed);
  r.seeds = static_cast<int>(by_seed.cols());
  if (std::isnan(r.components.within)) {
    r.reason = "needs reference runs of at least two seeds for some architectures";
    return r;
  }
  r.reliability = target_reliability(r.components, std::max(1, r.seeds));
  r.single_seed_reliability = target_reliability(r.components, 1);
  r.matched_ceiling = normal_population_value(variant, std::sqrt(r.reliability));
  r.seed_vs_seed = normal_population_value(variant, r.single_seed_reliability);
  if (std::isnan(r.matched_ceiling)) r.reason = variant + " has no closed form under normality";
  return r;
}

StudyTables build_study_tables(const std::vector<RunResult>& runs, const StudyOptions& options,
                               const std::vector<ZeroCostScore>& zero_cost) {
  std::set<std::pair<std::string, std::string>> seen_scores;
  for (const auto& z : zero_cost) {
    NASRANK_CHECK(!z.arch.empty() && !z.score.empty(), "zero-cost score with an empty architecture or score name");
    NASRANK_CHECK(seen_scores.insert({z.arch, z.score}).second, "zero-cost score '", z.score, "' of arch '", z.arch,
                  "' is given twice");
  }
  const Statistic& tau_stat = find_statistic(options.tau_variant);
  std::set<std::string> columns;
  for (const Statistic& s : options.table6_columns) {
    NASRANK_CHECK(!s.name.empty() && s.compute, "a statistic of Table 6 needs a name and a function");
    NASRANK_CHECK(columns.insert(s.name).second, "statistic '", s.name, "' is listed twice among Table 6's columns");
  }
  NASRANK_CHECK(options.tolerance >= 0, "tolerance must not be negative (got ", options.tolerance, ")");
  NASRANK_CHECK(options.significance > 0 && options.significance < 1, "significance level must lie in (0, 1) (got ",
                options.significance, ")");
  const StatisticOptions stat_options = options.statistics;
  const PairStatistic tau = [&](const ConstVec& x, const ConstVec& y) {
    return tau_stat.compute(x, y, stat_options).value;
  };

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
    const Correlation point = tau_stat.compute(cell.accuracy, a.target, stat_options);
    row.n = point.n;
    row.dropped = point.dropped;
    row.tau = bootstrap_ci(cell.accuracy, a.target, tau, options.bootstrap);
    row.tau.estimate = point.value;
    if (!point.defined()) row.tau.reason = point.reason;
    for (const Statistic& s : options.table6_columns) {
      const Correlation c = s.compute(cell.accuracy, a.target, stat_options);
      row.statistics.push_back({s.name, c.value, s.parameter.resolve ? s.parameter.resolve(c.n, stat_options) : 0});
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
    t.target = target_reliability_of(a.reference_by_seed, options.tau_variant);
    if (seeds < 2) t.noise_ceiling.tau.reason = "needs reference runs of at least two seeds per architecture";
    else if (t.noise_ceiling.seed_pairs == 0)
      t.noise_ceiling.tau.reason = "no pair of reference seeds gives a defined tau (too few architectures)";
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

  // The recommendation.
  Recommendation& rec = t.recommendation;
  rec.tolerance = options.tolerance;
  std::vector<const AggregateCell*> choice_cells;  // the best schedule's cell of each per_budget entry
  const AggregateCell* recommended_cell = nullptr;
  for (const auto& budget : a.budgets) {
    std::vector<std::pair<const CorrelationRow*, const AggregateCell*>> ranked;
    for (std::size_t i = 0; i < t.table6.size(); ++i)
      if (t.table6[i].budget.epochs == budget.epochs && !std::isnan(t.table6[i].tau.estimate))
        ranked.push_back({&t.table6[i], &a.cells[i]});
    if (ranked.empty()) continue;
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const auto& l, const auto& r) { return l.first->tau.estimate > r.first->tau.estimate; });
    BudgetChoice c;
    c.budget = budget;
    c.best = ranked[0].first->schedule;
    c.best_tau = ranked[0].first->tau.estimate;
    if (ranked.size() > 1) {
      c.runner_up = ranked[1].first->schedule;
      c.runner_up_tau = ranked[1].first->tau.estimate;
      c.test = paired_bootstrap_test(ranked[0].second->accuracy, ranked[1].second->accuracy, a.target, tau,
                                     options.bootstrap);
      c.significant = !std::isnan(c.test.p_value) && c.test.p_value < options.significance;
    }
    rec.per_budget.push_back(c);
    choice_cells.push_back(ranked[0].second);
  }
  rec.reference_seconds_per_arch = finite::median(a.reference_seconds);
  const std::string variant = options.tau_variant;
  std::ostringstream text;
  for (const auto& c : rec.per_budget) {
    text << "At " << c.budget.label << ": " << c.best << " (" << variant << " " << fixed4(c.best_tau) << ")";
    if (c.runner_up.empty()) {
      text << ", the only schedule with a defined tau.\n";
    } else {
      text << " over " << c.runner_up << " (" << fixed4(c.runner_up_tau) << ") by "
           << fixed4(c.best_tau - c.runner_up_tau) << ", paired bootstrap p = " << format_number(c.test.p_value, 3)
           << (c.significant ? " (significant" : " (not significant") << " at " << format_number(options.significance)
           << ").\n";
    }
  }
  if (!rec.per_budget.empty()) {
    rec.found = true;
    std::size_t best = 0;
    for (std::size_t i = 1; i < rec.per_budget.size(); ++i)
      if (rec.per_budget[i].best_tau > rec.per_budget[best].best_tau) best = i;
    rec.best = rec.per_budget[best];
    std::size_t cheapest = best;
    for (std::size_t i = 0; i < rec.per_budget.size(); ++i)
      if (rec.per_budget[i].best_tau >= rec.best.best_tau - options.tolerance) {
        cheapest = i;
        break;
      }
    rec.cheapest = rec.per_budget[cheapest];
    rec.seconds_per_arch = finite::median(choice_cells[cheapest]->seconds);
    recommended_cell = choice_cells[cheapest];
    text << "Recommended proxy: " << rec.cheapest.best << " at " << rec.cheapest.budget.label << ": " << variant << " "
         << fixed4(rec.cheapest.best_tau) << ", within " << format_number(options.tolerance) << " of the best "
         << fixed4(rec.best.best_tau) << " (" << rec.best.best << " at " << rec.best.budget.label << "); "
         << format_number(rec.seconds_per_arch, 4) << " s per architecture";
    if (std::isfinite(rec.reference_seconds_per_arch) && rec.seconds_per_arch > 0)
      text << " against " << format_number(rec.reference_seconds_per_arch, 4) << " s at the full budget ("
           << format_number(rec.reference_seconds_per_arch / rec.seconds_per_arch, 3) << "x cheaper)";
    text << ", as measured in the sweep.";
    if (std::isfinite(t.noise_ceiling.tau.estimate))
      text << " Noise ceiling (two single full-budget seeds): " << fixed4(t.noise_ceiling.tau.estimate) << ".";
    if (std::isfinite(t.target.matched_ceiling))
      text << " Ceiling matched to the target (a perfect proxy against the median of " << t.target.seeds
           << " seeds): " << fixed4(t.target.matched_ceiling) << ".";
    // Below about 0.5, a quarter or more of the pairs are ordered by seed noise: the target is more
    // noise than ranking, and a reader should hear that before picking a proxy.
    const double ceiling =
        std::isfinite(t.target.matched_ceiling) ? t.target.matched_ceiling : t.noise_ceiling.tau.estimate;
    if (std::isfinite(ceiling) && ceiling < 0.5)
      text << " The ceiling is low: full-budget runs of the same architectures disagree so much that the target "
              "itself is uncertain and bounds every tau here; more reference seeds, or a pool whose accuracies "
              "spread further than seed noise, would tell the proxies apart.";

    // Both families: is the budgeted proxy worth its compute over the best zero-cost score?
    const ZeroCostRow* best_score = nullptr;
    for (const auto& z : t.zero_cost)
      if (!std::isnan(z.tau.estimate) && (!best_score || z.tau.estimate > best_score->tau.estimate)) best_score = &z;
    if (best_score) {
      FamilyChoice& f = rec.across_families;
      f.found = true;
      f.zero_cost = best_score->score;
      f.zero_cost_tau = best_score->tau.estimate;
      f.zero_cost_seconds = best_score->seconds_per_arch;
      Eigen::VectorXd scores = Eigen::VectorXd::Constant(static_cast<Eigen::Index>(a.archs.size()), kNaN);
      for (const auto& z : zero_cost) {
        if (z.score != f.zero_cost || !std::isfinite(z.value)) continue;
        const auto it = std::lower_bound(a.archs.begin(), a.archs.end(), z.arch);
        if (it != a.archs.end() && *it == z.arch) scores[it - a.archs.begin()] = z.value;
      }
      f.test = paired_bootstrap_test(choice_cells[cheapest]->accuracy, scores, a.target, tau, options.bootstrap);
      f.significant = !std::isnan(f.test.p_value) && f.test.p_value < options.significance;
      f.pick = f.zero_cost_tau >= rec.cheapest.best_tau - options.tolerance ? "zero-cost" : "budgeted";
      text << "\nAgainst zero-cost scores: the best, " << f.zero_cost << " (" << variant << " "
           << fixed4(f.zero_cost_tau) << ", " << format_number(f.zero_cost_seconds, 3) << " s per architecture), ";
      if (f.pick == "zero-cost") {
        if (f.zero_cost_tau > rec.cheapest.best_tau)
          text << "ranks better than the recommended budgeted proxy (" << fixed4(rec.cheapest.best_tau) << ") by "
               << fixed4(f.zero_cost_tau - rec.cheapest.best_tau)
               << " (paired bootstrap of the budgeted lead: p = " << format_number(f.test.p_value, 3) << ")";
        else
          text << "ranks within " << format_number(options.tolerance) << " of the recommended budgeted proxy ("
               << fixed4(rec.cheapest.best_tau) << ")";
        text << ": use " << f.zero_cost << ", which costs ";
        if (f.zero_cost_seconds > 0 && std::isfinite(rec.seconds_per_arch))
          text << format_number(rec.seconds_per_arch / f.zero_cost_seconds, 3) << "x less compute.";
        else text << "less compute.";
      } else {
        text << "trails the recommended budgeted proxy by " << fixed4(rec.cheapest.best_tau - f.zero_cost_tau)
             << " (paired bootstrap p = " << format_number(f.test.p_value, 3)
             << (f.significant ? ", significant" : ", not significant") << " at " << format_number(options.significance)
             << "): budgeted training is worth its " << format_number(rec.seconds_per_arch, 4) << " s per architecture"
             << (f.significant ? "." : " only if that lead, which this study cannot confirm, matters.");
      }
    }
  } else {
    text << "No schedule has a defined tau at any budget: nothing to recommend.";
  }
  // The learning-curve predictors come from the same runs: does the best of them rank better than
  // the accuracy of the recommended budgeted proxy?
  const PredictorRow* best_predictor = nullptr;
  for (const auto& p : t.predictors)
    if (!std::isnan(p.tau.estimate) && (!best_predictor || p.tau.estimate > best_predictor->tau.estimate))
      best_predictor = &p;
  if (recommended_cell && best_predictor) {
    const PredictorRow& p = *best_predictor;
    const PairedTest test =
        paired_bootstrap_test(p.values, recommended_cell->accuracy, a.target, tau, options.bootstrap);
    const bool significant = !std::isnan(test.p_value) && test.p_value < options.significance;
    text << "\nLearning-curve predictors: the best, " << p.predictor << (p.negated ? " (negated)" : "") << " of "
         << p.schedule << " at " << p.budget.label << " (" << variant << " " << fixed4(p.tau.estimate) << ", "
         << format_number(p.seconds_per_arch, 4) << " s per architecture), "
         << (p.tau.estimate > rec.cheapest.best_tau ? "leads" : "trails") << " the recommended budgeted proxy ("
         << fixed4(rec.cheapest.best_tau) << ") by " << fixed4(std::abs(p.tau.estimate - rec.cheapest.best_tau))
         << " (paired bootstrap p of the predictor's lead = " << format_number(test.p_value, 3)
         << (significant ? ", significant" : ", not significant") << " at " << format_number(options.significance)
         << ").";
  }
  rec.text = text.str();
  return t;
}

}  // namespace nasrank::ranking
