// Figure -> gnuplot script and data -> SVG. gnuplot runs as a child process (posix_spawnp, no
// shell), with its output captured so a failure can be reported in one line.
#include "nasrank/reports/gnuplot.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <set>
#include <sstream>

#include "nasrank/core/error.h"
#include "nasrank/core/files.h"
#include "nasrank/core/log.h"

extern char** environ;

namespace nasrank::reports {
namespace fs = std::filesystem;

namespace {

bool uses_bounds(SeriesStyle s) { return s == SeriesStyle::band || s == SeriesStyle::error_bars; }
bool uses_y(SeriesStyle s) { return s != SeriesStyle::band; }

std::string number(double v) {
  if (std::isnan(v)) return "NaN";
  NASRANK_CHECK(std::isfinite(v), "a figure cannot plot an infinite value");
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

// gnuplot single-quoted strings are literal except for the quote itself, written twice.
std::string quoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "''";
    else if (c == '\n' || c == '\r') out += ' ';
    else out += c;
  }
  return out + "'";
}

std::string range(const Axis& a) {
  return "[" + (a.min ? number(*a.min) : std::string("*")) + ":" + (a.max ? number(*a.max) : std::string("*")) + "]";
}

std::string lowercase(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool is_hex_color(const std::string& c) {
  return c.size() == 7 && c[0] == '#' && c.find_first_not_of("0123456789abcdefABCDEF", 1) == std::string::npos;
}

void validate(const Figure& f) {
  NASRANK_CHECK(!f.series.empty(), "figure '", f.title, "' has no series to draw");
  NASRANK_CHECK(f.width > 0 && f.height > 0, "figure '", f.title, "': size must be positive, got ", f.width, "x",
                f.height);
  for (std::size_t i = 0; i < f.series.size(); ++i) {
    const Series& s = f.series[i];
    const std::string which = "figure '" + f.title + "', series " + std::to_string(i) + " ('" + s.title + "')";
    NASRANK_CHECK(!s.x.empty(), which, " has no points");
    if (uses_y(s.style))
      NASRANK_CHECK(s.y.size() == s.x.size(), which, ": ", s.x.size(), " x values but ", s.y.size(), " y values");
    if (uses_bounds(s.style))
      NASRANK_CHECK(s.y_low.size() == s.x.size() && s.y_high.size() == s.x.size(), which, ": ", s.x.size(),
                    " x values need as many y_low and y_high values, got ", s.y_low.size(), " and ", s.y_high.size());
    NASRANK_CHECK(s.color.empty() || is_hex_color(s.color), which, ": colour '", s.color,
                  "' is not of the form #rrggbb");
    NASRANK_CHECK(s.fill_opacity > 0 && s.fill_opacity <= 1, which, ": fill opacity must be in (0, 1]");
    NASRANK_CHECK(s.line_width > 0 && s.point_size > 0 && s.dash >= 1, which,
                  ": line width and point size must be positive and dash >= 1");
    NASRANK_CHECK(s.labels.empty() || (s.labels.size() == s.x.size() && uses_y(s.style)), which, ": ", s.labels.size(),
                  " labels for ", s.x.size(), " points (give one per point, not for a band)");
  }
  NASRANK_CHECK(f.font_size > 0, "figure '", f.title, "': font size must be positive, got ", f.font_size);
}

bool any_right_axis(const Figure& f) {
  for (const auto& s : f.series)
    if (s.right_axis) return true;
  return false;
}

// A label as a double-quoted data-file string: gnuplot has no escape for '"' there, so it becomes '.
std::string data_label(const std::string& text) {
  std::string out = "\"";
  for (char c : text) out += c == '"' ? '\'' : (c == '\n' || c == '\r') ? ' ' : c;
  return out + "\"";
}

std::string tics(const std::vector<double>& values) {
  std::string out = "(";
  for (std::size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + number(values[i]);
  return out + ")";
}

// Label, range and scale of one axis ("x", "y", "y2").
void axis_commands(std::ostringstream& os, const std::string& name, const Axis& a) {
  os << "set " << name << "label " << quoted(a.label) << "\n"
     << "set " << name << "range " << range(a) << "\n";
  // %g keeps decades short on a log axis (1e-06 ... 0.01, 0.1, 1, 10) where the default prints 0.0000010.
  if (a.log) os << "set logscale " << name << "\nset format " << name << " \"%g\"\n";
}

std::string plot_clause(const Series& s, std::size_t index, const std::string& color) {
  std::ostringstream os;
  os << "datafile index " << index;
  const std::string lc = " lc rgb " + quoted(color);
  char lw[64];
  std::snprintf(lw, sizeof lw, " lw %g dt %d", s.line_width, s.dash);
  char ps[32];
  std::snprintf(ps, sizeof ps, " pt 7 ps %g", s.point_size);
  switch (s.style) {
    case SeriesStyle::lines:
      os << " using 1:2 with lines" << lw << lc;
      break;
    case SeriesStyle::points:
      os << " using 1:2 with points" << ps << lc;
      break;
    case SeriesStyle::linespoints:
      os << " using 1:2 with linespoints" << lw << ps << lc;
      break;
    case SeriesStyle::steps:
      os << " using 1:2 with steps" << lw << lc;
      break;
    case SeriesStyle::band: {
      char fill[64];
      std::snprintf(fill, sizeof fill, " fill transparent solid %g noborder", s.fill_opacity);
      os << " using 1:3:4 with filledcurves" << fill << lc;
      break;
    }
    case SeriesStyle::error_bars:
      os << " using 1:2:3:4 with yerrorbars" << lw << ps << lc;
      break;
  }
  if (s.right_axis) os << " axes x1y2";
  os << (s.title.empty() ? " notitle" : " title " + quoted(s.title));
  if (!s.labels.empty()) {
    const int column = uses_bounds(s.style) ? 5 : 3;
    os << ", \\\n     datafile index " << index << " using 1:2:" << column
       << (s.labels_left ? " with labels right offset char -0.6,0.5" : " with labels left offset char 0.6,0.5")
       << " tc rgb " << quoted(color) << (s.right_axis ? " axes x1y2" : "") << " notitle";
  }
  return os.str();
}

// --- running gnuplot ---

struct RunOutcome {
  bool started = false;
  int start_errno = 0;
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

RunOutcome run_captured(const std::vector<std::string>& argv) {
  RunOutcome r;
  int fds[2];
  NASRANK_CHECK(::pipe2(fds, O_CLOEXEC) == 0, "cannot create a pipe to run gnuplot: ", std::strerror(errno));
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 2);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  const int rc = ::posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(fds[1]);
  if (rc != 0) {
    ::close(fds[0]);
    r.start_errno = rc;
    return r;
  }
  r.started = true;
  char buf[4096];
  for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) != 0;) {
    if (n < 0) {
      if (errno == EINTR) continue;
      break;
    }
    r.output.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

std::string first_line_with(const std::string& text, const std::string& word) {
  std::istringstream in(text);
  std::string line, first;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t^") == std::string::npos) continue;
    if (first.empty()) first = line;
    if (line.find(word) != std::string::npos) return line;
  }
  return first;
}

fs::path temp_beside(const fs::path& target) {
  static std::atomic<unsigned> counter{0};
  return target.parent_path() /
         ("." + target.filename().string() + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter++));
}

void rename_or_throw(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  fs::rename(from, to, ec);
  NASRANK_CHECK(!ec, "cannot move ", from.string(), " to ", to.string(), ": ", ec.message());
}

void remove_quietly(const fs::path& p) {
  std::error_code ec;
  fs::remove(p, ec);
}

bool complete_svg(const fs::path& p) {
  std::error_code ec;
  if (!fs::exists(p, ec) || fs::file_size(p, ec) == 0) return false;
  const std::string text = read_file(p);
  return text.find("<svg") != std::string::npos && text.rfind("</svg>") != std::string::npos;
}

}  // namespace

