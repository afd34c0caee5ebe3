// `nasrank import`: a study from runs trained elsewhere (a PyTorch loop, NAS-Bench-201 / NATS-Bench,
// an HPO tool), one row per run in CSV or JSON lines, into a new sweep store that rank, report and
// sweep export read as they read a sweep of nasrank's own (docs/import.md).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace nasrank::study {

struct ImportOptions {
  /// The runs: CSV with a header row, or JSON lines (one object per line).
  std::filesystem::path input;
  /// csv | jsonl | auto (by the file's extension: .jsonl and .ndjson are JSON lines).
  std::string format = "auto";
  /// The new store; it must not exist yet.
  std::filesystem::path db;
  /// The full budget in epochs, to read budgets written "Nep". 0: from the budget_epochs and
  /// budget_fraction columns when the file has them (as 'sweep export' writes), else 1 (budgets
  /// are then fractions of the full budget and print as such).
  double full_epochs = 0;
  /// The column ranked as the budgeted result (the best validation accuracy within the budget).
  /// "val_acc" reads best_val_acc when the file has no val_acc column.
  std::string metric = "val_acc";
  /// False for a metric where lower is better (a loss, an error rate): it is negated, and says so.
  bool higher_is_better = true;
  /// The schedule of rows without a schedule column.
  std::string default_schedule = "imported";
  /// The schedule whose full-budget rows are the reference runs; empty: the only schedule with
  /// full-budget rows ("linear" when several have them).
  std::string reference_schedule;
};

struct ImportOutcome {
  std::int64_t runs = 0;
  std::int64_t references = 0;
  std::int64_t architectures = 0;
  double full_epochs = 0;
  std::vector<std::string> ignored_columns;  ///< columns import does not read, left out of the store
};

/// Reads every row, checks them all, then writes the store in one transaction under a temporary
/// name and renames it to `db`: a bad row is an Error naming its line, and nothing is written.
ImportOutcome import_runs(const ImportOptions& options);

/// The columns import reads (the rest are ignored and reported).
const std::vector<std::string>& import_columns();

}  // namespace nasrank::study
