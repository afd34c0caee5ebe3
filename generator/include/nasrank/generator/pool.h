// Seeded pools of random ResNet-18 mutations, as in Appendix A of the Budgeted Training paper
// ("adding skip connection, removing layer, changing filter numbers"), and the pool file format.
// Torch-free: a pool is specs and their analytic counts.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "nasrank/core/random.h"
#include "nasrank/nas/spec.h"

namespace nasrank::generator {

/// Bumped whenever the same options would give a different pool (operators, odds, RNG use).
constexpr int kGeneratorVersion = 1;

/// The factors `change_filters` multiplies a block's channels by.
const std::vector<double>& filter_factors();
/// `change_filters` keeps every convolution within [1, kMaxChannels]: 4x ResNet-18's widest.
constexpr std::int64_t kMaxChannels = 2048;

/// A mutation operator and which of the paper's three kinds of modification it belongs to.
struct MutationOperator {
  std::string name;  ///< "add_skip", "remove_block", ...
  std::string kind;  ///< "add skip connection", "remove layer" or "change filter numbers"
};
/// Every operator, in the order docs/architectures.md describes them.
const std::vector<MutationOperator>& mutation_operators();

/// Applies operator `name` at a place drawn from `rng`, then repairs shapes (identity shortcuts
/// that no longer fit become projections; skip edges that lost an end are dropped). Returns the
/// log entry ("add_skip 2->5"), or "" when the operator has nowhere to apply (spec unchanged).
std::string apply_mutation(nas::Spec& spec, const std::string& name, Rng& rng);

/// One random mutation: one of the paper's three kinds with equal odds, then one of that kind's
/// operators that applies, with equal odds. Returns the log entry ("" only if nothing applies).
std::string mutate(nas::Spec& spec, Rng& rng);

struct PoolOptions {
  /// Architectures in the pool (the paper: 100).
  std::int64_t count = 100;
  /// Seed of every random choice: same options, same pool, byte for byte.
  std::uint64_t seed = 0;
  /// Base architecture (nas::base_names()).
  std::string base = "resnet18";
  /// Input channels the base is shaped for: 3 for CIFAR-10, the paper's data (1 for Fashion-MNIST).
  std::int64_t in_channels = 3;
  /// Input height and width: 32 for CIFAR-10 (28 for Fashion-MNIST).
  std::int64_t image_size = 32;
  /// Classes of the classifier: 10 for CIFAR-10 and Fashion-MNIST.
  std::int64_t classes = 10;
  /// Fewest mutations a member gets; the number is uniform in [min, max].
  std::int64_t min_mutations = 1;
  /// Most mutations a member gets: 5 keeps members recognisably ResNet-18 variants.
  std::int64_t max_mutations = 5;
  /// Members must have at most this many parameters (0: no limit).
  std::int64_t max_params = 0;
  /// Members must have at most this many MACs per image (0: no limit).
  std::int64_t max_macs = 0;
  /// How members are chosen among the distinct draws: "none" keeps the first `count`, as the paper
  /// does; "params" or "macs" draws kSpreadCandidates x `count` and keeps those nearest to `count`
  /// evenly spaced points of log(params) or log(MACs) between the smallest and largest drawn, so a
  /// small pool spans the search space instead of clustering near the base.
  std::string spread = "none";
};

/// Candidates drawn per member when PoolOptions::spread is not "none".
constexpr std::int64_t kSpreadCandidates = 32;
/// The values PoolOptions::spread takes.
const std::vector<std::string>& spread_names();

struct PoolArch {
  std::string id;  ///< "a000", "a001", ...
  nas::Spec spec;
  std::vector<std::string> mutations;  ///< the log, in the order applied ("add_skip 2->5")
  std::int64_t params = 0;
  std::int64_t macs = 0;
};

struct Pool {
  PoolOptions options;
  int generator_version = kGeneratorVersion;
  std::vector<PoolArch> archs;

  /// The architecture with `id`; throws nasrank::Error listing a few ids when absent.
  const PoolArch& find(const std::string& id) const;
};

/// Draws architectures until `count` distinct ones (by canonical hash, the base excluded) meet the
/// constraints; throws nasrank::Error when they cannot be found in a bounded number of draws.
Pool generate_pool(const PoolOptions& options);

/// The pool file: {"format": "nasrank-pool", "version": 1, metadata..., "architectures": [...]},
/// each architecture with id, hash, params, macs, depth, mutations and spec; keys in that order.
nlohmann::ordered_json pool_document(const Pool& pool);
nlohmann::json pool_to_json(const Pool& pool);
/// The file's text: pool_document laid out for people (one spec block per line).
std::string pool_text(const Pool& pool);
/// The ids of a pool file's architectures, in file order, checking only the envelope: an
/// "architectures" array of objects, each with a non-empty id seen once and a "spec" object. What a
/// store keys its jobs by; the specs themselves are read by pool_from_json.
std::vector<std::string> pool_ids(const nlohmann::json& j, const std::string& source);
/// Reads a pool file (metadata optional, specs validated, counts recomputed from the specs).
Pool pool_from_json(const nlohmann::json& j, const std::string& source);
/// Reads a pool file, or a single spec file ("format": "nasrank-arch") as a pool of one whose id
/// is the file's stem, so a hand-written architecture can be described and trained like a member.
Pool load_pool(const std::string& path);

/// A pool-shaped description of the base alone (id = the base's name, no mutations).
Pool base_pool(const std::string& base, std::int64_t in_channels, std::int64_t image_size, std::int64_t classes);

}  // namespace nasrank::generator
