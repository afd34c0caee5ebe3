// Renders StudyTables as Markdown (the paper's layout: schedules x budgets), JSON (one object)
// or CSV (one long table), so a command only has to build the tables and pick a format.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "nasrank/ranking/study.h"

namespace nasrank::ranking {

/// Tables 6, 7, 8 and 5 with the noise ceiling, the extra columns, the recommendation and the
/// excluded architectures; every tau is labelled with its variant.
std::string render_markdown(const StudyTables& tables);

/// `rank --format json`'s format and version: version 2 holds every table once, under "tables", in
/// its data form (docs/reports.md).
inline constexpr const char* kRankFormat = "nasrank-rank";
inline constexpr int kRankVersion = 2;

/// What the study says beyond its tables, one to_json per struct: the options, the architectures
/// counted, schedules and budgets, the target's reliability, size as a baseline, the sample-size
/// advice and the recommendation (without its rows, which are tables). The report embeds it as
/// "study"; undefined numbers are null.
nlohmann::json study_json(const StudyTables& tables);

/// {"format", "version"}, study_json() and "tables": every table of tables::all() by its id, in
/// its data form (table_json). `indent` < 0 writes one line.
std::string render_json(const StudyTables& tables, int indent = 2);

/// Long (tidy) form: every number of tables::all() melted into one table (long_csv), one row per
/// table, proxy, schedule, budget and statistic; text and flags are in the tables' own CSV files.
std::string render_csv(const StudyTables& tables);

}  // namespace nasrank::ranking
