// The study's tables as data: each table's columns and cells, shown text and numbers side by side.
#include "nasrank/ranking/study_tables.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>

#include "nasrank/core/text_table.h"

namespace nasrank::ranking::tables {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
/// Correlations and accuracies with four decimals, as the paper prints them (0.7398).
constexpr int kDecimals = 4;

Cell text(const std::string& s) { return {s, {s}}; }
Cell count(std::size_t n) { return {std::to_string(n), {static_cast<std::int64_t>(n)}}; }
Cell statistic(double v) { return {number_text(v), {v}}; }
Cell budget(const Budget& b) { return {b.label, {b.epochs, b.fraction}}; }
/// A cell of a data-only column.
Cell data_cell(DataValue v) { return {"", {std::move(v)}}; }

/// The budget as numbers: its label ("1 (0.5%)") is for people and stays in the shown form.
Column budget_column() { return Column("budget", {"budget_epochs", "budget_fraction"}); }

/// A schedules x budgets table: the schedule, then per budget a shown column. Its data form is
/// long: schedule, budget_epochs, budget_fraction and `fields`, one row per schedule and budget.
Table pivot(const StudyTables& t, std::string id, std::string title, std::string caption,
            const std::vector<std::string>& fields) {
  Table tab{std::move(id), std::move(title), std::move(caption), {Column("Epoch (Budget)", {})}, {}};
  for (const auto& b : t.budgets) tab.columns.emplace_back(b.label, std::vector<std::string>{});
  tab.long_form = DataRows{{"schedule", "budget_epochs", "budget_fraction"}, {}};
  tab.long_form->fields.insert(tab.long_form->fields.end(), fields.begin(), fields.end());
  return tab;
}

/// One shown row per schedule, one cell per budget from the row of `rows` at that schedule and
/// budget ("-" where there is none); one data row per schedule and budget, missing numbers where
/// there is none.
template <typename Row, typename MakeCell>
void fill_pivot(Table& tab, const StudyTables& t, const std::vector<Row>& rows, MakeCell make_cell) {
  const std::size_t values = tab.long_form->fields.size() - 3;
  for (const auto& s : t.schedules) {
    std::vector<Cell> line = {Cell{s, {}}};
    for (const auto& b : t.budgets) {
      const Row* hit = nullptr;
      for (const auto& r : rows)
        if (r.schedule == s && r.budget.epochs == b.epochs) hit = &r;
      Cell cell = hit ? make_cell(*hit) : Cell{"-", std::vector<DataValue>(values, kNaN)};
      std::vector<DataValue> data = {s, b.epochs, b.fraction};
      data.insert(data.end(), cell.values.begin(), cell.values.end());
      tab.add_data_row(std::move(data));
      line.push_back({std::move(cell.text), {}});
    }
    tab.add_row(std::move(line));
  }
}

/// A statistic beside the tau: the estimate, with its interval in the full form.
Cell beside_tau_cell(const ConfidenceInterval& b, bool full) {
  std::string shown = number_text(b.estimate);
  if (full && std::isfinite(b.estimate)) shown += " " + interval_text(b);
  return {shown, {b.estimate, b.lower, b.upper}};
}

Cell influence_range_cell(const Influence& inf) {
  const bool any = std::isfinite(inf.min) && std::isfinite(inf.max);
  return {any ? number_text(inf.min) + " to " + number_text(inf.max) : std::string("n/a"), {inf.min, inf.max}};
}

/// "a021 (0.0942), a003 (0.2101)": shown up to three, the data form lists all, ';'-separated.
Cell movers_cell(const Influence& inf, bool full) {
  std::string shown, data;
  for (std::size_t i = 0; i < inf.movers.size(); ++i) {
    const Mover& m = inf.movers[i];
    data += (i ? ";" : "") + m.arch;
    if (i < 3 || full) shown += (i ? ", " : "") + m.arch + " (" + number_text(m.without) + ")";
  }
  if (!full && inf.movers.size() > 3) shown += ", +" + std::to_string(inf.movers.size() - 3);
  return {shown.empty() ? "-" : shown, {data}};
}

Cell most_cell(const Influence& inf) {
  if (inf.most.arch.empty()) return {"-", {std::string(), kNaN}};
  return {inf.most.arch + " (" + number_text(inf.most.without) + ")", {inf.most.arch, inf.most.without}};
}

/// The tau and its interval, as every proxy table shows them.
std::vector<Column> tau_columns(const std::string& variant, bool full) {
  return {Column(variant, {"tau"}), Column(full ? "interval" : "CI", {"tau_lower", "tau_upper", "confidence"})};
}

std::vector<Cell> tau_cells(const ProxyStatistics& s) {
  return {statistic(s.tau.estimate), Cell{interval_text(s.tau), {s.tau.lower, s.tau.upper, s.tau.confidence}}};
}

/// The block of columns every proxy table shows after its own: each statistic of
/// proxy_statistic_registry(), then the leave-one-architecture-out influence of the tau.
std::vector<Column> beside_tau_columns(bool full) {
  std::vector<Column> columns;
  for (const ProxyStatisticInfo& s : proxy_statistic_registry())
    columns.emplace_back(s.label, std::vector<std::string>{s.name, s.name + "_lower", s.name + "_upper"});
  columns.emplace_back(full ? "leave-one-out range" : "LOO range", std::vector<std::string>{"loo_min", "loo_max"});
  columns.emplace_back("moved by", std::vector<std::string>{"movers"});
  columns.emplace_back("most influential",
                       std::vector<std::string>{"most_influential", "tau_without_most_influential"});
  return columns;
}

std::vector<Cell> beside_tau_cells(const ProxyStatistics& s, bool full) {
  std::vector<Cell> cells;
  for (const ProxyStatisticInfo& info : proxy_statistic_registry())
    cells.push_back(beside_tau_cell(s.estimate(info.name), full));
  cells.push_back(influence_range_cell(s.influence));
  cells.push_back(movers_cell(s.influence, full));
  cells.push_back(most_cell(s.influence));
  return cells;
}

/// What beside_tau_columns() show, for a caption: "beyond size: ...; leave-one-out range: ...".
std::string beside_tau_phrases() {
  std::string text;
  for (const ProxyStatisticInfo& s : proxy_statistic_registry()) text += s.phrase + "; ";
  return text +
         "leave-one-out range: the tau with each architecture left out in turn; moved by: the architectures whose "
         "removal alone moves the tau by more than its bootstrap standard error (the tau without it in brackets); "
         "most influential: the architecture whose removal moves the tau most, and the tau without it";
}

template <typename T>
void append(std::vector<T>& to, std::vector<T> more) {
  to.insert(to.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
}

std::string bootstrap_text(const BootstrapOptions& bo) {
  return format_number(100 * bo.confidence) + "% percentile bootstrap intervals over architectures (" +
         std::to_string(bo.resamples) + " resamples, seed " + std::to_string(bo.seed) + ")";
}

}  // namespace

std::string tau_name(const std::string& variant) {
  const std::string title = statistic_title(variant);
  return title == variant ? "`" + variant + "`" : title + " (`" + variant + "`)";
}

std::string number_text(double v) { return std::isfinite(v) ? format_fixed(v, kDecimals) : "n/a"; }

std::string interval_text(const ConfidenceInterval& ci) {
  return std::isfinite(ci.lower) && std::isfinite(ci.upper)
             ? "[" + number_text(ci.lower) + ", " + number_text(ci.upper) + "]"
             : "n/a";
}

std::string estimate_text(const ConfidenceInterval& ci) { return number_text(ci.estimate) + " " + interval_text(ci); }

std::string percent_text(double v) { return std::isfinite(v) ? format_fixed(100 * v, 1) + "%" : "n/a"; }

std::string seconds_text(double s) {
  if (!std::isfinite(s)) return "n/a";
  if (s >= 3600) return format_fixed(s / 3600, 2) + " h";
  if (s >= 120) return format_fixed(s / 60, 1) + " min";
  return format_number(s, 3) + " s";
}

Table table6(const StudyTables& t) {
  const std::string tau = tau_name(t.options.tau_variant);
  Table tab = pivot(t, "table6", "Table 6: " + tau + " between small-budget and full-budget rankings",
                    "Rows: the schedule of the small-budget runs; columns: the budget in epochs (share of the full "
                    "budget). Each cell: " +
                        tau + " with its " + bootstrap_text(t.options.bootstrap) + ".",
                    {"tau", "tau_lower", "tau_upper"});
  fill_pivot(tab, t, t.table6, [](const CorrelationRow& r) {
    return Cell{estimate_text(r.stats.tau), {r.stats.tau.estimate, r.stats.tau.lower, r.stats.tau.upper}};
  });
  return tab;
}

Table noise_ceiling(const StudyTables& t) {
  const std::string tau = tau_name(t.options.tau_variant);
  const NoiseCeiling& nc = t.noise_ceiling;
  const TargetReliability& g = t.target;
  Table tab{"noise_ceiling",
            "Noise ceiling: " + tau + " between full-budget seeds",
            "The agreement of the target ranking with itself under another seed, measured (one seed against "
            "another, averaged over the pairs of seeds), beside what the normal model of the target's "
            "reliability expects of it and of a perfect proxy against the target (the ceiling matched to the "
            "target); each with its bootstrap interval over architectures. Where the expected agreement falls "
            "outside the measured one's interval, the model does not fit these runs.",
            {Column("ceiling", {"ceiling"}), Column("statistic", {"tau_variant"}), Column("estimate", {"tau"}),
             Column("interval", {"tau_lower", "tau_upper", "confidence"}), Column("seed pairs", {"seed_pairs"}),
             Column("architectures", {"n"}), Column::data_only("reason")},
            {}};
  tab.add_row({Cell{"seed vs seed, measured", {std::string("seed_vs_seed")}}, Cell{tau, {t.options.tau_variant}},
               statistic(nc.tau.estimate), Cell{interval_text(nc.tau), {nc.tau.lower, nc.tau.upper, nc.tau.confidence}},
               count(nc.seed_pairs), count(nc.n), data_cell(nc.tau.reason)});
  if (std::isfinite(g.reliability)) {
    const auto model_row = [&](const std::string& shown, const std::string& name, const ConfidenceInterval& ci) {
      tab.add_row({Cell{shown, {name}}, Cell{tau, {t.options.tau_variant}}, statistic(ci.estimate),
                   Cell{interval_text(ci), {ci.lower, ci.upper, ci.confidence}},
                   Cell{"-", {std::numeric_limits<double>::quiet_NaN()}}, count(g.components.archs),
                   data_cell(std::isnan(ci.estimate) ? g.reason : ci.reason)});
    };
    model_row("seed vs seed, expected (normal model)", "expected_seed_vs_seed", g.seed_vs_seed_interval);
    model_row("matched to the target (median of " + std::to_string(g.seeds) + " seeds, normal model)",
              "matched_ceiling", g.matched_ceiling_interval);
  }
  return tab;
}

Table table6_statistics(const StudyTables& t, Form form) {
  const bool full = form == Form::full;
  const std::vector<Statistic>& stats = t.options.table6_columns;
  std::string caption =
      "One row per schedule and budget: n architectures with both results (dropped: included "
      "architectures without a small-budget result here), " +
      tau_name(t.options.tau_variant) +
      " with its interval; vs one seed: the tau against each single reference seed, averaged over the seeds, to "
      "read like for like beside the noise ceiling (one seed against another); " +
      beside_tau_phrases();
  for (std::size_t i = 0; i < stats.size(); ++i)
    caption += (i + 1 == stats.size() ? " and " : ", ") + stats[i].table6_phrase;
  Table tab{"table6_statistics",
            "Table 6, every statistic",
            caption + ".",
            {Column("schedule", {"schedule"}), budget_column(), Column("n", {"n"})},
            {}};
  if (full) tab.columns.insert(tab.columns.end(), {Column("dropped", {"dropped"}), Column::data_only("tau_variant")});
  append(tab.columns, tau_columns(t.options.tau_variant, full));
  tab.columns.emplace_back(full ? "vs one seed" : "1 seed", std::vector<std::string>{"tau_single_seed"});
  append(tab.columns, beside_tau_columns(full));
  for (const Statistic& s : stats) {
    if (s.parameter.key.empty()) tab.columns.emplace_back(s.name, std::vector<std::string>{s.name});
    else
      tab.columns.emplace_back(s.name + " (" + s.parameter.symbol + ")",
                               std::vector<std::string>{s.parameter.key, s.name});
  }
  for (const auto& r : t.table6) {
    std::vector<Cell> row = {text(r.schedule), budget(r.budget), count(r.stats.n)};
    if (full) row.insert(row.end(), {count(r.stats.dropped), data_cell(t.options.tau_variant)});
    append(row, tau_cells(r.stats));
    row.push_back(statistic(r.tau_single_seed));
    append(row, beside_tau_cells(r.stats, full));
    for (const Statistic& s : stats) {
      const StatisticValue* v = r.statistic(s.name);
      const double value = v ? v->value : kNaN;
      if (s.parameter.key.empty()) {
        row.push_back(statistic(value));
      } else {
        const std::size_t p = v ? v->parameter : 0;
        // Beside top-k precision its chance level k/n: what a random ranking would reach (none when
        // the statistic is undefined, as with k > n).
        std::string shown = number_text(value) + " (" + std::to_string(p);
        const std::size_t n = r.stats.n;
        if (s.parameter.key == "top_k" && std::isfinite(value) && p <= n && n > 0)
          shown += ", chance " + format_fixed(static_cast<double>(p) / static_cast<double>(n), 2);
        row.push_back({shown + ")", {static_cast<std::int64_t>(p), value}});
      }
    }
    tab.add_row(std::move(row));
  }
  return tab;
}

Table table7(const StudyTables& t) {
  Table tab = pivot(t, "table7", "Table 7: small-budget validation accuracy averaged across architectures",
                    "Per architecture the median over seeds of the best validation accuracy within the budget "
                    "(fraction correct), then the mean over architectures.",
                    {"mean_best_val_acc"});
  fill_pivot(tab, t, t.table7, [](const MeanRow& r) { return statistic(r.mean); });
  return tab;
}

Table table8(const StudyTables& t) {
  Table tab = pivot(t, "table8", "Table 8: Table 7 normalised by each architecture's full-budget accuracy",
                    "Per architecture the small-budget accuracy divided by its full-budget accuracy, then the mean "
                    "over architectures: 1 would mean the budget costs nothing.",
                    {"mean_normalised_acc"});
  fill_pivot(tab, t, t.table8, [](const MeanRow& r) { return statistic(r.mean); });
  return tab;
}

Table table5(const StudyTables& t) {
  const double min_fraction = t.options.best_progress_min_fraction;
  Table tab{"table5",
            "Table 5: training progress p of the best checkpoint",
            "Mean ± sample standard deviation of p = t/T at the best validation accuracy, over the runs with "
            "status ok at budgets of at least " +
                format_number(100 * min_fraction) +
                "% of the full budget. Near 100%: the schedule keeps improving to the end of its budget. Validation "
                "runs at the end of each epoch and at the end of the budget only (unless the sweep was planned with "
                "--evals-per-run K: then at K evenly spaced steps), so p can take only those values: within a budget "
                "of E epochs, multiples of 1/E (0.5 or 1 at 2 epochs), or of 1/K.",
            {Column("schedule", {"schedule"}), Column("best progress", {"best_progress_mean", "best_progress_std"}),
             Column("runs", {"runs"}), Column::data_only("min_budget_fraction")},
            {}};
  for (const auto& r : t.table5)
    tab.add_row({text(r.schedule), Cell{percent_text(r.mean) + " ± " + percent_text(r.std), {r.mean, r.std}},
                 count(r.runs), data_cell(min_fraction)});
  return tab;
}

Table recommendation(const StudyTables& t, Form form) {
  const bool full = form == Form::full;
  const Recommendation& rec = t.recommendation;
  const std::string& variant = t.options.tau_variant;
  Table tab{"recommendation",
            "The best schedule at each budget",
            "The schedule with the highest " + tau_name(variant) +
                " at each budget, its margin over the runner-up with a paired bootstrap interval (the same "
                "resampled architectures for both), the two-sided bootstrap p of \"no difference\" and that p "
                "Holm-adjusted over the budgets; significant when the adjusted p is below " +
                format_number(t.options.significance) +
                ". The recommendation is the cheapest schedule and budget not significantly worse than the best "
                "(the next table).",
            {budget_column(), Column("best", {"best"}), Column(variant, {"best_tau"}),
             Column("runner-up", {"runner_up"}), Column(variant, {"runner_up_tau"}), Column("margin", {"margin"}),
             Column(full ? "margin interval" : "margin CI", {"margin_lower", "margin_upper"}),
             Column(full ? "p (two-sided)" : "p", {"p_value"}), Column("p (Holm)", {"p_holm"})},
            {}};
  if (full)
    tab.columns.insert(tab.columns.end(), {Column("significant", {"significant"}), Column::data_only("n"),
                                           Column("choice", {"recommended", "best_overall"})});
  for (const auto& c : rec.per_budget) {
    const bool two = !c.runner_up.empty();
    const double margin = two ? c.best_tau - c.runner_up_tau : kNaN;
    auto shown = [two](const std::string& s) { return two ? s : std::string("-"); };
    const std::string p = format_number(c.test.p_value, 3);
    std::string p_holm = format_number(c.p_holm, 3);
    if (!full && c.significant) p_holm += " *";
    std::vector<Cell> row = {budget(c.budget),
                             text(c.best),
                             statistic(c.best_tau),
                             Cell{shown(c.runner_up), {c.runner_up}},
                             Cell{shown(number_text(c.runner_up_tau)), {two ? c.runner_up_tau : kNaN}},
                             Cell{shown(number_text(margin)), {margin}},
                             Cell{shown(interval_text(c.test.difference)),
                                  {two ? c.test.difference.lower : kNaN, two ? c.test.difference.upper : kNaN}},
                             Cell{shown(p), {two ? c.test.p_value : kNaN}},
                             Cell{shown(p_holm), {two ? c.p_holm : kNaN}}};
    if (full) {
      const bool recommended =
          rec.recommends && c.budget.epochs == rec.cheapest.budget.epochs && c.best == rec.cheapest.best;
      const bool best = rec.found && c.budget.epochs == rec.best.budget.epochs && c.best == rec.best.best;
      std::string choice = recommended ? "recommended" : "";
      if (best) choice += std::string(choice.empty() ? "" : ", ") + "best tau";
      row.insert(row.end(), {Cell{shown(c.significant ? "yes" : "no"), {c.significant}},
                             data_cell(static_cast<std::int64_t>(c.test.n)),
                             Cell{choice.empty() ? "-" : choice, {recommended, best}}});
    }
    tab.add_row(std::move(row));
  }
  return tab;
}

Table against_best(const StudyTables& t) {
  const Recommendation& rec = t.recommendation;
  const std::string& variant = t.options.tau_variant;
  Table tab{
      "against_best",
      "Every schedule and budget against the best",
      "The best cell by " + tau_name(variant) + " is " + rec.best.best + " at " + rec.best.budget.label + " (" +
          number_text(rec.best.best_tau) +
          "). Each other cell: the difference tau(best) - tau(cell) with its paired bootstrap interval, the "
          "two-sided bootstrap p of \"no difference\", that p Holm-adjusted over the cells, and whether the "
          "cell is significantly worse at family-wise level " +
          format_number(t.options.significance) +
          ". Cheapest first; the recommendation is the cheapest cell that is not worse (or the best itself).",
      {Column("schedule", {"schedule"}), budget_column(), Column("seconds per architecture", {"seconds_per_arch"}),
       Column(variant, {"tau"}), Column("difference", {"difference"}),
       Column("interval", {"difference_lower", "difference_upper"}), Column("p (two-sided)", {"p_value"}),
       Column("p (Holm)", {"p_holm"}), Column("worse", {"worse"}), Column("recommended", {"recommended"})},
      {}};
  for (const auto& c : rec.against_best) {
    const bool recommended =
        rec.recommends && c.schedule == rec.cheapest.best && c.budget.epochs == rec.cheapest.budget.epochs;
    tab.add_row({text(c.schedule), budget(c.budget), Cell{seconds_text(c.seconds_per_arch), {c.seconds_per_arch}},
                 statistic(c.tau), statistic(c.test.difference.estimate),
                 Cell{interval_text(c.test.difference), {c.test.difference.lower, c.test.difference.upper}},
                 Cell{format_number(c.test.p_value, 3), {c.test.p_value}}, Cell{format_number(c.p_holm, 3), {c.p_holm}},
                 Cell{c.worse ? "yes" : "no", {c.worse}}, Cell{recommended ? "yes" : "no", {recommended}}});
  }
  return tab;
}

Table zero_cost(const StudyTables& t, Form form) {
  const bool full = form == Form::full;
  Table tab{"zero_cost",
            "Zero-cost scores: " + tau_name(t.options.tau_variant) + " against the full-budget ranking",
            "Each score computed once per architecture at initialisation; a larger score is taken to predict a "
            "better architecture. Non-finite scores are left out of that score's correlation and counted. The "
            "columns after the seconds as in Table 6, every statistic.",
            {Column("score", {"proxy"}), Column("n", {"n"})},
            {}};
  // The brief form puts the counts of what is left out last.
  const std::vector<Column> left_out = {Column("non-finite", {"nonfinite"}), Column("missing", {"missing"})};
  if (full) append(tab.columns, left_out);
  append(tab.columns, tau_columns(t.options.tau_variant, full));
  append(tab.columns, {Column("spearman", {"spearman"}),
                       Column(full ? "seconds per architecture" : "s per arch", {"seconds_per_arch"})});
  append(tab.columns, beside_tau_columns(full));
  if (!full) append(tab.columns, left_out);
  for (const auto& z : t.zero_cost) {
    const double s = z.seconds_per_arch;
    std::vector<Cell> row = {text(z.score), count(z.stats.n)};
    const std::vector<Cell> counts = {count(z.nonfinite), count(z.missing)};
    if (full) append(row, counts);
    append(row, tau_cells(z.stats));
    append(row, {statistic(z.spearman), Cell{full               ? seconds_text(s)
                                             : std::isfinite(s) ? format_number(s, 3)
                                                                : std::string("n/a"),
                                             {s}}});
    append(row, beside_tau_cells(z.stats, full));
    if (!full) append(row, counts);
    tab.add_row(std::move(row));
  }
  return tab;
}

Table predictors(const StudyTables& t, Form form) {
  const bool full = form == Form::full;
  const PredictorOptions& po = t.options.predictors;
  Table tab{
      "predictors",
      "Learning-curve predictors: " + tau_name(t.options.tau_variant) + " against the full-budget ranking",
      "Read from the small-budget runs themselves, at no cost beyond them (docs/predictors.md): per "
      "architecture the median over seeds, then the correlation with the target. A loss (lower is better) is "
      "negated first, so a positive tau means the predictor orders architectures as the full budget does. "
      "tse_last sums over the last " +
          format_number(100 * po.tse_last_fraction) + "% of the steps; loss_ema's time constant is " +
          format_number(100 * po.ema_window) +
          "% of the steps; vote averages its members' ranks. Seconds: the cell's runs, as in Table 6. The columns "
          "after the seconds as in Table 6, every statistic.",
      {Column("predictor", {"proxy", "negated"}), Column("schedule", {"schedule"}), budget_column(), Column("n", {"n"}),
       Column("missing", {"missing"})},
      {}};
  append(tab.columns, tau_columns(t.options.tau_variant, full));
  append(tab.columns, {Column("spearman", {"spearman"}), Column("seconds per architecture", {"seconds_per_arch"})});
  append(tab.columns, beside_tau_columns(full));
  tab.columns.push_back(Column::data_only("members"));
  for (const auto& r : t.predictors) {
    std::string name = r.predictor + (r.negated ? " (negated)" : "");
    std::string members;
    for (const auto& m : r.members) members += (members.empty() ? "" : "+") + m;
    if (!members.empty()) name += " of " + members;
    std::vector<Cell> row = {Cell{name, {r.predictor, r.negated}}, text(r.schedule), budget(r.budget), count(r.stats.n),
                             count(r.missing)};
    append(row, tau_cells(r.stats));
    append(row, {statistic(r.spearman), Cell{seconds_text(r.seconds_per_arch), {r.seconds_per_arch}}});
    append(row, beside_tau_cells(r.stats, full));
    row.push_back(data_cell(members));
    tab.add_row(std::move(row));
  }
  return tab;
}

Table cost(const StudyTables& t) {
  Table tab{"cost",
            "Every proxy by its compute",
            "Compute per architecture, the median over architectures of: the wall time of every run a budgeted "
            "proxy's median uses (all its seeds), of one full-budget run, or of computing the score. The full "
            "budget's tau is the noise ceiling (one seed against another). On the frontier: no other proxy has at "
            "least this tau for less compute.",
            {Column("family", {"family"}), Column("proxy", {"proxy", "schedule"}),
             Column("budget", {"budget_epochs", "budget_fraction"}),
             Column("seconds per architecture", {"seconds_per_arch"}), Column(t.options.tau_variant, {"tau"}),
             Column("interval", {"tau_lower", "tau_upper"}), Column("frontier", {"frontier"})},
            {}};
  std::vector<const CostPoint*> sorted;
  for (const auto& p : t.cost) sorted.push_back(&p);
  const auto key = [](const CostPoint* p) {
    return std::isfinite(p->seconds) ? p->seconds : std::numeric_limits<double>::infinity();
  };
  std::stable_sort(sorted.begin(), sorted.end(),
                   [&](const CostPoint* l, const CostPoint* r) { return key(l) < key(r); });
  for (const CostPoint* p : sorted)
    tab.add_row({text(p->family), Cell{p->name, {p->proxy, p->schedule}},
                 Cell{p->budget.empty() ? "-" : p->budget, {p->budget_epochs, p->budget_fraction}},
                 Cell{seconds_text(p->seconds), {p->seconds}}, statistic(p->tau.estimate),
                 Cell{interval_text(p->tau), {p->tau.lower, p->tau.upper}},
                 Cell{p->frontier ? "yes" : "no", {p->frontier}}});
  return tab;
}

Table excluded(const StudyTables& t) {
  Table tab{"excluded",
            "Architectures left out of the correlations",
            "An architecture is left out when a reference (full-budget) run diverged or was untrainable, when it "
            "has no reference run, or when no reference run has a finite accuracy.",
            {Column("architecture", {"arch"}), Column("reason", {"reason"})},
            {}};
  for (const auto& e : t.excluded) tab.add_row({text(e.arch), text(e.reason)});
  return tab;
}

std::vector<Table> all(const StudyTables& t) {
  // Each cell's fullest table first: long_csv keeps the first table's value of a number and its n.
  return {table6_statistics(t), table6(t),       noise_ceiling(t), table7(t),     table8(t), table5(t),
          recommendation(t),    against_best(t), zero_cost(t),     predictors(t), cost(t),   excluded(t)};
}

std::string influence_text(const StudyTables& t) {
  std::map<std::string, std::pair<int, int>> count;  // cells where most influential, of them lowered
  int cells = 0;
  for (const auto& r : t.table6) {
    const Influence& inf = r.stats.influence;
    if (inf.most.arch.empty()) continue;
    ++cells;
    auto& c = count[inf.most.arch];
    ++c.first;
    c.second += inf.most.without < r.stats.tau.estimate;
  }
  std::string top;
  for (const auto& [arch, c] : count)
    if (top.empty() || c.first > count[top].first) top = arch;
  if (top.empty() || 2 * count[top].first < cells) return "";
  const auto [most, lowered] = count[top];
  return "Influence: " + top + " is the architecture whose removal moves the tau most in " + std::to_string(most) +
         " of " + std::to_string(cells) + " cells (its removal lowers the tau in " + std::to_string(lowered) +
         " of them): read the leave-one-out ranges of Table 6 before trusting a difference between cells.";
}

std::string size_text(const StudyTables& t) {
  const SizeBaseline& s = t.size;
  if (!s.reason.empty()) return "Size as a baseline: not available (" + s.reason + ").";
  return "Size as a baseline: log(parameters) alone ranks the target at " + tau_name(t.options.tau_variant) + " " +
         estimate_text(s.tau) + " (" + std::to_string(s.n) +
         " architectures); \"beyond size\" beside each tau is what a proxy knows that size does not.";
}

std::string advice_text(const StudyTables& t) {
  const SampleSizeAdvice& a = t.advice;
  if (a.n == 0 || a.half_widths.empty()) return "";
  std::string text = "Sample size: the best cell's interval has a half-width of " + number_text(a.half_width) + " on " +
                     std::to_string(a.n) + " architectures; as standard errors of tau shrink as 1/sqrt(n), ";
  std::vector<std::string> scaled;
  for (std::size_t i = 1; i < a.half_widths.size(); ++i)
    scaled.push_back("with " + std::to_string(a.half_widths[i].first) + " architectures it would be about +-" +
                     format_fixed(a.half_widths[i].second, 3));
  text += join_words(scaled) + ".";
  if (a.archs_to_separate > 0)
    text += " Separating a difference of " + format_number(a.difference) + " in tau from the best (two-sided level " +
            format_number(t.options.significance) + ", 80% power, one comparison) needs about " +
            std::to_string(a.archs_to_separate) + " architectures (the median SE of a difference here is " +
            format_fixed(a.difference_se, 3) + ").";
  if (!a.ceilings.empty()) {
    text += " The ceiling matched to a target of k reference seeds would be";
    for (std::size_t i = 0; i < a.ceilings.size(); ++i)
      text += std::string(i ? "," : "") + " " + number_text(a.ceilings[i].second) +
              " (k = " + std::to_string(a.ceilings[i].first) + ")";
    text += ".";
  }
  return text;
}

std::string single_seed_note(const StudyTables& t) {
  if (t.target.seeds < 2) return "";
  return " This is the agreement of two single seeds; the target is the median of " + std::to_string(t.target.seeds) +
         " seeds, which is more reliable.";
}

std::string target_text(const StudyTables& t) {
  const TargetReliability& g = t.target;
  if (std::isnan(g.reliability))
    return "Target reliability: not estimated (" + (g.reason.empty() ? std::string("no reference runs") : g.reason) +
           ").";
  const auto f4 = [](double v) { return std::isfinite(v) ? format_fixed(v, 4) : std::string("n/a"); };
  std::string text =
      "Target reliability: in the reference runs, architectures differ by an SD of " +
      f4(std::sqrt(g.components.between)) + " in accuracy and seeds of one architecture by " +
      f4(std::sqrt(g.components.within)) + ", so " + format_fixed(100 * g.components.intraclass_correlation(), 0) +
      "% of one run's variance is the architecture (one-way ANOVA over " + std::to_string(g.components.archs) +
      " architectures). The target, the median of " + std::to_string(g.seeds) + " seed" + (g.seeds == 1 ? "" : "s") +
      ", has a reliability of " + f4(g.reliability) + ".";
  if (std::isnan(g.matched_ceiling)) return text + " (" + g.reason + ": no expected ceiling.)";
  const auto with_interval = [&](double v, const ConfidenceInterval& ci) {
    return f4(v) + (std::isfinite(ci.lower) && std::isfinite(ci.upper) ? " " + interval_text(ci) : "");
  };
  text += " A perfect proxy would reach an expected " + tau_name(t.options.tau_variant) + " of " +
          with_interval(g.matched_ceiling, g.matched_ceiling_interval) +
          " against it (normal effects and noise): the ceiling matched to the target, to read the taus above "
          "against. Two single seeds are expected to agree at " +
          with_interval(g.seed_vs_seed, g.seed_vs_seed_interval);
  const std::optional<bool> fits = ceiling_model_fits(g, t.noise_ceiling);
  if (!fits) return text + ".";
  const std::string measured = f4(t.noise_ceiling.tau.estimate) + " " + interval_text(t.noise_ceiling.tau);
  return text + (*fits ? "; they are measured to agree at " + measured + ", within which the expectation lies."
                       : "; but they are measured to agree at " + measured +
                             ", which leaves the expectation out: the normal model does not fit these runs, and the "
                             "matched ceiling is to be read as a rough guide.");
}

}  // namespace nasrank::ranking::tables
