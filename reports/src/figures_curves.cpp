// The study report's figures of the learning curves: validation accuracy during training by
// schedule, and the full-gradient norm beside the learning rate (the paper's Figure 4).
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "figure_planner.h"
#include "nasrank/core/text_table.h"

namespace nasrank::reports::detail {

template <typename Get>
Planner::Band Planner::summarise(const std::vector<const Run*>& curves, Get get) {
  std::map<double, std::vector<double>> at;
  Band b;
  for (const Run* c : curves)
    for (const auto& p : c->curve.evaluations) {
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

std::vector<const Run*> Planner::usable_curves() const {
  std::vector<const Run*> use;
  for (const auto& r : m_.input->runs)
    if (!r.curve.evaluations.empty() && (m_.included.empty() || m_.included.count(r.arch))) use.push_back(&r);
  return use;
}

std::vector<std::string> Planner::curve_schedules(const std::vector<const Run*>& use) const {
  std::vector<std::string> schedules = t_.schedules;
  for (const Run* c : use)
    if (!c->reference && std::find(schedules.begin(), schedules.end(), c->schedule) == schedules.end())
      schedules.push_back(c->schedule);
  return schedules;
}

void Planner::val_acc() {
  const std::string group = "curves";
  const std::vector<const Run*> use = usable_curves();
  if (use.empty()) return skip(group, "no learning curves were given");
  const std::vector<std::string> schedules = curve_schedules(use);
  std::vector<const Run*> reference;
  std::set<double> budget_set;
  for (const Run* c : use) {
    if (c->reference) reference.push_back(c);
    else budget_set.insert(c->budget_epochs);
  }
  const std::vector<double> budgets(budget_set.begin(), budget_set.end());
  const std::size_t groups = budgets.size() + (reference.empty() ? 0 : 1);
  auto value = [](const Evaluation& p) { return p.val_acc; };
  std::vector<Figure> panels;
  std::vector<double> ys;
  std::set<double> tics;
  double x_lo = INFINITY, x_hi = 0;
  for (const auto& schedule : schedules) {
    Figure panel;
    panel.title = schedule;
    auto add_group = [&](const std::vector<const Run*>& curves, const std::string& name, const std::string& color,
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
      std::vector<const Run*> curves;
      for (const Run* c : use)
        if (!c->reference && c->schedule == schedule && c->budget_epochs == budgets[j]) curves.push_back(c);
      add_group(curves, budget_label(budgets[j]), budget_color(j, budgets.size()), j, marker(j), 1);
    }
    if (panel.series.empty()) continue;
    if (!reference.empty())
      add_group(reference, "full budget (" + m_.reference_schedule + ")", ink::kBlack, budgets.size(), 6, 2);
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

void Planner::grad_norm() {
  const std::string group = "grad_norm";
  std::vector<const Run*> use = usable_curves();
  use.erase(std::remove_if(use.begin(), use.end(),
                           [](const Run* c) {
                             return std::none_of(c->curve.evaluations.begin(), c->curve.evaluations.end(),
                                                 [](const Evaluation& p) { return p.grad_norm.has_value(); });
                           }),
            use.end());
  if (use.empty())
    return skip(group, "no run recorded the full-gradient norm (train with --grad-norm to draw the paper's Figure 4)");
  const std::vector<std::string> schedules = curve_schedules(use);
  std::vector<const Run*> reference;
  for (const Run* c : use)
    if (c->reference) reference.push_back(c);
  auto value = [](const Evaluation& p) { return p.grad_norm.value_or(kNaN); };
  auto lr = [](const Evaluation& p) { return p.lr; };

  for (const auto& schedule : schedules) {
    std::map<double, std::vector<const Run*>> by_budget;
    for (const Run* c : use)
      if (!c->reference && c->schedule == schedule) by_budget[c->budget_epochs].push_back(c);
    if (by_budget.empty()) continue;
    Figure f;
    std::set<double> tics;
    double x_lo = INFINITY, x_hi = 0;
    std::size_t j = 0;
    auto add_group = [&](const std::vector<const Run*>& curves, const std::string& name, const std::string& color,
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
    if (!reference.empty()) add_group(reference, "full budget (" + m_.reference_schedule + ")", ink::kBlack, 6);
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

}  // namespace nasrank::reports::detail
