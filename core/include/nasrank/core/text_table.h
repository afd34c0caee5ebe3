// Aligned plain-text tables for `--format table` output.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace nasrank {

class TextTable {
 public:
  explicit TextTable(std::vector<std::string> header) : header_(std::move(header)) {}
  void add_row(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  /// Numbers (cells that parse as one) are right-aligned, text left-aligned.
  std::string render() const;

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

/// Formats with `digits` significant digits, no trailing noise ("0.5", "1.25e-05").
std::string format_number(double value, int digits = 6);
/// The "%g" form, with 6 significant digits or as many more as needed, that reads back as exactly
/// `value` ("0.1", "0.125", "10", "0.33333333333333331"): for numbers passed on to another command
/// line, where rounding would change the study.
std::string format_exact(double value);
/// A budget as the paper labels its columns: the epochs, then their share of the full budget
/// ("1 (0.5%)", "20 (10%)"); `fraction` is epochs / full epochs.
std::string budget_label(double epochs, double fraction);
/// A budget as a command line writes it in epochs ("0.25ep", "200ep"), to 12 significant digits.
std::string epochs_text(double epochs);
/// Formats with a fixed number of decimals.
std::string format_fixed(double value, int decimals);
/// The offset of the first byte of `text` that does not belong to well-formed UTF-8 (no overlong
/// forms, surrogates or code points above U+10FFFF), or npos when it is all UTF-8. What nasrank
/// keeps goes into JSON and SQLite, which hold UTF-8: outside text is checked where it enters.
std::size_t first_non_utf8(std::string_view text);
/// `text` with every byte outside printable ASCII written as \xNN, to quote in a message.
std::string escape_bytes(std::string_view text);
/// A list for prose: "a", "a and b", "a, b and c" (or another conjunction).
std::string join_words(const std::vector<std::string>& items, const std::string& conjunction = "and");
/// A ratio of costs for prose, to 3 significant digits: "5x", "400x", "12,300x", "1.2 million times"
/// (not "1.23e+04x").
std::string format_times(double ratio);

}  // namespace nasrank
