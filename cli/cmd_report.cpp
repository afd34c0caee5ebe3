// `nasrank report`: a study's tables and pictures as Markdown, self-contained HTML, CSV and JSON.
#include <iostream>

#include "commands.h"
#include "nasrank/reports/study_report.h"
#include "nasrank/study/results.h"
#include "statistics_options.h"

namespace nasrank::cli {

int run_report(const Args& args) {
  std::string db, out;
  reports::ReportOptions options;
  po::options_description desc("report options");
  // clang-format off
  desc.add_options()
      ("db", po::value(&db)->required(), "the sweep store")
      ("out", po::value(&out)->required(), "directory to write the report into")
      ("title", po::value(&options.title)->default_value(options.title), "the report's heading")
      ("no-figures", "write the gnuplot scripts and data of the figures without drawing them");
  // clang-format on
  desc.add(statistics_options(options.study));
  // clang-format off
  const CommandHelp help{
      "nasrank report --db runs.db --out DIR [options]",
      "Writes DIR/report.md, a self-contained DIR/report.html, DIR/report.json (every number), DIR/tables/*.csv\n"
      "and DIR/figures/*.svg (drawn by gnuplot, with their .gp and .dat sources): the study's settings, Tables\n"
      "5 to 8 with confidence intervals and the noise ceiling, the recommendation, the architectures that\n"
      "diverged or stayed at chance, a per-architecture table, and the figures (schedules against progress,\n"
      "tau against budget, proxy against full-budget accuracy, validation curves, gradient norm against\n"
      "learning rate). Works on an unfinished sweep and says what is missing.",
      "  nasrank report --db runs.db --out report\n"
      "  nasrank report --db runs.db --out report --bootstrap 5000 --title 'Fashion-MNIST, 24 architectures'"};
  // clang-format on
  po::variables_map vm;
  if (!parse_args(args, help, desc, vm)) return 0;
  options.figures = vm.count("no-figures") == 0;
  const auto result = study::report_store(db, out, options);
  std::cout << result.html.string() << "\n";
  return 0;
}

}  // namespace nasrank::cli
