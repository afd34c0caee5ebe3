// The choice of a proxy with its uncertainty: which cells the data can tell apart from the best,
// the cheapest that it cannot, how much one architecture decides that, and how many architectures
// a study would need to decide more.
#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <utility>

#include "nasrank/core/text_table.h"
#include "nasrank/ranking/finite_stats.h"
#include "nasrank/ranking/study.h"
#include "proxy_statistics.h"

namespace nasrank::ranking {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string fixed4(double v) { return std::isfinite(v) ? format_fixed(v, 4) : "n/a"; }
std::string interval4(const ConfidenceInterval& ci) {
  return std::isfinite(ci.lower) && std::isfinite(ci.upper) ? "[" + fixed4(ci.lower) + ", " + fixed4(ci.upper) + "]"
                                                            : "[n/a]";
}

/// The standard normal quantile, by bisection on the CDF (erfc is exact to double precision).
double normal_quantile(double p) {
  double lo = -40, hi = 40;
  for (int i = 0; i < 200; ++i) {
    const double mid = (lo + hi) / 2;
    (0.5 * std::erfc(-mid / std::sqrt(2.0)) < p ? lo : hi) = mid;
  }
  return (lo + hi) / 2;
}

Eigen::VectorXd without(const Eigen::VectorXd& v, Eigen::Index k) {
  Eigen::VectorXd out(v.size() - 1);
  out << v.head(k), v.tail(v.size() - k - 1);
  return out;
}

/// The cells a recommendation chooses among, on some set of architectures.
struct Cells {
  std::vector<const CorrelationRow*> rows;
  std::vector<Eigen::VectorXd> accuracy;
  Eigen::VectorXd target;
};

/// True when a cell's budget is known in epochs: its cost is then its budget.
bool has_budget(const CorrelationRow& row) { return std::isfinite(row.budget.epochs) && row.budget.epochs > 0; }

/// One run of the choice: the best cell, every other one against it, the recommended one.
struct Choice {
  int best = -1;
  int recommended = -1;
  /// When nothing is distinguishable: the cell that would be recommended if something were (the
  /// cheapest above chance), for a user who must pick one now; -1 otherwise or when not asked for.
  int fallback = -1;
  bool distinguishable = false;
  std::size_t passed_over = 0;  ///< cheaper cells not significantly worse, left out for ranking no better than chance
  std::vector<double> tau;
  std::vector<CellComparison> against_best;  ///< in the order of `Cells::rows`, best left out
};

Choice choose(const Cells& cells, const PairStatistic& tau, const StudyOptions& options,
              const BootstrapOptions& bootstrap, bool want_fallback = false) {
  Choice c;
  for (std::size_t i = 0; i < cells.rows.size(); ++i) {
    c.tau.push_back(tau(cells.accuracy[i], cells.target));
    if (std::isnan(c.tau[i])) continue;
    if (c.best < 0 || c.tau[i] > c.tau[static_cast<std::size_t>(c.best)]) c.best = static_cast<int>(i);
  }
  if (c.best < 0) return c;
  const auto best = static_cast<std::size_t>(c.best);
  std::vector<double> p;
  for (std::size_t i = 0; i < cells.rows.size(); ++i) {
    if (i == best || std::isnan(c.tau[i])) continue;
    CellComparison cmp;
    cmp.schedule = cells.rows[i]->schedule;
    cmp.budget = cells.rows[i]->budget;
    cmp.tau = c.tau[i];
    cmp.seconds_per_arch = cells.rows[i]->seconds_per_arch;
    cmp.test = paired_bootstrap_test(cells.accuracy[best], cells.accuracy[i], cells.target, tau, bootstrap);
    p.push_back(cmp.test.p_value);
    c.against_best.push_back(std::move(cmp));
  }
  const std::vector<double> adjusted = holm_adjust(p);
  for (std::size_t i = 0; i < adjusted.size(); ++i) {
    c.against_best[i].p_holm = adjusted[i];
    c.against_best[i].worse = adjusted[i] < options.significance;
    c.distinguishable = c.distinguishable || c.against_best[i].worse;
  }
  // With nothing to compare, the only cell is the choice.
  if (c.against_best.empty()) c.distinguishable = true;
  // The cheapest cell the tests cannot tell from the best and that ranks better than chance (the
  // lower end of its tau interval above 0: a proxy not shown to rank at all is no proxy, however
  // cheap); on equal cost the higher tau. Schedules cost the same per step, so cells of one budget
  // differ in measured seconds by timing noise alone: their cost is their budget, when every
  // candidate has one, and the measured seconds otherwise.
  const auto seconds = [&](std::size_t i) {
    const double s = cells.rows[i]->seconds_per_arch;
    return std::isfinite(s) ? s : std::numeric_limits<double>::infinity();
  };
  const auto above_chance = [&](std::size_t i) {
    return bootstrap_ci(cells.accuracy[i], cells.target, tau, bootstrap).lower > 0;
  };
  std::vector<std::size_t> candidates = {best};
  for (const auto& cmp : c.against_best) {
    if (cmp.worse) continue;
    std::size_t i = 0;
    while (cells.rows[i]->schedule != cmp.schedule || cells.rows[i]->budget.epochs != cmp.budget.epochs) ++i;
    candidates.push_back(i);
  }
  const bool by_budget =
      std::all_of(candidates.begin(), candidates.end(), [&](std::size_t i) { return has_budget(*cells.rows[i]); });
  const auto cost = [&](std::size_t i) { return by_budget ? cells.rows[i]->budget.epochs : seconds(i); };
  std::stable_sort(candidates.begin(), candidates.end(), [&](std::size_t l, std::size_t r) {
    return cost(l) < cost(r) || (cost(l) == cost(r) && c.tau[l] > c.tau[r]);
  });
  c.recommended = -1;
  if (c.distinguishable || want_fallback)
    for (std::size_t i : candidates) {
      if (above_chance(i)) {
        (c.distinguishable ? c.recommended : c.fallback) = static_cast<int>(i);
        break;
      }
      ++c.passed_over;
    }
  return c;
}

BudgetChoice choice_of(const CorrelationRow& row) {
  BudgetChoice c;
  c.budget = row.budget;
  c.best = row.schedule;
  c.best_tau = row.stats.tau.estimate;
  return c;
}

std::string cell_name(const CorrelationRow& r) { return r.schedule + " at " + r.budget.label; }

/// The per-budget leads: the best schedule at each budget against the runner-up, Holm over budgets.
std::vector<BudgetChoice> per_budget(const StudyTables& t, const Aggregate& a, const PairStatistic& tau) {
  std::vector<BudgetChoice> out;
  for (const auto& budget : a.budgets) {
    std::vector<std::pair<const CorrelationRow*, const AggregateCell*>> ranked;
    for (std::size_t i = 0; i < t.table6.size(); ++i)
      if (t.table6[i].budget.epochs == budget.epochs && !std::isnan(t.table6[i].stats.tau.estimate))
        ranked.push_back({&t.table6[i], &a.cells[i]});
    if (ranked.empty()) continue;
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto& l, const auto& r) {
      return l.first->stats.tau.estimate > r.first->stats.tau.estimate;
    });
    BudgetChoice c = choice_of(*ranked[0].first);
    if (ranked.size() > 1) {
      c.runner_up = ranked[1].first->schedule;
      c.runner_up_tau = ranked[1].first->stats.tau.estimate;
      c.test = paired_bootstrap_test(ranked[0].second->accuracy, ranked[1].second->accuracy, a.target, tau,
                                     t.options.bootstrap);
    }
    out.push_back(c);
  }
  std::vector<double> p;
  for (const auto& c : out) p.push_back(c.test.p_value);
  const std::vector<double> adjusted = holm_adjust(p);
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i].p_holm = adjusted[i];
    out[i].significant = !std::isnan(adjusted[i]) && adjusted[i] < t.options.significance;
  }
  return out;
}

