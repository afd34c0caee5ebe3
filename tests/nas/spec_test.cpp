// The spec's JSON form, its canonical hash, width scaling and the malformed-spec corpus
// (tests/nas/malformed/: every file must fail with an error that names the JSON path).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <set>

#include "nasrank/core/error.h"
#include "nasrank/core/files.h"
#include "nasrank/core/random.h"
#include "nasrank/nas/json_text.h"
#include "nasrank/nas/spec.h"

namespace nasrank::nas {
namespace {

namespace fs = std::filesystem;

const fs::path kTests = fs::path(NASRANK_SOURCE_DIR) / "tests" / "nas";

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(SpecJson, Resnet18MatchesTheHandWrittenFile) {
  const Spec file = load_spec((kTests / "specs" / "resnet18_cifar10.json").string());
  EXPECT_TRUE(file == resnet18_spec(3, 32, 10));
  EXPECT_EQ(to_json(resnet18_spec(3, 32, 10)),
            nlohmann::json::parse(read_file(kTests / "specs" / "resnet18_cifar10.json")));
}

TEST(SpecJson, Resnet18HasTheCifarLayout) {
  const Spec s = resnet18_spec(1, 28, 10);
  EXPECT_EQ(s.stem_channels, 64);
  ASSERT_EQ(s.blocks.size(), 8u);
  const std::int64_t out[] = {64, 64, 128, 128, 256, 256, 512, 512};
  const std::int64_t stride[] = {1, 1, 2, 1, 2, 1, 2, 1};
  const Shortcut shortcut[] = {Shortcut::identity,   Shortcut::identity, Shortcut::projection, Shortcut::identity,
                               Shortcut::projection, Shortcut::identity, Shortcut::projection, Shortcut::identity};
  for (std::size_t i = 0; i < 8; ++i) {
    EXPECT_EQ(s.blocks[i].convs, (std::vector<std::int64_t>{out[i], out[i]})) << i;
    EXPECT_EQ(s.blocks[i].stride, stride[i]) << i;
    EXPECT_EQ(s.blocks[i].shortcut, shortcut[i]) << i;
    EXPECT_TRUE(s.blocks[i].batch_norm);
  }
  EXPECT_EQ(depth(s), 18);
  EXPECT_EQ(block_output_sizes(s), (std::vector<std::int64_t>{28, 28, 14, 14, 7, 7, 4, 4}));
}

TEST(SpecJson, RoundTripsEveryField) {
  Spec s = resnet18_spec(1, 28, 7);
  s.blocks[3].convs = {96};
  s.blocks[3].shortcut = Shortcut::projection;
  s.blocks[5].shortcut = Shortcut::none;
  s.blocks[6].batch_norm = false;
  s.skips = {{4, 7}, {0, 3}};
  const Spec back = spec_from_text(to_json(s).dump(2), "test");
  EXPECT_EQ(back.in_channels, 1);
  EXPECT_EQ(back.image_size, 28);
  EXPECT_EQ(back.classes, 7);
  EXPECT_EQ(back.blocks[3].convs, std::vector<std::int64_t>{96});
  EXPECT_EQ(back.blocks[5].shortcut, Shortcut::none);
  EXPECT_FALSE(back.blocks[6].batch_norm);
  EXPECT_TRUE(back.blocks[5].batch_norm);
  EXPECT_EQ(back.skips, (std::vector<SkipEdge>{{0, 3}, {4, 7}}));  // sorted on load
  EXPECT_TRUE(back == s);
}

TEST(SpecText, OneBlockPerLineAndParsesBack) {
  Spec s = resnet18_spec(1, 28, 10);
  s.skips = {{1, 4}};
  const std::string text = to_text(s);
  EXPECT_EQ(nlohmann::json::parse(text), to_json(s));
  EXPECT_TRUE(spec_from_text(text, "t") == s);
  EXPECT_NE(
      text.find("\n    {\"convs\": [128, 128], \"stride\": 2, \"shortcut\": \"projection\", \"batch_norm\": true},\n"),
      std::string::npos)
      << text;
  EXPECT_EQ(text.rfind("{\n  \"format\": \"nasrank-arch\",\n  \"version\": 1,\n", 0), 0u) << text;
  EXPECT_NE(text.find("\n  \"skips\": [{\"from\": 1, \"to\": 4}],\n"), std::string::npos) << text;
}

TEST(SpecText, ReadableJsonKeepsValuesAndBreaksOnlyLongLines) {
  nlohmann::ordered_json j = {{"z", 1},
                              {"a", {1, 2, 3}},
                              {"s", "quote \" and \\ and \u00e9"},
                              {"e", nlohmann::ordered_json::object()},
                              {"long", std::vector<std::string>(30, "word")}};
  const std::string text = readable_json(j, 40);
  EXPECT_EQ(nlohmann::ordered_json::parse(text), j);
  EXPECT_EQ(text.rfind("{\n  \"z\": 1,\n  \"a\": [1, 2, 3],\n", 0), 0u) << text;  // insertion order kept
  std::size_t longest = 0, start = 0;
  for (std::size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1)
    longest = std::max(longest, nl - start);
  EXPECT_LE(longest, 40u) << text;
  EXPECT_EQ(readable_json(nlohmann::ordered_json(5)), "5\n");
}

TEST(CanonicalHash, EqualForTheSameNetworkWrittenTwoWays) {
  const Spec a = load_spec((kTests / "specs" / "resnet18_two_skips.json").string());
  const Spec b = load_spec((kTests / "specs" / "resnet18_two_skips_terse.json").string());
  EXPECT_EQ(canonical_text(a), canonical_text(b));
  EXPECT_EQ(canonical_hash(a), canonical_hash(b));
  Spec c = resnet18_spec(3, 32, 10);
  c.skips = {{3, 6}, {0, 2}};  // in memory, any order
  EXPECT_EQ(canonical_hash(c), canonical_hash(a));
}

TEST(CanonicalHash, DiffersWhenAnythingThatShapesTheNetworkDiffers) {
  const Spec base = resnet18_spec(3, 32, 10);
  std::vector<Spec> variants(9, base);
  variants[0].in_channels = 1;
  variants[1].image_size = 28;
  variants[2].classes = 100;
  variants[3].stem_channels = 32;
  variants[4].blocks[1].convs[0] = 48;
  variants[5].blocks[1].shortcut = Shortcut::projection;
  variants[6].blocks[1].batch_norm = false;
  variants[7].skips = {{0, 2}};
  variants[8].blocks.pop_back();
  std::set<std::string> hashes = {canonical_hash(base)};
  for (const auto& v : variants) EXPECT_TRUE(hashes.insert(canonical_hash(v)).second) << canonical_text(v);
}

TEST(CanonicalHash, IsFnv1aOfTheCanonicalText) {
  // FNV-1a 64 of "a" is af63dc4c8601ec8c (the published test vector).
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : canonical_text(resnet18_spec())) h = (h ^ c) * 0x100000001b3ULL;
  char expected[17];
  std::snprintf(expected, sizeof expected, "%016llx", static_cast<unsigned long long>(h));
  EXPECT_EQ(canonical_hash(resnet18_spec()), expected);
  std::uint64_t a = (0xcbf29ce484222325ULL ^ 'a') * 0x100000001b3ULL;
  EXPECT_EQ(a, 0xaf63dc4c8601ec8cULL);
  EXPECT_EQ(canonical_hash(resnet18_spec()).size(), 16u);
}

TEST(ScaleWidth, RoundsHalfToEvenLikePython) {
  // Python: [max(1, int(round(c * 0.0390625))) for c in (64, 128, 256, 512)] == [2, 5, 10, 20]
  // (2.5 rounds to 2); and at 0.3: [19, 38, 77, 154].
  const Spec s = scale_width(resnet18_spec(1, 28, 10), 0.0390625);
  EXPECT_EQ(s.stem_channels, 2);
  EXPECT_EQ(s.blocks[0].convs[0], 2);
  EXPECT_EQ(s.blocks[2].convs[0], 5);
  EXPECT_EQ(s.blocks[4].convs[1], 10);
  EXPECT_EQ(s.blocks[7].convs[1], 20);
  const Spec t = scale_width(resnet18_spec(1, 28, 10), 0.3);
  EXPECT_EQ(t.stem_channels, 19);
  EXPECT_EQ(t.blocks[3].convs[0], 38);
  EXPECT_EQ(t.blocks[5].convs[0], 77);
  EXPECT_EQ(t.blocks[6].convs[0], 154);
  const Spec tiny = scale_width(resnet18_spec(), 0.001);
  EXPECT_EQ(tiny.stem_channels, 1);
  EXPECT_EQ(tiny.blocks[7].convs[1], 1);
  EXPECT_NO_THROW(validate(tiny));
  EXPECT_THROW(scale_width(resnet18_spec(), 0.0), Error);
  EXPECT_THROW(scale_width(resnet18_spec(), -1.0), Error);
}

TEST(Validate, NamesTheJsonPath) {
  Spec s = resnet18_spec();
  s.blocks[3].stride = 3;
  EXPECT_EQ(error_of([&] { validate(s); }), "blocks[3].stride must be 1 or 2 (got 3)");
  EXPECT_EQ(error_of([&] { spec_from_json(to_json(s), "architectures[7].spec"); }),
            "architectures[7].spec.blocks[3].stride must be 1 or 2 (got 3)");
  nlohmann::json j = to_json(resnet18_spec());
  j["blocks"][2]["convs"][1] = "wide";
  EXPECT_EQ(error_of([&] { spec_from_json(j, "architectures[7].spec"); }),
            "architectures[7].spec.blocks[2].convs[1] must be an integer (got string \"wide\")");
}

TEST(Validate, AcceptsWhatTheBuilderCanBuild) {
  Spec s = resnet18_spec(1, 1, 2);  // a 1x1 image survives any number of stride-2 blocks
  s.blocks[0].convs = {1};
  s.blocks[0].shortcut = Shortcut::projection;
  s.blocks[1].shortcut = Shortcut::projection;  // a projection where an identity would fit is allowed
  s.blocks[2].shortcut = Shortcut::none;
  s.skips = {{0, 7}, {1, 3}};
  EXPECT_NO_THROW(validate(s));
  EXPECT_NO_THROW(spec_from_json(to_json(s)));
}

// Each file of the corpus and the words its error must contain (after "<file>: ").
const std::map<std::string, std::string> kMalformed = {
    {"array_root", "the spec must be a JSON object (got array of 1)"},
    {"backward_edge", "skips[0] must point forward past the next block (to > from + 1; got 5 -> 2)"},
    {"batch_norm_as_string", "blocks[7].batch_norm must be true or false (got string \"no\")"},
    {"blocks_as_object", "blocks must be an array of blocks (got object of 1)"},
    {"channels_as_string", "input.channels must be an integer (got string \"3\")"},
    {"deeply_nested", "blocks[0] must be a JSON object (got array of 1)"},
    {"edge_missing_to", "skips[0].to is missing"},
    {"edge_out_of_range", "skips[0].to must name a block 0..7 (got 99)"},
    {"edge_to_next_block", "skips[0] must point forward past the next block (to > from + 1; got 3 -> 4)"},
    {"empty", "not valid JSON"},
    {"empty_convs", "blocks[6].convs must hold 1 or 2 channel counts (got 0)"},
    {"fractional_channels", "blocks[4].convs[1] must be an integer (got number 256.5)"},
    {"future_version", "version 2 is not supported (this nasrank reads version 1)"},
    {"huge_channels", "blocks[5].convs[1] must be a channel count 1..65536 (got 4294967296000)"},
    {"identity_across_stride", "blocks[2].shortcut \"identity\" needs stride 1 and as many output as input channels"},
    {"misspelt_field", "blocks[0].strides is not a known field (known here: convs, stride, shortcut, batch_norm)"},
    {"missing_blocks", "blocks is missing"},
    {"negative_conv_channels", "blocks[1].convs[0] must be a channel count 1..65536 (got -64)"},
    {"negative_edge", "skips[0].from must name a block 0..7 (got -1)"},
    {"no_blocks", "blocks must hold 1..256 blocks (got 0)"},
    {"null_edge", "skips[0] must be a JSON object (got null null)"},
    {"one_class", "classes must be 2..1000000 (got 1)"},
    {"other_classifier", "classifier must be \"avgpool-linear\""},
    {"repeated_edge", "skips[1] repeats skips[0] (0 -> 3)"},
    {"stride_three", "blocks[3].stride must be 1 or 2 (got 3)"},
    {"three_convs", "blocks[0].convs must hold 1 or 2 channel counts (got 3)"},
    {"trailing_garbage", "not valid JSON"},
    {"truncated", "not valid JSON"},
    {"unknown_shortcut", "blocks[0].shortcut \"dense\" is not one of: identity, projection, none"},
    {"wrong_format", "format must be \"nasrank-arch\" (got string \"nasrank-pool\")"},
    {"zero_stem_channels", "stem.channels must be 1..65536 (got 0)"},
};

TEST(MalformedCorpus, EveryFileFailsWithItsJsonPath) {
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(kTests / "malformed")) {
    const std::string name = entry.path().stem().string();
    ++files;
    const auto expected = kMalformed.find(name);
    ASSERT_NE(expected, kMalformed.end()) << "no expected message for " << entry.path();
    const std::string path = entry.path().string();
    const std::string message = error_of([&] { load_spec(path); });
    EXPECT_EQ(message.rfind(path + ": ", 0), 0u) << message;
    EXPECT_NE(message.find(expected->second), std::string::npos) << name << ": " << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << "one line: " << message;
  }
  EXPECT_EQ(files, kMalformed.size()) << "a corpus file is missing";
}

