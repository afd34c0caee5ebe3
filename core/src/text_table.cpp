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
