#include "nasrank/core/progress.h"

#include <cmath>
#include <cstdio>

namespace nasrank {

Progress::Progress(std::string what, std::int64_t total)
    : what_(std::move(what)), total_(total), start_(std::chrono::steady_clock::now()) {}

void Progress::update(std::int64_t done) { done_ = done; }

double Progress::elapsed_seconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

double Progress::eta_seconds() const {
  if (done_ <= 0 || total_ <= 0) return -1.0;
  return elapsed_seconds() / static_cast<double>(done_) * static_cast<double>(total_ - done_);
}

std::string format_duration(double seconds) {
  if (!(seconds >= 0)) return "?";
  const long s = std::lround(seconds);
  char buf[32];
  if (s >= 3600) std::snprintf(buf, sizeof buf, "%ldh%02ldm", s / 3600, (s % 3600) / 60);
  else if (s >= 60) std::snprintf(buf, sizeof buf, "%ldm%02lds", s / 60, s % 60);
  else std::snprintf(buf, sizeof buf, "%lds", s);
  return buf;
}

}  // namespace nasrank
