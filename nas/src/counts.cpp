// Parameter and MAC counts, walking the layers in the order the builder creates them.
#include "nasrank/nas/counts.h"

#include "nasrank/core/error.h"

namespace nasrank::nas {
namespace {

/// Sums in 64 bits and says so when a (hand-written) spec is too large to count.
class Total {
 public:
  void add_product(std::initializer_list<std::int64_t> factors) {
    std::int64_t p = 1;
    for (std::int64_t f : factors)
      NASRANK_CHECK(!__builtin_mul_overflow(p, f, &p), "the network is too large to count in 64 bits");
    NASRANK_CHECK(!__builtin_add_overflow(total_, p, &total_), "the network is too large to count in 64 bits");
  }
  std::int64_t value() const { return total_; }

 private:
  std::int64_t total_ = 0;
};

/// Calls `conv(kernel, in, out, output_size)` for every convolution and `norm(channels)` for every
/// batch norm of the network.
template <typename Conv, typename Norm>
void walk(const Spec& s, Conv conv, Norm norm) {
  conv(3, s.in_channels, s.stem_channels, s.image_size);
  norm(s.stem_channels);
  const auto in_channels = block_input_channels(s);
  const auto sizes = block_output_sizes(s);
  for (std::size_t i = 0; i < s.blocks.size(); ++i) {
    const Block& b = s.blocks[i];
    std::int64_t c = in_channels[i];
    for (std::int64_t out : b.convs) {
      conv(3, c, out, sizes[i]);  // the first carries the stride; all produce the block's output size
      if (b.batch_norm) norm(out);
      c = out;
    }
    if (b.shortcut == Shortcut::projection) {
      conv(1, in_channels[i], b.out_channels(), sizes[i]);
      if (b.batch_norm) norm(b.out_channels());
    }
  }
  for (const SkipEdge& e : s.skips) {
    const SkipShape shape = skip_shape(s, e);
    if (!shape.projected()) continue;
    conv(1, shape.from_channels, shape.to_channels, shape.to_size);
    norm(shape.to_channels);
  }
}

}  // namespace

std::int64_t count_params(const Spec& s) {
  validate(s);
  Total n;
  walk(
      s,
      [&](std::int64_t k, std::int64_t in, std::int64_t out, std::int64_t) {
        n.add_product({k, k, in, out});
      },
      [&](std::int64_t c) {
        n.add_product({2, c});
      });
  const std::int64_t features = s.blocks.back().out_channels();
  n.add_product({features + 1, s.classes});  // weight and bias
  return n.value();
}

std::int64_t count_macs(const Spec& s) {
  validate(s);
  Total n;
  walk(
      s,
      [&](std::int64_t k, std::int64_t in, std::int64_t out, std::int64_t size) {
        n.add_product({k, k, in, out, size, size});
      },
      [](std::int64_t) {});
  n.add_product({s.blocks.back().out_channels(), s.classes});
  return n.value();
}

}  // namespace nasrank::nas
