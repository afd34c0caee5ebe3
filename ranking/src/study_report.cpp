// Markdown, JSON and CSV renderings of the study's tables. The Markdown walks the tables as
// study_tables.h describes them; JSON and CSV name Table 6's statistics as StudyOptions lists them.
#include "nasrank/ranking/study_report.h"

#include <cmath>
#include <sstream>

#include <nlohmann/json.hpp>

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

std::string render_csv(const StudyTables& t) { return long_csv(tables::all(t)); }

}  // namespace nasrank::ranking
