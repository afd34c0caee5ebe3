// Zero-cost proxies: scores of an architecture at initialisation, from one batch, that rank
// architectures without training them (Abdelfattah et al., ICLR 2021; Mellor et al., ICML 2021).
// Torch stays behind this header; the per-network scoring functions are in proxy_scores.h.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "nasrank/nas/spec.h"
#include "nasrank/trainer/data/dataset.h"

namespace nasrank::trainer {

/// A score by name, what it measures in one line, and where it comes from.
struct ProxyInfo {
  std::string name;        ///< "synflow"
  std::string definition;  ///< one line, for --help and docs/proxies.md
  std::string reference;   ///< the paper
};

/// Every score, in the order outputs list them. A larger value is taken to predict a better
/// architecture for every one of them (grasp and jacob_cov carry the sign that makes it so).
const std::vector<ProxyInfo>& proxy_registry();
/// The registry's names, in order.
std::vector<std::string> proxy_names();
/// `names` checked against the registry, duplicates dropped, in the order given; empty means all.
/// Throws nasrank::Error naming the unknown score and listing the valid ones.
std::vector<std::string> resolve_proxy_names(const std::vector<std::string>& names);

struct ProxyOptions {
  /// Scores to compute (proxy_names()); empty: all of them.
  std::vector<std::string> scores;
  /// Images in the one batch the data-dependent scores see, drawn from the training split (the
  /// zero-cost papers score one training batch; Mellor et al.'s default is 128).
  std::int64_t batch = 64;
  /// Seed of the initialisation (the same network `train --seed S` starts from) and of the batch.
  std::uint64_t seed = 0;
  /// Channel multiplier applied to the spec, as the trainer's --width.
  double width = 1.0;
  /// cpu, cuda, or auto (cuda when a GPU is present).
  std::string device = "cpu";
  /// Intra-op CPU threads (0: every core this process may use).
  int threads = 0;
};

struct ProxyScores {
  std::string arch;
  /// Each requested score; NaN or infinite values are kept as computed (see nonfinite_scores).
  std::map<std::string, double> value;
  /// Wall seconds of each score for this architecture (its forward and backward passes).
  std::map<std::string, double> seconds;
  /// Building the network and moving the batch to the device, shared by the scores.
  double setup_seconds = 0;
};

/// The scores of `spec` (scaled by options.width) on a batch of data.train drawn with
/// options.seed, from the network the trainer would initialise with that seed. Bad options (an
/// unknown score, a batch larger than the training split, a spec that does not fit the data)
/// throw nasrank::Error; a non-finite score is a result, never an error.
ProxyScores compute_proxies(const nas::Spec& spec, const data::Dataset& data, const ProxyOptions& options,
                            const std::string& arch_id);

/// The indices of the scoring batch in data.train: `batch` distinct images drawn with `seed`.
std::vector<std::int64_t> proxy_batch_indices(std::int64_t train_count, std::int64_t batch, std::uint64_t seed);

/// Names of the scores in `s` whose value is NaN or infinite.
std::vector<std::string> nonfinite_scores(const ProxyScores& s);

/// {"arch", "scores": {name: value or null}, "seconds": {name: s}, "setup_seconds"}: JSON has no
/// NaN or infinity, so a non-finite score is written as null.
nlohmann::json to_json(const ProxyScores& s);

}  // namespace nasrank::trainer
