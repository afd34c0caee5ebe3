#include "commands.h"

namespace nasrank::cli {

const std::vector<Command>& all_commands() {
  static const std::vector<Command> commands = {
      {"generate", "write a seeded pool of random ResNet-18 mutations", run_generate},
      {"describe", "list a pool's architectures (params, MACs, mutations)", run_describe},
      {"data", "inspect datasets: 'data info' prints shapes, splits and class counts", run_data},
      {"train", "train one architecture under a budget and a schedule (CPU or CUDA)", run_train},
      {"schedules", "evaluate budget-aware learning-rate schedules (CSV, table, SVG)", run_schedules},
      {"correlate", "rank correlations between two columns of a CSV file", run_correlate},
      {"sweep", "plan, run, watch, export and merge studies of many training runs", run_sweep},
      {"bench", "benchmarks: 'bench train' measures training throughput", run_bench},
  };
  return commands;
}

}  // namespace nasrank::cli
