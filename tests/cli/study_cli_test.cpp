// `nasrank rank` and `nasrank report` on a sweep store made by hand through the Store API, with
// accuracies chosen so that every table's numbers can be worked out on paper (the comments do it).
// The commands run as a user runs them; their outputs are parsed, not compared with the library.

#include <cmath>
#include <cstdlib>
#include <map>
#include <set>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cli_run.h"
#include "nasrank/core/csv.h"
#include "nasrank/nas/spec.h"
#include "nasrank/study/store.h"
#include "store_fixtures.h"
#include "table_records.h"
#include "xml_check.h"

namespace {

using namespace sweep_test;
using namespace nasrank::study;
using nasrank::reports::test_support::plot_groups;
using nasrank::reports::test_support::xml_problem;
using nlohmann::json;
using ::testing::HasSubstr;

using Result = nasrank::test_support::CliResult;

Result nasrank(const std::vector<std::string>& args) { return nasrank::test_support::run_nasrank(args); }

// Six architectures a0..a5 (ResNet-18 for 1x28x28 with 16..96 stem channels: real specs, since the
// report counts their parameters). Schedules const and linear at 1 and 2 epochs of a 10-epoch
// budget, two seeds, and the reference runs (linear, 10 epochs, both seeds).
//
// Reference (full-budget) accuracy, seed 0 | seed 1 -> median (the mean of two):
//   a0 .90 .91 -> .905   a1 .85 .84 -> .845   a2 .80 .81 -> .805   a3 .75 .70 -> .725   a4 .70 .74 -> .72
//   a5: seed 0 diverged -> excluded from every table, counted.
// Target order a0 > a1 > a2 > a3 > a4; mean target (.905 + .845 + .805 + .725 + .72) / 5 = 0.8.
// Noise ceiling: seed 0 orders a0>a1>a2>a3>a4, seed 1 a0>a1>a2>a4>a3: 1 discordant pair of 10,
//   tau-b = (9 - 1) / 10 = 0.8.
// Small budgets (seed 0 gets value - 0.01, seed 1 value + 0.01, so the median is the value):
//   linear 1ep: target - 0.3 -> same order, tau 1; mean .5.
//   linear 2ep: target - 0.2 -> tau 1; mean .6.
//   const 1ep: 1 - target -> reversed, tau -1; mean .2.
//   const 2ep: a0 .60 a1 .61 a2 .55 a3 .50 a4 .45 -> a0 and a1 swapped, tau (9 - 1) / 10 = 0.8;
//     mean 2.71 / 5 = .542.
// Best progress: linear runs 1.0; const 1ep 0.4 and const 2ep 0.6 (both budgets are >= 10% of the
//   full budget, so Table 5 takes all 20 runs of each schedule): const 0.5 +- sqrt(20 * .01 / 19).
// Seconds: 10 per 1ep run, 20 per 2ep run, 100 per reference run.
// Recommendation: linear at both budgets (tau 1 over const -1 and 0.8). const at 1 epoch differs from
//   the best by 2 in every resample: significantly worse (p = 1/(1+B), Holm x3); nothing else is, so
//   the cheapest cell not worse is linear at 1 epoch: 2 seeds x 10 s = 20 s per architecture against
//   100 s for one reference run, 5x cheaper.
// Zero-cost: synflow orders the five exactly (tau 1), params reversed (tau -1): synflow is not
//   distinguishable from the budgeted proxy (difference 0), so the recommendation picks the score.
const std::map<std::string, double> kTarget = {{"a0", .905}, {"a1", .845}, {"a2", .805}, {"a3", .725}, {"a4", .72}};

std::string real_pool() {
  json archs = json::array();
  int i = 0;
  for (int stem : {64, 48, 32, 96, 16, 24}) {
    nasrank::nas::Spec s = nasrank::nas::resnet18_spec(1, 28, 10);
    s.stem_channels = stem;
    s.blocks[0].convs = {stem, stem};
    s.blocks[1].convs = {stem, stem};
    nasrank::nas::validate(s);
    archs.push_back({{"id", "a" + std::to_string(i++)}, {"spec", nasrank::nas::to_json(s)}});
  }
  return json{{"format", "nasrank-pool"}, {"architectures", archs}}.dump(2);
}

StudySettings settings() {
  StudySettings s;
  s.dataset.name = "synthetic";
  s.recipe.full_epochs = 10;
  s.schedules = {"const", "linear"};
  s.budgets = {"1ep", "2ep"};
  s.seeds = 2;
  s.reference_seed_start = 0;  // the hand-worked references are seeds 0 and 1, as the proxies'
  return normalized(s);
}

/// The accuracy, status and best progress the comment above gives a job.
struct Outcome {
  double acc;
  std::string status = "ok";
  double best_progress;
  double seconds;
};

Outcome outcome(const JobKey& k) {
  const double jitter = k.seed == 0 ? -0.01 : 0.01;
  if (k.reference) {
    static const std::map<std::string, std::pair<double, double>> ref = {{"a0", {.90, .91}}, {"a1", {.85, .84}},
                                                                         {"a2", {.80, .81}}, {"a3", {.75, .70}},
                                                                         {"a4", {.70, .74}}, {"a5", {.10, .95}}};
    const auto& [s0, s1] = ref.at(k.arch);
    Outcome o{k.seed == 0 ? s0 : s1, "ok", 0.9, 100};
    if (k.arch == "a5" && k.seed == 0) o.status = "diverged";
    return o;
  }
  const double t = kTarget.count(k.arch) ? kTarget.at(k.arch) : 0.5;
  const bool one = k.budget_epochs == 1;
  if (k.schedule == "linear") return {t - (one ? 0.3 : 0.2) + jitter, "ok", 1.0, one ? 10.0 : 20.0};
  if (one) return {1 - t + jitter, "ok", 0.4, 10};
  static const std::map<std::string, double> c2 = {{"a0", .60}, {"a1", .61}, {"a2", .55},
                                                   {"a3", .50}, {"a4", .45}, {"a5", .5}};
  return {c2.at(k.arch) + jitter, "ok", 0.6, 20};
}

nasrank::trainer::RunRecord record_for(const JobKey& k) {
  const Outcome o = outcome(k);
  nasrank::trainer::RunRecord r = fake_record(k.arch, o.acc, 1);
  r.schedule = k.schedule;
  r.budget = k.budget;
  r.budget_epochs = k.budget_epochs;
  r.seed = k.seed;
  r.status = o.status;
  r.best_progress = o.best_progress;
  r.best_step = static_cast<std::int64_t>(o.best_progress * 10);
  r.seconds = o.seconds;
  return r;
}

/// Plans the study and finishes the jobs `keep` accepts (all by default).
void make_store(const fs::path& db, const std::function<bool(const JobKey&)>& keep = nullptr) {
  Store store = Store::open(db, Store::Mode::create);
  store.apply_plan(settings(), pool_from_text(real_pool(), "pool.json"), false);
  const WorkerIdentity me = WorkerIdentity::current();
  std::vector<ClaimedJob> skipped;
  while (auto job = store.claim(me, ClaimOptions{}, unix_time())) {
    if (keep && !keep(job->key)) {
      skipped.push_back(*job);
      continue;
    }
    ASSERT_TRUE(store.finish(*job, record_for(job->key), "hand", unix_time()));
  }
  for (const auto& j : skipped) store.release(j);
}

void add_zero_cost(const fs::path& db) {
  Store store = Store::open(db);
  std::vector<StoredZeroCost> rows;
  const std::map<std::string, double> synflow = {{"a0", 5}, {"a1", 4}, {"a2", 3}, {"a3", 2}, {"a4", 1}, {"a5", 9}};
  for (const auto& [arch, v] : synflow) {
    StoredZeroCost z;
    z.arch = arch;
    z.score = "synflow";
    z.value = v;
    z.seconds = 0.5;
    rows.push_back(z);
    z.score = "params";
    z.value = -v;
    z.seconds = 0.001;
    rows.push_back(z);
  }
  store.put_zero_cost(rows, unix_time());
}

/// The row of a table's data form at a schedule and budget.
json row_at(const json& table, const std::string& schedule, double epochs) {
  for (const auto& r : nasrank::test_support::records(table))
    if (r["schedule"] == schedule && r["budget_epochs"].get<double>() == epochs) return r;
  throw std::runtime_error("no row " + schedule + " in " + table.dump());
}

/// The hand-worked figures of the comment above, checked in a `rank --format json` document (or
/// report.json's "study") and the tables beside it.
void expect_hand_worked_tables(const json& s, const json& tables) {
  using nasrank::test_support::records;
  EXPECT_EQ(s["tau_variant"], "kendall_tau_b");
  EXPECT_EQ(s["architectures"]["seen"], 6);
  EXPECT_EQ(s["architectures"]["used"], 5);
  const json excluded = records(tables["excluded"]);
  ASSERT_EQ(excluded.size(), 1u);
  EXPECT_EQ(excluded[0]["arch"], "a5");
  EXPECT_THAT(excluded[0]["reason"].get<std::string>(), HasSubstr("diverged"));

  const json& t6 = tables["table6_statistics"];
  EXPECT_NEAR(row_at(t6, "linear", 1)["tau"].get<double>(), 1.0, 1e-12);
  EXPECT_NEAR(row_at(t6, "linear", 2)["tau"].get<double>(), 1.0, 1e-12);
  EXPECT_NEAR(row_at(t6, "const", 1)["tau"].get<double>(), -1.0, 1e-12);
  EXPECT_NEAR(row_at(t6, "const", 2)["tau"].get<double>(), 0.8, 1e-12);
  EXPECT_NEAR(row_at(tables["table6"], "const", 2)["tau"].get<double>(), 0.8, 1e-12);
  EXPECT_EQ(row_at(t6, "const", 2)["n"], 5);
  EXPECT_EQ(s["budgets"][0]["label"], "1 (10%)");

  auto mean_of = [&](const char* table, const char* field, const std::string& schedule, double epochs) {
    return row_at(tables[table], schedule, epochs)[field].get<double>();
  };
  EXPECT_NEAR(mean_of("table7", "mean_best_val_acc", "linear", 1), 0.5, 1e-12);
  EXPECT_NEAR(mean_of("table7", "mean_best_val_acc", "linear", 2), 0.6, 1e-12);
  EXPECT_NEAR(mean_of("table7", "mean_best_val_acc", "const", 1), 0.2, 1e-12);
  EXPECT_NEAR(mean_of("table7", "mean_best_val_acc", "const", 2), 0.542, 1e-12);
  const double linear1 = (.605 / .905 + .545 / .845 + .505 / .805 + .425 / .725 + .42 / .72) / 5;
  const double const2 = (.60 / .905 + .61 / .845 + .55 / .805 + .50 / .725 + .45 / .72) / 5;
  EXPECT_NEAR(mean_of("table8", "mean_normalised_acc", "linear", 1), linear1, 1e-12);
  EXPECT_NEAR(mean_of("table8", "mean_normalised_acc", "const", 2), const2, 1e-12);

  for (const auto& r : records(tables["table5"])) {
    EXPECT_EQ(r["runs"], 20) << r.dump();
    if (r["schedule"] == "linear") {
      EXPECT_NEAR(r["best_progress_mean"].get<double>(), 1.0, 1e-12);
      EXPECT_NEAR(r["best_progress_std"].get<double>(), 0.0, 1e-12);
    } else {
      EXPECT_NEAR(r["best_progress_mean"].get<double>(), 0.5, 1e-12);
      EXPECT_NEAR(r["best_progress_std"].get<double>(), std::sqrt(20 * 0.01 / 19), 1e-12);
    }
  }
  const json ceiling = records(tables["noise_ceiling"]).at(0);
  EXPECT_NEAR(ceiling["tau"].get<double>(), 0.8, 1e-12);
  EXPECT_EQ(ceiling["seed_pairs"], 1);
  EXPECT_EQ(ceiling["n"], 5);

  const json& rec = s["recommendation"];
  ASSERT_TRUE(rec["found"].get<bool>());
  EXPECT_TRUE(rec["distinguishable"].get<bool>()) << rec["text"];
  EXPECT_EQ(rec["recommended"]["best"], "linear");
  EXPECT_EQ(rec["recommended"]["budget"]["epochs"], 1.0);
  EXPECT_DOUBLE_EQ(rec["seconds_per_arch"].get<double>(), 20.0);
  EXPECT_DOUBLE_EQ(rec["reference_seconds_per_arch"].get<double>(), 100.0);
  EXPECT_THAT(rec["text"].get<std::string>(), HasSubstr("5x cheaper"));
}

class StudyCli : public ::testing::Test {
 protected:
  ScratchDir dir_;
  fs::path db_ = dir_ / "runs.db";
};

TEST_F(StudyCli, RankOfAHandMadeStoreGivesTheHandWorkedTables) {
  make_store(db_);
  add_zero_cost(db_);
  Result r = nasrank({"rank", "--db", db_.string(), "--format", "json", "--bootstrap", "200"});
  ASSERT_EQ(r.code, 0) << r.err;
  const json s = json::parse(r.out);
  expect_hand_worked_tables(s, s["tables"]);
  // Zero-cost: synflow exact, params reversed, over the five included architectures.
  const json zero_cost = nasrank::test_support::records(s["tables"]["zero_cost"]);
  ASSERT_EQ(zero_cost.size(), 2u);
  EXPECT_EQ(zero_cost[0]["proxy"], "synflow");  // the registry's order, not the alphabet's
  EXPECT_NEAR(zero_cost[0]["tau"].get<double>(), 1.0, 1e-12);
  EXPECT_NEAR(zero_cost[1]["tau"].get<double>(), -1.0, 1e-12);
  EXPECT_EQ(zero_cost[0]["n"], 5);
  EXPECT_EQ(s["recommendation"]["across_families"]["pick"], "zero-cost");
  EXPECT_EQ(s["recommendation"]["across_families"]["zero_cost"], "synflow");

  r = nasrank({"rank", "--db", db_.string(), "--format", "csv", "--bootstrap", "50"});
  ASSERT_EQ(r.code, 0) << r.err;
  const nasrank::CsvTable csv = nasrank::parse_csv(r.out, "rank.csv");
  EXPECT_EQ(csv.header.front(), "table");
  std::set<std::string> tables;
  for (const auto& row : csv.rows) tables.insert(row[0]);
  for (const char* t :
       {"table6_statistics", "table7", "table8", "table5", "noise_ceiling", "recommendation", "zero_cost"})
    EXPECT_TRUE(tables.count(t)) << t;

  r = nasrank({"rank", "--db", db_.string(), "--bootstrap", "50"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("## Table 6: rank correlation (`kendall_tau_b`)"));
  EXPECT_THAT(r.out, HasSubstr("| const | -1.0000"));
}

TEST_F(StudyCli, ReportOfAHandMadeStoreHoldsEveryTableAndReadableFigures) {
  make_store(db_);
  add_zero_cost(db_);
  const fs::path out = dir_ / "report";
  Result r = nasrank({"report", "--db", db_.string(), "--out", out.string(), "--bootstrap", "200"});
  ASSERT_EQ(r.code, 0) << r.err;
  for (const char* f : {"report.md", "report.html", "report.json"}) EXPECT_TRUE(fs::exists(out / f)) << f;
  const json j = json::parse(file_bytes(out / "report.json"));
  expect_hand_worked_tables(j["study"], j["tables"]);
  EXPECT_EQ(j["progress"]["done"], 60);  // 6 x 2 x 2 x 2 grid runs + 6 x 2 references
  EXPECT_TRUE(j["progress"]["finished"].get<bool>());
  EXPECT_EQ(j["settings"]["seeds"], 2);
  EXPECT_EQ(j["settings"]["reference_schedule"], "linear");
  // Every table of the document is also a CSV file.
  std::size_t csv_files = 0;
  for (const auto& [id, table] : j["tables"].items()) {
    EXPECT_TRUE(fs::exists(out / "tables" / (id + ".csv"))) << id;
    ++csv_files;
  }
  EXPECT_GE(csv_files, 8u);
  const std::string md = file_bytes(out / "report.md");
  for (const char* heading : {"(Table 6)", "Table 7", "Table 8", "(Table 5)", "## Recommendation", "Zero-cost",
                              "## Architectures", "Untrainable and diverged"})
    EXPECT_THAT(md, HasSubstr(heading));
  EXPECT_THAT(md, HasSubstr("a5"));

  // The HTML stands alone: no script, style sheet or picture from anywhere else.
  const std::string html = file_bytes(out / "report.html");
  for (const char* outside : {"src=\"http", "href=\"http", "src='http", "<link ", "src=\"figures/", "url(http"})
    EXPECT_EQ(html.find(outside), std::string::npos) << outside;

  // Figures: every SVG is well-formed XML with at least one data series.
  if (std::system("command -v gnuplot >/dev/null 2>&1") != 0) GTEST_SKIP() << "gnuplot-nox is not installed";
  std::size_t svgs = 0;
  for (const auto& e : fs::directory_iterator(out / "figures")) {
    if (e.path().extension() != ".svg") continue;
    ++svgs;
    const std::string svg = file_bytes(e.path());
    EXPECT_EQ(xml_problem(svg), "") << e.path();
    EXPECT_GE(plot_groups(svg), 1) << e.path();
  }
  EXPECT_GE(svgs, 5u);  // schedules, tau by budget, tau vs compute, the scatter grid, curves

  // A second report replaces the first; a directory of other files is refused and left alone.
  r = nasrank({"report", "--db", db_.string(), "--out", out.string(), "--bootstrap", "50"});
  EXPECT_EQ(r.code, 0) << r.err;
  fs::create_directories(dir_ / "mine");
  write_bytes(dir_ / "mine" / "notes.txt", "keep me");
  r = nasrank({"report", "--db", db_.string(), "--out", (dir_ / "mine").string()});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("nasrank: error: will not replace"));
  EXPECT_EQ(file_bytes(dir_ / "mine" / "notes.txt"), "keep me");
  EXPECT_FALSE(fs::exists(dir_ / "mine" / "report.html"));
}

TEST_F(StudyCli, EmptyStoreAndReferenceOnlyStoreGiveClearMessagesAndNoOutput) {
  make_store(db_, [](const JobKey&) { return false; });  // planned, nothing finished
  Result r = nasrank({"rank", "--db", db_.string()});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("nasrank: error:"));
  EXPECT_THAT(r.err, HasSubstr("no finished runs"));
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  r = nasrank({"report", "--db", db_.string(), "--out", (dir_ / "empty").string()});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("nothing to report: no run has finished"));
  EXPECT_FALSE(fs::exists(dir_ / "empty"));

  const fs::path refs = dir_ / "refs.db";
  make_store(refs, [](const JobKey& k) { return k.reference; });
  r = nasrank({"report", "--db", refs.string(), "--out", (dir_ / "refs").string()});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("only reference (full-budget) runs have finished"));
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_FALSE(fs::exists(dir_ / "refs"));
  r = nasrank({"rank", "--db", refs.string()});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("only reference"));
}

