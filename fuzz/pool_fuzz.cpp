// The pool file (generator/pool.h) as the commands read it: load_pool on a file holding the input
// (a pool, or a single spec read as a pool of one), and pool_ids, which the sweep store keys its
// jobs by.
#include <set>

#include <nlohmann/json.hpp>

#include "fuzz_input.h"
#include "nasrank/generator/pool.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace nasrank;
  const auto path = fuzz::as_file(data, size, "pool.json");
  try {
    const generator::Pool pool = generator::load_pool(path.string());
    // The ids key a store's jobs: present and distinct. (An empty pool is read; plan refuses it.)
    std::set<std::string> ids;
    for (const auto& arch : pool.archs) NASRANK_FUZZ_EXPECT(!arch.id.empty() && ids.insert(arch.id).second);
  } catch (const Error&) {}
  const nlohmann::json j = nlohmann::json::parse(fuzz::as_text(data, size), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return 0;
  try {
    (void)generator::pool_ids(j, "fuzz.json");
  } catch (const Error&) {}
  return 0;
}
