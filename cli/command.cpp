#include "command.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <iostream>
#include <sstream>

#include "nasrank/core/error.h"
#include "nasrank/core/files.h"
#include "nasrank/core/log.h"

namespace nasrank::cli {

Args apply_renames(const Args& args, const std::vector<RenamedOption>& renamed) {
  Args out = args;
  for (auto& a : out) {
    for (const auto& r : renamed) {
      const std::string old_flag = "--" + r.old_name;
      if (a != old_flag && a.rfind(old_flag + "=", 0) != 0) continue;
      std::cerr << "nasrank: warning: " << old_flag << " is now --" << r.new_name
                << "; the old name will be removed in the next release\n";
      a = "--" + r.new_name + a.substr(old_flag.size());
      break;
    }
  }
  return out;
}

namespace {
/// Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours.
std::size_t typo_distance(const std::string& a, const std::string& b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i)
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.size()][b.size()];
}
}  // namespace

std::string nearest_name(const std::string& typed, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_distance = 3;  // two typos at most, and fewer than half the word
  for (const auto& c : candidates) {
    const std::size_t d = typo_distance(typed, c);
    if (d < best_distance && 2 * d < std::max(typed.size(), c.size())) {
      best = c;
      best_distance = d;
    }
  }
  return best;
}

std::string did_you_mean(const std::string& typed, const std::vector<std::string>& candidates) {
  const std::string n = nearest_name(typed, candidates);
  return n.empty() ? "" : " (did you mean '" + n + "'?)";
}

void check_output_path(const char* option, const std::filesystem::path& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  NASRANK_CHECK(!fs::is_directory(path, ec), "--", option, " '", path.string(), "' is a directory; name a file");
  // The nearest directory that exists: the file's own, or the one its missing directories will be made in.
  fs::path dir = fs::absolute(path, ec).parent_path();
  while (!dir.empty() && !fs::exists(dir, ec) && dir != dir.root_path()) dir = dir.parent_path();
  NASRANK_CHECK(fs::is_directory(dir, ec), "--", option, " '", path.string(), "': '", dir.string(),
                "' is not a directory, so nothing can be written there");
  NASRANK_CHECK(::access(dir.c_str(), W_OK | X_OK) == 0, "--", option, " '", path.string(), "': cannot write in '",
                dir.string(), "' (", std::strerror(errno), ")");
}

bool parse_args(const Args& raw_args, const CommandHelp& help, po::options_description& options, po::variables_map& vm,
                const po::positional_options_description* positional, const po::options_description* hidden) {
  const Args args = apply_renames(raw_args, help.renamed);
  po::options_description common("Common options");
  // clang-format off
  common.add_options()
      ("help,h", "show this help and exit")
      ("quiet,q", "log warnings and errors only")
      ("verbose,v", "log debug detail");
  // clang-format on
  po::options_description all;
  all.add(options).add(common);
  if (hidden) all.add(*hidden);
  try {
    po::command_line_parser parser(args);
    parser.options(all);
    if (positional) parser.positional(*positional);
    else parser.positional(po::positional_options_description());  // stray words are errors
    po::store(parser.run(), vm);
    if (vm.count("help")) {
      std::cout << "Usage: " << help.usage << "\n\n"
                << help.description << "\n\n"
                << options << "\n"
                << common << "\nExamples:\n"
                << help.examples << "\n";
      return false;
    }
    po::notify(vm);
  } catch (const po::error& e) {
    // "nasrank sweep plan --db FILE ..." -> "nasrank sweep plan": the leading lower-case words.
    std::string command;
    std::istringstream words(help.usage);
    for (std::string w; words >> w && std::islower(static_cast<unsigned char>(w[0]));)
      command += (command.empty() ? "" : " ") + w;
    std::string hint;
    if (const auto* unknown = dynamic_cast<const po::unknown_option*>(&e)) {
      std::string typed = unknown->get_option_name();
      typed.erase(0, typed.find_first_not_of('-'));
      std::vector<std::string> names;
      for (const auto& o : all.options()) names.push_back(o->long_name());
      const std::string n = nearest_name(typed, names);
      if (!n.empty()) hint = " (did you mean '--" + n + "'?)";
    }
    throw UsageError(detail::concat(e.what(), hint, " (see '", command, " --help')"));
  }
  if (vm.count("verbose")) log::set_level(log::Level::debug);
  if (vm.count("quiet")) log::set_level(log::Level::warn);
  return true;
}

void require_choice(const std::string& option, const std::string& value, const std::vector<std::string>& allowed) {
  for (const auto& a : allowed)
    if (a == value) return;
  std::string list;
  for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
  throw UsageError(detail::concat("--", option, " '", value, "' is not one of: ", list, did_you_mean(value, allowed)));
}

void require_device(const std::string& value) { require_choice("device", value, {"cpu", "cuda", "auto"}); }

std::vector<std::string> split_list(const std::string& text, const char* option) {
  std::vector<std::string> items;
  std::string item;
  std::istringstream in(text);
  while (std::getline(in, item, ',')) {
    const auto b = item.find_first_not_of(" \t"), e = item.find_last_not_of(" \t");
    if (b == std::string::npos) throw UsageError(std::string("--") + option + " '" + text + "' has an empty item");
    items.push_back(item.substr(b, e - b + 1));
  }
  if (items.empty()) throw UsageError(std::string("--") + option + " must name at least one item");
  return items;
}

void emit(const std::string& text, const std::optional<std::filesystem::path>& out) {
  if (out) {
    write_file_atomic(*out, text);
    LOG_INFO("wrote ", out->string());
  } else {
    std::cout << text << std::flush;
  }
}

std::optional<std::filesystem::path> optional_path(const po::variables_map& vm, const char* name) {
  if (!vm.count(name)) return std::nullopt;
  return std::filesystem::path(vm[name].as<std::string>());
}

namespace {
bool parse_count(const std::string& text, std::int64_t& value) {
  if (text.empty() || text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos) return false;
  value = std::stoll(text);
  return true;
}
}  // namespace

void parse_range(const char* option, const std::string& text, std::int64_t& lo, std::int64_t& hi) {
  const auto dots = text.find("..");
  const bool ok = dots == std::string::npos
                      ? parse_count(text, lo) && parse_count(text, hi)
                      : parse_count(text.substr(0, dots), lo) && parse_count(text.substr(dots + 2), hi);
  if (!ok) throw UsageError(std::string("--") + option + " '" + text + "' must be MIN..MAX (e.g. 1..5) or one number");
}

}  // namespace nasrank::cli