TEST_F(StudyCli, UnfinishedStoreIsReportedWithWhatIsMissing) {
  // Everything but the const runs at 2 epochs.
  make_store(db_, [](const JobKey& k) { return !(k.schedule == "const" && k.budget_epochs == 2); });
  const fs::path out = dir_ / "report";
  const Result r = nasrank({"report", "--db", db_.string(), "--out", out.string(), "--bootstrap", "50"});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string md = file_bytes(out / "report.md");
  EXPECT_THAT(md, HasSubstr("The sweep is unfinished: 48 of 60 jobs done, 12 pending"));
  const json j = json::parse(file_bytes(out / "report.json"));
  EXPECT_FALSE(j["progress"]["finished"].get<bool>());
  ASSERT_EQ(j["progress"]["missing"].size(), 1u);
  EXPECT_EQ(j["progress"]["missing"][0]["schedule"], "const");
  EXPECT_EQ(j["progress"]["missing"][0]["pending"], 12);
}

TEST_F(StudyCli, MissingOrForeignStoreIsAOneLineError) {
  Result r = nasrank({"rank", "--db", (dir_ / "nothing.db").string()});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("no sweep store at"));
  write_bytes(dir_ / "text.db", "not a database\n");
  r = nasrank({"report", "--db", (dir_ / "text.db").string(), "--out", (dir_ / "r").string()});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_EQ(file_bytes(dir_ / "text.db"), "not a database\n");
  EXPECT_FALSE(fs::exists(dir_ / "r"));
}

}  // namespace
