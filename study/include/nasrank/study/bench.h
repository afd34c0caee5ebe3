// A sweep's throughput as a user sees it: JOBS trainings of the base network through a sweep store
// and run_sweep with K trainings side by side, in a scratch directory (`nasrank bench sweep`).
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "nasrank/study/stop.h"
#include "nasrank/trainer/data/dataset.h"

namespace nasrank::study {

struct BenchSweepOptions {
  data::DatasetOptions dataset;
  /// cpu, cuda or auto.
  std::string device = "cpu";
  /// Trainings side by side (0: one per core on the CPU, 1 on a GPU).
  int concurrent = 0;
  /// CPU threads per training (0: the cores split evenly).
  int threads = 0;
  /// Training runs in the sweep (0: twice `concurrent`).
  std::int64_t jobs = 0;
  /// Epochs of each run (its full budget, under linear decay).
  double epochs = 2;
  /// Channel multiplier of the base network.
  double width = 0.125;
  /// Training images, the first N (0: all).
  std::int64_t train_size = 8192;
  std::int64_t batch = 128;
  /// Keep the sweep store in this directory (empty: a scratch one, removed afterwards).
  std::string keep;
  /// Worker processes run this program (empty: this executable).
  std::string worker_program;
};

/// Runs the sweep and returns one JSON object: images_per_s (training images over the sweep's wall
/// time, everything included) and train_images_per_s (K x the mean training-only rate of a run over
/// its epochs after the first, as shared/anchors/pytorch_baseline.py counts), with the settings.
/// A stop request ends it with nasrank::Error, the scratch directory removed.
nlohmann::json bench_sweep(const BenchSweepOptions& options, StopRequests* stop = nullptr);

}  // namespace nasrank::study
