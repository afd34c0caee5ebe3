// The spec's JSON form, validation with JSON paths, the canonical form and the shape helpers the
// builder and the counts share.
#include "nasrank/nas/spec.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>

#include "nasrank/core/error.h"
#include "nasrank/core/files.h"
#include "nasrank/nas/json_text.h"

namespace nasrank::nas {
namespace {

constexpr const char* kFormat = "nasrank-arch";
constexpr int kVersion = 1;
constexpr const char* kClassifier = "avgpool-linear";

// Bounds that keep every count within 64 bits and every message meaningful; far beyond what a
// ResNet-18 variant on CIFAR or Fashion-MNIST needs.
constexpr std::int64_t kMaxChannels = 65536;
constexpr std::int64_t kMaxImageSize = 4096;
constexpr std::int64_t kMaxClasses = 1000000;
constexpr std::size_t kMaxBlocks = 256;

std::int64_t conv_out(std::int64_t size, std::int64_t stride) { return (size - 1) / stride + 1; }

std::string index_path(const std::string& path, std::size_t i) { return path + "[" + std::to_string(i) + "]"; }

/// Reads the fields of one JSON object, naming `path` in every message; never lets a json
/// exception through.
class Reader {
 public:
  Reader(const nlohmann::json& j, std::string path, std::vector<std::string> known) : j_(j), path_(std::move(path)) {
    NASRANK_CHECK(j_.is_object(), path_.empty() ? "the spec" : path_, " must be a JSON object (got ", kind(j_), ")");
    for (const auto& item : j_.items()) {
      if (std::find(known.begin(), known.end(), item.key()) != known.end()) continue;
      std::string list;
      for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
      throw Error(detail::concat(join(item.key()), " is not a known field (known here: ", list, ")"));
    }
  }
  bool has(const char* key) const { return j_.contains(key); }
  const nlohmann::json& at(const char* key) const {
    NASRANK_CHECK(j_.contains(key), join(key), " is missing");
    return j_.at(key);
  }
  std::int64_t integer(const char* key) const { return integer_at(at(key), join(key)); }
  std::string join(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }

  /// "string \"64\"", "array of 3": what a value is, briefly (containers are never dumped: they
  /// may be large or deeply nested).
  static std::string kind(const nlohmann::json& v) {
    if (v.is_structured()) return detail::concat(v.type_name(), " of ", v.size());
    std::string text = v.dump();
    if (text.size() > 40) text = text.substr(0, 37) + "...";
    return std::string(v.type_name()) + " " + text;
  }
  static std::int64_t integer_at(const nlohmann::json& v, const std::string& path) {
    NASRANK_CHECK(v.is_number_integer(), path, " must be an integer (got ", kind(v), ")");
    if (v.is_number_unsigned())
      NASRANK_CHECK(v.get<std::uint64_t>() <= static_cast<std::uint64_t>(INT64_MAX), path, " is too large (got ",
                    v.dump(), ")");
    return v.get<std::int64_t>();
  }

