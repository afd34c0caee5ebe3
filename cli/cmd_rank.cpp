// `nasrank rank`: the study's tables (the paper's Tables 5-8, the noise ceiling, the
// recommendation) from a sweep store.
#include "commands.h"
#include "nasrank/ranking/study_report.h"
#include "nasrank/study/results.h"
#include "statistics_options.h"

namespace nasrank::cli {

int run_rank(const Args& args) {
  std::string db, format = "markdown";
  ranking::StudyOptions options;
  po::options_description desc("rank options");
  // clang-format off
  desc.add_options()
      ("db", po::value(&db)->required(), "the sweep store")
      ("format", po::value(&format)->default_value(format), "markdown|csv|json")
      ("out", po::value<std::string>(), "write here instead of stdout");
  // clang-format on
  desc.add(statistics_options(options));
  // clang-format off
  const CommandHelp help{
      "nasrank rank --db runs.db [--format markdown|csv|json] [options]",
      "Aggregates the finished runs as Appendix A of the paper does (per architecture, schedule and budget\n"
      "the median over seeds of the best validation accuracy; the full-budget target is the median of the\n"
      "reference runs; architectures whose reference runs diverged or stayed at chance are left out and\n"
      "counted) and prints Table 6 (Kendall's tau-b of each schedule's small-budget ranking against the\n"
      "full-budget ranking, with bootstrap intervals), Spearman, weighted tau and top-k beside it, the noise\n"
      "ceiling (tau between two full-budget seeds), Tables 7, 8 and 5, and the recommendation: the schedule\n"
      "to use: every schedule and budget is tested against the best (two-sided paired bootstrap, Holm over\n"
      "the cells, level --significance), and the cheapest one not significantly worse whose tau interval\n"
      "lies above 0 is recommended, or none when nothing is distinguishable or nothing ranks better than\n"
      "chance. Beside every tau: its partial tau beyond size (log parameters)\n"
      "and the architectures whose removal moves it; at the end, how many architectures would separate a\n"
      "difference of --advice-difference.\n"
      "When the sweep stored zero-cost scores ('sweep run --zero-cost'), each score's tau against the same\n"
      "target is listed beside them and the recommendation weighs both families on one axis of compute.",
      "  nasrank rank --db runs.db\n"
      "  nasrank rank --db runs.db --format json --out tables.json\n"
      "  nasrank rank --db runs.db --tau spearman --significance 0.1"};
  // clang-format on
  po::variables_map vm;
  if (!parse_args(args, help, desc, vm)) return 0;
  require_choice("format", format, {"markdown", "csv", "json"});
  const ranking::StudyTables tables = study::rank_store(db, options);
  const std::string text = format == "json"  ? ranking::render_json(tables) + "\n"
                           : format == "csv" ? ranking::render_csv(tables)
                                             : ranking::render_markdown(tables);
  emit(text, optional_path(vm, "out"));
  return 0;
}

}  // namespace nasrank::cli
