// The study report's figures as gnuplot Figures: the schedules (the paper's Figure 2), tau against
// budget with its bands and the noise ceiling, proxy-vs-target scatter plots, validation curves,
// the full-gradient norm beside the learning rate (the paper's Figure 4), and tau against compute.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "nasrank/core/text_table.h"
#include "study_model.h"

namespace nasrank::reports::detail {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
/// Accuracies are fractions in [0, 1], as the paper's Tables 7 and 8 print them.
const char* const kAccuracyUnit = "fraction correct";

/// Budgets within one schedule's panel go from light to dark (plasma, its yellow end left out so
/// every line shows on white), spread over the ramp; the full budget is black.
std::string budget_color(std::size_t k, std::size_t count) {
  static const char* const ramp[] = {"#f48849", "#db5c68", "#b83289", "#8b0aa5", "#5302a3", "#0d0887"};
  constexpr std::size_t n = sizeof ramp / sizeof ramp[0];
  if (count <= 1) return ramp[n - 1];
  const double at = static_cast<double>(k) * static_cast<double>(n - 1) / static_cast<double>(count - 1);
  return ramp[std::min(static_cast<std::size_t>(std::lround(at)), n - 1)];
}

/// Epoch-by-epoch curves longer than this are drawn as lines without markers.
constexpr std::size_t kMarkersUpTo = 30;

/// The tau variant in a few characters, for titles of small plots.
std::string tau_symbol(const std::string& variant) {
  if (variant == "kendall_tau_b") return "tau-b";
  if (variant == "kendall_tau_a") return "tau-a";
  if (variant == "weighted_tau") return "weighted tau";
  return variant;
}

/// The top of a tau axis: a little above 1, so that a point or label at 1 does not sit on the frame.
constexpr double kTauTop = 1.05;

/// A tau axis shows 0 (no agreement) and goes a step below the lowest value drawn.
double tau_floor(double lowest) { return lowest >= 0 ? 0.0 : std::floor((lowest - 0.05) * 10) / 10; }

double padded_low(double lo, double hi) { return lo - 0.05 * std::max(hi - lo, 1e-3); }
double padded_high(double lo, double hi) { return hi + 0.05 * std::max(hi - lo, 1e-3); }

PlannedFigure planned(const std::string& id, const std::string& group, const std::string& caption, Figure figure) {
  PlannedFigure p;
  p.entry.id = id;
  p.entry.group = group;
  p.entry.title = figure.title;
  p.entry.caption = caption;
  p.entry.svg = "figures/" + id + ".svg";
  p.entry.script = "figures/" + id + ".gp";
  p.entry.data = "figures/" + id + ".dat";
  p.figure = std::move(figure);
  return p;
}

class Planner {
 public:
  explicit Planner(const StudyModel& m) : m_(m), t_(m.tables) {
    for (std::size_t k = 0; k < t_.schedules.size(); ++k) schedule_color_[t_.schedules[k]] = palette_color(k);
    for (const auto& b : t_.budgets) budget_label_[b.epochs] = b.label;
  }

  FigurePlan plan() {
    schedules();
    tau_by_budget();
    scatter();
    curves(false);
    curves(true);
    cost();
    return std::move(plan_);
  }

 private:
  const std::string& tau_variant() const { return m_.options.study.tau_variant; }

  /// One colour per schedule in every figure: the study's schedules first, then any other name
  /// the next palette colour no schedule has (yellow left out: it does not show on white).
  std::string color_of(const std::string& schedule) {
    auto it = schedule_color_.find(schedule);
    if (it != schedule_color_.end()) return it->second;
    std::set<std::string> used;
    for (const auto& [name, color] : schedule_color_) used.insert(color);
    std::string pick = palette_color(schedule_color_.size());
    for (std::size_t k = 0; k < 7; ++k)
      if (!used.count(palette_color(k))) {
        pick = palette_color(k);
        break;
      }
    return schedule_color_[schedule] = pick;
  }

  /// "1 ep (0.5%)": the paper's budget label with its unit, for legends.
  std::string budget_label(double epochs) const {
    auto it = budget_label_.find(epochs);
    if (it == budget_label_.end()) return format_number(epochs) + " ep";
    std::string label = it->second;
    const std::size_t space = label.find(' ');
    return space == std::string::npos ? label + " ep" : label.insert(space, " ep");
  }

