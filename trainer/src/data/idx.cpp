// IDX reader (MNIST, Fashion-MNIST): big-endian header, uint8 payload, optionally gzipped.
#include <zlib.h>

#include <array>
#include <cstring>
#include <filesystem>

#include "nasrank/core/error.h"
#include "nasrank/trainer/data/dataset.h"

namespace nasrank::data {
namespace {

/// Whole file, decompressed when it starts with the gzip magic (gzread passes raw files through).
std::vector<std::uint8_t> read_maybe_gzipped(const std::string& path) {
  NASRANK_CHECK(std::filesystem::is_regular_file(path), "file not found: ", path);
  gzFile f = gzopen(path.c_str(), "rb");
  NASRANK_CHECK(f != nullptr, "cannot open ", path);
  std::vector<std::uint8_t> out;
  std::array<std::uint8_t, 1 << 16> buf;
  for (;;) {
    const int n = gzread(f, buf.data(), static_cast<unsigned>(buf.size()));
    if (n < 0) {
      int err = 0;
      const std::string msg = gzerror(f, &err);
      gzclose(f);
      throw Error(detail::concat(path, ": corrupt gzip data (", msg, ")"));
    }
    if (n == 0) break;
    out.insert(out.end(), buf.begin(), buf.begin() + n);
  }
  gzclose(f);
  return out;
}

std::uint32_t big_endian_u32(const std::uint8_t* p) {
  return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) | p[3];
}

}  // namespace

IdxArray read_idx(const std::string& path) {
  const std::vector<std::uint8_t> bytes = read_maybe_gzipped(path);
  NASRANK_CHECK(bytes.size() >= 4, path, ": too short for an IDX file (", bytes.size(), " bytes)");
  // Magic: two zero bytes, the element type (0x08 = unsigned byte), the number of dimensions.
  NASRANK_CHECK(bytes[0] == 0 && bytes[1] == 0, path, ": wrong magic number 0x", std::hex, big_endian_u32(bytes.data()),
                std::dec, " (not an IDX file)");
  NASRANK_CHECK(bytes[2] == 0x08, path, ": IDX element type 0x", std::hex, int(bytes[2]), std::dec,
                " is not supported (expected 0x08, unsigned bytes)");
  const int ndim = bytes[3];
  NASRANK_CHECK(ndim >= 1 && ndim <= 4, path, ": IDX file with ", ndim, " dimensions (expected 1 to 4)");
  const std::size_t header = 4 + 4 * static_cast<std::size_t>(ndim);
  NASRANK_CHECK(bytes.size() >= header, path, ": truncated IDX header");
  IdxArray a;
  std::size_t total = 1;
  for (int d = 0; d < ndim; ++d) {
    const std::uint32_t n = big_endian_u32(bytes.data() + 4 + 4 * d);
    NASRANK_CHECK(n > 0 && n < (1u << 28), path, ": implausible dimension ", d, " of size ", n);
    a.dims.push_back(n);
    total *= n;
    NASRANK_CHECK(total < (std::size_t(1) << 36), path, ": IDX array too large");
  }
  const std::size_t payload = bytes.size() - header;
  NASRANK_CHECK(payload >= total, path, ": truncated: header promises ", total, " bytes of data, file has ", payload);
  NASRANK_CHECK(payload == total, path, ": ", payload - total, " unexpected bytes after the data");
  a.data.assign(bytes.begin() + static_cast<long>(header), bytes.end());
  return a;
}

}  // namespace nasrank::data
