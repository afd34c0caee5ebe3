// The study report's sections and tables, each table shown as a reader wants it and kept as data
// for the CSV and JSON files, from the model that the figures share.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <sstream>

#include "nasrank/core/text_table.h"
#include "nasrank/ranking/finite_stats.h"
#include "nasrank/ranking/study_tables.h"
#include "study_model.h"

namespace nasrank::reports::detail {
namespace {

namespace tables = ranking::tables;
using ranking::tables::number_text;
using ranking::tables::percent_text;
using ranking::tables::seconds_text;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// "36000 s (10.0 h)": the seconds a key promises, and a size a reader takes in.
std::string duration_text(double s) {
  const std::string plain = format_number(s, 6) + " s";
  return s >= 120 ? plain + " (" + seconds_text(s) + ")" : plain;
}
std::string count_text(std::int64_t n) {
  const double v = static_cast<double>(n);
  if (n >= 1000000000) return format_number(v / 1e9, 3) + " G";
  if (n >= 1000000) return format_number(v / 1e6, 3) + " M";
  if (n >= 10000) return format_number(v / 1e3, 3) + " k";
  return std::to_string(n);
}
DataValue num(double v) { return v; }
DataValue cnt(std::size_t n) { return static_cast<std::int64_t>(n); }
DataValue cnt(std::int64_t n) { return n; }
DataValue text(const std::string& s) { return s; }
Cell text_cell(const std::string& s) { return {s, {s}}; }
Cell count_cell(std::int64_t n) { return {std::to_string(n), {n}}; }

class Builder {
 public:
  Builder(const StudyModel& m, const std::vector<FigureEntry>& figures,
          const std::map<std::string, std::string>& skipped)
      : m_(m), t_(m.tables), in_(*m.input), skipped_(skipped) {
    doc_.title = m.options.title;
    doc_.figures = figures;
    doc_.notices = m.notices;
    tau_ = tables::tau_name(t_.options.tau_variant);
  }

  ReportDocument build() {
    summary();
    settings();
    progress();
    correlations();
    accuracy();
    best_checkpoint();
    recommendation();
    zero_cost();
    predictors();
    training_curves();
    failures();
    architectures();
    about();
    return std::move(doc_);
  }

 private:
  // --- assembling ---
  Section& section(const std::string& id, const std::string& title) {
    doc_.sections.push_back({id, title, {}});
    return doc_.sections.back();
  }
  void paragraph(const std::string& text) {
    doc_.sections.back().blocks.push_back({Block::Kind::paragraph, text, 0, {}, 1});
  }
  /// Places `t` in the current section.
  void add(Table t) {
    doc_.tables.push_back(std::move(t));
    doc_.sections.back().blocks.push_back({Block::Kind::table, "", doc_.tables.size() - 1, {}, 1});
  }
  /// Groups nest with ':' ("scatter:linear" is in "scatter").
  static bool in_group(const FigureEntry& f, const std::string& group) {
    return f.group == group || f.group.rfind(group + ":", 0) == 0;
  }
  bool has_figures(const std::string& group) const {
    return std::any_of(doc_.figures.begin(), doc_.figures.end(),
                       [&](const FigureEntry& f) { return in_group(f, group); });
  }
  /// Places the figures of `group` as one block (a grid of `columns` when several).
  void figures(const std::string& group, int columns = 1) {
    Block b{Block::Kind::figures, "", 0, {}, columns};
    for (std::size_t i = 0; i < doc_.figures.size(); ++i)
      if (in_group(doc_.figures[i], group)) b.figures.push_back(i);
    if (!b.figures.empty()) doc_.sections.back().blocks.push_back(std::move(b));
  }
  /// Says why a group has no figure, when it has none.
  void why_no_figures(const std::string& group, const std::string& what) {
    if (has_figures(group)) return;
    auto it = skipped_.find(group);
    paragraph("No " + what + ": " + (it != skipped_.end() ? it->second : "nothing to draw") + ".");
  }

  std::size_t small_runs() const {
    return static_cast<std::size_t>(
        std::count_if(in_.runs.begin(), in_.runs.end(), [](const auto& r) { return !r.reference; }));
  }

