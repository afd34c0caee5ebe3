// The study report's figures as gnuplot Figures, planned in the order the report shows them: the
// schedules (the paper's Figure 2), tau against budget, the scatter grid, the reference seeds,
// validation curves, each architecture by budget, the gradient norm (the paper's Figure 4), tau
// against compute, zero-cost scores and learning-curve predictors. Sizes and fonts are chosen for
// a paper: a figure is read at 100 of its pixels to the inch, so that text keeps 8 points or more
// at the width of a two-column page. This file holds the planner and Figure 2; the other families
// are in figures_*.cpp (figure_planner.h).
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "figure_planner.h"
#include "nasrank/core/text_table.h"

namespace nasrank::reports::detail {

Planner::Planner(const StudyModel& m) : m_(m), t_(m.tables) {
  for (std::size_t k = 0; k < t_.schedules.size(); ++k) schedule_color_[t_.schedules[k]] = palette_color(k);
  for (const auto& b : t_.budgets) budget_label_[b.epochs] = b.label;
}

FigurePlan Planner::plan() {
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

std::string Planner::color_of(const std::string& schedule) {
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

std::string Planner::budget_label(double epochs) const {
  auto it = budget_label_.find(epochs);
  if (it == budget_label_.end()) return format_number(epochs) + " ep";
  std::string label = it->second;
  const std::size_t space = label.find(' ');
  return space == std::string::npos ? label + " ep" : label.insert(space, " ep");
}

void Planner::add(PlannedFigure f) {
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

void Planner::schedules() {
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

FigurePlan plan_figures(const StudyModel& model) { return Planner(model).plan(); }

}  // namespace nasrank::reports::detail
