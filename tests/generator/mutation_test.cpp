// Each mutation operator does what its log says and keeps every shape valid: after every
// application the spec validates, builds, and runs forward and backward on a small batch.
#include <gtest/gtest.h>

#include <map>
#include <regex>

#include "../nas/reference_counts.h"
#include "nasrank/core/error.h"
#include "nasrank/generator/pool.h"
#include "nasrank/nas/builder.h"
#include "nasrank/nas/counts.h"

namespace nasrank::generator {
namespace {

using nas::Shortcut;
using nas::Spec;

std::int64_t count_if_blocks(const Spec& s, const std::function<bool(const nas::Block&)>& f) {
  return std::count_if(s.blocks.begin(), s.blocks.end(), f);
}

std::int64_t total_convs(const Spec& s) {
  std::int64_t n = 0;
  for (const auto& b : s.blocks) n += static_cast<std::int64_t>(b.convs.size());
  return n;
}

std::int64_t stride_product(const Spec& s) {
  std::int64_t p = 1;
  for (const auto& b : s.blocks) p *= b.stride;
  return p;
}

/// Builds the spec at width 1/8 and runs a batch of two 16x16 images forward and backward.
void expect_runs(const Spec& spec, const std::string& context) {
  const Spec s = nas::scale_width(spec, 0.125);
  nas::Network net = nas::build_network(s);
  ASSERT_EQ(nasrank::testing::module_params(*net), nas::count_params(s)) << context;
  const torch::Tensor y = net->forward(torch::randn({2, s.in_channels, s.image_size, s.image_size}));
  ASSERT_EQ(y.sizes(), (torch::IntArrayRef{2, s.classes})) << context;
  ASSERT_EQ(nasrank::testing::graph_macs(y, 2).macs, nas::count_macs(s)) << context;
  y.sum().backward();
}

/// Half-to-even rounding of c * num / den in integers: an independent check of change_filters.
std::int64_t scaled_channels(std::int64_t c, std::int64_t num, std::int64_t den) {
  const std::int64_t q = c * num / den, r = c * num % den;
  std::int64_t v = q + (2 * r > den || (2 * r == den && q % 2 == 1));
  return std::clamp<std::int64_t>(v, 1, kMaxChannels);
}

class Operator : public ::testing::TestWithParam<std::string> {};

TEST_P(Operator, KeepsShapesValidAndDoesWhatItsLogSays) {
  const std::string op = GetParam();
  Rng rng(std::hash<std::string>{}(op) % 1000);
  int applied = 0;
  for (int trial = 0; trial < 60; ++trial) {
    // Start from the base or from a few random mutations of it, so operators meet odd shapes.
    Spec s = nas::resnet18_spec(3, 16, 10);
    const auto warmup = rng.below(4);
    for (std::uint64_t k = 0; k < warmup; ++k) mutate(s, rng);
    const Spec before = s;
    const std::string log = apply_mutation(s, op, rng);
    const std::string context = op + " after " + std::to_string(warmup) + " mutations: " + log;
    if (log.empty()) {
      EXPECT_TRUE(s == before) << "an operator that did not apply left a changed spec";
      continue;
    }
    ++applied;
    EXPECT_EQ(log.rfind(op + " ", 0), 0u) << log;
    ASSERT_NO_THROW(nas::validate(s)) << context;
    EXPECT_FALSE(s == before) << context;
    std::smatch m;
    if (op == "add_skip") {
      ASSERT_TRUE(std::regex_match(log, m, std::regex(R"(add_skip (\d+)->(\d+))"))) << log;
      const nas::SkipEdge e{std::stoi(m[1]), std::stoi(m[2])};
      EXPECT_EQ(s.skips.size(), before.skips.size() + 1) << context;
      EXPECT_NE(std::find(s.skips.begin(), s.skips.end(), e), s.skips.end()) << context;
      EXPECT_EQ(std::find(before.skips.begin(), before.skips.end(), e), before.skips.end()) << context;
    } else if (op == "add_shortcut") {
      auto none = [](const nas::Block& b) { return b.shortcut == Shortcut::none; };
      EXPECT_EQ(count_if_blocks(s, none), count_if_blocks(before, none) - 1) << context;
    } else if (op == "remove_block") {
      ASSERT_TRUE(std::regex_search(log, m, std::regex(R"(^remove_block (\d+))"))) << log;
      const auto i = static_cast<std::size_t>(std::stoi(m[1]));
      EXPECT_EQ(s.blocks.size(), before.blocks.size() - 1) << context;
      EXPECT_EQ(total_convs(s), total_convs(before) - static_cast<std::int64_t>(before.blocks[i].convs.size()));
      if (log.find("moves to the next block") != std::string::npos || before.blocks[i].stride == 1)
        EXPECT_EQ(stride_product(s), stride_product(before)) << context;
      else EXPECT_EQ(stride_product(s) * 2, stride_product(before)) << context;
    } else if (op == "remove_conv") {
      EXPECT_EQ(s.blocks.size(), before.blocks.size()) << context;
      EXPECT_EQ(total_convs(s), total_convs(before) - 1) << context;
      EXPECT_EQ(nas::depth(s), nas::depth(before) - 1) << context;
    } else if (op == "remove_shortcut") {
      auto none = [](const nas::Block& b) { return b.shortcut == Shortcut::none; };
      EXPECT_EQ(count_if_blocks(s, none), count_if_blocks(before, none) + 1) << context;
      EXPECT_LE(nas::count_params(s), nas::count_params(before)) << context;
    } else if (op == "remove_batch_norm") {
      auto plain = [](const nas::Block& b) { return !b.batch_norm; };
      EXPECT_EQ(count_if_blocks(s, plain), count_if_blocks(before, plain) + 1) << context;
      EXPECT_LT(nas::count_params(s), nas::count_params(before)) << context;
      EXPECT_EQ(nas::count_macs(s), nas::count_macs(before)) << context;
    } else if (op == "change_filters") {
      ASSERT_TRUE(std::regex_match(log, m, std::regex(R"(change_filters (\d+) x([0-9.]+) \(([0-9,]+) -> ([0-9,]+)\))")))
          << log;
      const auto i = static_cast<std::size_t>(std::stoi(m[1]));
      const std::map<std::string, std::pair<int, int>> factors = {
          {"0.25", {1, 4}}, {"0.5", {1, 2}}, {"0.75", {3, 4}}, {"1.5", {3, 2}}, {"2", {2, 1}}};
      ASSERT_TRUE(factors.count(m[2])) << "factor outside the documented set: " << log;
      const auto [num, den] = factors.at(m[2]);
      ASSERT_EQ(s.blocks.size(), before.blocks.size());
      for (std::size_t b = 0; b < s.blocks.size(); ++b) {
        if (b != i) {
          EXPECT_EQ(s.blocks[b].convs, before.blocks[b].convs) << context;
          continue;
        }
        for (std::size_t k = 0; k < s.blocks[b].convs.size(); ++k)
          EXPECT_EQ(s.blocks[b].convs[k], scaled_channels(before.blocks[b].convs[k], num, den)) << context;
      }
    }
    expect_runs(s, context);
    if (HasFatalFailure()) return;
  }
  EXPECT_GT(applied, 5) << op << " applied too rarely to be tested";
}

std::vector<std::string> operator_names() {
  std::vector<std::string> names;
  for (const auto& op : mutation_operators()) names.push_back(op.name);
  return names;
}

INSTANTIATE_TEST_SUITE_P(Mutation, Operator, ::testing::ValuesIn(operator_names()),
                         [](const auto& info) { return info.param; });

TEST(Mutation, OperatorsCoverThePapersThreeKinds) {
  std::map<std::string, int> kinds;
  for (const auto& op : mutation_operators()) ++kinds[op.kind];
  EXPECT_EQ(kinds.size(), 3u);
  EXPECT_EQ(kinds["add skip connection"], 2);
  EXPECT_EQ(kinds["remove layer"], 4);
  EXPECT_EQ(kinds["change filter numbers"], 1);
  Spec s = nas::resnet18_spec();
  Rng rng(0);
  EXPECT_THROW(apply_mutation(s, "add_layer", rng), Error);
}

TEST(Mutation, KindsAreDrawnWithEqualOdds) {
  std::map<std::string, std::string> kind_of;
  for (const auto& op : mutation_operators()) kind_of[op.name] = op.kind;
  std::map<std::string, int> counts;
  Rng rng(42);
  const int draws = 3000;
  for (int i = 0; i < draws; ++i) {
    Spec s = nas::resnet18_spec();  // every kind applies to the base
    const std::string log = mutate(s, rng);
    ASSERT_FALSE(log.empty());
    ++counts[kind_of.at(log.substr(0, log.find(' ')))];
  }
  for (const auto& [kind, n] : counts) {
    // Binomial(3000, 1/3): sd = 25.8; 5 sd either side.
    EXPECT_NEAR(n, draws / 3, 130) << kind;
  }
  EXPECT_EQ(counts.size(), 3u);
  // The base has no shortcut of kind none, so add_shortcut never applies to it.
}

TEST(Mutation, RemovingAStrideTwoBlockHandsTheStrideOn) {
  // Search the seeds for the one case, then check it against the layout worked out by hand.
  for (std::uint64_t seed = 0; seed < 2000; ++seed) {
    Spec s = nas::resnet18_spec(3, 32, 10);
    Rng rng(seed);
    const std::string log = apply_mutation(s, "remove_block", rng);
    if (log.rfind("remove_block 2 ", 0) != 0) continue;
    EXPECT_EQ(log, "remove_block 2 (its stride 2 moves to the next block)");
    ASSERT_EQ(s.blocks.size(), 7u);
    // Old block 3 (128 -> 128, identity) now takes 64 channels at stride 2: a projection.
    EXPECT_EQ(s.blocks[2].convs, (std::vector<std::int64_t>{128, 128}));
    EXPECT_EQ(s.blocks[2].stride, 2);
    EXPECT_EQ(s.blocks[2].shortcut, Shortcut::projection);
    EXPECT_EQ(nas::block_output_sizes(s), (std::vector<std::int64_t>{32, 32, 16, 8, 8, 4, 4}));
    // ResNet-18 minus block 2 (3x3 64->128, 3x3 128->128, 1x1 64->128, three BNs) and with block
    // 3's first conv now 64->128 plus a new 1x1 64->128 projection and its BN.
    const std::int64_t removed = 9 * 64 * 128 + 9 * 128 * 128 + 64 * 128 + 3 * 2 * 128;
    const std::int64_t changed = (9 * 64 * 128 - 9 * 128 * 128) + 64 * 128 + 2 * 128;
    EXPECT_EQ(nas::count_params(s), 11173962 - removed + changed);
    return;
  }
  FAIL() << "no seed removed block 2";
}

TEST(Mutation, SkipEdgesFollowARemovedBlock) {
  for (std::uint64_t seed = 0; seed < 2000; ++seed) {
    Spec s = nas::resnet18_spec(3, 32, 10);
    s.skips = {{0, 3}, {3, 6}, {1, 5}};
    Rng rng(seed);
    if (apply_mutation(s, "remove_block", rng) != "remove_block 3") continue;
    // 0->3 now feeds old block 4 (index 3); 3->6 lost its source; 1->5 becomes 1->4.
    EXPECT_EQ(s.skips, (std::vector<nas::SkipEdge>{{0, 3}, {1, 4}}));
    return;
  }
  FAIL() << "no seed removed block 3";
}

}  // namespace
}  // namespace nasrank::generator
