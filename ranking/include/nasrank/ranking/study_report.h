// Renders StudyTables as Markdown (the paper's layout: schedules x budgets), JSON (one object)
// or CSV (one long table), so a command only has to build the tables and pick a format.
#pragma once

#include <string>

#include "nasrank/ranking/study.h"

namespace nasrank::ranking {

/// Tables 6, 7, 8 and 5 with the noise ceiling, the extra columns, the recommendation and the
/// excluded architectures; every tau is labelled with its variant.
std::string render_markdown(const StudyTables& tables);

/// One JSON object; undefined numbers are null. `indent` < 0 writes one line.
std::string render_json(const StudyTables& tables, int indent = 2);

/// One row per figure: table,schedule,budget_epochs,budget_fraction,budget,metric,value,lower,upper,n.
std::string render_csv(const StudyTables& tables);

}  // namespace nasrank::ranking
