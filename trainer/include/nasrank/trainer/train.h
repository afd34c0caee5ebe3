// Budgeted training of one architecture: SGD with momentum under a budget-aware schedule, the
// paper's recipe (Sec. 4.1), on the CPU or a CUDA GPU. Torch stays behind this header.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "nasrank/nas/spec.h"
#include "nasrank/trainer/data/dataset.h"
#include "nasrank/trainer/record.h"

namespace nasrank::trainer {

struct TrainOptions {
  /// Learning-rate schedule spec (trainer/schedule.h); the paper's recommendation is linear.
  std::string schedule = "linear";
  /// Budget: a fraction of the full budget ("0.05"), a percentage ("5%") or epochs ("10ep").
  std::string budget = "1";
  /// The full budget in epochs (the paper trains CIFAR-10 for 200, Sec. 4.1).
  double full_epochs = 200;
  /// Base learning rate, momentum, weight decay and batch size of the paper's recipe (Sec. 4.1).
  double lr = 0.1;
  double momentum = 0.9;
  double weight_decay = 5e-4;
  std::int64_t batch = 128;
  /// Channel multiplier of the architecture (0.125 makes CPU runs practical).
  double width = 1.0;
  /// Train on the first N images of the training split only (0: all of them).
  std::int64_t train_size = 0;
  /// Seed of initialisation, batch order and augmentation.
  std::uint64_t seed = 0;
  /// Pad-4 random crop and horizontal flip per batch (the paper's CIFAR augmentation).
  bool augment = true;
  /// cpu, cuda, or auto (cuda when a GPU is present).
  std::string device = "cpu";
  /// Intra-op threads on the CPU (0: every core this process may use).
  int threads = 0;
  /// GPU path switches: bf16 autocast, channels_last, CUDA-graph capture of the whole step,
  /// cuDNN autotuning. Ignored on the CPU, which trains in fp32 and NCHW (measured faster there).
  bool bf16 = true;
  bool channels_last = true;
  bool cuda_graphs = true;
  bool cudnn_benchmark = true;
  /// Full-gradient norm over the training set at each epoch end (paper Sec. 5, Fig. 4).
  bool grad_norm = false;
  /// Also evaluate on the test set at the end.
  bool test = false;
  /// Validation points per run: 0 evaluates at the end of each epoch and of the budget; K > 0 at K
  /// evenly spaced steps (the last the budget's end), so that the best checkpoint's progress p can
  /// be told finer than by epochs (Table 5) on budgets of a few epochs or less.
  std::int64_t evals_per_run = 0;
  /// Images per evaluation batch.
  std::int64_t eval_batch = 1000;
  /// A run whose best validation accuracy stays below this multiple of chance (1/classes) is
  /// `untrainable`.
  double untrainable_factor = 1.5;
  /// How often the GPU path looks at the loss for NaN/Inf (each look waits for the GPU).
  std::int64_t divergence_check_every = 20;
  /// Architecture id written into the record.
  std::string arch_id = "resnet18";
};

/// Called after every evaluation (each epoch end and the end of a final partial epoch).
using EpochCallback = std::function<void(const RunRecord& so_far, const EpochRecord& epoch)>;

/// Called before every optimizer step with the step index t (0-based) and its learning rate.
using StepCallback = std::function<void(std::int64_t t, double lr)>;

/// Throws nasrank::Error (naming the option, "--...", where one is at fault) unless `options` are
/// valid and `spec`, at `options.width`, can train on `data`: what train() checks before any work.
void check_fits(const nas::Spec& spec, const data::Dataset& data, const TrainOptions& options);

/// Trains `spec` on `data` under `options`. Divergence and untrainability are results (status),
/// not errors; bad options throw nasrank::Error.
RunRecord train(const nas::Spec& spec, const data::Dataset& data, const TrainOptions& options,
                const EpochCallback& on_epoch = {}, const StepCallback& on_step = {});

struct BenchResult {
  std::string device;
  int threads = 0;
  std::string engine;
  double images_per_second = 0;
  double setup_seconds = 0;  ///< build, upload, autotuning and graph capture before the first timed step
  std::int64_t timed_steps = 0;
  std::int64_t batch = 0;
};

/// Times `steps` training steps (after `warmup` untimed ones) of the recipe on `spec`.
BenchResult bench_train(const nas::Spec& spec, const data::Dataset& data, const TrainOptions& options,
                        std::int64_t steps, std::int64_t warmup);

/// True when LibTorch sees a CUDA device (false in builds without the CUDA path).
bool cuda_available();

/// CPU cores this process may run on (its affinity mask), at least 1.
int usable_cores();

/// Runs `fn` on this thread with a CUDA stream of its own from LibTorch's pool as the current
/// stream, so that trainings on several threads overlap on one GPU. Throws nasrank::Error in a
/// build without CUDA.
void with_own_cuda_stream(const std::function<void()>& fn);

}  // namespace nasrank::trainer
