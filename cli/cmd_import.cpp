// `nasrank import`: a study from runs trained elsewhere, one row per run (CSV or JSON lines), into
// a new sweep store that rank, report and sweep export read (docs/import.md).
#include <iostream>

#include "commands.h"
#include "nasrank/core/error.h"
#include "nasrank/study/import.h"

namespace nasrank::cli {

int run_import(const Args& args) {
  study::ImportOptions options;
  std::string input, db;
  po::options_description desc("import options");
  // clang-format off
  desc.add_options()
      ("csv", po::value(&input), "the runs, one row each, with a header row")
      ("jsonl", po::value<std::string>(), "the runs as JSON lines, one object each (instead of --csv)")
      ("db", po::value(&db)->required(), "the new sweep store (must not exist)")
      ("full-epochs", po::value(&options.full_epochs), "the full budget in epochs, to read budgets written Nep")
      ("metric", po::value(&options.metric)->default_value(options.metric), "the column ranked as the budgeted result")
      ("higher-is-better", "the metric is better when larger (the default)")
      ("lower-is-better", "the metric is better when smaller (a loss, an error): it is negated")
      ("default-schedule", po::value(&options.default_schedule)->default_value(options.default_schedule),
       "the schedule of rows without a schedule column")
      ("reference-schedule", po::value(&options.reference_schedule),
       "the schedule whose full-budget rows are the target (default: the only one with full-budget rows)");
  // clang-format on
  // clang-format off
  const CommandHelp help{
      "nasrank import --csv runs.csv --db runs.db [options]",
      "Reads one row per training run (columns arch, budget, seed and val_acc, and optionally schedule,\n"
      "status, seconds, params, macs, train_loss and val_loss curves; docs/import.md) and writes a new sweep\n"
      "store of them, which rank, report and sweep export read as they read a sweep of nasrank's own. Budgets\n"
      "are written as 'sweep plan --budgets' takes them; the full budget's rows are the reference runs. Every\n"
      "row is checked first: a bad one is an error naming its line, and nothing is written.",
      "  nasrank import --csv runs.csv --db runs.db --full-epochs 200\n"
      "  nasrank import --jsonl nats.jsonl --db nats.db --full-epochs 200 --metric valid_loss --lower-is-better\n"
      "  nasrank sweep export --db a.db --format csv --out a.csv && nasrank import --csv a.csv --db b.db"};
  // clang-format on
  po::variables_map vm;
  if (!parse_args(args, help, desc, vm)) return 0;
  if (vm.count("jsonl")) {
    if (!input.empty()) throw UsageError("give --csv or --jsonl, not both");
    input = vm["jsonl"].as<std::string>();
    options.format = "jsonl";
  } else if (input.empty()) {
    throw UsageError("give the runs with --csv FILE or --jsonl FILE");
  } else {
    options.format = "csv";
  }
  if (vm.count("higher-is-better") && vm.count("lower-is-better"))
    throw UsageError("give --higher-is-better or --lower-is-better, not both");
  options.higher_is_better = vm.count("lower-is-better") == 0;
  options.input = input;
  options.db = db;
  const study::ImportOutcome out = study::import_runs(options);
  std::cout << "imported " << out.runs << " runs of " << out.architectures << " architectures (" << out.references
            << " reference runs) into " << db << "\n";
  if (!out.ignored_columns.empty()) {
    std::cout << "ignored columns:";
    for (const auto& c : out.ignored_columns) std::cout << " " << c;
    std::cout << "\n";
  }
  return 0;
}

}  // namespace nasrank::cli
