// The study report of `nasrank report`: settings, Tables 5-8 with their intervals and the noise
// ceiling, the recommendation, failed architectures, a per-architecture table, zero-cost scores
// beside the budgeted proxies, and the figures, written as Markdown, self-contained HTML, CSV and
// JSON into one directory.
#pragma once

#include <cstddef>
#include <filesystem>
#include <limits>
#include <string>
#include <vector>

#include "nasrank/ranking/bootstrap.h"
#include "nasrank/ranking/study.h"
#include "nasrank/reports/document.h"
#include "nasrank/reports/study_input.h"

namespace nasrank::reports {

struct ReportOptions {
  /// Tau variant, bootstrap, top-k, tolerance and significance of every table (ranking/study.h).
  ranking::StudyOptions study;
  /// The report's heading.
  std::string title = "Rank prediction under training budgets";
  /// The gnuplot executable, looked up in PATH (Debian package gnuplot-nox).
  std::string gnuplot = "gnuplot";
  /// Draw the figures; false writes only their gnuplot scripts and data.
  bool figures = true;
};

/// One score's agreement with the full-budget ranking, and one way to rank with its cost
/// (ranking/study.h computes both; the report shows them).
using ZeroCostRow = ranking::ZeroCostRow;
using CostPoint = ranking::CostPoint;

/// What was written.
struct ReportResult {
  std::filesystem::path dir;
  std::filesystem::path markdown;              ///< DIR/report.md
  std::filesystem::path html;                  ///< DIR/report.html
  std::filesystem::path json;                  ///< DIR/report.json
  std::vector<std::filesystem::path> tables;   ///< DIR/tables/*.csv
  std::vector<std::filesystem::path> figures;  ///< DIR/figures/*.svg that were drawn
  std::size_t figures_not_drawn = 0;
  /// One line each for the user: an unfinished sweep, gnuplot missing and how to draw the figures.
  std::vector<std::string> notices;
};

/// Writes DIR/report.md, DIR/report.html (self-contained), DIR/report.json (every number),
/// DIR/tables/*.csv (one per table) and DIR/figures/*.{svg,gp,dat}. Everything is written into a
/// temporary directory beside DIR and renamed into place, so DIR holds a whole report or its old
/// contents. An existing DIR is replaced only when it is empty or holds an earlier nasrank report.
///
/// Throws nasrank::Error, writing nothing, when there is nothing to report: no runs at all, or only
/// reference (full-budget) runs, so that no small-budget result exists to compare with them. The
/// message says so with the sweep's progress, for the CLI to print. An unfinished sweep otherwise
/// gives a report of what is done that lists what is missing. Without gnuplot the report is complete
/// in its tables and keeps every figure's script and data, with a line on how to draw them.
ReportResult write_study_report(const StudyReportInput& input, const std::filesystem::path& out_dir,
                                const ReportOptions& options = {});

}  // namespace nasrank::reports
