// `nasrank rank --db` and `nasrank report --db` end to end: a sweep store made by hand through the
// Store API, with accuracies chosen so that Tables 5-8, the noise ceiling and the recommendation can
// be worked out on paper (the comment below does it), read back from the real executable's output.
// Also the cases a user meets first: empty, reference-only, unfinished, missing and foreign stores.
#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <regex>
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

namespace fs = std::filesystem;
using namespace nasrank::study;
using nasrank::reports::test_support::plot_groups;
using nasrank::reports::test_support::xml_problem;
using nasrank::test_support::CliResult;
using nasrank::test_support::read_bytes;
using nasrank::test_support::run_nasrank;
using nasrank::test_support::ScratchDir;
using nlohmann::json;
using ::testing::HasSubstr;

// The study: architectures b0..b5, schedules const, cosine and linear at 1 and 4 epochs of a
// 20-epoch budget (5% and 20%), seeds 0 and 1, and the reference runs (linear, 20 epochs, both seeds).
// Every median is over two seeds, so it is their mean.
//
// Reference accuracy, seed 0 | seed 1 -> target (median):
//   b0 .92 .88 -> .90   b1 .86 .90 -> .88   b2 .83 .81 -> .82   b3 .76 .72 -> .74   b4 .70 .74 -> .72
//   b5: seed 0 diverged -> left out of every table and counted as excluded (its other runs score .99,
//   so letting it in would move every figure below).
// Target order b0 > b1 > b2 > b3 > b4.
// Noise ceiling: seed 0 orders b0 b1 b2 b3 b4, seed 1 b1 b0 b2 b4 b3: the pairs (b0,b1) and (b3,b4)
//   disagree, 2 of 10: tau-b = (8 - 2) / 10 = 0.6, one seed pair, n = 5.
//
// Small-budget medians (seed 0 gets value - 0.01, seed 1 value + 0.01):
//            b0   b1   b2   b3   b4    order vs target               tau-b                     Table 7
//   linear 4ep .70  .66  .60  .55  .50  exact                        1                         3.01/5 = .602
//   cosine 4ep .68  .64  .56  .58  .50  (b2,b3) swapped              (9 - 1)/10 = 0.8          2.96/5 = .592
//   const  4ep .40  .42  .44  .46  .48  reversed                     -1                        2.20/5 = .44
//   linear 1ep .50  .45  .45  .40  .35  b1 = b2 tied, rest exact     9/sqrt(9 * 10) = .948683  2.15/5 = .43
//   cosine 1ep .44  .46  .40  .34  .36  (b0,b1), (b3,b4) swapped     (8 - 2)/10 = 0.6          2.00/5 = .40
//   const  1ep .30  .32  .34  .36  .38  reversed                     -1                        1.70/5 = .34
// (tau-b with one tie in x: n0 = 10 pairs, n1 = 1 tied, 9 concordant: 9 / sqrt((10 - 1)(10 - 0)).)
// Spearman's rho (--tau spearman): exact 1, reversed -1, one adjacent swap 1 - 6 * 2 / (5 * 24) = 0.9,
//   two adjacent swaps 1 - 6 * 4 / 120 = 0.8.
// Table 8: the mean over architectures of median / target, written out in the test.
// Table 5 (best progress): only budgets >= 10% of the full budget count, so only the 4ep runs, 10 per
//   schedule (5 architectures x 2 seeds): linear 1.0 each -> 1.0 +- 0; cosine .8 (seed 0) and .6
//   (seed 1) -> .7 +- sqrt(10 * .01 / 9); const .3 each -> .3 +- 0. The 1ep runs say .5 (linear),
//   .9 (const) and .1 (cosine): counting them would show.
// Seconds: 5 per 1ep run, 20 per 4ep run, 100 per reference run.
// Recommendation: at 1ep linear (.9487) over cosine (.6); at 4ep linear (1) over cosine (.8). The best
//   cell is linear at 4ep. const is reversed at both budgets: every resample gives a difference of 2
//   from the best, none is as far from 2 as 2 is from 0, so p = 1/(1+B) and both const cells are
//   significantly worse (Holm over 5 cells: 5/(1+B) at B = 200). Nothing else is: the cheapest cell
//   not worse is 1ep (linear and cosine cost the same; linear has the higher tau), at 2 seeds x 5 s =
//   10 s per architecture. With --significance 0.001 no p can get below the level (1/(1+B) at B = 100
//   is 0.0099): nothing is distinguishable and nothing is recommended.
const std::vector<std::string> kArchs = {"b0", "b1", "b2", "b3", "b4"};
const std::map<std::string, double> kTarget = {{"b0", .90}, {"b1", .88}, {"b2", .82}, {"b3", .74}, {"b4", .72}};
const std::map<std::string, std::vector<double>> kMedian = {
    {"linear/4", {.70, .66, .60, .55, .50}}, {"cosine/4", {.68, .64, .56, .58, .50}},
    {"const/4", {.40, .42, .44, .46, .48}},  {"linear/1", {.50, .45, .45, .40, .35}},
    {"cosine/1", {.44, .46, .40, .34, .36}}, {"const/1", {.30, .32, .34, .36, .38}}};

