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

void validate_panel(const Figure& f, const std::string& where) {
  NASRANK_CHECK(!f.series.empty(), where, " has no series to draw");
  for (std::size_t i = 0; i < f.series.size(); ++i) {
    const Series& s = f.series[i];
    const std::string which = where + ", series " + std::to_string(i) + " ('" + s.title + "')";
    NASRANK_CHECK(!s.x.empty(), which, " has no points");
    if (uses_y(s.style))
      NASRANK_CHECK(s.y.size() == s.x.size(), which, ": ", s.x.size(), " x values but ", s.y.size(), " y values");
    if (uses_bounds(s.style))
      NASRANK_CHECK(s.y_low.size() == s.x.size() && s.y_high.size() == s.x.size(), which, ": ", s.x.size(),
                    " x values need as many y_low and y_high values, got ", s.y_low.size(), " and ", s.y_high.size());
    NASRANK_CHECK(s.color.empty() || is_hex_color(s.color), which, ": colour '", s.color,
                  "' is not of the form #rrggbb");
    NASRANK_CHECK(s.fill_opacity > 0 && s.fill_opacity <= 1, which, ": fill opacity must be in (0, 1]");
    NASRANK_CHECK(s.line_width > 0 && s.point_size > 0 && s.dash >= 1 && s.point_type >= 0, which,
                  ": line width and point size must be positive, dash >= 1 and point type >= 0");
    NASRANK_CHECK(s.labels.empty() || (s.labels.size() == s.x.size() && uses_y(s.style)), which, ": ", s.labels.size(),
                  " labels for ", s.x.size(), " points (give one per point, not for a band)");
    NASRANK_CHECK(s.style != SeriesStyle::text || !s.labels.empty(), which, ": a text series needs its labels");
  }
}

void validate(const Figure& f) {
  NASRANK_CHECK(f.width > 0 && f.height > 0, "figure '", f.title, "': size must be positive, got ", f.width, "x",
                f.height);
  NASRANK_CHECK(f.font_size > 0, "figure '", f.title, "': font size must be positive, got ", f.font_size);
  NASRANK_CHECK(f.x_tic_labels.empty() || f.x_tic_labels.size() == f.x_tics.size(), "figure '", f.title,
                "': ", f.x_tic_labels.size(), " x tic labels for ", f.x_tics.size(), " tics");
  if (f.panels.empty()) return validate_panel(f, "figure '" + f.title + "'");
  NASRANK_CHECK(f.columns >= 1, "figure '", f.title, "': a grid needs at least one column, got ", f.columns);
  for (std::size_t p = 0; p < f.panels.size(); ++p) {
    NASRANK_CHECK(f.panels[p].panels.empty(), "figure '", f.title, "', panel ", p, ": panels cannot hold panels");
    validate_panel(f.panels[p],
                   "figure '" + f.title + "', panel " + std::to_string(p) + " ('" + f.panels[p].title + "')");
  }
}

