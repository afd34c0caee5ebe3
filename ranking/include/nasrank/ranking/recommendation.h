// The choice of a proxy with its uncertainty (recommendation.cpp): per budget, the best cell
// against every other, across families, and the sample-size advice. Plain data.
#pragma once

#include <cstddef>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "nasrank/ranking/bootstrap.h"
#include "nasrank/ranking/runs.h"

namespace nasrank::ranking {

/// What a pilot study says about the size of the next one. Bootstrap standard errors of tau shrink
/// as 1/sqrt(n) (tau is a U-statistic; Hoeffding 1948), so an interval of half-width w on n
/// architectures is about w sqrt(n / N) on N; more reference seeds raise the matched ceiling.
struct SampleSizeAdvice {
  std::size_t n = 0;                                                ///< architectures now
  double half_width = std::numeric_limits<double>::quiet_NaN();     ///< of the best cell's tau interval now
  double difference_se = std::numeric_limits<double>::quiet_NaN();  ///< median SE of a difference from the best
  double difference = std::numeric_limits<double>::quiet_NaN();     ///< the difference to separate
  std::size_t archs_to_separate = 0;  ///< N that separates `difference` at the level with 80% power; 0 if unknown
  std::vector<std::pair<std::size_t, double>> half_widths;  ///< (N, expected half-width) for N = n, 2n, 4n, 8n
  std::vector<std::pair<int, double>> ceilings;             ///< (reference seeds, matched ceiling) for 1..5 seeds
};

/// The schedule to use at one budget: the best by tau, its lead over the runner-up and whether the
/// lead survives a two-sided paired bootstrap test on the same architectures, Holm-corrected over
/// the budgets.
struct BudgetChoice {
  Budget budget;
  std::string best;
  double best_tau = std::numeric_limits<double>::quiet_NaN();
  std::string runner_up;  ///< empty when only one schedule has a defined tau
  double runner_up_tau = std::numeric_limits<double>::quiet_NaN();
  PairedTest test;                                           ///< tau(best) - tau(runner_up), two-sided p
  double p_holm = std::numeric_limits<double>::quiet_NaN();  ///< test.p_value adjusted over the budgets
  bool significant = false;                                  ///< p_holm below the level
};

/// One cell against the best cell of the study.
struct CellComparison {
  std::string schedule;
  Budget budget;
  double tau = std::numeric_limits<double>::quiet_NaN();
  double seconds_per_arch = std::numeric_limits<double>::quiet_NaN();
  PairedTest test;                                           ///< tau(best cell) - tau(this cell), two-sided p
  double p_holm = std::numeric_limits<double>::quiet_NaN();  ///< adjusted over every cell compared with the best
  bool worse = false;                                        ///< significantly worse than the best
};

/// Budgeted training against zero-cost scores: is the recommended budgeted proxy worth its compute
/// over the best zero-cost score?
struct FamilyChoice {
  bool found = false;     ///< false without a zero-cost score or a budgeted proxy with a defined tau
  std::string zero_cost;  ///< the zero-cost score with the highest tau
  double zero_cost_tau = std::numeric_limits<double>::quiet_NaN();
  double zero_cost_seconds = std::numeric_limits<double>::quiet_NaN();  ///< per architecture
  PairedTest test;  ///< tau(recommended budgeted proxy) - tau(best zero-cost score)
  /// "zero-cost" when the best score is not significantly worse than the budgeted proxy it is
  /// compared with (it then ranks as well as this study can tell, for a fraction of the compute),
  /// "budgeted" when it is.
  std::string pick;
  bool significant = false;  ///< the two-sided paired test rejects at the level
};

/// The choice of a proxy with its uncertainty: the best cell by tau, every other cell tested
/// against it (two-sided, Holm over the cells), and the cheapest cell not significantly worse.
struct Recommendation {
  std::vector<BudgetChoice> per_budget;  ///< ascending budget; budgets with no defined tau left out
  bool found = false;                    ///< false when no cell has a defined tau
  /// True when some cell is significantly worse than the best: the data can tell cells apart, and
  /// `cheapest` is the recommendation. False: nothing is distinguishable and nothing is recommended.
  bool distinguishable = false;
  /// True when a cell is recommended: cells are distinguishable and `cheapest`, the cheapest cell
  /// not significantly worse than the best, has a tau interval above 0 (ranks better than chance).
  bool recommends = false;
  BudgetChoice cheapest;            ///< the cheapest cell not significantly worse than the best (schedule in `best`)
  BudgetChoice best;                ///< the cell with the highest tau overall
  ConfidenceInterval cheapest_tau;  ///< the recommended cell's tau with its interval
  ConfidenceInterval cheapest_beyond_size;   ///< its partial tau controlling for size
  std::vector<CellComparison> against_best;  ///< every other cell with a defined tau, cheapest first
  /// When nothing is distinguishable: the cell the rule would pick were the tests to tell cells apart
  /// (the cheapest that ranks better than chance), for a user who must choose now; no claim that it
  /// is as good as the best. `fallback.best` (the schedule) is empty when there is none.
  BudgetChoice fallback;
  ConfidenceInterval fallback_tau;
  /// Architectures whose removal alone changes the recommendation (or whether there is one).
  std::vector<std::string> influential;
  double seconds_per_arch = std::numeric_limits<double>::quiet_NaN();            ///< compute of `cheapest`
  double reference_seconds_per_arch = std::numeric_limits<double>::quiet_NaN();  ///< of one full-budget run
  FamilyChoice across_families;  ///< found only when zero-cost scores were given
  std::string text;              ///< the recommendation in one paragraph
  /// The tail of `text` from the verdict on (the choice, then zero-cost scores and predictors),
  /// without the per-budget lines before it: what a summary leads with.
  std::string verdict;
};

}  // namespace nasrank::ranking
