// Learning-curve predictors: what a budgeted run's own curve says about the architecture, at no
// training cost beyond the run (docs/predictors.md gives each formula and its source). Pure
// functions of a run's LearningCurve, and their rows beside budgeted accuracy and zero-cost scores.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "nasrank/ranking/study.h"

namespace nasrank::ranking {

/// TSE (Ru et al., NeurIPS 2021; NASLib's `sotl`): the sum of the minibatch training losses of every
/// step of the run. NaN without a curve or with a non-finite block.
double tse(const LearningCurve& c);

/// TSE-E with E a share of the budget: the sum of the minibatch training losses over the last
/// `fraction` x steps steps. The block that straddles the window's start counts in proportion (its
/// losses taken as even within it). NaN as for tse(); fraction must lie in (0, 1].
double tse_last(const LearningCurve& c, double fraction);

/// The exponential moving average of the per-step training loss at the end of the run, with a time
/// constant of `window` x steps steps (per-step decay b = exp(-1 / (window x steps))). It starts at
/// the first block's mean; each further block of m steps with mean L moves it to b^m e + (1 - b^m) L,
/// which is the per-step average exactly when the losses are even within a block.
double loss_ema(const LearningCurve& c, double window);

/// What a predictor is: its name, whether lower is better, its formula, where it comes from, and
/// the function that computes it from one run's curve (none for the ensemble `vote`, which ranks
/// other rows: predictor_table builds it).
struct PredictorInfo {
  std::string name;
  bool lower_is_better = false;
  std::string formula;
  std::string source;
  std::function<double(const LearningCurve&, const PredictorOptions&)> compute;
};

/// Every learning-curve predictor, in the order tables list them (the ensemble `vote` last).
const std::vector<PredictorInfo>& predictor_registry();

/// The value of predictor `name` (a predictor_registry() name other than "vote") for one run, as
/// measured (a loss is not negated here); NaN where the run lacks what it needs.
double predictor_value(const std::string& name, const RunResult& run, const PredictorOptions& options);

/// Every predictor's rows over the aggregate's cells (small-budget runs; the median over seeds per
/// architecture), with the ensemble `vote` of options.predictors.vote. A predictor has a row only
/// where some included architecture has a value; a loss is negated so that larger predicts better.
std::vector<PredictorRow> predictor_table(const std::vector<RunResult>& runs,
                                          const std::vector<ZeroCostScore>& zero_cost, const Aggregate& aggregate,
                                          const StudyOptions& options);

}  // namespace nasrank::ranking
