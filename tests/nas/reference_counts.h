// Independent references for the analytic counts: parameters as LibTorch sees them (numel of every
// registered parameter) and MACs read off the autograd graph of a real forward pass (the output
// shape of every convolution and matrix product times the size of its weight's receptive field).
// Neither looks at the spec, so they catch a count that walks the network differently from the
// builder.
#pragma once

#include <gtest/gtest.h>
#include <torch/csrc/autograd/function.h>
#include <torch/csrc/autograd/functions/accumulate_grad.h>
#include <torch/torch.h>

#include <set>
#include <string>
#include <vector>

namespace nasrank::testing {

/// The test networks are tiny: one intra-op thread is fastest, and on a shared two-core machine
/// spinning OpenMP workers of parallel test processes slow each other down fifty-fold.
class OneThread : public ::testing::Environment {
 public:
  void SetUp() override { torch::set_num_threads(1); }
};
inline ::testing::Environment* const kOneThread = ::testing::AddGlobalTestEnvironment(new OneThread);

inline std::int64_t module_params(const torch::nn::Module& m) {
  std::int64_t n = 0;
  for (const auto& p : m.parameters()) n += p.numel();
  return n;
}

/// The leaf weight a backward node's `input` edge leads to (through transposes and views).
inline torch::Tensor leaf_weight(const torch::autograd::Node* node, std::size_t input) {
  const torch::autograd::Node* n = node->next_edges().at(input).function.get();
  while (n) {
    if (auto* acc = dynamic_cast<const torch::autograd::AccumulateGrad*>(n)) return acc->variable;
    if (n->next_edges().empty()) break;
    n = n->next_edges()[0].function.get();
  }
  return {};
}

struct GraphCount {
  std::int64_t macs = 0;   ///< per image
  std::int64_t convs = 0;  ///< convolution nodes seen
  std::int64_t linears = 0;
};

/// Walks the autograd graph behind `output` (computed from a batch of `batch` images).
inline GraphCount graph_macs(const torch::Tensor& output, std::int64_t batch) {
  GraphCount c;
  std::vector<const torch::autograd::Node*> stack = {output.grad_fn().get()};
  std::set<const torch::autograd::Node*> seen;
  while (!stack.empty()) {
    const torch::autograd::Node* n = stack.back();
    stack.pop_back();
    if (!n || !seen.insert(n).second) continue;
    const std::string name = n->name();
    std::int64_t out_elements = 1;
    if (name.rfind("ConvolutionBackward", 0) == 0 || name.rfind("AddmmBackward", 0) == 0) {
      for (const auto& d : n->input_metadata(0).shape_as_dim_vector()) out_elements *= d.expect_int();
    }
    if (name.rfind("ConvolutionBackward", 0) == 0) {
      const torch::Tensor w = leaf_weight(n, 1);  // out x in/groups x kh x kw
      c.macs += out_elements / batch * w.size(1) * w.size(2) * w.size(3);
      ++c.convs;
    } else if (name.rfind("AddmmBackward", 0) == 0) {
      const torch::Tensor w = leaf_weight(n, 2);  // classes x features, reached through its transpose
      c.macs += out_elements / batch * w.size(1);
      ++c.linears;
    }
    for (const auto& e : n->next_edges()) stack.push_back(e.function.get());
  }
  return c;
}

}  // namespace nasrank::testing
