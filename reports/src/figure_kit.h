// Private to the reports library: what every figure of the study report shares: sizes and fonts
// for a paper, the palette, the markers, tau axes and the grid of panels.
#pragma once

#include <cstddef>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "study_model.h"

namespace nasrank::reports::detail {

/// The report's colours in one place. A schedule takes palette_color(k) (gnuplot.h), the same in
/// every figure; budgets go along budget_color's ramp, ranks along rank_color's; the rest is ink.
namespace ink {
inline constexpr const char* kBlack = "#000000";       ///< the full budget, the noise ceiling, the top k, rings
inline constexpr const char* kBudgetName = "#222222";  ///< budget names over their groups
inline constexpr const char* kLabel = "#333333";       ///< names of zero-cost scores
inline constexpr const char* kFrontier = "#444444";    ///< the compute frontier
inline constexpr const char* kScore = "#555555";       ///< zero-cost scores, the ceiling matched to the target
inline constexpr const char* kNote = "#777777";        ///< "no runs" where a panel has nothing to draw
inline constexpr const char* kGuide = "#999999";       ///< the line of equal accuracy
inline constexpr const char* kEmphasis = "#d55e00";    ///< the largest difference between two seeds
inline constexpr const char* kPredictor = "#8c564b";   ///< learning-curve predictors on the compute axis
}  // namespace ink

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Accuracies are fractions in [0, 1], as the paper's Tables 7 and 8 print them.
inline constexpr const char* kAccuracyUnit = "fraction correct";

/// One figure of one plot, and the font that keeps its text 8 points or more at 7 inches wide.
inline constexpr int kWidth = 860, kFont = 15;

/// The font of a grid of `width` pixels: the same size on the page as kFont in a single figure
/// printed at half that width.
int grid_font(int width);

/// Budgets go from light to dark (plasma, its yellow end left out so that every marker shows on
/// white), spread over the ramp so that neighbours differ clearly; the full budget is black.
std::string budget_color(std::size_t k, std::size_t count);

/// A colour for rank r of n (0 the best): viridis from dark (best) to green-yellow (worst),
/// interpolated between eight stops.
std::string rank_color(std::size_t r, std::size_t n);

/// Marker shapes, one per schedule or budget, so that series differ without colour too:
/// circle, square, triangle, diamond, triangle down, then the open forms.
int marker(std::size_t k);

/// Epoch-by-epoch curves longer than this are drawn as lines without markers.
inline constexpr std::size_t kMarkersUpTo = 30;

/// The tau variant in a few characters, for titles of small plots.
std::string tau_symbol(const std::string& variant);

/// The top of a tau axis: a little above 1, so that a point or label at 1 does not sit on the frame.
inline constexpr double kTauTop = 1.05;

/// A tau axis shows 0 (no agreement) and goes a step below the lowest value drawn.
double tau_floor(double lowest);

double padded_low(double lo, double hi);

double padded_high(double lo, double hi);

/// x moved by `k` steps of a small fraction of a decade on a log axis: markers of several series
/// at one x stand side by side instead of on top of each other (a "dodge").
double dodge(double x, double k);

/// "10⁻⁶" for a decade, plain numbers from 0.1 to 1000.
std::string decade_label(int e);

/// The smallest and largest finite value of `values`; NaN, NaN when none is.
std::pair<double, double> finite_range(const std::vector<double>& values);

/// A grid of `count` panels, `columns` to a row, each `panel_w` x `panel_h` pixels, with room for
/// the title, the outer axes and a legend of up to three rows below.
Figure grid(const std::string& title, std::size_t count, int columns, int panel_w, int panel_h);

/// Shares the axes of a grid's panels: tic numbers and axis labels on the outer panels only, for
/// the axes whose range is the same down a column (x) or along a row (y).
void share_axes(Figure& f, bool share_x, bool share_y);

PlannedFigure planned(const std::string& id, const std::string& group, const std::string& caption, Figure figure);

}  // namespace nasrank::reports::detail
