// Reads a sweep store into the plain structs the ranking and the reports take: the glue between
// the sweep store and the torch-free ranking/ and reports/ libraries.
#pragma once

#include <filesystem>
#include <vector>

#include "nasrank/ranking/study.h"
#include "nasrank/reports/study_input.h"
#include "nasrank/reports/study_report.h"

namespace nasrank::study {

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

/// The study's tables (what `nasrank rank` prints) from the store's finished runs and zero-cost
/// scores. Throws nasrank::Error when there is nothing to rank: a store planned without reference
/// runs, no finished run, or only reference runs. Warns when no architecture has a usable target.
ranking::StudyTables rank_store(const std::filesystem::path& db, const ranking::StudyOptions& options);

/// Writes the report of the store into `out` (reports/study_report.h says what it holds).
reports::ReportResult report_store(const std::filesystem::path& db, const std::filesystem::path& out,
                                   const reports::ReportOptions& options);

}  // namespace nasrank::study