  // --- sections ---
  void summary() {
    section("summary", "Summary");
    std::ostringstream os;
    os << in_.runs.size() << " runs (" << small_runs() << " small-budget, " << in_.runs.size() - small_runs()
       << " full-budget reference) of " << t_.architectures_seen << " architectures; " << t_.architectures_used
       << " architectures enter the correlations, " << t_.excluded.size() << " are excluded (see Untrainable and "
       << "diverged architectures). Every correlation is " << tau_ << " unless a column says otherwise.";
    paragraph(os.str());
    // The verdict, then how it stands against zero-cost scores and predictors, one paragraph each.
    std::istringstream lines(t_.recommendation.verdict);
    for (std::string line; std::getline(lines, line);)
      if (!line.empty()) paragraph(line);
  }

  void settings() {
    section("settings", "Study settings");
    paragraph(scale_against_paper());
    Table tab{"settings",
              "The study as recorded with its runs",
              "",
              {Column("setting", {"key"}), Column("value", {"value"})},
              {}};
    const StudySummary& s = in_.settings;
    // The data form's key is an identifier; the shown label carries the unit once, in the value.
    auto named = [&](const std::string& key, const std::string& label, const std::string& shown, DataValue value) {
      tab.add_row({Cell{label, {key}}, Cell{shown, {std::move(value)}}});
    };
    auto textual = [&](const std::string& key, const std::string& label, const std::string& v) {
      named(key, label, v.empty() ? "not recorded" : v, text(v));
    };
    auto joined = [](const std::vector<std::string>& v) {
      std::string out;
      for (const auto& x : v) out += (out.empty() ? "" : ", ") + x;
      return out;
    };
    textual("dataset", "dataset", s.dataset);
    textual("pool", "pool", s.pool);
    textual("schedules", "schedules", joined(s.schedules));
    textual("budgets", "budgets", joined(s.budgets));
    named("seeds", "seeds per configuration", s.seeds > 0 ? std::to_string(s.seeds) : "not recorded", cnt(s.seeds));
    named("full_epochs", "full budget",
          std::isfinite(s.full_epochs) ? format_number(s.full_epochs) + " epochs" : "not recorded", num(s.full_epochs));
    textual("reference_schedule", "reference schedule",
            s.reference_schedule.empty() ? m_.reference_schedule : s.reference_schedule);
    textual("hardware", "hardware", s.hardware);
    textual("nasrank_version", "nasrank version of the sweep", s.toolkit_version);
    named("wall_seconds", "wall time of the sweep",
          std::isfinite(s.wall_seconds) ? duration_text(s.wall_seconds) : "not recorded", num(s.wall_seconds));
    double train_seconds = 0;
    for (const auto& r : in_.runs)
      if (std::isfinite(r.seconds)) train_seconds += r.seconds;
    named("train_seconds", "training time summed over the runs", duration_text(train_seconds), num(train_seconds));
    named("runs", "runs reported", std::to_string(in_.runs.size()), cnt(in_.runs.size()));
    named("architectures_seen", "architectures seen", std::to_string(t_.architectures_seen),
          cnt(t_.architectures_seen));
    named("architectures_used", "architectures in the correlations", std::to_string(t_.architectures_used),
          cnt(t_.architectures_used));
    // The recorded settings, less those listed above.
    const std::set<std::string> listed = {"schedules", "budgets", "seeds", "reference_schedule", "recipe.full_epochs"};
    auto row = [&](const std::string& key, const std::string& shown, DataValue value) {
      if (!listed.count(key)) named(key, key, shown, std::move(value));
    };
    flatten("", s.details, row);
    add(std::move(tab));
  }

