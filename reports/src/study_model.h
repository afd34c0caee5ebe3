// Private to the reports library: what the study report computes once from its input (the ranking
// tables, the aggregate, zero-cost taus, the cost points) and shares between figures and document.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "nasrank/reports/document.h"
#include "nasrank/reports/gnuplot.h"
#include "nasrank/reports/study_report.h"

namespace nasrank::reports::detail {

struct StudyModel {
  const StudyReportInput* input = nullptr;
  ReportOptions options;
  ranking::StudyTables tables;
  ranking::Aggregate aggregate;
  std::set<std::string> included;    ///< architectures in the correlations
  std::string reference_schedule;    ///< of the reference runs ("" when there are none)
  std::vector<std::string> notices;  ///< unfinished sweep, missing reference runs, ...
};

/// Checks the input (throws nasrank::Error when there is nothing to report) and computes the model.
StudyModel make_model(const StudyReportInput& input, const ReportOptions& options);

/// A figure to draw and how the document lists it.
struct PlannedFigure {
  FigureEntry entry;
  Figure figure;
};

struct FigurePlan {
  std::vector<PlannedFigure> figures;
  /// Figure groups left out for want of data, with the reason: "grad_norm" -> "no run recorded ...".
  std::map<std::string, std::string> skipped;
};

FigurePlan plan_figures(const StudyModel& model);

/// The report's sections, tables and figure placements. `figures` are the planned entries with
/// `rendered` and `message` filled in after drawing.
ReportDocument build_document(const StudyModel& model, const std::vector<FigureEntry>& figures,
                              const std::map<std::string, std::string>& skipped);

/// "linear", "1 (0.5%)" -> a file-name-safe stem "linear_1ep".
std::string file_stem(const std::string& text);

}  // namespace nasrank::reports::detail
