// The study report's sections and tables, each table shown as a reader wants it and kept as data
// for the CSV and JSON files, from the model that the figures share.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <sstream>

#include "nasrank/core/text_table.h"
#include "nasrank/ranking/finite_stats.h"
#include "study_model.h"

namespace nasrank::reports::detail {
namespace {

using ranking::Budget;
using ranking::ConfidenceInterval;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
/// Correlations and accuracies with four decimals, as the paper prints them (0.7398).
constexpr int kDecimals = 4;

std::string fixed(double v, int decimals = kDecimals) { return std::isfinite(v) ? format_fixed(v, decimals) : "n/a"; }
std::string interval(const ConfidenceInterval& ci) {
  return std::isfinite(ci.lower) && std::isfinite(ci.upper) ? "[" + fixed(ci.lower) + ", " + fixed(ci.upper) + "]"
                                                            : "n/a";
}
std::string with_interval(const ConfidenceInterval& ci) { return fixed(ci.estimate) + " " + interval(ci); }
std::string percent(double v) { return std::isfinite(v) ? format_fixed(100 * v, 1) + "%" : "n/a"; }
std::string seconds_text(double s) {
  if (!std::isfinite(s)) return "n/a";
  if (s >= 3600) return format_fixed(s / 3600, 2) + " h";
  if (s >= 120) return format_fixed(s / 60, 1) + " min";
  return format_number(s, 3) + " s";
}
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

class Builder {
 public:
  Builder(const StudyModel& m, const std::vector<FigureEntry>& figures, const std::map<std::string, std::string>& skipped)
      : m_(m), t_(m.tables), in_(*m.input), skipped_(skipped) {
    doc_.title = m.options.title;
    doc_.figures = figures;
    doc_.notices = m.notices;
    tau_ = tau_name(t_.options.tau_variant);
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
  void paragraph(const std::string& text) { doc_.sections.back().blocks.push_back({Block::Kind::paragraph, text, 0, {}, 1}); }
  Table& table(const std::string& id, const std::string& title, const std::string& caption) {
    doc_.tables.push_back({id, title, caption, {}, {}, {}, {}});
    doc_.sections.back().blocks.push_back({Block::Kind::table, "", doc_.tables.size() - 1, {}, 1});
    return doc_.tables.back();
  }
  /// Groups nest with ':' ("scatter:linear" is in "scatter").
  static bool in_group(const FigureEntry& f, const std::string& group) {
    return f.group == group || f.group.rfind(group + ":", 0) == 0;
  }
  bool has_figures(const std::string& group) const {
    return std::any_of(doc_.figures.begin(), doc_.figures.end(), [&](const FigureEntry& f) { return in_group(f, group); });
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

  /// Columns of a schedules x budgets pivot in the data form: schedule, then `fields` per budget.
  std::vector<std::string> pivot_columns(const std::vector<std::string>& fields) const {
    std::vector<std::string> cols = {"schedule"};
    for (const auto& b : t_.budgets)
      for (const auto& f : fields) cols.push_back(f.empty() ? b.label : b.label + " " + f);
    return cols;
  }
  std::vector<std::string> pivot_header() const {
    std::vector<std::string> h = {"Epoch (Budget)"};
    for (const auto& b : t_.budgets) h.push_back(b.label);
    return h;
  }
  /// Fills a pivot from rows with `schedule` and `budget`: `show` gives the cell text, `data` its numbers.
  template <typename Row, typename Show, typename Data>
  void pivot(Table& tab, const std::vector<Row>& rows, std::size_t fields, Show show, Data data) {
    tab.header = pivot_header();
    for (const auto& s : t_.schedules) {
      std::vector<std::string> line = {s};
      std::vector<DataValue> values = {text(s)};
      for (const auto& b : t_.budgets) {
        const Row* hit = nullptr;
        for (const auto& r : rows)
          if (r.schedule == s && r.budget.epochs == b.epochs) hit = &r;
        line.push_back(hit ? show(*hit) : "-");
        if (hit) {
          for (const auto& v : data(*hit)) values.push_back(v);
        } else {
          for (std::size_t k = 0; k < fields; ++k) values.push_back(num(kNaN));
        }
      }
      tab.rows.push_back(std::move(line));
      tab.data_rows.push_back(std::move(values));
    }
  }

  std::size_t small_runs() const {
    return static_cast<std::size_t>(std::count_if(in_.runs.begin(), in_.runs.end(), [](const auto& r) { return !r.reference; }));
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
    std::istringstream lines(t_.recommendation.text);
    std::string line, last;
    while (std::getline(lines, line)) last = line;
    if (!last.empty()) paragraph(last);
  }

  void settings() {
    section("settings", "Study settings");
    paragraph(scale_against_paper());
    Table& tab = table("settings", "The study as recorded with its runs", "");
    tab.header = {"setting", "value"};
    tab.data_columns = {"key", "value"};
    const StudySummary& s = in_.settings;
    auto row = [&](const std::string& key, const std::string& shown, DataValue value) {
      tab.rows.push_back({key, shown});
      tab.data_rows.push_back({text(key), std::move(value)});
    };
    auto textual = [&](const std::string& key, const std::string& v) {
      row(key, v.empty() ? "not recorded" : v, text(v));
    };
    auto joined = [](const std::vector<std::string>& v) {
      std::string out;
      for (const auto& x : v) out += (out.empty() ? "" : ", ") + x;
      return out;
    };
    textual("dataset", s.dataset);
    textual("pool", s.pool);
    textual("schedules", joined(s.schedules));
    textual("budgets", joined(s.budgets));
    row("seeds per configuration", s.seeds > 0 ? std::to_string(s.seeds) : "not recorded", cnt(s.seeds));
    row("full budget (epochs)", std::isfinite(s.full_epochs) ? format_number(s.full_epochs) : "not recorded",
        num(s.full_epochs));
    textual("reference schedule", s.reference_schedule.empty() ? m_.reference_schedule : s.reference_schedule);
    textual("hardware", s.hardware);
    textual("nasrank version of the sweep", s.toolkit_version);
    row("wall time of the sweep (s)", std::isfinite(s.wall_seconds) ? duration_text(s.wall_seconds) : "not recorded",
        num(s.wall_seconds));
    double train_seconds = 0;
    for (const auto& r : in_.runs)
      if (std::isfinite(r.seconds)) train_seconds += r.seconds;
    row("training time summed over the runs (s)", duration_text(train_seconds), num(train_seconds));
    row("runs reported", std::to_string(in_.runs.size()), cnt(in_.runs.size()));
    row("architectures seen", std::to_string(t_.architectures_seen), cnt(t_.architectures_seen));
    row("architectures in the correlations", std::to_string(t_.architectures_used), cnt(t_.architectures_used));
    flatten("", s.details, row);
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
    if (t_.architectures_seen < 100) scaled.push_back(std::to_string(t_.architectures_seen) + " architectures (paper: 100)");
    if (const auto* name = at("dataset", "name"); name && name->is_string() && *name != "cifar10")
      scaled.push_back(name->get<std::string>() + " (paper: CIFAR-10)");
    if (const auto* w = at("recipe", "width"); w && w->is_number() && w->get<double>() != 1.0)
      scaled.push_back("width x" + format_number(w->get<double>()) + " (paper: full ResNet-18 width)");
    if (const auto* n = at("recipe", "train_size"); n && n->is_number_integer() && n->get<std::int64_t>() > 0)
      scaled.push_back("the first " + std::to_string(n->get<std::int64_t>()) + " training images (paper: all)");
    if (std::isfinite(s.full_epochs) && s.full_epochs != 200)
      scaled.push_back("a full budget of " + format_number(s.full_epochs) + " epochs (paper: 200)");
    if (s.seeds > 0 && s.seeds < 3) scaled.push_back(std::to_string(s.seeds) + " seed" + (s.seeds == 1 ? "" : "s") +
                                                     " per configuration (paper: 3)");
    if (scaled.empty())
      return "This study has the scale of Appendix A of the budgeted-training paper (100 or more architectures, "
             "CIFAR-10 or another dataset given, full width, 200 epochs, 3 seeds).";
    std::string list;
    for (std::size_t i = 0; i < scaled.size(); ++i)
      list += (i == 0 ? "" : i + 1 == scaled.size() ? " and " : ", ") + scaled[i];
    return "A scaled-down study: compared with Appendix A of the budgeted-training paper it has " + list +
           ". Its taus answer the paper's question at this scale; they are not the paper's numbers.";
  }

  template <typename Row>
  void flatten(const std::string& prefix, const nlohmann::json& j, Row& row) {
    if (j.is_object()) {
      for (auto it = j.begin(); it != j.end(); ++it) flatten(prefix.empty() ? it.key() : prefix + "." + it.key(), it.value(), row);
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
                " jobs are done (" + percent(share) + "); " + std::to_string(p.pending) + " pending, " +
                std::to_string(p.running) + " running, " + std::to_string(p.failed) +
                " failed. Every table uses the finished runs only; a cell with fewer architectures than the others "
                "says so in its n column.");
    }
    std::size_t no_reference = 0;
    for (const auto& e : t_.excluded) no_reference += e.reason.rfind("no reference", 0) == 0;
    if (no_reference)
      paragraph(std::to_string(no_reference) + " architectures have no finished reference (full-budget) run and are "
                "left out of the correlations until they do.");
    if (!p.known) return;
    Table& tab = table("progress", "Jobs not done",
                       "Jobs without a result, by schedule and budget; failed jobs are retried until they run out "
                       "of attempts.");
    tab.header = {"schedule", "budget", "pending", "running", "failed", "last error"};
    tab.data_columns = {"schedule", "budget", "reference", "pending", "running", "failed", "last_error"};
    for (const auto& w : p.missing) {
      tab.rows.push_back({w.schedule + (w.reference ? " (reference)" : ""), w.budget, std::to_string(w.pending),
                          std::to_string(w.running), std::to_string(w.failed), w.last_error.empty() ? "-" : w.last_error});
      tab.data_rows.push_back({text(w.schedule), text(w.budget), DataValue(w.reference), cnt(w.pending),
                               cnt(w.running), cnt(w.failed), text(w.last_error)});
    }
  }

  void correlations() {
    const auto& bo = t_.options.bootstrap;
    section("correlation", "Rank correlation with the full budget (Table 6)");
    const std::string ci_text = format_number(100 * bo.confidence) + "% percentile bootstrap intervals over "
                                "architectures (" + std::to_string(bo.resamples) + " resamples, seed " +
                                std::to_string(bo.seed) + ")";
    Table& t6 = table("table6", "Table 6: " + tau_ + " between small-budget and full-budget rankings",
                      "Rows: the schedule of the small-budget runs; columns: the budget in epochs (share of the full "
                      "budget). Each cell: " + tau_ + " with its " + ci_text + ".");
    t6.data_columns = pivot_columns({"", "lower", "upper"});
    pivot(t6, t_.table6, 3, [](const ranking::CorrelationRow& r) { return with_interval(r.tau); },
          [](const ranking::CorrelationRow& r) {
            return std::vector<DataValue>{num(r.tau.estimate), num(r.tau.lower), num(r.tau.upper)};
          });

    const auto& nc = t_.noise_ceiling;
    std::string nc_text = "Noise ceiling: " + tau_ + " between two full-budget seeds of the same architectures, " +
                          "averaged over " + std::to_string(nc.seed_pairs) + " seed pairs of " + std::to_string(nc.n) +
                          " architectures: " + with_interval(nc.tau) + ".";
    if (!nc.tau.reason.empty()) nc_text += " (" + nc.tau.reason + ".)";
    paragraph(nc_text + " No proxy can be expected to rank better than the target ranks itself, so the gap between a "
              "cell and this value is the proxy's, the rest is seed noise.");
    Table& ceiling = table("noise_ceiling", "Noise ceiling: " + tau_ + " between full-budget seeds",
                           "The agreement of the target ranking with itself under another seed.");
    ceiling.header = {"statistic", "estimate", "interval", "seed pairs", "architectures"};
    ceiling.data_columns = {"tau_variant", "estimate", "lower", "upper", "confidence", "seed_pairs", "n", "reason"};
    ceiling.rows.push_back({tau_, fixed(nc.tau.estimate), interval(nc.tau), std::to_string(nc.seed_pairs), std::to_string(nc.n)});
    ceiling.data_rows.push_back({text(t_.options.tau_variant), num(nc.tau.estimate), num(nc.tau.lower),
                                 num(nc.tau.upper), num(nc.tau.confidence), cnt(nc.seed_pairs), cnt(nc.n),
                                 text(nc.tau.reason)});
    figures("tau");
    why_no_figures("tau", "figure of tau against budget");

    const std::vector<ranking::Statistic>& stats = t_.options.table6_columns;
    std::string caption = "One row per schedule and budget: n architectures with both results (dropped: included "
                          "architectures without a small-budget result here), " + tau_ + " with its interval";
    for (std::size_t i = 0; i < stats.size(); ++i)
      caption += (i + 1 == stats.size() ? " and " : ", ") + stats[i].table6_phrase;
    Table& all = table("table6_statistics", "Table 6, every statistic", caption + ".");
    all.header = {"schedule", "budget", "n", "dropped", t_.options.tau_variant, "interval"};
    all.data_columns = {"schedule", "budget_epochs", "budget_fraction", "budget", "n", "dropped", "tau_variant", "tau",
                        "tau_lower", "tau_upper", "confidence"};
    for (const auto& s : stats) {
      all.header.push_back(s.parameter.key.empty() ? s.name : s.name + " (" + s.parameter.symbol + ")");
      if (!s.parameter.key.empty()) all.data_columns.push_back(s.parameter.key);
      all.data_columns.push_back(s.name);
    }
    for (const auto& r : t_.table6) {
      std::vector<std::string> line = {r.schedule, r.budget.label, std::to_string(r.n), std::to_string(r.dropped),
                                       fixed(r.tau.estimate), interval(r.tau)};
      std::vector<DataValue> values = {text(r.schedule), num(r.budget.epochs), num(r.budget.fraction),
                                       text(r.budget.label), cnt(r.n), cnt(r.dropped), text(t_.options.tau_variant),
                                       num(r.tau.estimate), num(r.tau.lower), num(r.tau.upper), num(r.tau.confidence)};
      for (const auto& s : stats) {
        const ranking::StatisticValue* v = r.statistic(s.name);
        const double value = v ? v->value : kNaN;
        if (s.parameter.key.empty()) {
          line.push_back(fixed(value));
        } else {
          const std::size_t k = v ? v->parameter : 0;
          line.push_back(fixed(value) + " (" + std::to_string(k) + ")");
          values.push_back(cnt(k));
        }
        values.push_back(num(value));
      }
      all.rows.push_back(std::move(line));
      all.data_rows.push_back(std::move(values));
    }
    if (has_figures("scatter"))
      paragraph("Proxy against full-budget accuracy, one plot per schedule and budget, a group of plots per schedule: "
                "the x scale is shared by all plots, the y scale by the plots of one budget. Black: the architectures "
                "in the full-budget top k that the top-k column counts.");
    for (const auto& s : t_.schedules) figures("scatter:" + s, m_.options.scatter_columns);
    why_no_figures("scatter", "scatter plots");
  }

  void accuracy() {
    section("accuracy", "Accuracy under small budgets (Tables 7 and 8)");
    auto mean_table = [&](const std::string& id, const std::string& title, const std::string& caption,
                          const std::vector<ranking::MeanRow>& rows) {
      Table& tab = table(id, title, caption);
      tab.data_columns = pivot_columns({""});
      pivot(tab, rows, 1, [](const ranking::MeanRow& r) { return fixed(r.mean); },
            [](const ranking::MeanRow& r) { return std::vector<DataValue>{num(r.mean)}; });
    };
    mean_table("table7", "Table 7: small-budget validation accuracy averaged across architectures",
               "Per architecture the median over seeds of the best validation accuracy within the budget (fraction "
               "correct), then the mean over architectures.", t_.table7);
    mean_table("table8", "Table 8: Table 7 normalised by each architecture's full-budget accuracy",
               "Per architecture the small-budget accuracy divided by its full-budget accuracy, then the mean over "
               "architectures: 1 would mean the budget costs nothing.", t_.table8);
  }

  void best_checkpoint() {
    section("best-checkpoint", "Where the best checkpoint lies (Table 5)");
    Table& tab = table("table5", "Table 5: training progress p of the best checkpoint",
                       "Mean ± sample standard deviation of p = t/T at the best validation accuracy, over the runs with "
                       "status ok at budgets of at least " + format_number(100 * t_.options.best_progress_min_fraction) +
                       "% of the full budget. Near 100%: the schedule keeps improving to the end of its budget.");
    tab.header = {"schedule", "best progress", "runs"};
    tab.data_columns = {"schedule", "best_progress_mean", "best_progress_std", "runs", "min_budget_fraction"};
    for (const auto& r : t_.table5) {
      tab.rows.push_back({r.schedule, percent(r.mean) + " ± " + percent(r.std), std::to_string(r.runs)});
      tab.data_rows.push_back({text(r.schedule), num(r.mean), num(r.std), cnt(r.runs),
                               num(t_.options.best_progress_min_fraction)});
    }
  }

  void recommendation() {
    const auto& rec = t_.recommendation;
    section("recommendation", "Recommendation");
    std::istringstream lines(rec.text);
    for (std::string line; std::getline(lines, line);)
      if (!line.empty()) paragraph(line);
    Table& tab = table("recommendation", "The best schedule at each budget",
                       "The schedule with the highest " + tau_ + " at each budget, its margin over the runner-up with "
                       "a paired bootstrap interval (the same resampled architectures for both) and the one-sided p of "
                       "\"no better\"; significant below " + format_number(t_.options.significance) + ". The cheapest "
                       "budget within " + format_number(rec.tolerance) + " of the best tau is the recommendation.");
    tab.header = {"budget", "best", t_.options.tau_variant, "runner-up", t_.options.tau_variant, "margin",
                  "margin interval", "p", "significant", "choice"};
    tab.data_columns = {"budget_epochs", "budget_fraction", "budget", "best", "best_tau", "runner_up", "runner_up_tau",
                        "margin", "margin_lower", "margin_upper", "p_value", "significant", "n", "recommended",
                        "best_overall"};
    for (const auto& c : rec.per_budget) {
      const bool two = !c.runner_up.empty();
      const bool recommended = rec.found && c.budget.epochs == rec.cheapest.budget.epochs;
      const bool best = rec.found && c.budget.epochs == rec.best.budget.epochs;
      std::string choice = recommended ? "recommended" : "";
      if (best) choice += std::string(choice.empty() ? "" : ", ") + "best tau";
      tab.rows.push_back({c.budget.label, c.best, fixed(c.best_tau), two ? c.runner_up : "-",
                          two ? fixed(c.runner_up_tau) : "-", two ? fixed(c.best_tau - c.runner_up_tau) : "-",
                          two ? interval(c.test.difference) : "-", two ? format_number(c.test.p_value, 3) : "-",
                          two ? (c.significant ? "yes" : "no") : "-", choice.empty() ? "-" : choice});
      tab.data_rows.push_back({num(c.budget.epochs), num(c.budget.fraction), text(c.budget.label), text(c.best),
                               num(c.best_tau), text(c.runner_up), num(two ? c.runner_up_tau : kNaN),
                               num(two ? c.best_tau - c.runner_up_tau : kNaN), num(two ? c.test.difference.lower : kNaN),
                               num(two ? c.test.difference.upper : kNaN), num(two ? c.test.p_value : kNaN),
                               DataValue(c.significant), cnt(c.test.n), DataValue(recommended), DataValue(best)});
    }
  }

  void zero_cost() {
    if (m_.zero_cost.empty()) return;
    section("zero-cost", "Zero-cost proxies beside budgeted training");
    Table& tab = table("zero_cost", "Zero-cost scores: " + tau_ + " against the full-budget ranking",
                       "Each score computed once per architecture at initialisation; a larger score is taken to "
                       "predict a better architecture. Non-finite scores are left out of that score's correlation "
                       "and counted.");
    tab.header = {"score", "n", "non-finite", "missing", t_.options.tau_variant, "interval", "spearman",
                  "seconds per architecture"};
    tab.data_columns = {"score", "n", "nonfinite", "missing", "tau", "tau_lower", "tau_upper", "spearman",
                        "seconds_per_arch"};
    const ZeroCostRow* best = nullptr;
    for (const auto& z : m_.zero_cost) {
      if (std::isfinite(z.tau.estimate) && (!best || z.tau.estimate > best->tau.estimate)) best = &z;
      tab.rows.push_back({z.score, std::to_string(z.n), std::to_string(z.nonfinite), std::to_string(z.missing),
                          fixed(z.tau.estimate), interval(z.tau), fixed(z.spearman), seconds_text(z.seconds_per_arch)});
      tab.data_rows.push_back({text(z.score), cnt(z.n), cnt(z.nonfinite), cnt(z.missing), num(z.tau.estimate),
                               num(z.tau.lower), num(z.tau.upper), num(z.spearman), num(z.seconds_per_arch)});
    }
    const auto& rec = t_.recommendation;
    if (best && rec.found)
      paragraph("The best zero-cost score, `" + best->score + "`, reaches " + fixed(best->tau.estimate) + " at " +
                seconds_text(best->seconds_per_arch) + " per architecture; the recommended budgeted proxy (" +
                rec.cheapest.best + " at " + rec.cheapest.budget.label + ") reaches " + fixed(rec.cheapest.best_tau) +
                " at " + seconds_text(rec.seconds_per_arch) + ".");
    Table& cost = table("cost", "Every proxy by its compute",
                        "Compute per architecture: the mean wall time of one run (budgeted proxies and the full budget) "
                        "or of computing the score. The full budget's tau is the noise ceiling. On the frontier: no "
                        "other proxy has at least this tau for less compute.");
    cost.header = {"family", "proxy", "budget", "seconds per architecture", t_.options.tau_variant, "interval", "frontier"};
    cost.data_columns = {"family", "name", "budget", "seconds_per_arch", "tau", "tau_lower", "tau_upper", "frontier"};
    std::vector<const CostPoint*> sorted;
    for (const auto& p : m_.cost) sorted.push_back(&p);
    std::stable_sort(sorted.begin(), sorted.end(), [](const CostPoint* l, const CostPoint* r) {
      return (std::isfinite(l->seconds) ? l->seconds : INFINITY) < (std::isfinite(r->seconds) ? r->seconds : INFINITY);
    });
    for (const CostPoint* p : sorted) {
      cost.rows.push_back({p->family, p->name, p->budget.empty() ? "-" : p->budget, seconds_text(p->seconds),
                           fixed(p->tau.estimate), interval(p->tau), p->frontier ? "yes" : "no"});
      cost.data_rows.push_back({text(p->family), text(p->name), text(p->budget), num(p->seconds), num(p->tau.estimate),
                                num(p->tau.lower), num(p->tau.upper), DataValue(p->frontier)});
    }
    figures("cost");
    why_no_figures("cost", "figure of tau against compute");
  }

  void training_curves() {
    section("curves", "Schedules and training curves");
    figures("schedules");
    why_no_figures("schedules", "figure of the schedules");
    figures("curves");
    why_no_figures("curves", "validation curves");
    figures("grad_norm");
    why_no_figures("grad_norm", "figure of the gradient norm");
  }

  void failures() {
    section("failures", "Untrainable and diverged architectures");
    Table& ex = table("excluded", "Architectures left out of the correlations",
                      "An architecture is left out when a reference (full-budget) run diverged or was untrainable, "
                      "when it has no reference run, or when no reference run has a finite accuracy.");
    ex.header = {"architecture", "reason"};
    ex.data_columns = {"arch", "reason"};
    for (const auto& e : t_.excluded) {
      ex.rows.push_back({e.arch, e.reason});
      ex.data_rows.push_back({text(e.arch), text(e.reason)});
    }
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
    Table& tab = table("failed_runs", "Small-budget runs that diverged or were untrainable",
                       "Per architecture. Such runs still count with their best checkpoint when it has a finite "
                       "accuracy.");
    tab.header = {"architecture", "diverged", "untrainable", "where"};
    tab.data_columns = {"arch", "diverged", "untrainable", "where"};
    for (const auto& [arch, f] : failed) {
      std::string where;
      for (const auto& w : f.where) where += (where.empty() ? "" : "; ") + w;
      tab.rows.push_back({arch, std::to_string(f.diverged), std::to_string(f.untrainable), where});
      tab.data_rows.push_back({text(arch), cnt(f.diverged), cnt(f.untrainable), text(where)});
    }
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

    Table& tab = table("architectures", "Every architecture",
                       "Sorted by full-budget accuracy (median over reference seeds). Proxy columns: the median over "
                       "seeds of the best validation accuracy within the budget, per schedule and budget (fraction "
                       "correct); '-' where no run finished. MACs: multiply-accumulates of one forward pass of one "
                       "image.");
    tab.header = {"rank", "architecture", "params", "MACs", "depth", "mutations", "full budget", "status"};
    tab.data_columns = {"rank", "arch", "params", "macs", "depth", "mutations", "full_budget_acc", "status"};
    for (const auto& s : t_.schedules)
      for (const auto& b : t_.budgets) {
        tab.header.push_back(s + " @ " + format_number(b.epochs) + " ep");
        tab.data_columns.push_back("acc " + s + " @ " + format_number(b.epochs) + "ep");
      }
    std::size_t rank = 0;
    for (const auto& id : ids) {
      const ArchInfo* a = info.count(id) ? info[id] : nullptr;
      const bool ranked = std::isfinite(target[id]);
      const std::string status = excluded.count(id) ? "excluded: " + excluded[id] : "used";
      std::vector<std::string> line = {ranked ? std::to_string(++rank) : "-", id,
                                       a ? count_text(a->params) : "-", a ? count_text(a->macs) : "-",
                                       a && a->depth > 0 ? std::to_string(a->depth) : "-",
                                       a && !a->mutations.empty() ? a->mutations : "-", fixed(target[id]), status};
      std::vector<DataValue> values = {ranked ? cnt(rank) : num(kNaN), text(id), a ? cnt(a->params) : num(kNaN),
                                       a ? cnt(a->macs) : num(kNaN), a && a->depth > 0 ? cnt(std::int64_t{a->depth}) : num(kNaN),
                                       text(a ? a->mutations : ""), num(target[id]), text(status)};
      for (const auto& s : t_.schedules)
        for (const auto& b : t_.budgets) {
          auto it = proxy[id].find({s, b.epochs});
          const double v = it == proxy[id].end() ? kNaN : ranking::finite::median(it->second);
          line.push_back(it == proxy[id].end() ? "-" : fixed(v));
          values.push_back(num(v));
        }
      tab.rows.push_back(std::move(line));
      tab.data_rows.push_back(std::move(values));
    }
  }

  void about() {
    section("about", "About this report");
    const auto& o = t_.options;
    paragraph("Written by nasrank " NASRANK_VERSION ". Correlations: " + tau_ + "; intervals: " +
              format_number(100 * o.bootstrap.confidence) + "% percentile bootstrap over architectures, " +
              std::to_string(o.bootstrap.resamples) + " resamples, seed " + std::to_string(o.bootstrap.seed) +
              "; top-k: " + (o.statistics.top_k ? "k = " + std::to_string(o.statistics.top_k)
                                                 : "the best " + format_number(100 * o.statistics.top_fraction) +
                                                       "% of the architectures") +
              "; recommendation tolerance " + format_number(o.tolerance) + ", significance level " +
              format_number(o.significance) + ". Aggregation as in Appendix A of the budgeted-training paper: the "
              "median over seeds of the best validation accuracy within the budget.");
    paragraph("Files: `report.md` and `report.html` (the same report; the HTML needs nothing else to be viewed), "
              "`report.json` (every number), `tables/*.csv` (one per table), `figures/*.svg` with their gnuplot "
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
