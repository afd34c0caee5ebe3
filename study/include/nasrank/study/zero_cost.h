// Zero-cost scores of a study's pool, computed beside its training runs and kept in its store, so
// that the ranking can put both families of cheap proxies on one axis of compute.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "nasrank/generator/pool.h"
#include "nasrank/study/shard.h"
#include "nasrank/trainer/data/dataset.h"
#include "nasrank/trainer/proxies.h"

namespace nasrank::study {

struct ZeroCostOptions {
  /// Scores to compute (trainer/proxies.h); empty: every registered score.
  std::vector<std::string> scores;
  /// Images in the scoring batch, drawn from the study's training split (the zero-cost papers
  /// score one training batch; 64 is the default).
  std::int64_t batch = 64;
  /// Seed of the initialisation and of the batch: the network a seed-S training run starts from.
  std::uint64_t seed = 0;
  /// cpu, cuda or auto.
  std::string device = "cpu";
  /// Intra-op CPU threads (0: every core). Give a training worker's share of the cores so that a
  /// score's seconds compare with a training run's on the same axis.
  int threads = 0;
  /// Only the architectures of this shard (their position in the pool modulo the count).
  Shard shard;
  /// Where this machine keeps the dataset, when not where the study was planned (empty: the study's).
  std::string dataset_root;
};

struct ZeroCostSummary {
  std::int64_t scored = 0;     ///< architectures scored now
  std::int64_t had = 0;        ///< architectures that already had every requested score
  std::int64_t nonfinite = 0;  ///< scores that came out NaN or infinite (stored as such)
  double seconds = 0;
};

/// Computes the requested scores of every architecture of the shard that lacks one of them and
/// stores each architecture's scores in one transaction, so an interrupted pass resumes where it
/// stopped. `*stop` is checked between architectures. Throws nasrank::Error for a store without a
/// plan, an unknown score, or a dataset that cannot be loaded.
ZeroCostSummary score_pool(const std::filesystem::path& db, const ZeroCostOptions& options,
                           const std::atomic<bool>* stop = nullptr);

/// Scores each architecture in turn (`nasrank proxies`), logging progress with an ETA and warning
/// about non-finite scores, which are kept as computed.
std::vector<trainer::ProxyScores> score_architectures(const std::vector<generator::PoolArch>& archs,
                                                      const data::Dataset& dataset,
                                                      const trainer::ProxyOptions& options);

}  // namespace nasrank::study
