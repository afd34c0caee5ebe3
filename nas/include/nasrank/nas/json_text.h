// JSON laid out for people to read and edit: short values on one line, long ones broken up, keys
// in the order they were inserted. Used for spec and pool files; deterministic byte for byte.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace nasrank::nas {

/// Objects and arrays whose one-line form (`{"convs": [64, 64], "stride": 1}`) fits in `width`
/// characters at their indentation stay on one line; others get one member per line. Ends with a
/// newline.
std::string readable_json(const nlohmann::ordered_json& value, std::size_t width = 100);

}  // namespace nasrank::nas
