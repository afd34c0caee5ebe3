// The one training step every path shares, and the engines that execute it: eagerly (CPU or
// GPU) or as a captured CUDA graph replayed each step. Engines differ in how a step runs, never
// in what it computes or records.
#pragma once

#include <torch/torch.h>

#include <memory>
#include <string>
#include <vector>

namespace nasrank::trainer::detail {

/// Everything one training step reads and writes, on one device.
struct TrainState {
  std::shared_ptr<torch::nn::Module> module;
  std::function<torch::Tensor(const torch::Tensor&)> forward;
  torch::Device device = torch::kCPU;
  std::vector<torch::Tensor> params;
  std::vector<torch::Tensor> momentum;  ///< SGD momentum buffers, zero at start (PyTorch semantics)
  torch::Tensor images;                 ///< uint8 N x C x H x W, on `device`
  torch::Tensor labels;                 ///< int64 N, on `device`
  torch::Tensor mean, inv_std;          ///< float 1 x C x 1 x 1, on `device`
  /// This run's own random numbers for augmentation, on the CPU and on a GPU alike: runs that
  /// share a GPU (sweep run --concurrent on CUDA streams) must not share a generator.
  std::optional<at::Generator> generator;
  /// CUDA: the generator's state, which a captured graph must be told about (make_cuda_generator).
  c10::intrusive_ptr<c10::intrusive_ptr_target> cuda_generator_state;
  double momentum_factor = 0.9;
  double weight_decay = 5e-4;
  bool augment = true;
  bool channels_last = false;
  bool bf16 = false;
};

/// Outputs of one step, left on the device so that nothing waits for the GPU.
struct StepOutput {
  torch::Tensor loss;     ///< mean cross-entropy of the batch (float, 0-dim)
  torch::Tensor correct;  ///< number of correct predictions (int64, 0-dim)
};

/// Pad-4 random crop and horizontal flip, per image, with tensor ops only (no host sync), so the
/// same code runs on the CPU, on the GPU, and inside a CUDA graph.
torch::Tensor augment_batch(const torch::Tensor& images_u8, const std::optional<at::Generator>& gen);
/// uint8 -> normalised float in the layout the model wants.
torch::Tensor normalise(const TrainState& s, const torch::Tensor& images_u8);
/// Forward, loss, backward and the SGD update for the batch at `indices`, at learning rate `lr`
/// (a 0-dim float tensor on the device, so that a captured graph sees each new value).
StepOutput train_step(TrainState& s, const torch::Tensor& indices, const torch::Tensor& lr);

class StepEngine {
 public:
  virtual ~StepEngine() = default;
  virtual StepOutput step(const torch::Tensor& indices, double lr) = 0;
  virtual std::string name() const = 0;
};

std::unique_ptr<StepEngine> make_eager_engine(TrainState& s);
/// A CUDA generator of this run's own, seeded, stored in s.generator with its state in
/// s.cuda_generator_state. Does nothing in a build without CUDA.
void make_cuda_generator(TrainState& s, std::uint64_t seed);
/// Captures train_step as a CUDA graph and checks one replay against one eager step from the same
/// state. Returns nullptr (after one log line saying why) when capture or the check fails.
std::unique_ptr<StepEngine> make_graph_engine(TrainState& s, const torch::Tensor& sample_indices, double lr);

/// Scoped bf16 autocast on CUDA (a no-op when disabled).
class AutocastScope {
 public:
  explicit AutocastScope(bool enabled);
  ~AutocastScope();

 private:
  bool enabled_;
  bool previous_ = false;
};

}  // namespace nasrank::trainer::detail
