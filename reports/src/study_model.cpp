// From the report's input to what every part of the report shares: the ranking tables, the zero-cost
// taus and the cost of each way to rank, with the checks that decide whether there is a report.
#include "study_model.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <sstream>

#include "nasrank/core/error.h"
#include "nasrank/core/text_table.h"
#include "nasrank/ranking/correlation.h"

namespace nasrank::reports {
namespace detail {
namespace {

std::string progress_phrase(const SweepProgress& p) {
  if (!p.known) return "";
  std::ostringstream os;
  os << p.done << " of " << p.total << " jobs done, " << p.pending << " pending, " << p.running << " running, "
     << p.failed << " failed";
  return os.str();
}

void check_input(const StudyReportInput& in) {
  const std::string progress = progress_phrase(in.progress);
  const std::string tail = progress.empty() ? "" : " (" + progress + ")";
  NASRANK_CHECK(!in.runs.empty(), "nothing to report: no run has finished", tail,
                "; run the sweep's workers first and report again");
  std::size_t references = 0;
  std::set<std::string> reference_archs;
  for (const auto& r : in.runs)
    if (r.reference) {
      ++references;
      reference_archs.insert(r.arch);
    }
  NASRANK_CHECK(references < in.runs.size(), "nothing to report: only reference (full-budget) runs have finished (",
                references, " runs of ", reference_archs.size(),
                " architectures), so there is no small-budget "
                "result to compare with them",
                tail, "; report again once small-budget runs are done");
  for (const auto& c : in.schedule_curves)
    NASRANK_CHECK(c.p.size() == c.ratio.size() && !c.p.empty(), "schedule curve '", c.name, "' has ", c.p.size(),
                  " progress values and ", c.ratio.size(), " ratios: give as many of each, at least one");
  for (const auto& r : in.runs)
    for (const auto& e : r.curve.evaluations)
      NASRANK_CHECK(std::isfinite(e.epoch), "curve of arch '", r.arch, "' (", r.schedule, ", ",
                    format_number(r.budget_epochs), " epochs, seed ", r.seed, ") has an epoch that is not a number");
}

}  // namespace

std::string file_stem(const std::string& text) {
  std::string out;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '-' || c == '.') out += c;
    else if (!out.empty() && out.back() != '_') out += '_';
  }
  while (!out.empty() && (out.back() == '_' || out.back() == '.')) out.pop_back();
  return out.empty() ? "x" : out;
}

StudyModel make_model(const StudyReportInput& input, const ReportOptions& options) {
  check_input(input);
  StudyModel m;
  m.input = &input;
  m.options = options;
  m.tables = ranking::build_study_tables(input.runs, options.study, input.zero_cost);
  m.aggregate = ranking::aggregate_runs(input.runs);
  m.included.insert(m.aggregate.archs.begin(), m.aggregate.archs.end());
  for (const auto& r : input.runs)
    if (r.reference) {
      m.reference_schedule = r.schedule;
      break;
    }

  const SweepProgress& p = input.progress;
  if (p.known && !p.finished())
    m.notices.push_back("The sweep is unfinished: " + progress_phrase(p) +
                        ". The tables use the runs that are done; what is missing is listed under Progress.");
  const bool any_reference =
      std::any_of(input.runs.begin(), input.runs.end(), [](const auto& r) { return r.reference; });
  if (m.aggregate.archs.empty())
    m.notices.push_back(
        p.finished() && any_reference
            // Nothing is still to come: waiting would not help.
            ? "No architecture has a usable reference (full-budget) run: each one's reference runs diverged or were "
              "untrainable (listed under Untrainable and diverged architectures), so no correlation can be computed "
              "and every table below is empty."
            : "No architecture has a usable reference (full-budget) run yet, so no correlation can be computed: "
              "every table below is empty until reference runs finish.");
  return m;
}

}  // namespace detail

}  // namespace nasrank::reports
