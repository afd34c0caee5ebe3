// The command tests' way of running the built `nasrank` as a user runs it (stdout, stderr and the
// exit code captured), and the scratch directories those tests write into.
#pragma once

#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "scratch_dir.h"

#ifndef NASRANK_BINARY
#error "NASRANK_BINARY (the path of the built CLI) must be defined; nasrank_add_test defines it"
#endif

namespace nasrank::test_support {

/// What one run of the command gave back.
struct CliResult {
  /// The exit status; 128 + the signal when a signal ended it (a crash is never 0, 1 or 2).
  int code = -1;
  std::string out;
  std::string err;
};

/// `s` as one POSIX shell word, whatever it holds (single quotes, spaces, `$`, newlines).
inline std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

/// The whole file, bytes as they are; "" when it cannot be read.
inline std::string read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream os;
  os << in.rdbuf();
  return os.str();
}

namespace detail {

/// A new empty file under the temp directory, for one stream of one run.
inline std::filesystem::path temp_file(const char* what) {
  std::string tmpl =
      (std::filesystem::temp_directory_path() / (std::string("nasrank-cli-") + what + "-XXXXXX")).string();
  const int fd = ::mkstemp(tmpl.data());
  if (fd < 0) throw std::runtime_error("mkstemp " + tmpl + ": " + std::strerror(errno));
  ::close(fd);
  return tmpl;
}

/// Runs `command` through /bin/sh with stdout and stderr sent to temp files.
inline CliResult run_captured(const std::string& command) {
  const std::filesystem::path out = temp_file("stdout"), err = temp_file("stderr");
  const int status =
      std::system((command + " >" + shell_quote(out.string()) + " 2>" + shell_quote(err.string())).c_str());
  CliResult r;
  if (status != -1) r.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = read_bytes(out);
  r.err = read_bytes(err);
  std::error_code ec;
  std::filesystem::remove(out, ec);
  std::filesystem::remove(err, ec);
  return r;
}

/// `env 'NAME=value' ...` in front of the binary, or nothing when `env` is empty.
inline std::string env_prefix(const std::vector<std::string>& env) {
  if (env.empty()) return "";
  std::string p = "env";
  for (const auto& e : env) p.append(" ").append(shell_quote(e));
  return p + " ";
}

}  // namespace detail

/// Runs `nasrank <args...>`, each argument passed as it is (quoted here), stdin empty, and `env`
/// ("NAME=value" entries) added to its environment.
inline CliResult run_nasrank(const std::vector<std::string>& args, const std::vector<std::string>& env = {}) {
  std::string cmd = detail::env_prefix(env) + shell_quote(NASRANK_BINARY);
  for (const auto& a : args) cmd.append(" ").append(shell_quote(a));
  return detail::run_captured(cmd + " </dev/null");
}

/// Runs `nasrank <args_text>` where `args_text` is shell text the caller has quoted itself
/// (e.g. "correlate --csv 'a b.csv' --x x"); for tests whose arguments read best as one line.
inline CliResult run_nasrank_text(const std::string& args_text, const std::vector<std::string>& env = {}) {
  return detail::run_captured(detail::env_prefix(env) + shell_quote(NASRANK_BINARY) + " " + args_text);
}

}  // namespace nasrank::test_support
