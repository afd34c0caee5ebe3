// `nasrank proxies` run as a user runs it: CSV and JSON outputs, a chosen arch and seed, and the
// errors for unknown scores, output formats, pools and architectures.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "cli_run.h"
#include "nasrank/core/csv.h"
#include "nasrank/nas/spec.h"
#include "nasrank/trainer/proxies.h"

namespace nasrank::trainer {
namespace {

using test_support::CliResult;
using test_support::ScratchDir;

CliResult run_cli(const std::string& args) { return test_support::run_nasrank_text("proxies " + args); }

/// A pool of two architectures shaped for the synthetic data (1 x 28 x 28, 10 classes).
std::string write_pool(const ScratchDir& s) {
  nas::Spec small = nas::resnet18_spec(1, 28, 10);
  small.blocks.pop_back();
  nlohmann::json archs = nlohmann::json::array();
  archs.push_back({{"id", "a000"}, {"spec", nas::to_json(nas::resnet18_spec(1, 28, 10))}});
  archs.push_back({{"id", "a001"}, {"spec", nas::to_json(small)}});
  const nlohmann::json pool = {{"format", "nasrank-pool"}, {"version", 1}, {"architectures", archs}};
  const auto path = s / "pool.json";
  std::ofstream(path) << pool.dump(2);
  return path.string();
}

const std::string kCommon = " --dataset synthetic --val-size 100 --width 0.0625 --batch 8 --threads 1";

TEST(ProxiesCli, CsvHasOneRowPerArchitectureAndScoreAndSecondsColumns) {
  ScratchDir s("nasrank-proxies");
  const std::string pool = write_pool(s);
  const auto out = s / "scores.csv";
  const CliResult r = run_cli("--pool " + pool + kCommon + " --format csv --out " + out.string());
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err.find("nasrank: warning"), std::string::npos) << r.err;
  const CsvTable t = read_csv(out);
  std::vector<std::string> header{"arch"};
  for (const auto& n : proxy_names()) header.push_back(n);
  for (const auto& n : proxy_names()) header.push_back(n + "_seconds");
  header.push_back("setup_seconds");
  EXPECT_EQ(t.header, header);
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0][0], "a000");
  EXPECT_EQ(t.rows[1][0], "a001");
  for (const auto& row : t.rows)
    for (std::size_t c = 1; c < row.size(); ++c) EXPECT_TRUE(std::isfinite(std::stod(row[c]))) << header[c];
  // The removed block's parameters are gone from a001.
  EXPECT_GT(std::stod(t.rows[0][t.column("params")]), std::stod(t.rows[1][t.column("params")]));
  EXPECT_NE(r.err.find("ETA"), std::string::npos) << "progress goes to stderr";
}

TEST(ProxiesCli, JsonNamesTheSettingsAndEveryScore) {
  ScratchDir s("nasrank-proxies");
  const std::string pool = write_pool(s);
  const auto out = s / "scores.json";
  const CliResult r = run_cli("--pool " + pool + kCommon +
                              " --scores naswot,params --arch a001 --seed 3 --format json --out " + out.string());
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(test_support::read_bytes(out));
  EXPECT_EQ(j["format"], "nasrank-proxies");
  EXPECT_EQ(j["version"], 1);
  EXPECT_EQ(j["dataset"], "synthetic");
  EXPECT_EQ(j["synthetic"], true);
  EXPECT_EQ(j["batch"], 8);
  EXPECT_EQ(j["seed"], 3);
  EXPECT_EQ(j["width"], 0.0625);
  EXPECT_EQ(j["device"], "cpu");
  EXPECT_EQ(j["scores"], (nlohmann::json{"naswot", "params"}));
  ASSERT_EQ(j["architectures"].size(), 1u);
  const auto& a = j["architectures"][0];
  EXPECT_EQ(a["arch"], "a001");
  EXPECT_TRUE(a["scores"]["naswot"].is_number());
  EXPECT_TRUE(a["seconds"]["params"].is_number());
  EXPECT_TRUE(a["setup_seconds"].is_number());
  EXPECT_EQ(a["scores"].size(), 2u);
}

TEST(ProxiesCli, TheExtensionOfOutStillPicksTheFormatForOneReleaseWithAWarning) {
  ScratchDir s("nasrank-proxies");
  const auto out = s / "scores.json";
  const CliResult r = run_cli("--pool " + write_pool(s) + kCommon + " --scores params --out " + out.string());
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("nasrank: warning: the format is no longer taken from --out's extension; add --format json"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(nlohmann::json::parse(test_support::read_bytes(out))["format"], "nasrank-proxies");
}

TEST(ProxiesCli, TableOnStdoutWithoutOut) {
  ScratchDir s("nasrank-proxies");
  const CliResult r = run_cli("--pool " + write_pool(s) + kCommon + " --scores synflow");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("arch", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("synflow_seconds"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("a001"), std::string::npos) << r.out;
}

TEST(ProxiesCli, ExitCodesAndOneLineErrors) {
  ScratchDir s("nasrank-proxies");
  const std::string pool = write_pool(s);
  CliResult r = run_cli("--pool " + pool + kCommon + " --scores synflow,zen");
  EXPECT_EQ(r.code, 2);
  std::string err = r.err;
  EXPECT_NE(err.find("nasrank: error:"), std::string::npos) << err;
  EXPECT_NE(err.find("zen"), std::string::npos) << err;
  EXPECT_NE(err.find("jacob_cov"), std::string::npos) << "the message lists the valid scores: " << err;
  r = run_cli("--pool " + pool + kCommon + " --format xml");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--format 'xml' is not one of: table, csv, json"), std::string::npos) << r.err;
  r = run_cli("--pool " + (s / "missing.json").string() + kCommon);
  EXPECT_EQ(r.code, 1);
  err = r.err;
  EXPECT_NE(err.find("missing.json"), std::string::npos) << err;
  r = run_cli("--pool " + pool + kCommon + " --arch a999");
  EXPECT_EQ(r.code, 1);
  r = run_cli(kCommon);
  EXPECT_EQ(r.code, 2);
  r = run_cli("--help");
  EXPECT_EQ(r.code, 0);
  for (const auto& name : proxy_names()) EXPECT_NE(r.out.find(name), std::string::npos) << name;
}

}  // namespace
}  // namespace nasrank::trainer
