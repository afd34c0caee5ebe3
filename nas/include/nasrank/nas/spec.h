// The architecture spec: a plain, versioned JSON description of a ResNet-18 variant that a person
// can read and edit, with one canonical form and a stable hash. No torch here.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace nasrank::nas {

/// How a residual block's input reaches its output.
enum class Shortcut {
  identity,    ///< added as is (needs equal channels and stride 1)
  projection,  ///< 1x1 convolution with the block's stride (then batch norm), as in ResNet option B
  none,        ///< no shortcut: a plain stack of convolutions
};

/// A residual block: one or two 3x3 convolutions, each followed by batch norm, ReLU between them;
/// the shortcut is added before the final ReLU (He et al. 2016's BasicBlock).
struct Block {
  std::vector<std::int64_t> convs;  ///< output channels of each 3x3 convolution (1 or 2 of them)
  std::int64_t stride = 1;          ///< stride of the first convolution (1 or 2)
  Shortcut shortcut = Shortcut::identity;
  /// Batch norm after each convolution of the block (its projection shortcut's included). Blocks
  /// without it keep their bias-free convolutions, as when the norm layer is deleted from a model.
  bool batch_norm = true;
  std::int64_t out_channels() const { return convs.back(); }
};

/// An extra skip edge: the output of block `from` is added to the input of block `to`
/// (to > from + 1). Where channels or spatial size differ it goes through a 1x1 convolution with
/// stride = the product of the strides of blocks from+1 .. to-1, then batch norm.
struct SkipEdge {
  int from = 0;
  int to = 0;
  bool operator==(const SkipEdge& o) const { return from == o.from && to == o.to; }
  bool operator<(const SkipEdge& o) const { return from != o.from ? from < o.from : to < o.to; }
};

struct Spec {
  std::int64_t in_channels = 3;
  std::int64_t image_size = 32;  ///< square inputs
  std::int64_t classes = 10;
  std::int64_t stem_channels = 64;  ///< 3x3 stride-1 convolution + batch norm + ReLU, no max-pool
  std::vector<Block> blocks;
  std::vector<SkipEdge> skips;  ///< any order in memory; the canonical form sorts them
  // Classifier: global average pooling and one linear layer with bias (fixed in version 1).
};

/// Equal exactly when the canonical texts are equal, i.e. when the specs build the same network.
bool operator==(const Spec& a, const Spec& b);
inline bool operator!=(const Spec& a, const Spec& b) { return !(a == b); }

/// The CIFAR variant of ResNet-18 (He et al. 2016): 3x3 stem with 64 channels and no max-pool,
/// stages 64/128/256/512 of two BasicBlocks, projection shortcuts where the shape changes.
Spec resnet18_spec(std::int64_t in_channels = 3, std::int64_t image_size = 32, std::int64_t classes = 10);

/// Names accepted by `--base`, and the spec for one of them.
const std::vector<std::string>& base_names();
Spec base_spec(const std::string& name, std::int64_t in_channels, std::int64_t image_size, std::int64_t classes);

/// Multiplies every channel count by `width`: c' = max(1, round(c x width)), rounding half to even
/// as Python's round() does, so width 0.125 of the base is the network of
/// shared/anchors/pytorch_baseline.py at that width. Shortcut kinds stay valid: equal counts
/// scale to equal counts.
Spec scale_width(const Spec& spec, double width);

/// Throws nasrank::Error naming the JSON path of the first fault ("blocks[3].stride must be 1 or 2").
void validate(const Spec& spec);

/// The versioned JSON form ("format": "nasrank-arch", "version": 1), skips sorted.
nlohmann::json to_json(const Spec& spec);
/// The same with keys in the documented order, for files people read.
nlohmann::ordered_json to_ordered_json(const Spec& spec);
/// A spec file's text: to_ordered_json laid out with one block per line (see json_text.h).
std::string to_text(const Spec& spec);
/// Parses and validates; never crashes on malformed input: every error is a nasrank::Error whose
/// message names the JSON path of the fault, prefixed by `path` (where `j` sits in a larger
/// document: "architectures[3].spec"). Unknown fields are errors (they are usually typos).
Spec spec_from_json(const nlohmann::json& j, const std::string& path = "");
/// As spec_from_json, from text; messages start with `source` (a file name).
Spec spec_from_text(const std::string& text, const std::string& source);
Spec load_spec(const std::string& path);

/// The canonical text: compact JSON of to_json (keys sorted, skips sorted).
std::string canonical_text(const Spec& spec);
/// 16 hex digits of the 64-bit FNV-1a hash of the canonical text: stable across runs and builds.
std::string canonical_hash(const Spec& spec);

/// Input channels of each block (the output channels of the block before it, or of the stem).
std::vector<std::int64_t> block_input_channels(const Spec& spec);
/// Spatial size of each block's output, in order (the stem keeps the input size).
std::vector<std::int64_t> block_output_sizes(const Spec& spec);

/// How a skip edge meets its destination: the 1x1 projection it needs, if any.
struct SkipShape {
  std::int64_t from_channels = 0, to_channels = 0;
  std::int64_t from_size = 0, to_size = 0;  ///< spatial sizes at both ends
  std::int64_t stride = 1;                  ///< of the projection: strides of the blocks in between
  bool projected() const { return from_channels != to_channels || from_size != to_size; }
};
SkipShape skip_shape(const Spec& spec, const SkipEdge& edge);

/// Number of weight layers on the main path: stem, every block convolution, classifier (18 for
/// ResNet-18; shortcut and skip projections are not counted, as in the network's name).
std::int64_t depth(const Spec& spec);

const char* shortcut_name(Shortcut s);

}  // namespace nasrank::nas
