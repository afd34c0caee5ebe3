// Status of a sweep from its store: counts, per-group progress, throughput and ETA.
#include "nasrank/study/status.h"

#include <algorithm>
#include <map>
#include <sstream>

#include "nasrank/core/progress.h"
#include "nasrank/core/text_table.h"
#include "nasrank/trainer/budget.h"

namespace nasrank::study {

double sweep_throughput(const std::vector<RunTiming>& runs) {
  std::vector<std::pair<double, double>> spans;
  double images = 0;
  for (const RunTiming& r : runs) {
    images += static_cast<double>(r.images);
    // A run copied in by a merge keeps its own times; one without a claim time counts its seconds.
    const double start = r.claimed_at > 0 ? r.claimed_at : r.finished_at - r.seconds;
    if (r.finished_at > start) spans.emplace_back(start, r.finished_at);
  }
  std::sort(spans.begin(), spans.end());
  double busy = 0, open = 0, close = 0;
  bool any = false;
  for (const auto& [a, b] : spans) {
    if (!any || a > close) {
      if (any) busy += close - open;
      open = a;
      close = b;
      any = true;
    } else {
      close = std::max(close, b);
    }
  }
  if (any) busy += close - open;
  return busy > 0 ? images / busy : 0;
}

SweepStatus sweep_status(Store& store, int max_attempts) {
  SweepStatus s;
  const auto study = store.study();
  const double full = study ? study->settings.recipe.full_epochs : 0;
  if (study) {
    s.plan_hash = study->plan_hash;
    s.archs = static_cast<std::int64_t>(study->arch_ids.size());
  }
  std::map<std::pair<std::string, double>, GroupStatus> groups;
  for (const GroupCount& c : store.group_counts()) {
    GroupStatus& g = groups[{c.schedule, c.budget_epochs}];
    g.schedule = c.schedule;
    g.budget_epochs = c.budget_epochs;
    g.budget_label = full > 0 ? budget_label(c.budget_epochs, c.budget_epochs / full) : std::to_string(c.budget_epochs);
    g.total += c.jobs;
    g.references += c.references;
    std::int64_t* slot = c.status == "pending"   ? &g.pending
                         : c.status == "running" ? &g.running
                         : c.status == "done"    ? &g.done
                                                 : &g.failed;
    *slot += c.jobs;
  }
  for (auto& [key, g] : groups) {
    s.total += g.total;
    s.pending += g.pending;
    s.running += g.running;
    s.done += g.done;
    s.failed += g.failed;
    s.groups.push_back(g);
  }
  std::stable_sort(s.groups.begin(), s.groups.end(), [](const GroupStatus& a, const GroupStatus& b) {
    return a.schedule != b.schedule ? a.schedule < b.schedule : a.budget_epochs < b.budget_epochs;
  });

  const auto runs = store.run_timings();
  s.images_per_second = sweep_throughput(runs);
  if (s.images_per_second > 0) {
    // Images per epoch are the same for every job of a study; take the most recent record's.
    std::int64_t per_epoch = 0;
    double latest = -1;
    for (const RunTiming& r : runs)
      if (r.finished_at > latest && r.images_per_epoch > 0) {
        latest = r.finished_at;
        per_epoch = r.images_per_epoch;
      }
    double left = 0;
    for (const RemainingJob& j : store.remaining_jobs(max_attempts))
      left += j.budget_epochs * static_cast<double>(per_epoch) * (1.0 - std::clamp(j.progress, 0.0, 1.0));
    if (per_epoch > 0) s.eta_seconds = left / s.images_per_second;
  }
  return s;
}

nlohmann::json to_json(const SweepStatus& s) {
  nlohmann::json groups = nlohmann::json::array();
  for (const auto& g : s.groups)
    groups.push_back({{"schedule", g.schedule},
                      {"budget_epochs", g.budget_epochs},
                      {"budget", g.budget_label},
                      {"total", g.total},
                      {"pending", g.pending},
                      {"running", g.running},
                      {"done", g.done},
                      {"failed", g.failed},
                      {"references", g.references}});
  return {{"plan_hash", s.plan_hash},
          {"archs", s.archs},
          {"total", s.total},
          {"pending", s.pending},
          {"running", s.running},
          {"done", s.done},
          {"failed", s.failed},
          {"images_per_second", s.images_per_second},
          {"eta_seconds", s.eta_seconds ? nlohmann::json(*s.eta_seconds) : nlohmann::json(nullptr)},
          {"groups", groups}};
}

std::string progress_line(const SweepStatus& s) {
  std::ostringstream os;
  os << s.done << "/" << s.total << " done, " << s.running << " running, " << s.failed << " failed, "
     << format_fixed(s.images_per_second, 0) << " img/s, ETA "
     << (s.eta_seconds ? format_duration(*s.eta_seconds) : std::string("unknown"));
  return os.str();
}

std::string render_table(const SweepStatus& s) {
  TextTable t({"schedule", "budget (epochs)", "done", "running", "pending", "failed", "total", "done %"});
  for (const auto& g : s.groups) {
    const std::string schedule = g.references == g.total && g.total > 0 ? g.schedule + " (reference)" : g.schedule;
    t.add_row({schedule, g.budget_label, std::to_string(g.done), std::to_string(g.running), std::to_string(g.pending),
               std::to_string(g.failed), std::to_string(g.total),
               format_fixed(g.total ? 100.0 * double(g.done) / double(g.total) : 0.0, 1)});
  }
  std::ostringstream os;
  os << "plan " << s.plan_hash << ", " << s.archs << " architectures, " << s.total << " jobs: " << progress_line(s)
     << "\n\n"
     << t.render();
  return os.str();
}

}  // namespace nasrank::study
