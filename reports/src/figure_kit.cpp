#include "figure_kit.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "nasrank/core/text_table.h"

namespace nasrank::reports::detail {

int grid_font(int width) { return std::max(kFont, static_cast<int>(std::lround(width / 75.0))); }

std::string budget_color(std::size_t k, std::size_t count) {
  static const char* const ramp[] = {"#f89540", "#e16462", "#b12a90", "#6a00a8", "#0d0887"};
  constexpr std::size_t n = sizeof ramp / sizeof ramp[0];
  if (count <= 1) return ramp[n - 1];
  const double at = static_cast<double>(k) * static_cast<double>(n - 1) / static_cast<double>(count - 1);
  return ramp[std::min(static_cast<std::size_t>(std::lround(at)), n - 1)];
}

std::string rank_color(std::size_t r, std::size_t n) {
  static const int stops[][3] = {{68, 1, 84},    {70, 50, 127},  {54, 92, 141},  {39, 127, 142},
                                 {31, 161, 135}, {74, 193, 109}, {160, 218, 57}, {200, 224, 32}};
  constexpr double last = 7;
  const double t = n <= 1 ? 0 : last * static_cast<double>(r) / static_cast<double>(n - 1);
  const std::size_t i = std::min(static_cast<std::size_t>(t), static_cast<std::size_t>(last) - 1);
  const double f = t - static_cast<double>(i);
  char buf[8];
  int c[3];
  for (int k = 0; k < 3; ++k) c[k] = static_cast<int>(std::lround(stops[i][k] + f * (stops[i + 1][k] - stops[i][k])));
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c[0], c[1], c[2]);
  return buf;
}

int marker(std::size_t k) {
  static const int shapes[] = {7, 5, 9, 13, 11, 6, 4, 8, 12, 10};
  return shapes[k % (sizeof shapes / sizeof shapes[0])];
}

std::string tau_symbol(const std::string& variant) {
  if (variant == "kendall_tau_b") return "τ-b";
  if (variant == "kendall_tau_a") return "τ-a";
  if (variant == "weighted_tau") return "weighted tau";
  return variant;
}

double tau_floor(double lowest) { return lowest >= 0 ? 0.0 : std::floor((lowest - 0.05) * 10) / 10; }

double padded_low(double lo, double hi) { return lo - 0.08 * std::max(hi - lo, 1e-3); }

double padded_high(double lo, double hi) { return hi + 0.08 * std::max(hi - lo, 1e-3); }

double dodge(double x, double k) { return x * std::pow(10.0, 0.022 * k); }

std::string decade_label(int e) {
  if (e >= -1 && e <= 3) return format_number(std::pow(10.0, e));
  static const char* const digits[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
  std::string out = "10";
  if (e < 0) out += "⁻";
  for (char c : std::to_string(std::abs(e))) out += digits[c - '0'];
  return out;
}

std::pair<double, double> finite_range(const std::vector<double>& values) {
  double lo = INFINITY, hi = -INFINITY;
  for (double v : values)
    if (std::isfinite(v)) {
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
  return std::isfinite(lo) ? std::make_pair(lo, hi) : std::make_pair(kNaN, kNaN);
}

Figure grid(const std::string& title, std::size_t count, int columns, int panel_w, int panel_h) {
  Figure f;
  f.title = title;
  f.columns = columns;
  const int rows =
      static_cast<int>((count + static_cast<std::size_t>(columns) - 1) / static_cast<std::size_t>(columns));
  f.width = columns * panel_w;
  f.font_size = grid_font(f.width);
  f.height = rows * panel_h + static_cast<int>(std::lround(12.5 * f.font_size * 4.0 / 3.0));
  f.legend = "below";
  return f;
}

void share_axes(Figure& f, bool share_x, bool share_y) {
  const std::size_t n = f.panels.size(), cols = static_cast<std::size_t>(f.columns);
  for (std::size_t p = 0; p < n; ++p) {
    Figure& panel = f.panels[p];
    panel.font_size = f.font_size;
    if (panel.x_tics.empty()) panel.x.max_tics = 4;
    panel.y.max_tics = 5;
    const bool bottom = p + cols >= n, left = p % cols == 0;
    if (!bottom && share_x) {
      panel.x.tic_labels = false;
      panel.x.label.clear();
    }
    if (!left && share_y) {
      panel.y.tic_labels = false;
      panel.y.label.clear();
    }
  }
}

PlannedFigure planned(const std::string& id, const std::string& group, const std::string& caption, Figure figure) {
  PlannedFigure p;
  p.entry.id = id;
  p.entry.group = group;
  p.entry.title = figure.title;
  p.entry.caption = caption;
  p.entry.svg = "figures/" + id + ".svg";
  p.entry.script = "figures/" + id + ".gp";
  p.entry.data = "figures/" + id + ".dat";
  p.entry.png = "figures/" + id + ".png";
  p.entry.pdf = "figures/" + id + ".pdf";
  p.figure = std::move(figure);
  return p;
}

}  // namespace nasrank::reports::detail