  void add(PlannedFigure f) {
    // Two names may make one file stem ("cosine:eta=0.1" and "cosine_eta_0.1"): number the second.
    const std::string stem = f.entry.id;
    for (int k = 2; !ids_.insert(f.entry.id).second; ++k) f.entry.id = stem + "_" + std::to_string(k);
    f.entry.svg = "figures/" + f.entry.id + ".svg";
    f.entry.script = "figures/" + f.entry.id + ".gp";
    f.entry.data = "figures/" + f.entry.id + ".dat";
    plan_.figures.push_back(std::move(f));
  }
  void skip(const std::string& group, const std::string& why) { plan_.skipped[group] = why; }

  // The paper's Figure 2 (left): every schedule normalised by training progress.
  void schedules() {
    const auto& curves = m_.input->schedule_curves;
    if (curves.empty()) return skip("schedules", "no schedule curves were given to draw");
    Figure f;
    f.title = "Learning-rate schedules by training progress";
    f.x = {"training progress p = t/T (fraction of the budget)", 0.0, 1.0, false};
    f.y = {"learning-rate ratio lr/lr0", 0.0, 1.05, false};
    f.legend = "outside right top";
    f.width = 900;
    for (std::size_t k = 0; k < curves.size(); ++k) {
      Series s;
      s.title = curves[k].name;
      s.x = curves[k].p;
      s.y = curves[k].ratio;
      s.color = color_of(curves[k].name);
      f.series.push_back(std::move(s));
    }
    add(planned("schedules", "schedules",
                "Each schedule's learning rate relative to its initial value as a function of training progress "
                "p = t/T, the same at every budget for a budget-aware schedule (the paper's Figure 2, left).",
                std::move(f)));
  }

  void tau_by_budget() {
    std::vector<double> budgets;
    for (const auto& b : t_.budgets) budgets.push_back(b.epochs);
    bool any = false;
    for (const auto& r : t_.table6) any = any || std::isfinite(r.tau.estimate);
    if (budgets.empty() || !any) return skip("tau", "no schedule has a defined tau at any budget yet");
    const double x_lo = budgets.front() / 1.5, x_hi = budgets.back() * 1.5;
    Figure f;
    const std::string tau = ranking::statistic_title(tau_variant());
    f.title = tau + " of proxy and full-budget rankings, by budget";
    f.x = {"budget (epochs, log scale)", x_lo, x_hi, true};
    f.x_tics = budgets;
    f.legend = "below";
    f.width = 820;
    f.height = 560;
    double lo = 0;
    for (std::size_t k = 0; k < t_.schedules.size(); ++k) {
      const std::string& schedule = t_.schedules[k];
      Series line, band, bars;
      line.title = schedule;
      line.style = SeriesStyle::linespoints;
      line.color = band.color = bars.color = color_of(schedule);
      band.style = SeriesStyle::band;
      band.fill_opacity = 0.15;
      bars.style = SeriesStyle::error_bars;
      for (const auto& r : t_.table6) {
        if (r.schedule != schedule) continue;
        line.x.push_back(r.budget.epochs);
        line.y.push_back(r.tau.estimate);
        if (std::isfinite(r.tau.estimate)) lo = std::min(lo, r.tau.estimate);
        if (std::isfinite(r.tau.lower) && std::isfinite(r.tau.upper)) {
          band.x.push_back(r.budget.epochs);
          band.y_low.push_back(r.tau.lower);
          band.y_high.push_back(r.tau.upper);
          lo = std::min(lo, r.tau.lower);
        }
      }
      if (line.x.empty()) continue;
      // A band needs two budgets to have an area; a lone budget shows its interval as a bar.
      if (band.x.size() >= 2) f.series.push_back(std::move(band));
      else if (band.x.size() == 1) {
        bars.x = band.x;
        bars.y = {
            line.y[static_cast<std::size_t>(std::find(line.x.begin(), line.x.end(), band.x[0]) - line.x.begin())]};
        bars.y_low = band.y_low;
        bars.y_high = band.y_high;
        f.series.push_back(std::move(bars));
      }
      f.series.push_back(std::move(line));
    }
    const auto& nc = t_.noise_ceiling.tau;
    if (std::isfinite(nc.estimate)) {
      if (std::isfinite(nc.lower) && std::isfinite(nc.upper)) {
        Series band;
        band.style = SeriesStyle::band;
        band.color = "#777777";
        band.fill_opacity = 0.12;
        band.x = {x_lo, x_hi};
        band.y_low = {nc.lower, nc.lower};
        band.y_high = {nc.upper, nc.upper};
        f.series.insert(f.series.begin(), std::move(band));
        lo = std::min(lo, nc.lower);
      }
      Series ceiling;
      ceiling.title = "noise ceiling (" + format_fixed(nc.estimate, 3) + ")";
      ceiling.color = "#000000";
      ceiling.dash = 2;
      ceiling.line_width = 1.5;
      ceiling.x = {x_lo, x_hi};
      ceiling.y = {nc.estimate, nc.estimate};
      f.series.push_back(std::move(ceiling));
    }
    const double matched = t_.target.matched_ceiling;
    if (std::isfinite(matched)) {
      Series ceiling;
      ceiling.title = "ceiling matched to the target (" + format_fixed(matched, 3) + ")";
      ceiling.color = "#000000";
      ceiling.dash = 3;
      ceiling.line_width = 1.5;
      ceiling.x = {x_lo, x_hi};
      ceiling.y = {matched, matched};
      f.series.push_back(std::move(ceiling));
      lo = std::min(lo, matched);
    }
    f.y = {tau + " (" + tau_variant() + ", no unit)", tau_floor(lo), kTauTop, false};
    const auto& bo = m_.options.study.bootstrap;
    add(planned("tau_by_budget", "tau",
                "One line per schedule: " + tau +
                    " between the ranking of the architectures after a small "
                    "budget and their full-budget ranking. Shaded: " +
                    format_number(100 * bo.confidence) + "% percentile bootstrap interval over architectures (" +
                    std::to_string(bo.resamples) + " resamples). Dashed: the noise ceiling, " + tau +
                    " between two single full-budget seeds, with its interval in grey: the ceiling of a target of "
                    "one seed. Dotted: the ceiling matched to the study's target (the median of its reference "
                    "seeds), the expected tau of a perfect proxy against it; the taus here are read against it.",
                std::move(f)));
  }

