// CIFAR-10 / CIFAR-100 binary format: fixed-size records of label byte(s) then 3x32x32 pixels.
#include <cstring>
#include <filesystem>
#include <fstream>

#include "nasrank/core/error.h"
#include "nasrank/trainer/data/dataset.h"

namespace nasrank::data {

ImageSet read_cifar_file(const std::string& path, int label_bytes, int label_index, int num_classes) {
  constexpr std::int64_t kPixels = 3 * 32 * 32;
  NASRANK_CHECK(std::filesystem::is_regular_file(path), "file not found: ", path);
  const auto size = static_cast<std::int64_t>(std::filesystem::file_size(path));
  const std::int64_t record = label_bytes + kPixels;
  NASRANK_CHECK(size > 0, path, ": empty file");
  NASRANK_CHECK(size % record == 0, path, ": size ", size, " is not a multiple of the ", record,
                "-byte record (truncated or not a CIFAR-", num_classes, " binary file)");
  ImageSet set;
  set.count = size / record;
  set.channels = 3;
  set.height = set.width = 32;
  set.pixels.resize(static_cast<std::size_t>(set.count * kPixels));
  set.labels.resize(static_cast<std::size_t>(set.count));
  std::ifstream in(path, std::ios::binary);
  NASRANK_CHECK(in, "cannot open ", path);
  std::vector<char> buf(static_cast<std::size_t>(record));
  for (std::int64_t i = 0; i < set.count; ++i) {
    in.read(buf.data(), record);
    NASRANK_CHECK(in, path, ": read error at record ", i);
    const int label = static_cast<unsigned char>(buf[static_cast<std::size_t>(label_index)]);
    NASRANK_CHECK(label < num_classes, path, ": record ", i, " has label ", label, ", out of range 0..",
                  num_classes - 1);
    set.labels[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(label);
    std::memcpy(set.pixels.data() + i * kPixels, buf.data() + label_bytes, kPixels);
  }
  return set;
}

}  // namespace nasrank::data
