// A table of runs trained elsewhere, as `nasrank import` reads it (study/import.h). The first byte
// picks the reading: bit 0 JSON lines (else CSV), bit 1 a lower-is-better metric, bit 2 a full
// budget of 200 epochs (else read from the file); the rest is the file. It imports, or it is an
// Error and no store appears (nor its temporary file); a store it writes opens and holds one run
// per imported row, as many of them reference runs as the outcome counts.
#include <algorithm>

#include "fuzz_input.h"
#include "nasrank/study/import.h"
#include "nasrank/study/store.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace nasrank;
  if (size == 0) return 0;
  const std::uint8_t mode = data[0];
  study::ImportOptions o;
  o.input = fuzz::as_file(data + 1, size - 1, mode & 1 ? "runs.jsonl" : "runs.csv");
  o.format = mode & 1 ? "jsonl" : "csv";
  o.higher_is_better = !(mode & 2);
  o.full_epochs = mode & 4 ? 200 : 0;
  o.db = fuzz::scratch_dir() / "imported.db";
  std::filesystem::path temp = o.db;
  temp += ".import-tmp";
  std::error_code ec;
  std::filesystem::remove(o.db, ec);

  study::ImportOutcome outcome;
  try {
    outcome = study::import_runs(o);
  } catch (const Error&) {
    NASRANK_FUZZ_EXPECT(!std::filesystem::exists(o.db));
    NASRANK_FUZZ_EXPECT(!std::filesystem::exists(temp));
    return 0;
  }
  NASRANK_FUZZ_EXPECT(!std::filesystem::exists(temp));
  auto store = study::Store::open(o.db, study::Store::Mode::read_only);
  const auto runs = store.finished_runs();
  NASRANK_FUZZ_EXPECT(static_cast<std::int64_t>(runs.size()) == outcome.runs);
  const auto references = std::count_if(runs.begin(), runs.end(), [](const auto& r) { return r.reference; });
  NASRANK_FUZZ_EXPECT(references == outcome.references);
  NASRANK_FUZZ_EXPECT(outcome.architectures <= outcome.runs);
  return 0;
}
