// The study report's figures of the proxies on one axis of compute: tau against compute per
// architecture with its frontier, each zero-cost score and each learning-curve predictor against
// the target.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "figure_planner.h"
#include "nasrank/core/text_table.h"

namespace nasrank::reports::detail {

Figure Planner::proxy_panel(const std::string& title, const std::string& x_label, const std::vector<double>& values,
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

Axis Planner::target_axis() const {
  std::vector<double> t(m_.aggregate.target.data(), m_.aggregate.target.data() + m_.aggregate.target.size());
  const auto [lo, hi] = finite_range(t);
  return {"target accuracy", padded_low(lo, hi), padded_high(lo, hi), false};
}

std::string Planner::tau_text(const ranking::ConfidenceInterval& ci) const {
  return tau_symbol(tau_variant()) + " " + (std::isfinite(ci.estimate) ? format_fixed(ci.estimate, 2) : "n/a");
}

void Planner::zero_cost_scores() {
  if (m_.tables.zero_cost.empty()) return;
  const auto& a = m_.aggregate;
  std::vector<Figure> panels;
  for (const auto& z : m_.tables.zero_cost) {
    std::vector<double> values(a.archs.size(), kNaN);
    for (const auto& s : m_.input->zero_cost) {
      const Eigen::Index i = s.score == z.score ? arch_index(s.arch) : -1;
      if (i >= 0 && std::isfinite(s.value)) values[static_cast<std::size_t>(i)] = s.value;
    }
    Figure panel = proxy_panel(z.score + ": " + tau_text(z.stats.tau), "score value", values, ink::kScore,
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

void Planner::predictors() {
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
        note.color = ink::kNote;
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

void Planner::cost() {
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
  front.color = ink::kFrontier;
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
  curves.color = ink::kPredictor;
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
  scores.color = ink::kScore;
  Series full;
  full.title = "full budget, one seed (its " + tau_symbol(tau_variant()) + " is the noise ceiling)";
  full.style = SeriesStyle::points;
  full.color = ink::kBlack;
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
  score_names.color = ink::kLabel;
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
    budget_names.color = ink::kBudgetName;
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

}  // namespace nasrank::reports::detail
