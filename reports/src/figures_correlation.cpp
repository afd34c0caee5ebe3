// The study report's figures of the correlations: tau against budget with its intervals and the
// noise ceilings, the proxy-vs-target scatter grid with the architectures that drive each tau, the
// reference seeds against each other, and each architecture's accuracy by budget.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "figure_planner.h"
#include "nasrank/core/text_table.h"

namespace nasrank::reports::detail {

void Planner::tau_by_budget() {
  std::vector<double> budgets;
  for (const auto& b : t_.budgets) budgets.push_back(b.epochs);
  bool any = false;
  for (const auto& r : t_.table6) any = any || std::isfinite(r.stats.tau.estimate);
  if (budgets.empty() || !any) return skip("tau", "no schedule has a defined tau at any budget yet");
  const double x_lo = budgets.front() / 1.5, x_hi = budgets.back() * 1.5;
  Figure f;
  const std::string tau = ranking::statistic_title(tau_variant());
  f.title = tau + " of proxy and full-budget rankings, by budget";
  f.x = {"budget (epochs, log scale)", x_lo, x_hi, true};
  f.x_tics = budgets;
  f.legend = "below";
  f.width = kWidth;
  f.height = 660;
  f.font_size = kFont;
  double lo = 0;
  const std::size_t count = t_.schedules.size();
  for (std::size_t k = 0; k < count; ++k) {
    const std::string& schedule = t_.schedules[k];
    // Each schedule's markers sit a little beside the budget, so that equal taus stay apart.
    const double shift = static_cast<double>(k) - 0.5 * static_cast<double>(count - 1);
    Series line, bars, lone;
    line.style = SeriesStyle::lines;
    line.line_width = 1.2;
    bars.title = lone.title = schedule;
    bars.style = SeriesStyle::error_bars;
    lone.style = SeriesStyle::points;
    line.color = bars.color = lone.color = color_of(schedule);
    bars.point_type = lone.point_type = marker(k);
    bars.point_size = lone.point_size = 1.3;
    bars.line_width = 1.6;
    for (const auto& r : t_.table6) {
      if (r.schedule != schedule || !std::isfinite(r.stats.tau.estimate)) continue;
      const double x = dodge(r.budget.epochs, shift);
      line.x.push_back(x);
      line.y.push_back(r.stats.tau.estimate);
      lo = std::min(lo, r.stats.tau.estimate);
      // A tau without an interval is a marker without a bar.
      Series& s = std::isfinite(r.stats.tau.lower) && std::isfinite(r.stats.tau.upper) ? bars : lone;
      s.x.push_back(x);
      s.y.push_back(r.stats.tau.estimate);
      if (&s == &bars) {
        bars.y_low.push_back(r.stats.tau.lower);
        bars.y_high.push_back(r.stats.tau.upper);
        lo = std::min(lo, r.stats.tau.lower);
      }
    }
    if (line.x.size() >= 2) f.series.push_back(std::move(line));
    if (!bars.x.empty()) {
      if (!lone.x.empty()) lone.title.clear();
      f.series.push_back(std::move(bars));
    }
    if (!lone.x.empty()) f.series.push_back(std::move(lone));
  }
  // Every ceiling a line with its value in the legend; no shading, so nothing mixes.
  const auto& nc = t_.noise_ceiling.tau;
  if (std::isfinite(nc.estimate)) {
    Series ceiling;
    ceiling.title = "noise ceiling (seed vs seed): " + format_fixed(nc.estimate, 3);
    if (std::isfinite(nc.lower) && std::isfinite(nc.upper))
      ceiling.title += ", " + format_number(100 * nc.confidence) + "% CI " + format_fixed(nc.lower, 2) + " to " +
                       format_fixed(nc.upper, 2);
    ceiling.color = ink::kBlack;
    ceiling.dash = 2;
    ceiling.line_width = 1.8;
    ceiling.x = {x_lo, x_hi};
    ceiling.y = {nc.estimate, nc.estimate};
    f.series.push_back(std::move(ceiling));
    lo = std::min(lo, nc.estimate);
  }
  const double matched = t_.target.matched_ceiling;
  if (std::isfinite(matched)) {
    Series ceiling;
    ceiling.title = "ceiling matched to the target: " + format_fixed(matched, 3);
    ceiling.color = ink::kScore;
    ceiling.dash = 3;
    ceiling.line_width = 2.2;
    ceiling.x = {x_lo, x_hi};
    ceiling.y = {matched, matched};
    f.series.push_back(std::move(ceiling));
    lo = std::min(lo, matched);
  }
  f.y = {tau + " (" + tau_variant() + ", no unit)", tau_floor(lo), kTauTop, false};
  const auto& bo = m_.options.study.bootstrap;
  add(planned("tau_by_budget", "tau",
              "One colour and marker per schedule: " + tau +
                  " between the ranking of the architectures after a small budget and their full-budget ranking, "
                  "with its " +
                  format_number(100 * bo.confidence) + "% percentile bootstrap interval over architectures (" +
                  std::to_string(bo.resamples) +
                  " resamples) as a bar. The schedules' markers stand a little apart around each budget so "
                  "that equal taus stay visible. Dashed: the noise ceiling, " +
                  tau +
                  " between two single full-budget seeds (its interval in the legend): the ceiling of a target "
                  "of one seed. Dotted grey: the ceiling matched to the study's target (the median of its "
                  "reference seeds), the expected tau of a perfect proxy against it; the taus here are read "
                  "against it.",
              std::move(f)));
}

const ranking::CorrelationRow* Planner::row_of(const std::string& schedule, double epochs) const {
  for (const auto& r : t_.table6)
    if (r.schedule == schedule && r.budget.epochs == epochs) return &r;
  return nullptr;
}

Eigen::Index Planner::arch_index(const std::string& arch) const {
  const auto& archs = m_.aggregate.archs;
  const auto it = std::lower_bound(archs.begin(), archs.end(), arch);
  return it != archs.end() && *it == arch ? static_cast<Eigen::Index>(it - archs.begin()) : -1;
}

void Planner::mark_influential(Figure& panel, double x, double y, const std::string& arch, double x_mid, bool log_x) {
  panel.series.push_back(named_ring("most influential architecture (leave one out)", ink::kBlack, x, y, arch,
                                    log_x ? std::log10(x) > x_mid : x > x_mid));
}

Series Planner::named_ring(const std::string& title, const std::string& color, double x, double y,
                           const std::string& arch, bool label_left) {
  Series ring;
  ring.title = title;
  ring.style = SeriesStyle::points;
  ring.color = color;
  ring.point_type = 6;
  ring.point_size = 2.4;
  ring.line_width = 1.5;
  ring.x = {x};
  ring.y = {y};
  ring.labels = {arch};
  ring.labels_left = label_left;
  return ring;
}

void Planner::scatter() {
  const auto& a = m_.aggregate;
  if (a.cells.empty()) return skip("scatter", "no architecture has both a small-budget and a full-budget result");
  double x_min = INFINITY, x_max = -INFINITY;
  for (Eigen::Index i = 0; i < a.target.size(); ++i)
    if (std::isfinite(a.target[i])) {
      x_min = std::min(x_min, a.target[i]);
      x_max = std::max(x_max, a.target[i]);
    }
  std::map<double, std::pair<double, double>> y_range;
  for (const auto& c : a.cells)
    for (Eigen::Index i = 0; i < c.accuracy.size(); ++i)
      if (std::isfinite(c.accuracy[i]) && std::isfinite(a.target[i])) {
        auto [it, fresh] = y_range.try_emplace(c.budget.epochs, c.accuracy[i], c.accuracy[i]);
        it->second.first = std::min(it->second.first, c.accuracy[i]);
        it->second.second = std::max(it->second.second, c.accuracy[i]);
      }
  if (y_range.empty()) return skip("scatter", "no architecture has both a small-budget and a full-budget result");
  const std::string tau = tau_symbol(tau_variant());
  const double x_lo = padded_low(x_min, x_max), x_hi = padded_high(x_min, x_max), x_mid = 0.5 * (x_lo + x_hi);
  std::vector<double> columns;
  for (const auto& [epochs, range] : y_range) columns.push_back(epochs);
  Figure f = grid("Proxy against full-budget accuracy, by schedule and budget", t_.schedules.size() * columns.size(),
                  static_cast<int>(columns.size()), 450, 380);
  std::size_t drawn = 0;
  std::set<std::size_t> marked_k;  // the top-k sizes drawn, for the caption
  for (const auto& schedule : t_.schedules)
    for (double epochs : columns) {
      const ranking::AggregateCell* cell = nullptr;
      for (const auto& c : a.cells)
        if (c.schedule == schedule && c.budget.epochs == epochs) cell = &c;
      const ranking::CorrelationRow* row = row_of(schedule, epochs);
      Figure panel;
      const auto [p_lo, p_hi] = y_range.at(epochs);
      panel.x = {"proxy val. accuracy", padded_low(p_lo, p_hi), padded_high(p_lo, p_hi), false};
      panel.y = {"target accuracy", x_lo, x_hi, false};
      panel.title = schedule + ", " + format_number(epochs) + " ep";
      if (!cell || !row) {
        // An empty cell keeps its place in the grid: a note where the points would be.
        Series note;
        note.style = SeriesStyle::text;
        note.color = ink::kNote;
        note.x = {0.5 * (p_lo + p_hi)};
        note.y = {x_mid};
        note.labels = {"no runs"};
        panel.series.push_back(std::move(note));
        f.panels.push_back(std::move(panel));
        continue;
      }
      panel.title += ": " + (std::isfinite(row->stats.tau.estimate) ? format_fixed(row->stats.tau.estimate, 2)
                                                                    : std::string("n/a"));
      // The architectures in the full-budget top-k, as the top-k column counts them.
      // None when the automatic k is over half the pool: the top-k column is then undefined too.
      std::size_t top_k = ranking::resolve_top_k(t_.options.statistics, row->stats.n);
      if (t_.options.statistics.top_k == 0 && 2 * top_k > row->stats.n) top_k = 0;
      std::vector<std::pair<double, Eigen::Index>> by_target;
      for (Eigen::Index i = 0; i < cell->accuracy.size(); ++i)
        if (std::isfinite(cell->accuracy[i]) && std::isfinite(a.target[i])) by_target.push_back({a.target[i], i});
      std::sort(by_target.begin(), by_target.end(), [](const auto& l, const auto& r) { return l.first > r.first; });
      std::set<Eigen::Index> top;
      for (std::size_t j = 0; j < std::min(top_k, by_target.size()); ++j) top.insert(by_target[j].second);
      Series rest, best;
      rest.style = best.style = SeriesStyle::points;
      rest.title = "architecture (colour of its schedule)";
      rest.color = color_of(schedule);
      rest.point_size = 1.0;
      best.title = "full-budget top " + std::to_string(top_k);
      best.color = ink::kBlack;
      best.point_type = 5;
      best.point_size = 0.9;
      for (const auto& [target, i] : by_target) {
        Series& s = top.count(i) ? best : rest;
        s.x.push_back(cell->accuracy[i]);
        s.y.push_back(target);
      }
      if (!rest.x.empty()) panel.series.push_back(std::move(rest));
      if (!best.x.empty()) {
        marked_k.insert(best.x.size());
        panel.series.push_back(std::move(best));
      }
      if (panel.series.empty()) continue;
      const Eigen::Index most = arch_index(row->stats.influence.most.arch);
      if (most >= 0 && std::isfinite(cell->accuracy[most]) && std::isfinite(a.target[most]))
        mark_influential(panel, cell->accuracy[most], a.target[most], row->stats.influence.most.arch,
                         0.5 * (p_lo + p_hi));
      f.panels.push_back(std::move(panel));
      ++drawn;
    }
  if (!drawn) return skip("scatter", "no architecture has both a small-budget and a full-budget result");
  share_axes(f, true, true);
  add(planned("scatter", "scatter",
              "Each point an architecture: its full-budget accuracy (the target) against its validation accuracy "
              "after the panel's budget under the panel's schedule (median over seeds); rows are schedules, "
              "columns budgets; the panel's " +
                  tau +
                  " after the colon in its title. The y scale is shared by all panels, the x scale by the "
                  "panels of one budget. " +
                  (marked_k.empty()
                       ? std::string("The full-budget top k is not marked: with so few architectures it would hold "
                                     "more than half of them, and the top-k column is undefined too. ")
                       : "Black squares: the full-budget top " +
                             (marked_k.size() == 1 ? std::to_string(*marked_k.begin()) : std::string("k")) +
                             ", which the top-k column counts. ") +
                  "Ringed and named: the architecture whose removal moves the panel's " + tau +
                  " most (leave-one-out, as Table 6's influence columns).",
              std::move(f)));
}

void Planner::reference_seeds() {
  const auto& a = m_.aggregate;
  const Eigen::Index seeds = a.reference_by_seed.cols();
  if (seeds < 2)
    return skip("seeds", "the reference runs have fewer than two seeds, so there is no seed against seed to draw");
  std::vector<double> all;
  for (Eigen::Index i = 0; i < a.reference_by_seed.size(); ++i) all.push_back(a.reference_by_seed.data()[i]);
  const auto [lo, hi] = finite_range(all);
  if (!std::isfinite(lo)) return skip("seeds", "no reference run has a finite accuracy");
  const double r_lo = padded_low(lo, hi), r_hi = padded_high(lo, hi);
  std::vector<Figure> panels;
  const std::string tau = tau_symbol(tau_variant());
  for (Eigen::Index s = 0; s < seeds; ++s)
    for (Eigen::Index u = s + 1; u < seeds; ++u) {
      const Eigen::VectorXd x = a.reference_by_seed.col(s), y = a.reference_by_seed.col(u);
      Figure panel;
      const std::string xs = std::to_string(a.reference_seeds[static_cast<std::size_t>(s)]),
                        ys = std::to_string(a.reference_seeds[static_cast<std::size_t>(u)]);
      const ranking::Correlation c = ranking::find_statistic(tau_variant()).compute(x, y, t_.options.statistics);
      panel.title = "seed " + ys + " against seed " + xs + ": " + tau + " " +
                    (c.defined() ? format_fixed(c.value, 2) : std::string("n/a"));
      panel.x = {"accuracy, seed " + xs, r_lo, r_hi, false};
      panel.y = {"accuracy, seed " + ys, r_lo, r_hi, false};
      Series identity;
      identity.title = "equal accuracy";
      identity.color = ink::kGuide;
      identity.dash = 2;
      identity.line_width = 1.2;
      identity.x = identity.y = {r_lo, r_hi};
      Series pts;
      pts.title = "architecture";
      pts.style = SeriesStyle::points;
      pts.color = ink::kBlack;
      pts.point_size = 1.0;
      Eigen::Index far = -1;
      for (Eigen::Index i = 0; i < x.size(); ++i)
        if (std::isfinite(x[i]) && std::isfinite(y[i])) {
          pts.x.push_back(x[i]);
          pts.y.push_back(y[i]);
          if (far < 0 || std::abs(x[i] - y[i]) > std::abs(x[far] - y[far])) far = i;
        }
      if (pts.x.size() < 2) continue;
      panel.series.push_back(std::move(identity));
      panel.series.push_back(std::move(pts));
      // The architecture on which the seeds disagree most, named.
      panel.series.push_back(named_ring("largest difference between the seeds", ink::kEmphasis, x[far], y[far],
                                        a.archs[static_cast<std::size_t>(far)], x[far] > 0.5 * (r_lo + r_hi)));
      panels.push_back(std::move(panel));
    }
  if (panels.empty()) return skip("seeds", "no two reference seeds share two architectures");
  const int columns = static_cast<int>(std::min<std::size_t>(3, panels.size()));
  Figure f = grid("Full-budget accuracy of one reference seed against another", panels.size(), columns, 500, 480);
  for (auto& p : panels) f.panels.push_back(std::move(p));
  share_axes(f, false, false);
  add(planned("reference_seeds", "seeds",
              "Each pair of reference seeds: an architecture's full-budget accuracy with one seed against the "
              "other, the pair's " +
                  tau +
                  " in the title; the noise ceiling is their average. Dashed: equal accuracy. Ringed and "
                  "named: the architecture on which the two seeds differ most.",
              std::move(f)));
}

void Planner::arch_by_budget() {
  const auto& a = m_.aggregate;
  if (a.cells.empty() || a.archs.empty())
    return skip("arch_curves", "no architecture has both a small-budget and a full-budget result");
  // Full-budget rank, 0 the best; architectures without a target are left out.
  std::vector<std::pair<double, std::size_t>> order;
  for (std::size_t i = 0; i < a.archs.size(); ++i)
    if (std::isfinite(a.target[static_cast<Eigen::Index>(i)]))
      order.push_back({-a.target[static_cast<Eigen::Index>(i)], i});
  if (order.size() < 2) return skip("arch_curves", "fewer than two architectures have a full-budget accuracy");
  std::sort(order.begin(), order.end());
  std::map<std::size_t, std::size_t> rank;
  for (std::size_t r = 0; r < order.size(); ++r) rank[order[r].second] = r;
  const double full = std::isfinite(m_.input->settings.full_epochs) ? m_.input->settings.full_epochs : kNaN;
  std::vector<double> tics;
  for (const auto& b : a.budgets) tics.push_back(b.epochs);
  if (std::isfinite(full)) tics.push_back(full);
  std::vector<Figure> panels;
  std::vector<double> ys;
  auto series_for = [&](std::size_t i, std::vector<double> x, std::vector<double> y) {
    Series s;
    const std::size_t r = rank.at(i);
    s.style = SeriesStyle::linespoints;
    s.color = rank_color(r, order.size());
    s.line_width = 1.3;
    s.point_size = 0.6;
    s.x = std::move(x);
    s.y = std::move(y);
    if (r == 0) s.title = "best at full budget (" + a.archs[i] + ")";
    if (r + 1 == order.size()) s.title = "worst at full budget (" + a.archs[i] + ")";
    ys.insert(ys.end(), s.y.begin(), s.y.end());
    return s;
  };
  for (const auto& schedule : t_.schedules) {
    Figure panel;
    panel.title = schedule;
    // Best last, so that the best architectures are drawn on top.
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
      const std::size_t i = it->second;
      std::vector<double> x, y;
      for (const auto& c : a.cells)
        if (c.schedule == schedule && std::isfinite(c.accuracy[static_cast<Eigen::Index>(i)])) {
          x.push_back(c.budget.epochs);
          y.push_back(c.accuracy[static_cast<Eigen::Index>(i)]);
        }
      if (x.empty()) continue;
      if (std::isfinite(full)) {
        x.push_back(full);
        y.push_back(a.target[static_cast<Eigen::Index>(i)]);
      }
      panel.series.push_back(series_for(i, std::move(x), std::move(y)));
    }
    if (!panel.series.empty()) panels.push_back(std::move(panel));
  }
  // The reference runs' curves: the median over seeds at each epoch.
  Figure ref;
  ref.title = "full budget (" + m_.reference_schedule + "), by epoch";
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    const std::size_t i = it->second;
    std::map<double, std::vector<double>> at;
    for (const auto& r : m_.input->runs)
      if (r.reference && r.arch == a.archs[i])
        for (const auto& p : r.curve.evaluations)
          if (p.epoch > 0 && std::isfinite(p.val_acc)) at[p.epoch].push_back(p.val_acc);
    std::vector<double> x, y;
    for (auto& [epoch, v] : at) {
      std::sort(v.begin(), v.end());
      x.push_back(epoch);
      y.push_back(ranking::quantile_sorted(v, 0.5));
    }
    if (!x.empty()) ref.series.push_back(series_for(i, std::move(x), std::move(y)));
  }
  if (!ref.series.empty()) panels.push_back(std::move(ref));
  if (panels.empty()) return skip("arch_curves", "no architecture has an accuracy to draw");
  const auto [y_lo, y_hi] = finite_range(ys);
  const auto [t_lo, t_hi] = finite_range(tics);
  const int columns = static_cast<int>(std::min<std::size_t>(3, panels.size()));
  Figure f = grid("Each architecture's accuracy by budget, coloured by its full-budget rank", panels.size(), columns,
                  520, 420);
  for (auto& p : panels) {
    p.x = {"budget or epoch (log scale)", t_lo / 1.3, t_hi * 1.3, true};
    p.x_tics = tics;
    p.y = {std::string("val. accuracy (") + kAccuracyUnit + ")", padded_low(y_lo, y_hi), padded_high(y_lo, y_hi),
           false};
    f.panels.push_back(std::move(p));
  }
  share_axes(f, true, true);
  add(planned("arch_curves", "arch_curves",
              "One line per architecture. Schedule panels: its best validation accuracy within each budget (median "
              "over seeds, as the tables take it), joined to its full-budget accuracy at " +
                  (std::isfinite(full) ? format_number(full) : std::string("the full budget")) +
                  " epochs; the last panel: the reference runs' validation accuracy epoch by epoch (median over "
                  "seeds). Colour is the full-budget rank, dark purple the best to yellow-green the worst; "
                  "lines that cross are architectures whose order changes.",
              std::move(f)));
}

}  // namespace nasrank::reports::detail