void family_choice(const StudyTables& t, const Aggregate& a, const std::vector<ZeroCostScore>& zero_cost,
                   const AggregateCell& cell, const CorrelationRow& row, const PairStatistic& tau, Recommendation& rec,
                   std::ostringstream& text) {
  const ZeroCostRow* best_score = nullptr;
  for (const auto& z : t.zero_cost)
    if (!std::isnan(z.stats.tau.estimate) && (!best_score || z.stats.tau.estimate > best_score->stats.tau.estimate))
      best_score = &z;
  if (!best_score) return;
  FamilyChoice& f = rec.across_families;
  f.found = true;
  f.zero_cost = best_score->score;
  f.zero_cost_tau = best_score->stats.tau.estimate;
  f.zero_cost_seconds = best_score->seconds_per_arch;
  Eigen::VectorXd scores = Eigen::VectorXd::Constant(static_cast<Eigen::Index>(a.archs.size()), kNaN);
  for (const auto& z : zero_cost) {
    if (z.score != f.zero_cost || !std::isfinite(z.value)) continue;
    const auto it = std::lower_bound(a.archs.begin(), a.archs.end(), z.arch);
    if (it != a.archs.end() && *it == z.arch) scores[it - a.archs.begin()] = z.value;
  }
  f.test = paired_bootstrap_test(cell.accuracy, scores, a.target, tau, t.options.bootstrap);
  f.significant = !std::isnan(f.test.p_value) && f.test.p_value < t.options.significance;
  const double lead = row.stats.tau.estimate - f.zero_cost_tau;
  f.pick = f.significant && lead > 0 ? "budgeted" : "zero-cost";
  const std::string alpha = format_number(t.options.significance);
  const std::string which = rec.recommends ? "the recommended budgeted proxy" : "the best budgeted proxy";
  text << "\nAgainst zero-cost scores: the best, " << f.zero_cost << " (" << t.options.tau_variant << " "
       << fixed4(f.zero_cost_tau) << ", " << format_number(f.zero_cost_seconds, 3) << " s per architecture), against "
       << which << ", " << cell_name(row) << " (" << fixed4(row.stats.tau.estimate) << "): difference "
       << fixed4(f.test.difference.estimate) << " " << interval4(f.test.difference)
       << ", two-sided paired bootstrap p = " << format_number(f.test.p_value, 3) << ". ";
  const double ratio = f.zero_cost_seconds > 0 && std::isfinite(row.seconds_per_arch)
                           ? row.seconds_per_arch / f.zero_cost_seconds
                           : kNaN;
  const std::string cheaper =
      std::isfinite(ratio) ? format_times(ratio) + " less compute" : std::string("less compute");
  if (f.pick == "budgeted")
    text << "The budgeted proxy ranks significantly better at level " << alpha << ": it is worth its "
         << format_number(row.seconds_per_arch, 4) << " s per architecture.";
  else if (f.significant)
    text << f.zero_cost << " ranks significantly better at level " << alpha << ", for " << cheaper << ": use it.";
  else
    text << "Not distinguishable at level " << alpha << ": " << f.zero_cost
         << " ranks as well as this study can tell, for " << cheaper << ".";
}