/// Table 8 of one cell, the mean of median / target written out.
double normalised_mean(const std::string& cell) {
  double sum = 0;
  for (std::size_t i = 0; i < kArchs.size(); ++i) sum += kMedian.at(cell)[i] / kTarget.at(kArchs[i]);
  return sum / static_cast<double>(kArchs.size());
}

/// Six ResNet-18s for 1x28x28 images that differ in stem width: real specs, since the report counts
/// their parameters.
std::string pool_json() {
  json archs = json::array();
  int i = 0;
  for (int stem : {16, 24, 32, 40, 48, 56}) {
    nasrank::nas::Spec s = nasrank::nas::resnet18_spec(1, 28, 10);
    s.stem_channels = stem;
    s.blocks[0].convs = {stem, stem};
    s.blocks[1].convs = {stem, stem};
    nasrank::nas::validate(s);
    std::string id = "b";  // appended, not "b" + ...: GCC 12 warns falsely (-Wrestrict) on that
    id += std::to_string(i++);
    archs.push_back({{"id", id}, {"spec", nasrank::nas::to_json(s)}});
  }
  return json{{"format", "nasrank-pool"}, {"architectures", archs}}.dump(2);
}

StudySettings study_settings() {
  StudySettings s;
  s.dataset.name = "synthetic";
  s.recipe.full_epochs = 20;
  s.schedules = {"const", "cosine", "linear"};
  s.budgets = {"1ep", "4ep"};
  s.seeds = 2;
  s.reference_seed_start = 0;  // the hand-worked references are seeds 0 and 1, as the proxies'
  return normalized(s);
}

/// The run the comment above gives a job.
nasrank::trainer::RunRecord record_for(const JobKey& k) {
  double acc = 0, progress = 0, seconds = 0;
  std::string status = "ok";
  const double jitter = k.seed == 0 ? -0.01 : 0.01;
  if (k.reference) {
    static const std::map<std::string, std::pair<double, double>> ref = {{"b0", {.92, .88}}, {"b1", {.86, .90}},
                                                                         {"b2", {.83, .81}}, {"b3", {.76, .72}},
                                                                         {"b4", {.70, .74}}, {"b5", {.10, .95}}};
    acc = k.seed == 0 ? ref.at(k.arch).first : ref.at(k.arch).second;
    if (k.arch == "b5" && k.seed == 0) status = "diverged";
    progress = 0.9;
    seconds = 100;
  } else {
    const bool small = k.budget_epochs == 1;
    const auto i = std::find(kArchs.begin(), kArchs.end(), k.arch) - kArchs.begin();
    const std::string cell = k.schedule + (small ? "/1" : "/4");
    acc = i < static_cast<long>(kArchs.size()) ? kMedian.at(cell)[i] + jitter : .99;
    if (k.schedule == "linear") progress = small ? 0.5 : 1.0;
    else if (k.schedule == "cosine") progress = small ? 0.1 : (k.seed == 0 ? 0.8 : 0.6);
    else progress = small ? 0.9 : 0.3;
    seconds = small ? 5 : 20;
  }
  nasrank::trainer::RunRecord r = sweep_test::fake_record(k.arch, acc, 1);
  r.schedule = k.schedule;
  r.budget = k.budget;
  r.budget_epochs = k.budget_epochs;
  r.full_epochs = 20;
  r.seed = k.seed;
  r.status = status;
  r.best_progress = progress;
  r.best_step = static_cast<std::int64_t>(progress * 10);
  r.seconds = seconds;
  return r;
}

/// Plans the study into `db` and finishes the jobs `done` accepts (every job when it is empty).
void make_store(const fs::path& db, const std::function<bool(const JobKey&)>& done = nullptr,
                const StudySettings& settings = study_settings()) {
  Store store = Store::open(db, Store::Mode::create);
  store.apply_plan(settings, pool_from_text(pool_json(), "pool.json"), false);
  const WorkerIdentity me = WorkerIdentity::current();
  std::vector<ClaimedJob> left;
  while (auto job = store.claim(me, ClaimOptions{}, unix_time())) {
    if (done && !done(job->key)) {
      left.push_back(*job);
      continue;
    }
    ASSERT_TRUE(store.finish(*job, record_for(job->key), "hand", unix_time()));
  }
  for (const auto& j : left) store.release(j);
}

/// The row of a table's data form (records()) at a schedule and budget.
json find_row(const json& table, const std::string& schedule, double epochs) {
  for (const auto& r : nasrank::test_support::records(table))
    if (r["schedule"] == schedule && r["budget_epochs"].get<double>() == epochs) return r;
  ADD_FAILURE() << "no row for " << schedule << " at " << epochs << " epochs in " << table.dump();
  return json();
}

double tau_of(const json& tables, const std::string& schedule, double epochs) {
  return find_row(tables["table6"], schedule, epochs)["tau"].get<double>();
}

