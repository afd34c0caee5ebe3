#include "statistics_options.h"

#include "nasrank/core/text_table.h"
#include "nasrank/ranking/predictors.h"
#include "nasrank/trainer/proxies.h"

namespace nasrank::cli {

po::options_description statistics_options(ranking::StudyOptions& o) {
  std::string variants;
  std::vector<std::string> names;
  for (const auto& s : ranking::statistic_registry()) {
    variants += (variants.empty() ? "" : "|") + s.name;
    names.push_back(s.name);
  }
  std::string vote;
  for (const auto& m : o.predictors.vote) vote += (vote.empty() ? "" : ",") + m;
  // A vote member is a learning-curve predictor, the budgeted accuracy or a zero-cost score.
  std::vector<std::string> members = {"val_acc_best"};
  for (const auto& p : ranking::predictor_registry())
    if (p.name != "vote") members.push_back(p.name);
  for (const auto& z : trainer::proxy_names()) members.push_back(z);
  auto set_vote = [&o, members](const std::string& text) {
    std::vector<std::string> list = split_list(text, "vote");
    for (const auto& m : list) require_choice("vote", m, members);
    if (list.size() < 2) throw UsageError("--vote needs at least two members (got '" + text + "')");
    o.predictors.vote = std::move(list);
  };
  auto share = [](const char* option) {
    return [option](const double& v) {
      if (!(v > 0 && v <= 1)) throw UsageError(detail::concat("--", option, " must lie in (0, 1] (got ", v, ")"));
    };
  };
  po::options_description desc("Statistics");
  // clang-format off
  desc.add_options()
      ("tau", po::value(&o.tau_variant)->default_value(o.tau_variant)->notifier([names](const std::string& v) { require_choice("tau", v, names); }), ("statistic of Table 6 and the recommendation: " + variants).c_str())
      ("bootstrap", po::value(&o.bootstrap.resamples)->default_value(o.bootstrap.resamples)->notifier(at_least("bootstrap", 1)), "bootstrap resamples for confidence intervals and tests")
      ("confidence", po::value(&o.bootstrap.confidence)->default_value(o.bootstrap.confidence, format_number(o.bootstrap.confidence))->notifier(open_unit("confidence")), "two-sided coverage of the intervals")
      ("bootstrap-seed", po::value(&o.bootstrap.seed)->default_value(o.bootstrap.seed), "seed of the resampling")
      ("significance", po::value(&o.significance)->default_value(o.significance, format_number(o.significance))->notifier(open_unit("significance")), "family-wise level of the two-sided tests (Holm): the recommendation is the cheapest cell not significantly worse than the best")
      ("advice-difference", po::value(&o.advice_difference)->default_value(o.advice_difference, format_number(o.advice_difference))->notifier([](const double& v) { if (!(v > 0 && v < 2)) throw UsageError(detail::concat("--advice-difference must lie strictly between 0 and 2 (got ", v, ")")); }), "the difference in tau the sample-size advice sizes the next study to separate")
      ("top-k", po::value(&o.statistics.top_k)->default_value(o.statistics.top_k), "k of top-k precision (0: the best tenth, at least 5; none when that is over half the pool)")
      ("vote", po::value<std::string>()->default_value(vote)->notifier(set_vote), "members of the ensemble predictor 'vote' (rank average): learning-curve predictors, val_acc_best, zero-cost scores")
      ("tse-last", po::value(&o.predictors.tse_last_fraction)->default_value(o.predictors.tse_last_fraction, format_number(o.predictors.tse_last_fraction))->notifier(share("tse-last")), "share of the budget tse_last sums the training losses over")
      ("ema-window", po::value(&o.predictors.ema_window)->default_value(o.predictors.ema_window, format_number(o.predictors.ema_window))->notifier(share("ema-window")), "loss_ema's time constant as a share of the budget");
  // clang-format on
  return desc;
}

}  // namespace nasrank::cli
