// gnuplot figures: the data and script text against hand-written expectations, real rendering to
// SVG checked for well-formed XML, and the fallbacks when gnuplot is missing or fails.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <regex>
#include <set>
#include <sstream>

#include "nasrank/core/error.h"
#include "nasrank/core/files.h"
#include "nasrank/reports/gnuplot.h"
#include "xml_check.h"

namespace nasrank::reports {
namespace {
namespace fs = std::filesystem;
using test_support::files_in;
using test_support::gnuplot_installed;
using test_support::has_text;
using test_support::plot_groups;
using test_support::xml_problem;

fs::path fresh_dir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("nasrank_gnuplot_test_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

Series line(std::string title, std::vector<double> x, std::vector<double> y) {
  Series s;
  s.title = std::move(title);
  s.x = std::move(x);
  s.y = std::move(y);
  return s;
}

/// Every style once: a curve with its band, a scatter, error bars, steps.
Figure every_style() {
  Figure f;
  f.title = "Kendall's tau by budget";
  f.x = {"budget (epochs)", 1.0, 200.0, true};
  f.y = {"tau", -1.0, 1.0, false};
  f.legend = "bottom right";
  Series band;
  band.title = "95% interval";
  band.style = SeriesStyle::band;
  band.x = {1, 2, 10, 20, 200};
  band.y_low = {0.2, 0.3, 0.6, 0.65, 0.9};
  band.y_high = {0.4, 0.5, 0.75, 0.8, 1.0};
  band.color = palette_color(0);
  f.series.push_back(band);
  Series curve = line("linear & friends", {1, 2, 10, 20, 200}, {0.3, 0.4, 0.7, 0.73, 0.95});
  curve.color = palette_color(0);
  f.series.push_back(curve);
  Series scatter = line("architectures", {3, 30, 150}, {0.1, -0.2, 0.5});
  scatter.style = SeriesStyle::points;
  f.series.push_back(scatter);
  Series bars = line("median <3 runs>", {5, 50}, {0.5, 0.6});
  bars.style = SeriesStyle::error_bars;
  bars.y_low = {0.4, 0.55};
  bars.y_high = {0.6, 0.7};
  f.series.push_back(bars);
  Series stairs = line("", {1, 100, 200}, {0.0, -0.5, -0.5});
  stairs.style = SeriesStyle::steps;
  stairs.dash = 2;
  f.series.push_back(stairs);
  return f;
}

TEST(XmlCheck, CatchesBrokenDocuments) {
  EXPECT_EQ(xml_problem("<?xml version='1.0'?><a x='1>2'><b/><!-- c --><c>&amp;</c></a>"), "");
  EXPECT_NE(xml_problem("<a><b></a></b>"), "");
  EXPECT_NE(xml_problem("<a><b></b>"), "");
  EXPECT_NE(xml_problem("<a>&</a>"), "");
  EXPECT_NE(xml_problem("<a/><b/>"), "");
  EXPECT_NE(xml_problem("<a x='1"), "");
}

TEST(GnuplotData, OneBlockPerSeriesWithTenSignificantDigits) {
  Figure f;
  f.series.push_back(line("a", {0, 1.0 / 3}, {1, 2.0 / 3}));
  Series band;
  band.title = "b";
  band.style = SeriesStyle::band;
  band.x = {0.5};
  band.y_low = {-1e-12};
  band.y_high = {12345678901.0};
  f.series.push_back(band);
  f.series.push_back(line("c", {2}, {std::nan("")}));
  EXPECT_EQ(gnuplot_data(f),
            "# [0] a\n0 1\n0.3333333333 0.6666666667\n"
            "\n\n# [1] b\n0.5 NaN -1e-12 1.23456789e+10\n"
            "\n\n# [2] c\n2 NaN\n");
}

TEST(GnuplotData, RejectsEmptyAndMismatchedSeries) {
  Figure f;
  EXPECT_THROW(gnuplot_data(f), Error);  // no series
  f.series.push_back(line("a", {}, {}));
  EXPECT_THROW(gnuplot_data(f), Error);
  f.series[0] = line("a", {1, 2}, {1});
  EXPECT_THROW(gnuplot_data(f), Error);
  f.series[0] = line("a", {1, 2}, {1, 2});
  f.series[0].style = SeriesStyle::band;  // a band needs its edges
  EXPECT_THROW(gnuplot_data(f), Error);
  f.series[0] = line("a", {1}, {std::numeric_limits<double>::infinity()});
  EXPECT_THROW(gnuplot_data(f), Error);
  f.series[0] = line("a", {1}, {1});
  f.series[0].color = "red";
  EXPECT_THROW(gnuplot_script(f, "d", "o"), Error);
}

TEST(GnuplotScript, QuotesTextAndDrawsEachBlockInItsStyle) {
  const std::string s = gnuplot_script(every_style(), "fig.dat", "fig.svg");
  EXPECT_NE(s.find("set title 'Kendall''s tau by budget'"), std::string::npos) << s;
  EXPECT_NE(s.find("if (!exists(\"datafile\")) datafile = 'fig.dat'"), std::string::npos) << s;
  EXPECT_NE(s.find("if (!exists(\"outfile\")) outfile = (term eq 'svg') ? 'fig.svg' : 'fig' . '.' . term"),
            std::string::npos)
      << s;
  EXPECT_NE(s.find("set xlabel 'budget (epochs)'"), std::string::npos);
  EXPECT_NE(s.find("set xrange [1:200]"), std::string::npos);
  EXPECT_NE(s.find("set yrange [-1:1]"), std::string::npos);
  EXPECT_NE(s.find("set logscale x"), std::string::npos);
  EXPECT_EQ(s.find("\nset logscale y"), std::string::npos);
  EXPECT_NE(s.find("unset logscale y"), std::string::npos);
  EXPECT_NE(s.find("set key bottom right"), std::string::npos);
  EXPECT_NE(s.find("datafile index 0 using 1:3:4 with filledcurves"), std::string::npos) << s;
  EXPECT_NE(s.find("datafile index 1 using 1:2 with lines"), std::string::npos) << s;
  EXPECT_NE(s.find("datafile index 2 using 1:2 with points"), std::string::npos) << s;
  EXPECT_NE(s.find("datafile index 3 using 1:2:3:4 with yerrorbars"), std::string::npos) << s;
  EXPECT_NE(s.find("datafile index 4 using 1:2 with steps lw 2 dt 2"), std::string::npos) << s;
  EXPECT_NE(s.find("notitle"), std::string::npos);
  // The band and its curve keep the colour they were given; automatic colours skip it.
  EXPECT_NE(s.find("lc rgb '" + palette_color(0) + "' title '95% interval'"), std::string::npos) << s;
  EXPECT_NE(s.find("lc rgb '" + palette_color(0) + "' title 'linear & friends'"), std::string::npos) << s;
  EXPECT_NE(s.find("lc rgb '" + palette_color(1) + "' title 'architectures'"), std::string::npos) << s;
  EXPECT_NE(s.find("lc rgb '" + palette_color(2) + "' title 'median <3 runs>'"), std::string::npos) << s;
  Figure unlabelled = every_style();
  unlabelled.legend = "off";
  unlabelled.x.min.reset();
  EXPECT_NE(gnuplot_script(unlabelled, "d", "o").find("unset key"), std::string::npos);
  EXPECT_NE(gnuplot_script(unlabelled, "d", "o").find("set xrange [*:200]"), std::string::npos);
}

/// A norm on the left axis, a learning rate on the right, labelled points, chosen tics.
Figure two_axes() {
  Figure f;
  f.title = "norm and rate";
  f.x = {"epoch", 1.0, 20.0, true};
  f.x_tics = {1, 2, 10, 20};
  f.y = {"norm", 0.0, std::nullopt, false};
  f.y2 = {"learning rate", 0.0, 0.2, false};
  f.font_size = 11;
  Series norm = line("||g||", {1, 2, 10, 20}, {3, 2, 1, 0.1});
  norm.style = SeriesStyle::points;
  norm.labels = {"one", "two", "ten \"x\"", "twenty"};
  f.series.push_back(norm);
  Series rate = line("lr", {1, 20}, {0.1, 0.0});
  rate.right_axis = true;
  f.series.push_back(rate);
  return f;
}

TEST(GnuplotScript, RightAxisLabelsTicsAndFontSize) {
  const Figure f = two_axes();
  const std::string s = gnuplot_script(f, "d.dat", "o.svg");
  EXPECT_NE(s.find("font 'sans-serif,11'"), std::string::npos) << s;
  EXPECT_NE(s.find("set xtics (1, 2, 10, 20)"), std::string::npos) << s;
  EXPECT_NE(s.find("set y2label 'learning rate'"), std::string::npos) << s;
  EXPECT_NE(s.find("set y2range [0:0.2]"), std::string::npos) << s;
  EXPECT_NE(s.find("set ytics nomirror"), std::string::npos) << s;
  EXPECT_NE(s.find("set y2tics"), std::string::npos) << s;
  EXPECT_NE(s.find("datafile index 0 using 1:2:3 with labels"), std::string::npos) << s;
  EXPECT_NE(s.find("datafile index 1 using 1:2 with lines lw 2 dt 1 lc rgb"), std::string::npos) << s;
  EXPECT_NE(s.find("axes x1y2 title 'lr'"), std::string::npos) << s;
  // Labels are the third column, double-quoted; a double quote inside becomes a single one.
  EXPECT_NE(gnuplot_data(f).find("10 1 \"ten 'x'\"\n"), std::string::npos) << gnuplot_data(f);
  // Without a right-axis series nothing about y2 is written.
  Figure left = f;
  left.series.pop_back();
  EXPECT_EQ(gnuplot_script(left, "d", "o").find("\nset y2"), std::string::npos);
  Figure bad = f;
  bad.series[0].labels.pop_back();
  EXPECT_THROW(gnuplot_data(bad), Error);
}

TEST(RenderSvg, DrawsTheRightAxisAndThePointLabels) {
  SKIP_WITHOUT_GNUPLOT();
  const fs::path dir = fresh_dir("two_axes");
  const RenderResult r = render_svg(two_axes(), dir / "fig.svg");
  ASSERT_TRUE(r.rendered()) << r.message;
  const std::string svg = read_file(dir / "fig.svg");
  EXPECT_EQ(xml_problem(svg), "");
  for (const std::string text : {"learning rate", "norm", "one", "twenty", "ten 'x'", "lr", "||g||"})
    EXPECT_TRUE(has_text(svg, text)) << text;
}

TEST(RenderSvg, DrawsWellFormedSvgWithEverySeriesAndLeavesNothingElse) {
  SKIP_WITHOUT_GNUPLOT();
  const fs::path dir = fresh_dir("render");
  const Figure f = every_style();
  const RenderResult r = render_svg(f, dir / "fig.svg");
  ASSERT_TRUE(r.rendered()) << r.message;
  const std::string svg = read_file(dir / "fig.svg");
  EXPECT_EQ(xml_problem(svg), "");
  EXPECT_EQ(plot_groups(svg), 5);
  for (const auto& s : f.series) {
    if (!s.title.empty()) {
      EXPECT_TRUE(has_text(svg, s.title)) << s.title;
    }
  }
  EXPECT_TRUE(has_text(svg, f.title));
  EXPECT_TRUE(has_text(svg, "budget (epochs)"));
  EXPECT_EQ(files_in(dir), std::set<std::string>{"fig.svg"}) << "temporary files and sources must be gone";
}

TEST(RenderSvg, KeepsSourcesWhenAskedAndTheyRenderAgain) {
  SKIP_WITHOUT_GNUPLOT();
  const fs::path dir = fresh_dir("keep");
  RenderOptions opt;
  opt.keep_sources = true;
  const RenderResult r = render_svg(every_style(), dir / "fig.svg", opt);
  ASSERT_TRUE(r.rendered()) << r.message;
  EXPECT_EQ(files_in(dir), (std::set<std::string>{"fig.svg", "fig.gp", "fig.dat"}));
  const std::string first = read_file(dir / "fig.svg");
  fs::remove(dir / "fig.svg");
  ASSERT_EQ(std::system(("cd '" + dir.string() + "' && gnuplot fig.gp").c_str()), 0);
  EXPECT_EQ(read_file(dir / "fig.svg"), first);
}

/// Three panels in two columns: the first two share a legend below, the second hides its y tics.
Figure three_panels() {
  Figure f;
  f.title = "grid of three";
  f.columns = 2;
  f.legend = "below";
  f.width = 900;
  f.height = 700;
  for (int p = 0; p < 3; ++p) {
    Figure panel;
    panel.title = "panel " + std::to_string(p);
    panel.x = {"x", 0.0, 10.0, false};
    panel.y = {"y", 0.0, 1.0, false};
    panel.y.tic_labels = p != 1;
    Series s = line("series of panel " + std::to_string(p), {1, 5, 9}, {0.1 * p, 0.5, 0.9});
    s.style = SeriesStyle::points;
    s.point_type = 5;
    panel.series.push_back(s);
    if (p == 0) panel.series.push_back(line("second", {1, 9}, {0.9, 0.1}));
    f.panels.push_back(panel);
  }
  return f;
}

TEST(GnuplotScript, GridDrawsEveryPanelInOneMultiplotWithOneLegend) {
  const Figure f = three_panels();
  const std::string s = gnuplot_script(f, "g.dat", "g.svg");
  EXPECT_NE(s.find("set multiplot layout 2,2 rowsfirst title 'grid of three' margins "), std::string::npos) << s;
  EXPECT_NE(s.find("unset multiplot"), std::string::npos);
  for (const std::string t : {"panel 0", "panel 1", "panel 2"})
    EXPECT_NE(s.find("set title '" + t + "'"), std::string::npos) << t;
  // The data blocks run on through the panels: 0 and 1 in the first, 2 and 3 in the others.
  for (const std::string b : {"index 0 using", "index 1 using", "index 2 using", "index 3 using"})
    EXPECT_NE(s.find(b), std::string::npos) << b;
  EXPECT_EQ(s.find("index 4 using"), std::string::npos);
  EXPECT_NE(s.find("pt 5 ps"), std::string::npos);
  // One legend, under the grid, from the panel with the most entries (the first); the others none.
  std::size_t keys = 0, unset = 0;
  for (std::size_t at = 0; (at = s.find("set key at screen", at)) != std::string::npos; ++at) ++keys;
  for (std::size_t at = 0; (at = s.find("unset key", at)) != std::string::npos; ++at) ++unset;
  EXPECT_EQ(keys, 1u);
  EXPECT_EQ(unset, 2u);
  EXPECT_LT(s.find("set key at screen"), s.find("set title 'panel 1'"));
  EXPECT_NE(s.find("set format y ''"), std::string::npos) << "panel 1 hides its y tic labels";
  const std::string d = gnuplot_data(f);
  EXPECT_NE(d.find("# [3] panel 2: series of panel 2"), std::string::npos) << d;

  Figure nested = f;
  nested.panels[1].panels.push_back(f.panels[0]);
  EXPECT_THROW(gnuplot_script(nested, "d", "o"), Error);
  Figure no_columns = f;
  no_columns.columns = 0;
  EXPECT_THROW(gnuplot_script(no_columns, "d", "o"), Error);
  Figure empty_panel = f;
  empty_panel.panels[2].series.clear();
  EXPECT_THROW(gnuplot_data(empty_panel), Error);
}

TEST(GnuplotScript, AxisWithMaxTicsGetsARoundStep) {
  Figure f = every_style();
  f.x = {"x", 0.0, 0.9, false};
  f.x.max_tics = 4;
  f.y.max_tics = 0;
  const std::string s = gnuplot_script(f, "d", "o");
  EXPECT_NE(s.find("set xtics 0.25\n"), std::string::npos) << s;  // 0.9 / 4 = 0.225 -> 0.25
  f.x = {"x", 1e12, 1e16, true};
  f.x.max_tics = 2;
  EXPECT_NE(gnuplot_script(f, "d", "o").find("set xtics 1e+12, 100\n"), std::string::npos);
  f.x = {"x", 100000.0, 400000.0, false};
  EXPECT_NE(gnuplot_script(f, "d", "o").find("set format x '%.1e'"), std::string::npos);
}

/// Width and height of a PNG from its IHDR chunk (big-endian at bytes 16 and 20).
std::pair<unsigned, unsigned> png_size(const std::string& png) {
  auto at = [&](std::size_t i) {
    unsigned v = 0;
    for (std::size_t k = 0; k < 4; ++k) v = (v << 8) | static_cast<unsigned char>(png[i + k]);
    return v;
  };
  return {at(16), at(20)};
}

TEST(RenderSvg, WritesAPngAtThreeTimesTheSizeAndAPdfBesideTheSvgDeterministically) {
  SKIP_WITHOUT_GNUPLOT();
  const fs::path dir = fresh_dir("formats");
  Figure f = three_panels();
  RenderOptions formats;
  formats.png = formats.pdf = true;
  const RenderResult r = render_svg(f, dir / "g.svg", formats);
  ASSERT_TRUE(r.rendered()) << r.message;
  EXPECT_EQ(r.png, dir / "g.png");
  EXPECT_EQ(r.pdf, dir / "g.pdf");
  const std::string svg = read_file(dir / "g.svg"), png = read_file(dir / "g.png"), pdf = read_file(dir / "g.pdf");
  EXPECT_EQ(xml_problem(svg), "");
  for (const std::string t : {"grid of three", "panel 0", "panel 1", "panel 2", "series of panel 0", "second"})
    EXPECT_TRUE(has_text(svg, t)) << t;
  EXPECT_FALSE(has_text(svg, "series of panel 1")) << "only the first panel's legend is drawn";
  ASSERT_GT(png.size(), 24u);
  EXPECT_EQ(png.substr(1, 3), "PNG");
  EXPECT_EQ(png_size(png), std::make_pair(3u * 900u, 3u * 700u)) << "300 dpi at 100 SVG pixels to the inch";
  EXPECT_EQ(pdf.rfind("%PDF", 0), 0u);
  EXPECT_NE(pdf.find("/CreationDate (D:19700101000000"), std::string::npos);
  // Drawn again: the same bytes in every format.
  const RenderResult again = render_svg(f, dir / "g.svg", formats);
  ASSERT_TRUE(again.rendered());
  EXPECT_EQ(read_file(dir / "g.svg"), svg);
  EXPECT_EQ(read_file(dir / "g.png"), png);
  EXPECT_EQ(read_file(dir / "g.pdf"), pdf);
  EXPECT_EQ(files_in(dir), (std::set<std::string>{"g.svg", "g.png", "g.pdf"}));
}

TEST(RenderSvg, ReplacesAnExistingFileWhole) {
  SKIP_WITHOUT_GNUPLOT();
  const fs::path dir = fresh_dir("replace");
  write_file_atomic(dir / "fig.svg", "old");
  ASSERT_TRUE(render_svg(every_style(), dir / "fig.svg").rendered());
  EXPECT_EQ(xml_problem(read_file(dir / "fig.svg")), "");
}

TEST(RenderSvg, MissingGnuplotKeepsScriptAndDataAndSaysHowToRender) {
  const fs::path dir = fresh_dir("missing");
  RenderOptions opt;
  opt.gnuplot = "nasrank-test-no-such-gnuplot";
  RenderResult r;
  ASSERT_NO_THROW(r = render_svg(every_style(), dir / "fig.svg", opt));
  EXPECT_EQ(r.status, RenderStatus::gnuplot_missing);
  EXPECT_EQ(files_in(dir), (std::set<std::string>{"fig.gp", "fig.dat"}));
  EXPECT_EQ(r.script, dir / "fig.gp");
  EXPECT_EQ(r.message.find('\n'), std::string::npos) << r.message;
  EXPECT_NE(r.message.find("gnuplot-nox"), std::string::npos) << r.message;
  EXPECT_NE(r.message.find("fig.gp"), std::string::npos) << r.message;
  EXPECT_EQ(read_file(dir / "fig.dat"), gnuplot_data(every_style()));
  // Following the advice with the real gnuplot gives the figure.
  if (gnuplot_installed()) {
    ASSERT_EQ(std::system(("cd '" + dir.string() + "' && gnuplot fig.gp").c_str()), 0);
    EXPECT_EQ(xml_problem(read_file(dir / "fig.svg")), "");
  }
}

TEST(RenderSvg, FailingGnuplotIsReportedWithItsErrorNotThrown) {
  const fs::path dir = fresh_dir("failing");
  const fs::path fake = dir / "bin" / "fake-gnuplot";
  write_file_atomic(fake, "#!/bin/sh\necho '         line 12: undefined variable: nonsense' >&2\nexit 1\n");
  fs::permissions(fake, fs::perms::owner_all);
  RenderOptions opt;
  opt.gnuplot = fake.string();
  const RenderResult r = render_svg(every_style(), dir / "out" / "fig.svg", opt);
  EXPECT_EQ(r.status, RenderStatus::gnuplot_failed);
  EXPECT_NE(r.message.find("undefined variable: nonsense"), std::string::npos) << r.message;
  EXPECT_EQ(files_in(dir / "out"), (std::set<std::string>{"fig.gp", "fig.dat"}));
}

TEST(RenderSvg, RefusesAnOutputThatWouldCollideWithItsSources) {
  EXPECT_THROW(render_svg(every_style(), fresh_dir("collide") / "fig.gp"), Error);
}

}  // namespace
}  // namespace nasrank::reports
