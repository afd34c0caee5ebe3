#include "nasrank/study/commands.h"

#include <type_traits>

#include "nasrank/core/text_table.h"
#include "nasrank/trainer/recipe_fields.h"

namespace nasrank::study {
namespace {

using Words = std::vector<std::string>;

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ",") + i;
  return out;
}

void add(Words& w, const std::string& flag, const std::string& value) { w.insert(w.end(), {flag, value}); }

template <typename T>
void add_value(Words& w, const std::string& flag, const T& value) {
  if constexpr (std::is_floating_point_v<T>) add(w, flag, format_exact(value));
  else if constexpr (std::is_arithmetic_v<T>) add(w, flag, std::to_string(value));
  else add(w, flag, value);
}

template <typename T>
void add_if_changed(Words& w, const char* flag, const T& value, const T& fallback) {
  if (value != fallback) add_value(w, flag, value);
}

}  // namespace

Words generate_command(const generator::PoolOptions& o, const std::string& out) {
  const generator::PoolOptions d;
  Words w = {"nasrank", "generate", "--count", std::to_string(o.count), "--seed", std::to_string(o.seed)};
  add_if_changed(w, "--base", o.base, d.base);
  add(w, "--in-channels", std::to_string(o.in_channels));
  add(w, "--image-size", std::to_string(o.image_size));
  add(w, "--classes", std::to_string(o.classes));
  add(w, "--mutations", std::to_string(o.min_mutations) + ".." + std::to_string(o.max_mutations));
  add_if_changed(w, "--spread", o.spread, d.spread);
  add_if_changed(w, "--max-params", o.max_params, d.max_params);
  add_if_changed(w, "--max-macs", o.max_macs, d.max_macs);
  add(w, "--out", out);
  return w;
}

Words plan_command(const PlanOptions& o) {
  const StudySettings d;
  const trainer::TrainOptions dr;
  const data::DatasetOptions dd;
  const StudySettings& s = o.settings;
  Words w = {"nasrank", "sweep", "plan", "--db", o.db.string(), "--pool", o.pool.string(), "--dataset", s.dataset.name};
  add_if_changed(w, "--root", s.dataset.root, dd.root);
  add(w, "--val-size", std::to_string(s.dataset.val_size));
  add_if_changed(w, "--split-seed", s.dataset.split_seed, dd.split_seed);
  add(w, "--schedules", joined(s.schedules));
  add(w, "--budgets", joined(s.budgets));
  add(w, "--seeds", std::to_string(s.seeds));
  add_if_changed(w, "--reference-seeds", s.reference_seeds, d.reference_seeds);
  // The default start follows --seeds; anything else is written out.
  if (s.reference_runs && s.reference_seed_start >= 0 && s.reference_seed_start != s.seeds)
    add(w, "--reference-seed-start", std::to_string(s.reference_seed_start));
  add_if_changed(w, "--reference-schedule", s.reference_schedule, d.reference_schedule);
  if (!s.reference_runs) w.push_back("--no-reference-runs");
  trainer::for_each_recipe_field(
      [&](const trainer::RecipeField& f, const auto& value, const auto& default_value) {
        if (f.scope != trainer::RecipeScope::study || f.internal) return;
        if (value == default_value && !f.always_said) return;
        if constexpr (std::is_same_v<std::decay_t<decltype(value)>, bool>)
          w.push_back(trainer::recipe_option(f, default_value));
        else add_value(w, trainer::recipe_option(f, default_value), value);
      },
      s.recipe, dr);
  if (o.force_replan) w.push_back("--force-replan");
  return w;
}

Words run_command(const RunOptions& o) {
  const WorkerOptions d;
  const ZeroCostOptions dz;
  const WorkerOptions& k = o.worker;
  Words w = {"nasrank", "sweep", "run", "--db", o.db.string(), "--device", k.device.device};
  add_if_changed(w, "--concurrent", o.concurrent, 1);
  add_if_changed(w, "--threads", k.device.threads, d.device.threads);
  if (o.supervisor_pid > 0 || k.claim.shard.count != 1) add(w, "--shard", to_string(k.claim.shard));
  add_if_changed(w, "--time-limit", k.time_limit, d.time_limit);
  add_if_changed(w, "--max-jobs", k.max_jobs, d.max_jobs);
  add_if_changed(w, "--max-attempts", k.claim.max_attempts, d.claim.max_attempts);
  add_if_changed(w, "--max-worker-deaths", k.claim.max_worker_deaths, d.claim.max_worker_deaths);
  add_if_changed(w, "--stale-after", k.claim.stale_after, d.claim.stale_after);
  add_if_changed(w, "--heartbeat-every", k.heartbeat_every, d.heartbeat_every);
  add_if_changed(w, "--root", k.dataset_root, d.dataset_root);
  if (!k.device.bf16) w.push_back("--no-bf16");
  if (!k.device.channels_last) w.push_back("--no-channels-last");
  if (!k.device.cuda_graphs) w.push_back("--no-cuda-graphs");
  if (!k.device.cudnn_benchmark) w.push_back("--no-cudnn-benchmark");
  if (o.zero_cost) {
    w.push_back("--zero-cost");
    if (!o.zero_cost_options.scores.empty()) add(w, "--zero-cost-scores", joined(o.zero_cost_options.scores));
    add_if_changed(w, "--zero-cost-batch", o.zero_cost_options.batch, dz.batch);
    add_if_changed(w, "--zero-cost-seed", o.zero_cost_options.seed, dz.seed);
  }
  if (o.supervisor_pid > 0) add(w, "--supervised-by", std::to_string(o.supervisor_pid));
  return w;
}

std::string command_line(const Words& words) {
  static const std::string plain = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./:=,@%+-";
  std::string line;
  for (const auto& word : words) {
    if (!line.empty()) line += ' ';
    if (!word.empty() && word.find_first_not_of(plain) == std::string::npos) {
      line += word;
      continue;
    }
    line += '\'';
    for (char c : word) line += c == '\'' ? std::string("'\\''") : std::string(1, c);
    line += '\'';
  }
  return line;
}

}  // namespace nasrank::study
