// A sweep store (study/store.h) that is not one of ours, damaged or truncated: the input is
// written as the store file and opened read-only, as `sweep status`, `export` and `merge` open
// their sources, then everything readable is read. A file that is not a nasrank store must be an
// Error, never a crash; what SQLite reports as corrupt is an Error too.
#include "fuzz_input.h"
#include "nasrank/study/store.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace nasrank;
  const auto path = fuzz::as_file(data, size, "sweep.db");
  try {
    auto store = study::Store::open(path, study::Store::Mode::read_only);
    (void)store.integrity_check();
    (void)store.study();
    (void)store.group_counts();
    (void)store.run_timings();
    (void)store.remaining_jobs(3);
    for (const auto& job : store.jobs()) {
      if (job.status != "done") continue;
      (void)store.record_json(job.id);
    }
    (void)store.finished_runs();
    (void)store.finished_runs(study::Store::Curves::with);
    (void)store.zero_cost();
  } catch (const Error&) {}
  return 0;
}
