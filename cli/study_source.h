// Reads a sweep store into the plain structs the ranking and the reports take: the glue between
// the trainer's SQLite store and the torch-free ranking/ and reports/ libraries.
#pragma once

#include <filesystem>
#include <vector>

#include "nasrank/ranking/study.h"
#include "nasrank/reports/study_input.h"

namespace nasrank::cli {

/// Every finished run of the store, as ranking rows. Throws nasrank::Error for a missing or
/// foreign database.
std::vector<ranking::RunResult> load_runs(const std::filesystem::path& db);

/// False when the store's study was planned without full-budget reference runs ('sweep plan
/// --no-reference-runs', as 'nasrank search' plans its rungs): it then has no target ranking.
bool reference_runs_planned(const std::filesystem::path& db);

/// The zero-cost scores the store holds (none for a sweep run without --zero-cost).
std::vector<ranking::ZeroCostScore> load_zero_cost(const std::filesystem::path& db);

/// Everything `nasrank report` shows: settings, runs, the pool, curves, schedule shapes, progress.
reports::StudyReportInput load_report_input(const std::filesystem::path& db);

}  // namespace nasrank::cli

#include "command.h"

namespace nasrank::cli {

/// --tau, --bootstrap, --confidence, --bootstrap-seed, --tolerance, --significance, --top-k: the
/// statistics options of `rank`, `report` and `study`.
po::options_description study_options(ranking::StudyOptions& options);

}  // namespace nasrank::cli
