// Output files are written to a temporary name beside the target and renamed into place, so a
// crash or an error never leaves a half-written file under the name a user asked for.
#pragma once

#include <filesystem>
#include <fstream>
#include <string>

namespace nasrank {

/// Writes `content` to `path` atomically (temporary file + rename). Throws nasrank::Error.
void write_file_atomic(const std::filesystem::path& path, const std::string& content);

/// Reads a whole file; throws nasrank::Error naming the path when it cannot be read.
std::string read_file(const std::filesystem::path& path);

/// A stream to a temporary file that becomes `path` only on commit(); dropped otherwise.
class AtomicOutput {
 public:
  explicit AtomicOutput(std::filesystem::path path);
  ~AtomicOutput();
  AtomicOutput(const AtomicOutput&) = delete;
  AtomicOutput& operator=(const AtomicOutput&) = delete;

  std::ostream& stream() { return out_; }
  void commit();

 private:
  std::filesystem::path path_;
  std::filesystem::path temp_;
  std::ofstream out_;
  bool committed_ = false;
};

}  // namespace nasrank
