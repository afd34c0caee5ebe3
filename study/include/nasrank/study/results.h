// Reads a sweep store into the plain structs the ranking and the reports take: the glue between
// the sweep store and the torch-free ranking/ and reports/ libraries.
#pragma once

#include <filesystem>
#include <vector>

#include "nasrank/ranking/study.h"
#include "nasrank/reports/study_input.h"
#include "nasrank/reports/study_report.h"

namespace nasrank::study {

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