/// The learning-curve predictors come from the same runs: does the best of them rank differently
/// from the accuracy of the recommended (or best) budgeted proxy? Two-sided, one comparison.
void predictor_choice(const StudyTables& t, const Eigen::VectorXd& target, const AggregateCell& cell,
                      const CorrelationRow& row, const PairStatistic& tau, const Recommendation& rec,
                      std::ostringstream& text) {
  const PredictorRow* best = nullptr;
  for (const auto& p : t.predictors)
    if (!std::isnan(p.stats.tau.estimate) && (!best || p.stats.tau.estimate > best->stats.tau.estimate)) best = &p;
  if (!best) return;
  const PredictorRow& p = *best;
  const PairedTest test = paired_bootstrap_test(p.values, cell.accuracy, target, tau, t.options.bootstrap);
  const bool significant = !std::isnan(test.p_value) && test.p_value < t.options.significance;
  text << "\nLearning-curve predictors: the best, " << p.predictor << (p.negated ? " (negated)" : "") << " of "
       << p.schedule << " at " << p.budget.label << " (" << t.options.tau_variant << " " << fixed4(p.stats.tau.estimate)
       << ", " << format_number(p.seconds_per_arch, 4) << " s per architecture), against "
       << (rec.recommends ? "the recommended" : "the best") << " budgeted proxy, " << cell_name(row) << " ("
       << fixed4(row.stats.tau.estimate) << "): difference " << fixed4(test.difference.estimate) << " "
       << interval4(test.difference) << ", two-sided paired bootstrap p = " << format_number(test.p_value, 3)
       << (significant ? ", significant" : ", not significant") << " at " << format_number(t.options.significance)
       << ".";
}

}  // namespace

