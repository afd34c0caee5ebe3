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
