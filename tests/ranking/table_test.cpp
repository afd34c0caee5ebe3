// The table model: what a reader sees and what a program reads come from the same cells, and each
// writer shows its form (Markdown the shown columns; CSV and JSON every field) as written out here.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "nasrank/core/error.h"
#include "nasrank/ranking/table.h"

namespace nasrank::ranking {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Two rows; a column of two fields, a data-only column, a cell with '|' and an empty cell.
Table example() {
  Table t{"example",
          "An example",
          "",
          {Column("name", {"name"}), Column("tau", {"tau", "tau_lower"}), Column::data_only("variant"),
           Column("ok", {"ok"}), Column("note", {"note"})},
          {}};
  t.add_row({Cell{"a|b", {std::string("a|b")}}, Cell{"0.5000 [0.1]", {0.5, 0.1}}, Cell{"", {std::string("tau_b")}},
             Cell{"yes", {true}}, Cell{"", {std::string()}}});
  t.add_row({Cell{"c", {std::string("c")}}, Cell{"n/a", {kNaN, 1.0 / 3.0}}, Cell{"", {std::string("tau_b")}},
             Cell{"no", {false}}, Cell{"two\nlines", {std::int64_t{7}}}});
  return t;
}

TEST(Table, HeaderAndShownCellsLeaveDataOnlyColumnsOut) {
  const Table t = example();
  EXPECT_EQ(t.header(), (std::vector<std::string>{"name", "tau", "ok", "note"}));
  EXPECT_EQ(t.shown(1), (std::vector<std::string>{"c", "n/a", "no", "two\nlines"}));
  EXPECT_EQ(t.fields(), (std::vector<std::string>{"name", "tau", "tau_lower", "variant", "ok", "note"}));
  EXPECT_EQ(t.values(0).size(), 6u);
}

TEST(Table, MarkdownIsAPipeTableOfTheShownColumns) {
  EXPECT_EQ(markdown_table(example()),
            "| name | tau | ok | note |\n"
            "|---|---|---|---|\n"
            "| a\\|b | 0.5000 [0.1] | yes |   |\n"
            "| c | n/a | no | two lines |\n");
  const Table empty{"e", "", "", {Column("x", {"x"})}, {}};
  EXPECT_EQ(markdown_table(empty), "| x |\n|---|\n");
}

TEST(Table, CsvHasEveryFieldAndTwelveSignificantDigits) {
  EXPECT_EQ(table_csv(example()),
            "name,tau,tau_lower,variant,ok,note\n"
            "a|b,0.5,0.1,tau_b,true,\n"
            "c,,0.333333333333,tau_b,false,7\n");
}

TEST(Table, JsonHasEveryFieldAndNullForMissingNumbers) {
  const nlohmann::json j = table_json(example());
  EXPECT_EQ(j["title"], "An example");
  EXPECT_EQ(j["columns"].size(), 6u);
  EXPECT_TRUE(j["rows"][1][1].is_null());
  EXPECT_DOUBLE_EQ(j["rows"][1][2].get<double>(), 1.0 / 3.0);
  EXPECT_EQ(j["rows"][0][4], true);
  EXPECT_EQ(j["rows"][1][5], 7);
}

TEST(Table, ARowThatDoesNotFitTheColumnsIsABug) {
  Table t = example();
  EXPECT_THROW(t.add_row({Cell{"x", {std::string("x")}}}), InternalError);  // too few cells
  std::vector<Cell> row = example().rows[0];
  row[1].values.pop_back();  // one value for a column of two fields
  EXPECT_THROW(t.add_row(row), InternalError);
  EXPECT_EQ(t.rows.size(), 2u);
}

}  // namespace
}  // namespace nasrank::ranking
