// A number for a JSON document: JSON has no NaN or infinity, so a value that is not finite (a
// statistic that is undefined, a time not measured) is written as null.
#pragma once

#include <nlohmann/json.hpp>

namespace nasrank {

/// `value` as a JSON number, or null when it is NaN or infinite.
nlohmann::json json_number(double value);

}  // namespace nasrank
