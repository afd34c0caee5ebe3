#include "nasrank/core/error.h"

namespace nasrank::detail {

void throw_internal(const char* file, int line, const char* condition, const std::string& message) {
  throw InternalError(concat("internal error at ", file, ":", line, ": ", condition, message.empty() ? "" : " (",
                             message, message.empty() ? "" : ")", "; please report this as a bug"));
}

}  // namespace nasrank::detail
