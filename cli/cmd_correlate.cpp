#include "commands.h"
#include "nasrank/core/error.h"
namespace nasrank::cli {
int run_correlate(const Args&) { throw Error("'correlate' is being written"); }
}  // namespace nasrank::cli
