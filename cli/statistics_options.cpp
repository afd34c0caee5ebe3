#include "statistics_options.h"

#include "nasrank/core/text_table.h"

namespace nasrank::cli {

po::options_description statistics_options(ranking::StudyOptions& o) {
  std::string variants;
  std::vector<std::string> names;
  for (const auto& s : ranking::statistic_registry()) {
    variants += (variants.empty() ? "" : "|") + s.name;
    names.push_back(s.name);
  }
  po::options_description desc("Statistics");
  // clang-format off
  desc.add_options()
      ("tau", po::value(&o.tau_variant)->default_value(o.tau_variant)->notifier([names](const std::string& v) { require_choice("tau", v, names); }), ("statistic of Table 6 and the recommendation: " + variants).c_str())
      ("bootstrap", po::value(&o.bootstrap.resamples)->default_value(o.bootstrap.resamples)->notifier(at_least("bootstrap", 0)), "bootstrap resamples for confidence intervals")
      ("confidence", po::value(&o.bootstrap.confidence)->default_value(o.bootstrap.confidence, format_number(o.bootstrap.confidence))->notifier(open_unit("confidence")), "two-sided coverage of the intervals")
      ("bootstrap-seed", po::value(&o.bootstrap.seed)->default_value(o.bootstrap.seed), "seed of the resampling")
      ("tolerance", po::value(&o.tolerance)->default_value(o.tolerance)->notifier(at_least("tolerance", 0.0)), "recommend the cheapest budget whose tau is within this of the best")
      ("significance", po::value(&o.significance)->default_value(o.significance, format_number(o.significance))->notifier(open_unit("significance")), "p-value below which a schedule's lead counts as significant")
      ("top-k", po::value(&o.statistics.top_k)->default_value(o.statistics.top_k), "k of top-k precision (0: the best tenth)");
  // clang-format on
  return desc;
}

}  // namespace nasrank::cli
