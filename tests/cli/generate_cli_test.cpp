// `nasrank generate` and `nasrank describe` run as a user runs them: files, JSON shape, exit codes
// (0 ok, 1 bad input, 2 bad command line) and one-line `nasrank: error:` messages.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli_run.h"

namespace {

namespace fs = std::filesystem;
using nasrank::test_support::CliResult;
using nasrank::test_support::run_nasrank_text;
using nasrank::test_support::ScratchDir;
using nlohmann::json;

class GenerateCli : public ::testing::Test {
 protected:
  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  static std::string slurp(const fs::path& p) { return nasrank::test_support::read_bytes(p); }

  CliResult run(const std::string& args) { return run_nasrank_text(args); }

  void expect_error(const std::string& args, int code, const std::string& needle) {
    const CliResult r = run(args);
    EXPECT_EQ(r.code, code) << args << "\n" << r.err;
    EXPECT_EQ(r.err.rfind("nasrank: error: ", 0), 0u) << args << "\n" << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << "one line: " << r.err;
    EXPECT_NE(r.err.find(needle), std::string::npos) << args << "\n" << r.err;
  }

  ScratchDir dir_{"nasrank-generate"};
};

TEST_F(GenerateCli, ThePoolFitsTheDatasetEveryOtherCommandDefaultsTo) {
  // The README's first two commands, as written but for a smaller training set: a pool generated
  // without a shape trains on the default data.
  ASSERT_EQ(run("--quiet generate --count 20 --seed 1 --out " + path("pool.json")).code, 0);
  const json pool = json::parse(slurp(path("pool.json")));
  EXPECT_EQ(pool["input"], (json{{"channels", 1}, {"size", 28}}));
  EXPECT_EQ(pool["classes"], 10);
  const CliResult train = run("--quiet train --pool " + path("pool.json") +
                              " --arch a003 --schedule linear --budget 2ep --full-epochs 20 --width 0.125 "
                              "--train-size 256 --out " +
                              path("run.json"));
  ASSERT_EQ(train.code, 0) << train.err;
  EXPECT_EQ(json::parse(slurp(path("run.json")))["arch"], "a003");

  // Another dataset sets another shape; explicit values still win; an unknown name is a usage error.
  ASSERT_EQ(run("generate --count 2 --dataset cifar100 --out " + path("c.json")).code, 0);
  const json cifar = json::parse(slurp(path("c.json")));
  EXPECT_EQ(cifar["input"], (json{{"channels", 3}, {"size", 32}}));
  EXPECT_EQ(cifar["classes"], 100);
  ASSERT_EQ(run("generate --count 2 --dataset cifar10 --image-size 24 --out " + path("d.json")).code, 0);
  EXPECT_EQ(json::parse(slurp(path("d.json")))["input"], (json{{"channels", 3}, {"size", 24}}));
  expect_error("generate --count 2 --dataset imagenet --out " + path("e.json"), 2, "--dataset 'imagenet'");
}

TEST_F(GenerateCli, WritesThePoolAndIsByteIdenticalForTheSameSeed) {
  const std::string args = "generate --count 12 --seed 9 --in-channels 1 --image-size 28 --mutations 2..3 --out ";
  const CliResult a = run(args + path("a.json"));
  ASSERT_EQ(a.code, 0) << a.err;
  EXPECT_TRUE(a.out.empty()) << "the pool goes to --out, not stdout";
  ASSERT_EQ(run(args + path("b.json")).code, 0);
  ASSERT_EQ(
      run("generate --count 12 --seed 10 --in-channels 1 --image-size 28 --mutations 2..3 --out " + path("c.json"))
          .code,
      0);
  EXPECT_EQ(slurp(path("a.json")), slurp(path("b.json")));
  EXPECT_NE(slurp(path("a.json")), slurp(path("c.json")));

  const json j = json::parse(slurp(path("a.json")));
  EXPECT_EQ(j["format"], "nasrank-pool");
  EXPECT_EQ(j["seed"], 9);
  EXPECT_EQ(j["base"], "resnet18");
  EXPECT_EQ(j["input"], (json{{"channels", 1}, {"size", 28}}));
  EXPECT_EQ(j["classes"], 10);
  EXPECT_EQ(j["mutations"], (json{{"min", 2}, {"max", 3}}));
  EXPECT_TRUE(j["generator_version"].is_number_integer());
  ASSERT_EQ(j["architectures"].size(), 12u);
  EXPECT_EQ(j["architectures"][0]["id"], "a000");
  EXPECT_EQ(j["architectures"][11]["id"], "a011");
  for (const auto& a : j["architectures"]) {
    EXPECT_GE(a["mutations"].size(), 2u);
    EXPECT_LE(a["mutations"].size(), 3u);
    EXPECT_EQ(a["spec"]["format"], "nasrank-arch");
    EXPECT_EQ(a["spec"]["input"]["channels"], 1);
  }
}

TEST_F(GenerateCli, DescribeListsThePoolAsJsonAndTable) {
  ASSERT_EQ(run("generate --count 6 --seed 4 --out " + path("pool.json")).code, 0);
  const json pool = json::parse(slurp(path("pool.json")));
  const CliResult r = run("describe " + path("pool.json") + " --format json");
  ASSERT_EQ(r.code, 0) << r.err;
  const json j = json::parse(r.out);
  ASSERT_TRUE(j["architectures"].is_array());
  ASSERT_EQ(j["architectures"].size(), 6u);
  for (std::size_t i = 0; i < 6; ++i) {
    const auto& a = j["architectures"][i];
    const auto& p = pool["architectures"][i];
    for (const char* key : {"id", "params", "macs", "depth", "mutations", "hash"}) EXPECT_EQ(a[key], p[key]) << key;
    EXPECT_EQ(a["mutation_count"], p["mutations"].size());
    EXPECT_FALSE(a.contains("spec"));
  }

  const CliResult t = run("describe " + path("pool.json"));
  ASSERT_EQ(t.code, 0) << t.err;
  std::istringstream lines(t.out);
  std::string header, rule, line;
  std::getline(lines, header);
  std::getline(lines, rule);
  for (const char* col : {"id", "mutations", "depth", "params", "MACs", "log"})
    EXPECT_NE(header.find(col), std::string::npos) << col;
  int rows = 0;
  while (std::getline(lines, line)) {
    const auto& a = pool["architectures"][rows];
    EXPECT_EQ(line.rfind(a["id"].get<std::string>(), 0), 0u) << line;
    const std::string params = std::string(" ").append(std::to_string(a["params"].get<std::int64_t>())).append(" ");
    EXPECT_NE(line.find(params), std::string::npos) << line;
    ++rows;
  }
  EXPECT_EQ(rows, 6);
}

TEST_F(GenerateCli, DescribeTheBase) {
  const CliResult r = run("describe --base resnet18 --in-channels 3 --image-size 32 --classes 10 --format json");
  ASSERT_EQ(r.code, 0) << r.err;
  const json j = json::parse(r.out);
  ASSERT_EQ(j["architectures"].size(), 1u);
  const auto& a = j["architectures"][0];
  EXPECT_EQ(a["id"], "resnet18");
  EXPECT_EQ(a["params"], 11173962);
  EXPECT_EQ(a["macs"], 555422720);
  EXPECT_EQ(a["depth"], 18);
  EXPECT_EQ(a["mutations"], json::array());
  const json f = json::parse(run("describe --base resnet18 --in-channels 1 --image-size 28 --format json").out);
  EXPECT_EQ(f["architectures"][0]["params"], 11172810);
}

TEST_F(GenerateCli, DescribeASingleSpecFile) {
  const std::string spec = std::string(NASRANK_SOURCE_DIR) + "/tests/nas/specs/resnet18_two_skips.json";
  const CliResult r = run("describe '" + spec + "' --format json");
  ASSERT_EQ(r.code, 0) << r.err;
  const json j = json::parse(r.out);
  ASSERT_EQ(j["architectures"].size(), 1u);
  EXPECT_EQ(j["architectures"][0]["id"], "resnet18_two_skips");
  // 0->2 joins equal shapes (64 x 32x32); 3->6 needs a 1x1 128 -> 256 projection with its BN.
  EXPECT_EQ(j["architectures"][0]["params"], 11173962 + 128 * 256 + 2 * 256);
}

TEST_F(GenerateCli, BadInputIsOneLineWithTheRightExitCode) {
  const std::string out = " --out " + path("x.json");
  expect_error("generate --count 3", 2, "--out");
  expect_error("generate --count 3 --mutations 1-5" + out, 2, "--mutations '1-5' must be MIN..MAX");
  expect_error("generate --count 3 --seed -1" + out, 2, "--seed '-1' must be an integer");
  // What the user typed is a usage error (exit 2); a pool the limits cannot give is a runtime error.
  expect_error("generate --count 3 --mutations 5..1" + out, 2, "--mutations must be MIN..MAX with 1 <= MIN <= MAX");
  expect_error("generate --count 0" + out, 2, "--count must be 1..100000 (got 0)");
  expect_error("generate --count -5" + out, 2, "--count must be 1..100000 (got -5)");
  expect_error("generate --count 3 --base vgg16" + out, 2, "unknown base architecture 'vgg16' (known: resnet18)");
  expect_error("generate --count 5 --max-params 1000" + out, 1, "loosen the limits");
  expect_error("generate --count 3 --in-channels 0" + out, 2, "--in-channels must be 1..1024 (got 0)");
  expect_error("generate --count 3 --spread flops" + out, 2, "--spread 'flops' is not one of: none, params, macs");
  EXPECT_FALSE(fs::exists(path("x.json"))) << "no file is left behind by a failed run";

  expect_error("describe", 2, "give a pool FILE or --base NAME");
  expect_error("describe " + path("missing.json"), 1, "missing.json");
  expect_error("describe --base resnet18 --format xml", 2, "--format 'xml' is not one of: table, json");
  expect_error("describe --base resnet50", 2, "unknown base architecture 'resnet50'");
  expect_error("describe --base resnet18 --in-channels 0", 2, "--in-channels must be 1..1024 (got 0)");
  expect_error("describe " + path("x.json") + " --base resnet18", 2, "one of them");
  expect_error("describe " + path("x.json") + " --image-size 28", 2, "--image-size goes with --base");
  const std::string malformed = std::string(NASRANK_SOURCE_DIR) + "/tests/nas/malformed/stride_three.json";
  expect_error("describe '" + malformed + "'", 1, "stride_three.json: blocks[3].stride must be 1 or 2 (got 3)");
  std::ofstream(path("notjson.json")) << "{\"format\": ";
  expect_error("describe " + path("notjson.json"), 1, "not valid JSON");
  // A binary file: the parser quotes the byte it stopped at; the terminal sees it escaped.
  std::ofstream(path("binary.json"), std::ios::binary) << std::string("\x01\x9b\x1b[2J\xff", 7);
  expect_error("describe " + path("binary.json"), 1, "not valid JSON");
  const CliResult binary = run("describe " + path("binary.json"));
  for (const char ch : binary.err) {
    const auto c = static_cast<unsigned char>(ch);
    EXPECT_TRUE(c == '\n' || (c >= 0x20 && c < 0x7F)) << "byte " << int(c) << " in: " << binary.err;
  }
  std::ofstream(path("other.json")) << "{\"format\": \"csv\"}";
  expect_error("describe " + path("other.json"), 1, "not a nasrank pool file");
}

TEST_F(GenerateCli, HelpShowsAnExample) {
  for (const char* cmd : {"generate --help", "describe --help"}) {
    const CliResult r = run(cmd);
    EXPECT_EQ(r.code, 0) << cmd;
    EXPECT_NE(r.out.find("Examples:"), std::string::npos) << cmd;
    EXPECT_NE(r.out.find("nasrank "), std::string::npos) << cmd;
  }
  EXPECT_NE(run("generate --help").out.find("remove_batch_norm"), std::string::npos);
}

}  // namespace
