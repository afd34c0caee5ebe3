// The subcommands of `nasrank`, one file each (cmd_<name>.cpp). Adding a command: write its file,
// declare its entry point here and list it in commands.cpp.
#pragma once

#include <string>
#include <vector>

#include "command.h"

namespace nasrank::cli {

struct Command {
  std::string name;
  std::string summary;
  int (*run)(const Args& args);
};

/// Every subcommand, in the order `nasrank --help` lists them.
const std::vector<Command>& all_commands();

int run_data(const Args& args);
int run_schedules(const Args& args);
int run_correlate(const Args& args);
int run_generate(const Args& args);
int run_describe(const Args& args);
int run_sweep(const Args& args);
int run_train(const Args& args);
int run_bench(const Args& args);
int run_import(const Args& args);
int run_rank(const Args& args);
int run_report(const Args& args);
int run_study(const Args& args);
int run_proxies(const Args& args);
int run_search(const Args& args);

}  // namespace nasrank::cli
