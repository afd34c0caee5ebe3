// The architecture spec (nas/spec.h) from arbitrary text: parsed, counted, and, when valid,
// written back and read again to the same canonical form.
#include "fuzz_input.h"
#include "nasrank/nas/counts.h"
#include "nasrank/nas/spec.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace nasrank;
  nas::Spec spec;
  try {
    spec = nas::spec_from_text(fuzz::as_text(data, size), "fuzz.json");
  } catch (const Error&) {
    return 0;
  }
  // A valid spec has counts (no overflow: UBSan watches the arithmetic) and round-trips.
  (void)nas::count_params(spec);
  (void)nas::count_macs(spec);
  const std::string canonical = nas::canonical_text(spec);
  const nas::Spec again = nas::spec_from_text(nas::to_text(spec), "round-trip");
  NASRANK_FUZZ_EXPECT(nas::canonical_text(again) == canonical);
  NASRANK_FUZZ_EXPECT(nas::canonical_hash(again) == nas::canonical_hash(spec));
  return 0;
}
