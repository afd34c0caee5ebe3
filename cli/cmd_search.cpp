// `nasrank search`: ranks a pool by training every architecture at a proxy budget (optionally as
// successive halving over budgets), and optionally retrains the best K at the full budget to
// confirm. The study library does the work (study/search.h); every rung is a sweep store.
#include <iostream>

#include "commands.h"
#include "nasrank/core/error.h"
#include "nasrank/study/search.h"
#include "recipe_options.h"
#include "stop_signals.h"

namespace nasrank::cli {

int run_search(const Args& args) {
  std::string pool_path, out, retrain, retrain_schedule = "linear";
  int top_k = 0, halving = 0, concurrent = 1;
  std::int64_t seeds = 1;
  double time_limit = 0;
  data::DatasetOptions dataset;
  trainer::TrainOptions device;
  po::options_description search("Search");
  // clang-format off
  search.add_options()
      ("pool", po::value(&pool_path)->required(), "pool file of architectures ('nasrank generate')")
      ("out", po::value(&out)->required(), "directory of the search: one sweep store per rung, ranking.json/.csv")
      ("pick", po::value(&top_k)->required()->notifier(at_least("pick", 1)),
       "how many of the best architectures the search names as its pick (and retrains with --retrain full)")
      ("retrain", po::value(&retrain), "'full': retrain the top K at the full budget to confirm their ranking")
      ("retrain-schedule", po::value(&retrain_schedule)->default_value(retrain_schedule),
       "schedule of the full-budget retraining (the paper trains its targets with linear)")
      ("halving", po::value(&halving)->default_value(0),
       "successive halving with factor ETA >= 2: keep the best 1/ETA at each rung and train them again at ETA "
       "times the budget, until one is left or the budget would pass the full budget (0: one rung)")
      ("seeds", po::value(&seeds)->default_value(seeds), "seeds per architecture and rung; the median counts")
      ("concurrent", po::value(&concurrent)->default_value(concurrent),
       "trainings side by side (as 'sweep run --concurrent')")
      ("time-limit", po::value(&time_limit)->default_value(0),
       "start no run after this many seconds (0: none); run the same command again to resume")
      ("force-replan", "DIR holds rungs planned with other settings (another --budget, recipe or pool): plan them "
                       "anew, keeping the finished runs the new plan still has");
  // clang-format on
  trainer::TrainOptions recipe;
  po::options_description desc("search options");
  desc.add(search).add(dataset_options(dataset)).add(recipe_options(recipe, true)).add(device_options(device));
  // clang-format off
  const CommandHelp help{
      "nasrank search --pool FILE --budget B --pick K --out DIR [--schedule SPEC] [--halving ETA] "
      "[--retrain full] [options]",
      "Ranks every architecture of a pool by its best validation accuracy after training at a proxy budget\n"
      "with a budget-aware schedule (the paper's finding: linear decay at a small budget ranks best), and\n"
      "names the best K (--pick K). Runs: one per architecture and seed at the proxy budget. With\n"
      "--halving ETA the search runs rungs: rung 0 trains all n at budget B, rung r trains the best ceil(n_{r-1}/ETA) of\n"
      "rung r-1 afresh at B x ETA^r (about n x B x (1 + 1 + ...) epochs in all: each rung costs about\n"
      "as much as the first). With --retrain full the top K are trained again at the full budget, and\n"
      "the ranking shows their full-budget accuracy beside the proxy's. Each rung is a sweep store in\n"
      "DIR (rung-0.db, rung-1.db, ..., retrain.db): run the same command again to resume, and inspect a\n"
      "rung with 'nasrank sweep status --db DIR/rung-0.db'. The ranking goes to stdout and to\n"
      "DIR/ranking.json and DIR/ranking.csv. The recipe's defaults are those of 'train' (a small scale;\n"
      "--paper for the paper's). A DIR whose rungs were planned with other settings is refused unless\n"
      "--force-replan is given.",
      "  nasrank search --pool pool.json --budget 2ep --pick 5 --out out/search    # 2 of 20 epochs, small scale\n"
      "  nasrank search --pool pool.json --budget 1ep --full-epochs 40 --halving 3 --pick 3 --retrain full \\\n"
      "      --train-size 8192 --width 0.125 --concurrent 2 --out out/halving",
      {{"top-k", "pick"}}};
  // clang-format on
  po::variables_map vm;
  if (!parse_args(args, help, desc, vm)) return 0;
  apply_switches(vm, recipe);
  apply_switches(vm, device);
  if (vm["budget"].defaulted()) throw UsageError("give the proxy budget with --budget (e.g. 2ep or 0.01)");
  check_recipe(recipe);
  if (vm.count("retrain") && retrain != "full") throw UsageError("--retrain takes 'full' (got '" + retrain + "')");
  if (halving == 1 || halving < 0)
    throw UsageError("--halving must be 0 (off) or at least 2 (got " + std::to_string(halving) + ")");
  if (seeds < 1) throw UsageError("--seeds must be at least 1 (got " + std::to_string(seeds) + ")");
  if (concurrent < 1) throw UsageError("--concurrent must be at least 1 (got " + std::to_string(concurrent) + ")");

  study::SearchOptions options;
  options.pool = pool_path;
  options.out = out;
  options.dataset = dataset;
  options.recipe = recipe;
  options.device = device;
  options.top_k = top_k;
  options.retrain = vm.count("retrain") > 0;
  options.force_replan = vm.count("force-replan") > 0;
  options.retrain_schedule = retrain_schedule;
  options.halving = halving;
  options.seeds = seeds;
  options.concurrent = concurrent;
  options.time_limit = time_limit;
  install_stop_handlers(concurrent == 1 || device.device != "cpu");
  const study::SearchResult result = study::run_search(options, &stop_requests());
  std::cout << study::render_table(result);
  return result.interrupted ? stopped_exit_code() : 0;
}

}  // namespace nasrank::cli
