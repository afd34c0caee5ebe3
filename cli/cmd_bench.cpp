// `nasrank bench train`: training throughput of the recipe on the ResNet-18 base, as one JSON
// line, for docs/perf.md (compare with shared/anchors/pytorch_baseline.py in the same command).
#include <cmath>
#include <iostream>

#include <nlohmann/json.hpp>

#include "arch_source.h"
#include "commands.h"
#include "nasrank/core/error.h"
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

}  // namespace

int run_bench(const Args& args) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    const bool asked = !args.empty();
    (asked ? std::cout : std::cerr) << "Usage: nasrank bench <what> [options]\n\n"
                                       "  train   training throughput (see 'nasrank bench train --help')\n";
    return asked ? 0 : 2;
  }
  if (args[0] == "train") return run_bench_train(Args(args.begin() + 1, args.end()));
  throw UsageError("unknown benchmark '" + args[0] + "' (known: train)");
}

}  // namespace nasrank::cli