/// The figures of the comment above, in a study document (`rank --format json`, or report.json's
/// "study") and its tables (the "tables" beside it).
void expect_hand_worked(const json& s, const json& tables) {
  using nasrank::test_support::records;
  EXPECT_EQ(s["tau_variant"], "kendall_tau_b");
  EXPECT_EQ(s["architectures"]["seen"], 6);
  EXPECT_EQ(s["architectures"]["used"], 5);
  const json excluded = records(tables["excluded"]);
  ASSERT_EQ(excluded.size(), 1u);
  EXPECT_EQ(excluded[0]["arch"], "b5");
  EXPECT_THAT(excluded[0]["reason"].get<std::string>(), HasSubstr("diverged"));

  EXPECT_NEAR(tau_of(tables, "linear", 4), 1.0, 1e-12);
  EXPECT_NEAR(tau_of(tables, "cosine", 4), 0.8, 1e-12);
  EXPECT_NEAR(tau_of(tables, "const", 4), -1.0, 1e-12);
  EXPECT_NEAR(tau_of(tables, "linear", 1), 9 / std::sqrt(90.0), 1e-12);
  EXPECT_NEAR(tau_of(tables, "cosine", 1), 0.6, 1e-12);
  EXPECT_NEAR(tau_of(tables, "const", 1), -1.0, 1e-12);
  EXPECT_EQ(tables["table6"]["rows"].size(), 6u);
  EXPECT_EQ(tables["table6_statistics"]["rows"].size(), 6u);
  for (const auto& r : records(tables["table6_statistics"])) EXPECT_EQ(r["n"], 5) << r.dump();
  ASSERT_EQ(s["budgets"].size(), 2u);
  EXPECT_EQ(s["budgets"][0]["label"], "1 (5%)");
  EXPECT_EQ(s["budgets"][1]["label"], "4 (20%)");

  const std::map<std::string, double> table7 = {{"linear/4", .602}, {"cosine/4", .592}, {"const/4", .44},
                                                {"linear/1", .43},  {"cosine/1", .40},  {"const/1", .34}};
  for (const auto& [cell, mean] : table7) {
    const std::string schedule = cell.substr(0, cell.find('/'));
    const double epochs = std::stod(cell.substr(cell.find('/') + 1));
    EXPECT_NEAR(find_row(tables["table7"], schedule, epochs)["mean_best_val_acc"].get<double>(), mean, 1e-12) << cell;
    EXPECT_NEAR(find_row(tables["table8"], schedule, epochs)["mean_normalised_acc"].get<double>(),
                normalised_mean(cell), 1e-12)
        << cell;
  }
  // One Table 8 cell by hand, so that normalised_mean itself is checked: linear at 4 epochs.
  EXPECT_NEAR(normalised_mean("linear/4"), (.70 / .90 + .66 / .88 + .60 / .82 + .55 / .74 + .50 / .72) / 5, 1e-15);

  const std::map<std::string, std::pair<double, double>> table5 = {
      {"linear", {1.0, 0.0}}, {"cosine", {0.7, std::sqrt(10 * 0.01 / 9)}}, {"const", {0.3, 0.0}}};
  const json rows5 = records(tables["table5"]);
  ASSERT_EQ(rows5.size(), 3u);
  for (const auto& r : rows5) {
    const auto& [mean, sd] = table5.at(r["schedule"].get<std::string>());
    EXPECT_EQ(r["runs"], 10) << r.dump();
    EXPECT_NEAR(r["best_progress_mean"].get<double>(), mean, 1e-12) << r.dump();
    EXPECT_NEAR(r["best_progress_std"].get<double>(), sd, 1e-12) << r.dump();
  }

  const json ceiling = records(tables["noise_ceiling"]).at(0);
  EXPECT_NEAR(ceiling["tau"].get<double>(), 0.6, 1e-12);
  EXPECT_EQ(ceiling["seed_pairs"], 1);
  EXPECT_EQ(ceiling["n"], 5);

  const json& rec = s["recommendation"];
  ASSERT_TRUE(rec["found"].get<bool>()) << rec.dump();
  const json per_budget = records(tables["recommendation"]);
  ASSERT_EQ(per_budget.size(), 2u);
  EXPECT_EQ(per_budget[0]["best"], "linear");
  EXPECT_EQ(per_budget[0]["runner_up"], "cosine");
  EXPECT_NEAR(per_budget[0]["margin"].get<double>(), 9 / std::sqrt(90.0) - 0.6, 1e-12);
  EXPECT_EQ(per_budget[1]["best"], "linear");
  EXPECT_NEAR(per_budget[1]["margin"].get<double>(), 0.2, 1e-12);
  EXPECT_EQ(rec["best"]["budget"]["epochs"], 4.0);
  EXPECT_TRUE(rec["distinguishable"].get<bool>());
  EXPECT_EQ(rec["recommended"]["best"], "linear");
  EXPECT_EQ(rec["recommended"]["budget"]["epochs"], 1.0);
  EXPECT_DOUBLE_EQ(rec["seconds_per_arch"].get<double>(), 10.0);
  EXPECT_DOUBLE_EQ(rec["reference_seconds_per_arch"].get<double>(), 100.0);
  const json against = records(tables["against_best"]);
  ASSERT_EQ(against.size(), 5u);
  for (const auto& c : against) EXPECT_EQ(c["worse"].get<bool>(), c["schedule"] == "const") << c.dump();
}

/// Exit 1 and one line "nasrank: error: ..." holding every one of `needles`, nothing on stdout.
void expect_one_line_error(const CliResult& r, const std::vector<std::string>& needles) {
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_EQ(r.err.rfind("nasrank: error: ", 0), 0u) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  for (const auto& n : needles) EXPECT_THAT(r.err, HasSubstr(n));
  EXPECT_EQ(r.out, "");
}

