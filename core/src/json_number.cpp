#include "nasrank/core/json_number.h"

#include <cmath>

namespace nasrank {

nlohmann::json json_number(double value) {
  return std::isfinite(value) ? nlohmann::json(value) : nlohmann::json(nullptr);
}

}  // namespace nasrank