  // One small plot per schedule and budget, laid out as the paper's tables are (rows schedules,
  // columns budgets) with shared scales: the x range is common to all, the y range to a column.
  void scatter() {
    const auto& a = m_.aggregate;
    if (a.cells.empty()) return skip("scatter", "no architecture has both a small-budget and a full-budget result");
    double x_min = INFINITY, x_max = -INFINITY;
    for (Eigen::Index i = 0; i < a.target.size(); ++i)
      if (std::isfinite(a.target[i])) {
        x_min = std::min(x_min, a.target[i]);
        x_max = std::max(x_max, a.target[i]);
      }
    std::map<double, std::pair<double, double>> y_range;
    for (const auto& c : a.cells)
      for (Eigen::Index i = 0; i < c.accuracy.size(); ++i)
        if (std::isfinite(c.accuracy[i]) && std::isfinite(a.target[i])) {
          auto [it, fresh] = y_range.try_emplace(c.budget.epochs, c.accuracy[i], c.accuracy[i]);
          it->second.first = std::min(it->second.first, c.accuracy[i]);
          it->second.second = std::max(it->second.second, c.accuracy[i]);
        }
    const std::string tau = ranking::statistic_title(tau_variant());
    for (const auto& c : a.cells) {
      const ranking::CorrelationRow* row = nullptr;
      for (const auto& r : t_.table6)
        if (r.schedule == c.schedule && r.budget.epochs == c.budget.epochs) row = &r;
      if (!row || !y_range.count(c.budget.epochs)) continue;
      // The architectures in the full-budget top-k, as the top-k column counts them.
      // None when the automatic k is over half the pool: the top-k column is then undefined too.
      std::size_t top_k = ranking::resolve_top_k(t_.options.statistics, row->n);
      if (t_.options.statistics.top_k == 0 && 2 * top_k > row->n) top_k = 0;
      std::vector<std::pair<double, Eigen::Index>> by_target;
      for (Eigen::Index i = 0; i < c.accuracy.size(); ++i)
        if (std::isfinite(c.accuracy[i]) && std::isfinite(a.target[i])) by_target.push_back({a.target[i], i});
      std::sort(by_target.begin(), by_target.end(), [](const auto& l, const auto& r) { return l.first > r.first; });
      std::set<Eigen::Index> top;
      for (std::size_t j = 0; j < std::min(top_k, by_target.size()); ++j) top.insert(by_target[j].second);
      Series rest, best;
      rest.style = best.style = SeriesStyle::points;
      rest.title = "architectures";
      rest.color = color_of(c.schedule);
      best.title = "full-budget top " + std::to_string(top_k);
      best.color = "#000000";
      best.point_size = 0.9;
      for (const auto& [target, i] : by_target) {
        Series& s = top.count(i) ? best : rest;
        s.x.push_back(target);
        s.y.push_back(c.accuracy[i]);
      }
      Figure f;
      f.title = c.schedule + ", budget " + c.budget.label + ": " + tau_symbol(tau_variant()) + " = " +
                (std::isfinite(row->tau.estimate) ? format_fixed(row->tau.estimate, 3) : std::string("n/a"));
      f.x = {std::string("full-budget val. accuracy (") + kAccuracyUnit + ")", padded_low(x_min, x_max),
             padded_high(x_min, x_max), false};
      const auto [y_lo, y_hi] = y_range.at(c.budget.epochs);
      f.y = {std::string("proxy val. accuracy (") + kAccuracyUnit + ")", padded_low(y_lo, y_hi),
             padded_high(y_lo, y_hi), false};
      f.legend = "below";  // inside the frame an opaque key hides points near its corner
      f.width = 460;
      f.height = 400;
      f.font_size = 11;
      if (!rest.x.empty()) f.series.push_back(std::move(rest));
      if (!best.x.empty()) f.series.push_back(std::move(best));
      if (f.series.empty()) continue;
      add(planned("scatter_" + file_stem(c.schedule) + "_" + file_stem(format_number(c.budget.epochs)) + "ep",
                  "scatter:" + c.schedule,
                  "Each point an architecture: its validation accuracy after " + c.budget.label + " epochs under " +
                      c.schedule + " (median over seeds) against its full-budget accuracy.",
                  std::move(f)));
    }
  }

