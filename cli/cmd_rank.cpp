// `nasrank rank`: the study's tables (the paper's Tables 5-8, the noise ceiling, the
// recommendation) from a sweep store.
#include <algorithm>

#include "commands.h"
#include "nasrank/core/error.h"
#include "nasrank/core/log.h"
#include "nasrank/ranking/study_report.h"
#include "study_source.h"

namespace nasrank::cli {

int run_rank(const Args& args) {
  std::string db, format = "markdown";
  ranking::StudyOptions options;
  po::options_description desc("rank options");
  desc.add_options()
      ("db", po::value(&db)->required(), "the sweep store")
      ("format", po::value(&format)->default_value(format), "markdown|csv|json")
      ("out", po::value<std::string>(), "write here instead of stdout");
  desc.add(study_options(options));
  const CommandHelp help{
      "nasrank rank --db runs.db [--format markdown|csv|json] [options]",
      "Aggregates the finished runs as Appendix A of the paper does (per architecture, schedule and budget\n"
      "the median over seeds of the best validation accuracy; the full-budget target is the median of the\n"
      "reference runs; architectures whose reference runs diverged or stayed at chance are left out and\n"
      "counted) and prints Table 6 (Kendall's tau-b of each schedule's small-budget ranking against the\n"
      "full-budget ranking, with bootstrap intervals), Spearman, weighted tau and top-k beside it, the noise\n"
      "ceiling (tau between two full-budget seeds), Tables 7, 8 and 5, and the recommendation: the schedule\n"
      "to use at each budget and the cheapest budget within --tolerance of the best, in seconds of compute.\n"
      "When the sweep stored zero-cost scores ('sweep run --zero-cost'), each score's tau against the same\n"
      "target is listed beside them and the recommendation weighs both families on one axis of compute.",
      "  nasrank rank --db runs.db\n"
      "  nasrank rank --db runs.db --format json --out tables.json\n"
      "  nasrank rank --db runs.db --tau spearman --tolerance 0.05"};
  po::variables_map vm;
  if (!parse_args(args, help, desc, vm)) return 0;
  require_choice("format", format, {"markdown", "csv", "json"});
  (void)ranking::find_statistic(options.tau_variant);  // an unknown name is a clear error here
  NASRANK_CHECK(reference_runs_planned(db), db, " was planned without reference (full-budget) runs ('sweep plan "
                "--no-reference-runs', as 'nasrank search' plans its rungs), so there is no full-budget ranking to "
                "rank against; plan a study with them");
  const auto runs = load_runs(db);
  NASRANK_CHECK(!runs.empty(), db, " has no finished runs yet (see 'nasrank sweep status --db ", db, "')");
  NASRANK_CHECK(std::any_of(runs.begin(), runs.end(), [](const ranking::RunResult& r) { return !r.reference; }),
                db, " has only reference (full-budget) runs finished, so there is no small-budget result to rank "
                "against them yet (see 'nasrank sweep status --db ", db, "')");
  const ranking::StudyTables tables = ranking::build_study_tables(runs, options, load_zero_cost(db));
  if (tables.architectures_used == 0) {
    // The tables print empty (the zero-cost costs and the exclusions still say something), so
    // say on stderr which reference runs are missing rather than leave a reader with blanks.
    std::size_t unfinished = 0;
    for (const auto& e : tables.excluded) unfinished += e.reason.rfind("no reference", 0) == 0;
    LOG_WARN(db, " has no architecture with a usable reference (full-budget) run, so every correlation is empty (of ",
             tables.architectures_seen, " architectures, without a finished reference run: ", unfinished,
             "; with reference runs that diverged, stayed untrainable or gave no accuracy: ",
             tables.excluded.size() - unfinished, "; see 'nasrank sweep status --db ", db, "')");
  }
  const std::string text = format == "json" ? ranking::render_json(tables) + "\n"
                           : format == "csv" ? ranking::render_csv(tables)
                                             : ranking::render_markdown(tables);
  emit(text, optional_path(vm, "out"));
  return 0;
}

}  // namespace nasrank::cli
