#include "commands.h"
#include "nasrank/core/error.h"
namespace nasrank::cli {
int run_data(const Args&) { throw Error("'data' is being written"); }
}  // namespace nasrank::cli
