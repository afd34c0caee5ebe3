// Budgets: a fraction of the full budget ("0.05") or a number of epochs ("10ep"), turned into an
// exact number of optimizer steps. The schedule then sees p = t/T at every one of those steps.
#pragma once

#include <cstdint>
#include <string>

namespace nasrank::trainer {

struct Budget {
  double epochs = 0;  ///< the budget in (possibly fractional) epochs
  std::string text;   ///< as the user wrote it

  /// Parses "0.05" (fraction of `full_epochs`), "5%" or "10ep". Throws nasrank::Error.
  static Budget parse(const std::string& text, double full_epochs);
  double fraction(double full_epochs) const { return epochs / full_epochs; }
};

/// T = round(epochs x steps_per_epoch), at least 1.
std::int64_t budget_steps(double epochs, std::int64_t steps_per_epoch);

}  // namespace nasrank::trainer
