// `nasrank study`: the whole job in one command, generate the pool, plan and run the sweep, rank,
// and write the report, resuming where it stopped when run again with the same --out. The study
// library does the work (study/study.h); DIR/commands.txt lists each step as a command of its own.
#include <iostream>

#include "commands.h"
#include "nasrank/core/log.h"
#include "nasrank/core/text_table.h"
#include "nasrank/generator/pool.h"
#include "nasrank/study/study.h"
#include "recipe_options.h"
#include "statistics_options.h"
#include "stop_signals.h"

namespace nasrank::cli {

int run_study(const Args& args) {
  std::string preset_name = "quick", out;
  study::Preset o;
  std::string mutations;
  std::string root;
  double time_limit = 0;
  std::string schedules, budgets;
  po::options_description desc("study options");
  // clang-format off
  desc.add_options()
      ("preset", po::value(&preset_name)->default_value(preset_name), "quick|cpu|gpu|paper (see the README for their cost)")
      ("out", po::value(&out)->required(), "directory of the study: pool.json, runs.db, tables.md, report/")
      ("dataset", po::value(&o.dataset)->notifier([](const std::string& v) { require_choice("dataset", v, data::dataset_names()); }), "override the preset's dataset")
      ("root", po::value(&root), "directory with the dataset files")
      ("archs", po::value(&o.archs)->notifier(at_least<std::int64_t>("archs", 2)), "architectures in the pool")
      ("pool-seed", po::value(&o.pool_seed), "seed of the pool")
      ("mutations", po::value(&mutations), "mutations per architecture, MIN..MAX")
      ("spread", po::value(&o.spread), "none|params|macs: how the pool is chosen among the draws (see 'nasrank generate --help')")
      ("max-params", po::value(&o.max_params)->notifier(at_least<std::int64_t>("max-params", 0)), "most parameters a member may have at width 1 (0: no limit)")
      ("schedules", po::value(&schedules), "comma-separated schedule specs")
      ("budgets", po::value(&budgets), "comma-separated budgets (0.05, 5%, 10ep)")
      ("seeds", po::value(&o.seeds)->notifier(at_least<std::int64_t>("seeds", 1)), "seeds of every configuration")
      ("reference-seeds", po::value(&o.reference_seeds)->notifier(at_least<std::int64_t>("reference-seeds", 0)), "seeds of the full-budget reference runs (0: as many as --seeds)")
      ("full-epochs", po::value(&o.full_epochs)->notifier(positive<double>("full-epochs")), "the full budget in epochs")
      ("width", po::value(&o.width)->notifier(positive<double>("width")), "channel multiplier")
      ("train-size", po::value(&o.train_size)->notifier(at_least<std::int64_t>("train-size", 0)), "train on the first N training images (0: all)")
      ("val-size", po::value(&o.val_size)->notifier(at_least<std::int64_t>("val-size", 0)), "validation images held out of training")
      ("device", po::value(&o.device)->notifier(require_device), "cpu|cuda|auto")
      ("concurrent", po::value(&o.concurrent)->notifier(at_least("concurrent", 1)), "trainings side by side (CPU: worker processes)")
      ("grad-norm", "record the full-gradient norm at every epoch end")
      ("evals-per-run", po::value(&o.evals_per_run)->notifier(at_least<std::int64_t>("evals-per-run", 0)),
       "validate each run at K evenly spaced steps instead of at each epoch end (0: epoch ends)")
      ("no-zero-cost", "skip the zero-cost scores (synflow, snip, ...) that the report compares with the budgets")
      ("time-limit", po::value(&time_limit)->default_value(0),
       "seconds after which no new training run starts; run the same command again to resume");
  // clang-format on
  ranking::StudyOptions stats;
  desc.add(statistics_options(stats));
  std::string preset_list;
  for (const auto& p : study::presets())
    preset_list += "  " + p.name + std::string(8 - p.name.size(), ' ') + p.summary + "\n";
  // clang-format off
  const CommandHelp help{
      "nasrank study --out DIR [--preset NAME] [overrides]",
      "Runs a whole rank-prediction study: generates the pool (DIR/pool.json), plans the sweep\n"
      "(DIR/runs.db: every architecture under every schedule and budget, plus the full-budget reference runs),\n"
      "runs it, ranks the results (DIR/tables.md) and writes the report (DIR/report/report.html and .md).\n"
      "Run the same command again to resume an interrupted study; the steps it takes are written to\n"
      "DIR/commands.txt so that each can be run by hand. Presets:\n" + preset_list,
      "  nasrank study --preset quick --out out/quick\n"
      "  nasrank study --preset cpu --out out/cpu --time-limit 3000     # resumable in slices\n"
      "  nasrank study --preset paper --dataset cifar10 --root ~/data/cifar-10-batches-bin --out out/paper"};
  // clang-format on
  po::variables_map vm;
  if (!parse_args(args, help, desc, vm)) return 0;
  // The preset first, then whatever the user gave explicitly.
  std::vector<std::string> preset_names;
  for (const auto& p : study::presets()) preset_names.push_back(p.name);
  require_choice("preset", preset_name, preset_names);
  study::Preset chosen = study::find_preset(preset_name);
  if (vm.count("dataset")) chosen.dataset = o.dataset;
  if (vm.count("archs")) chosen.archs = o.archs;
  if (vm.count("pool-seed")) chosen.pool_seed = o.pool_seed;
  if (vm.count("mutations")) parse_range("mutations", mutations, chosen.min_mutations, chosen.max_mutations);
  if (vm.count("spread")) chosen.spread = o.spread;
  if (vm.count("max-params")) chosen.max_params = o.max_params;
  if (vm.count("schedules")) chosen.schedules = checked_schedules("schedules", split_list(schedules, "schedules"));
  if (vm.count("budgets")) chosen.budgets = split_list(budgets, "budgets");
  if (vm.count("seeds")) chosen.seeds = o.seeds;
  if (vm.count("reference-seeds")) chosen.reference_seeds = o.reference_seeds;
  if (vm.count("full-epochs")) chosen.full_epochs = o.full_epochs;
  if (vm.count("width")) chosen.width = o.width;
  if (vm.count("train-size")) chosen.train_size = o.train_size;
  if (vm.count("val-size")) chosen.val_size = o.val_size;
  if (vm.count("device")) chosen.device = o.device;
  if (vm.count("concurrent")) chosen.concurrent = o.concurrent;
  if (vm.count("grad-norm")) chosen.grad_norm = true;
  if (vm.count("evals-per-run")) chosen.evals_per_run = o.evals_per_run;
  if (vm.count("no-zero-cost")) chosen.zero_cost = false;
  check_budgets("budgets", chosen.budgets, chosen.full_epochs);
  if (chosen.archs < 2) throw UsageError("--archs must be at least 2: a ranking needs two architectures");
  require_choice("spread", chosen.spread, generator::spread_names());  // before anything is written
  study::StudyOptions options;
  options.preset = chosen;
  options.out = out;
  options.dataset_root = root;
  options.time_limit = time_limit;
  options.statistics = stats;
  // With worker processes a second request is passed on to them rather than ending the study.
  install_stop_handlers(chosen.concurrent == 1 || chosen.device != "cpu");
  const study::StudyResult result = study::run_study(options, &stop_requests());
  std::cout << study::describe(options.out / "runs.db", result.plan) << "\n";
  if (result.interrupted) {
    LOG_WARN("the study was stopped; what finished is kept: run the same command again to resume where it stopped");
    return stopped_exit_code();
  }
  std::cout << result.report.html.string() << "\n";
  return 0;
}

}  // namespace nasrank::cli
