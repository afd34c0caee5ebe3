#include "nasrank/trainer/budget.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "nasrank/core/error.h"
#include "nasrank/core/text_table.h"

namespace nasrank::trainer {

Budget Budget::parse(const std::string& text, double full_epochs) {
  NASRANK_CHECK(full_epochs > 0, "the full budget must be positive (got ", full_epochs, " epochs)");
  std::string number = text;
  enum { kFraction, kPercent, kEpochs } unit = kFraction;
  if (number.size() > 2 && number.compare(number.size() - 2, 2, "ep") == 0) {
    number.resize(number.size() - 2);
    unit = kEpochs;
  } else if (!number.empty() && number.back() == '%') {
    number.pop_back();
    unit = kPercent;
  }
  char* end = nullptr;
  const double value = std::strtod(number.c_str(), &end);
  // The whole text must be the number: strtod stops at an embedded NUL, which c_str() cannot show.
  NASRANK_CHECK(!number.empty() && end == number.c_str() + number.size() && std::isfinite(value) && value > 0,
                "budget '", text,
                "' is not valid: write a fraction of the full budget (0.05), a percentage (5%) or epochs (10ep)");
  Budget b;
  b.text = text;
  b.epochs = unit == kEpochs ? value : unit == kPercent ? value / 100.0 * full_epochs : value * full_epochs;
  NASRANK_CHECK(unit == kEpochs || b.epochs <= full_epochs * (1 + 1e-12), "budget '", text,
                "' exceeds the full budget; as a fraction it must be at most 1");
  // A positive fraction or percentage can still underflow to 0 epochs when scaled.
  NASRANK_CHECK(std::isfinite(b.epochs) && b.epochs > 0, "budget '", text, "' is too small to be a budget");
  return b;
}

std::int64_t budget_steps(double epochs, std::int64_t steps_per_epoch) {
  NASRANK_ASSERT(steps_per_epoch > 0);
  return std::max<std::int64_t>(1, std::llround(epochs * static_cast<double>(steps_per_epoch)));
}

}  // namespace nasrank::trainer