Recommendation recommend(const StudyTables& t, const Aggregate& a, const std::vector<ZeroCostScore>& zero_cost) {
  const StudyOptions& options = t.options;
  const PairStatistic tau = internal::tau_statistic(options);
  const std::string variant = options.tau_variant;
  const std::string alpha = format_number(options.significance);
  Recommendation rec;
  rec.reference_seconds_per_arch = finite::median(a.reference_seconds);
  rec.per_budget = per_budget(t, a, tau);

  std::ostringstream text;
  for (const auto& c : rec.per_budget) {
    text << "At " << c.budget.label << ": " << c.best << " (" << variant << " " << fixed4(c.best_tau) << ")";
    if (c.runner_up.empty()) {
      text << ", the only schedule with a defined tau.\n";
    } else {
      text << " over " << c.runner_up << " (" << fixed4(c.runner_up_tau) << ") by "
           << fixed4(c.best_tau - c.runner_up_tau) << ", two-sided p = " << format_number(c.test.p_value, 3)
           << " (Holm-adjusted over " << rec.per_budget.size() << " budgets: " << format_number(c.p_holm, 3) << ")"
           << (c.significant ? ", significant" : ", not significant") << " at " << alpha << ".\n";
    }
  }

  const std::size_t verdict_from = static_cast<std::size_t>(text.tellp());
  Cells cells;
  cells.target = a.target;
  for (std::size_t i = 0; i < t.table6.size(); ++i) {
    cells.rows.push_back(&t.table6[i]);
    cells.accuracy.push_back(a.cells[i].accuracy);
  }
  const Choice choice = choose(cells, tau, options, options.bootstrap, /*want_fallback=*/true);
  if (choice.best < 0) {
    rec.text = text.str() + "No schedule has a defined tau at any budget: nothing to recommend.";
    rec.verdict = rec.text.substr(verdict_from);
    return rec;
  }
  rec.found = true;
  rec.distinguishable = choice.distinguishable;
  rec.recommends = choice.recommended >= 0;
  const CorrelationRow& best = *cells.rows[static_cast<std::size_t>(choice.best)];
  const std::size_t picked = static_cast<std::size_t>(rec.recommends ? choice.recommended : choice.best);
  const CorrelationRow& chosen = *cells.rows[picked];
  rec.best = choice_of(best);
  rec.cheapest = choice_of(chosen);
  rec.cheapest_tau = chosen.stats.tau;
  rec.cheapest_beyond_size = chosen.stats.estimate("beyond_size");
  rec.seconds_per_arch = chosen.seconds_per_arch;
  rec.against_best = choice.against_best;
  if (choice.fallback >= 0) {
    const CorrelationRow& f = *cells.rows[static_cast<std::size_t>(choice.fallback)];
    rec.fallback = choice_of(f);
    rec.fallback_tau = f.stats.tau;
  }
  std::stable_sort(rec.against_best.begin(), rec.against_best.end(),
                   [](const CellComparison& l, const CellComparison& r) {
                     const auto key = [](double s) { return std::isfinite(s) ? s : INFINITY; };
                     return key(l.seconds_per_arch) < key(r.seconds_per_arch);
                   });

  // Leave one architecture out: does the outcome (the budget, or the cell where a budget is not
  // known, or whether there is one) change? Which of the schedules of one budget that the tests
  // cannot tell apart comes first is not an outcome: the text says the schedule is not settled.
  // The tests may use fewer resamples here, so the outcome compared against is recomputed with as many.
  const auto outcome = [&](const Choice& c) -> std::pair<int, double> {
    if (c.recommended < 0) return {-1, 0.0};
    const CorrelationRow& row = *cells.rows[static_cast<std::size_t>(c.recommended)];
    return has_budget(row) ? std::make_pair(0, row.budget.epochs) : std::make_pair(c.recommended, 0.0);
  };
  {
    BootstrapOptions cheap = options.bootstrap;
    // Holm's smallest adjusted p is about m / (B + 1) for m comparisons and B resamples: with too
    // few, a cell far below the best may fail to be "significantly worse" on resolution alone and
    // flip the outcome. So at least 10 m / level resamples (capped at the study's own).
    const double m = static_cast<double>(std::max<std::size_t>(cells.rows.size(), 2) - 1);
    const int resolvable = static_cast<int>(std::ceil(10.0 * m / options.significance));
    cheap.resamples = std::min(options.bootstrap.resamples, std::max(options.influence_resamples, resolvable));
    const Choice base = choose(cells, tau, options, cheap);
    for (Eigen::Index k = 0; k < cells.target.size() && cells.target.size() > 3; ++k) {
      Cells rest;
      rest.rows = cells.rows;
      rest.target = without(cells.target, k);
      for (const auto& acc : cells.accuracy) rest.accuracy.push_back(without(acc, k));
      const Choice c = choose(rest, tau, options, cheap);
      if (outcome(c) != outcome(base)) rec.influential.push_back(a.archs[static_cast<std::size_t>(k)]);
    }
  }

  const std::size_t compared = rec.against_best.size();
  std::size_t worse = 0;
  for (const auto& c : rec.against_best) worse += c.worse;
  if (compared == 0 && !rec.recommends) {
    text << "The only schedule and budget with a defined tau, " << cell_name(chosen) << " (" << variant << " "
         << fixed4(chosen.stats.tau.estimate) << " " << interval4(chosen.stats.tau)
         << "), may rank no better than chance (its interval reaches 0), so this study recommends none.";
  } else if (compared == 0) {
    text << "Recommended proxy: " << cell_name(chosen)
         << ", the only schedule and budget with a defined tau: " << variant << " " << fixed4(chosen.stats.tau.estimate)
         << " " << interval4(chosen.stats.tau) << ".";
  } else if (rec.distinguishable && !rec.recommends) {
    text << "Nothing ranks better than chance among the cells that can be told from the best: " << worse << " of "
         << compared << " schedules and budgets rank significantly worse than the best, " << cell_name(best) << " ("
         << variant << " " << fixed4(best.stats.tau.estimate) << " " << interval4(best.stats.tau)
         << "), but neither it nor any cell the tests cannot tell from it has a tau interval above 0, so this "
            "study recommends none.";
  } else if (rec.distinguishable) {
    text << "Recommended proxy: " << cell_name(chosen) << ": " << variant << " " << fixed4(chosen.stats.tau.estimate)
         << " " << interval4(chosen.stats.tau);
    if (&chosen == &best)
      text << ", the best of all, whose tau interval lies above 0, and the cheapest of the " << (compared + 1 - worse)
           << " schedules and budgets not significantly worse than it that ranks better than chance";
    else
      text << ", the cheapest of the " << (compared + 1 - worse)
           << " schedules and budgets not significantly worse than the best, " << cell_name(best) << " ("
           << fixed4(best.stats.tau.estimate) << "), whose tau interval lies above 0";
    if (choice.passed_over > 0)
      text << " (" << choice.passed_over << " cheaper "
           << (choice.passed_over == 1 ? "one is passed over: its interval reaches 0, so it"
                                       : "ones are passed over: their intervals reach 0, so they")
           << " may rank no better than chance)";
    text << "; " << worse << " of " << compared
         << " are significantly worse (two-sided paired bootstrap tests against the best, Holm-adjusted, family-wise "
            "level "
         << alpha << "). It costs " << format_number(rec.seconds_per_arch, 4)
         << " s per architecture (every run its median uses)";
    if (std::isfinite(rec.reference_seconds_per_arch) && rec.seconds_per_arch > 0)
      text << " against " << format_number(rec.reference_seconds_per_arch, 4) << " s for one full-budget run ("
           << format_times(rec.reference_seconds_per_arch / rec.seconds_per_arch) << " cheaper)";
    text << ", as measured in the sweep.";
    // Other schedules of the same budget that the tests cannot tell from the best and that rank
    // above chance: the budget is then the finding, not the schedule.
    std::vector<const CorrelationRow*> same_budget;
    for (const CorrelationRow* row : cells.rows)
      if (row != &chosen && row->budget.epochs == chosen.budget.epochs && row->stats.tau.lower > 0 &&  // NaN: false
          (row == &best || std::any_of(rec.against_best.begin(), rec.against_best.end(), [&](const CellComparison& c) {
             return !c.worse && c.schedule == row->schedule && c.budget.epochs == row->budget.epochs;
           })))
        same_budget.push_back(row);
    if (!same_budget.empty()) {
      std::vector<std::string> names;
      for (const CorrelationRow* row : same_budget)
        names.push_back(row->schedule + " (" + fixed4(row->stats.tau.estimate) + ")");
      text << " At the same budget, " << join_words(names) << (same_budget.size() == 1 ? " is" : " are")
           << " not significantly worse than the best either and rank above chance: the tests settle the budget, not "
              "which of these schedules to use.";
    }
  } else {
    text << "Nothing is distinguishable: none of the " << compared
         << " other schedules and budgets ranks significantly worse than the best, " << cell_name(best) << " ("
         << variant << " " << fixed4(best.stats.tau.estimate) << " " << interval4(best.stats.tau)
         << "), after Holm's correction at family-wise level " << alpha
         << ", so this study cannot say which to use and recommends none.";
    // What a user who must pick now can take: the rule's choice were the tests to separate anything,
    // with no claim that it is as good as the best.
    if (choice.fallback >= 0) {
      const CorrelationRow& f = *cells.rows[static_cast<std::size_t>(choice.fallback)];
      const std::string shown =
          cell_name(f) + " (" + variant + " " + fixed4(f.stats.tau.estimate) + " " + interval4(f.stats.tau) + ")";
      text << " If one must be used before more architectures settle it, ";
      if (choice.fallback != choice.best)
        text << "the cheapest that ranks better than chance is " << shown
             << ": the tests show it neither worse than the best nor as good.";
      else
        text << "the best, " << shown << ", is "
             << (choice.passed_over > 0 ? "the cheapest that ranks better than chance" : "also the cheapest")
             << ": the others rank lower by their estimates only, not significantly.";
    } else {
      text << " None of them has a tau interval above 0 either: none is shown to rank better than chance.";
    }
  }
  // What the chosen cell knows beyond size: the recommendation ranks by tau and says so.
  const ConfidenceInterval& beyond = chosen.stats.estimate("beyond_size");
  if (std::isfinite(beyond.estimate)) {
    text << " Beyond size, " << (rec.recommends ? "it" : cell_name(best))
         << " has a partial tau given log(parameters) of " << fixed4(beyond.estimate) << " " << interval4(beyond);
    if (std::isfinite(t.size.tau.estimate)) text << " (size alone ranks at " << fixed4(t.size.tau.estimate) << ")";
    text << (std::isfinite(beyond.lower) && beyond.lower <= 0
                 ? ": its interval reaches 0, so it may rank no better than parameter count does; the choice above is "
                   "by tau."
                 : ": it knows more than parameter count; the choice above is by tau.");
  }
  if (!rec.influential.empty()) {
    text << " Leaving out " << (rec.influential.size() > 1 ? "any one of " : "") << join_words(rec.influential, "or")
         << " alone changes this outcome: "
         << (rec.influential.size() == a.archs.size() ? "every architecture decides it, so it is fragile."
             : rec.influential.size() > 1             ? "each of them decides it alone."
                                                      : "one architecture decides it.");
  }
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
  family_choice(t, a, zero_cost, a.cells[picked], chosen, tau, rec, text);
  predictor_choice(t, a.target, a.cells[picked], chosen, tau, rec, text);
  rec.text = text.str();
  rec.verdict = rec.text.substr(verdict_from);
  return rec;
}