  /// Whether this study has the scale of Appendix A of the paper and, if not, what was scaled: a
  /// reader comparing its taus with the paper's must know first.
  std::string scale_against_paper() const {
    const StudySummary& s = in_.settings;
    const nlohmann::json& d = s.details;
    auto at = [&](const char* a, const char* b) -> const nlohmann::json* {
      if (!d.is_object() || !d.contains(a) || !d[a].is_object() || !d[a].contains(b)) return nullptr;
      return &d[a][b];
    };
    std::vector<std::string> scaled;
    if (t_.architectures_seen < 100)
      scaled.push_back(std::to_string(t_.architectures_seen) + " architectures (paper: 100)");
    if (const auto* name = at("dataset", "name"); name && name->is_string() && *name != "cifar10")
      scaled.push_back(name->get<std::string>() + " (paper: CIFAR-10)");
    if (const auto* w = at("recipe", "width"); w && w->is_number() && w->get<double>() != 1.0)
      scaled.push_back("width x" + format_number(w->get<double>()) + " (paper: full ResNet-18 width)");
    if (const auto* n = at("recipe", "train_size"); n && n->is_number_integer() && n->get<std::int64_t>() > 0)
      scaled.push_back("the first " + std::to_string(n->get<std::int64_t>()) + " training images (paper: all)");
    if (std::isfinite(s.full_epochs) && s.full_epochs != 200)
      scaled.push_back("a full budget of " + format_number(s.full_epochs) + " epochs (paper: 200)");
    if (s.seeds > 0 && s.seeds < 3)
      scaled.push_back(std::to_string(s.seeds) + " seed" + (s.seeds == 1 ? "" : "s") + " per configuration (paper: 3)");
    if (scaled.empty())
      return "This study has the scale of Appendix A of the budgeted-training paper (100 or more architectures, "
             "CIFAR-10 or another dataset given, full width, 200 epochs, 3 seeds).";
    return "A scaled-down study: compared with Appendix A of the budgeted-training paper it has " + join_words(scaled) +
           ". Its taus answer the paper's question at this scale; they are not the paper's numbers.";
  }

  template <typename Row>
  void flatten(const std::string& prefix, const nlohmann::json& j, Row& row) {
    if (j.is_object()) {
      for (auto it = j.begin(); it != j.end(); ++it)
        flatten(prefix.empty() ? it.key() : prefix + "." + it.key(), it.value(), row);
      return;
    }
    if (prefix.empty()) return;
    if (j.is_number()) row(prefix, format_number(j.get<double>(), 10), num(j.get<double>()));
    else if (j.is_boolean()) row(prefix, j.get<bool>() ? "true" : "false", DataValue(j.get<bool>()));
    else if (j.is_string()) row(prefix, j.get<std::string>(), text(j.get<std::string>()));
    else if (j.is_null()) row(prefix, "null", text(""));
    else row(prefix, j.dump(), text(j.dump()));
  }

  void progress() {
    const SweepProgress& p = in_.progress;
    section("progress", "Progress");
    if (!p.known) {
      paragraph("How many jobs the sweep planned was not recorded with these runs; the report shows the " +
                std::to_string(in_.runs.size()) + " runs it was given.");
    } else if (p.finished()) {
      paragraph("The sweep is complete: all " + std::to_string(p.total) + " jobs are done.");
    } else {
      const double share = p.total > 0 ? static_cast<double>(p.done) / static_cast<double>(p.total) : 0;
      paragraph("The sweep is unfinished: " + std::to_string(p.done) + " of " + std::to_string(p.total) +
                " jobs are done (" + percent_text(share) + "); " + std::to_string(p.pending) + " pending, " +
                std::to_string(p.running) + " running, " + std::to_string(p.failed) +
                " failed. Every table uses the finished runs only; a cell with fewer architectures than the others "
                "says so in its n column.");
    }
    std::size_t no_reference = 0;
    for (const auto& e : t_.excluded) no_reference += e.reason.rfind("no reference", 0) == 0;
    if (no_reference)
      paragraph(std::to_string(no_reference) +
                " architectures have no finished reference (full-budget) run and are "
                "left out of the correlations until they do.");
    if (!p.known) return;
    Table tab{"progress",
              "Jobs not done",
              "Jobs without a result, by schedule and budget; failed jobs are retried until they run out of attempts.",
              {Column("schedule", {"schedule"}), Column("budget", {"planned_budget"}), Column::data_only("reference"),
               Column("pending", {"pending"}), Column("running", {"running"}), Column("failed", {"failed"}),
               Column("last error", {"last_error"})},
              {}};
    for (const auto& w : p.missing)
      tab.add_row({Cell{w.schedule + (w.reference ? " (reference)" : ""), {w.schedule}}, text_cell(w.budget),
                   Cell{"", {w.reference}}, count_cell(w.pending), count_cell(w.running), count_cell(w.failed),
                   Cell{w.last_error.empty() ? "-" : w.last_error, {w.last_error}}});
    add(std::move(tab));
  }

