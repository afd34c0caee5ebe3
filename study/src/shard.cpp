// Shard arithmetic and the batch schedulers' environment variables.
#include "nasrank/study/shard.h"

#include <cerrno>
#include <cstdlib>

#include "nasrank/core/error.h"

namespace nasrank::study {
namespace {

bool parse_int(const std::string& text, std::int64_t& value) {
  if (text.empty()) return false;
  char* end = nullptr;
  errno = 0;
  const long long v = std::strtoll(text.c_str(), &end, 10);
  if (errno != 0 || !end || *end != '\0') return false;
  value = v;
  return true;
}

std::int64_t env_int(const std::function<const char*(const char*)>& getenv, const char* name) {
  const char* v = getenv(name);
  std::int64_t value = 0;
  NASRANK_CHECK(v && parse_int(v, value), "environment variable ", name, "='", v ? v : "", "' is not an integer");
  return value;
}

}  // namespace

Shard parse_shard(const std::string& text) {
  const auto slash = text.find('/');
  Shard s;
  NASRANK_CHECK(slash != std::string::npos && parse_int(text.substr(0, slash), s.index) &&
                    parse_int(text.substr(slash + 1), s.count) && s.count >= 1 && s.index >= 0 && s.index < s.count,
                "--shard '", text, "' is not valid: write I/N with N >= 1 and I from 0 to N-1 (e.g. 0/4)");
  return s;
}

std::string to_string(const Shard& s) { return std::to_string(s.index) + "/" + std::to_string(s.count); }

Shard shard_from_environment(const std::function<const char*(const char*)>& getenv) {
  Shard s;
  if (getenv("SLURM_ARRAY_TASK_ID")) {
    const std::int64_t id = env_int(getenv, "SLURM_ARRAY_TASK_ID");
    NASRANK_CHECK(getenv("SLURM_ARRAY_TASK_COUNT"),
                  "SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not; "
                  "give --shard I/N");
    s.count = env_int(getenv, "SLURM_ARRAY_TASK_COUNT");
    const std::int64_t min = getenv("SLURM_ARRAY_TASK_MIN") ? env_int(getenv, "SLURM_ARRAY_TASK_MIN") : 0;
    s.index = id - min;
    NASRANK_CHECK(s.count >= 1 && s.index >= 0 && s.index < s.count, "Slurm array task ", id, " (first ", min,
                  ", count ", s.count,
                  ") does not name a shard: submit a contiguous range such as "
                  "--array=0-",
                  s.count - 1, ", or give --shard I/N");
    return s;
  }
  if (getenv("JOB_COMPLETION_INDEX")) {
    s.index = env_int(getenv, "JOB_COMPLETION_INDEX");
    NASRANK_CHECK(getenv("NASRANK_SHARD_COUNT"),
                  "JOB_COMPLETION_INDEX is set but NASRANK_SHARD_COUNT is not: set it "
                  "to the Indexed Job's completions in the manifest, or give --shard I/N");
    s.count = env_int(getenv, "NASRANK_SHARD_COUNT");
    NASRANK_CHECK(s.count >= 1 && s.index >= 0 && s.index < s.count, "JOB_COMPLETION_INDEX=", s.index,
                  " is not below NASRANK_SHARD_COUNT=", s.count);
  }
  return s;
}

}  // namespace nasrank::study