/// Every src= and href= value and every CSS url() in `html` that is neither a data: URI nor a
/// link within the page: what a browser would fetch from elsewhere.
std::vector<std::string> outside_references(const std::string& html) {
  std::vector<std::string> found;
  static const std::regex attr(R"re(\b(?:src|href|xlink:href)\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+)))re",
                               std::regex::icase);
  static const std::regex css(R"re(url\(\s*['"]?([^'")]*))re", std::regex::icase);
  auto inside = [](const std::string& v) { return v.rfind("data:", 0) == 0 || v.rfind("#", 0) == 0; };
  for (auto it = std::sregex_iterator(html.begin(), html.end(), attr); it != std::sregex_iterator(); ++it) {
    const std::string v = (*it)[2].matched ? (*it)[2].str() : (*it)[3].matched ? (*it)[3].str() : (*it)[4].str();
    if (!inside(v)) found.push_back((*it)[0].str());
  }
  for (auto it = std::sregex_iterator(html.begin(), html.end(), css); it != std::sregex_iterator(); ++it)
    if (!inside((*it)[1].str())) found.push_back((*it)[0].str());
  for (const char* tag : {"<link", "@import", "<iframe", "<object", "<embed"})
    if (html.find(tag) != std::string::npos) found.push_back(tag);
  return found;
}

TEST(OutsideReferences, FindsLinksAndPicturesFromElsewhereAndAcceptsDataAndAnchors) {
  EXPECT_THAT(outside_references("<img src=\"data:image/svg+xml;base64,AA\"><a href=\"#t6\">x</a>"),
              ::testing::IsEmpty());
  EXPECT_EQ(outside_references("<img src='figures/a.svg'>").size(), 1u);
  EXPECT_EQ(outside_references("<script src=https://cdn.example/x.js></script>").size(), 1u);
  EXPECT_EQ(outside_references("<style>body{background:url(bg.png)}</style>").size(), 1u);
  EXPECT_EQ(outside_references("<link rel=stylesheet href=\"s.css\">").size(), 2u);
}

class RankReportCli : public ::testing::Test {
 protected:
  ScratchDir dir_{"nasrank-cli"};
  fs::path db_ = dir_ / "runs.db";
};

TEST_F(RankReportCli, RankJsonHoldsTheHandWorkedTables) {
  make_store(db_);
  const CliResult r = run_nasrank({"rank", "--db", db_.string(), "--format", "json", "--bootstrap", "200"});
  ASSERT_EQ(r.code, 0) << r.err;
  const json j = json::parse(r.out);
  EXPECT_EQ(j["format"], "nasrank-rank");
  EXPECT_EQ(j["version"], 2);
  expect_hand_worked(j, j["tables"]);
}

TEST_F(RankReportCli, ALevelNoTestCanReachRecommendsNothing) {
  make_store(db_);
  const CliResult r =
      run_nasrank({"rank", "--db", db_.string(), "--format", "json", "--bootstrap", "100", "--significance", "0.001"});
  ASSERT_EQ(r.code, 0) << r.err;
  const json rec = json::parse(r.out)["recommendation"];
  EXPECT_EQ(rec["best"]["budget"]["epochs"], 4.0);
  EXPECT_FALSE(rec["distinguishable"].get<bool>());
  EXPECT_FALSE(rec.contains("recommended"));
  EXPECT_THAT(rec["text"].get<std::string>(), HasSubstr("Nothing is distinguishable"));
  EXPECT_DOUBLE_EQ(rec["significance"].get<double>(), 0.001);
}

// --vote chooses the ensemble's members: on the committed study (zero-cost scores, no training
// curves) a vote of the budgeted accuracy and grasp is one row per cell, named by its members; an
// unknown member or a vote of one is a usage error.
TEST(VoteOption, ChoosesTheEnsemblesMembers) {
  const std::string db = (fs::path(NASRANK_SOURCE_DIR) / "docs" / "results" / "cpu-fashion-mnist" / "runs.db").string();
  const CliResult r = run_nasrank(
      {"--quiet", "rank", "--db", db, "--format", "json", "--bootstrap", "20", "--vote", "val_acc_best,grasp"});
  ASSERT_EQ(r.code, 0) << r.err;
  std::size_t votes = 0;
  const json tables = json::parse(r.out)["tables"];
  for (const auto& p : nasrank::test_support::records(tables["predictors"]))
    if (p["proxy"] == "vote") {
      ++votes;
      EXPECT_EQ(p["members"], "val_acc_best+grasp");
    }
  EXPECT_EQ(votes, 16u);
  for (const std::vector<std::string>& bad :
       {std::vector<std::string>{"--vote", "val_acc_best,grsap"}, std::vector<std::string>{"--vote", "tse"}}) {
    std::vector<std::string> args = {"rank", "--db", db};
    args.insert(args.end(), bad.begin(), bad.end());
    const CliResult e = run_nasrank(args);
    EXPECT_EQ(e.code, 2) << e.err;
    EXPECT_THAT(e.err, HasSubstr("--vote"));
  }
}

TEST_F(RankReportCli, SpearmanVariantIsUsedAndNamedEverywhere) {
  make_store(db_);
  CliResult r =
      run_nasrank({"rank", "--db", db_.string(), "--format", "json", "--bootstrap", "50", "--tau", "spearman"});
  ASSERT_EQ(r.code, 0) << r.err;
  const json s = json::parse(r.out);
  EXPECT_EQ(s["tau_variant"], "spearman");
  EXPECT_NEAR(tau_of(s["tables"], "linear", 4), 1.0, 1e-12);
  EXPECT_NEAR(tau_of(s["tables"], "cosine", 4), 0.9, 1e-12);
  EXPECT_NEAR(tau_of(s["tables"], "cosine", 1), 0.8, 1e-12);
  EXPECT_NEAR(tau_of(s["tables"], "const", 4), -1.0, 1e-12);
  // Two swaps, as cosine at 1 epoch.
  EXPECT_NEAR(nasrank::test_support::records(s["tables"]["noise_ceiling"]).at(0)["tau"].get<double>(), 0.8, 1e-12);

  r = run_nasrank({"rank", "--db", db_.string(), "--bootstrap", "50", "--tau", "spearman"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("## Table 6: rank correlation (`spearman`)"));
  EXPECT_THAT(r.out, HasSubstr("Correlations use `spearman`"));
  EXPECT_EQ(r.out.find("kendall_tau_b"), std::string::npos);
}

TEST_F(RankReportCli, RankMarkdownAndCsvCarryTheSameNumbers) {
  make_store(db_);
  CliResult r = run_nasrank({"rank", "--db", db_.string(), "--bootstrap", "50"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("## Table 6: rank correlation (`kendall_tau_b`)"));
  EXPECT_THAT(r.out, HasSubstr("| Epoch (Budget) | 1 (5%) | 4 (20%) |"));
  EXPECT_THAT(r.out, HasSubstr("| linear | 0.9487"));
  EXPECT_THAT(r.out, HasSubstr("| cosine | 0.6000"));
  EXPECT_THAT(r.out, HasSubstr("| b5 |"));  // the excluded architecture is listed

  r = run_nasrank(
      {"rank", "--db", db_.string(), "--format", "csv", "--bootstrap", "50", "--out", (dir_ / "rank.csv").string()});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "");  // the tables went to --out
  const nasrank::CsvTable csv = nasrank::read_csv(dir_ / "rank.csv");
  EXPECT_EQ(csv.header, (std::vector<std::string>{"table", "proxy", "schedule", "budget_epochs", "budget_fraction",
                                                  "metric", "value", "lower", "upper", "n"}));
  std::map<std::string, double> values;  // "table/proxy/budget/metric" -> value
  std::set<std::string> keys;            // proxy, schedule, budget and metric: each number once
  for (const auto& row : csv.rows) {
    ASSERT_EQ(row.size(), csv.header.size());
    EXPECT_TRUE(keys.insert(row[1] + "/" + row[2] + "/" + row[3] + "/" + row[4] + "/" + row[5]).second)
        << row[0] << " repeats " << row[1] << " " << row[5];
    if (!row[6].empty()) values[row[0] + "/" + row[1] + "/" + row[3] + "/" + row[5]] = std::stod(row[6]);
    // An interval's bounds are on its value's row, never metrics of their own.
    EXPECT_THAT(row[5], testing::Not(testing::EndsWith("_lower"))) << row[0];
  }
  EXPECT_NEAR(values.at("table6_statistics/cosine/4/tau"), 0.8, 1e-9);
  EXPECT_NEAR(values.at("table6_statistics/linear/1/tau"), 9 / std::sqrt(90.0), 1e-9);
  EXPECT_NEAR(values.at("table6_statistics/cosine/4/spearman"), 0.9, 1e-9);
  EXPECT_NEAR(values.at("table7/const/4/mean_best_val_acc"), .44, 1e-9);
  EXPECT_NEAR(values.at("table8/cosine/1/mean_normalised_acc"), normalised_mean("cosine/1"), 1e-9);
  EXPECT_NEAR(values.at("table5/cosine//best_progress_mean"), 0.7, 1e-9);
  EXPECT_NEAR(values.at("noise_ceiling/seed_vs_seed//tau"), 0.6, 1e-9);
}

TEST_F(RankReportCli, ReportHoldsTheHandWorkedNumbersInEveryFile) {
  make_store(db_);
  const fs::path out = dir_ / "report";
  const CliResult r = run_nasrank({"report", "--db", db_.string(), "--out", out.string(), "--bootstrap", "200"});
  ASSERT_EQ(r.code, 0) << r.err;
  for (const char* f : {"report.md", "report.html", "report.json"}) EXPECT_TRUE(fs::is_regular_file(out / f)) << f;

  const json j = json::parse(read_bytes(out / "report.json"));
  EXPECT_EQ(j["version"], 2);
  expect_hand_worked(j["study"], j["tables"]);
  EXPECT_FALSE(j.contains("zero_cost")) << "each table once: under tables";
  EXPECT_FALSE(j["study"].contains("table6")) << "each table once: under tables";
  EXPECT_EQ(j["progress"]["total"], 84);  // 6 x 3 x 2 x 2 grid runs + 6 x 2 references
  EXPECT_EQ(j["progress"]["done"], 84);
  EXPECT_TRUE(j["progress"]["finished"].get<bool>());
  EXPECT_EQ(j["settings"]["schedules"], (json{"const", "cosine", "linear"}));
  EXPECT_EQ(j["settings"]["full_epochs"], 20.0);

  // Each table of the document is a CSV file that parses with the header the JSON gives it.
  ASSERT_FALSE(j["tables"].empty());
  std::set<std::string> ids;
  for (const auto& [id, table] : j["tables"].items()) {
    ids.insert(id);
    const fs::path file = out / "tables" / (id + ".csv");
    ASSERT_TRUE(fs::is_regular_file(file)) << file;
    EXPECT_NO_THROW(nasrank::read_csv(file)) << file;
  }
  for (const char* id : {"table5", "table6", "table7", "table8"}) EXPECT_TRUE(ids.count(id)) << id;
  std::set<std::string> files;
  for (const auto& e : fs::directory_iterator(out / "tables")) files.insert(e.path().stem().string());
  ids.insert("long");  // every statistic in one long table: the study's own JSON holds the same
  EXPECT_EQ(files, ids);

  const std::string md = read_bytes(out / "report.md");
  EXPECT_THAT(md, HasSubstr("kendall_tau_b"));
  EXPECT_THAT(md, HasSubstr("0.9487"));  // linear at 1 epoch
  EXPECT_THAT(md, HasSubstr("b5"));
  EXPECT_THAT(md, HasSubstr("The sweep is complete: all 84 jobs are done."));

  // The page stands alone: pictures inline, nothing fetched from anywhere else.
  const std::string html = read_bytes(out / "report.html");
  EXPECT_THAT(outside_references(html), ::testing::IsEmpty());
  EXPECT_THAT(html, HasSubstr("0.9487"));

  if (std::system("command -v gnuplot >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "gnuplot is not installed (Debian: gnuplot-nox): the figures were not drawn";
  std::size_t svgs = 0;
  for (const auto& e : fs::directory_iterator(out / "figures")) {
    if (e.path().extension() != ".svg") continue;
    ++svgs;
    const std::string svg = read_bytes(e.path());
    EXPECT_EQ(xml_problem(svg), "") << e.path();
    EXPECT_GE(plot_groups(svg), 1) << e.path();
  }
  EXPECT_GE(svgs, 1u + 1u + 1u);  // the schedules, tau against budget, the scatter grid
  EXPECT_EQ(svgs, j["figures"].size());
  // ... and each is drawn inside the page itself.
  std::size_t inline_svgs = 0;
  for (auto at = html.find("<svg"); at != std::string::npos; at = html.find("<svg", at + 1)) ++inline_svgs;
  EXPECT_EQ(inline_svgs, svgs);
}

TEST_F(RankReportCli, SecondReportReplacesTheFirstAndForeignDirectoriesAreLeftAlone) {
  make_store(db_);
  const fs::path out = dir_ / "report";
  CliResult r = run_nasrank(
      {"report", "--db", db_.string(), "--out", out.string(), "--bootstrap", "50", "--no-figures", "--title", "first"});
  ASSERT_EQ(r.code, 0) << r.err;
  sweep_test::write_bytes(out / "scribble.txt", "left by the first report's reader");
  r = run_nasrank({"report", "--db", db_.string(), "--out", out.string(), "--bootstrap", "50", "--no-figures",
                   "--title", "second"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(json::parse(read_bytes(out / "report.json"))["title"], "second");
  EXPECT_FALSE(fs::exists(out / "scribble.txt")) << "the directory is replaced as a whole";
  for (const auto& e : fs::directory_iterator(dir_.path()))  // no temporary directory left beside it
    EXPECT_EQ(e.path().filename().string().rfind(".report", 0), std::string::npos) << e.path();

  // A directory of someone else's files: refused, untouched.
  const fs::path mine = dir_ / "mine";
  fs::create_directories(mine);
  sweep_test::write_bytes(mine / "notes.txt", "keep me");
  r = run_nasrank({"report", "--db", db_.string(), "--out", mine.string(), "--no-figures"});
  expect_one_line_error(r, {"will not replace", mine.string()});
  EXPECT_EQ(read_bytes(mine / "notes.txt"), "keep me");
  EXPECT_EQ(std::distance(fs::directory_iterator(mine), fs::directory_iterator()), 1);

  // A file where the directory should go: refused, untouched.
  sweep_test::write_bytes(dir_ / "taken", "a file");
  r = run_nasrank({"report", "--db", db_.string(), "--out", (dir_ / "taken").string(), "--no-figures"});
  expect_one_line_error(r, {"not a directory"});
  EXPECT_EQ(read_bytes(dir_ / "taken"), "a file");
}

TEST_F(RankReportCli, EmptyStoreIsAOneLineErrorAndWritesNothing) {
  make_store(db_, [](const JobKey&) { return false; });  // planned, nothing finished
  CliResult r = run_nasrank({"rank", "--db", db_.string(), "--out", (dir_ / "rank.md").string()});
  expect_one_line_error(r, {"no finished runs", db_.string()});
  EXPECT_FALSE(fs::exists(dir_ / "rank.md"));
  r = run_nasrank({"report", "--db", db_.string(), "--out", (dir_ / "report").string()});
  expect_one_line_error(r, {"no run has finished", "0 of 84 jobs done"});
  EXPECT_FALSE(fs::exists(dir_ / "report"));
}

TEST_F(RankReportCli, ReferenceOnlyStoreIsAOneLineErrorAndWritesNothing) {
  make_store(db_, [](const JobKey& k) { return k.reference; });
  CliResult r = run_nasrank({"rank", "--db", db_.string(), "--format", "json", "--out", (dir_ / "r.json").string()});
  expect_one_line_error(r, {"only reference (full-budget) runs", "no small-budget result"});
  EXPECT_FALSE(fs::exists(dir_ / "r.json"));
  r = run_nasrank({"report", "--db", db_.string(), "--out", (dir_ / "report").string()});
  expect_one_line_error(r, {"only reference (full-budget) runs have finished", "12 runs of 6 architectures"});
  EXPECT_FALSE(fs::exists(dir_ / "report"));
}

TEST_F(RankReportCli, StoreWithoutAUsableReferenceRunSaysWhatIsMissing) {
  // Every small-budget run done; of the references only b5's, one of which diverged.
  make_store(db_, [](const JobKey& k) { return !k.reference || k.arch == "b5"; });
  // rank prints its (empty) tables and the exclusions, and says on stderr why they are empty.
  CliResult r = run_nasrank({"rank", "--db", db_.string(), "--format", "json", "--bootstrap", "20"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("no architecture with a usable reference (full-budget) run"));
  EXPECT_THAT(r.err, HasSubstr("without a finished reference run: 5;"));
  EXPECT_THAT(r.err, HasSubstr("gave no accuracy: 1;"));
  const json s = json::parse(r.out);
  EXPECT_EQ(s["architectures"]["used"], 0);
  EXPECT_EQ(nasrank::test_support::records(s["tables"]["excluded"]).size(), 6u);
  EXPECT_FALSE(s["recommendation"]["found"].get<bool>());
  // The report still shows the progress, and says why its tables are empty.
  r = run_nasrank({"report", "--db", db_.string(), "--out", (dir_ / "report").string(), "--no-figures"});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string md = read_bytes(dir_ / "report" / "report.md");
  EXPECT_THAT(md, HasSubstr("No architecture has a usable reference (full-budget) run yet"));
  EXPECT_THAT(md, HasSubstr("The sweep is unfinished: 74 of 84 jobs are done"));
}

TEST_F(RankReportCli, StorePlannedWithoutReferenceRunsIsAOneLineError) {
  StudySettings settings = study_settings();
  settings.reference_runs = false;
  make_store(db_, nullptr, settings);
  CliResult r = run_nasrank({"rank", "--db", db_.string()});
  expect_one_line_error(r, {"planned without reference (full-budget) runs", "--no-reference-runs"});
  r = run_nasrank({"report", "--db", db_.string(), "--out", (dir_ / "report").string()});
  expect_one_line_error(r, {"planned without reference (full-budget) runs"});
  EXPECT_FALSE(fs::exists(dir_ / "report"));
}

TEST_F(RankReportCli, MissingStoreOrTextFileIsAOneLineError) {
  const fs::path missing = dir_ / "nothing.db";
  for (const std::string cmd : {"rank", "report"}) {
    std::vector<std::string> args = {cmd, "--db", missing.string()};
    if (cmd == "report") args.insert(args.end(), {"--out", (dir_ / "r").string()});
    expect_one_line_error(run_nasrank(args), {"no sweep store at", missing.string()});
    EXPECT_FALSE(fs::exists(missing)) << "reading must not create the store";
  }
  const fs::path text = dir_ / "notes.db";
  sweep_test::write_bytes(text, "arch,acc\nb0,0.9\n");
  for (const std::string cmd : {"rank", "report"}) {
    std::vector<std::string> args = {cmd, "--db", text.string()};
    if (cmd == "report") args.insert(args.end(), {"--out", (dir_ / "r").string()});
    const CliResult r = run_nasrank(args);
    expect_one_line_error(r, {text.string()});
    EXPECT_EQ(read_bytes(text), "arch,acc\nb0,0.9\n");
  }
  EXPECT_FALSE(fs::exists(dir_ / "r"));
  expect_one_line_error(run_nasrank({"rank", "--db", dir_.string()}), {dir_.string(), "not a sweep store"});
}

// A value no option takes is a usage error (exit 2) naming the values it takes, before any store
// is read or any output written.
TEST_F(RankReportCli, UnknownStatisticOrDeviceIsAUsageError) {
  CliResult r = run_nasrank({"rank", "--db", db_.string(), "--tau", "kendal"});
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_THAT(r.err, HasSubstr("--tau 'kendal' is not one of: kendall_tau_b"));
  r = run_nasrank({"report", "--db", db_.string(), "--out", (dir_ / "r").string(), "--tau", "x"});
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_FALSE(fs::exists(dir_ / "r"));
  for (const auto& args :
       std::vector<std::vector<std::string>>{{"train", "--base", "resnet18", "--device", "gpu"},
                                             {"study", "--out", (dir_ / "s").string(), "--device", "gpu"},
                                             {"sweep", "run", "--db", db_.string(), "--device", "gpu"}}) {
    r = run_nasrank(args);
    EXPECT_EQ(r.code, 2) << args[0] << ": " << r.err;
    EXPECT_THAT(r.err, HasSubstr("--device 'gpu' is not one of: cpu, cuda, auto")) << args[0];
  }
  EXPECT_FALSE(fs::exists(dir_ / "s"));
}

TEST_F(RankReportCli, UnfinishedStoreIsReportedWithWhatIsMissing) {
  // All but cosine at 4 epochs, seed 1 (6 jobs), and the references of b4 (2 jobs).
  make_store(db_, [](const JobKey& k) {
    return !(k.schedule == "cosine" && k.budget_epochs == 4 && k.seed == 1) && !(k.reference && k.arch == "b4");
  });
  const fs::path out = dir_ / "report";
  const CliResult r =
      run_nasrank({"report", "--db", db_.string(), "--out", out.string(), "--bootstrap", "50", "--no-figures"});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string md = read_bytes(out / "report.md");
  EXPECT_THAT(md, HasSubstr("The sweep is unfinished: 76 of 84 jobs are done"));
  EXPECT_THAT(md, HasSubstr("8 pending"));
  const json j = json::parse(read_bytes(out / "report.json"));
  EXPECT_FALSE(j["progress"]["finished"].get<bool>());
  std::map<std::string, int> pending;  // "schedule/budget" -> jobs
  for (const auto& m : j["progress"]["missing"])
    pending[m["schedule"].get<std::string>() + "/" + m["budget"].get<std::string>()] = m["pending"];
  EXPECT_EQ(pending, (std::map<std::string, int>{{"cosine/4ep", 6}, {"linear/full", 2}}));
  // b4 has no reference run yet: left out, counted, and the tables use the four others.
  EXPECT_EQ(j["study"]["architectures"]["used"], 4);
  EXPECT_NEAR(tau_of(j["tables"], "linear", 4), 1.0, 1e-12);
  EXPECT_EQ(find_row(j["tables"]["table6_statistics"], "cosine", 4)["n"], 4);
}

// The committed study (docs/results/cpu-fashion-mnist) as `rank` prints it in every format and as
// `report` writes it, byte for byte against tests/golden/cpu-fashion-mnist (its README says how
// they were made): a moved column, a changed label or one digit more shows here.
const fs::path kGolden = fs::path(NASRANK_SOURCE_DIR) / "tests" / "golden" / "cpu-fashion-mnist";

/// A golden file with the version this build reports in place of its @VERSION@.
std::string golden(const fs::path& file) {
  std::string text = read_bytes(kGolden / file);
  const std::string mark = "@VERSION@";
  for (auto at = text.find(mark); at != std::string::npos; at = text.find(mark, at))
    text.replace(at, mark.size(), NASRANK_VERSION);
  return text;
}

/// "" when `actual` is `expected`, or where they first part: the line number and both lines.
std::string first_difference(const std::string& expected, const std::string& actual) {
  if (expected == actual) return "";
  std::size_t line = 1, start = 0, i = 0;
  while (i < expected.size() && i < actual.size() && expected[i] == actual[i])
    if (expected[i++] == '\n') ++line, start = i;
  auto line_at = [&](const std::string& s) { return s.substr(start, s.find('\n', start) - start); };
  return "line " + std::to_string(line) + "\n  golden: " + line_at(expected) + "\n  actual: " + line_at(actual) +
         "\n  (" + std::to_string(expected.size()) + " bytes golden, " + std::to_string(actual.size()) + " actual)";
}

class CommittedStudy : public ::testing::Test {
 protected:
  void SetUp() override {
    // A copy, so that nothing a reader of the store might leave beside it lands in the source tree.
    fs::copy_file(fs::path(NASRANK_SOURCE_DIR) / "docs" / "results" / "cpu-fashion-mnist" / "runs.db", db_);
  }
  ScratchDir dir_{"nasrank-golden"};
  fs::path db_ = dir_ / "runs.db";
};

TEST_F(CommittedStudy, RankPrintsTheGoldenTablesInEveryFormat) {
  for (const std::string format : {"markdown", "csv", "json"}) {
    const fs::path out = dir_ / ("rank." + format);
    const CliResult r =
        run_nasrank({"--quiet", "rank", "--db", db_.string(), "--format", format, "--out", out.string()});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(first_difference(golden("rank." + format), read_bytes(out)), "") << "rank --format " << format;
  }
}

TEST_F(CommittedStudy, ReportWritesTheGoldenFiles) {
  const fs::path out = dir_ / "report";
  const CliResult r = run_nasrank({"--quiet", "report", "--db", db_.string(), "--out", out.string(), "--no-figures"});
  ASSERT_EQ(r.code, 0) << r.err;
  std::vector<fs::path> files = {"report.md", "report.html", "report.json"};
  std::set<std::string> golden_tables, tables;
  for (const auto& e : fs::directory_iterator(kGolden / "report" / "tables"))
    golden_tables.insert(e.path().filename().string());
  for (const auto& e : fs::directory_iterator(out / "tables")) tables.insert(e.path().filename().string());
  EXPECT_EQ(tables, golden_tables);
  for (const auto& t : golden_tables) files.push_back(fs::path("tables") / t);
  for (const auto& f : files) EXPECT_EQ(first_difference(golden("report" / f), read_bytes(out / f)), "") << f;
}

}  // namespace
