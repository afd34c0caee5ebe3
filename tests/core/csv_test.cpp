#include "nasrank/core/csv.h"
#include <gtest/gtest.h>
#include "nasrank/core/error.h"

namespace nasrank {
namespace {

TEST(Csv, ParsesQuotedFieldsWithCommasAndQuotes) {
  const auto t = parse_csv("a,b\n\"x,1\",\"say \"\"hi\"\"\"\n2,3\n", "test");
  ASSERT_EQ(t.header, (std::vector<std::string>{"a", "b"}));
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0][0], "x,1");
  EXPECT_EQ(t.rows[0][1], "say \"hi\"");
  EXPECT_EQ(t.rows[1][1], "3");
}

TEST(Csv, AcceptsCrLfAndMissingFinalNewline) {
  const auto t = parse_csv("a,b\r\n1,2\r\n3,4", "test");
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[1][1], "4");
}

TEST(Csv, RowWithWrongFieldCountIsAnErrorNamingTheRow) {
  try {
    parse_csv("a,b\n1,2\n3\n", "f.csv");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("row 3"), std::string::npos) << e.what();
  }
}

TEST(Csv, EmptyInputAndUnterminatedQuoteAreErrors) {
  EXPECT_THROW(parse_csv("", "f.csv"), Error);
  EXPECT_THROW(parse_csv("a\n\"open\n", "f.csv"), Error);
}

// Names read from a CSV go on into JSON and SQLite: text that is not UTF-8 (a Latin-1 export, a
// damaged file) is an error naming the line, not an exception from the JSON writer later on.
TEST(Csv, TextThatIsNotUtf8IsAnErrorNamingTheLine) {
  const auto message = [](const std::string& text) {
    try {
      parse_csv(text, "f.csv");
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(message("arch,acc\na,1\n\xFE\xFF,2\n"),
            "f.csv: line 3 is not UTF-8 text (byte 0xFE); save the file as UTF-8");
  EXPECT_EQ(message("arch,acc\ncaf\xE9,1\n"), "f.csv: line 2 is not UTF-8 text (byte 0xE9); save the file as UTF-8");
  EXPECT_NE(message("a\n\xC0\xAF\n").find("line 2"), std::string::npos);          // overlong '/'
  EXPECT_NE(message("a\n\xED\xA0\x80\n").find("line 2"), std::string::npos);      // a surrogate
  EXPECT_NE(message("a\n\xF4\x90\x80\x80\n").find("line 2"), std::string::npos);  // above U+10FFFF
  EXPECT_NE(message("a\n\xE2\x82\n").find("line 2"), std::string::npos);          // cut short
  // Well-formed UTF-8 of every length reads, and a byte-order mark is not part of the first name.
  const auto t = parse_csv(
      "\xEF\xBB\xBF"
      "arch,\xCF\x84\n\xE2\x82\xAC,\xF0\x9F\x98\x80\n",
      "f.csv");
  EXPECT_EQ(t.header, (std::vector<std::string>{"arch", "\xCF\x84"}));
  EXPECT_EQ(t.rows.at(0).at(1), "\xF0\x9F\x98\x80");
}

TEST(Csv, WriterQuotesOnlyWhatNeedsIt) {
  EXPECT_EQ(csv_row({"plain", "a,b", "q\"q"}), "plain,\"a,b\",\"q\"\"q\"\n");
  const auto back = parse_csv("h1,h2,h3\n" + csv_row({"plain", "a,b", "q\"q"}), "rt");
  EXPECT_EQ(back.rows[0], (std::vector<std::string>{"plain", "a,b", "q\"q"}));
}

TEST(Csv, MissingColumnErrorListsColumns) {
  const auto t = parse_csv("alpha,beta\n1,2\n", "t");
  EXPECT_EQ(t.column("beta"), 1u);
  try {
    t.column("gamma");
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("alpha, beta"), std::string::npos);
  }
}

}  // namespace
}  // namespace nasrank
