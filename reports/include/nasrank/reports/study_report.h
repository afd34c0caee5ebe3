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
  /// Scatter plots per row in the HTML grid (one per budget reads best: a row is one schedule).
  int scatter_columns = 4;
};

/// One score's agreement with the full-budget ranking (issue 11's zero-cost proxies).
struct ZeroCostRow {
  std::string score;
  std::size_t n = 0;          ///< included architectures with a finite score
  std::size_t nonfinite = 0;  ///< included architectures whose score is NaN or infinite, left out
  std::size_t missing = 0;    ///< included architectures without this score
  ranking::ConfidenceInterval tau;  ///< the study's tau variant, with its bootstrap interval
  double spearman = std::numeric_limits<double>::quiet_NaN();
  double seconds_per_arch = std::numeric_limits<double>::quiet_NaN();  ///< mean over architectures
};

/// Every zero-cost score's tau against the study's target, in order of first appearance. Uses the
/// architectures `aggregate` includes; the tau variant and bootstrap come from `options`.
std::vector<ZeroCostRow> zero_cost_table(const std::vector<ZeroCostScore>& scores, const ranking::Aggregate& aggregate,
                                         const ranking::StudyOptions& options);

/// A point of the "tau against compute" picture: one way to rank, what it costs per architecture.
struct CostPoint {
  std::string family;  ///< "budgeted", "zero-cost" or "full budget"
  std::string name;    ///< schedule, score, or the reference schedule
  std::string budget;  ///< budget label for budgeted points, empty otherwise
  double seconds = std::numeric_limits<double>::quiet_NaN();  ///< per architecture
  ranking::ConfidenceInterval tau;
  bool frontier = false;  ///< no other point has at least its tau for less compute
};

/// Budgeted cells (mean run time per architecture), zero-cost scores, and the full budget's second
/// seed (the noise ceiling at the cost of a reference run); `frontier` marks the Pareto front.
std::vector<CostPoint> cost_points(const ranking::StudyTables& tables, const ranking::Aggregate& aggregate,
                                   const std::vector<ZeroCostRow>& zero_cost);

/// What was written.
struct ReportResult {
  std::filesystem::path dir;
  std::filesystem::path markdown;  ///< DIR/report.md
  std::filesystem::path html;      ///< DIR/report.html
  std::filesystem::path json;      ///< DIR/report.json
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
