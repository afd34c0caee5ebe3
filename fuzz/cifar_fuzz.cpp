// The CIFAR-10 / CIFAR-100 binary reader on a file holding the input. The first byte picks the
// layout (CIFAR-10: one label byte; CIFAR-100: coarse and fine label bytes, coarse or fine read).
#include "fuzz_input.h"
#include "nasrank/trainer/data/dataset.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace nasrank;
  if (size < 1) return 0;
  struct Layout {
    int label_bytes, label_index, classes;
  };
  static constexpr Layout kLayouts[] = {{1, 0, 10}, {2, 1, 100}, {2, 0, 20}};
  const Layout& layout = kLayouts[data[0] % 3];
  const auto path = fuzz::as_file(data + 1, size - 1, "data_batch.bin");
  try {
    const data::ImageSet set =
        data::read_cifar_file(path.string(), layout.label_bytes, layout.label_index, layout.classes);
    NASRANK_FUZZ_EXPECT(set.pixels.size() == static_cast<std::size_t>(set.count * set.image_bytes()));
    NASRANK_FUZZ_EXPECT(set.labels.size() == static_cast<std::size_t>(set.count));
    for (const auto label : set.labels) NASRANK_FUZZ_EXPECT(label < layout.classes);
  } catch (const Error&) {}
  return 0;
}
