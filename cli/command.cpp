#include "command.h"

#include <cctype>
#include <iostream>
#include <sstream>

#include "nasrank/core/error.h"
#include "nasrank/core/files.h"
#include "nasrank/core/log.h"

namespace nasrank::cli {

bool parse_args(const Args& args, const CommandHelp& help, po::options_description& options, po::variables_map& vm,
                const po::positional_options_description* positional) {
  po::options_description common("Common options");
  // clang-format off
  common.add_options()
      ("help,h", "show this help and exit")
      ("quiet,q", "log warnings and errors only")
      ("verbose,v", "log debug detail");
  // clang-format on
  po::options_description all;
  all.add(options).add(common);
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
    throw UsageError(detail::concat(e.what(), " (see '", command, " --help')"));
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
  throw UsageError(detail::concat("--", option, " '", value, "' is not one of: ", list));
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
