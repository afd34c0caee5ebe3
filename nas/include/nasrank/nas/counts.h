// Analytic size and cost of a spec, without building it (no torch here).
#pragma once

#include <cstdint>

#include "nasrank/nas/spec.h"

namespace nasrank::nas {

/// Trainable parameters of the network build_network makes: convolution weights (all bias-free),
/// batch-norm scale and shift, classifier weight and bias. Batch-norm running statistics are
/// buffers, not parameters.
std::int64_t count_params(const Spec& spec);

/// Multiply-accumulates of one forward pass of one image at the spec's input size: convolutions
/// (k x k x C_in per output element) and the linear layer (C x classes); batch norm, activations,
/// additions and pooling are not counted, the usual convention.
std::int64_t count_macs(const Spec& spec);

}  // namespace nasrank::nas