  struct Band {
    std::vector<double> x, median, low, high;
  };

  // Median and interquartile range over runs at each evaluation point (epochs matched exactly:
  // the runs of one schedule and budget share their steps per epoch).
  template <typename Get>
  static Band summarise(const std::vector<const Curve*>& curves, Get get) {
    std::map<double, std::vector<double>> at;
    Band b;
    for (const Curve* c : curves)
      for (const auto& p : c->points) {
        const double v = get(p);
        if (p.epoch > 0 && std::isfinite(v)) at[p.epoch].push_back(v);  // a log axis has no epoch 0
      }
    for (auto& [epoch, values] : at) {
      std::sort(values.begin(), values.end());
      b.x.push_back(epoch);
      b.median.push_back(ranking::quantile_sorted(values, 0.5));
      b.low.push_back(ranking::quantile_sorted(values, 0.25));
      b.high.push_back(ranking::quantile_sorted(values, 0.75));
    }
    return b;
  }

  // Validation accuracy (or the gradient norm beside the learning rate) against epoch, one figure
  // per schedule, one line per budget, the reference runs in black for comparison.
  void curves(bool gradient) {
    const std::string group = gradient ? "grad_norm" : "curves";
    const auto& all = m_.input->curves;
    // Untrainable and diverged architectures would drag the medians down: use the included ones
    // once there are any.
    std::vector<const Curve*> use;
    for (const auto& c : all)
      if (m_.included.empty() || m_.included.count(c.arch)) use.push_back(&c);
    if (gradient) {
      use.erase(std::remove_if(use.begin(), use.end(),
                               [](const Curve* c) {
                                 return std::none_of(c->points.begin(), c->points.end(),
                                                     [](const CurvePoint& p) { return p.grad_norm.has_value(); });
                               }),
                use.end());
      if (use.empty())
        return skip(group,
                    "no run recorded the full-gradient norm (train with --grad-norm to draw the paper's "
                    "Figure 4)");
    } else if (use.empty()) {
      return skip(group, "no learning curves were given");
    }
    std::vector<std::string> schedules = t_.schedules;
    for (const Curve* c : use)
      if (!c->reference && std::find(schedules.begin(), schedules.end(), c->schedule) == schedules.end())
        schedules.push_back(c->schedule);
    std::vector<const Curve*> reference;
    for (const Curve* c : use)
      if (c->reference) reference.push_back(c);
    auto value = [gradient](const CurvePoint& p) { return gradient ? p.grad_norm.value_or(kNaN) : p.val_acc; };
    auto lr = [](const CurvePoint& p) { return p.lr; };

    for (std::size_t k = 0; k < schedules.size(); ++k) {
      const std::string& schedule = schedules[k];
      std::map<double, std::vector<const Curve*>> by_budget;
      for (const Curve* c : use)
        if (!c->reference && c->schedule == schedule) by_budget[c->budget_epochs].push_back(c);
      if (by_budget.empty()) continue;
      Figure f;
      std::set<double> tics;
      double x_lo = INFINITY, x_hi = 0;
      std::size_t j = 0;
      auto add_group = [&](const std::vector<const Curve*>& curves, const std::string& name, const std::string& color,
                           int dash) {
        const Band b = summarise(curves, value);
        if (b.x.empty()) return;
        tics.insert(b.x.back());
        x_lo = std::min(x_lo, b.x.front());
        x_hi = std::max(x_hi, b.x.back());
        if (!gradient && b.x.size() >= 2) {
          Series band;
          band.style = SeriesStyle::band;
          band.color = color;
          band.fill_opacity = 0.15;
          band.x = b.x;
          band.y_low = b.low;
          band.y_high = b.high;
          f.series.push_back(std::move(band));
        }
        Series line;
        line.title = name;
        line.style = b.x.size() > kMarkersUpTo ? SeriesStyle::lines : SeriesStyle::linespoints;
        line.color = color;
        line.dash = dash;
        line.point_size = 0.5;
        line.x = b.x;
        line.y = b.median;
        f.series.push_back(std::move(line));
        if (gradient) {
          const Band l = summarise(curves, lr);
          if (l.x.empty()) return;
          Series rate;  // same colour, dashed, untitled: the right axis's label says so
          rate.style = SeriesStyle::lines;
          rate.color = color;
          rate.dash = 2;
          rate.line_width = 1.5;
          rate.right_axis = true;
          rate.x = l.x;
          rate.y = l.median;
          f.series.push_back(std::move(rate));
        }
      };
      for (const auto& [epochs, curves] : by_budget)
        add_group(curves, budget_label(epochs), budget_color(j++, by_budget.size()), 1);
      if (!reference.empty())
        add_group(reference, "full budget (" + m_.reference_schedule + ")", "#000000", gradient ? 1 : 3);
      if (f.series.empty()) continue;
      const std::vector<double> tic_values(tics.begin(), tics.end());
      f.x = {"epoch (log scale)", x_lo / 1.15, x_hi * 1.15, true};
      f.x_tics = tic_values;
      f.width = 860;
      f.height = 520;
      if (gradient) {
        // Norm and rate fall over each budget: no corner of the plot stays empty at every budget.
        f.legend = "below";
        f.height = 580;
        f.title = "Full-gradient norm and learning rate, " + schedule;
        // Headroom above the largest value, so that a constant rate does not vanish into the frame.
        double norm_max = 0, rate_max = 0;
        for (const auto& series : f.series)
          for (double y : series.y)
            if (std::isfinite(y))
              (series.right_axis ? rate_max : norm_max) = std::max(series.right_axis ? rate_max : norm_max, y);
        f.y = {"full-gradient norm ||g|| (solid lines)", 0.0,
               norm_max > 0 ? std::optional<double>(1.08 * norm_max) : std::nullopt, false};
        f.y2 = {"learning rate (dashed lines, same colours)", 0.0,
                rate_max > 0 ? std::optional<double>(1.08 * rate_max) : std::nullopt, false};
        add(planned("grad_norm_" + file_stem(schedule), group,
                    "Median over the runs of the norm of the full gradient over the training set (solid, left axis) "
                    "and the learning rate (dashed, right axis), one colour per budget, the full-budget reference "
                    "runs in black. A budget-aware schedule drives both to zero at the end of every budget: the "
                    "paper's budgeted convergence (its Figure 4).",
                    std::move(f)));
      } else {
        // Accuracy rises with the epochs: the bottom right stays empty.
        f.legend = "bottom right";
        f.title = "Validation accuracy during training, " + schedule;
        f.y = {std::string("validation accuracy (") + kAccuracyUnit + ")", std::nullopt, std::nullopt, false};
        add(planned("val_acc_" + file_stem(schedule), group,
                    "Median (line) and interquartile range (shaded) over the runs of the validation accuracy at each "
                    "evaluation, one colour per budget" +
                        (reference.empty() ? std::string(".") : ", the full-budget reference runs dotted in black."),
                    std::move(f)));
      }
    }
  }

