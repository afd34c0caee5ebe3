// gnuplot figures: the data and script text against hand-written expectations, real rendering to
// SVG checked for well-formed XML, and the fallbacks when gnuplot is missing or fails.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "nasrank/core/error.h"
#include "nasrank/core/files.h"
#include "nasrank/reports/gnuplot.h"

namespace nasrank::reports {
namespace {
namespace fs = std::filesystem;

fs::path fresh_dir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("nasrank_gnuplot_test_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

bool gnuplot_installed() { return std::system("gnuplot --version > /dev/null 2>&1") == 0; }

#define SKIP_WITHOUT_GNUPLOT() \
  if (!gnuplot_installed()) GTEST_SKIP() << "gnuplot is not installed (Debian: gnuplot-nox)"

std::set<std::string> files_in(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
  return names;
}

// A small XML well-formedness check: declarations, comments, CDATA, balanced and properly nested
// elements with quoted attributes, one root, and '&' only in entity references. Returns "" when
// well-formed, else what is wrong.
std::string xml_problem(const std::string& x) {
  std::vector<std::string> open;
  int roots = 0;
  std::size_t i = 0;
  auto text_ok = [&](std::size_t from, std::size_t to) -> bool {
    static const std::regex entity("&(#[0-9]+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);");
    for (std::size_t k = from; k < to; ++k) {
      if (x[k] != '&') continue;
      std::smatch m;
      const std::string rest = x.substr(k, std::min<std::size_t>(16, to - k));
      if (!std::regex_search(rest, m, entity) || m.position(0) != 0) return false;
    }
    return true;
  };
  while (i < x.size()) {
    const std::size_t lt = x.find('<', i);
    const std::size_t text_end = lt == std::string::npos ? x.size() : lt;
    if (!text_ok(i, text_end)) return "bad '&' in text near offset " + std::to_string(i);
    if (open.empty() && x.substr(i, text_end - i).find_first_not_of(" \t\r\n") != std::string::npos)
      return "text outside the root element at offset " + std::to_string(i);
    if (lt == std::string::npos) break;
    if (x.compare(lt, 4, "<!--") == 0) {
      const std::size_t end = x.find("-->", lt);
      if (end == std::string::npos) return "unterminated comment";
      i = end + 3;
    } else if (x.compare(lt, 9, "<![CDATA[") == 0) {
      const std::size_t end = x.find("]]>", lt);
      if (end == std::string::npos) return "unterminated CDATA";
      i = end + 3;
    } else if (x.compare(lt, 2, "<?") == 0 || x.compare(lt, 2, "<!") == 0) {
      const std::size_t end = x.find('>', lt);
      if (end == std::string::npos) return "unterminated declaration";
      i = end + 1;
    } else {
      // A tag: scan to its '>' outside quotes.
      std::size_t k = lt + 1;
      char quote = 0;
      for (; k < x.size(); ++k) {
        if (quote) {
          if (x[k] == quote) quote = 0;
          else if (x[k] == '<') return "'<' inside an attribute value";
        } else if (x[k] == '"' || x[k] == '\'') {
          quote = x[k];
        } else if (x[k] == '>') {
          break;
        }
      }
      if (k >= x.size()) return "unterminated tag at offset " + std::to_string(lt);
      std::string tag = x.substr(lt + 1, k - lt - 1);
      const bool closing = !tag.empty() && tag[0] == '/';
      const bool self_closing = !tag.empty() && tag.back() == '/';
      const std::string body = closing ? tag.substr(1) : tag;
      const std::string name = body.substr(0, body.find_first_of(" \t\r\n/"));
      if (name.empty()) return "empty tag name at offset " + std::to_string(lt);
      if (closing) {
        if (open.empty() || open.back() != name)
          return "</" + name + "> closes " + (open.empty() ? std::string("nothing") : "<" + open.back() + ">");
        open.pop_back();
      } else {
        if (open.empty()) ++roots;
        if (!self_closing) open.push_back(name);
      }
      i = k + 1;
    }
  }
  if (!open.empty()) return "<" + open.back() + "> is never closed";
  if (roots != 1) return std::to_string(roots) + " root elements";
  return "";
}

bool has_text(const std::string& svg, const std::string& text) {
  std::string escaped;
  for (char c : text) {
    if (c == '&') escaped += "&amp;";
    else if (c == '<') escaped += "&lt;";
    else escaped += c;
  }
  return svg.find(">" + text + "<") != std::string::npos || svg.find(">" + escaped + "<") != std::string::npos;
}

int plot_groups(const std::string& svg) {
  std::set<std::string> ids;
  static const std::regex group("id=\"gnuplot_plot_([0-9]+)\"");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), group); it != std::sregex_iterator(); ++it)
    ids.insert((*it)[1]);
  return static_cast<int>(ids.size());
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
  EXPECT_NE(s.find("if (!exists(\"outfile\")) outfile = 'fig.svg'"), std::string::npos) << s;
  EXPECT_NE(s.find("set xlabel 'budget (epochs)'"), std::string::npos);
  EXPECT_NE(s.find("set xrange [1:200]"), std::string::npos);
  EXPECT_NE(s.find("set yrange [-1:1]"), std::string::npos);
  EXPECT_NE(s.find("set logscale x"), std::string::npos);
  EXPECT_EQ(s.find("set logscale y"), std::string::npos);
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

// --- the first figure of the CLI: nasrank schedules --format svg ---

struct CliRun {
  int code = -1;
  std::string out;
  std::string err;
};

CliRun run_cli(const std::string& args, const std::string& env = "") {
  const fs::path err = fs::temp_directory_path() / ("nasrank_gnuplot_test_stderr_" + std::to_string(::getpid()));
  const std::string cmd = (env.empty() ? "" : "env " + env + " ") + "'" + NASRANK_BINARY + "' " + args + " 2>'" +
                          err.string() + "'";
  CliRun r;
  FILE* pipe = ::popen(cmd.c_str(), "r");
  if (!pipe) return r;
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) r.out.append(buf, n);
  const int status = ::pclose(pipe);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.err = read_file(err);
  fs::remove(err);
  return r;
}

