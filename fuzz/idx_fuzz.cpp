// The IDX reader (MNIST, Fashion-MNIST) on a file holding the input, gzipped or not: the reader
// decides by the gzip magic, so the seed corpus holds both kinds.
#include "fuzz_input.h"
#include "nasrank/trainer/data/dataset.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace nasrank;
  const auto path = fuzz::as_file(data, size, "images-idx3-ubyte");
  try {
    const data::IdxArray a = data::read_idx(path.string());
    std::size_t total = 1;
    for (const auto d : a.dims) total *= static_cast<std::size_t>(d);
    NASRANK_FUZZ_EXPECT(a.data.size() == total);
  } catch (const Error&) {}
  return 0;
}