std::string palette_color(std::size_t k) {
  static const char* const colors[] = {"#0072b2", "#d55e00", "#009e73", "#cc79a7",
                                       "#e69f00", "#56b4e9", "#000000", "#f0e442"};
  return colors[k % (sizeof colors / sizeof colors[0])];
}

std::string gnuplot_data(const Figure& figure) {
  validate(figure);
  std::ostringstream os;
  for (std::size_t i = 0; i < figure.series.size(); ++i) {
    const Series& s = figure.series[i];
    if (i) os << "\n\n";
    os << "# [" << i << "] " << s.title << "\n";
    for (std::size_t j = 0; j < s.x.size(); ++j) {
      os << number(s.x[j]) << ' ' << (uses_y(s.style) ? number(s.y[j]) : "NaN");
      if (uses_bounds(s.style)) os << ' ' << number(s.y_low[j]) << ' ' << number(s.y_high[j]);
      if (!s.labels.empty()) os << ' ' << data_label(s.labels[j]);
      os << '\n';
    }
  }
  return os.str();
}

std::string gnuplot_script(const Figure& figure, const std::string& data_name, const std::string& svg_name) {
  validate(figure);
  std::ostringstream os;
  os << "# " << (figure.title.empty() ? "figure" : figure.title) << "\n"
     << "# Draw it with gnuplot (Debian: gnuplot-nox) from this directory: gnuplot <this file>\n"
     << "if (!exists(\"datafile\")) datafile = " << quoted(data_name) << "\n"
     << "if (!exists(\"outfile\")) outfile = " << quoted(svg_name) << "\n"
     << "set terminal svg size " << figure.width << "," << figure.height << " fixed noenhanced font 'sans-serif,"
     << figure.font_size << "' background '#ffffff'\n"
     << "set output outfile\n"
     << "set encoding utf8\n";
  if (!figure.title.empty()) os << "set title " << quoted(figure.title) << "\n";
  axis_commands(os, "x", figure.x);
  if (!figure.x_tics.empty()) os << "set xtics " << tics(figure.x_tics) << "\n";
  axis_commands(os, "y", figure.y);
  if (any_right_axis(figure)) {
    axis_commands(os, "y2", figure.y2);
    os << "set ytics nomirror\nset y2tics\n";
  }
  if (figure.grid) os << "set grid lc rgb '#d0d0d0' lw 1\n";
  if (figure.legend == "off") os << "unset key\n";
  // A legend under or over the plot needs no box, and gnuplot's box there would cross the x label.
  else if (figure.legend.rfind("below", 0) == 0 || figure.legend.rfind("above", 0) == 0)
    os << "set key " << figure.legend << " Left reverse samplen 2.5 spacing 1.1\n";
  else os << "set key " << figure.legend << " Left reverse opaque box lc rgb '#bbbbbb' samplen 2.5 spacing 1.1\n";
  os << "plot ";
  // Automatic colours skip those given explicitly, so a chosen colour stays unique to its series.
  std::set<std::string> taken;
  for (const auto& s : figure.series) taken.insert(lowercase(s.color));
  std::size_t next = 0;
  auto automatic = [&] {
    for (std::size_t tries = 0; tries < 8 && taken.count(palette_color(next)); ++tries) ++next;
    return palette_color(next++);
  };
  for (std::size_t i = 0; i < figure.series.size(); ++i) {
    const Series& s = figure.series[i];
    const std::string color = s.color.empty() ? automatic() : s.color;
    os << (i ? ", \\\n     " : "") << plot_clause(s, i, color);
  }
  os << "\nset output\n";
  return os.str();
}