TEST(MalformedCorpus, RandomCorruptionsGiveErrorsNeverCrashes) {
  // Replace or delete one leaf of a valid spec at a time, with values of every JSON type; the
  // loader must accept or throw nasrank::Error, nothing else (nlohmann::json errors included).
  Spec spec = resnet18_spec();
  spec.skips = {{0, 3}, {2, 6}};
  const nlohmann::json flat = to_json(spec).flatten();
  std::vector<std::string> leaves;
  for (const auto& item : flat.items()) leaves.push_back(item.key());
  const nlohmann::json values[] = {nullptr,
                                   true,
                                   -1,
                                   0,
                                   1,
                                   3,
                                   7,
                                   2.5,
                                   1e300,
                                   18446744073709551615ULL,
                                   -9223372036854775807LL,
                                   "",
                                   "identity",
                                   "none",
                                   nlohmann::json::array(),
                                   nlohmann::json::object(),
                                   nlohmann::json::array({1, 2, 3})};
  Rng rng(5);
  int accepted = 0, rejected = 0;
  for (int trial = 0; trial < 3000; ++trial) {
    nlohmann::json j = to_json(spec);
    const std::string& leaf = leaves[rng.below(leaves.size())];
    const nlohmann::json::json_pointer ptr(leaf);
    if (rng.below(8) == 0) {
      nlohmann::json& parent = j[ptr.parent_pointer()];
      if (parent.is_array()) parent.erase(std::stoul(ptr.back()));
      else parent.erase(ptr.back());
    } else {
      j[ptr] = values[rng.below(std::size(values))];
    }
    try {
      spec_from_json(j);
      ++accepted;
    } catch (const Error& e) {
      ++rejected;
      EXPECT_FALSE(std::string(e.what()).empty());
    } catch (const std::exception& e) {
      ADD_FAILURE() << leaf << ": " << e.what();
    }
  }
  EXPECT_GT(rejected, 2000);
  EXPECT_GT(accepted, 10);  // e.g. a stride of 1 where it was 1, a shortcut "none"
}

TEST(MalformedCorpus, ValidFilesLoad) {
  for (const char* name : {"resnet18_cifar10.json", "resnet18_two_skips.json", "resnet18_two_skips_terse.json"})
    EXPECT_NO_THROW(load_spec((kTests / "specs" / name).string())) << name;
  EXPECT_NE(error_of([] { load_spec("/nonexistent/spec.json"); }).find("/nonexistent/spec.json"), std::string::npos);
}

}  // namespace
}  // namespace nasrank::nas
