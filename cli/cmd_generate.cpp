#include "commands.h"
#include "nasrank/core/error.h"
namespace nasrank::cli {
int run_generate(const Args&) { throw Error("'generate' is being written"); }
}  // namespace nasrank::cli
