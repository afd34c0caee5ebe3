#include "nasrank/core/csv.h"

#include <algorithm>
#include <cstdio>
#include <string_view>

#include "nasrank/core/error.h"
#include "nasrank/core/files.h"
#include "nasrank/core/text_table.h"

namespace nasrank {

std::size_t CsvTable::column(const std::string& name) const {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return i;
  std::string names;
  for (const auto& h : header) names += (names.empty() ? "" : ", ") + h;
  throw Error(detail::concat("no column '", name, "' (columns: ", names, ")"));
}

CsvTable parse_csv(const std::string& input, const std::string& source) {
  // Names and labels go on into JSON, SQLite and reports, which hold UTF-8: other text is an error
  // here, where the line can be named. A byte-order mark (spreadsheets write one) is skipped.
  const std::string_view bom = "\xEF\xBB\xBF";
  const std::string text = input.compare(0, bom.size(), bom) == 0 ? input.substr(bom.size()) : input;
  if (const std::size_t bad = first_non_utf8(text); bad != std::string::npos) {
    const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(bad), '\n');
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(text[bad]));
    throw Error(detail::concat(source, ": line ", line, " is not UTF-8 text (byte ", hex, "); save the file as UTF-8"));
  }
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool in_quotes = false, field_started = false;
  std::size_t line = 1;
  auto end_field = [&] {
    record.push_back(field);
    field.clear();
    field_started = false;
  };
  auto end_record = [&] {
    end_field();
    if (!(record.size() == 1 && record[0].empty())) records.push_back(record);  // skip blank lines
    record.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else in_quotes = false;
      } else {
        if (c == '\n') ++line;
        field += c;
      }
    } else if (c == '"' && !field_started) {
      in_quotes = field_started = true;
    } else if (c == ',') {
      end_field();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_record();
      ++line;
    } else {
      field += c;
      field_started = true;
    }
  }
  NASRANK_CHECK(!in_quotes, source, ": unterminated quoted field near line ", line);
  if (!field.empty() || !record.empty()) end_record();
  NASRANK_CHECK(!records.empty(), source, ": empty CSV file (expected a header row)");
  CsvTable table;
  table.header = std::move(records.front());
  for (std::size_t r = 1; r < records.size(); ++r) {
    NASRANK_CHECK(records[r].size() == table.header.size(), source, ": row ", r + 1, " has ", records[r].size(),
                  " fields, the header has ", table.header.size());
    table.rows.push_back(std::move(records[r]));
  }
  return table;
}

CsvTable read_csv(const std::filesystem::path& path) { return parse_csv(read_file(path), path.string()); }

std::string csv_field(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string csv_row(const std::vector<std::string>& fields) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) out += (i ? "," : "") + csv_field(fields[i]);
  return out + "\n";
}

}  // namespace nasrank
