// What one training run records: per-epoch curves and the end result. The same record comes from
// the CPU path, the CUDA graph path and the sweep worker, and is stored as JSON.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace nasrank::trainer {

struct EpochRecord {
  double epoch = 0;       ///< fractional at the end of a final partial epoch
  std::int64_t step = 0;  ///< optimizer steps done
  double train_loss = 0;  ///< mean over the epoch's steps
  double train_acc = 0;
  double val_loss = 0;
  double val_acc = 0;
  double lr = 0;  ///< learning rate of the epoch's last step
  double images_per_second = 0;
  double wall_seconds = 0;          ///< since the start of training
  std::optional<double> grad_norm;  ///< full-gradient norm over the training set (--grad-norm)
};

/// Training-loss curves are kept as sums over blocks of consecutive steps: enough for the
/// learning-curve predictors (ranking/predictors.h) at any budget, below one epoch included, while
/// a record stays small. A run of T steps has blocks of ceil(T / kLossBlocks) steps.
constexpr std::int64_t kLossBlocks = 256;

struct RunRecord {
  std::string format = "nasrank-run";
  int version = 1;
  // What ran.
  std::string arch;
  std::string dataset;
  bool synthetic_data = false;
  std::string schedule;
  std::string budget;  ///< as given ("0.05", "10ep")
  double budget_epochs = 0;
  double full_epochs = 0;
  std::int64_t seed = 0;
  std::string device;     ///< "cpu x2 threads", "NVIDIA H100 80GB HBM3"
  std::string engine;     ///< graph | eager
  nlohmann::json recipe;  ///< every option of the run
  std::int64_t params = 0;
  std::int64_t macs = 0;
  std::int64_t train_images = 0;
  std::int64_t steps_per_epoch = 0;
  std::int64_t steps = 0;  ///< T, the budget in optimizer steps
  // What came out.
  std::string status;  ///< ok | diverged | untrainable
  std::int64_t steps_done = 0;
  double best_val_acc = 0;
  std::int64_t best_step = 0;
  double best_progress = 0;  ///< best_step / steps
  double final_val_acc = 0;
  std::optional<double> test_acc;
  double seconds = 0;        ///< training wall time, evaluation included
  double setup_seconds = 0;  ///< before the first step (build, upload, capture)
  double images_per_second = 0;
  std::vector<EpochRecord> epochs;
  /// Steps per block of `loss_block_sums` (0: the record predates them).
  std::int64_t loss_block_steps = 0;
  /// Sum of the minibatch training losses of each block of `loss_block_steps` steps, in order;
  /// the last block holds the steps left over (steps_done need not be a multiple).
  std::vector<double> loss_block_sums;
};

nlohmann::json to_json(const EpochRecord& e);
nlohmann::json to_json(const RunRecord& r);
RunRecord run_record_from_json(const nlohmann::json& j);

}  // namespace nasrank::trainer
