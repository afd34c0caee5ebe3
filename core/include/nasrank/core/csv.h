// A small RFC 4180 CSV reader and writer (quoted fields, embedded commas and quotes), shared by
// `correlate`, the sweep export and the reports so that every CSV nasrank reads or writes agrees.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace nasrank {

struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;

  /// Index of a column by its header name; throws nasrank::Error listing the columns if absent.
  std::size_t column(const std::string& name) const;
};

/// Parses CSV text with a header row; `source` names the input in error messages.
CsvTable parse_csv(const std::string& text, const std::string& source);
CsvTable read_csv(const std::filesystem::path& path);

/// Quotes a field when it holds a comma, quote or line break.
std::string csv_field(const std::string& value);
std::string csv_row(const std::vector<std::string>& fields);

}  // namespace nasrank