/// The figure's panels: itself when it is not a grid.
std::vector<const Figure*> panels_of(const Figure& f) {
  std::vector<const Figure*> out;
  if (f.panels.empty()) out.push_back(&f);
  for (const auto& p : f.panels) out.push_back(&p);
  return out;
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

std::string tics(const std::vector<double>& values, const std::vector<std::string>& labels) {
  std::string out = "(";
  for (std::size_t i = 0; i < values.size(); ++i)
    out += (i ? ", " : "") + (labels.empty() ? std::string() : quoted(labels[i]) + " ") + number(values[i]);
  return out + ")";
}

// Label, range, scale and tic labels of one axis ("x", "y", "y2"), stated in full: the panels of
// a grid follow one another in one gnuplot session and must not inherit each other's settings.
void axis_commands(std::ostringstream& os, const std::string& name, const Axis& a) {
  os << "set " << name << "label " << quoted(a.label) << "\n"
     << "set " << name << "range " << range(a) << "\n";
  // %g keeps decades short on a log axis (1e-06 ... 0.01, 0.1, 1, 10) where the default prints 0.0000010.
  if (a.log) os << "set logscale " << name << "\n";
  else os << "unset logscale " << name << "\n";
  const bool big = std::max(std::abs(a.min.value_or(0)), std::abs(a.max.value_or(0))) >= 1e5;
  if (!a.tic_labels) os << "set format " << name << " ''\n";
  else if (a.log) os << "set format " << name << " \"%g\"\n";
  else if (big) os << "set format " << name << " '%.1e'\n";  // 150000 and 250000 need not crowd a small plot
  else os << "set format " << name << " '% h'\n";
  if (a.max_tics > 0 && a.min && a.max && *a.max > *a.min) {
    if (a.log && *a.min > 0) {
      const double decades = std::log10(*a.max / *a.min);
      const double factor = std::pow(10.0, std::max(1.0, std::ceil(decades / a.max_tics)));
      os << "set " << name << "tics " << number(std::pow(10.0, std::floor(std::log10(*a.min)))) << ", "
         << number(factor) << "\n";
    } else if (!a.log) {
      // A step of 1, 2, 2.5 or 5 times a power of ten, the smallest that keeps to max_tics.
      const double raw = (*a.max - *a.min) / a.max_tics, power = std::pow(10.0, std::floor(std::log10(raw)));
      double step = 10 * power;
      for (double m : {1.0, 2.0, 2.5, 5.0})
        if (m * power >= raw) {
          step = m * power;
          break;
        }
      os << "set " << name << "tics " << number(step) << "\n";
    }
  }
}

std::string plot_clause(const Series& s, std::size_t index, const std::string& color) {
  std::ostringstream os;
  os << "datafile index " << index;
  const std::string lc = " lc rgb " + quoted(color);
  char lw[64];
  std::snprintf(lw, sizeof lw, " lw %g dt %d", s.line_width, s.dash);
  char ps[48];
  std::snprintf(ps, sizeof ps, " pt %d ps %g", s.point_type, s.point_size);
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
    case SeriesStyle::text:
      os << " using 1:2:3 with labels center tc rgb " << quoted(color) << (s.right_axis ? " axes x1y2" : "")
         << " notitle";
      return os.str();
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

/// A PNG or PDF that gnuplot finished: it starts with the format's signature and, for a PDF,
/// ends with its trailer.
bool complete_file(const fs::path& p, const std::string& term) {
  std::error_code ec;
  if (!fs::exists(p, ec) || fs::file_size(p, ec) == 0) return false;
  const std::string bytes = read_file(p);
  if (term == "png") return bytes.rfind("\x89PNG", 0) == 0 && bytes.find("IEND") != std::string::npos;
  return bytes.rfind("%PDF", 0) == 0 && bytes.find("%%EOF") != std::string::npos;
}

/// cairo stamps a PDF with the time it was drawn; the report is byte-deterministic, so the stamp
/// becomes 1970-01-01 in place (same length: the cross-reference offsets stay valid).
void fix_pdf_date(const fs::path& p) {
  std::string bytes = read_file(p);
  const std::string key = "/CreationDate (D:";
  const std::size_t at = bytes.find(key);
  if (at == std::string::npos || at + key.size() + 14 > bytes.size()) return;
  const std::size_t from = at + key.size();
  for (std::size_t i = 0; i < 14; ++i)
    if (!std::isdigit(static_cast<unsigned char>(bytes[from + i]))) return;
  bytes.replace(from, 14, "19700101000000");
  write_file_atomic(p, bytes);
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
  std::size_t block = 0;
  const auto panels = panels_of(figure);
  for (std::size_t p = 0; p < panels.size(); ++p)
    for (const Series& s : panels[p]->series) {
      if (block) os << "\n\n";
      os << "# [" << block++ << "] " << (figure.panels.empty() ? "" : "panel " + std::to_string(p) + ": ") << s.title
         << "\n";
      for (std::size_t j = 0; j < s.x.size(); ++j) {
        os << number(s.x[j]) << ' ' << (uses_y(s.style) ? number(s.y[j]) : "NaN");
        if (uses_bounds(s.style)) os << ' ' << number(s.y_low[j]) << ' ' << number(s.y_high[j]);
        if (!s.labels.empty()) os << ' ' << data_label(s.labels[j]);
        os << '\n';
      }
    }
  return os.str();
}

namespace {

/// One plot: axes, grid, legend and the plot command of `f`'s series, whose data blocks start at
/// `first`. `key` replaces the legend command when not empty.
void plot_commands(std::ostringstream& os, const Figure& f, std::size_t first, const std::string& key) {
  os << (f.title.empty() ? std::string("unset title") : "set title " + quoted(f.title)) << "\n";
  if (!f.x_tics.empty())
    os << "set xtics " << tics(f.x_tics, f.x.tic_labels ? f.x_tic_labels : std::vector<std::string>{}) << "\n";
  else os << "set xtics autofreq\n";
  os << "set ytics autofreq\n";
  axis_commands(os, "x", f.x);
  axis_commands(os, "y", f.y);
  if (any_right_axis(f)) {
    axis_commands(os, "y2", f.y2);
    os << "set ytics nomirror\nset y2tics\n";
  } else {
    os << "set ytics mirror\nunset y2tics\nunset y2label\n";
  }
  if (f.grid) os << "set grid lc rgb '#d0d0d0' lw 1\n";
  else os << "unset grid\n";
  if (!key.empty()) os << key;
  else if (f.legend == "off") os << "unset key\n";
  // A legend under or over the plot needs no box, and gnuplot's box there would cross the x label.
  else if (f.legend.rfind("below", 0) == 0 || f.legend.rfind("above", 0) == 0)
    os << "set key " << f.legend << " Left reverse samplen 2.5 spacing 1.1 nobox\n";
  else os << "set key " << f.legend << " Left reverse opaque box lc rgb '#bbbbbb' samplen 2.5 spacing 1.1\n";
  os << "plot ";
  // Automatic colours skip those given explicitly, so a chosen colour stays unique to its series.
  std::set<std::string> taken;
  for (const auto& s : f.series) taken.insert(lowercase(s.color));
  std::size_t next = 0;
  auto automatic = [&] {
    for (std::size_t tries = 0; tries < 8 && taken.count(palette_color(next)); ++tries) ++next;
    return palette_color(next++);
  };
  for (std::size_t i = 0; i < f.series.size(); ++i) {
    const Series& s = f.series[i];
    const std::string color = s.color.empty() ? automatic() : s.color;
    os << (i ? ", \\\n     " : "") << plot_clause(s, first + i, color);
  }
  os << "\n";
}

std::string fraction(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", v);
  return buf;
}

/// A grid of panels as one multiplot with fixed margins, so that every plot area has the same size
/// and panels with equal ranges share their scales. Sizes are in units of the font, as what sits in
/// the margins is text.
void grid_commands(std::ostringstream& os, const Figure& f) {
  const std::size_t n = f.panels.size(), cols = static_cast<std::size_t>(f.columns), rows = (n + cols - 1) / cols;
  const double font = f.font_size, w = f.width, h = f.height;
  bool inner_y_tics = false, inner_y_label = false, inner_x_tics = false, inner_x_label = false, titles = false;
  for (std::size_t p = 0; p < n; ++p) {
    const Figure& panel = f.panels[p];
    titles = titles || !panel.title.empty();
    if (p % cols != 0) {
      inner_y_tics = inner_y_tics || panel.y.tic_labels;
      inner_y_label = inner_y_label || !panel.y.label.empty();
    }
    if (p / cols + 1 < rows && p + cols < n) {
      inner_x_tics = inner_x_tics || panel.x.tic_labels;
      inner_x_label = inner_x_label || !panel.x.label.empty();
    }
  }
  // The shared legend under the grid: entries of the first panel, as many to a row as fit.
  std::size_t entries = 0, widest = 0, key_panel = 0;
  const bool shared_key = f.legend.rfind("below", 0) == 0;
  for (std::size_t p = 0; shared_key && p < n; ++p) {
    std::size_t count = 0, wide = 0;
    for (const auto& s : f.panels[p].series)
      if (!s.title.empty() && s.style != SeriesStyle::text) {
        ++count;
        wide = std::max(wide, s.title.size());
      }
    if (count > entries) {
      entries = count;
      widest = wide;
      key_panel = p;
    }
  }
  // gnuplot's font size is in points: a line of text is about 4/3 of it in pixels, a character
  // about 0.6 of a line.
  const double em = font * 4.0 / 3.0;
  const double entry_px = (static_cast<double>(widest) + 4) * 0.6 * em;
  const std::size_t per_row = entries ? std::max<std::size_t>(1, static_cast<std::size_t>((w - 2 * em) / entry_px)) : 1;
  const std::size_t key_rows = entries ? (entries + per_row - 1) / per_row : 0;
  const double key_px = key_rows ? static_cast<double>(key_rows) * 1.25 * em + 0.6 * em : 0;
  const double left = 5.2 * em, right = 2.4 * em, bottom = 3.5 * em + key_px,
               top = (f.title.empty() ? 0.6 : 2.2) * em + (titles ? 1.7 * em : 0);
  const double space_x = 0.9 * em + (inner_y_tics ? 3.0 * em : 0) + (inner_y_label ? 1.5 * em : 0);
  const double space_y =
      (titles ? 2.3 * em : 0.6 * em) + (inner_x_tics ? 1.8 * em : 0) + (inner_x_label ? 1.9 * em : 0);
  os << "set multiplot layout " << rows << "," << cols << " rowsfirst"
     << (f.title.empty() ? std::string() : " title " + quoted(f.title)) << " margins " << fraction(left / w) << ","
     << fraction(1 - right / w) << "," << fraction(bottom / h) << "," << fraction(1 - top / h) << " spacing "
     << fraction(space_x / w) << "," << fraction(space_y / h) << "\n";
  std::size_t first = 0;
  for (std::size_t p = 0; p < n; ++p) {
    const Figure& panel = f.panels[p];
    std::string key;
    if (shared_key) {
      if (p == key_panel && entries)
        key = "set key at screen 0.5," + fraction((key_px - 0.3 * em) / h) + " center top vertical maxrows " +
              std::to_string(key_rows) + " Left reverse samplen 2.5 spacing 1.1 nobox noopaque\n";
      else key = "unset key\n";
    }
    plot_commands(os, panel, first, key);
    first += panel.series.size();
  }
  os << "unset multiplot\n";
}

}  // namespace

std::string gnuplot_script(const Figure& figure, const std::string& data_name, const std::string& svg_name) {
  validate(figure);
  const std::string stem = fs::path(svg_name).replace_extension().string();
  char pdf_size[64];
  std::snprintf(pdf_size, sizeof pdf_size, "%gin,%gin", figure.width / 100.0, figure.height / 100.0);
  char pdf_font[32];
  std::snprintf(pdf_font, sizeof pdf_font, "%g", 0.72 * figure.font_size);
  std::ostringstream os;
  os << "# " << (figure.title.empty() ? "figure" : figure.title) << "\n"
     << "# Draw it with gnuplot (Debian: gnuplot-nox) from this directory: gnuplot <this file>;\n"
     << "# gnuplot -e \"term='png'\" <this file> for the PNG (300 dpi), term='pdf' for the PDF.\n"
     << "if (!exists(\"datafile\")) datafile = " << quoted(data_name) << "\n"
     << "if (!exists(\"term\")) term = 'svg'\n"
     << "if (!exists(\"outfile\")) outfile = (term eq 'svg') ? " << quoted(svg_name) << " : " << quoted(stem)
     << " . '.' . term\n"
     // The PNG is the SVG at three times its pixels, the PDF the SVG at 100 pixels to the inch:
     // the same layout in every format, fonts and lines scaled with the canvas.
     << "if (term eq 'png') {\n"
     << "  set terminal pngcairo size " << 3 * figure.width << "," << 3 * figure.height << " noenhanced font 'sans,"
     << figure.font_size << "' fontscale 3 linewidth 3 pointscale 3 background '#ffffff'\n"
     << "} else {\n"
     << "  if (term eq 'pdf') {\n"
     << "    set terminal pdfcairo size " << pdf_size << " noenhanced font 'sans," << pdf_font
     << "' linewidth 1.44 pointscale 1 background '#ffffff'\n"
     << "  } else {\n"
     << "    set terminal svg size " << figure.width << "," << figure.height << " fixed noenhanced font 'sans-serif,"
     << figure.font_size << "' background '#ffffff'\n"
     << "  }\n"
     << "}\n"
     << "set output outfile\n"
     << "set encoding utf8\n";
  if (figure.panels.empty()) plot_commands(os, figure, 0, "");
  else grid_commands(os, figure);
  os << "set output\n";
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

  // The SVG first: when gnuplot is missing, that shows at once. Then the paper formats.
  struct Output {
    std::string term;
    fs::path target, tmp;
  };
  std::vector<Output> outputs = {{"svg", svg, tmp_svg}};
  if (options.png) outputs.push_back({"png", fs::path(svg).replace_extension(".png"), {}});
  if (options.pdf) outputs.push_back({"pdf", fs::path(svg).replace_extension(".pdf"), {}});
  for (auto& o : outputs)
    if (o.tmp.empty()) o.tmp = temp_beside(o.target);
  auto remove_outputs = [&] {
    for (const auto& o : outputs) remove_quietly(o.tmp);
  };
  std::string warning;
  for (const auto& o : outputs) {
    const RunOutcome run =
        run_captured({options.gnuplot, "-e",
                      "datafile=" + quoted(fs::absolute(tmp_data).string()) + "; term=" + quoted(o.term) +
                          "; outfile=" + quoted(fs::absolute(o.tmp).string()),
                      fs::absolute(tmp_script).string()});
    if (!run.started) {
      keep_sources();
      result.status = RenderStatus::gnuplot_missing;
      result.message = "cannot run '" + options.gnuplot + "' (" + std::strerror(run.start_errno) + "): kept " +
                       result.script.string() + " and " + result.data.string() + "; to draw " + svg.string() +
                       ", install gnuplot (Debian: gnuplot-nox) and run: " + render_hint;
      if (options.log) LOG_WARN(result.message);
      remove_outputs();
      return result;
    }
    if (run.exit_code != 0 || !(o.term == "svg" ? complete_svg(o.tmp) : complete_file(o.tmp, o.term))) {
      remove_outputs();
      keep_sources();
      result.status = RenderStatus::gnuplot_failed;
      const std::string why = first_line_with(run.output, "rror");
      result.message = "gnuplot failed (exit " + std::to_string(run.exit_code) + ", drawing the " + o.term + ")" +
                       (why.empty() ? std::string() : ": " + why) + "; kept " + result.script.string() + " and " +
                       result.data.string() + " to look into (" + render_hint + ")";
      if (options.log) LOG_WARN(result.message);
      return result;
    }
    if (warning.empty()) warning = first_line_with(run.output, "arning");
    if (o.term == "pdf") fix_pdf_date(o.tmp);
  }
  if (!warning.empty()) LOG_WARN("gnuplot: ", warning);
  for (const auto& o : outputs) {
    rename_or_throw(o.tmp, o.target);
    if (o.term == "png") result.png = o.target;
    if (o.term == "pdf") result.pdf = o.target;
  }
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
