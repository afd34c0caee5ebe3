#include "commands.h"
#include "nasrank/core/error.h"
namespace nasrank::cli {
int run_describe(const Args&) { throw Error("'describe' is being written"); }
}  // namespace nasrank::cli