RenderResult render_svg(const Figure& figure, const fs::path& svg, const RenderOptions& options) {
  RenderResult result;
  result.svg = svg;
  result.script = fs::path(svg).replace_extension(".gp");
  result.data = fs::path(svg).replace_extension(".dat");
  NASRANK_CHECK(!svg.filename().empty() && result.script != svg && result.data != svg, "cannot draw a figure into '",
                svg.string(), "': give a file name ending in .svg");
  const std::string data = gnuplot_data(figure);
  const std::string script = gnuplot_script(figure, result.data.filename().string(), svg.filename().string());

  // Everything is written under temporary names first; only complete files get the real names.
  const fs::path tmp_data = temp_beside(result.data), tmp_script = temp_beside(result.script);
  const fs::path tmp_svg = temp_beside(svg);
  write_file_atomic(tmp_data, data);
  write_file_atomic(tmp_script, script);
  auto keep_sources = [&] {
    rename_or_throw(tmp_data, result.data);
    rename_or_throw(tmp_script, result.script);
  };
  const std::string render_hint = "cd '" + fs::absolute(svg).parent_path().string() + "' && " + options.gnuplot + " " +
                                  result.script.filename().string();

  const RunOutcome run = run_captured(
      {options.gnuplot, "-e",
       "datafile=" + quoted(fs::absolute(tmp_data).string()) + "; outfile=" + quoted(fs::absolute(tmp_svg).string()),
       fs::absolute(tmp_script).string()});
  if (!run.started) {
    keep_sources();
    result.status = RenderStatus::gnuplot_missing;
    result.message = "cannot run '" + options.gnuplot + "' (" + std::strerror(run.start_errno) + "): kept " +
                     result.script.string() + " and " + result.data.string() + "; to draw " + svg.string() +
                     ", install gnuplot (Debian: gnuplot-nox) and run: " + render_hint;
    if (options.log) LOG_WARN(result.message);
    return result;
  }
  if (run.exit_code != 0 || !complete_svg(tmp_svg)) {
    remove_quietly(tmp_svg);
    keep_sources();
    result.status = RenderStatus::gnuplot_failed;
    const std::string why = first_line_with(run.output, "rror");
    result.message = "gnuplot failed (exit " + std::to_string(run.exit_code) + ")" +
                     (why.empty() ? std::string() : ": " + why) + "; kept " + result.script.string() + " and " +
                     result.data.string() + " to look into (" + render_hint + ")";
    if (options.log) LOG_WARN(result.message);
    return result;
  }
  if (const std::string said = first_line_with(run.output, "arning"); !said.empty()) LOG_WARN("gnuplot: ", said);
  rename_or_throw(tmp_svg, svg);
  if (options.keep_sources) {
    keep_sources();
  } else {
    remove_quietly(tmp_data);
    remove_quietly(tmp_script);
  }
  if (options.log) LOG_INFO("wrote ", svg.string());
  return result;
}

}  // namespace nasrank::reports
