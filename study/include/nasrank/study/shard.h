// Shards: the share of a plan one worker (one array task of a cluster job) takes, given on the
// command line or read from the batch scheduler's environment.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

namespace nasrank::study {

/// Jobs whose position in the plan is `index` modulo `count`. Positions interleave architectures,
/// schedules and budgets, so every shard gets a like share of cheap and expensive jobs.
struct Shard {
  std::int64_t index = 0;
  std::int64_t count = 1;
};

/// Parses "I/N" with 0 <= I < N. Throws nasrank::Error naming the text and what is valid.
Shard parse_shard(const std::string& text);

/// "I/N".
std::string to_string(const Shard& shard);

/// The shard a batch scheduler asks for, from its environment (looked up through `getenv`):
///   Slurm job arrays: SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN of SLURM_ARRAY_TASK_COUNT;
///   Kubernetes Indexed Jobs: JOB_COMPLETION_INDEX of NASRANK_SHARD_COUNT (Kubernetes does not
///   export the completion count, so the manifest sets it to the Job's `completions`).
/// 0/1 (everything) when neither is set. Throws nasrank::Error on values that do not fit.
Shard shard_from_environment(const std::function<const char*(const char*)>& getenv);

}  // namespace nasrank::study
