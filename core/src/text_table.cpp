#include "nasrank/core/text_table.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>

namespace nasrank {
namespace {
bool looks_numeric(const std::string& s) {
  if (s.empty()) return false;
  char* end = nullptr;
  std::strtod(s.c_str(), &end);
  return end != s.c_str() && (*end == '\0' || *end == '%');
}
}  // namespace

std::string TextTable::render() const {
  std::vector<std::size_t> width(header_.size(), 0);
  for (std::size_t c = 0; c < header_.size(); ++c) width[c] = header_[c].size();
  for (const auto& row : rows_)
    for (std::size_t c = 0; c < row.size() && c < width.size(); ++c) width[c] = std::max(width[c], row[c].size());
  std::ostringstream os;
  auto emit = [&](const std::vector<std::string>& row, bool is_header) {
    for (std::size_t c = 0; c < width.size(); ++c) {
      const std::string cell = c < row.size() ? row[c] : "";
      const std::size_t pad = width[c] - std::min(width[c], cell.size());
      const bool right = !is_header && looks_numeric(cell);
      if (c) os << "  ";
      if (right) os << std::string(pad, ' ') << cell;
      else os << cell << (c + 1 < width.size() ? std::string(pad, ' ') : "");
    }
    os << '\n';
  };
  emit(header_, true);
  std::size_t total = 0;
  for (auto w : width) total += w;
  os << std::string(total + 2 * (width.empty() ? 0 : width.size() - 1), '-') << '\n';
  for (const auto& row : rows_) emit(row, false);
  return os.str();
}

std::string budget_label(double epochs, double fraction) {
  return format_number(epochs) + " (" + format_number(fraction * 100.0, 3) + "%)";
}

std::string epochs_text(double epochs) { return format_number(epochs, 12) + "ep"; }

std::string format_number(double value, int digits) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*g", digits, value);
  return buf;
}

std::string format_exact(double value) {
  for (int digits = 6; digits < 17; ++digits) {
    const std::string text = format_number(value, digits);
    if (std::strtod(text.c_str(), nullptr) == value) return text;
  }
  return format_number(value, 17);
}

std::string format_fixed(double value, int decimals) {
  if (!std::isfinite(value)) return format_number(value);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  return buf;
}

std::size_t first_non_utf8(std::string_view text) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char c = byte(i);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;  // the allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) length = 2;
    else if (c >= 0xE0 && c <= 0xEF) length = 3, low = c == 0xE0 ? 0xA0 : 0x80, high = c == 0xED ? 0x9F : 0xBF;
    else if (c >= 0xF0 && c <= 0xF4) length = 4, low = c == 0xF0 ? 0x90 : 0x80, high = c == 0xF4 ? 0x8F : 0xBF;
    else return i;
    if (i + length > text.size() || byte(i + 1) < low || byte(i + 1) > high) return i;
    for (std::size_t k = 2; k < length; ++k)
      if ((byte(i + k) & 0xC0) != 0x80) return i;
    i += length;
  }
  return std::string_view::npos;
}

std::string escape_bytes(std::string_view text) {
  std::string out;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x20 && c < 0x7F) {
      out += ch;
    } else {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02X", c);
      out += hex;
    }
  }
  return out;
}

std::string join_words(const std::vector<std::string>& items, const std::string& conjunction) {
  std::string text;
  for (std::size_t i = 0; i < items.size(); ++i)
    text += (i == 0 ? "" : i + 1 == items.size() ? " " + conjunction + " " : ", ") + items[i];
  return text;
}

std::string format_times(double ratio) {
  if (!std::isfinite(ratio)) return format_number(ratio);
  // Rounded first, so that 999.6 reads "1,000x" and not "1e+03x".
  const double r = std::stod(format_number(ratio, 3));
  if (std::fabs(r) < 1000) return format_number(r, 3) + "x";
  if (std::fabs(r) >= 1e9) return format_number(r / 1e9, 3) + " billion times";
  if (std::fabs(r) >= 1e6) return format_number(r / 1e6, 3) + " million times";
  std::string digits = std::to_string(std::llround(std::fabs(r)));
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<std::size_t>(i), ",");
  return (r < 0 ? "-" : "") + digits + "x";
}

}  // namespace nasrank