  void correlations() {
    section("correlation", "Rank correlation with the full budget (Table 6)");
    add(tables::table6(t_));
    const auto& nc = t_.noise_ceiling;
    std::string nc_text = "Noise ceiling: " + tau_ + " between two full-budget seeds of the same architectures, " +
                          "averaged over " + std::to_string(nc.seed_pairs) + " seed pairs of " + std::to_string(nc.n) +
                          " architectures: " + tables::estimate_text(nc.tau) + ".";
    if (!nc.tau.reason.empty()) nc_text += " (" + nc.tau.reason + ".)";
    paragraph(nc_text + tables::single_seed_note(t_));
    paragraph(tables::target_text(t_));
    paragraph(tables::size_text(t_));
    add(tables::noise_ceiling(t_));
    figures("tau");
    why_no_figures("tau", "figure of tau against budget");

    add(tables::table6_statistics(t_));
    if (const std::string influence = tables::influence_text(t_); !influence.empty()) paragraph(influence);
    figures("scatter");
    why_no_figures("scatter", "scatter plots");
    figures("seeds");
    why_no_figures("seeds", "figure of the reference seeds against each other");
  }

  void accuracy() {
    section("accuracy", "Accuracy under small budgets (Tables 7 and 8)");
    add(tables::table7(t_));
    add(tables::table8(t_));
  }

  void best_checkpoint() {
    section("best-checkpoint", "Where the best checkpoint lies (Table 5)");
    add(tables::table5(t_));
  }

  void recommendation() {
    const auto& rec = t_.recommendation;
    section("recommendation", "Recommendation");
    std::istringstream lines(rec.text);
    for (std::string line; std::getline(lines, line);)
      if (!line.empty()) paragraph(line);
    add(tables::recommendation(t_));
    if (!rec.against_best.empty()) add(tables::against_best(t_));
    if (const std::string advice = tables::advice_text(t_); !advice.empty()) paragraph(advice);
  }

  void zero_cost() {
    if (t_.zero_cost.empty()) return;
    section("zero-cost", "Zero-cost proxies beside budgeted training");
    add(tables::zero_cost(t_));
    const ZeroCostRow* best = nullptr;
    for (const auto& z : t_.zero_cost)
      if (std::isfinite(z.stats.tau.estimate) && (!best || z.stats.tau.estimate > best->stats.tau.estimate)) best = &z;
    const auto& rec = t_.recommendation;
    if (best && rec.found)
      paragraph("The best zero-cost score, `" + best->score + "`, reaches " + number_text(best->stats.tau.estimate) +
                " at " + seconds_text(best->seconds_per_arch) + " per architecture; the " +
                (rec.recommends ? "recommended" : "best") + " budgeted proxy (" + rec.cheapest.best + " at " +
                rec.cheapest.budget.label + ") reaches " + number_text(rec.cheapest.best_tau) + " at " +
                seconds_text(rec.seconds_per_arch) + " (the recommendation says whether they differ).");
    add(tables::cost(t_));
    figures("cost");
    why_no_figures("cost", "figure of tau against compute");
    figures("zero_cost_scores");
  }

  void predictors() {
    if (t_.predictors.empty()) return;
    section("predictors", "Learning-curve predictors beside budgeted accuracy");
    paragraph(
        "Each budgeted run's own curve ranks the architectures too, at no cost beyond the run: the sum of "
        "its training losses (TSE), the sum over the end of the budget, a smoothed final loss, the validation "
        "loss and the last validation accuracy, and a vote of several; docs/predictors.md gives each formula "
        "and its source. The cost column is the run that produced the predictor.");
    add(tables::predictors(t_));
    if (t_.zero_cost.empty()) add(tables::cost(t_));
    figures("predictors");
  }

