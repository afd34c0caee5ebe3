// The LibTorch network of a spec: the layers in the order counts.cpp walks them.
#include "nasrank/nas/builder.h"

#include <algorithm>

#include "nasrank/core/error.h"

namespace nasrank::nas {
namespace {

torch::nn::Conv2d conv(std::int64_t in, std::int64_t out, std::int64_t kernel, std::int64_t stride) {
  return torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, kernel).stride(stride).padding(kernel / 2).bias(false));
}

}  // namespace

ResidualBlockImpl::ResidualBlockImpl(std::int64_t in_channels, const Block& block) : shortcut_(block.shortcut) {
  std::int64_t c = in_channels;
  for (std::size_t k = 0; k < block.convs.size(); ++k) {
    const std::int64_t out = block.convs[k];
    const std::string n = std::to_string(k + 1);
    convs_.push_back(register_module("conv" + n, conv(c, out, 3, k == 0 ? block.stride : 1)));
    if (block.batch_norm) norms_.push_back(register_module("bn" + n, torch::nn::BatchNorm2d(out)));
    c = out;
  }
  if (shortcut_ == Shortcut::projection) {
    projection_ = register_module("shortcut", conv(in_channels, block.out_channels(), 1, block.stride));
    if (block.batch_norm)
      projection_norm_ = register_module("shortcut_bn", torch::nn::BatchNorm2d(block.out_channels()));
  }
}

torch::Tensor ResidualBlockImpl::forward(const torch::Tensor& x) {
  torch::Tensor y = x;
  for (std::size_t k = 0; k < convs_.size(); ++k) {
    y = convs_[k]->forward(y);
    if (!norms_.empty()) y = norms_[k]->forward(y);
    // In place is safe: neither convolution nor batch norm needs its output for the backward pass.
    if (k + 1 < convs_.size()) y.relu_();
  }
  if (shortcut_ == Shortcut::identity) {
    y = y + x;
  } else if (shortcut_ == Shortcut::projection) {
    torch::Tensor s = projection_->forward(x);
    y = y + (projection_norm_ ? projection_norm_->forward(s) : s);
  }
  return y.relu_();
}

SkipProjectionImpl::SkipProjectionImpl(const SkipShape& shape) {
  conv_ = register_module("conv", conv(shape.from_channels, shape.to_channels, 1, shape.stride));
  norm_ = register_module("bn", torch::nn::BatchNorm2d(shape.to_channels));
}

torch::Tensor SkipProjectionImpl::forward(const torch::Tensor& x) { return norm_->forward(conv_->forward(x)); }

NetworkImpl::NetworkImpl(const Spec& spec) : spec_(spec) {
  validate(spec_);
  std::sort(spec_.skips.begin(), spec_.skips.end());  // the canonical order names and applies them
  stem_ = register_module("stem", conv(spec_.in_channels, spec_.stem_channels, 3, 1));
  stem_norm_ = register_module("stem_bn", torch::nn::BatchNorm2d(spec_.stem_channels));
  const auto in_channels = block_input_channels(spec_);
  for (std::size_t i = 0; i < spec_.blocks.size(); ++i)
    blocks_.push_back(register_module("block" + std::to_string(i), ResidualBlock(in_channels[i], spec_.blocks[i])));
  skips_into_.assign(spec_.blocks.size(), {});
  output_needed_.assign(spec_.blocks.size(), false);
  for (std::size_t k = 0; k < spec_.skips.size(); ++k) {
    const SkipEdge& e = spec_.skips[k];
    skips_into_[static_cast<std::size_t>(e.to)].push_back(k);
    output_needed_[static_cast<std::size_t>(e.from)] = true;
    const SkipShape shape = skip_shape(spec_, e);
    skip_projections_.push_back(
        shape.projected()
            ? register_module("skip" + std::to_string(e.from) + "_" + std::to_string(e.to), SkipProjection(shape))
            : SkipProjection(nullptr));
  }
  classifier_ = register_module("classifier", torch::nn::Linear(spec_.blocks.back().out_channels(), spec_.classes));
}

torch::Tensor NetworkImpl::forward(const torch::Tensor& input) {
  torch::Tensor x = stem_norm_->forward(stem_->forward(input)).relu_();
  std::vector<torch::Tensor> outputs(blocks_.size());
  for (std::size_t i = 0; i < blocks_.size(); ++i) {
    for (std::size_t k : skips_into_[i]) {
      const torch::Tensor& source = outputs[static_cast<std::size_t>(spec_.skips[k].from)];
      x = x + (skip_projections_[k] ? skip_projections_[k]->forward(source) : source);
    }
    x = blocks_[i]->forward(x);
    if (output_needed_[i]) outputs[i] = x;
  }
  // Global average pooling: a mean over the spatial dimensions, whatever the memory format.
  return classifier_->forward(x.mean({2, 3}));
}

Network build_network(const Spec& spec) { return Network(spec); }

}  // namespace nasrank::nas
