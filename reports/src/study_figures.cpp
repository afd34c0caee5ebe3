// The study report's figures as gnuplot Figures: the schedules (the paper's Figure 2), tau against
// budget with its intervals and the noise ceilings, the proxy-vs-target scatter grid with the
// architectures that drive each tau, validation curves, the full-gradient norm beside the learning
// rate (the paper's Figure 4), tau against compute, each zero-cost score and learning-curve
// predictor against the target, the reference seeds against each other, and each architecture's
// accuracy by budget. Sizes and fonts are chosen for a paper: a figure is read at 100 of its
// pixels to the inch, so that text keeps 8 points or more at the width of a two-column page.
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

/// One figure of one plot, and the font that keeps its text 8 points or more at 7 inches wide.
constexpr int kWidth = 860, kFont = 15;
/// The font of a grid of `width` pixels: the same size on the page as kFont in a single figure
/// printed at half that width.
int grid_font(int width) { return std::max(kFont, static_cast<int>(std::lround(width / 75.0))); }

/// Budgets go from light to dark (plasma, its yellow end left out so that every marker shows on
/// white), spread over the ramp so that neighbours differ clearly; the full budget is black.
std::string budget_color(std::size_t k, std::size_t count) {
  static const char* const ramp[] = {"#f89540", "#e16462", "#b12a90", "#6a00a8", "#0d0887"};
  constexpr std::size_t n = sizeof ramp / sizeof ramp[0];
  if (count <= 1) return ramp[n - 1];
  const double at = static_cast<double>(k) * static_cast<double>(n - 1) / static_cast<double>(count - 1);
  return ramp[std::min(static_cast<std::size_t>(std::lround(at)), n - 1)];
}

/// A colour for rank r of n (0 the best): viridis from dark (best) to green-yellow (worst),
/// interpolated between eight stops.
std::string rank_color(std::size_t r, std::size_t n) {
  static const int stops[][3] = {{68, 1, 84},    {70, 50, 127},  {54, 92, 141},  {39, 127, 142},
                                 {31, 161, 135}, {74, 193, 109}, {160, 218, 57}, {200, 224, 32}};
  constexpr double last = 7;
  const double t = n <= 1 ? 0 : last * static_cast<double>(r) / static_cast<double>(n - 1);
  const std::size_t i = std::min(static_cast<std::size_t>(t), static_cast<std::size_t>(last) - 1);
  const double f = t - static_cast<double>(i);
  char buf[8];
  int c[3];
  for (int k = 0; k < 3; ++k) c[k] = static_cast<int>(std::lround(stops[i][k] + f * (stops[i + 1][k] - stops[i][k])));
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c[0], c[1], c[2]);
  return buf;
}

/// Marker shapes, one per schedule or budget, so that series differ without colour too:
/// circle, square, triangle, diamond, triangle down, then the open forms.
int marker(std::size_t k) {
  static const int shapes[] = {7, 5, 9, 13, 11, 6, 4, 8, 12, 10};
  return shapes[k % (sizeof shapes / sizeof shapes[0])];
}

/// Epoch-by-epoch curves longer than this are drawn as lines without markers.
constexpr std::size_t kMarkersUpTo = 30;

/// The tau variant in a few characters, for titles of small plots.
std::string tau_symbol(const std::string& variant) {
  if (variant == "kendall_tau_b") return "τ-b";
  if (variant == "kendall_tau_a") return "τ-a";
  if (variant == "weighted_tau") return "weighted tau";
  return variant;
}

/// The top of a tau axis: a little above 1, so that a point or label at 1 does not sit on the frame.
constexpr double kTauTop = 1.05;

/// A tau axis shows 0 (no agreement) and goes a step below the lowest value drawn.
double tau_floor(double lowest) { return lowest >= 0 ? 0.0 : std::floor((lowest - 0.05) * 10) / 10; }

double padded_low(double lo, double hi) { return lo - 0.08 * std::max(hi - lo, 1e-3); }
double padded_high(double lo, double hi) { return hi + 0.08 * std::max(hi - lo, 1e-3); }

/// x moved by `k` steps of a small fraction of a decade on a log axis: markers of several series
/// at one x stand side by side instead of on top of each other (a "dodge").
double dodge(double x, double k) { return x * std::pow(10.0, 0.022 * k); }

