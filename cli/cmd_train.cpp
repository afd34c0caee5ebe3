// `nasrank train`: one budgeted training run of one architecture, recorded as JSON.
#include "arch_source.h"
#include "commands.h"
#include "nasrank/core/error.h"
#include "nasrank/core/log.h"
#include "recipe_options.h"

namespace nasrank::cli {

int run_train(const Args& args) {
  data::DatasetOptions data_opt;
  trainer::TrainOptions opt;
  ArchSource arch;
  po::options_description desc("train options");
  desc.add(arch_options(arch)).add(dataset_options(data_opt)).add(recipe_options(opt, true)).add(device_options(opt));
  po::options_description out_opts("Output");
  // clang-format off
  out_opts.add_options()
      ("grad-norm", "record the full-gradient norm over the training set at every epoch end (paper Sec. 5)")
      ("test", "also evaluate on the test set at the end")
      ("evals-per-run", po::value(&opt.evals_per_run)->notifier(at_least<std::int64_t>("evals-per-run", 0)),
       "validate at K evenly spaced steps instead of at each epoch end (finer best-checkpoint progress)")
      ("out", po::value<std::string>(), "write the run record (JSON) here instead of stdout");
  // clang-format on
  desc.add(out_opts);
  // clang-format off
  const CommandHelp help{
      "nasrank train (--pool FILE --arch ID | --base resnet18) [options]",
      "Trains one architecture under a budget and a learning-rate schedule with SGD (the paper's recipe:\n"
      "lr 0.1, momentum 0.9, weight decay 5e-4, batch 128, pad-4 crop and flip). A budget of T steps runs\n"
      "exactly T optimizer steps and the schedule sees p = t/T at every step. Prints one progress line per\n"
      "epoch to stderr and writes the run record (per-epoch curves, best and final validation accuracy,\n"
      "status ok|diverged|untrainable, engine graph|eager) as JSON. The defaults train at a small scale\n"
      "(width 1/8, the first 8192 images, a full budget of 20 epochs), so that a first run on a CPU takes\n"
      "minutes, not hours; --paper trains at the paper's (width 1, every image, 200 epochs).",
      "  nasrank train --base resnet18 --budget 2ep                       # 2 of 20 epochs at the small scale\n"
      "  nasrank train --pool pool.json --arch a003 --schedule cosine --budget 0.05 --paper --out run.json\n"
      "  nasrank train --base resnet18 --device cuda --paper --budget 10ep --grad-norm --test"};
  // clang-format on
  po::variables_map vm;
  if (!parse_args(args, help, desc, vm)) return 0;
  apply_switches(vm, opt);
  opt.grad_norm = vm.count("grad-norm") > 0;
  opt.test = vm.count("test") > 0;
  check_recipe(opt);
  const auto out = optional_path(vm, "out");
  if (out) check_output_path("out", *out);  // before the training, not after it

  // A --val-size or --train-size beyond the split is known once the data is read: still a usage error.
  const data::Dataset dataset = options_checked([&] { return data::load_dataset(data_opt); });
  const ResolvedArch resolved = resolve_arch(arch, dataset);
  opt.arch_id = resolved.id;
  options_checked([&] { trainer::check_fits(resolved.spec, dataset, opt); });  // before the warning below
  if (dataset.synthetic) LOG_WARN("training on SYNTHETIC data: the result says nothing about real datasets");
  const trainer::RunRecord record = options_checked([&] { return trainer::train(resolved.spec, dataset, opt); });
  LOG_INFO(record.arch, ": ", record.status, ", best val acc ", record.best_val_acc, " at step ", record.best_step, "/",
           record.steps, ", ", record.seconds, " s");
  emit(trainer::to_json(record).dump(2) + "\n", out);
  return 0;
}

}  // namespace nasrank::cli
