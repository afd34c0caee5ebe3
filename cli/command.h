// The plumbing every subcommand shares: two-stage parsing (main picks the command by its first
// word, the command parses the rest with its own options_description), --help with an example,
// and the choice of where results go. Only cli/ ever sees a variables_map.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "nasrank/core/error.h"

// Boost reads "-1" into an unsigned option as its largest value (18446744073709551615 for a
// seed). This overload, found by argument-dependent lookup through boost::any, refuses a sign
// instead; every file that declares options includes this header, so each sees the same one.
namespace boost {
inline void validate(boost::any& v, const std::vector<std::string>& values, unsigned long* target, int) {
  program_options::validators::check_first_occurrence(v);
  const std::string& s = program_options::validators::get_single_string(values);
  if (s.find_first_not_of(" \t") != std::string::npos && s[s.find_first_not_of(" \t")] == '-')
    throw program_options::invalid_option_value(s);
  program_options::validate(v, values, target, 0L);
}
}  // namespace boost

namespace nasrank::cli {

namespace po = boost::program_options;
using Args = std::vector<std::string>;

/// An option's old name, still accepted for one release: hidden from --help, warned about when used.
struct RenamedOption {
  std::string old_name;  ///< "seed" (without the dashes)
  std::string new_name;  ///< "bootstrap-seed"
};

struct CommandHelp {
  std::string usage;        ///< "nasrank data info --dataset NAME [options]"; [brackets] around what is optional
  std::string description;  ///< a paragraph on what it does and writes
  std::string examples;     ///< one example per line, runnable as shown
  std::vector<RenamedOption> renamed = {};  ///< deprecated spellings the command still accepts
};

/// Parses `args` (the words after the command name) with `options` plus the common ones
/// (--help, --quiet, --verbose). Prints help and returns false on --help; throws UsageError on
/// unknown or malformed options. Applies --quiet/--verbose to the log. `hidden` holds options that
/// --help does not list (the target of positional words, which the usage line names instead).
bool parse_args(const Args& args, const CommandHelp& help, po::options_description& options, po::variables_map& vm,
                const po::positional_options_description* positional = nullptr,
                const po::options_description* hidden = nullptr);

/// `args` with every deprecated option name of `renamed` (`--old` or `--old=value`) replaced by its new
/// name, after a one-line warning on stderr for each. parse_args calls it.
Args apply_renames(const Args& args, const std::vector<RenamedOption>& renamed);

/// The name of `candidates` closest to `typed` (a typo: at most two letters changed, added, dropped or
/// swapped), or "" when none is that close.
std::string nearest_name(const std::string& typed, const std::vector<std::string>& candidates);

/// " (did you mean 'train'?)" when `typed` is a typo of one of `candidates`, else "".
std::string did_you_mean(const std::string& typed, const std::vector<std::string>& candidates);

/// Notifiers for po::value(...)->notifier(...): a value out of range is a usage error naming `--option`.
template <typename T>
auto at_least(const char* option, T min) {
  return [option, min](const T& v) {
    if (v < min) throw UsageError(detail::concat("--", option, " must be at least ", min, " (got ", v, ")"));
  };
}
template <typename T>
auto positive(const char* option) {
  return [option](const T& v) {
    if (!(v > 0)) throw UsageError(detail::concat("--", option, " must be positive (got ", v, ")"));
  };
}
/// Strictly between 0 and 1 (a coverage, a probability).
inline auto open_unit(const char* option) {
  return [option](const double& v) {
    if (!(v > 0 && v < 1))
      throw UsageError(detail::concat("--", option, " must lie strictly between 0 and 1 (got ", v, ")"));
  };
}

/// Runs `parse` (a parser of what the user typed); a nasrank::Error it throws becomes a UsageError
/// that names `--option`, since the command line is what is wrong.
template <typename F>
auto usage_checked(const char* option, F&& parse) -> decltype(parse()) {
  try {
    return parse();
  } catch (const UsageError&) {
    throw;
  } catch (const Error& e) {
    const std::string what = e.what(), flag = std::string("--") + option;
    throw UsageError(what.rfind(flag, 0) == 0 ? what : flag + ": " + what);
  }
}

/// Runs `work` (a library call that first checks the options it was given); a nasrank::Error whose
/// message starts with "--" names an option the user typed, and becomes a UsageError.
template <typename F>
auto options_checked(F&& work) -> decltype(work()) {
  try {
    return work();
  } catch (const UsageError&) {
    throw;
  } catch (const Error& e) {
    if (std::string(e.what()).rfind("--", 0) == 0) throw UsageError(e.what());
    throw;
  }
}

/// Checks, before any work starts, that a file can later be written at `path` (its directory exists
/// and is writable, or can be made under a writable one). Throws nasrank::Error naming `--option`.
void check_output_path(const char* option, const std::filesystem::path& path);

/// Throws UsageError unless `value` is one of `allowed` (named `option` in the message).
void require_choice(const std::string& option, const std::string& value, const std::vector<std::string>& allowed);

/// require_choice for --device: cpu, cuda or auto.
void require_device(const std::string& value);

/// The items of a comma-separated option value, trimmed. Throws UsageError naming `--option` when an
/// item is empty ("a,,b") or there is none.
std::vector<std::string> split_list(const std::string& text, const char* option);

/// "1..5" or "3" (MIN = MAX), whole numbers below 10^9. Throws UsageError naming `--option`.
void parse_range(const char* option, const std::string& text, std::int64_t& lo, std::int64_t& hi);

/// Writes a command's result to stdout, or atomically to `out` when given.
void emit(const std::string& text, const std::optional<std::filesystem::path>& out);

/// The optional path of `--out` when present in `vm`.
std::optional<std::filesystem::path> optional_path(const po::variables_map& vm, const char* name);

}  // namespace nasrank::cli