  void training_curves() {
    section("curves", "Schedules and training curves");
    figures("schedules");
    why_no_figures("schedules", "figure of the schedules");
    figures("curves");
    why_no_figures("curves", "validation curves");
    figures("arch_curves");
    why_no_figures("arch_curves", "figure of each architecture's accuracy by budget");
    figures("grad_norm");
    why_no_figures("grad_norm", "figure of the gradient norm");
  }

  void failures() {
    section("failures", "Untrainable and diverged architectures");
    add(tables::excluded(t_));
    struct Failed {
      std::size_t diverged = 0, untrainable = 0;
      std::set<std::string> where;
    };
    std::map<std::string, Failed> failed;
    for (const auto& r : in_.runs) {
      if (r.reference || r.status == "ok") continue;
      Failed& f = failed[r.arch];
      (r.status == "diverged" ? f.diverged : f.untrainable)++;
      f.where.insert(r.schedule + " at " + format_number(r.budget_epochs) + " ep");
    }
    Table tab{"failed_runs",
              "Small-budget runs that diverged or were untrainable",
              "Per architecture. Such runs still count with their best checkpoint when it has a finite accuracy.",
              {Column("architecture", {"arch"}), Column("diverged", {"diverged"}),
               Column("untrainable", {"untrainable"}), Column("where", {"where"})},
              {}};
    for (const auto& [arch, f] : failed) {
      std::string where;
      for (const auto& w : f.where) where += (where.empty() ? "" : "; ") + w;
      tab.add_row({text_cell(arch), count_cell(static_cast<std::int64_t>(f.diverged)),
                   count_cell(static_cast<std::int64_t>(f.untrainable)), text_cell(where)});
    }
    add(std::move(tab));
  }

  void architectures() {
    section("architectures", "Architectures");
    // Per architecture, schedule and budget: the median over seeds, as the tables take it.
    std::map<std::string, std::map<std::pair<std::string, double>, std::vector<double>>> proxy;
    std::map<std::string, std::vector<double>> full;
    for (const auto& r : in_.runs) {
      if (r.reference) full[r.arch].push_back(r.best_val_acc);
      else proxy[r.arch][{r.schedule, r.budget_epochs}].push_back(r.best_val_acc);
    }
    std::vector<std::string> ids;
    std::map<std::string, const ArchInfo*> info;
    for (const auto& a : in_.archs) {
      if (!info.count(a.id)) ids.push_back(a.id);
      info[a.id] = &a;
    }
    std::set<std::string> listed(ids.begin(), ids.end());
    std::set<std::string> extra;
    for (const auto& r : in_.runs)
      if (!listed.count(r.arch)) extra.insert(r.arch);
    ids.insert(ids.end(), extra.begin(), extra.end());
    std::map<std::string, double> target;
    for (const auto& id : ids) target[id] = full.count(id) ? ranking::finite::median(full[id]) : kNaN;
    std::stable_sort(ids.begin(), ids.end(), [&](const std::string& l, const std::string& r) {
      const double a = target[l], b = target[r];
      if (std::isnan(a) != std::isnan(b)) return std::isnan(b);
      return a > b;
    });
    std::map<std::string, std::string> excluded;
    for (const auto& e : t_.excluded) excluded[e.arch] = e.reason;

    Table tab{"architectures",
              "Every architecture",
              "Sorted by full-budget accuracy (median over reference seeds). Proxy columns: the median over seeds of "
              "the best validation accuracy within the budget, per schedule and budget (fraction correct); '-' where "
              "no run finished. MACs: multiply-accumulates of one forward pass of one image.",
              {Column("rank", {"rank"}), Column("architecture", {"arch"}), Column("params", {"params"}),
               Column("MACs", {"macs"}), Column("depth", {"depth"}), Column("mutations", {"mutations"}),
               Column("full budget", {"full_budget_acc"}), Column("status", {"status"})},
              {}};
    // The proxy columns are shown only; their data is the long table arch_accuracy, one row per
    // architecture, schedule and budget, so that a program reads the budget as a number.
    for (const auto& s : t_.schedules)
      for (const auto& b : t_.budgets)
        tab.columns.emplace_back(s + " @ " + format_number(b.epochs) + " ep", std::vector<std::string>{});
    Table cells{"arch_accuracy",
                "Every architecture's small-budget accuracy",
                "The median over seeds of the best validation accuracy within the budget (fraction correct), per "
                "architecture, schedule and budget; missing where no run finished.",
                {},
                {}};
    cells.long_form = ranking::DataRows{
        {"arch", "schedule", "budget_epochs", "budget_fraction", "val_acc", "seeds", "full_budget_acc"}, {}};
    std::size_t rank = 0;
    for (const auto& id : ids) {
      const ArchInfo* a = info.count(id) ? info[id] : nullptr;
      const bool ranked = std::isfinite(target[id]);
      const std::string status = excluded.count(id) ? "excluded: " + excluded[id] : "used";
      std::vector<Cell> row = {Cell{ranked ? std::to_string(++rank) : "-", {ranked ? cnt(rank) : num(kNaN)}},
                               text_cell(id),
                               Cell{a ? count_text(a->params) : "-", {a ? cnt(a->params) : num(kNaN)}},
                               Cell{a ? count_text(a->macs) : "-", {a ? cnt(a->macs) : num(kNaN)}},
                               Cell{a && a->depth > 0 ? std::to_string(a->depth) : "-",
                                    {a && a->depth > 0 ? cnt(std::int64_t{a->depth}) : num(kNaN)}},
                               Cell{a && !a->mutations.empty() ? a->mutations : "-", {a ? a->mutations : ""}},
                               Cell{number_text(target[id]), {target[id]}},
                               text_cell(status)};
      for (const auto& s : t_.schedules)
        for (const auto& b : t_.budgets) {
          auto it = proxy[id].find({s, b.epochs});
          const double v = it == proxy[id].end() ? kNaN : ranking::finite::median(it->second);
          row.push_back({it == proxy[id].end() ? "-" : number_text(v), {}});
          const std::int64_t seeds = it == proxy[id].end() ? 0 : static_cast<std::int64_t>(it->second.size());
          cells.add_data_row({id, s, b.epochs, b.fraction, v, seeds, target[id]});
        }
      tab.add_row(std::move(row));
    }
    add(std::move(tab));
    doc_.tables.push_back(std::move(cells));  // data only: written to tables/ and report.json, not shown
  }

