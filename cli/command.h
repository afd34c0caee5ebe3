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

namespace nasrank::cli {

namespace po = boost::program_options;
using Args = std::vector<std::string>;

struct CommandHelp {
  std::string usage;        ///< "nasrank data info --dataset NAME [options]"
  std::string description;  ///< a paragraph on what it does and writes
  std::string examples;     ///< one example per line, runnable as shown
};

/// Parses `args` (the words after the command name) with `options` plus the common ones
/// (--help, --quiet, --verbose). Prints help and returns false on --help; throws UsageError on
/// unknown or malformed options. Applies --quiet/--verbose to the log.
bool parse_args(const Args& args, const CommandHelp& help, po::options_description& options, po::variables_map& vm,
                const po::positional_options_description* positional = nullptr);

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