/// "10⁻⁶" for a decade, plain numbers from 0.1 to 1000.
std::string decade_label(int e) {
  if (e >= -1 && e <= 3) return format_number(std::pow(10.0, e));
  static const char* const digits[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
  std::string out = "10";
  if (e < 0) out += "⁻";
  for (char c : std::to_string(std::abs(e))) out += digits[c - '0'];
  return out;
}

/// The smallest and largest finite value of `values`; NaN, NaN when none is.
std::pair<double, double> finite_range(const std::vector<double>& values) {
  double lo = INFINITY, hi = -INFINITY;
  for (double v : values)
    if (std::isfinite(v)) {
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
  return std::isfinite(lo) ? std::make_pair(lo, hi) : std::make_pair(kNaN, kNaN);
}

/// A grid of `count` panels, `columns` to a row, each `panel_w` x `panel_h` pixels, with room for
/// the title, the outer axes and a legend of up to three rows below.
Figure grid(const std::string& title, std::size_t count, int columns, int panel_w, int panel_h) {
  Figure f;
  f.title = title;
  f.columns = columns;
  const int rows =
      static_cast<int>((count + static_cast<std::size_t>(columns) - 1) / static_cast<std::size_t>(columns));
  f.width = columns * panel_w;
  f.font_size = grid_font(f.width);
  f.height = rows * panel_h + static_cast<int>(std::lround(12.5 * f.font_size * 4.0 / 3.0));
  f.legend = "below";
  return f;
}

/// Shares the axes of a grid's panels: tic numbers and axis labels on the outer panels only, for
/// the axes whose range is the same down a column (x) or along a row (y).
void share_axes(Figure& f, bool share_x, bool share_y) {
  const std::size_t n = f.panels.size(), cols = static_cast<std::size_t>(f.columns);
  for (std::size_t p = 0; p < n; ++p) {
    Figure& panel = f.panels[p];
    panel.font_size = f.font_size;
    if (panel.x_tics.empty()) panel.x.max_tics = 4;
    panel.y.max_tics = 5;
    const bool bottom = p + cols >= n, left = p % cols == 0;
    if (!bottom && share_x) {
      panel.x.tic_labels = false;
      panel.x.label.clear();
    }
    if (!left && share_y) {
      panel.y.tic_labels = false;
      panel.y.label.clear();
    }
  }
}

PlannedFigure planned(const std::string& id, const std::string& group, const std::string& caption, Figure figure) {
  PlannedFigure p;
  p.entry.id = id;
  p.entry.group = group;
  p.entry.title = figure.title;
  p.entry.caption = caption;
  p.entry.svg = "figures/" + id + ".svg";
  p.entry.script = "figures/" + id + ".gp";
  p.entry.data = "figures/" + id + ".dat";
  p.entry.png = "figures/" + id + ".png";
  p.entry.pdf = "figures/" + id + ".pdf";
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
    reference_seeds();
    val_acc();
    arch_by_budget();
    grad_norm();
    cost();
    zero_cost_scores();
    predictors();
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
    f.entry.png = "figures/" + f.entry.id + ".png";
    f.entry.pdf = "figures/" + f.entry.id + ".pdf";
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
    f.y = {"learning-rate ratio lr/lr0", 0.0, 1.08, false};
    f.legend = "outside right top";
    f.width = kWidth;
    f.height = 480;
    f.font_size = kFont;
    for (std::size_t k = 0; k < curves.size(); ++k) {
      Series s;
      s.title = curves[k].name;
      // Schedules coincide over stretches (all start at 1): dashes keep each one visible.
      s.dash = 1 + static_cast<int>(k % 4);
      s.line_width = 2.5;
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
    for (const auto& r : t_.table6) any = any || std::isfinite(r.stats.tau.estimate);
    if (budgets.empty() || !any) return skip("tau", "no schedule has a defined tau at any budget yet");
    const double x_lo = budgets.front() / 1.5, x_hi = budgets.back() * 1.5;
    Figure f;
    const std::string tau = ranking::statistic_title(tau_variant());
    f.title = tau + " of proxy and full-budget rankings, by budget";
    f.x = {"budget (epochs, log scale)", x_lo, x_hi, true};
    f.x_tics = budgets;
    f.legend = "below";
    f.width = kWidth;
    f.height = 660;
    f.font_size = kFont;
    double lo = 0;
    const std::size_t count = t_.schedules.size();
    for (std::size_t k = 0; k < count; ++k) {
      const std::string& schedule = t_.schedules[k];
      // Each schedule's markers sit a little beside the budget, so that equal taus stay apart.
      const double shift = static_cast<double>(k) - 0.5 * static_cast<double>(count - 1);
      Series line, bars, lone;
      line.style = SeriesStyle::lines;
      line.line_width = 1.2;
      bars.title = lone.title = schedule;
      bars.style = SeriesStyle::error_bars;
      lone.style = SeriesStyle::points;
      line.color = bars.color = lone.color = color_of(schedule);
      bars.point_type = lone.point_type = marker(k);
      bars.point_size = lone.point_size = 1.3;
      bars.line_width = 1.6;
      for (const auto& r : t_.table6) {
        if (r.schedule != schedule || !std::isfinite(r.stats.tau.estimate)) continue;
        const double x = dodge(r.budget.epochs, shift);
        line.x.push_back(x);
        line.y.push_back(r.stats.tau.estimate);
        lo = std::min(lo, r.stats.tau.estimate);
        // A tau without an interval is a marker without a bar.
        Series& s = std::isfinite(r.stats.tau.lower) && std::isfinite(r.stats.tau.upper) ? bars : lone;
        s.x.push_back(x);
        s.y.push_back(r.stats.tau.estimate);
        if (&s == &bars) {
          bars.y_low.push_back(r.stats.tau.lower);
          bars.y_high.push_back(r.stats.tau.upper);
          lo = std::min(lo, r.stats.tau.lower);
        }
      }
      if (line.x.size() >= 2) f.series.push_back(std::move(line));
      if (!bars.x.empty()) {
        if (!lone.x.empty()) lone.title.clear();
        f.series.push_back(std::move(bars));
      }
      if (!lone.x.empty()) f.series.push_back(std::move(lone));
    }
    // Every ceiling a line with its value in the legend; no shading, so nothing mixes.
    const auto& nc = t_.noise_ceiling.tau;
    if (std::isfinite(nc.estimate)) {
      Series ceiling;
      ceiling.title = "noise ceiling (seed vs seed): " + format_fixed(nc.estimate, 3);
      if (std::isfinite(nc.lower) && std::isfinite(nc.upper))
        ceiling.title += ", " + format_number(100 * nc.confidence) + "% CI " + format_fixed(nc.lower, 2) + " to " +
                         format_fixed(nc.upper, 2);
      ceiling.color = "#000000";
      ceiling.dash = 2;
      ceiling.line_width = 1.8;
      ceiling.x = {x_lo, x_hi};
      ceiling.y = {nc.estimate, nc.estimate};
      f.series.push_back(std::move(ceiling));
      lo = std::min(lo, nc.estimate);
    }
    const double matched = t_.target.matched_ceiling;
    if (std::isfinite(matched)) {
      Series ceiling;
      ceiling.title = "ceiling matched to the target: " + format_fixed(matched, 3);
      ceiling.color = "#555555";
      ceiling.dash = 3;
      ceiling.line_width = 2.2;
      ceiling.x = {x_lo, x_hi};
      ceiling.y = {matched, matched};
      f.series.push_back(std::move(ceiling));
      lo = std::min(lo, matched);
    }
    f.y = {tau + " (" + tau_variant() + ", no unit)", tau_floor(lo), kTauTop, false};
    const auto& bo = m_.options.study.bootstrap;
    add(planned("tau_by_budget", "tau",
                "One colour and marker per schedule: " + tau +
                    " between the ranking of the architectures after a small budget and their full-budget ranking, "
                    "with its " +
                    format_number(100 * bo.confidence) + "% percentile bootstrap interval over architectures (" +
                    std::to_string(bo.resamples) +
                    " resamples) as a bar. The schedules' markers stand a little apart around each budget so "
                    "that equal taus stay visible. Dashed: the noise ceiling, " +
                    tau +
                    " between two single full-budget seeds (its interval in the legend): the ceiling of a target "
                    "of one seed. Dotted grey: the ceiling matched to the study's target (the median of its "
                    "reference seeds), the expected tau of a perfect proxy against it; the taus here are read "
                    "against it.",
                std::move(f)));
  }

  /// The Table 6 row of a schedule and budget, or nullptr.
  const ranking::CorrelationRow* row_of(const std::string& schedule, double epochs) const {
    for (const auto& r : t_.table6)
      if (r.schedule == schedule && r.budget.epochs == epochs) return &r;
    return nullptr;
  }

  /// Index of `arch` in the aggregate, or -1.
  Eigen::Index arch_index(const std::string& arch) const {
    const auto& archs = m_.aggregate.archs;
    const auto it = std::lower_bound(archs.begin(), archs.end(), arch);
    return it != archs.end() && *it == arch ? static_cast<Eigen::Index>(it - archs.begin()) : -1;
  }

  /// The ring and name of the architecture whose removal moves a tau most, at (x, y); the name
  /// goes to the side of the panel with more room.
  static void mark_influential(Figure& panel, double x, double y, const std::string& arch, double x_mid,
                               bool log_x = false) {
    panel.series.push_back(named_ring("most influential architecture (leave one out)", "#000000", x, y, arch,
                                      log_x ? std::log10(x) > x_mid : x > x_mid));
  }

  /// One point ringed and named: an architecture a panel singles out.
  static Series named_ring(const std::string& title, const std::string& color, double x, double y,
                           const std::string& arch, bool label_left) {
    Series ring;
    ring.title = title;
    ring.style = SeriesStyle::points;
    ring.color = color;
    ring.point_type = 6;
    ring.point_size = 2.4;
    ring.line_width = 1.5;
    ring.x = {x};
    ring.y = {y};
    ring.labels = {arch};
    ring.labels_left = label_left;
    return ring;
  }

  // One grid, rows schedules and columns budgets as the paper's tables are, with shared scales:
  // the x range (full-budget accuracy) is common to all panels, the y range to a column.
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
    if (y_range.empty()) return skip("scatter", "no architecture has both a small-budget and a full-budget result");
    const std::string tau = tau_symbol(tau_variant());
    const double x_lo = padded_low(x_min, x_max), x_hi = padded_high(x_min, x_max), x_mid = 0.5 * (x_lo + x_hi);
    std::vector<double> columns;
    for (const auto& [epochs, range] : y_range) columns.push_back(epochs);
    Figure f = grid("Proxy against full-budget accuracy, by schedule and budget", t_.schedules.size() * columns.size(),
                    static_cast<int>(columns.size()), 450, 380);
    std::size_t drawn = 0;
    std::set<std::size_t> marked_k;  // the top-k sizes drawn, for the caption
    for (const auto& schedule : t_.schedules)
      for (double epochs : columns) {
        const ranking::AggregateCell* cell = nullptr;
        for (const auto& c : a.cells)
          if (c.schedule == schedule && c.budget.epochs == epochs) cell = &c;
        const ranking::CorrelationRow* row = row_of(schedule, epochs);
        Figure panel;
        const auto [p_lo, p_hi] = y_range.at(epochs);
        panel.x = {"proxy val. accuracy", padded_low(p_lo, p_hi), padded_high(p_lo, p_hi), false};
        panel.y = {"target accuracy", x_lo, x_hi, false};
        panel.title = schedule + ", " + format_number(epochs) + " ep";
        if (!cell || !row) {
          // An empty cell keeps its place in the grid: a note where the points would be.
          Series note;
          note.style = SeriesStyle::text;
          note.color = "#777777";
          note.x = {0.5 * (p_lo + p_hi)};
          note.y = {x_mid};
          note.labels = {"no runs"};
          panel.series.push_back(std::move(note));
          f.panels.push_back(std::move(panel));
          continue;
        }
        panel.title += ": " + (std::isfinite(row->stats.tau.estimate) ? format_fixed(row->stats.tau.estimate, 2)
                                                                      : std::string("n/a"));
        // The architectures in the full-budget top-k, as the top-k column counts them.
        // None when the automatic k is over half the pool: the top-k column is then undefined too.
        std::size_t top_k = ranking::resolve_top_k(t_.options.statistics, row->stats.n);
        if (t_.options.statistics.top_k == 0 && 2 * top_k > row->stats.n) top_k = 0;
        std::vector<std::pair<double, Eigen::Index>> by_target;
        for (Eigen::Index i = 0; i < cell->accuracy.size(); ++i)
          if (std::isfinite(cell->accuracy[i]) && std::isfinite(a.target[i])) by_target.push_back({a.target[i], i});
        std::sort(by_target.begin(), by_target.end(), [](const auto& l, const auto& r) { return l.first > r.first; });
        std::set<Eigen::Index> top;
        for (std::size_t j = 0; j < std::min(top_k, by_target.size()); ++j) top.insert(by_target[j].second);
        Series rest, best;
        rest.style = best.style = SeriesStyle::points;
        rest.title = "architecture (colour of its schedule)";
        rest.color = color_of(schedule);
        rest.point_size = 1.0;
        best.title = "full-budget top " + std::to_string(top_k);
        best.color = "#000000";
        best.point_type = 5;
        best.point_size = 0.9;
        for (const auto& [target, i] : by_target) {
          Series& s = top.count(i) ? best : rest;
          s.x.push_back(cell->accuracy[i]);
          s.y.push_back(target);
        }
        if (!rest.x.empty()) panel.series.push_back(std::move(rest));
        if (!best.x.empty()) {
          marked_k.insert(best.x.size());
          panel.series.push_back(std::move(best));
        }
        if (panel.series.empty()) continue;
        const Eigen::Index most = arch_index(row->stats.influence.most.arch);
        if (most >= 0 && std::isfinite(cell->accuracy[most]) && std::isfinite(a.target[most]))
          mark_influential(panel, cell->accuracy[most], a.target[most], row->stats.influence.most.arch,
                           0.5 * (p_lo + p_hi));
        f.panels.push_back(std::move(panel));
        ++drawn;
      }
    if (!drawn) return skip("scatter", "no architecture has both a small-budget and a full-budget result");
    share_axes(f, true, true);
    add(planned("scatter", "scatter",
                "Each point an architecture: its full-budget accuracy (the target) against its validation accuracy "
                "after the panel's budget under the panel's schedule (median over seeds); rows are schedules, "
                "columns budgets; the panel's " +
                    tau +
                    " after the colon in its title. The y scale is shared by all panels, the x scale by the "
                    "panels of one budget. " +
                    (marked_k.empty()
                         ? std::string("The full-budget top k is not marked: with so few architectures it would hold "
                                       "more than half of them, and the top-k column is undefined too. ")
                         : "Black squares: the full-budget top " +
                               (marked_k.size() == 1 ? std::to_string(*marked_k.begin()) : std::string("k")) +
                               ", which the top-k column counts. ") +
                    "Ringed and named: the architecture whose removal moves the panel's " + tau +
                    " most (leave-one-out, as Table 6's influence columns).",
                std::move(f)));
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

  /// The curves drawn: those of the architectures in the correlations (untrainable and diverged
  /// ones would drag the medians down), or all while none is included yet.
  std::vector<const Curve*> usable_curves() const {
    std::vector<const Curve*> use;
    for (const auto& c : m_.input->curves)
      if (m_.included.empty() || m_.included.count(c.arch)) use.push_back(&c);
    return use;
  }

  /// The study's schedules, then any other schedule the curves name.
  std::vector<std::string> curve_schedules(const std::vector<const Curve*>& use) const {
    std::vector<std::string> schedules = t_.schedules;
    for (const Curve* c : use)
      if (!c->reference && std::find(schedules.begin(), schedules.end(), c->schedule) == schedules.end())
        schedules.push_back(c->schedule);
    return schedules;
  }

  // Validation accuracy against epoch: one panel per schedule with shared axes, one colour and
  // marker per budget, the reference runs in black in every panel.
  void val_acc() {
    const std::string group = "curves";
    const std::vector<const Curve*> use = usable_curves();
    if (use.empty()) return skip(group, "no learning curves were given");
    const std::vector<std::string> schedules = curve_schedules(use);
    std::vector<const Curve*> reference;
    std::set<double> budget_set;
    for (const Curve* c : use) {
      if (c->reference) reference.push_back(c);
      else budget_set.insert(c->budget_epochs);
    }
    const std::vector<double> budgets(budget_set.begin(), budget_set.end());
    const std::size_t groups = budgets.size() + (reference.empty() ? 0 : 1);
    auto value = [](const CurvePoint& p) { return p.val_acc; };
    std::vector<Figure> panels;
    std::vector<double> ys;
    std::set<double> tics;
    double x_lo = INFINITY, x_hi = 0;
    for (const auto& schedule : schedules) {
      Figure panel;
      panel.title = schedule;
      auto add_group = [&](const std::vector<const Curve*>& curves, const std::string& name, const std::string& color,
                           std::size_t j, int point_type, int dash) {
        const Band b = summarise(curves, value);
        if (b.x.empty()) return;
        tics.insert(b.x.back());
        x_lo = std::min(x_lo, b.x.front());
        x_hi = std::max(x_hi, b.x.back());
        ys.insert(ys.end(), b.low.begin(), b.low.end());
        ys.insert(ys.end(), b.high.begin(), b.high.end());
        const double shift = static_cast<double>(j) - 0.5 * static_cast<double>(groups - 1);
        if (b.x.size() > kMarkersUpTo) {
          Series band, line;
          band.style = SeriesStyle::band;
          band.color = line.color = color;
          band.fill_opacity = 0.15;
          band.x = line.x = b.x;
          band.y_low = b.low;
          band.y_high = b.high;
          line.title = name;
          line.dash = dash;
          line.y = b.median;
          panel.series.push_back(std::move(band));
          panel.series.push_back(std::move(line));
          return;
        }
        Series line, bars;
        line.style = SeriesStyle::lines;
        line.color = bars.color = color;
        line.dash = dash;
        line.line_width = 1.5;
        bars.title = name;
        bars.style = SeriesStyle::error_bars;
        bars.point_type = point_type;
        bars.point_size = 1.3;
        bars.line_width = 1.5;
        for (std::size_t i = 0; i < b.x.size(); ++i) {
          const double x = dodge(b.x[i], shift);
          line.x.push_back(x);
          line.y.push_back(b.median[i]);
          bars.x.push_back(x);
          bars.y.push_back(b.median[i]);
          bars.y_low.push_back(b.low[i]);
          bars.y_high.push_back(b.high[i]);
        }
        if (line.x.size() >= 2) panel.series.push_back(std::move(line));
        panel.series.push_back(std::move(bars));
      };
      for (std::size_t j = 0; j < budgets.size(); ++j) {
        std::vector<const Curve*> curves;
        for (const Curve* c : use)
          if (!c->reference && c->schedule == schedule && c->budget_epochs == budgets[j]) curves.push_back(c);
        add_group(curves, budget_label(budgets[j]), budget_color(j, budgets.size()), j, marker(j), 1);
      }
      if (panel.series.empty()) continue;
      if (!reference.empty())
        add_group(reference, "full budget (" + m_.reference_schedule + ")", "#000000", budgets.size(), 6, 2);
      panels.push_back(std::move(panel));
    }
    if (panels.empty()) return skip(group, "no learning curve has a finite validation accuracy");
    const auto [y_min, y_max] = finite_range(ys);
    const int columns = panels.size() <= 2 ? static_cast<int>(panels.size()) : 2;
    Figure f = grid("Validation accuracy during training, by schedule", panels.size(), columns, 620, 430);
    const std::vector<double> tic_values(tics.begin(), tics.end());
    for (auto& panel : panels) {
      panel.x = {"epoch (log scale)", x_lo / 1.3, x_hi * 1.3, true};
      panel.x_tics = tic_values;
      panel.y = {std::string("validation accuracy (") + kAccuracyUnit + ")", padded_low(y_min, y_max),
                 padded_high(y_min, y_max), false};
      f.panels.push_back(std::move(panel));
    }
    share_axes(f, true, true);
    add(planned(
        "val_acc", group,
        "One panel per schedule, the same axes in all: at each evaluation the median (marker) and "
        "interquartile range (bar) over the runs of the validation accuracy, one colour and marker per "
        "budget" +
            (reference.empty() ? std::string("") : ", the full-budget reference runs in black with open circles") +
            ". Markers at the same epoch stand a little apart so that none hides another.",
        std::move(f)));
  }

  // The full-gradient norm beside the learning rate against epoch (the paper's Figure 4), one
  // figure per schedule, one colour per budget, the reference runs in black for comparison.
  void grad_norm() {
    const std::string group = "grad_norm";
    std::vector<const Curve*> use = usable_curves();
    use.erase(std::remove_if(use.begin(), use.end(),
                             [](const Curve* c) {
                               return std::none_of(c->points.begin(), c->points.end(),
                                                   [](const CurvePoint& p) { return p.grad_norm.has_value(); });
                             }),
              use.end());
    if (use.empty())
      return skip(group,
                  "no run recorded the full-gradient norm (train with --grad-norm to draw the paper's Figure 4)");
    const std::vector<std::string> schedules = curve_schedules(use);
    std::vector<const Curve*> reference;
    for (const Curve* c : use)
      if (c->reference) reference.push_back(c);
    auto value = [](const CurvePoint& p) { return p.grad_norm.value_or(kNaN); };
    auto lr = [](const CurvePoint& p) { return p.lr; };

    for (const auto& schedule : schedules) {
      std::map<double, std::vector<const Curve*>> by_budget;
      for (const Curve* c : use)
        if (!c->reference && c->schedule == schedule) by_budget[c->budget_epochs].push_back(c);
      if (by_budget.empty()) continue;
      Figure f;
      std::set<double> tics;
      double x_lo = INFINITY, x_hi = 0;
      std::size_t j = 0;
      auto add_group = [&](const std::vector<const Curve*>& curves, const std::string& name, const std::string& color,
                           int point_type) {
        const Band b = summarise(curves, value);
        if (b.x.empty()) return;
        tics.insert(b.x.back());
        x_lo = std::min(x_lo, b.x.front());
        x_hi = std::max(x_hi, b.x.back());
        Series line;
        line.title = name;
        line.style = b.x.size() > kMarkersUpTo ? SeriesStyle::lines : SeriesStyle::linespoints;
        line.color = color;
        line.point_type = point_type;
        line.point_size = 1.0;
        line.x = b.x;
        line.y = b.median;
        f.series.push_back(std::move(line));
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
      };
      for (const auto& [epochs, curves] : by_budget) {
        add_group(curves, budget_label(epochs), budget_color(j, by_budget.size()), marker(j));
        ++j;
      }
      if (!reference.empty()) add_group(reference, "full budget (" + m_.reference_schedule + ")", "#000000", 6);
      if (f.series.empty()) continue;
      const std::vector<double> tic_values(tics.begin(), tics.end());
      f.x = {"epoch (log scale)", x_lo / 1.15, x_hi * 1.15, true};
      f.x_tics = tic_values;
      f.width = kWidth;
      f.height = 620;
      f.font_size = kFont;
      // Norm and rate fall over each budget: no corner of the plot stays empty at every budget.
      f.legend = "below";
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
                  "and the learning rate (dashed, right axis), one colour and marker per budget, the full-budget "
                  "reference runs in black. A budget-aware schedule drives both to zero at the end of every "
                  "budget: the paper's budgeted convergence (its Figure 4).",
                  std::move(f)));
    }
  }

  /// A panel of one proxy's values (x) against the full-budget accuracy (y) of the included
  /// architectures, the architecture that moves its tau most ringed. Empty when fewer than two
  /// architectures have both values.
  Figure proxy_panel(const std::string& title, const std::string& x_label, const std::vector<double>& values,
                     const std::string& color, const std::string& influential) const {
    const auto& a = m_.aggregate;
    Figure panel;
    panel.title = title;
    Series pts;
    pts.title = "architecture";
    pts.style = SeriesStyle::points;
    pts.color = color;
    pts.point_size = 1.0;
    for (Eigen::Index i = 0; i < a.target.size(); ++i)
      if (std::isfinite(values[static_cast<std::size_t>(i)]) && std::isfinite(a.target[i])) {
        pts.x.push_back(values[static_cast<std::size_t>(i)]);
        pts.y.push_back(a.target[i]);
      }
    if (pts.x.size() < 2) return panel;
    const auto [lo, hi] = finite_range(pts.x);
    // Scores that span decades (synflow, params) read on a log axis when all are positive.
    const bool log = lo > 0 && hi / lo > 100;
    panel.x = {x_label, log ? lo / 1.5 : padded_low(lo, hi), log ? hi * 1.5 : padded_high(lo, hi), log};
    if (log) panel.title += " (log x)";
    panel.series.push_back(std::move(pts));
    const Eigen::Index most = arch_index(influential);
    if (most >= 0 && std::isfinite(values[static_cast<std::size_t>(most)]) && std::isfinite(a.target[most]))
      mark_influential(panel, values[static_cast<std::size_t>(most)], a.target[most], influential,
                       log ? 0.5 * (std::log10(lo) + std::log10(hi)) : 0.5 * (lo + hi), log);
    return panel;
  }

  /// The y axis of every panel against the target: the target's range, shared.
  Axis target_axis() const {
    std::vector<double> t(m_.aggregate.target.data(), m_.aggregate.target.data() + m_.aggregate.target.size());
    const auto [lo, hi] = finite_range(t);
    return {"target accuracy", padded_low(lo, hi), padded_high(lo, hi), false};
  }

  std::string tau_text(const ranking::ConfidenceInterval& ci) const {
    return tau_symbol(tau_variant()) + " " + (std::isfinite(ci.estimate) ? format_fixed(ci.estimate, 2) : "n/a");
  }

  // Each zero-cost score against the full-budget accuracy, one panel per score.
  void zero_cost_scores() {
    if (m_.tables.zero_cost.empty()) return;
    const auto& a = m_.aggregate;
    std::vector<Figure> panels;
    for (const auto& z : m_.tables.zero_cost) {
      std::vector<double> values(a.archs.size(), kNaN);
      for (const auto& s : m_.input->zero_cost) {
        const Eigen::Index i = s.score == z.score ? arch_index(s.arch) : -1;
        if (i >= 0 && std::isfinite(s.value)) values[static_cast<std::size_t>(i)] = s.value;
      }
      Figure panel = proxy_panel(z.score + ": " + tau_text(z.stats.tau), "score value", values, "#555555",
                                 z.stats.influence.most.arch);
      if (!panel.series.empty()) panels.push_back(std::move(panel));
    }
    if (panels.empty())
      return skip("zero_cost_scores", "no zero-cost score has a finite value for two architectures with a target");
    const int columns = static_cast<int>(std::min<std::size_t>(3, panels.size()));
    Figure f = grid("Zero-cost scores against full-budget accuracy", panels.size(), columns, 520, 400);
    for (auto& p : panels) {
      p.y = target_axis();
      f.panels.push_back(std::move(p));
    }
    share_axes(f, false, true);
    for (std::size_t p = 0; p + static_cast<std::size_t>(columns) < f.panels.size(); ++p) f.panels[p].x.label.clear();
    add(planned("zero_cost_scores", "zero_cost_scores",
                "One panel per zero-cost score: each architecture's score at initialisation against its full-budget "
                "accuracy, the score's " +
                    tau_symbol(tau_variant()) +
                    " in the title (a larger score taken to predict a better architecture). Ringed and named: the "
                    "architecture whose removal moves that tau most. Scores spanning more than two decades, all "
                    "positive, are on a log axis.",
                std::move(f)));
  }

  // The learning-curve predictors of one schedule against the full-budget accuracy: rows
  // predictors, columns budgets.
  void predictors() {
    if (t_.predictors.empty()) return;
    const auto& rec = t_.recommendation;
    const std::string schedule = rec.found && !rec.cheapest.best.empty() ? rec.cheapest.best
                                 : t_.schedules.empty()                  ? std::string()
                                                                         : t_.schedules.front();
    std::vector<std::string> names;
    std::set<double> budget_set;
    for (const auto& p : t_.predictors)
      if (p.schedule == schedule) {
        if (std::find(names.begin(), names.end(), p.predictor) == names.end()) names.push_back(p.predictor);
        budget_set.insert(p.budget.epochs);
      }
    if (names.empty()) return skip("predictors", "no learning-curve predictor has values for " + schedule);
    const std::vector<double> budgets(budget_set.begin(), budget_set.end());
    Figure f = grid("Learning-curve predictors of " + schedule + " against full-budget accuracy",
                    names.size() * budgets.size(), static_cast<int>(budgets.size()), 470, 360);
    std::size_t drawn = 0;
    for (const auto& name : names)
      for (double epochs : budgets) {
        const ranking::PredictorRow* row = nullptr;
        for (const auto& p : t_.predictors)
          if (p.schedule == schedule && p.predictor == name && p.budget.epochs == epochs) row = &p;
        Figure panel;
        if (row && static_cast<std::size_t>(row->values.size()) == m_.aggregate.archs.size()) {
          const std::vector<double> values(row->values.data(), row->values.data() + row->values.size());
          panel = proxy_panel(
              name + " " + format_number(epochs) +
                  " ep: " + (std::isfinite(row->stats.tau.estimate) ? format_fixed(row->stats.tau.estimate, 2) : "n/a"),
              row->negated ? "value, negated" : "value", values, color_of(schedule), row->stats.influence.most.arch);
        }
        if (panel.series.empty()) {
          panel.title = name + ", " + format_number(epochs) + " ep";
          panel.x = {"value", 0.0, 1.0, false};
          Series note;
          note.style = SeriesStyle::text;
          note.color = "#777777";
          note.x = {0.5};
          note.y = {target_axis().min.value_or(0) / 2 + target_axis().max.value_or(1) / 2};
          note.labels = {"no values"};
          panel.series.push_back(std::move(note));
        } else {
          ++drawn;
        }
        panel.y = target_axis();
        f.panels.push_back(std::move(panel));
      }
    if (!drawn) return skip("predictors", "no learning-curve predictor has values for two architectures");
    share_axes(f, false, true);
    for (std::size_t p = 0; p + budgets.size() < f.panels.size(); ++p) f.panels[p].x.label.clear();
    add(planned(
        "predictors", "predictors",
        "The learning-curve predictors of the runs of " + schedule +
            (rec.found ? " (the recommended schedule)" : " (the first schedule)") +
            " against the full-budget accuracy (the target): rows predictors, columns budgets, each "
            "architecture a point, the predictor's " +
            tau_symbol(tau_variant()) +
            " after the colon in the title. A loss is negated so that larger is better throughout. Ringed and named: "
            "the architecture whose removal moves that tau most.",
        std::move(f)));
  }

  // The reference seeds against one another: what the noise ceiling measures.
  void reference_seeds() {
    const auto& a = m_.aggregate;
    const Eigen::Index seeds = a.reference_by_seed.cols();
    if (seeds < 2)
      return skip("seeds", "the reference runs have fewer than two seeds, so there is no seed against seed to draw");
    std::vector<double> all;
    for (Eigen::Index i = 0; i < a.reference_by_seed.size(); ++i) all.push_back(a.reference_by_seed.data()[i]);
    const auto [lo, hi] = finite_range(all);
    if (!std::isfinite(lo)) return skip("seeds", "no reference run has a finite accuracy");
    const double r_lo = padded_low(lo, hi), r_hi = padded_high(lo, hi);
    std::vector<Figure> panels;
    const std::string tau = tau_symbol(tau_variant());
    for (Eigen::Index s = 0; s < seeds; ++s)
      for (Eigen::Index u = s + 1; u < seeds; ++u) {
        const Eigen::VectorXd x = a.reference_by_seed.col(s), y = a.reference_by_seed.col(u);
        Figure panel;
        const std::string xs = std::to_string(a.reference_seeds[static_cast<std::size_t>(s)]),
                          ys = std::to_string(a.reference_seeds[static_cast<std::size_t>(u)]);
        const ranking::Correlation c = ranking::find_statistic(tau_variant()).compute(x, y, t_.options.statistics);
        panel.title = "seed " + ys + " against seed " + xs + ": " + tau + " " +
                      (c.defined() ? format_fixed(c.value, 2) : std::string("n/a"));
        panel.x = {"accuracy, seed " + xs, r_lo, r_hi, false};
        panel.y = {"accuracy, seed " + ys, r_lo, r_hi, false};
        Series identity;
        identity.title = "equal accuracy";
        identity.color = "#999999";
        identity.dash = 2;
        identity.line_width = 1.2;
        identity.x = identity.y = {r_lo, r_hi};
        Series pts;
        pts.title = "architecture";
        pts.style = SeriesStyle::points;
        pts.color = "#000000";
        pts.point_size = 1.0;
        Eigen::Index far = -1;
        for (Eigen::Index i = 0; i < x.size(); ++i)
          if (std::isfinite(x[i]) && std::isfinite(y[i])) {
            pts.x.push_back(x[i]);
            pts.y.push_back(y[i]);
            if (far < 0 || std::abs(x[i] - y[i]) > std::abs(x[far] - y[far])) far = i;
          }
        if (pts.x.size() < 2) continue;
        panel.series.push_back(std::move(identity));
        panel.series.push_back(std::move(pts));
        // The architecture on which the seeds disagree most, named.
        panel.series.push_back(named_ring("largest difference between the seeds", "#d55e00", x[far], y[far],
                                          a.archs[static_cast<std::size_t>(far)], x[far] > 0.5 * (r_lo + r_hi)));
        panels.push_back(std::move(panel));
      }
    if (panels.empty()) return skip("seeds", "no two reference seeds share two architectures");
    const int columns = static_cast<int>(std::min<std::size_t>(3, panels.size()));
    Figure f = grid("Full-budget accuracy of one reference seed against another", panels.size(), columns, 500, 480);
    for (auto& p : panels) f.panels.push_back(std::move(p));
    share_axes(f, false, false);
    add(planned("reference_seeds", "seeds",
                "Each pair of reference seeds: an architecture's full-budget accuracy with one seed against the "
                "other, the pair's " +
                    tau +
                    " in the title; the noise ceiling is their average. Dashed: equal accuracy. Ringed and "
                    "named: the architecture on which the two seeds differ most.",
                std::move(f)));
  }

  // Each architecture's accuracy by budget under each schedule, ending at its full-budget target,
  // coloured by its full-budget rank: crossing lines are rank changes. A last panel holds the
  // reference runs' learning curves, epoch by epoch.
  void arch_by_budget() {
    const auto& a = m_.aggregate;
    if (a.cells.empty() || a.archs.empty())
      return skip("arch_curves", "no architecture has both a small-budget and a full-budget result");
    // Full-budget rank, 0 the best; architectures without a target are left out.
    std::vector<std::pair<double, std::size_t>> order;
    for (std::size_t i = 0; i < a.archs.size(); ++i)
      if (std::isfinite(a.target[static_cast<Eigen::Index>(i)]))
        order.push_back({-a.target[static_cast<Eigen::Index>(i)], i});
    if (order.size() < 2) return skip("arch_curves", "fewer than two architectures have a full-budget accuracy");
    std::sort(order.begin(), order.end());
    std::map<std::size_t, std::size_t> rank;
    for (std::size_t r = 0; r < order.size(); ++r) rank[order[r].second] = r;
    const double full = std::isfinite(m_.input->settings.full_epochs) ? m_.input->settings.full_epochs : kNaN;
    std::vector<double> tics;
    for (const auto& b : a.budgets) tics.push_back(b.epochs);
    if (std::isfinite(full)) tics.push_back(full);
    std::vector<Figure> panels;
    std::vector<double> ys;
    auto series_for = [&](std::size_t i, std::vector<double> x, std::vector<double> y) {
      Series s;
      const std::size_t r = rank.at(i);
      s.style = SeriesStyle::linespoints;
      s.color = rank_color(r, order.size());
      s.line_width = 1.3;
      s.point_size = 0.6;
      s.x = std::move(x);
      s.y = std::move(y);
      if (r == 0) s.title = "best at full budget (" + a.archs[i] + ")";
      if (r + 1 == order.size()) s.title = "worst at full budget (" + a.archs[i] + ")";
      ys.insert(ys.end(), s.y.begin(), s.y.end());
      return s;
    };
    for (const auto& schedule : t_.schedules) {
      Figure panel;
      panel.title = schedule;
      // Best last, so that the best architectures are drawn on top.
      for (auto it = order.rbegin(); it != order.rend(); ++it) {
        const std::size_t i = it->second;
        std::vector<double> x, y;
        for (const auto& c : a.cells)
          if (c.schedule == schedule && std::isfinite(c.accuracy[static_cast<Eigen::Index>(i)])) {
            x.push_back(c.budget.epochs);
            y.push_back(c.accuracy[static_cast<Eigen::Index>(i)]);
          }
        if (x.empty()) continue;
        if (std::isfinite(full)) {
          x.push_back(full);
          y.push_back(a.target[static_cast<Eigen::Index>(i)]);
        }
        panel.series.push_back(series_for(i, std::move(x), std::move(y)));
      }
      if (!panel.series.empty()) panels.push_back(std::move(panel));
    }
    // The reference runs' curves: the median over seeds at each epoch.
    Figure ref;
    ref.title = "full budget (" + m_.reference_schedule + "), by epoch";
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
      const std::size_t i = it->second;
      std::map<double, std::vector<double>> at;
      for (const auto& c : m_.input->curves)
        if (c.reference && c.arch == a.archs[i])
          for (const auto& p : c.points)
            if (p.epoch > 0 && std::isfinite(p.val_acc)) at[p.epoch].push_back(p.val_acc);
      std::vector<double> x, y;
      for (auto& [epoch, v] : at) {
        std::sort(v.begin(), v.end());
        x.push_back(epoch);
        y.push_back(ranking::quantile_sorted(v, 0.5));
      }
      if (!x.empty()) ref.series.push_back(series_for(i, std::move(x), std::move(y)));
    }
    if (!ref.series.empty()) panels.push_back(std::move(ref));
    if (panels.empty()) return skip("arch_curves", "no architecture has an accuracy to draw");
    const auto [y_lo, y_hi] = finite_range(ys);
    const auto [t_lo, t_hi] = finite_range(tics);
    const int columns = static_cast<int>(std::min<std::size_t>(3, panels.size()));
    Figure f = grid("Each architecture's accuracy by budget, coloured by its full-budget rank", panels.size(), columns,
                    520, 420);
    for (auto& p : panels) {
      p.x = {"budget or epoch (log scale)", t_lo / 1.3, t_hi * 1.3, true};
      p.x_tics = tics;
      p.y = {std::string("val. accuracy (") + kAccuracyUnit + ")", padded_low(y_lo, y_hi), padded_high(y_lo, y_hi),
             false};
      f.panels.push_back(std::move(p));
    }
    share_axes(f, true, true);
    add(planned("arch_curves", "arch_curves",
                "One line per architecture. Schedule panels: its best validation accuracy within each budget (median "
                "over seeds, as the tables take it), joined to its full-budget accuracy at " +
                    (std::isfinite(full) ? format_number(full) : std::string("the full budget")) +
                    " epochs; the last panel: the reference runs' validation accuracy epoch by epoch (median over "
                    "seeds). Colour is the full-budget rank, dark purple the best to yellow-green the worst; "
                    "lines that cross are architectures whose order changes.",
                std::move(f)));
  }

  // Issue 11's frontier: tau against compute per architecture, every family of proxies.
  void cost() {
    if (m_.tables.zero_cost.empty()) return;  // budgeted proxies alone: the recommendation covers their cost
    std::vector<const CostPoint*> usable;
    for (const auto& p : m_.tables.cost)
      if (std::isfinite(p.seconds) && std::isfinite(p.tau.estimate)) usable.push_back(&p);
    if (usable.empty()) return skip("cost", "no proxy has both a defined tau and a measured time");
    // A log axis cannot show 0 s (a score like params costs nothing measurable): such points sit
    // on a tic of their own, "≈0", a decade below the cheapest measured one.
    double cheapest = INFINITY, x_max = 0;
    for (const CostPoint* p : usable) {
      if (p->seconds > 0) cheapest = std::min(cheapest, p->seconds);
      x_max = std::max(x_max, p->seconds);
    }
    const int floor_decade = std::isfinite(cheapest) ? static_cast<int>(std::floor(std::log10(cheapest))) - 1 : -6;
    const double floor = std::pow(10.0, floor_decade);
    bool floored = false;
    auto x_of = [&](const CostPoint* p) {
      if (p->seconds > 0) return p->seconds;
      floored = true;
      return floor;
    };
    for (const CostPoint* p : usable) x_of(p);
    const int decade_lo = floored ? floor_decade : floor_decade + 1,
              decade_hi = std::max(static_cast<int>(std::ceil(std::log10(std::max(x_max, floor)))), decade_lo + 1);
    // The axis runs a little past its last tic, so that a point near it shows whole and the tic's
    // label stays clear of the right panel's first.
    const double x_top = decade_hi + 0.04 * (decade_hi - decade_lo);
    const std::string tau = ranking::statistic_title(tau_variant());
    Figure f;
    f.title = tau + " against compute per architecture";
    f.x = {"compute per architecture (seconds, log scale)", std::pow(10.0, decade_lo), std::pow(10.0, x_top), true};
    for (int e = decade_lo; e <= decade_hi; ++e) {
      f.x_tics.push_back(std::pow(10.0, e));
      f.x_tic_labels.push_back(floored && e == decade_lo ? "≈0" : decade_label(e));
    }
    f.legend = "below";
    f.width = 900;
    f.height = 720;
    f.font_size = kFont;
    double lo = 0;
    for (const CostPoint* p : usable) lo = std::min(lo, p->tau.estimate);
    const double y_lo = tau_floor(lo);

    // The frontier first, so that every point lies over it; it holds its last tau to the edge.
    Series front;
    front.title = "frontier: the best " + tau_symbol(tau_variant()) + " reachable for the compute";
    front.style = SeriesStyle::steps;
    front.color = "#444444";
    front.line_width = 2.5;
    std::vector<std::pair<double, double>> frontier;
    for (const CostPoint* p : usable)
      if (p->frontier) frontier.push_back({x_of(p), p->tau.estimate});
    std::sort(frontier.begin(), frontier.end());
    for (const auto& [x, y] : frontier) {
      front.x.push_back(x);
      front.y.push_back(y);
    }
    if (!front.x.empty()) {
      front.x.push_back(std::pow(10.0, x_top));
      front.y.push_back(front.y.back());
      f.series.push_back(front);
    }
    // Where labels must not go, in fractions of the plot: every marker and the frontier.
    struct Box {
      double x0, x1, y0, y1;
    };
    std::vector<Box> taken;
    auto frac_x = [&](double x) { return (std::log10(x) - decade_lo) / (x_top - decade_lo); };
    auto frac_y = [&](double y) { return (y - y_lo) / (kTauTop - y_lo); };
    // Sizes in fractions of the left panel's plot (about 430 x 400 pixels, a character 12 wide).
    const double char_w = 0.023, line_h = 0.055, mark = 0.018;
    for (const CostPoint* p : usable) {
      const double px = frac_x(x_of(p)), py = frac_y(p->tau.estimate);
      taken.push_back({px - mark, px + mark, py - 1.5 * mark, py + 1.5 * mark});
    }
    for (std::size_t i = 0; i + 1 < front.x.size(); ++i) {
      const double x0 = frac_x(front.x[i]), x1 = frac_x(front.x[i + 1]), y0 = frac_y(front.y[i]),
                   y1 = frac_y(front.y[i + 1]);
      taken.push_back({x0, x1, y0 - 0.004, y0 + 0.004});
      taken.push_back({x1 - 0.003, x1 + 0.003, std::min(y0, y1), std::max(y0, y1)});
    }
    auto overlap = [&](const Box& b) {
      double area = 0;
      for (const Box& o : taken)
        area += std::max(0.0, std::min(b.x1, o.x1) - std::max(b.x0, o.x0)) *
                std::max(0.0, std::min(b.y1, o.y1) - std::max(b.y0, o.y0));
      // Outside the plot counts as covered.
      area += std::max(0.0, -b.x0) + std::max(0.0, b.x1 - 1) + std::max(0.0, -b.y0) + std::max(0.0, b.y1 - 1);
      return area;
    };
    // A text label at the free place nearest its point: right, left, above, below, then the corners.
    auto place = [&](double x, double y, const std::string& text, Series& into) {
      const double px = frac_x(x), py = frac_y(y), w = char_w * static_cast<double>(text.size()), gap = 0.012;
      const double dx[] = {gap + w / 2, -gap - w / 2, 0, 0, gap + w / 2, gap + w / 2, -gap - w / 2, -gap - w / 2};
      const double dy[] = {0, 0, line_h, -line_h, line_h * 0.8, -line_h * 0.8, line_h * 0.8, -line_h * 0.8};
      std::size_t best = 0;
      double best_area = INFINITY;
      for (std::size_t k = 0; k < 8; ++k) {
        const double cx = px + dx[k], cy = py + dy[k];
        const double area = overlap({cx - w / 2, cx + w / 2, cy - line_h / 2, cy + line_h / 2});
        if (area < best_area - 1e-12) {
          best_area = area;
          best = k;
        }
      }
      const double cx = px + dx[best], cy = py + dy[best];
      taken.push_back({cx - w / 2, cx + w / 2, cy - line_h / 2, cy + line_h / 2});
      into.x.push_back(std::pow(10.0, decade_lo + cx * (x_top - decade_lo)));
      into.y.push_back(y_lo + cy * (kTauTop - y_lo));
      into.labels.push_back(text);
    };

    // Budgeted cells: one colour and marker per schedule through its budgets.
    std::map<std::string, std::vector<std::pair<double, double>>> by_budget;  // budget -> (x, tau)
    for (std::size_t k = 0; k < t_.schedules.size(); ++k) {
      Series line, pts;
      line.style = SeriesStyle::lines;
      line.line_width = 1.2;
      pts.title = t_.schedules[k];
      pts.style = SeriesStyle::points;
      pts.point_type = marker(k);
      pts.point_size = 1.3;
      line.color = pts.color = color_of(t_.schedules[k]);
      std::vector<std::pair<double, const CostPoint*>> at;
      for (const CostPoint* p : usable)
        if (p->family == "budgeted" && p->name == t_.schedules[k]) at.push_back({x_of(p), p});
      std::sort(at.begin(), at.end(), [](const auto& l, const auto& r) { return l.first < r.first; });
      for (const auto& [x, p] : at) {
        line.x.push_back(x);
        line.y.push_back(p->tau.estimate);
        pts.x.push_back(x);
        pts.y.push_back(p->tau.estimate);
        by_budget[p->budget].push_back({x, p->tau.estimate});
      }
      if (line.x.size() >= 2) f.series.push_back(std::move(line));
      if (!pts.x.empty()) f.series.push_back(std::move(pts));
    }
    // Learning-curve predictors cost their cell's run: small open markers among the cells'.
    Series curves;
    curves.title = "learning-curve predictors (of each cell's runs)";
    curves.style = SeriesStyle::points;
    curves.point_type = 6;
    curves.point_size = 0.8;
    curves.color = "#8c564b";
    for (const CostPoint* p : usable)
      if (p->family == "learning curve") {
        curves.x.push_back(x_of(p));
        curves.y.push_back(p->tau.estimate);
        by_budget[p->budget].push_back({x_of(p), p->tau.estimate});
      }
    if (!curves.x.empty()) f.series.push_back(std::move(curves));
    Series scores;
    scores.title = "zero-cost scores";
    scores.style = SeriesStyle::points;
    scores.point_type = 13;
    scores.point_size = 1.4;
    scores.color = "#555555";
    Series full;
    full.title = "full budget, one seed (its " + tau_symbol(tau_variant()) + " is the noise ceiling)";
    full.style = SeriesStyle::points;
    full.color = "#000000";
    full.point_size = 1.8;
    for (const CostPoint* p : usable) {
      if (p->family == "zero-cost") {
        scores.x.push_back(x_of(p));
        scores.y.push_back(p->tau.estimate);
      } else if (p->family == "full budget") {
        full.x.push_back(x_of(p));
        full.y.push_back(p->tau.estimate);
      }
    }
    if (!scores.x.empty()) f.series.push_back(scores);
    if (!full.x.empty()) f.series.push_back(full);

    // The scores by name, highest first; scores at the same place share one label.
    Series score_names;
    score_names.style = SeriesStyle::text;
    score_names.color = "#333333";
    std::vector<std::pair<const CostPoint*, std::string>> named;
    for (const CostPoint* p : usable) {
      if (p->family != "zero-cost") continue;
      auto same = std::find_if(named.begin(), named.end(), [&](const auto& n) {
        return std::abs(x_of(n.first) - x_of(p)) <= 1e-12 * x_of(p) &&
               std::abs(n.first->tau.estimate - p->tau.estimate) < 5e-4;
      });
      if (same != named.end()) same->second += ", " + p->name;
      else named.push_back({p, p->name});
    }
    std::sort(named.begin(), named.end(),
              [](const auto& l, const auto& r) { return l.first->tau.estimate > r.first->tau.estimate; });
    for (const auto& [p, text] : named) place(x_of(p), p->tau.estimate, text, score_names);
    if (!score_names.x.empty()) f.series.push_back(std::move(score_names));
    f.x.label = "compute per architecture (s, log scale)";
    f.title = "all proxies";
    f.y = {tau + " (" + tau_variant() + ", no unit)", y_lo, kTauTop, false};

    // The right panel: the budgeted region, wide enough for each budget's name over its group.
    Figure zoom;
    double z_lo = INFINITY, z_hi = 0;
    for (const auto& [budget, pts] : by_budget)
      for (const auto& [x, y] : pts) {
        z_lo = std::min(z_lo, x);
        z_hi = std::max(z_hi, x);
      }
    for (double x : full.x) z_hi = std::max(z_hi, x);
    Figure g =
        grid(tau + " against compute per architecture", by_budget.empty() ? 1 : 2, by_budget.empty() ? 1 : 2, 560, 600);
    if (!by_budget.empty()) {
      z_lo /= 1.6;
      z_hi *= 1.6;
      zoom.title = "budgeted training, enlarged";
      zoom.x = {"compute per architecture (s, log scale)", z_lo, z_hi, true};
      for (int e = static_cast<int>(std::floor(std::log10(z_lo))); e <= static_cast<int>(std::ceil(std::log10(z_hi)));
           ++e)
        for (double m : {1.0, 2.0, 5.0}) {
          // Not within 4% of an edge, where its label would run into the left panel's last one.
          const double v = m * std::pow(10.0, e), at = std::log10(v / z_lo) / std::log10(z_hi / z_lo);
          if (at >= 0.04 && at <= 0.96) zoom.x_tics.push_back(v);
        }
      zoom.y = f.y;
      for (const auto& s : f.series)
        if (s.style != SeriesStyle::text && s.title != "zero-cost scores") zoom.series.push_back(s);
      if (!zoom.series.empty() && zoom.series.front().style == SeriesStyle::steps) zoom.series.front().x.back() = z_hi;
      // Each budget's name over its group, in two rows that alternate when neighbours would touch.
      Series budget_names;
      budget_names.style = SeriesStyle::text;
      budget_names.color = "#222222";
      std::vector<std::pair<double, std::string>> groups;
      for (const auto& [budget, pts] : by_budget) {
        std::vector<double> xs;
        for (const auto& [x, y] : pts) xs.push_back(std::log10(x));
        std::sort(xs.begin(), xs.end());
        groups.push_back({xs[xs.size() / 2], budget.substr(0, budget.find(' ')) + " ep"});
      }
      std::sort(groups.begin(), groups.end());
      const double span = std::log10(z_hi) - std::log10(z_lo), zoom_char = 0.027;
      double row_end[2] = {-INFINITY, -INFINITY};
      for (const auto& [lx, text] : groups) {
        const double fx = (lx - std::log10(z_lo)) / span, half = 0.5 * zoom_char * static_cast<double>(text.size());
        const int row = fx - half > row_end[0] + 0.01 ? 0 : 1;
        row_end[row] = fx + half;
        budget_names.x.push_back(std::pow(10.0, lx));
        budget_names.y.push_back(y_lo + (row == 0 ? 0.95 : 0.88) * (kTauTop - y_lo));
        budget_names.labels.push_back(text);
      }
      zoom.series.push_back(std::move(budget_names));
    }
    g.panels.push_back(std::move(f));
    if (!zoom.series.empty()) g.panels.push_back(std::move(zoom));
    share_axes(g, false, true);
    for (auto& p : g.panels) p.x.max_tics = 0;
    add(planned("tau_vs_compute", "cost",
                "Every way to rank the architectures at what it costs per architecture: each schedule at each "
                "budget (one colour and marker per schedule, the budget written over its group; mean wall time of "
                "its runs), the learning-curve predictors of those runs, each zero-cost score (named; mean time to "
                "compute it) and a full-budget run of one seed, whose agreement with the target is the noise "
                "ceiling. The dark staircase is the frontier: the best " +
                    tau + " reachable for a given compute, held to the right edge." +
                    (floored ? " Scores that took no measurable time sit at the tic marked ≈0." : "") +
                    " Right: the budgeted region enlarged, each budget named over its group.",
                std::move(g)));
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
