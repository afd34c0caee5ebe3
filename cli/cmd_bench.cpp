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
#include "nasrank/study/bench.h"
#include "recipe_options.h"
#include "stop_signals.h"

namespace nasrank::cli {
namespace {

int run_bench_train(const Args& args) {
  data::DatasetOptions data_opt;
  trainer::TrainOptions opt;
  ArchSource arch;
  std::int64_t steps = 100, warmup = 10;
  po::options_description desc("bench train options");
  // A benchmark times steps at the constant --lr: the schedule, budget and full budget play no part.
  po::options_description recipe("Recipe (defaults: the paper's Sec. 4.1)");
  const po::options_description all_recipe = recipe_options(opt);
  for (const auto& option : all_recipe.options()) {
    const std::string name = option->long_name();
    if (name != "schedule" && name != "budget" && name != "full-epochs") recipe.add(option);
  }
  desc.add(arch_options(arch)).add(dataset_options(data_opt)).add(recipe).add(device_options(opt));
  po::options_description timing("Timing");
  // clang-format off
  timing.add_options()
      ("steps", po::value(&steps)->default_value(steps)->notifier(at_least<std::int64_t>("steps", 1)), "timed training steps")
      ("warmup", po::value(&warmup)->default_value(warmup)->notifier(at_least<std::int64_t>("warmup", 0)), "untimed steps first (after set-up)");
  // clang-format on
  desc.add(timing);
  // clang-format off
  const CommandHelp help{
      "nasrank bench train [--device cpu|cuda] [--batch 128] [--width W] [--steps N] [options]",
      "Times training steps of the recipe (forward, backward, SGD update, augmentation included) and prints\n"
      "one JSON line: device, threads, engine, images per second over the timed steps, and the set-up\n"
      "seconds before the first timed step (network build, data upload, cuDNN autotuning, CUDA graph\n"
      "capture and its check, warm-up steps). Compare with the PyTorch reference in the same command:\n"
      "bench/cpu_train_vs_reference.sh does that on the CPU. The recipe's defaults are the paper's network\n"
      "(width 1, every image), unlike 'train': a benchmark measures the network the paper trains.",
      "  nasrank bench train --device cpu --width 0.125 --train-size 8192 --steps 64\n"
      "  nasrank bench train --device cuda --batch 128 --steps 300"};
  // clang-format on
  po::variables_map vm;
  if (!parse_args(args, help, desc, vm)) return 0;
  apply_switches(vm, opt);
  const data::Dataset dataset = options_checked([&] { return data::load_dataset(data_opt); });
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

int run_bench_sweep(const Args& args) {
  study::BenchSweepOptions o;
  po::options_description desc("bench sweep options");
  // clang-format off
  desc.add_options()
      ("device", po::value(&o.device)->default_value(o.device)->notifier(require_device), "cpu|cuda|auto")
      ("concurrent", po::value(&o.concurrent)->default_value(o.concurrent)->notifier(at_least("concurrent", 0)),
       "trainings side by side (0: one per core on the CPU, 1 on a GPU)")
      ("threads", po::value(&o.threads)->default_value(o.threads)->notifier(at_least("threads", 0)), "CPU threads per training (0: the cores split evenly)")
      ("jobs", po::value(&o.jobs)->default_value(o.jobs)->notifier(at_least<std::int64_t>("jobs", 0)), "training runs in the sweep (0: twice --concurrent)")
      ("epochs", po::value(&o.epochs)->default_value(o.epochs)->notifier(positive<double>("epochs")), "epochs of each run")
      ("width", po::value(&o.width)->default_value(o.width)->notifier(positive<double>("width")), "channel multiplier of the base network (1/8, as 'train' and unlike 'bench train', which measures the paper's network: sized for a CPU measurement)")
      ("train-size", po::value(&o.train_size)->default_value(o.train_size)->notifier(at_least<std::int64_t>("train-size", 0)), "training images, the first N (0: all; 8192, as 'train' and unlike 'bench train': sized for a CPU measurement)")
      ("batch", po::value(&o.batch)->default_value(o.batch)->notifier(at_least<std::int64_t>("batch", 1)), "batch size")
      ("keep", po::value(&o.keep), "keep the sweep store in this directory (default: a scratch one, removed)");
  // clang-format on
  desc.add(dataset_options(o.dataset));
  // clang-format off
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
  // clang-format on
  po::variables_map vm;
  if (!parse_args(args, help, desc, vm)) return 0;
  install_stop_handlers(o.concurrent == 1 || o.device != "cpu");
  std::cout << study::bench_sweep(o, &stop_requests()).dump() << std::endl;
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
  throw UsageError("unknown benchmark '" + args[0] + "'" + did_you_mean(args[0], {"train", "sweep"}) +
                   " (known: train, sweep)");
}

}  // namespace nasrank::cli