SampleSizeAdvice sample_size_advice(const StudyTables& t) {
  SampleSizeAdvice advice;
  const Recommendation& rec = t.recommendation;
  advice.difference = t.options.advice_difference;
  if (!rec.found) return advice;
  const CorrelationRow* best = nullptr;
  for (const auto& r : t.table6)
    if (r.schedule == rec.best.best && r.budget.epochs == rec.best.budget.epochs) best = &r;
  if (!best) return advice;
  advice.n = best->stats.n;
  advice.half_width = (best->stats.tau.upper - best->stats.tau.lower) / 2;
  std::vector<double> se;
  for (const auto& c : rec.against_best) se.push_back(c.test.difference.standard_error);
  advice.difference_se = finite::median(se);
  const double n = static_cast<double>(advice.n);
  if (advice.n > 0 && std::isfinite(advice.half_width))
    for (int factor : {1, 2, 4, 8})
      advice.half_widths.push_back(
          {advice.n * static_cast<std::size_t>(factor), advice.half_width / std::sqrt(factor)});
  if (advice.n > 0 && std::isfinite(advice.difference_se) && advice.difference_se > 0) {
    // Two-sided level alpha with 80% power: (z_{1-alpha/2} + z_{0.8}) SE(N) <= difference.
    const double z = normal_quantile(1 - t.options.significance / 2) + normal_quantile(0.8);
    const double needed = n * std::pow(z * advice.difference_se / advice.difference, 2);
    advice.archs_to_separate = static_cast<std::size_t>(std::ceil(needed));
  }
  if (!std::isnan(t.target.components.within))
    for (int k = 1; k <= 5; ++k)
      advice.ceilings.push_back(
          {k, normal_population_value(t.options.tau_variant, std::sqrt(target_reliability(t.target.components, k)))});
  return advice;
}

}  // namespace nasrank::ranking
