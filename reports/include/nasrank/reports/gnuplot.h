// Figures drawn by gnuplot (Debian: gnuplot-nox) as SVG, with a PNG and a PDF beside it for a
// paper: a Figure describes axes and series (or a grid of panels), gnuplot_script/gnuplot_data turn
// it into files gnuplot reads, render_svg runs gnuplot. Without gnuplot the script and data stay
// beside the requested SVG, so a figure is never lost.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace nasrank::reports {

enum class SeriesStyle {
  lines,        ///< a curve through (x, y)
  points,       ///< markers at (x, y): scatter plots
  linespoints,  ///< a curve with markers
  steps,        ///< a staircase (each y holds until the next x)
  band,         ///< the area between y_low and y_high, filled translucently: confidence bands
  error_bars,   ///< markers at (x, y) with vertical bars from y_low to y_high
  text,         ///< only the labels, centred on (x, y): names placed by the caller, no marker
};

struct Series {
  /// Legend entry, printed verbatim; empty leaves the series out of the legend.
  std::string title;
  SeriesStyle style = SeriesStyle::lines;
  std::vector<double> x;
  /// Unused by `band`. NaN marks a missing value (the curve breaks there).
  std::vector<double> y;
  /// band: lower and upper edge; error_bars: the ends of each bar. Unused by the other styles.
  std::vector<double> y_low;
  std::vector<double> y_high;
  /// "#rrggbb"; empty takes the next colour of the default palette (see palette_color).
  std::string color;
  /// Line width in points (lines, linespoints, steps, error bars).
  double line_width = 2.0;
  /// Marker size, relative to gnuplot's default (points, linespoints, error_bars).
  double point_size = 0.7;
  /// gnuplot point type: 7 filled circle, 6 open circle, 5/4 filled/open square, 9/8 filled/open
  /// triangle, 13/12 filled/open diamond, 11/10 filled/open triangle pointing down. Shapes let a
  /// reader tell series apart without colour, and an open marker shows what lies under it.
  int point_type = 7;
  /// gnuplot dash type: 1 solid, 2 dashed, 3 dotted, 4 dash-dot.
  int dash = 1;
  /// Opacity of a band's fill, in (0, 1].
  double fill_opacity = 0.25;
  /// Drawn against the right-hand axis (Figure::y2) instead of the left one.
  bool right_axis = false;
  /// Text beside each point (points, linespoints, error_bars; `text` draws only these): empty, or
  /// one per x value. An empty label draws nothing.
  std::vector<std::string> labels;
  /// Labels go left of their points instead of right: two series with opposite sides keep the
  /// labels of close neighbours apart.
  bool labels_left = false;
};

struct Axis {
  std::string label;
  /// Range ends; nullopt lets gnuplot choose.
  std::optional<double> min;
  std::optional<double> max;
  bool log = false;
  /// The numbers at the tics; false hides them, for the inner panels of a grid with shared axes.
  bool tic_labels = true;
  /// At most this many tics (about), at a round step, when both ends are given; 0 lets gnuplot
  /// choose. Small panels want 3 or 4, so that the numbers do not run into each other.
  int max_tics = 0;
};

struct Figure {
  std::string title;
  Axis x;
  Axis y;
  /// The right-hand axis, shown when a series has right_axis set (a learning rate beside a norm).
  Axis y2;
  /// Tic marks of the x axis at exactly these values (a study's budgets); empty lets gnuplot choose.
  std::vector<double> x_tics;
  /// The text at each of x_tics ("10⁻⁶", "≈0"); empty prints the numbers.
  std::vector<std::string> x_tic_labels;
  /// gnuplot key position ("top right", "bottom left", "outside right top"); "off" hides it.
  std::string legend = "top right";
  /// Size of the SVG in pixels.
  int width = 800;
  int height = 500;
  /// Font size in points of every text; smaller figures shown side by side may want less.
  int font_size = 13;
  bool grid = true;
  std::vector<Series> series;
  /// Small multiples: when not empty the figure is this grid of panels (one gnuplot multiplot),
  /// `columns` per row in reading order, each with its own title, axes, series and `legend`; the
  /// figure's own axes and series are then unused. Every panel's plot area has the same size, so
  /// panels with the same axis ranges share their scales. With the figure's `legend` "below", the
  /// legend of the panel with the most titled series is drawn once under the whole grid and the
  /// panels draw none (give the panels the same titles); any other value leaves each panel's legend
  /// to the panel. Panels cannot hold panels.
  std::vector<Figure> panels;
  int columns = 1;
};

/// Colour k of the default palette (Okabe-Ito, distinguishable with colour-vision deficiency),
/// cycling after eight. Use it to give a band and its curve the same colour.
std::string palette_color(std::size_t k);

/// The data file: one block per series ("x y" or "x y low high" per line, 10 significant
/// digits, then the point's label in double quotes when the series has labels), blocks separated
/// by two blank lines so the script selects them with `index`.
/// Throws nasrank::Error when a series is empty or its vectors differ in length.
std::string gnuplot_data(const Figure& figure);

/// The script that draws `figure` from the file `data_name` into the SVG `svg_name` (names as
/// the script should mention them, normally bare file names beside the script). gnuplot's
/// `-e "datafile='...'; outfile='...'"` overrides both; `-e "term='png'"` draws a PNG instead (three
/// times the SVG's pixels: 300 dpi when 100 SVG pixels make an inch), `term='pdf'` a PDF of
/// width/100 by height/100 inches, both with the SVG's layout and proportions.
std::string gnuplot_script(const Figure& figure, const std::string& data_name, const std::string& svg_name);

struct RenderOptions {
  /// The gnuplot executable, looked up in PATH (Debian package gnuplot-nox).
  std::string gnuplot = "gnuplot";
  /// Keep the .gp script and .dat data beside the SVG also when rendering works.
  bool keep_sources = false;
  /// Log each figure written and a one-line warning for each one not drawn. A caller drawing many
  /// figures turns this off and says it once.
  bool log = true;
  /// Also draw <svg without extension>.png (pngcairo, 300 dpi) and .pdf (pdfcairo) beside the SVG,
  /// for a paper (the study report does). The figure counts as drawn only when every asked format is.
  bool png = false;
  bool pdf = false;
};

enum class RenderStatus { rendered, gnuplot_missing, gnuplot_failed };

struct RenderResult {
  RenderStatus status = RenderStatus::rendered;
  std::filesystem::path svg;     ///< the SVG asked for (exists only when rendered)
  std::filesystem::path script;  ///< <svg without extension>.gp, kept unless rendered without keep_sources
  std::filesystem::path data;    ///< <svg without extension>.dat, likewise
  std::filesystem::path png;     ///< <svg without extension>.png when asked for and drawn, else empty
  std::filesystem::path pdf;     ///< <svg without extension>.pdf when asked for and drawn, else empty
  std::string message;           ///< when not rendered: one line on why and how to render by hand
  bool rendered() const { return status == RenderStatus::rendered; }
};

/// Draws `figure` into `svg` (and the PNG and PDF the options ask for beside it), each of which
/// appears whole or not at all (gnuplot writes a temporary file that is renamed into place). When gnuplot is missing or
/// fails, the script and data are kept beside `svg`, a one-line warning says how to render them, and nothing is thrown:
/// the caller decides from the result. Throws nasrank::Error only for an invalid figure or unwritable files.
RenderResult render_svg(const Figure& figure, const std::filesystem::path& svg, const RenderOptions& options = {});

}  // namespace nasrank::reports
