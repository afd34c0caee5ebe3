#include "nasrank/core/files.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <sstream>
#include <system_error>

#include "nasrank/core/error.h"

namespace nasrank {
namespace fs = std::filesystem;

namespace {
fs::path temp_name_for(const fs::path& path) {
  // Same directory as the target, so the rename never crosses file systems.
  return path.parent_path() / ("." + path.filename().string() + ".tmp." + std::to_string(::getpid()));
}
}  // namespace

void write_file_atomic(const fs::path& path, const std::string& content) {
  AtomicOutput out(path);
  out.stream() << content;
  out.commit();
}

std::string read_file(const fs::path& path) {
  std::error_code ec;
  NASRANK_CHECK(fs::exists(path, ec), "file not found: ", path.string());
  NASRANK_CHECK(!fs::is_directory(path, ec), path.string(), " is a directory, expected a file");
  std::ifstream in(path, std::ios::binary);
  NASRANK_CHECK(in, "cannot open ", path.string(), " for reading");
  std::ostringstream ss;
  ss << in.rdbuf();
  NASRANK_CHECK(!in.bad(), "error while reading ", path.string());
  return ss.str();
}

AtomicOutput::AtomicOutput(fs::path path) : path_(std::move(path)), temp_(temp_name_for(path_)) {
  if (!path_.parent_path().empty()) {
    std::error_code ec;
    fs::create_directories(path_.parent_path(), ec);
    NASRANK_CHECK(!ec, "cannot create directory ", path_.parent_path().string(), ": ", ec.message());
  }
  errno = 0;
  out_.open(temp_, std::ios::binary | std::ios::trunc);
  NASRANK_CHECK(out_, "cannot write ", path_.string(), ": ",
                errno ? std::strerror(errno) : "cannot create a file there", " (is the directory writable?)");
}

AtomicOutput::~AtomicOutput() {
  if (!committed_) {
    out_.close();
    std::error_code ec;
    fs::remove(temp_, ec);
  }
}

void AtomicOutput::commit() {
  // A full disk or a file-size limit shows in the flush or the close: either leaves the file that
  // was there before untouched, and only the temporary one goes.
  // A stream already failed while it was written to: errno still tells why (nothing since reset it).
  bool ok = static_cast<bool>(out_);
  int err = ok ? 0 : errno;
  if (ok) {
    errno = 0;
    out_.flush();
    ok = static_cast<bool>(out_);
    err = errno;
  }
  out_.close();
  if (ok && out_.fail()) {
    ok = false;
    err = errno;
  }
  std::error_code ec;
  if (!ok) {
    fs::remove(temp_, ec);
    throw Error(detail::concat("cannot write ", path_.string(), ": ", err ? std::strerror(err) : "write error",
                               " (disk full?); ",
                               fs::exists(path_, ec) ? "the previous file is unchanged" : "nothing was written"));
  }
  fs::rename(temp_, path_, ec);
  if (ec) {
    const std::string why = ec.message();
    fs::remove(temp_, ec);
    throw Error(detail::concat("cannot move the finished file into place at ", path_.string(), ": ", why));
  }
  committed_ = true;
}

}  // namespace nasrank
