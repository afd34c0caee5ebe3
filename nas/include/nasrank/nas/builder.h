// Spec -> LibTorch module. The forward pass has no host synchronisation and no data-dependent
// control flow, so it can be captured in a CUDA graph, and it accepts channels_last input.
#pragma once

#include <torch/torch.h>

#include "nasrank/nas/spec.h"

namespace nasrank::nas {

/// One block of the spec. Children: conv1, bn1[, conv2, bn2][, shortcut, shortcut_bn].
class ResidualBlockImpl : public torch::nn::Module {
 public:
  ResidualBlockImpl(std::int64_t in_channels, const Block& block);
  torch::Tensor forward(const torch::Tensor& x);

 private:
  std::vector<torch::nn::Conv2d> convs_;
  std::vector<torch::nn::BatchNorm2d> norms_;  ///< one per convolution, or none
  torch::nn::Conv2d projection_{nullptr};
  torch::nn::BatchNorm2d projection_norm_{nullptr};
  Shortcut shortcut_;
};
TORCH_MODULE(ResidualBlock);

/// The 1x1 strided convolution (+ batch norm) that carries a skip edge across a change of shape.
class SkipProjectionImpl : public torch::nn::Module {
 public:
  explicit SkipProjectionImpl(const SkipShape& shape);
  torch::Tensor forward(const torch::Tensor& x);

 private:
  torch::nn::Conv2d conv_{nullptr};
  torch::nn::BatchNorm2d norm_{nullptr};
};
TORCH_MODULE(SkipProjection);

/// The whole network. Its named_modules() are the layers by name ("stem", "block3.conv1",
/// "block3.shortcut", "skip1_4.conv", "classifier"), e.g. for zero-cost proxies.
class NetworkImpl : public torch::nn::Module {
 public:
  explicit NetworkImpl(const Spec& spec);
  /// N x C x H x W images (float, or bf16 under autocast; contiguous or channels_last) ->
  /// N x classes logits.
  torch::Tensor forward(const torch::Tensor& x);
  const Spec& spec() const { return spec_; }

 private:
  Spec spec_;
  torch::nn::Conv2d stem_{nullptr};
  torch::nn::BatchNorm2d stem_norm_{nullptr};
  std::vector<ResidualBlock> blocks_;
  std::vector<SkipProjection> skip_projections_;      ///< per spec_.skips entry; null where shapes match
  std::vector<std::vector<std::size_t>> skips_into_;  ///< per block: indices into spec_.skips
  std::vector<bool> output_needed_;                   ///< block outputs that feed a skip edge
  torch::nn::Linear classifier_{nullptr};
};
TORCH_MODULE(Network);

/// Validates the spec and builds the network on the CPU in float32, with PyTorch's default
/// initialisation (Conv2d and Linear: kaiming-uniform with a = sqrt(5), bias uniform in
/// +-1/sqrt(fan_in); BatchNorm: scale 1, shift 0), so it matches the Python reference script.
/// Seed it with torch::manual_seed; move it with ->to(device).
Network build_network(const Spec& spec);

}  // namespace nasrank::nas
