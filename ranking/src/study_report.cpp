// Markdown, JSON and CSV renderings of the study's tables. The Markdown walks the tables as
// study_tables.h describes them; JSON and CSV name Table 6's statistics as StudyOptions lists them.
#include "nasrank/ranking/study_report.h"

#include <cmath>
#include <limits>
#include <sstream>

#include <nlohmann/json.hpp>

#include "nasrank/core/csv.h"
#include "nasrank/core/json_number.h"
#include "nasrank/core/text_table.h"
#include "nasrank/ranking/study_tables.h"

namespace nasrank::ranking {
namespace {

using nlohmann::json;
using tables::Form;

json to_json(const Budget& b) { return {{"epochs", b.epochs}, {"fraction", b.fraction}, {"label", b.label}}; }

json to_json(const ConfidenceInterval& ci) {
  json j = {
      {"estimate", json_number(ci.estimate)}, {"lower", json_number(ci.lower)}, {"upper", json_number(ci.upper)},
      {"confidence", ci.confidence},          {"resamples", ci.resamples},      {"undefined_resamples", ci.undefined}};
  if (!ci.reason.empty()) j["reason"] = ci.reason;
  return j;
}

json to_json(const BudgetChoice& c) {
  json j = {{"budget", to_json(c.budget)}, {"best", c.best}, {"best_tau", json_number(c.best_tau)}};
  if (!c.runner_up.empty()) {
    j["runner_up"] = c.runner_up;
    j["runner_up_tau"] = json_number(c.runner_up_tau);
    j["margin"] = to_json(c.test.difference);
    j["p_value"] = json_number(c.test.p_value);
    j["n"] = c.test.n;
    j["p_holm"] = json_number(c.p_holm);
    j["significant"] = c.significant;
  }
  return j;
}

json to_json(const FamilyChoice& f) {
  return {{"pick", f.pick},
          {"zero_cost", f.zero_cost},
          {"zero_cost_tau", json_number(f.zero_cost_tau)},
          {"zero_cost_seconds_per_arch", json_number(f.zero_cost_seconds)},
          {"budgeted_margin", to_json(f.test.difference)},
          {"p_value", json_number(f.test.p_value)},
          {"n", f.test.n},
          {"significant", f.significant}};
}

/// The recommendation without its two tables (per budget, against the best: tables::recommendation
/// and tables::against_best hold those rows).
json to_json(const Recommendation& rec, double significance) {
  json r = {{"found", rec.found},           {"distinguishable", rec.distinguishable}, {"recommends", rec.recommends},
            {"significance", significance}, {"influential", rec.influential},         {"text", rec.text},
            {"verdict", rec.verdict}};
  if (rec.found) {
    r["best"] = to_json(rec.best);
    r["reference_seconds_per_arch"] = json_number(rec.reference_seconds_per_arch);
    if (rec.recommends) {
      r["recommended"] = to_json(rec.cheapest);
      r["recommended_tau"] = to_json(rec.cheapest_tau);
      r["recommended_beyond_size"] = to_json(rec.cheapest_beyond_size);
      r["seconds_per_arch"] = json_number(rec.seconds_per_arch);
    } else if (!rec.fallback.best.empty()) {
      // Nothing recommended, but the cell a user who must choose now is pointed to (no claim).
      r["if_one_must"] = to_json(rec.fallback);
      r["if_one_must_tau"] = to_json(rec.fallback_tau);
    }
  }
  if (rec.across_families.found) r["across_families"] = to_json(rec.across_families);
  return r;
}

json to_json(const TargetReliability& g) {
  json j = {{"seeds", g.seeds},
            {"architectures", g.components.archs},
            {"runs", g.components.runs},
            {"between_variance", json_number(g.components.between)},
            {"within_variance", json_number(g.components.within)},
            {"intraclass_correlation", json_number(g.components.intraclass_correlation())},
            {"reliability", json_number(g.reliability)},
            {"single_seed_reliability", json_number(g.single_seed_reliability)},
            {"matched_ceiling", json_number(g.matched_ceiling)},
            {"matched_ceiling_lower", json_number(g.matched_ceiling_interval.lower)},
            {"matched_ceiling_upper", json_number(g.matched_ceiling_interval.upper)},
            {"expected_seed_vs_seed", json_number(g.seed_vs_seed)},
            {"expected_seed_vs_seed_lower", json_number(g.seed_vs_seed_interval.lower)},
            {"expected_seed_vs_seed_upper", json_number(g.seed_vs_seed_interval.upper)}};
  if (!g.reason.empty()) j["reason"] = g.reason;
  return j;
}

json to_json(const SizeBaseline& s) {
  json j = {{"tau", to_json(s.tau)}, {"n", s.n}};
  if (!s.reason.empty()) j["reason"] = s.reason;
  return j;
}

json to_json(const SampleSizeAdvice& a) {
  json half_widths = json::array(), ceilings = json::array();
  for (const auto& [n, w] : a.half_widths)
    half_widths.push_back({{"architectures", n}, {"half_width", json_number(w)}});
  for (const auto& [k, c] : a.ceilings)
    ceilings.push_back({{"reference_seeds", k}, {"matched_ceiling", json_number(c)}});
  return {{"architectures", a.n},
          {"half_width", json_number(a.half_width)},
          {"difference", json_number(a.difference)},
          {"difference_se", json_number(a.difference_se)},
          {"architectures_to_separate", a.archs_to_separate},
          {"half_widths", half_widths},
          {"ceilings", ceilings}};
}

/// The rows of the long CSV for what every proxy row carries beside its tau.
template <typename Add>
void beside_tau(const ProxyStatistics& s, Add add) {
  for (const ProxyEstimate& e : s.beside_tau) add(e.name, e.value.estimate, e.value.lower, e.value.upper);
  add("leave_one_out", std::numeric_limits<double>::quiet_NaN(), s.influence.min, s.influence.max);
}

}  // namespace

std::string render_markdown(const StudyTables& t) {
  const std::string tau = t.options.tau_variant;
  const auto& bo = t.options.bootstrap;
  std::ostringstream os;
  os << "# Rank prediction under training budgets\n\n"
     << "Architectures: " << t.architectures_seen << " seen, " << t.architectures_used << " used, " << t.excluded.size()
     << " excluded (diverged, untrainable or without a reference run; listed at the end).\n"
     << "Correlations use `" << tau << "`; intervals are " << format_number(100 * bo.confidence)
     << "% percentile bootstrap intervals over architectures (" << bo.resamples << " resamples, seed " << bo.seed
     << ").\n\n";

  os << "## Table 6: rank correlation (`" << tau << "`) of small-budget and full-budget accuracy\n\n"
     << markdown_table(tables::table6(t)) << "\nNoise ceiling: `" << tau
     << "` between two full-budget seeds of the same architectures, mean over " << t.noise_ceiling.seed_pairs
     << " seed pairs, " << t.noise_ceiling.n << " architectures: " << tables::estimate_text(t.noise_ceiling.tau);
  if (!t.noise_ceiling.tau.reason.empty()) os << " (" << t.noise_ceiling.tau.reason << ")";
  os << "." << tables::single_seed_note(t) << "\n\n"
     << tables::target_text(t) << "\n\n"
     << tables::size_text(t) << "\n\n";

  os << "### Table 6, all statistics\n\n" << markdown_table(tables::table6_statistics(t, Form::brief));
  if (const std::string influence = tables::influence_text(t); !influence.empty()) os << "\n" << influence << "\n";

  os << "\n## Table 7: validation accuracy averaged across architectures\n\n"
     << "Median over seeds of the best validation accuracy within the budget, then the mean over architectures.\n\n"
     << markdown_table(tables::table7(t));
  os << "\n## Table 8: Table 7 normalised by each architecture's full-budget accuracy, then averaged\n\n"
     << markdown_table(tables::table8(t));

  os << "\n## Table 5: where the best checkpoint lies (training progress p)\n\n"
     << "Mean ± sample std over runs with status ok at budgets >= "
     << format_number(100 * t.options.best_progress_min_fraction) << "% of the full budget.\n\n"
     << markdown_table(tables::table5(t));

  if (!t.zero_cost.empty())
    os << "\n## Zero-cost scores: `" << tau << "` against the full-budget ranking\n\n"
       << "Scores at initialisation on one batch; a larger score predicts a better architecture. Non-finite "
          "scores are left out and counted.\n\n"
       << markdown_table(tables::zero_cost(t, Form::brief));

  if (!t.predictors.empty())
    os << "\n## Learning-curve predictors: `" << tau << "` against the full-budget ranking\n\n"
       << "From the small-budget runs' own curves; a loss is negated, so a positive tau agrees with the target.\n\n"
       << markdown_table(tables::predictors(t, Form::brief));

  os << "\n## Recommendation\n\n"
     << markdown_table(tables::recommendation(t, Form::brief)) << "\n(* significant at "
     << format_number(t.options.significance) << " after Holm's correction over the budgets)\n\n";
  if (!t.recommendation.against_best.empty())
    os << "### " << tables::against_best(t).title << "\n\n" << markdown_table(tables::against_best(t)) << "\n";
  os << t.recommendation.text << "\n";
  if (const std::string advice = tables::advice_text(t); !advice.empty()) os << "\n" << advice << "\n";

  if (!t.excluded.empty())
    os << "\n## Excluded architectures (" << t.excluded.size() << ")\n\n" << markdown_table(tables::excluded(t));
  return os.str();
}

nlohmann::json study_json(const StudyTables& t) {
  json j;
  j["tau_variant"] = t.options.tau_variant;
  j["bootstrap"] = {{"resamples", t.options.bootstrap.resamples},
                    {"confidence", t.options.bootstrap.confidence},
                    {"seed", t.options.bootstrap.seed}};
  j["architectures"] = {{"seen", t.architectures_seen}, {"used", t.architectures_used}};
  j["schedules"] = t.schedules;
  j["budgets"] = json::array();
  for (const auto& b : t.budgets) j["budgets"].push_back(to_json(b));
  j["target"] = to_json(t.target);
  j["size"] = to_json(t.size);
  j["sample_size"] = to_json(t.advice);
  j["recommendation"] = to_json(t.recommendation, t.options.significance);
  return j;
}

std::string render_json(const StudyTables& t, int indent) {
  json j = {{"format", kRankFormat}, {"version", kRankVersion}};
  j.update(study_json(t));
  j["tables"] = json::object();
  for (const Table& table : tables::all(t)) j["tables"][table.id] = table_json(table);
  return j.dump(indent) + "\n";
}

std::string render_csv(const StudyTables& t) {
  std::string out = csv_row({"table", "family", "proxy", "schedule", "budget_epochs", "budget_fraction", "metric",
                             "value", "lower", "upper", "n", "compared_with", "negated", "recommended"});
  auto num = [](double v) { return std::isnan(v) ? std::string() : format_number(v, 10); };
  const Recommendation& rec = t.recommendation;
  const bool recommends = rec.recommends;
  auto recommended = [&](const std::string& schedule, const Budget* b) {
    return recommends && b && schedule == rec.cheapest.best && b->epochs == rec.cheapest.budget.epochs;
  };
  auto cell_name = [](const std::string& schedule, const Budget& b) {
    return schedule + "@" + format_number(b.epochs) + "ep";
  };
  struct Row {
    std::string table, family, proxy, schedule;
    const Budget* budget = nullptr;
    std::string metric;
    double value, lower, upper;
    std::size_t n;
    std::string compared_with;
    bool negated = false;
  };
  auto add = [&](const Row& r) {
    out += csv_row({r.table, r.family, r.proxy, r.schedule, r.budget ? num(r.budget->epochs) : "",
                    r.budget ? num(r.budget->fraction) : "", r.metric, num(r.value), num(r.lower), num(r.upper),
                    std::to_string(r.n), r.compared_with, r.negated ? "true" : "false",
                    recommended(r.schedule, r.budget) && r.family == "budgeted" ? "true" : "false"});
  };
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::string& tau = t.options.tau_variant;
  for (const auto& r : t.table6) {
    auto cell = [&](const std::string& metric, double v, double lo, double hi) {
      add({"table6", "budgeted", r.schedule, r.schedule, &r.budget, metric, v, lo, hi, r.stats.n, "", false});
    };
    cell(tau, r.stats.tau.estimate, r.stats.tau.lower, r.stats.tau.upper);
    for (const Statistic& s : t.options.table6_columns) {
      const StatisticValue* v = r.statistic(s.name);
      cell(s.name, v ? v->value : nan, nan, nan);
    }
    cell("tau_single_seed", r.tau_single_seed, nan, nan);
    beside_tau(r.stats, cell);
    cell("seconds_per_arch", r.seconds_per_arch, nan, nan);
  }
  for (const auto& r : t.table7)
    add({"table7", "budgeted", r.schedule, r.schedule, &r.budget, "mean_best_val_acc", r.mean, nan, nan, r.n, "",
         false});
  for (const auto& r : t.table8)
    add({"table8", "budgeted", r.schedule, r.schedule, &r.budget, "mean_normalised_acc", r.mean, nan, nan, r.n, "",
         false});
  for (const auto& r : t.table5) {
    add({"table5", "budgeted", r.schedule, r.schedule, nullptr, "best_progress_mean", r.mean, nan, nan, r.runs, "",
         false});
    add({"table5", "budgeted", r.schedule, r.schedule, nullptr, "best_progress_std", r.std, nan, nan, r.runs, "",
         false});
  }
  add({"noise_ceiling", "full budget", "", "", nullptr, tau, t.noise_ceiling.tau.estimate, t.noise_ceiling.tau.lower,
       t.noise_ceiling.tau.upper, t.noise_ceiling.n, "", false});
  const TargetReliability& g = t.target;
  for (const auto& [metric, value] :
       std::vector<std::pair<std::string, double>>{{"between_variance", g.components.between},
                                                   {"within_variance", g.components.within},
                                                   {"reliability", g.reliability}})
    add({"target", "full budget", "", "", nullptr, metric, value, nan, nan, g.components.archs, "", false});
  for (const auto& [metric, ci] : std::vector<std::pair<std::string, const ConfidenceInterval*>>{
           {"matched_ceiling", &g.matched_ceiling_interval}, {"expected_seed_vs_seed", &g.seed_vs_seed_interval}})
    add({"target", "full budget", "", "", nullptr, metric, ci->estimate, ci->lower, ci->upper, g.components.archs, "",
         false});
  for (const auto& z : t.zero_cost) {
    auto score = [&](const std::string& metric, double v, double lo, double hi) {
      add({"zero_cost", "zero-cost", z.score, "", nullptr, metric, v, lo, hi, z.stats.n, "", false});
    };
    score(tau, z.stats.tau.estimate, z.stats.tau.lower, z.stats.tau.upper);
    score("spearman", z.spearman, nan, nan);
    score("seconds_per_arch", z.seconds_per_arch, nan, nan);
    beside_tau(z.stats, score);
  }
  add({"size", "size", "log_params", "", nullptr, tau, t.size.tau.estimate, t.size.tau.lower, t.size.tau.upper,
       t.size.n, "", false});
  for (const auto& p : t.predictors) {
    auto predictor = [&](const std::string& metric, double v, double lo, double hi) {
      add({"predictors", "learning curve", p.predictor, p.schedule, &p.budget, metric, v, lo, hi, p.stats.n, "",
           p.negated});
    };
    predictor(tau, p.stats.tau.estimate, p.stats.tau.lower, p.stats.tau.upper);
    beside_tau(p.stats, predictor);
  }
  for (const auto& c : rec.per_budget) {
    auto choice = [&](const std::string& metric, double v, double lo, double hi, const std::string& against) {
      add({"recommendation", "budgeted", c.best, c.best, &c.budget, metric, v, lo, hi, c.test.n, against, false});
    };
    choice(tau, c.best_tau, nan, nan, "");
    if (c.runner_up.empty()) continue;
    const std::string runner_up = cell_name(c.runner_up, c.budget);
    choice("margin", c.test.difference.estimate, c.test.difference.lower, c.test.difference.upper, runner_up);
    choice("p_value", c.test.p_value, nan, nan, runner_up);
    choice("p_holm", c.p_holm, nan, nan, runner_up);
  }
  const std::string best = rec.best.best.empty() ? "" : cell_name(rec.best.best, rec.best.budget);
  for (const auto& c : rec.against_best) {
    add({"against_best", "budgeted", c.schedule, c.schedule, &c.budget, "difference", c.test.difference.estimate,
         c.test.difference.lower, c.test.difference.upper, c.test.n, best, false});
    add({"against_best", "budgeted", c.schedule, c.schedule, &c.budget, "p_holm", c.p_holm, nan, nan, c.test.n, best,
         false});
  }
  if (recommends)
    add({"recommended", "budgeted", rec.cheapest.best, rec.cheapest.best, &rec.cheapest.budget, tau,
         rec.cheapest_tau.estimate, rec.cheapest_tau.lower, rec.cheapest_tau.upper,
         rec.cheapest_tau.resamples > 0 ? t.architectures_used : 0, "", false});
  return out;
}

}  // namespace nasrank::ranking