  void about() {
    section("about", "About this report");
    const auto& o = t_.options;
    paragraph("Written by nasrank " NASRANK_VERSION ". Correlations: " + tau_ +
              "; intervals: " + format_number(100 * o.bootstrap.confidence) +
              "% percentile bootstrap over architectures, " + std::to_string(o.bootstrap.resamples) +
              " resamples, seed " + std::to_string(o.bootstrap.seed) + "; top-k: " +
              (o.statistics.top_k ? "k = " + std::to_string(o.statistics.top_k)
                                  : "the best " + format_number(100 * o.statistics.top_fraction) +
                                        "% of the architectures, at least 5, and none when that is over half of them") +
              "; tests: two-sided paired bootstrap (the bootstrap distribution centred on the estimate), Holm's "
              "correction, family-wise level " +
              format_number(o.significance) +
              ". Aggregation as in Appendix A of the budgeted-training paper: the "
              "median over seeds of the best validation accuracy within the budget.");
    paragraph(
        "Files: `report.md` and `report.html` (the same report; the HTML needs nothing else to be viewed), "
        "`report.json` (every number), `tables/*.csv` (one per table, plus `tables/long.csv` with every statistic "
        "of every proxy, one row per proxy, budget and statistic, and `tables/arch_accuracy.csv`), "
        "`figures/*.svg` with their gnuplot "
        "sources `figures/*.gp` and `figures/*.dat`: `cd figures && gnuplot NAME.gp` redraws one.");
  }

  const StudyModel& m_;
  const ranking::StudyTables& t_;
  const StudyReportInput& in_;
  const std::map<std::string, std::string>& skipped_;
  std::string tau_;
  ReportDocument doc_;
};

}  // namespace

ReportDocument build_document(const StudyModel& model, const std::vector<FigureEntry>& figures,
                              const std::map<std::string, std::string>& skipped) {
  return Builder(model, figures, skipped).build();
}

}  // namespace nasrank::reports::detail
