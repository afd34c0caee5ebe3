#include "commands.h"
#include "nasrank/core/error.h"
namespace nasrank::cli {
int run_schedules(const Args&) { throw Error("'schedules' is being written"); }
}  // namespace nasrank::cli
