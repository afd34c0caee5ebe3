// nasrank: the command-line entry point. Picks the subcommand by its first word and turns
// failures into one-line errors with the documented exit codes (0 ok, 1 runtime, 2 usage).
#include <csignal>
#include <iostream>
#include <string>
#include <vector>

#include "command.h"
#include "commands.h"
#include "nasrank/core/error.h"
#include "nasrank/core/log.h"
#include "nasrank/core/text_table.h"

namespace {

void print_overview(std::ostream& os) {
  os << "nasrank " NASRANK_VERSION
        " - rank prediction for neural architecture search under training budgets\n\n"
        "Usage: nasrank [--quiet|--verbose] <command> [options]\n"
        "       nasrank <command> --help\n\n"
        "Commands:\n";
  for (const auto& c : nasrank::cli::all_commands()) {
    os << "  " << c.name << std::string(c.name.size() < 12 ? 12 - c.name.size() : 1, ' ') << c.summary << "\n";
  }
  os << "\nGlobal options:\n"
        "  -h, --help     this overview\n"
        "  --version      print the version and exit\n"
        "  -q, --quiet    log warnings and errors only (the log goes to stderr)\n"
        "  -v, --verbose  log debug detail\n\n"
        "Exit codes: 0 success, 1 runtime error, 2 usage error.\n"
        "Start with: nasrank data info   (the default dataset, Fashion-MNIST)\n";
}

/// `message` safe for a terminal: control bytes and bytes that are not UTF-8 (a binary file's
/// bytes quoted by a parser) written as \xNN; UTF-8 text (a path, "±") kept as it is.
std::string printable(const std::string& message) {
  std::string out;
  for (std::size_t i = 0; i < message.size();) {
    const auto c = static_cast<unsigned char>(message[i]);
    const std::size_t length = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    const std::string_view sequence = std::string_view(message).substr(i, length);
    const bool control = c < 0x20 || c == 0x7F;
    if (!control && sequence.size() == length && nasrank::first_non_utf8(sequence) == std::string_view::npos) {
      out += sequence;
      i += length;
    } else {
      out += nasrank::escape_bytes(std::string_view(message).substr(i, 1));
      ++i;
    }
  }
  return out;
}

int fail(int code, const std::string& message) {
  std::cerr << "nasrank: error: " << printable(message) << std::endl;
  return code;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace nasrank;
  // A file-size limit (ulimit -f) makes a write fail like a full disk, with a clear error and the
  // previous file intact, rather than kill the process with SIGXFSZ halfway through.
  std::signal(SIGXFSZ, SIG_IGN);
  std::vector<std::string> words(argv + 1, argv + argc);
  // Titles, paths and names end up in JSON and SQLite, which hold UTF-8: other bytes would fail
  // deep inside a writer, so they are a usage error here, before any work.
  for (const std::string& w : words)
    if (first_non_utf8(w) != std::string_view::npos)
      return fail(2, "the argument '" + escape_bytes(w) +
                         "' is not UTF-8 text; nasrank keeps what it is given in JSON and SQLite, which hold UTF-8");
  std::size_t i = 0;
  // Global options may come before the command word.
  for (; i < words.size() && !words[i].empty() && words[i][0] == '-'; ++i) {
    const std::string& w = words[i];
    if (w == "--help" || w == "-h") {
      print_overview(std::cout);
      return 0;
    }
    if (w == "--version") {
      std::cout << "nasrank " NASRANK_VERSION "\n";
      return 0;
    }
    if (w == "--quiet" || w == "-q") log::set_level(log::Level::warn);
    else if (w == "--verbose" || w == "-v") log::set_level(log::Level::debug);
    else return fail(2, "unknown option '" + w + "' (see 'nasrank --help')");
  }
  if (i == words.size()) {
    print_overview(std::cerr);
    return 2;
  }
  const std::string name = words[i];
  if (name == "help") {
    print_overview(std::cout);
    return 0;
  }
  const cli::Args rest(words.begin() + static_cast<long>(i) + 1, words.end());
  for (const auto& c : cli::all_commands()) {
    if (c.name != name) continue;
    try {
      return c.run(rest);
    } catch (const UsageError& e) {
      return fail(2, e.what());
    } catch (const Error& e) {
      return fail(1, e.what());
    } catch (const InternalError& e) {
      return fail(1, e.what());
    } catch (const std::bad_alloc&) {
      return fail(1, "out of memory");
    } catch (const std::exception& e) {
      // Anything else (a LibTorch c10::Error, a filesystem error) is still one line, not a crash.
      std::string what = e.what();
      if (auto nl = what.find('\n'); nl != std::string::npos) what.resize(nl);
      return fail(1, what);
    }
  }
  std::vector<std::string> names;
  for (const auto& c : cli::all_commands()) names.push_back(c.name);
  return fail(
      2, "unknown command '" + name + "'" + cli::did_you_mean(name, names) + " (see 'nasrank --help' for the list)");
}
