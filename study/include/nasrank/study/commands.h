// The `nasrank` command lines equivalent to the library's options, rendered in one place: a study
// writes them to commands.txt (each step runnable by hand), and a supervisor starts its worker
// processes with them. Only settings that differ from their defaults are written.
#pragma once

#include <string>
#include <vector>

#include "nasrank/generator/pool.h"
#include "nasrank/study/sweep.h"

namespace nasrank::study {

/// {"nasrank", "generate", "--count", ...} for a pool written to `out`.
std::vector<std::string> generate_command(const generator::PoolOptions& options, const std::string& out);
/// {"nasrank", "sweep", "plan", "--db", ...}.
std::vector<std::string> plan_command(const PlanOptions& options);
/// {"nasrank", "sweep", "run", "--db", ...}; a supervised worker gets --supervised-by.
std::vector<std::string> run_command(const RunOptions& options);

/// The words as one line a POSIX shell reads back as the same words.
std::string command_line(const std::vector<std::string>& words);

}  // namespace nasrank::study
