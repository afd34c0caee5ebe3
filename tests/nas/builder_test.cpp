// The LibTorch builder against independent references: parameter numel, MACs read off the
// autograd graph, PyTorch's default initialisation, layer names, channels_last and CUDA graphs.
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "nasrank/core/error.h"
#include "nasrank/nas/builder.h"
#include "nasrank/nas/counts.h"
#include "reference_counts.h"

#ifdef NASRANK_HAS_CUDA
#include <ATen/autocast_mode.h>
#include <ATen/cuda/CUDAGraph.h>
#include <c10/cuda/CUDAGuard.h>
#include <c10/cuda/CUDAStream.h>
#endif

namespace nasrank::nas {
namespace {

using nasrank::testing::graph_macs;
using nasrank::testing::module_params;

/// What the trainer does for channels_last (torch::nn::Module::to takes no memory format).
void to_channels_last(torch::nn::Module& m) {
  torch::NoGradGuard no_grad;
  for (auto& p : m.parameters())
    if (p.dim() == 4) p.set_data(p.contiguous(at::MemoryFormat::ChannelsLast));
}

/// A spec that uses every feature: one-conv blocks, all three shortcuts, a block without batch
/// norm, skip edges with and without projections, a stride moved by a removed block.
Spec everything_spec(std::int64_t in_channels, std::int64_t size) {
  Spec s = scale_width(resnet18_spec(in_channels, size, 7), 0.25);
  s.blocks[1].convs = {24, 16};
  s.blocks[1].shortcut = Shortcut::projection;
  s.blocks[3].convs = {32};
  s.blocks[4].shortcut = Shortcut::none;
  s.blocks[5].batch_norm = false;
  s.blocks[6].shortcut = Shortcut::projection;
  s.skips = {{0, 2}, {1, 5}, {2, 7}, {4, 6}};
  return s;
}

TEST(Builder, ParamsOfResnet18MatchTheAnchors) {
  torch::manual_seed(0);
  EXPECT_EQ(module_params(*build_network(resnet18_spec(3, 32, 10))), 11173962);
  EXPECT_EQ(module_params(*build_network(resnet18_spec(1, 28, 10))), 11172810);
}

TEST(Builder, MacsOfResnet18FromTheAutogradGraph) {
  torch::manual_seed(0);
  Network net = build_network(resnet18_spec(3, 32, 10));
  net->eval();
  const auto c = graph_macs(net->forward(torch::randn({2, 3, 32, 32})), 2);
  EXPECT_EQ(c.macs, 555422720);
  EXPECT_EQ(c.convs, 1 + 16 + 3);  // stem, block convolutions, three projections
  EXPECT_EQ(c.linears, 1);
}

TEST(Builder, CountsMatchTheModuleForEveryFeature) {
  for (auto [channels, size] : {std::pair<std::int64_t, std::int64_t>{3, 32}, {1, 28}, {3, 9}, {1, 1}}) {
    const Spec s = everything_spec(channels, size);
    Network net = build_network(s);
    EXPECT_EQ(module_params(*net), count_params(s)) << size;
    net->train();
    const torch::Tensor y = net->forward(torch::randn({2, channels, size, size}));
    EXPECT_EQ(y.sizes(), (torch::IntArrayRef{2, 7}));
    EXPECT_TRUE(torch::isfinite(y).all().item<bool>());
    EXPECT_EQ(graph_macs(y, 2).macs, count_macs(s)) << size;
  }
}

TEST(Builder, LayerNamesFollowTheSpec) {
  const Spec s = everything_spec(3, 16);
  Network net = build_network(s);
  std::set<std::string> names;
  for (const auto& item : net->named_modules("", /*include_self=*/false)) names.insert(item.key());
  for (const char* expected :
       {"stem", "stem_bn", "block0.conv1", "block0.bn2", "block1.shortcut", "block1.shortcut_bn", "block3.conv1",
        "block5.conv2", "skip1_5.conv", "skip1_5.bn", "skip2_7.conv", "classifier"})
    EXPECT_TRUE(names.count(expected)) << expected;
  for (const char* absent : {"block3.conv2", "block4.shortcut", "block5.bn1", "skip0_2", "skip4_6"})
    EXPECT_FALSE(names.count(absent)) << absent << " should not exist";
  // Every weight layer: the stem, the block convolutions, projection shortcuts, projected skips.
  std::int64_t convs = 0, linears = 0;
  for (const auto& m : net->modules()) {
    convs += m->as<torch::nn::Conv2d>() != nullptr;
    linears += m->as<torch::nn::Linear>() != nullptr;
  }
  std::int64_t expected_convs = 1;
  for (const auto& b : s.blocks)
    expected_convs += static_cast<std::int64_t>(b.convs.size()) + (b.shortcut == Shortcut::projection);
  for (const auto& e : s.skips) expected_convs += skip_shape(s, e).projected();
  EXPECT_EQ(convs, expected_convs);
  EXPECT_EQ(linears, 1);
}

TEST(Builder, InitialisationIsPyTorchsDefault) {
  torch::manual_seed(1);
  Network net = build_network(resnet18_spec(3, 32, 10));
  for (const auto& item : net->named_modules()) {
    if (auto* conv = item.value()->as<torch::nn::Conv2d>()) {
      // kaiming_uniform_(a = sqrt(5)): bound = sqrt(6 / ((1 + 5) fan_in)) = 1 / sqrt(fan_in).
      const auto& w = conv->weight;
      // (float rounding may put a sample a hair past the double bound)
      const double bound = (1 + 1e-6) / std::sqrt(static_cast<double>(w.size(1) * w.size(2) * w.size(3)));
      EXPECT_LE(w.abs().max().item<double>(), bound) << item.key();
      EXPECT_GT(w.abs().max().item<double>(), 0.9 * bound) << item.key();
      EXPECT_FALSE(conv->bias.defined()) << item.key();
    } else if (auto* bn = item.value()->as<torch::nn::BatchNorm2d>()) {
      EXPECT_TRUE(torch::equal(bn->weight, torch::ones_like(bn->weight))) << item.key();
      EXPECT_TRUE(torch::equal(bn->bias, torch::zeros_like(bn->bias))) << item.key();
      EXPECT_DOUBLE_EQ(bn->options.momentum().value(), 0.1);
      EXPECT_DOUBLE_EQ(bn->options.eps(), 1e-5);
    } else if (auto* fc = item.value()->as<torch::nn::Linear>()) {
      const double bound = (1 + 1e-6) / std::sqrt(512.0);
      EXPECT_LE(fc->weight.abs().max().item<double>(), bound);
      EXPECT_LE(fc->bias.abs().max().item<double>(), bound);
      EXPECT_GT(fc->weight.abs().max().item<double>(), 0.9 * bound);
    }
  }
}

TEST(Builder, SameSeedSameWeights) {
  torch::manual_seed(7);
  Network a = build_network(everything_spec(3, 16));
  torch::manual_seed(7);
  Network b = build_network(everything_spec(3, 16));
  const auto pa = a->parameters(), pb = b->parameters();
  ASSERT_EQ(pa.size(), pb.size());
  for (std::size_t i = 0; i < pa.size(); ++i) EXPECT_TRUE(torch::equal(pa[i], pb[i]));
}

TEST(Builder, ChannelsLastGivesTheSameLogits) {
  torch::manual_seed(3);
  Network net = build_network(everything_spec(3, 16));
  net->eval();
  const torch::Tensor x = torch::randn({4, 3, 16, 16});
  torch::NoGradGuard no_grad;
  const torch::Tensor y = net->forward(x);
  to_channels_last(*net);
  const torch::Tensor z = net->forward(x.contiguous(torch::MemoryFormat::ChannelsLast));
  EXPECT_TRUE(torch::allclose(y, z, 1e-4, 1e-5)) << (y - z).abs().max().item<double>();
}

TEST(Builder, BackwardReachesEveryParameter) {
  Network net = build_network(everything_spec(1, 12));
  net->train();
  net->forward(torch::randn({3, 1, 12, 12})).sum().backward();
  for (const auto& p : net->named_parameters()) {
    ASSERT_TRUE(p.value().grad().defined()) << p.key();
  }
}

TEST(Builder, RejectsInvalidSpecs) {
  Spec s = resnet18_spec();
  s.blocks[2].shortcut = Shortcut::identity;
  EXPECT_THROW(build_network(s), Error);
}

TEST(Builder, ForwardCapturedInACudaGraph_CUDA) {
#ifndef NASRANK_HAS_CUDA
  GTEST_SKIP() << "built without CUDA";
#else
  if (!torch::cuda::is_available()) GTEST_SKIP() << "no CUDA device";
  torch::manual_seed(0);
  Network net = build_network(everything_spec(3, 32));
  net->to(torch::kCUDA);
  to_channels_last(*net);
  net->eval();
  torch::NoGradGuard no_grad;
  const torch::Tensor x = torch::randn({8, 3, 32, 32}, torch::kCUDA).contiguous(torch::MemoryFormat::ChannelsLast);
  const torch::Tensor eager = net->forward(x);
  // Warm up on a side stream, then capture: a host sync inside forward would make capture fail.
  const c10::cuda::CUDAStream side = c10::cuda::getStreamFromPool();
  torch::Tensor captured;
  at::cuda::CUDAGraph graph;
  {
    c10::cuda::CUDAStreamGuard guard(side);
    for (int i = 0; i < 3; ++i) net->forward(x);
    side.synchronize();
    graph.capture_begin();
    captured = net->forward(x);
    graph.capture_end();
  }
  graph.replay();
  torch::cuda::synchronize();
  EXPECT_TRUE(torch::allclose(captured, eager, 1e-3, 1e-3)) << (captured - eager).abs().max().item<double>();
  {
    // bf16 autocast, as the trainer runs it.
    at::autocast::set_autocast_enabled(at::kCUDA, true);
    at::autocast::set_autocast_dtype(at::kCUDA, at::kBFloat16);
    const torch::Tensor y = net->forward(x);
    at::autocast::set_autocast_enabled(at::kCUDA, false);
    at::autocast::clear_cache();
    EXPECT_EQ(y.sizes(), (torch::IntArrayRef{8, 7}));
    EXPECT_TRUE(torch::isfinite(y).all().item<bool>());
  }
#endif
}

}  // namespace
}  // namespace nasrank::nas