TEST(SchedulesFigure, SvgHasTitleAxesAndEverySeries) {
  SKIP_WITHOUT_GNUPLOT();
  const fs::path dir = fresh_dir("cli");
  const std::string names = "linear,cosine:eta=0.1,step-d2,exp:gamma=0.97";
  const auto r = run_cli("schedules --names '" + names + "' --points 51 --format svg --out '" +
                         (dir / "f.svg").string() + "'");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  const std::string svg = read_file(dir / "f.svg");
  EXPECT_EQ(xml_problem(svg), "");
  EXPECT_EQ(plot_groups(svg), 4);
  for (const std::string name : {"linear", "cosine:eta=0.1", "step-d2", "exp:gamma=0.97"})
    EXPECT_TRUE(has_text(svg, name)) << name;
  EXPECT_TRUE(has_text(svg, "training progress p = t/T"));
  EXPECT_TRUE(has_text(svg, "learning-rate ratio lr/lr0"));
  EXPECT_NE(svg.find("Learning-rate schedules"), std::string::npos);
  EXPECT_EQ(files_in(dir), std::set<std::string>{"f.svg"});
}

TEST(SchedulesFigure, WithoutGnuplotTheCommandKeepsTheSourcesAndSucceeds) {
  const fs::path dir = fresh_dir("cli_missing");
  const auto r = run_cli("schedules --names linear --points 3 --format svg --out '" + (dir / "f.svg").string() + "'",
                         "PATH=/nonexistent");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(files_in(dir), (std::set<std::string>{"f.gp", "f.dat"}));
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_NE(r.err.find("gnuplot"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace nasrank::reports