 private:
  const nlohmann::json& j_;
  std::string path_;
};

Shortcut parse_shortcut(const nlohmann::json& v, const std::string& path) {
  NASRANK_CHECK(v.is_string(), path, " must be one of \"identity\", \"projection\", \"none\" (got ", Reader::kind(v),
                ")");
  const std::string s = v.get<std::string>();
  for (Shortcut k : {Shortcut::identity, Shortcut::projection, Shortcut::none})
    if (s == shortcut_name(k)) return k;
  throw Error(detail::concat(path, " \"", s, "\" is not one of: identity, projection, none"));
}

}  // namespace

const char* shortcut_name(Shortcut s) {
  switch (s) {
    case Shortcut::identity:
      return "identity";
    case Shortcut::projection:
      return "projection";
    case Shortcut::none:
      return "none";
  }
  return "?";
}

bool operator==(const Spec& a, const Spec& b) { return canonical_text(a) == canonical_text(b); }

Spec resnet18_spec(std::int64_t in_channels, std::int64_t image_size, std::int64_t classes) {
  Spec s;
  s.in_channels = in_channels;
  s.image_size = image_size;
  s.classes = classes;
  s.stem_channels = 64;
  std::int64_t in = s.stem_channels;
  const std::pair<std::int64_t, std::int64_t> stages[] = {{64, 1}, {128, 2}, {256, 2}, {512, 2}};
  for (const auto& [out, stride] : stages) {
    Block first;
    first.convs = {out, out};
    first.stride = stride;
    first.shortcut = (stride != 1 || in != out) ? Shortcut::projection : Shortcut::identity;
    Block second;
    second.convs = {out, out};
    s.blocks.push_back(first);
    s.blocks.push_back(second);
    in = out;
  }
  return s;
}

const std::vector<std::string>& base_names() {
  static const std::vector<std::string> names = {"resnet18"};
  return names;
}

Spec base_spec(const std::string& name, std::int64_t in_channels, std::int64_t image_size, std::int64_t classes) {
  NASRANK_CHECK(name == "resnet18", "unknown base architecture '", name, "' (known: resnet18)");
  Spec s = resnet18_spec(in_channels, image_size, classes);
  validate(s);
  return s;
}

Spec scale_width(const Spec& spec, double width) {
  NASRANK_CHECK(std::isfinite(width) && width > 0, "width must be a positive number (got ", width, ")");
  // std::nearbyint in the default rounding mode rounds half to even, like Python's round().
  auto scale = [width](std::int64_t c) {
    const double scaled = std::nearbyint(static_cast<double>(c) * width);
    NASRANK_CHECK(scaled <= static_cast<double>(kMaxChannels), "width ", width, " makes ", c, " channels into ", scaled,
                  " (at most ", kMaxChannels, ")");
    return std::max<std::int64_t>(1, static_cast<std::int64_t>(scaled));
  };
  Spec s = spec;
  s.stem_channels = scale(s.stem_channels);
  for (auto& b : s.blocks)
    for (auto& c : b.convs) c = scale(c);
  return s;
}

std::vector<std::int64_t> block_input_channels(const Spec& spec) {
  std::vector<std::int64_t> in;
  std::int64_t c = spec.stem_channels;
  for (const auto& b : spec.blocks) {
    in.push_back(c);
    c = b.out_channels();
  }
  return in;
}

std::vector<std::int64_t> block_output_sizes(const Spec& spec) {
  std::vector<std::int64_t> sizes;
  std::int64_t size = spec.image_size;
  for (const auto& b : spec.blocks) {
    size = conv_out(size, b.stride);
    sizes.push_back(size);
  }
  return sizes;
}

SkipShape skip_shape(const Spec& spec, const SkipEdge& e) {
  const auto from = static_cast<std::size_t>(e.from), to = static_cast<std::size_t>(e.to);
  NASRANK_ASSERT(e.from >= 0 && to < spec.blocks.size() && e.to > e.from + 1, "skip edge ", e.from, " -> ", e.to);
  const auto sizes = block_output_sizes(spec);
  SkipShape shape;
  shape.from_channels = spec.blocks[from].out_channels();
  shape.to_channels = spec.blocks[to - 1].out_channels();  // the input of block `to`
  shape.from_size = sizes[from];
  shape.to_size = sizes[to - 1];
  for (std::size_t b = from + 1; b < to; ++b) shape.stride *= spec.blocks[b].stride;
  return shape;
}

std::int64_t depth(const Spec& spec) {
  std::int64_t d = 2;  // stem and classifier
  for (const auto& b : spec.blocks) d += static_cast<std::int64_t>(b.convs.size());
  return d;
}

void validate(const Spec& s) {
  NASRANK_CHECK(s.in_channels >= 1 && s.in_channels <= kMaxChannels, "input.channels must be 1..", kMaxChannels,
                " (got ", s.in_channels, ")");
  NASRANK_CHECK(s.image_size >= 1 && s.image_size <= kMaxImageSize, "input.size must be 1..", kMaxImageSize, " (got ",
                s.image_size, ")");
  NASRANK_CHECK(s.classes >= 2 && s.classes <= kMaxClasses, "classes must be 2..", kMaxClasses, " (got ", s.classes,
                ")");
  NASRANK_CHECK(s.stem_channels >= 1 && s.stem_channels <= kMaxChannels, "stem.channels must be 1..", kMaxChannels,
                " (got ", s.stem_channels, ")");
  NASRANK_CHECK(!s.blocks.empty() && s.blocks.size() <= kMaxBlocks, "blocks must hold 1..", kMaxBlocks, " blocks (got ",
                s.blocks.size(), ")");
  std::int64_t in = s.stem_channels;
  for (std::size_t i = 0; i < s.blocks.size(); ++i) {
    const auto& b = s.blocks[i];
    const std::string p = index_path("blocks", i);
    NASRANK_CHECK(b.convs.size() == 1 || b.convs.size() == 2, p, ".convs must hold 1 or 2 channel counts (got ",
                  b.convs.size(), ")");
    for (std::size_t k = 0; k < b.convs.size(); ++k)
      NASRANK_CHECK(b.convs[k] >= 1 && b.convs[k] <= kMaxChannels, p, ".convs[", k, "] must be a channel count 1..",
                    kMaxChannels, " (got ", b.convs[k], ")");
    NASRANK_CHECK(b.stride == 1 || b.stride == 2, p, ".stride must be 1 or 2 (got ", b.stride, ")");
    if (b.shortcut == Shortcut::identity)
      NASRANK_CHECK(b.stride == 1 && in == b.out_channels(), p,
                    ".shortcut \"identity\" needs stride 1 and as many output as input channels (here ", in, " -> ",
                    b.out_channels(), ", stride ", b.stride, "): use \"projection\"");
    in = b.out_channels();
  }
  const int n = static_cast<int>(s.blocks.size());
  std::map<SkipEdge, std::size_t> seen;
  for (std::size_t k = 0; k < s.skips.size(); ++k) {
    const auto& e = s.skips[k];
    const std::string p = index_path("skips", k);
    NASRANK_CHECK(e.from >= 0 && e.from < n, p, ".from must name a block 0..", n - 1, " (got ", e.from, ")");
    NASRANK_CHECK(e.to >= 0 && e.to < n, p, ".to must name a block 0..", n - 1, " (got ", e.to, ")");
    NASRANK_CHECK(e.to > e.from + 1, p, " must point forward past the next block (to > from + 1; got ", e.from, " -> ",
                  e.to, "): the output of block i already feeds block i + 1");
    const auto [it, fresh] = seen.emplace(e, k);
    NASRANK_CHECK(fresh, p, " repeats skips[", it->second, "] (", e.from, " -> ", e.to, ")");
  }
}

nlohmann::ordered_json to_ordered_json(const Spec& s) {
  using ordered = nlohmann::ordered_json;
  ordered blocks = ordered::array();
  for (const auto& b : s.blocks)
    blocks.push_back({{"convs", b.convs},
                      {"stride", b.stride},
                      {"shortcut", shortcut_name(b.shortcut)},
                      {"batch_norm", b.batch_norm}});
  std::vector<SkipEdge> sorted = s.skips;
  std::sort(sorted.begin(), sorted.end());
  ordered skips = ordered::array();
  for (const auto& e : sorted) skips.push_back({{"from", e.from}, {"to", e.to}});
  return {{"format", kFormat},
          {"version", kVersion},
          {"input", {{"channels", s.in_channels}, {"size", s.image_size}}},
          {"classes", s.classes},
          {"stem", {{"channels", s.stem_channels}}},
          {"blocks", blocks},
          {"skips", skips},
          {"classifier", kClassifier}};
}

nlohmann::json to_json(const Spec& s) { return nlohmann::json(to_ordered_json(s)); }

std::string to_text(const Spec& s) { return readable_json(to_ordered_json(s)); }

namespace {

Spec parse_spec(const nlohmann::json& j, const std::string& root) {
  auto at = [&root](const std::string& key) { return root.empty() ? key : root + "." + key; };
  const Reader r(j, root, {"format", "version", "input", "classes", "stem", "blocks", "skips", "classifier"});
  const auto& fmt = r.at("format");
  NASRANK_CHECK(fmt.is_string() && fmt.get<std::string>() == kFormat, at("format"), " must be \"", kFormat, "\" (got ",
                Reader::kind(fmt), ")");
  const std::int64_t version = r.integer("version");
  NASRANK_CHECK(version == kVersion, at("version"), " ", version, " is not supported (this nasrank reads version ",
                kVersion, ")");
  Spec s;
  const Reader input(r.at("input"), at("input"), {"channels", "size"});
  s.in_channels = input.integer("channels");
  s.image_size = input.integer("size");
  s.classes = r.integer("classes");
  s.stem_channels = Reader(r.at("stem"), at("stem"), {"channels"}).integer("channels");
  const auto& blocks = r.at("blocks");
  NASRANK_CHECK(blocks.is_array(), at("blocks"), " must be an array of blocks (got ", Reader::kind(blocks), ")");
  NASRANK_CHECK(blocks.size() <= kMaxBlocks, at("blocks"), " must hold 1..", kMaxBlocks, " blocks (got ", blocks.size(),
                ")");
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const std::string p = index_path(at("blocks"), i);
    const Reader b(blocks[i], p, {"convs", "stride", "shortcut", "batch_norm"});
    Block block;
    const auto& convs = b.at("convs");
    NASRANK_CHECK(convs.is_array(), p, ".convs must be an array of channel counts (got ", Reader::kind(convs), ")");
    NASRANK_CHECK(convs.size() <= 2, p, ".convs must hold 1 or 2 channel counts (got ", convs.size(), ")");
    for (std::size_t k = 0; k < convs.size(); ++k)
      block.convs.push_back(Reader::integer_at(convs[k], index_path(p + ".convs", k)));
    block.stride = b.integer("stride");
    block.shortcut = parse_shortcut(b.at("shortcut"), p + ".shortcut");
    if (b.has("batch_norm")) {
      const auto& bn = b.at("batch_norm");
      NASRANK_CHECK(bn.is_boolean(), p, ".batch_norm must be true or false (got ", Reader::kind(bn), ")");
      block.batch_norm = bn.get<bool>();
    }
    s.blocks.push_back(block);
  }
  if (r.has("skips")) {
    const auto& skips = r.at("skips");
    NASRANK_CHECK(skips.is_array(), at("skips"), " must be an array of {\"from\": i, \"to\": j} (got ",
                  Reader::kind(skips), ")");
    for (std::size_t k = 0; k < skips.size(); ++k) {
      const Reader e(skips[k], index_path(at("skips"), k), {"from", "to"});
      // Out-of-range values are reported by validate(); clamp so the int conversion is defined.
      auto narrow = [](std::int64_t v) { return static_cast<int>(std::clamp<std::int64_t>(v, -1, 1 << 20)); };
      s.skips.push_back({narrow(e.integer("from")), narrow(e.integer("to"))});
    }
  }
  if (r.has("classifier")) {
    const auto& c = r.at("classifier");
    NASRANK_CHECK(c.is_string() && c.get<std::string>() == kClassifier, at("classifier"), " must be \"", kClassifier,
                  "\" (global average pooling and one linear layer; got ", Reader::kind(c), ")");
  }
  return s;
}

}  // namespace

Spec spec_from_json(const nlohmann::json& j, const std::string& path) {
  Spec s = parse_spec(j, path);
  try {
    validate(s);
  } catch (const Error& e) {
    // validate() names paths from the spec's root.
    if (path.empty()) throw;
    throw Error(detail::concat(path, ".", e.what()));
  }
  std::sort(s.skips.begin(), s.skips.end());
  return s;
}

Spec spec_from_text(const std::string& text, const std::string& source) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    throw Error(detail::concat(source, ": not valid JSON (", e.what(), ")"));
  }
  try {
    return spec_from_json(j);
  } catch (const Error& e) {
    throw Error(detail::concat(source, ": ", e.what()));
  }
}

Spec load_spec(const std::string& path) { return spec_from_text(read_file(path), path); }

std::string canonical_text(const Spec& spec) { return to_json(spec).dump(); }  // object keys are sorted

std::string canonical_hash(const Spec& spec) {
  std::uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a offset basis and prime (64-bit)
  for (unsigned char c : canonical_text(spec)) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

}  // namespace nasrank::nas
