#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <limits>

#include "nasrank/core/text_table.h"

namespace nasrank {
namespace {

TEST(BudgetLabel, ReadsLikeThePapersColumns) {
  EXPECT_EQ(budget_label(1, 0.005), "1 (0.5%)");
  EXPECT_EQ(budget_label(2, 0.01), "2 (1%)");
  EXPECT_EQ(budget_label(10, 0.05), "10 (5%)");
  EXPECT_EQ(budget_label(20, 0.1), "20 (10%)");
  EXPECT_EQ(budget_label(200, 1), "200 (100%)");
  EXPECT_EQ(budget_label(2.5, 2.5 / 200), "2.5 (1.25%)");
}

TEST(FormatNumber, SignificantDigitsWithoutTrailingNoise) {
  EXPECT_EQ(format_number(0.5), "0.5");
  EXPECT_EQ(format_number(1.25e-5), "1.25e-05");
  EXPECT_EQ(format_number(2.0 / 3.0, 4), "0.6667");
  EXPECT_EQ(format_number(std::nan("")), "nan");
  EXPECT_EQ(format_number(-std::numeric_limits<double>::infinity()), "-inf");
  EXPECT_EQ(format_fixed(0.5, 3), "0.500");
}

// Numbers handed from `study` to `sweep plan` must not be rounded on the way (std::to_string
// would turn 1/3 into 0.333333 and 1e-7 into 0.000000).
TEST(FormatExact, ShortestFormThatReadsBackAsTheSameDouble) {
  EXPECT_EQ(format_exact(0.125), "0.125");
  EXPECT_EQ(format_exact(10.0), "10");
  EXPECT_EQ(format_exact(0.1), "0.1");
  EXPECT_EQ(format_exact(1e-7), "1e-07");
  for (double v : {1.0 / 3.0, 0.1 + 0.2, 123456.789012345, 5e-324, 1.7976931348623157e308})
    EXPECT_EQ(std::strtod(format_exact(v).c_str(), nullptr), v) << format_exact(v);
}

TEST(Utf8, FirstBadByteAndEscapedForAMessage) {
  EXPECT_EQ(first_non_utf8("plain"), std::string_view::npos);
  EXPECT_EQ(first_non_utf8("\xCF\x84\xE2\x82\xAC\xF0\x9F\x98\x80"), std::string_view::npos);
  EXPECT_EQ(first_non_utf8("caf\xE9"), 3u);
  EXPECT_EQ(first_non_utf8("ab\xC0\xAF"), 2u);  // overlong
  EXPECT_EQ(escape_bytes("caf\xE9\n"), "caf\\xE9\\x0A");
}

TEST(JoinWords, ListsReadAsProse) {
  EXPECT_EQ(join_words({}), "");
  EXPECT_EQ(join_words({"a"}), "a");
  EXPECT_EQ(join_words({"a", "b"}), "a and b");
  EXPECT_EQ(join_words({"a", "b", "c"}, "or"), "a, b or c");
}

// Cost ratios in prose: "1e+06x less compute" read as an error message, not a finding.
TEST(FormatTimes, ThreeSignificantDigitsInWordsAReaderTakesIn) {
  EXPECT_EQ(format_times(5), "5x");
  EXPECT_EQ(format_times(10.26), "10.3x");
  EXPECT_EQ(format_times(400), "400x");
  EXPECT_EQ(format_times(999.6), "1,000x");
  EXPECT_EQ(format_times(12345), "12,300x");
  EXPECT_EQ(format_times(999499), "999,000x");
  EXPECT_EQ(format_times(999600), "1 million times");
  EXPECT_EQ(format_times(1.234e6), "1.23 million times");
  EXPECT_EQ(format_times(5e9), "5 billion times");
  EXPECT_EQ(format_times(std::nan("")), "nan");
}

}  // namespace
}  // namespace nasrank
