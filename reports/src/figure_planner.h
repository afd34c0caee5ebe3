// Private to the reports library: the planner of the study report's figures. Its members are
// defined by figure family: the planner itself and the schedules (study_figures.cpp), the
// correlations (figures_correlation.cpp: tau by budget, the scatter grid, the reference seeds,
// each architecture by budget), the learning curves (figures_curves.cpp: validation accuracy,
// the gradient norm) and the proxies on the axis of compute (figures_proxies.cpp: tau against
// compute, zero-cost scores, learning-curve predictors).
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "figure_kit.h"

namespace nasrank::reports::detail {

using Run = ranking::RunResult;
using ranking::Evaluation;

class Planner {
 public:
  explicit Planner(const StudyModel& m);

  FigurePlan plan();

 private:
  // --- shared by every family (study_figures.cpp) ---
  const std::string& tau_variant() const { return m_.options.study.tau_variant; }

  /// One colour per schedule in every figure: the study's schedules first, then any other name
  /// the next palette colour no schedule has (yellow left out: it does not show on white).
  std::string color_of(const std::string& schedule);

  /// "1 ep (0.5%)": the paper's budget label with its unit, for legends.
  std::string budget_label(double epochs) const;

  void add(PlannedFigure f);

  void skip(const std::string& group, const std::string& why) { plan_.skipped[group] = why; }

  // The paper's Figure 2 (left): every schedule normalised by training progress.
  void schedules();

  // --- the correlations (figures_correlation.cpp) ---
  void tau_by_budget();

  // One grid, rows schedules and columns budgets as the paper's tables are, with shared scales:
  // the x range (full-budget accuracy) is common to all panels, the y range to a column.
  void scatter();

  // The reference seeds against one another: what the noise ceiling measures.
  void reference_seeds();

  // Each architecture's accuracy by budget under each schedule, ending at its full-budget target,
  // coloured by its full-budget rank: crossing lines are rank changes. A last panel holds the
  // reference runs' learning curves, epoch by epoch.
  void arch_by_budget();

  /// The Table 6 row of a schedule and budget, or nullptr.
  const ranking::CorrelationRow* row_of(const std::string& schedule, double epochs) const;

  /// Index of `arch` in the aggregate, or -1.
  Eigen::Index arch_index(const std::string& arch) const;

  /// The ring and name of the architecture whose removal moves a tau most, at (x, y); the name
  /// goes to the side of the panel with more room.
  static void mark_influential(Figure& panel, double x, double y, const std::string& arch, double x_mid,
                               bool log_x = false);

  /// One point ringed and named: an architecture a panel singles out.
  static Series named_ring(const std::string& title, const std::string& color, double x, double y,
                           const std::string& arch, bool label_left);

  // --- the learning curves (figures_curves.cpp) ---
  // Validation accuracy against epoch: one panel per schedule with shared axes, one colour and
  // marker per budget, the reference runs in black in every panel.
  void val_acc();

  // The full-gradient norm beside the learning rate against epoch (the paper's Figure 4), one
  // figure per schedule, one colour per budget, the reference runs in black for comparison.
  void grad_norm();

  /// Median and quartiles of a group of curves at each evaluation point.
  struct Band {
    std::vector<double> x, median, low, high;
  };

  // Median and interquartile range over runs at each evaluation point (epochs matched exactly:
  // the runs of one schedule and budget share their steps per epoch).
  template <typename Get>
  static Band summarise(const std::vector<const Run*>& curves, Get get);

  /// The runs whose curves are drawn: those with a curve, of the architectures in the correlations (untrainable and
  /// diverged ones would drag the medians down), or all while none is included yet.
  std::vector<const Run*> usable_curves() const;

  /// The study's schedules, then any other schedule the curves name.
  std::vector<std::string> curve_schedules(const std::vector<const Run*>& use) const;

  // --- the proxies on the axis of compute (figures_proxies.cpp) ---
  // Tau against compute per architecture, every family of proxies, with the frontier of the best.
  void cost();

  // Each zero-cost score against the full-budget accuracy, one panel per score.
  void zero_cost_scores();

  // The learning-curve predictors of one schedule against the full-budget accuracy: rows
  // predictors, columns budgets.
  void predictors();

  /// A panel of one proxy's values (x) against the full-budget accuracy (y) of the included
  /// architectures, the architecture that moves its tau most ringed. Empty when fewer than two
  /// architectures have both values.
  Figure proxy_panel(const std::string& title, const std::string& x_label, const std::vector<double>& values,
                     const std::string& color, const std::string& influential) const;

  /// The y axis of every panel against the target: the target's range, shared.
  Axis target_axis() const;

  std::string tau_text(const ranking::ConfidenceInterval& ci) const;

  const StudyModel& m_;
  const ranking::StudyTables& t_;
  std::map<std::string, std::string> schedule_color_;
  std::map<double, std::string> budget_label_;
  FigurePlan plan_;
  std::set<std::string> ids_;
};

}  // namespace nasrank::reports::detail
