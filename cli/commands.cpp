#include "commands.h"

namespace nasrank::cli {

const std::vector<Command>& all_commands() {
  static const std::vector<Command> commands = {
      {"study", "a whole study in one command: pool, sweep, ranking and report (resumable)", run_study},
      {"generate", "write a seeded pool of random ResNet-18 mutations", run_generate},
      {"describe", "list a pool's architectures (params, MACs, mutations)", run_describe},
      {"data", "inspect datasets: 'data info' prints shapes, splits and class counts", run_data},
      {"train", "train one architecture under a budget and a schedule (CPU or CUDA)", run_train},
      {"schedules", "evaluate budget-aware learning-rate schedules (CSV, table, SVG)", run_schedules},
      {"correlate", "rank correlations between two columns of a CSV file", run_correlate},
      {"sweep", "plan, run, watch, export and merge studies of many training runs", run_sweep},
      {"import", "a study from runs trained elsewhere (CSV or JSON lines) into a new sweep store", run_import},
      {"rank", "the study's tables: Kendall's tau per schedule and budget, the recommendation", run_rank},
      {"report", "a study's report: Markdown, self-contained HTML, CSV, JSON and SVG figures", run_report},
      {"proxies", "zero-cost proxy scores of a pool's architectures at initialisation", run_proxies},
      {"search", "rank a pool at a proxy budget (successive halving, full-budget retraining of the top K)", run_search},
      {"bench", "benchmarks: 'bench train' and 'bench sweep' measure training throughput", run_bench},
  };
  return commands;
}

}  // namespace nasrank::cli
