// The zero-cost scores as functions of any network: a module, the weights the scores sum over, and
// a forward pass that reports the activations some scores read. compute_proxies (proxies.h) feeds
// them a nas::Network; tests feed them small networks whose scores have a closed form.
#pragma once

#include <torch/torch.h>

#include <functional>
#include <memory>
#include <vector>

#include "nasrank/nas/builder.h"

namespace nasrank::trainer::proxies {

/// What a forward pass reports, and how it runs.
struct ForwardTaps {
  /// false: batch-norm layers are skipped (synflow's linearised network, as the reference code
  /// of Abdelfattah et al. builds it with bn=False).
  bool batch_norm = true;
  /// Called with the output of every convolution and linear layer, and that layer's weight
  /// (fisher reads both).
  std::function<void(const torch::Tensor& output, const torch::Tensor& weight)> on_layer;
  /// Called with the input of every ReLU, in the order they run (naswot's binary codes).
  std::function<void(const torch::Tensor& pre_activation)> on_relu;
};

/// A network as the scores see it.
struct ScoredNetwork {
  std::shared_ptr<torch::nn::Module> module;
  /// The weights that the parameter scores (synflow, snip, grasp, grad_norm) sum over: every
  /// convolution and linear weight; not biases, not batch norm (as in the reference code).
  std::vector<torch::Tensor> weights;
  /// Logits of a batch, reporting to `taps`. Must use the tensors in `weights` (not copies).
  std::function<torch::Tensor(const torch::Tensor& x, const ForwardTaps& taps)> forward;
};

/// A nas::Network with a forward pass that walks the spec as NetworkImpl::forward does, through
/// the network's own layers (found by their names), so that it can report activations; the
/// builder has no hooks. forward_matches() checks that the two agree.
ScoredNetwork scored_network(nas::Network net);
/// True when net.forward and network->forward give the same logits on `x` (train mode), up to
/// the round-off of a different GPU algorithm.
bool forward_matches(const ScoredNetwork& net, nas::Network network, const torch::Tensor& x);

// Each score puts the module in train mode (batch statistics, as the reference code leaves it),
// changes no parameter and leaves no gradient behind. x is a normalised float batch, y its labels
// (int64), both on the module's device. The loss is the mean cross-entropy of the batch.

/// sum |theta * dR/dtheta| over `weights`, R = sum of the logits of one all-ones input of shape
/// `input_shape` (no batch dimension), with every parameter replaced by its absolute value,
/// batch norm skipped, in double precision (Tanaka et al. 2020).
double synflow(ScoredNetwork& net, const std::vector<std::int64_t>& input_shape);
/// sum |theta * dL/dtheta| over `weights` (Lee et al. 2019).
double snip(ScoredNetwork& net, const torch::Tensor& x, const torch::Tensor& y);
/// sum -(theta * H g) over `weights`, g = dL/dtheta, H the Hessian of L (Wang et al. 2020).
double grasp(ScoredNetwork& net, const torch::Tensor& x, const torch::Tensor& y);
/// Sum over convolution and linear layers l and their output channels k of
/// fan_in(l) * 1/2 mean_n (sum_{spatial} z_nk * dL/dz_nk)^2, z the layer's output (Turner et al.
/// 2020, as the reference code of Abdelfattah et al. computes it; see docs/proxies.md).
double fisher(ScoredNetwork& net, const torch::Tensor& x, const torch::Tensor& y);
/// sum over `weights` of the L2 norm of each layer's gradient dL/dtheta.
double grad_norm(ScoredNetwork& net, const torch::Tensor& x, const torch::Tensor& y);
/// jacobian_covariance_score of the input Jacobian of the summed logits (Mellor et al. 2020, v1).
double jacob_cov(ScoredNetwork& net, const torch::Tensor& x);
/// log|K| of the binary-code kernel of every ReLU (Mellor et al., ICML 2021).
double naswot(ScoredNetwork& net, const torch::Tensor& x);

/// -sum_i (log(v_i + k) + 1/(v_i + k)), v the eigenvalues of the correlation matrix of the rows
/// of `jacobian` (N x D), k = 1e-5. NaN when a row is constant (its correlation is undefined).
double jacobian_covariance_score(const torch::Tensor& jacobian);
/// K = C C^T + (1 - C)(1 - C)^T for binary codes C (N x D, one row per input).
torch::Tensor code_kernel(const torch::Tensor& codes);
/// log|det K| (numpy's slogdet logabsdet): -inf when K is singular.
double log_abs_det(const torch::Tensor& kernel);

}  // namespace nasrank::trainer::proxies
