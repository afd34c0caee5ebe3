// A table's data form as JSON (ranking::table_json: "columns" and "rows" of values) read back as
// one object per row, keyed by column, as a program reading `rank --format json` or report.json
// would use it.
#pragma once

#include <cstddef>

#include <nlohmann/json.hpp>

namespace nasrank::test_support {

inline nlohmann::json records(const nlohmann::json& table) {
  nlohmann::json out = nlohmann::json::array();
  const nlohmann::json& columns = table.at("columns");
  for (const auto& row : table.at("rows")) {
    nlohmann::json r = nlohmann::json::object();
    for (std::size_t i = 0; i < columns.size(); ++i) r[columns[i].get<std::string>()] = row.at(i);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace nasrank::test_support
