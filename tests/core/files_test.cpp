#include <gtest/gtest.h>

#include <filesystem>

#include "nasrank/core/error.h"
#include "nasrank/core/files.h"

namespace nasrank {
namespace {
namespace fs = std::filesystem;

fs::path fresh_dir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("nasrank_files_test_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

TEST(AtomicOutput, NothingAppearsUnlessCommitted) {
  const auto dir = fresh_dir("uncommitted");
  {
    AtomicOutput out(dir / "result.json");
    out.stream() << "partial";
  }
  EXPECT_FALSE(fs::exists(dir / "result.json"));
  EXPECT_TRUE(fs::is_empty(dir)) << "the temporary file must be removed too";
}

TEST(AtomicOutput, CommitReplacesTheTargetWhole) {
  const auto dir = fresh_dir("commit");
  write_file_atomic(dir / "a.txt", "old");
  write_file_atomic(dir / "a.txt", "new content");
  EXPECT_EQ(read_file(dir / "a.txt"), "new content");
}

TEST(AtomicOutput, CreatesMissingParentDirectories) {
  const auto dir = fresh_dir("parents");
  write_file_atomic(dir / "x" / "y" / "z.txt", "deep");
  EXPECT_EQ(read_file(dir / "x" / "y" / "z.txt"), "deep");
}

TEST(ReadFile, MissingFileAndDirectoryAreClearErrors) {
  const auto dir = fresh_dir("read");
  EXPECT_THROW(read_file(dir / "absent"), Error);
  EXPECT_THROW(read_file(dir), Error);
}

}  // namespace
}  // namespace nasrank
