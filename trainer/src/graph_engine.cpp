// The CUDA fast path: the whole training step (batch gather, augmentation, forward, backward,
// SGD update) captured once as a CUDA graph and replayed, the learning rate living in a device
// tensor that is refreshed before each replay. It checks itself against an eager step first.
#include "engine.h"

#ifdef NASRANK_HAS_CUDA

#include <ATen/cuda/CUDAEvent.h>
#include <ATen/cuda/CUDAGeneratorImpl.h>
#include <ATen/cuda/CUDAGraph.h>
#include <c10/cuda/CUDAGuard.h>
#include <c10/cuda/CUDAStream.h>

#include "nasrank/core/error.h"
#include "nasrank/core/log.h"

namespace nasrank::trainer::detail {
namespace {

/// Parameters, buffers (BN running statistics) and momentum, copied so a state can be restored
/// in place: the graph keeps pointing at the same memory.
struct Snapshot {
  std::vector<torch::Tensor> saved, live;
  explicit Snapshot(TrainState& s) {
    torch::NoGradGuard no_grad;
    for (auto& p : s.module->parameters()) live.push_back(p);
    for (auto& b : s.module->buffers()) live.push_back(b);
    for (auto& m : s.momentum) live.push_back(m);
    for (auto& t : live) saved.push_back(t.detach().clone());
  }
  void restore() {
    torch::NoGradGuard no_grad;
    for (std::size_t i = 0; i < live.size(); ++i) live[i].copy_(saved[i]);
  }
};

/// Makes `waiter` wait (on the device, not the host) for the work queued so far on `producer`.
void wait_for(const c10::cuda::CUDAStream& waiter, const c10::cuda::CUDAStream& producer) {
  at::cuda::CUDAEvent done;
  done.record(producer);
  done.block(waiter);
}

class GraphEngine final : public StepEngine {
 public:
  GraphEngine(TrainState& s, int64_t batch) : s_(s) {
    const auto dev = torch::TensorOptions().device(s.device);
    indices_ = torch::zeros({batch}, dev.dtype(torch::kLong));
    lr_ = torch::zeros({}, dev.dtype(torch::kFloat));
  }

  void capture(const torch::Tensor& sample_indices, double lr) {
    indices_.copy_(sample_indices);
    lr_.fill_(lr);
    // Warm up on a side stream (cuDNN/cuBLAS pick algorithms and workspaces) as the
    // torch.cuda.graphs documentation does, then capture on it.
    const c10::cuda::CUDAStream side = c10::cuda::getStreamFromPool();
    wait_for(side, c10::cuda::getCurrentCUDAStream());
    {
      c10::cuda::CUDAStreamGuard guard(side);
      for (int i = 0; i < 3; ++i) out_ = train_step(s_, indices_, lr_);
      // This run's generator is not the default one, which capture registers by itself.
      if (s_.cuda_generator_state)
        graph_.register_generator_state(
            c10::static_intrusive_pointer_cast<at::CUDAGeneratorState>(s_.cuda_generator_state));
      // Thread-local capture: other runs on other streams of this process (sweep run
      // --concurrent) keep allocating and launching while this one captures.
      graph_.capture_begin({0, 0}, cudaStreamCaptureModeThreadLocal);
      out_ = train_step(s_, indices_, lr_);
      graph_.capture_end();
    }
    wait_for(c10::cuda::getCurrentCUDAStream(), side);
  }

  StepOutput step(const torch::Tensor& indices, double lr) override {
    indices_.copy_(indices, /*non_blocking=*/true);
    lr_.fill_(lr);
    graph_.replay();
    return out_;
  }
  std::string name() const override { return "graph"; }

 private:
  TrainState& s_;
  at::cuda::CUDAGraph graph_;
  torch::Tensor indices_, lr_;
  StepOutput out_;
};

double max_abs_diff(const std::vector<torch::Tensor>& a, const std::vector<torch::Tensor>& b) {
  double worst = 0;
  for (std::size_t i = 0; i < a.size(); ++i)
    worst = std::max(worst, (a[i].to(torch::kDouble) - b[i].to(torch::kDouble)).abs().max().item<double>());
  return worst;
}

}  // namespace

std::unique_ptr<StepEngine> make_graph_engine(TrainState& s, const torch::Tensor& sample_indices, double lr) {
  if (!s.device.is_cuda()) return nullptr;
  std::optional<Snapshot> snapshot;
  try {
    snapshot.emplace(s);
    Snapshot& start = *snapshot;
    at::Generator gen = s.generator ? *s.generator : at::cuda::detail::getDefaultCUDAGenerator(s.device.index());
    const at::Tensor rng_state = gen.get_state();

    // One eager step from the starting state, as the reference.
    auto eager = make_eager_engine(s);
    const StepOutput e = eager->step(sample_indices, lr);
    const double eager_loss = e.loss.item<double>();
    std::vector<torch::Tensor> eager_params;
    for (auto& p : s.module->parameters()) eager_params.push_back(p.detach().clone());

    // Capture (its warm-up steps move the weights), restore, replay one step from the same state
    // with the same random numbers.
    start.restore();
    auto graph = std::make_unique<GraphEngine>(s, sample_indices.size(0));
    graph->capture(sample_indices, lr);
    start.restore();
    gen.set_state(rng_state);
    const StepOutput g = graph->step(sample_indices, lr);
    const double graph_loss = g.loss.item<double>();
    std::vector<torch::Tensor> graph_params;
    for (auto& p : s.module->parameters()) graph_params.push_back(p.detach().clone());

    // Compare the update each made, relative to the size of the update (bf16 tolerance).
    std::vector<torch::Tensor> eager_delta, graph_delta;
    for (std::size_t i = 0; i < eager_params.size(); ++i) {
      eager_delta.push_back(eager_params[i] - start.saved[i]);
      graph_delta.push_back(graph_params[i] - start.saved[i]);
    }
    double scale = 0;
    for (auto& d : eager_delta) scale = std::max(scale, d.abs().max().item<double>());
    const double update_err = max_abs_diff(eager_delta, graph_delta) / std::max(scale, 1e-12);
    const double loss_err = std::abs(eager_loss - graph_loss) / std::max(1.0, std::abs(eager_loss));
    start.restore();
    gen.set_state(rng_state);
    const double tol = s.bf16 ? 5e-2 : 1e-3;
    if (!(loss_err <= tol && update_err <= tol)) {
      LOG_WARN("CUDA graph check failed (loss differs by ", loss_err, ", update by ", update_err,
               " relative; tolerance ", tol, "): falling back to eager execution");
      return nullptr;
    }
    LOG_DEBUG("CUDA graph captured and checked: loss error ", loss_err, ", update error ", update_err);
    return graph;
  } catch (const std::exception& ex) {
    std::string what = ex.what();
    if (auto nl = what.find('\n'); nl != std::string::npos) what.resize(nl);
    LOG_WARN("CUDA graph capture failed (", what, "): falling back to eager execution");
    try {
      if (snapshot) snapshot->restore();  // the eager run starts from the untouched state
    } catch (const std::exception&) {
      throw Error("CUDA graph capture failed and the training state could not be restored: " + what);
    }
    return nullptr;
  }
}

void make_cuda_generator(TrainState& s, std::uint64_t seed) {
  auto state = c10::make_intrusive<at::CUDAGeneratorState>(seed);
  s.generator = at::make_generator<at::CUDAGeneratorImpl>(s.device.index(), state);
  s.cuda_generator_state = state;
}

}  // namespace nasrank::trainer::detail

#endif  // NASRANK_HAS_CUDA
