// Budget strings (trainer/budget.h): "0.05", "5%", "10ep" against a few full budgets. A parsed
// budget is a positive, finite number of epochs with a step count of at least one and a label.
#include <cmath>

#include "fuzz_input.h"
#include "nasrank/core/text_table.h"
#include "nasrank/trainer/budget.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace nasrank;
  const std::string text = fuzz::as_text(data, size);
  for (const double full : {1.0, 20.0, 200.0}) {
    trainer::Budget b;
    try {
      b = trainer::Budget::parse(text, full);
    } catch (const Error&) {
      continue;
    }
    NASRANK_FUZZ_EXPECT(std::isfinite(b.epochs) && b.epochs > 0);
    for (const std::int64_t steps_per_epoch : {1, 390})
      NASRANK_FUZZ_EXPECT(trainer::budget_steps(b.epochs, steps_per_epoch) >= 1);
    NASRANK_FUZZ_EXPECT(!budget_label(b.epochs, b.fraction(full)).empty());
  }
  return 0;
}
