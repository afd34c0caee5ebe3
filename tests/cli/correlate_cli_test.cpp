// `nasrank correlate` run as a user runs it: JSON keys and values on a good CSV, and a corpus of
// bad CSVs and bad options, each a one-line `nasrank: error:` with the documented exit code.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "cli_run.h"

namespace {

namespace fs = std::filesystem;
using nasrank::test_support::CliResult;
using nasrank::test_support::run_nasrank_text;
using nasrank::test_support::ScratchDir;

class Correlate : public ::testing::Test {
 protected:
  std::string write(const std::string& name, const std::string& text) {
    const fs::path p = dir_ / name;
    std::ofstream(p) << text;
    return p.string();
  }

  CliResult run(const std::string& args) { return run_nasrank_text("correlate " + args); }

  /// Exit 1 with one line "nasrank: error: ..." that contains `needle`.
  void expect_error(const std::string& args, int code, const std::string& needle) {
    const CliResult r = run(args);
    EXPECT_EQ(r.code, code) << args << "\n" << r.err;
    EXPECT_EQ(r.err.rfind("nasrank: error: ", 0), 0u) << args << "\n" << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_NE(r.err.find(needle), std::string::npos) << args << "\n" << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
  }

  ScratchDir dir_{"nasrank-correlate"};
};

// x = 1..5, y = 3 1 2 5 4 (worked out in correlation_test.cpp): tau-a = tau-b = 0.4,
// Spearman 0.6, Pearson 0.6 (the values are their own ranks), pair order 0.7. Row f has NA and is
// dropped. The automatic k is at least 5, more than half of 5 rows: top-k precision is undefined.
TEST_F(Correlate, JsonHasEveryStatisticAndTheDroppedRows) {
  const std::string csv = write("good.csv", "arch,small,full\na,1,3\nb,2,1\nc,3,2\nd,4,5\ne,5,4\nf,NA,2\n");
  const CliResult r = run("--csv '" + csv + "' --x small --y full --format json");
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  for (const char* key : {"n", "kendall_tau_b", "kendall_tau_a", "spearman", "pearson", "weighted_tau",
                          "top_k_precision", "pair_order_probability", "dropped", "rows", "top_k"})
    EXPECT_TRUE(j.contains(key)) << key;
  EXPECT_EQ(j["n"], 5);
  EXPECT_EQ(j["rows"], 6);
  EXPECT_EQ(j["dropped"], 1);
  EXPECT_NEAR(j["kendall_tau_b"].get<double>(), 0.4, 1e-12);
  EXPECT_NEAR(j["kendall_tau_a"].get<double>(), 0.4, 1e-12);
  EXPECT_NEAR(j["spearman"].get<double>(), 0.6, 1e-12);
  EXPECT_NEAR(j["pearson"].get<double>(), 0.6, 1e-12);
  EXPECT_NEAR(j["pair_order_probability"].get<double>(), 0.7, 1e-12);
  EXPECT_EQ(j["top_k"], 5);
  EXPECT_TRUE(j["top_k_precision"].is_null());
  EXPECT_NE(j["undefined"]["top_k_precision"].get<std::string>().find("at least 10"), std::string::npos);
  // Top-1: x's best is e, y's best is d: precision 0.
  const auto k1 = nlohmann::json::parse(run("--csv '" + csv + "' --x small --y full --format json --top-k 1").out);
  EXPECT_NEAR(k1["top_k_precision"].get<double>(), 0.0, 1e-12);
  EXPECT_FALSE(j.contains("bootstrap"));
  // Top-3: x {c,d,e}, y {a,d,e}: 2/3.
  const auto k3 = nlohmann::json::parse(run("--csv '" + csv + "' --x small --y full --format json --top-k 3").out);
  EXPECT_NEAR(k3["top_k_precision"].get<double>(), 2.0 / 3.0, 1e-12);
}

TEST_F(Correlate, BootstrapIntervalsAreSeededAndContainTheEstimate) {
  std::string text = "x,y\n";
  for (int i = 0; i < 40; ++i) text += std::to_string(i) + "," + std::to_string((i * 17) % 40 + i) + "\n";
  const std::string csv = write("boot.csv", text);
  const std::string args = "--csv '" + csv + "' --x x --y y --format json --bootstrap 300 --bootstrap-seed 4";
  const CliResult a = run(args), b = run(args);
  ASSERT_EQ(a.code, 0) << a.err;
  EXPECT_EQ(a.out, b.out);
  const auto j = nlohmann::json::parse(a.out);
  EXPECT_EQ(j["bootstrap"]["resamples"], 300);
  const auto& ci = j["bootstrap"]["intervals"]["kendall_tau_b"];
  EXPECT_LE(ci["lower"].get<double>(), j["kendall_tau_b"].get<double>());
  EXPECT_GE(ci["upper"].get<double>(), j["kendall_tau_b"].get<double>());
  const CliResult other = run("--csv '" + csv + "' --x x --y y --format json --bootstrap 300 --bootstrap-seed 5");
  EXPECT_NE(other.out, a.out);
}

TEST_F(Correlate, TableFormatListsTheStatistics) {
  const std::string csv = write("good.csv", "a,b\n1,3\n2,1\n3,2\n4,5\n5,4\n");
  const CliResult r = run("--csv '" + csv + "' --x a --y b");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("n = 5 pairs"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("kendall_tau_b"), std::string::npos);
  EXPECT_NE(r.out.find("weighted_tau"), std::string::npos);
}

TEST_F(Correlate, AConstantColumnIsReportedNotAnError) {
  const std::string csv = write("flat.csv", "a,b\n1,7\n2,7\n3,7\n");
  const CliResult r = run("--csv '" + csv + "' --x a --y b --format json");
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_TRUE(j["kendall_tau_b"].is_null());
  EXPECT_NE(j["undefined"]["kendall_tau_b"].get<std::string>().find("y is constant"), std::string::npos);
}

TEST_F(Correlate, BadCsvCorpusExitsOneNamingTheProblem) {
  const std::string missing_col = write("cols.csv", "a,b\n1,2\n3,4\n");
  expect_error("--csv '" + missing_col + "' --x a --y c", 1, "no column 'c' (columns: a, b)");
  const std::string non_numeric = write("text.csv", "a,b\n1,2\n3,x7\n4,5\n");
  expect_error("--csv '" + non_numeric + "' --x a --y b", 1, "row 3, column 'b': 'x7' is not a number");
  const std::string one_row = write("one.csv", "a,b\n1,2\n");
  expect_error("--csv '" + one_row + "' --x a --y b", 1, "at least two");
  const std::string empty = write("empty.csv", "");
  expect_error("--csv '" + empty + "' --x a --y b", 1, "empty CSV file");
  const std::string ragged = write("ragged.csv", "a,b\n1,2\n3\n4,5\n");
  expect_error("--csv '" + ragged + "' --x a --y b", 1, "row 3 has 1 fields");
  const std::string few = write("few.csv", "a,b\n1,\n,3\n4,5\n");
  expect_error("--csv '" + few + "' --x a --y b", 1, "only 1 row(s) have numbers in both");
  expect_error("--csv '" + (dir_ / "absent.csv").string() + "' --x a --y b", 1, "absent.csv");
}

TEST_F(Correlate, BadOptionsExitTwo) {
  const std::string csv = write("good.csv", "a,b\n1,3\n2,1\n3,2\n");
  expect_error("--csv '" + csv + "' --x a --y b --format xml", 2, "table, json");
  expect_error("--csv '" + csv + "' --x a", 2, "'--y' is required");
  expect_error("--csv '" + csv + "' --x a --y b --top-k -1", 2, "--top-k");
  expect_error("--csv '" + csv + "' --x a --y b --bootstrap -5", 2, "--bootstrap");
  expect_error("--csv '" + csv + "' --x a --y b --confidence 1.5", 2, "--confidence");
  expect_error("--csv '" + csv + "' --x a --y b --frobnicate", 2, "frobnicate");
}

TEST_F(Correlate, HelpListsTheRegistryWithAnExample) {
  const CliResult r = run("--help");
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("weighted_tau:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("pair_order_probability:"), std::string::npos);
  EXPECT_NE(r.out.find("nasrank correlate --csv runs.csv"), std::string::npos);
}

}  // namespace
