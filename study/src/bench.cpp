#include "nasrank/study/bench.h"

#include <stdlib.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "nasrank/core/error.h"
#include "nasrank/core/files.h"
#include "nasrank/core/log.h"
#include "nasrank/generator/pool.h"
#include "nasrank/study/sweep.h"
#include "nasrank/trainer/train.h"

namespace nasrank::study {

nlohmann::json bench_sweep(const BenchSweepOptions& options, StopRequests* stop) {
  namespace fs = std::filesystem;
  BenchSweepOptions o = options;
  const int cores = trainer::usable_cores();
  const bool gpu = o.device == "cuda" || (o.device == "auto" && trainer::cuda_available());
  if (o.concurrent == 0) o.concurrent = gpu ? 1 : cores;
  if (o.jobs == 0) o.jobs = 2 * o.concurrent;
  NASRANK_CHECK(o.concurrent >= 1, "--concurrent must be at least 1 (got ", o.concurrent, ")");
  NASRANK_CHECK(o.jobs >= 1, "--jobs must be at least 1 (got ", o.jobs, ")");
  NASRANK_CHECK(o.epochs > 0, "--epochs must be positive (got ", o.epochs, ")");
  if (o.threads == 0 && !gpu) o.threads = std::max(1, cores / o.concurrent);

  // The scratch directory: the store and the pool.
  fs::path dir;
  if (!o.keep.empty()) {
    dir = o.keep;
    NASRANK_CHECK(!fs::exists(dir / "bench.db"), dir.string(), "/bench.db exists: give --keep an empty directory");
    fs::create_directories(dir);
  } else {
    std::string tmpl = (fs::temp_directory_path() / "nasrank-bench-XXXXXX").string();
    NASRANK_CHECK(mkdtemp(tmpl.data()) != nullptr, "cannot create a scratch directory under ",
                  fs::temp_directory_path().string());
    dir = tmpl;
  }
  struct Cleanup {
    fs::path dir;
    ~Cleanup() {
      std::error_code ec;
      if (!dir.empty()) fs::remove_all(dir, ec);
    }
  } cleanup{o.keep.empty() ? dir : fs::path()};

  const data::Dataset shape = data::load_dataset(o.dataset);
  const generator::Pool pool =
      generator::base_pool("resnet18", shape.train.channels, shape.train.height, shape.num_classes);
  PlanOptions plan;
  plan.db = dir / "bench.db";
  plan.pool = dir / "pool.json";
  write_file_atomic(plan.pool, generator::pool_to_json(pool).dump(2));
  plan.settings.dataset = o.dataset;
  plan.settings.recipe.train_size = o.train_size;
  plan.settings.recipe.batch = o.batch;
  plan.settings.recipe.width = o.width;
  plan.settings.recipe.full_epochs = o.epochs;
  plan.settings.budgets = {"1"};
  plan.settings.schedules = {"linear"};
  plan.settings.seeds = o.jobs;
  plan.settings.reference_seed_start = 0;  // each run is also the reference of its seed: no extra runs
  const PlanSummary planned = plan_sweep(plan);
  LOG_INFO(describe(plan.db, planned));

  RunOptions run;
  run.db = plan.db;
  run.worker.device.device = o.device;
  run.worker.device.threads = o.threads;
  run.concurrent = o.concurrent;
  run.worker_program = o.worker_program;
  NASRANK_CHECK(!run_sweep(run, stop).interrupted, "bench sweep: interrupted");

  Store store = Store::open(plan.db, Store::Mode::read_only);
  const auto runs = store.finished_runs(Store::Curves::with);
  NASRANK_CHECK(static_cast<std::int64_t>(runs.size()) == o.jobs, "bench sweep: ", runs.size(), " of ", o.jobs,
                " runs finished (see the messages above)");
  double first = 0, last = 0, images = 0, rate_sum = 0;
  for (const auto& t : store.run_timings()) {
    first = first == 0 ? t.claimed_at : std::min(first, t.claimed_at);
    last = std::max(last, t.finished_at);
    images += static_cast<double>(t.images);
  }
  for (const auto& r : runs) {
    const auto& epochs_of = r.curve.evaluations;
    double sum = 0;
    std::size_t n = 0;
    for (std::size_t i = epochs_of.size() > 1 ? 1 : 0; i < epochs_of.size(); ++i, ++n)
      sum += epochs_of[i].images_per_second;
    rate_sum += n ? sum / static_cast<double>(n) : r.images_per_second;
  }
  const double wall = last - first;
  if (!o.keep.empty()) LOG_INFO("kept the sweep store: ", plan.db.string());
  return {{"bench", "sweep"},
          {"device", runs.front().device},
          {"dataset", shape.name},
          {"synthetic_data", shape.synthetic},
          {"concurrent", o.concurrent},
          {"threads_per_worker", o.threads},
          {"jobs", o.jobs},
          {"epochs_per_job", o.epochs},
          {"width", o.width},
          {"train_size", o.train_size},
          {"val_size", o.dataset.val_size},
          {"batch", o.batch},
          {"engine", runs.front().engine},
          {"wall_s", std::round(wall * 100) / 100},
          {"images_per_s", std::round(images / std::max(wall, 1e-9) * 10) / 10},
          {"train_images_per_s", std::round(o.concurrent * rate_sum / static_cast<double>(runs.size()) * 10) / 10}};
}

}  // namespace nasrank::study
