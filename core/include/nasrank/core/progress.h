// Progress of long work with an ETA, written to the log (stderr), never to stdout.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace nasrank {

class Progress {
 public:
  Progress(std::string what, std::int64_t total);
  /// Marks `done` units finished (absolute, not a delta).
  void update(std::int64_t done);
  double elapsed_seconds() const;
  /// Seconds left at the average pace so far; negative while unknown.
  double eta_seconds() const;
  std::int64_t done() const { return done_; }
  std::int64_t total() const { return total_; }

 private:
  std::string what_;
  std::int64_t total_;
  std::int64_t done_ = 0;
  std::chrono::steady_clock::time_point start_;
};

/// "1h02m", "3m05s", "12s": for humans reading a log line.
std::string format_duration(double seconds);

}  // namespace nasrank