  // Issue 11's frontier: tau against compute per architecture, both families of proxies.
  void cost() {
    if (m_.zero_cost.empty()) return;  // budgeted proxies alone: the recommendation covers their cost
    std::vector<const CostPoint*> usable;
    for (const auto& p : m_.cost)
      if (std::isfinite(p.seconds) && std::isfinite(p.tau.estimate)) usable.push_back(&p);
    if (usable.empty()) return skip("cost", "no proxy has both a defined tau and a measured time");
    // A log axis cannot show 0 s (a score like params costs nothing measurable): such points sit
    // at a floor a decade below the cheapest measured one.
    double cheapest = INFINITY;
    for (const CostPoint* p : usable)
      if (p->seconds > 0) cheapest = std::min(cheapest, p->seconds);
    const double floor = std::isfinite(cheapest) ? cheapest / 10 : 1e-6;
    bool floored = false;
    auto x_of = [&](const CostPoint* p) {
      if (p->seconds > 0) return p->seconds;
      floored = true;
      return floor;
    };
    const std::string tau = ranking::statistic_title(tau_variant());
    Figure f;
    f.title = tau + " against compute per architecture";
    f.x = {"compute per architecture (seconds, log scale)", std::nullopt, std::nullopt, true};
    f.legend = "below";
    f.width = 900;
    f.height = 640;
    double lo = 0;
    // All schedules at one budget cost about the same, so their points stack: the budget is
    // written once, beside the highest of them.
    std::map<std::string, const CostPoint*> top_of_budget;
    for (const CostPoint* p : usable)
      if (p->family == "budgeted" &&
          (!top_of_budget.count(p->budget) || p->tau.estimate > top_of_budget[p->budget]->tau.estimate))
        top_of_budget[p->budget] = p;
    for (std::size_t k = 0; k < t_.schedules.size(); ++k) {
      Series s;
      s.title = t_.schedules[k];
      s.style = SeriesStyle::linespoints;
      s.color = color_of(t_.schedules[k]);
      std::vector<std::pair<double, const CostPoint*>> pts;
      for (const CostPoint* p : usable)
        if (p->family == "budgeted" && p->name == t_.schedules[k]) pts.push_back({x_of(p), p});
      std::sort(pts.begin(), pts.end(), [](const auto& l, const auto& r) { return l.first < r.first; });
      bool labelled = false;
      for (const auto& [x, p] : pts) {
        s.x.push_back(x);
        s.y.push_back(p->tau.estimate);
        const bool top = top_of_budget[p->budget] == p;
        s.labels.push_back(top ? p->budget.substr(0, p->budget.find(' ')) + " ep" : "");
        labelled = labelled || top;
        lo = std::min(lo, p->tau.estimate);
      }
      if (!labelled) s.labels.clear();
      if (!s.x.empty()) f.series.push_back(std::move(s));
    }
    // Zero-cost scores, labelled by name. Points at the same place share one label.
    struct Score {
      double x, y;
      std::string name;
    };
    std::vector<Score> scores;
    for (const CostPoint* p : usable) {
      if (p->family != "zero-cost") continue;
      auto same = std::find_if(scores.begin(), scores.end(), [&](const Score& s) {
        return std::abs(s.x - x_of(p)) <= 1e-12 * s.x && std::abs(s.y - p->tau.estimate) < 5e-4;
      });
      if (same != scores.end()) same->name += ", " + p->name;
      else scores.push_back({x_of(p), p->tau.estimate, p->name});
    }
    double x_min = INFINITY, x_max = 0;
    for (const CostPoint* p : usable) {
      x_min = std::min(x_min, x_of(p));
      x_max = std::max(x_max, x_of(p));
      lo = std::min(lo, p->tau.estimate);
    }
    // Whole decades, as gnuplot would choose, but fixed here so that labels can be placed.
    const double decade_lo = std::floor(std::log10(x_min)),
                 decade_hi = std::max(std::ceil(std::log10(x_max)), decade_lo + 1);
    f.x.min = std::pow(10.0, decade_lo);
    f.x.max = std::pow(10.0, decade_hi);
    const double y_lo = tau_floor(lo);
    // Each label goes right of its point unless it would cover a label already placed; then left.
    // Boxes in fractions of the plot: a character is about 1/110 of the width, a line 1/24 of the
    // height at this figure's size.
    struct Box {
      double x0, x1, y0, y1;
    };
    std::vector<Box> placed;
    auto frac_x = [&](double x) { return (std::log10(x) - decade_lo) / (decade_hi - decade_lo); };
    auto frac_y = [&](double y) { return (y - y_lo) / (kTauTop - y_lo); };
    auto overlap = [&](const Box& b) {
      double area = 0;
      for (const Box& o : placed)
        area += std::max(0.0, std::min(b.x1, o.x1) - std::max(b.x0, o.x0)) *
                std::max(0.0, std::min(b.y1, o.y1) - std::max(b.y0, o.y0));
      return area;
    };
    Series right, left;
    right.title = "zero-cost scores";
    right.style = left.style = SeriesStyle::points;
    right.color = left.color = "#555555";
    right.point_size = left.point_size = 1.0;
    left.labels_left = true;
    std::sort(scores.begin(), scores.end(), [](const Score& l, const Score& r) { return l.y > r.y; });
    for (const Score& sc : scores) {
      const double px = frac_x(sc.x), py = frac_y(sc.y), w = 0.0091 * static_cast<double>(sc.name.size());
      const Box on_right{px + 0.008, px + 0.008 + w, py, py + 0.042};
      const Box on_left{px - 0.008 - w, px - 0.008, py, py + 0.042};
      const bool go_left = overlap(on_right) > 0 && overlap(on_left) < overlap(on_right) && on_left.x0 >= 0;
      placed.push_back(go_left ? on_left : on_right);
      Series& s = go_left ? left : right;
      s.x.push_back(sc.x);
      s.y.push_back(sc.y);
      s.labels.push_back(sc.name);
    }
    // Learning-curve predictors cost their run, as the budgeted points beside them: unlabelled.
    Series curves;
    curves.title = "learning-curve predictors (same runs)";
    curves.style = SeriesStyle::points;
    curves.color = "#8c564b";
    for (const CostPoint* p : usable)
      if (p->family == "learning curve") {
        curves.x.push_back(x_of(p));
        curves.y.push_back(p->tau.estimate);
      }
    if (!curves.x.empty()) f.series.push_back(std::move(curves));
    if (right.x.empty()) left.title = "zero-cost scores";
    if (!right.x.empty()) f.series.push_back(std::move(right));
    if (!left.x.empty()) f.series.push_back(std::move(left));
    Series full, front;
    full.title = "full budget, one seed (noise ceiling)";
    full.style = SeriesStyle::points;
    full.color = "#000000";
    full.point_size = 1.3;
    front.title = "frontier: best tau for the compute";
    front.style = SeriesStyle::steps;
    front.color = "#999999";
    front.dash = 2;
    front.line_width = 1.5;
    std::vector<std::pair<double, double>> frontier;
    for (const CostPoint* p : usable) {
      lo = std::min(lo, p->tau.estimate);
      if (p->frontier) frontier.push_back({x_of(p), p->tau.estimate});
      if (p->family == "full budget") {
        full.x.push_back(x_of(p));
        full.y.push_back(p->tau.estimate);
      }
    }
    std::sort(frontier.begin(), frontier.end());
    for (const auto& [x, y] : frontier) {
      front.x.push_back(x);
      front.y.push_back(y);
    }
    if (front.x.size() >= 2) f.series.insert(f.series.begin(), std::move(front));
    if (!full.x.empty()) f.series.push_back(std::move(full));
    f.y = {tau + " (" + tau_variant() + ", no unit)", y_lo, kTauTop, false};
    add(planned(
        "tau_vs_compute", "cost",
        "Every way to rank the architectures at what it costs per architecture: each schedule at each "
        "budget (mean wall time of one run), each zero-cost score (mean time to compute it) and a "
        "full-budget run of one seed, whose agreement with the target is the noise ceiling. The dashed "
        "staircase is the frontier: the best " +
            tau + " reachable for a given compute." +
            (floored ? " Scores that took no measurable time are drawn at " + format_number(floor) + " s." : ""),
        std::move(f)));
  }

  const StudyModel& m_;
  const ranking::StudyTables& t_;
  std::map<std::string, std::string> schedule_color_;
  std::map<double, std::string> budget_label_;
  FigurePlan plan_;
  std::set<std::string> ids_;
};

}  // namespace

FigurePlan plan_figures(const StudyModel& model) { return Planner(model).plan(); }

}  // namespace nasrank::reports::detail
