// Schedule specs (trainer/schedule.h), `name[:key=value]...` and comma-separated lists of them:
// parsed; a valid one's canonical form parses to itself, and its learning-rate ratios over a
// short and a long run are finite and not negative.
#include <cmath>
#include <optional>

#include "fuzz_input.h"
#include "nasrank/trainer/schedule.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace nasrank;
  const std::string text = fuzz::as_text(data, size);
  try {
    (void)trainer::parse_schedule_list(text);
  } catch (const Error&) {}
  std::optional<trainer::Schedule> schedule;
  try {
    schedule = trainer::Schedule::parse(text);
  } catch (const Error&) {
    return 0;
  }
  const trainer::Schedule again = trainer::Schedule::parse(schedule->canonical());
  NASRANK_FUZZ_EXPECT(again.canonical() == schedule->canonical());
  trainer::ScheduleContext ctx;
  for (const std::int64_t T : {1, 7, 1000}) {
    try {
      for (std::int64_t t = 0; t < T; t += 1 + T / 50) {
        const double r = schedule->lr_ratio(t, T, ctx);
        NASRANK_FUZZ_EXPECT(std::isfinite(r) && r >= 0);
      }
    } catch (const Error&) {
      // A run the schedule does not fit (warm-up as long as the run): refused, not computed.
    }
  }
  return 0;
}
