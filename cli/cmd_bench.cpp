// `nasrank bench train`: training throughput of the recipe on the ResNet-18 base, as one JSON
// line, for docs/perf.md (compare with shared/anchors/pytorch_baseline.py in the same command).
#include <stdlib.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "arch_source.h"
#include "commands.h"
#include "nasrank/core/error.h"
#include "nasrank/core/files.h"
#include "nasrank/core/log.h"
#include "nasrank/core/text_table.h"
#include "nasrank/generator/pool.h"
#include "nasrank/trainer/sweep/store.h"
#include "nasrank/trainer/sweep/worker.h"
#include "recipe_options.h"

namespace nasrank::cli {
namespace {

int run_bench_train(const Args& args) {
  data::DatasetOptions data_opt;
  trainer::TrainOptions opt;
  ArchSource arch;
  std::int64_t steps = 100, warmup = 10;
  po::options_description desc("bench train options");
  desc.add(arch_options(arch)).add(dataset_options(data_opt)).add(recipe_options(opt)).add(device_options(opt));
  po::options_description timing("Timing");
  timing.add_options()
      ("steps", po::value(&steps)->default_value(steps), "timed training steps")
      ("warmup", po::value(&warmup)->default_value(warmup), "untimed steps first (after set-up)");
  desc.add(timing);
  const CommandHelp help{
      "nasrank bench train [--device cpu|cuda] [--batch 128] [--width W] [--steps N] [options]",
      "Times training steps of the recipe (forward, backward, SGD update, augmentation included) and prints\n"
      "one JSON line: device, threads, engine, images per second over the timed steps, and the set-up\n"
      "seconds before the first timed step (network build, data upload, cuDNN autotuning, CUDA graph\n"
      "capture and its check, warm-up steps). Compare with the PyTorch reference in the same command:\n"
      "bench/cpu_train_vs_reference.sh does that on the CPU.",
      "  nasrank bench train --device cpu --width 0.125 --train-size 8192 --steps 64\n"
      "  nasrank bench train --device cuda --batch 128 --steps 300"};
  po::variables_map vm;
  if (!parse_args(args, help, desc, vm)) return 0;
  apply_switches(vm, opt);
  const data::Dataset dataset = data::load_dataset(data_opt);
  const ResolvedArch resolved = resolve_arch(arch, dataset);
  opt.arch_id = resolved.id;
  const trainer::BenchResult b = trainer::bench_train(resolved.spec, dataset, opt, steps, warmup);
  const nlohmann::json j = {{"bench", "train"},
                            {"arch", resolved.id},
                            {"dataset", dataset.name},
                            {"synthetic_data", dataset.synthetic},
                            {"device", b.device},
                            {"threads", b.threads},
                            {"engine", b.engine},
                            {"batch", b.batch},
                            {"width", opt.width},
                            {"channels_last", opt.channels_last && b.device.rfind("cpu", 0) != 0},
                            {"bf16", opt.bf16 && b.device.rfind("cpu", 0) != 0},
                            {"timed_steps", b.timed_steps},
                            {"images_per_s", std::round(b.images_per_second * 10) / 10},
                            {"setup_s", std::round(b.setup_seconds * 1000) / 1000}};
  std::cout << j.dump() << std::endl;
  return 0;
}

/// A sweep's throughput as a user sees it: JOBS trainings of the base through the sweep store and
/// `sweep run --concurrent K`, in a scratch directory.
int run_bench_sweep(const Args& args) {
  data::DatasetOptions data_opt;
  std::string device = "cpu", keep;
  int concurrent = 0, threads = 0;
  std::int64_t jobs = 0, train_size = 8192, batch = 128;
  double epochs = 2, width = 0.125;
  po::options_description desc("bench sweep options");
  desc.add_options()
      ("device", po::value(&device)->default_value(device)->notifier(require_device), "cpu|cuda|auto")
      ("concurrent", po::value(&concurrent)->default_value(concurrent),
       "trainings side by side (0: one per core on the CPU, 1 on a GPU)")
      ("threads", po::value(&threads)->default_value(threads), "CPU threads per training (0: the cores split evenly)")
      ("jobs", po::value(&jobs)->default_value(jobs), "training runs in the sweep (0: twice --concurrent)")
      ("epochs", po::value(&epochs)->default_value(epochs), "epochs of each run")
      ("width", po::value(&width)->default_value(width), "channel multiplier of the base network")
      ("train-size", po::value(&train_size)->default_value(train_size), "training images (the first N)")
      ("batch", po::value(&batch)->default_value(batch), "batch size")
      ("keep", po::value(&keep), "keep the sweep store in this directory (default: a scratch one, removed)");
  desc.add(dataset_options(data_opt));
  const CommandHelp help{
      "nasrank bench sweep [--device cpu|cuda] [--concurrent K] [--jobs N] [options]",
      "Runs JOBS trainings of the ResNet-18 base (seeds 0..JOBS-1, linear schedule, full budget of\n"
      "--epochs) through a sweep store with 'sweep run --concurrent K' and prints one JSON line:\n"
      "  images_per_s        training images over the sweep's wall time, everything included\n"
      "                      (claims, network set-up, per-epoch validation, the store's writes);\n"
      "  train_images_per_s  K x the mean training-only rate of a run over its epochs after the first,\n"
      "                      which is how shared/anchors/pytorch_baseline.py counts, for a fair ratio.\n"
      "bench/cpu_sweep_vs_reference.sh runs it beside the reference in one command.",
      "  nasrank bench sweep --concurrent 2 --jobs 4\n"
      "  nasrank bench sweep --device cuda --concurrent 4 --width 1 --train-size 0 --jobs 8"};
  po::variables_map vm;
  if (!parse_args(args, help, desc, vm)) return 0;
  const int cores = trainer::sweep::usable_cores();
  const bool gpu = device == "cuda" || (device == "auto" && trainer::cuda_available());
  if (concurrent == 0) concurrent = gpu ? 1 : cores;
  if (jobs == 0) jobs = 2 * concurrent;
  NASRANK_CHECK(concurrent >= 1, "--concurrent must be at least 1 (got ", concurrent, ")");
  NASRANK_CHECK(jobs >= 1, "--jobs must be at least 1 (got ", jobs, ")");
  NASRANK_CHECK(epochs > 0, "--epochs must be positive (got ", epochs, ")");
  if (threads == 0 && !gpu) threads = std::max(1, cores / concurrent);

  // The scratch directory: the store, the pool and the workers' logs.
  namespace fs = std::filesystem;
  fs::path dir;
  if (!keep.empty()) {
    dir = keep;
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
  } cleanup{keep.empty() ? dir : fs::path()};

  const data::Dataset shape = data::load_dataset(data_opt);
  const generator::Pool pool = generator::base_pool("resnet18", shape.train.channels, shape.train.height,
                                                    shape.num_classes);
  const fs::path pool_path = dir / "pool.json", db = dir / "bench.db";
  write_file_atomic(pool_path, generator::pool_to_json(pool).dump(2));
  Args plan = {"plan", "--db", db.string(), "--pool", pool_path.string(), "--dataset", data_opt.name,
               "--val-size", std::to_string(data_opt.val_size), "--train-size", std::to_string(train_size),
               "--batch", std::to_string(batch), "--width", format_number(width, 17), "--full-epochs",
               format_number(epochs, 17), "--budgets", "1", "--schedules", "linear", "--seeds", std::to_string(jobs)};
  if (!data_opt.root.empty()) plan.insert(plan.end(), {"--root", data_opt.root});
  {
    // The plan's summary would break the one JSON line on stdout: it goes to the log instead.
    std::ostringstream summary;
    std::streambuf* out = std::cout.rdbuf(summary.rdbuf());
    int rc = 1;
    try {
      rc = run_sweep(plan);
    } catch (...) {
      std::cout.rdbuf(out);
      throw;
    }
    std::cout.rdbuf(out);
    LOG_INFO(summary.str());
    NASRANK_CHECK(rc == 0, "bench sweep: planning the sweep failed");
  }
  Args run = {"run", "--db", db.string(), "--device", device, "--concurrent", std::to_string(concurrent)};
  if (threads > 0) run.insert(run.end(), {"--threads", std::to_string(threads)});
  NASRANK_CHECK(run_sweep(run) == 0, "bench sweep: running the sweep failed");

  trainer::sweep::Store store = trainer::sweep::Store::open(db, trainer::sweep::Store::Mode::read_only);
  const auto runs = store.finished_runs();
  NASRANK_CHECK(static_cast<std::int64_t>(runs.size()) == jobs, "bench sweep: ", runs.size(), " of ", jobs,
                " runs finished (see the messages above)");
  double first = 0, last = 0, images = 0, rate_sum = 0;
  for (const auto& t : store.run_timings()) {
    first = first == 0 ? t.claimed_at : std::min(first, t.claimed_at);
    last = std::max(last, t.finished_at);
    images += static_cast<double>(t.images);
  }
  for (const auto& r : runs) {
    const auto epochs_of = store.epochs(r.job_id);
    double sum = 0;
    std::size_t n = 0;
    for (std::size_t i = epochs_of.size() > 1 ? 1 : 0; i < epochs_of.size(); ++i, ++n)
      sum += epochs_of[i].images_per_second;
    rate_sum += n ? sum / static_cast<double>(n) : r.images_per_second;
  }
  const double wall = last - first;
  const nlohmann::json j = {{"bench", "sweep"},
                            {"device", runs.front().device},
                            {"dataset", shape.name},
                            {"synthetic_data", shape.synthetic},
                            {"concurrent", concurrent},
                            {"threads_per_worker", threads},
                            {"jobs", jobs},
                            {"epochs_per_job", epochs},
                            {"width", width},
                            {"train_size", train_size},
                            {"val_size", data_opt.val_size},
                            {"batch", batch},
                            {"engine", runs.front().engine},
                            {"wall_s", std::round(wall * 100) / 100},
                            {"images_per_s", std::round(images / std::max(wall, 1e-9) * 10) / 10},
                            {"train_images_per_s",
                             std::round(concurrent * rate_sum / static_cast<double>(runs.size()) * 10) / 10}};
  std::cout << j.dump() << std::endl;
  if (!keep.empty()) LOG_INFO("kept the sweep store: ", db.string());
  return 0;
}

}  // namespace

int run_bench(const Args& args) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    const bool asked = !args.empty();
    (asked ? std::cout : std::cerr) << "Usage: nasrank bench <what> [options]\n\n"
                                       "  train   training throughput (see 'nasrank bench train --help')\n"
                                       "  sweep   a sweep's total throughput (see 'nasrank bench sweep --help')\n";
    return asked ? 0 : 2;
  }
  if (args[0] == "train") return run_bench_train(Args(args.begin() + 1, args.end()));
  if (args[0] == "sweep") return run_bench_sweep(Args(args.begin() + 1, args.end()));
  throw UsageError("unknown benchmark '" + args[0] + "' (known: train, sweep)");
}

}  // namespace nasrank::cli
