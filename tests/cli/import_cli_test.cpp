// `nasrank import` run as a user runs it: hand-made CSVs with every optional column, every bad-row
// error (nothing written), ragged data that rank excludes with its reason, JSON lines, and the
// round trip through `sweep export --format csv` on the committed study.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli_run.h"
#include "nasrank/core/csv.h"
#include "table_records.h"

namespace {

namespace fs = std::filesystem;
using nasrank::test_support::CliResult;
using nasrank::test_support::records;
using nasrank::test_support::run_nasrank;
using nasrank::test_support::ScratchDir;
using nlohmann::json;

std::string read_text(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

/// The CSV without the named column (what differs between two stores by when they were written).
std::string without_column(const std::string& text, const std::string& column) {
  const nasrank::CsvTable t = nasrank::parse_csv(text, "export");
  const std::size_t drop = t.column(column);
  auto row = [&](const std::vector<std::string>& cells) {
    std::vector<std::string> kept;
    for (std::size_t i = 0; i < cells.size(); ++i)
      if (i != drop) kept.push_back(cells[i]);
    return nasrank::csv_row(kept);
  };
  std::string out = row(t.header);
  for (const auto& r : t.rows) out += row(r);
  return out;
}

class Import : public ::testing::Test {
 protected:
  fs::path write(const std::string& name, const std::string& text) {
    const fs::path p = dir_ / name;
    std::ofstream(p) << text;
    return p;
  }
  CliResult import_csv(const fs::path& csv, const fs::path& db, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"--quiet", "import", "--csv", csv.string(), "--db", db.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_nasrank(args);
  }
  nlohmann::json rank_json(const fs::path& db) {
    const CliResult r = run_nasrank({"--quiet", "rank", "--db", db.string(), "--format", "json", "--bootstrap", "50"});
    EXPECT_EQ(r.code, 0) << r.err;
    return nlohmann::json::parse(r.out);
  }
  /// A bad file: exit 1, one line naming `needle`, and no store.
  void expect_refused(const std::string& text, const std::string& needle, std::vector<std::string> extra = {}) {
    const fs::path csv = write("bad.csv", text), db = dir_ / "bad.db";
    const CliResult r = import_csv(csv, db, extra);
    EXPECT_EQ(r.code, 1) << r.err;
    EXPECT_EQ(r.err.rfind("nasrank: error: ", 0), 0u) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_NE(r.err.find(needle), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(db));
    EXPECT_FALSE(fs::exists(dir_ / "bad.db.import-tmp"));
  }

  ScratchDir dir_{"nasrank-import"};
};

// Four architectures a < b < c < d at the full budget (100 epochs, two seeds of linear), two
// schedules at 10 epochs; every optional column, and a column import does not read.
const char* const kFull =
    "arch,schedule,budget,seed,val_acc,status,seconds,params,macs,train_loss,val_loss,notes\n"
    "a,linear,1,0,0.50,ok,100,1000,5000,2;1.5;1.2,1.1;1.0,x\n"
    "a,linear,100ep,1,0.52,ok,101,1000,5000,2;1.5;1.2,1.1;1.0,x\n"
    "b,linear,1,0,0.60,ok,100,2000,6000,2;1.4;1.1,1.0;0.9,x\n"
    "b,linear,1,1,0.61,ok,100,2000,6000,2;1.4;1.1,1.0;0.9,x\n"
    "c,linear,1,0,0.70,ok,100,3000,7000,2;1.3;1.0,0.9;0.8,x\n"
    "c,linear,1,1,0.69,ok,100,3000,7000,2;1.3;1.0,0.9;0.8,x\n"
    "d,linear,1,0,0.80,ok,100,4000,8000,2;1.2;0.9,0.8;0.7,x\n"
    "d,linear,1,1,0.81,ok,100,4000,8000,2;1.2;0.9,0.8;0.7,x\n"
    "a,linear,10ep,0,0.30,ok,10,1000,5000,2;1.8;1.7,1.5;1.4,x\n"
    "b,linear,10ep,0,0.35,ok,10,2000,6000,2;1.7;1.6,1.4;1.3,x\n"
    "c,linear,0.1,0,0.40,untrainable,10,3000,7000,2;1.6;1.5,1.3;1.2,x\n"
    "d,linear,10%,0,0.45,ok,10,4000,8000,2;1.5;1.4,1.2;1.1,x\n"
    "a,cosine,10ep,0,0.45,ok,12,1000,5000,2;1.5;1.4,1.2;1.1,x\n"
    "b,cosine,10ep,0,0.40,ok,12,2000,6000,2;1.6;1.5,1.3;1.2,x\n"
    "c,cosine,10ep,0,0.35,ok,12,3000,7000,2;1.7;1.6,1.4;1.3,x\n"
    "d,cosine,10ep,0,0.30,ok,12,4000,8000,2;1.8;1.7,1.5;1.4,x\n";

TEST_F(Import, EveryOptionalColumnReachesRankReportAndExport) {
  const fs::path db = dir_ / "runs.db";
  const CliResult r = import_csv(write("runs.csv", kFull), db, {"--full-epochs", "100"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("imported 16 runs of 4 architectures (8 reference runs)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("ignored columns: notes"), std::string::npos) << r.out;

  const auto j = rank_json(db);
  EXPECT_EQ(j["architectures"]["used"], 4);
  const json table6 = records(j["tables"]["table6_statistics"]);
  ASSERT_EQ(table6.size(), 2u);
  for (const auto& row : table6) {
    // linear orders them as the target (tau 1); cosine backwards (tau -1): signed, not folded.
    const double tau = row["tau"].get<double>();
    EXPECT_DOUBLE_EQ(tau, row["schedule"] == "linear" ? 1.0 : -1.0) << row.dump();
    EXPECT_EQ(row["budget_epochs"], 10.0);
  }
  EXPECT_EQ(j["budgets"][0]["label"], "10 (10%)");
  // The curves give the learning-curve predictors, losses negated and signed.
  bool tse_linear = false, val_loss_cosine = false;
  for (const auto& p : records(j["tables"]["predictors"])) {
    if (p["proxy"] == "tse" && p["schedule"] == "linear") {
      tse_linear = true;
      EXPECT_TRUE(p["negated"].get<bool>());
      EXPECT_DOUBLE_EQ(p["tau"].get<double>(), 1.0);  // sums 5.5, 5.3, 5.1, 4.9 fall with quality
    }
    if (p["proxy"] == "val_loss_last" && p["schedule"] == "cosine") {
      val_loss_cosine = true;
      EXPECT_DOUBLE_EQ(p["tau"].get<double>(), -1.0);
    }
  }
  EXPECT_TRUE(tse_linear);
  EXPECT_TRUE(val_loss_cosine);

  const fs::path out = dir_ / "report";
  const CliResult rep = run_nasrank(
      {"--quiet", "report", "--db", db.string(), "--out", out.string(), "--no-figures", "--bootstrap", "50"});
  ASSERT_EQ(rep.code, 0) << rep.err;
  const std::string md = read_text(out / "report.md");
  EXPECT_NE(md.find("imported by 'nasrank import' from"), std::string::npos);
  EXPECT_NE(md.find("Learning-curve predictors"), std::string::npos);

  const CliResult exp = run_nasrank({"--quiet", "sweep", "export", "--db", db.string(), "--format", "csv"});
  ASSERT_EQ(exp.code, 0) << exp.err;
  const nasrank::CsvTable t = nasrank::parse_csv(exp.out, "export");
  ASSERT_EQ(t.rows.size(), 16u);
  const auto status = t.column("status"), params = t.column("params"), seconds = t.column("seconds");
  std::size_t untrainable = 0;
  for (const auto& row : t.rows) {
    untrainable += row[status] == "untrainable";
    EXPECT_NE(row[params], "0");
    EXPECT_TRUE(row[seconds] == "10" || row[seconds] == "12" || row[seconds] == "100" || row[seconds] == "101")
        << row[seconds];
  }
  EXPECT_EQ(untrainable, 1u);
}

TEST_F(Import, BadRowsAreRefusedWithTheirLineAndNothingIsWritten) {
  expect_refused("arch,budget,val_acc\na,1,0.5\n", "no column 'seed'");
  expect_refused("arch,budget,seed,val_acc\na,1,0,0.5\na,lots,0,0.4\n", "line 3, column 'budget'");
  expect_refused("arch,budget,seed,val_acc\na,1,0,0.5\nb,1,0,high\n",
                 "line 3, column 'val_acc': 'high' is not a number");
  expect_refused(
      "arch,budget,seed,val_acc\na,1,0,0.5\nb,0.5,0,0.4\na,1,0,0.6\n",
      "line 4: the run of arch 'a', schedule 'imported', budget '1', seed 0 is given twice (first on line 2)");
  expect_refused("arch,budget,seed,val_acc\na,3,0,0.5\n", "line 2, column 'budget'");
  expect_refused("arch,budget,seed,val_acc,status\na,1,0,0.5,fine\n", "column 'status': 'fine'");
  expect_refused("arch,budget,seed,val_acc,train_loss\na,1,0,0.5,1;x\n", "column 'train_loss': 'x'");
  expect_refused("arch,budget,seed,val_acc\na,10ep,0,0.5\n", "give --full-epochs");
  expect_refused("arch,budget,seed,val_acc\na,1,0.5,0.5\n", "column 'seed': '0.5' is not a whole number");
  // Found by fuzz/import_fuzz.cpp (fuzz/corpus/import/huge_params.csv): a count beyond the integers
  // converted to one anyway (undefined behaviour); now refused by name.
  expect_refused("arch,budget,seed,val_acc,params\na,1,0,0.5,6.4e126\n",
                 "line 2, column 'params': '6.4e126' is not a whole number of at most 2^53");
  expect_refused("arch,budget,seed,val_acc\na,1,1e300,0.5\n", "column 'seed': '1e300' is not a whole number");
}

TEST_F(Import, AnExistingStoreIsNotOverwritten) {
  const fs::path csv = write("runs.csv", "arch,budget,seed,val_acc\na,1,0,0.5\n"), db = write("taken.db", "x");
  const CliResult r = import_csv(csv, db);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("already exists"), std::string::npos) << r.err;
  EXPECT_EQ(read_text(db), "x");
}

TEST_F(Import, RaggedRunsImportAsTheyAreAndRankSaysWhatItLeftOut) {
  // e has no full-budget run; d lacks its cosine run; everything else is complete.
  std::string text = kFull;
  text.erase(text.find("d,cosine"));
  text += "e,linear,10ep,0,0.5,ok,10,1,1,,,\n";
  const fs::path db = dir_ / "ragged.db";
  const CliResult r = import_csv(write("ragged.csv", text), db, {"--full-epochs", "100"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = rank_json(db);
  EXPECT_EQ(j["architectures"]["seen"], 5);
  const json excluded = records(j["tables"]["excluded"]);
  ASSERT_EQ(excluded.size(), 1u);
  EXPECT_EQ(excluded[0]["arch"], "e");
  EXPECT_EQ(excluded[0]["reason"], "no reference (full-budget) run");
  for (const auto& row : records(j["tables"]["table6_statistics"]))
    if (row["schedule"] == "cosine") {
      EXPECT_EQ(row["n"], 3);
      EXPECT_EQ(row["dropped"], 1);
    }
}

TEST_F(Import, JsonLinesWithArraysAndALowerIsBetterMetric) {
  const fs::path jsonl =
      write("runs.jsonl",
            "{\"arch\": \"a\", \"budget\": \"200ep\", \"seed\": 0, \"loss\": 0.9}\n"
            "{\"arch\": \"b\", \"budget\": \"200ep\", \"seed\": 0, \"loss\": 0.5}\n"
            "{\"arch\": \"c\", \"budget\": \"200ep\", \"seed\": 0, \"loss\": 0.1}\n"
            "\n"
            "{\"arch\": \"a\", \"budget\": \"12ep\", \"seed\": 0, \"loss\": 1.9, \"train_loss\": [3, 2]}\n"
            "{\"arch\": \"b\", \"budget\": \"12ep\", \"seed\": 0, \"loss\": 1.5, \"train_loss\": [3, 1.5]}\n"
            "{\"arch\": \"c\", \"budget\": \"12ep\", \"seed\": 0, \"loss\": 1.1, \"train_loss\": [3, 1]}\n");
  const fs::path db = dir_ / "nats.db";
  const CliResult r = run_nasrank({"--quiet", "import", "--jsonl", jsonl.string(), "--db", db.string(), "--full-epochs",
                                   "200", "--metric", "loss", "--lower-is-better"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = rank_json(db);
  const json table6 = records(j["tables"]["table6_statistics"]);
  ASSERT_EQ(table6.size(), 1u);
  EXPECT_DOUBLE_EQ(table6[0]["tau"].get<double>(), 1.0);  // the negated loss ranks as the target
  EXPECT_EQ(j["budgets"][0]["label"], "12 (6%)");

  const fs::path bad = write("bad.jsonl", "{\"arch\": \"a\", \"budget\": \"1\", \"seed\": 0, \"loss\": 1}\n[1, 2]\n");
  const CliResult b =
      run_nasrank({"--quiet", "import", "--jsonl", bad.string(), "--db", (dir_ / "b.db").string(), "--metric", "loss"});
  EXPECT_EQ(b.code, 1);
  EXPECT_NE(b.err.find("line 2: not a JSON object"), std::string::npos) << b.err;

  // Found by fuzz/import_fuzz.cpp (fuzz/corpus/import/number_overflow.jsonl): a number beyond a
  // double is the JSON reader's out_of_range, which escaped as its own exception text.
  const fs::path huge = write("huge.jsonl", "{\"arch\": \"a\", \"budget\": \"1\", \"seed\": 0, \"loss\": 1e99999}\n");
  const CliResult h = run_nasrank(
      {"--quiet", "import", "--jsonl", huge.string(), "--db", (dir_ / "h.db").string(), "--metric", "loss"});
  EXPECT_EQ(h.code, 1);
  EXPECT_NE(h.err.find("nasrank: error: " + huge.string() + ": line 1: not valid JSON ("), std::string::npos) << h.err;
  EXPECT_FALSE(fs::exists(dir_ / "h.db"));
}

// Found by fuzz/import_fuzz.cpp (fuzz/corpus/import/latin1_arch.csv): an architecture id that is
// not UTF-8 reached the JSON writer, and the error was its exception text, naming no line.
TEST_F(Import, TextThatIsNotUtf8IsAnErrorNamingItsLineAndNothingIsWritten) {
  const fs::path csv = write("latin1.csv", "arch,budget,seed,val_acc\na,1,0,0.9\ncaf\xE9,1,0,0.8\n");
  const fs::path db = dir_ / "latin1.db";
  const CliResult r = import_csv(csv, db);
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err,
            "nasrank: error: " + csv.string() + ": line 3 is not UTF-8 text (byte 0xE9); save the file as UTF-8\n");
  EXPECT_FALSE(fs::exists(db));
}

TEST_F(Import, UsageErrors) {
  EXPECT_EQ(run_nasrank({"import", "--db", (dir_ / "x.db").string()}).code, 2);
  const fs::path csv = write("runs.csv", "arch,budget,seed,val_acc\na,1,0,0.5\n");
  EXPECT_EQ(
      run_nasrank({"import", "--csv", csv.string(), "--jsonl", csv.string(), "--db", (dir_ / "x.db").string()}).code,
      2);
  EXPECT_EQ(run_nasrank({"import", "--csv", csv.string(), "--db", (dir_ / "x.db").string(), "--higher-is-better",
                         "--lower-is-better"})
                .code,
            2);
}

// The committed study, trained by nasrank: exported, imported and exported again gives the same
// table (the time of import aside), and the same Table 6.
TEST_F(Import, SweepExportOfTheCommittedStudyImportsBackToAnEqualStore) {
  const fs::path original = dir_ / "original.db";
  fs::copy_file(fs::path(NASRANK_SOURCE_DIR) / "docs" / "results" / "cpu-fashion-mnist" / "runs.db", original);
  const CliResult first = run_nasrank({"--quiet", "sweep", "export", "--db", original.string(), "--format", "csv"});
  ASSERT_EQ(first.code, 0) << first.err;
  const fs::path csv = write("export.csv", first.out), copy = dir_ / "copy.db";
  const CliResult imported = import_csv(csv, copy);
  ASSERT_EQ(imported.code, 0) << imported.err;
  const CliResult second = run_nasrank({"--quiet", "sweep", "export", "--db", copy.string(), "--format", "csv"});
  ASSERT_EQ(second.code, 0) << second.err;
  EXPECT_EQ(without_column(second.out, "finished_at"), without_column(first.out, "finished_at"));
  auto a = rank_json(original), b = rank_json(copy);
  EXPECT_EQ(a["tables"]["table6_statistics"], b["tables"]["table6_statistics"]);
  // A cell's compute sums its runs' seconds, which the export writes to 10 significant digits. The
  // export holds runs only: the zero-cost scores and the curves of the predictors stay behind.
  const auto trained = [](const json& cost) {
    json rows = json::array();
    for (const auto& r : records(cost))
      if (r["family"] == "budgeted" || r["family"] == "full budget") rows.push_back(r);
    return rows;
  };
  const json ca = trained(a["tables"]["cost"]), cb = trained(b["tables"]["cost"]);
  EXPECT_EQ(ca.size(), 17u);  // 16 cells and the full budget
  ASSERT_EQ(ca.size(), cb.size());
  for (std::size_t i = 0; i < ca.size(); ++i) {
    EXPECT_EQ(ca[i]["proxy"], cb[i]["proxy"]);
    EXPECT_EQ(ca[i]["tau"], cb[i]["tau"]);
    EXPECT_NEAR(ca[i]["seconds_per_arch"].get<double>(), cb[i]["seconds_per_arch"].get<double>(),
                1e-8 * ca[i]["seconds_per_arch"].get<double>());
  }
  EXPECT_EQ(a["architectures"], b["architectures"]);
}

}  // namespace
