// Mutation operators, the seeded pool and the pool file. Every random choice goes through
// nasrank::Rng (its output is defined by core/random.h alone), so a seed gives the same bytes on
// every platform and standard library.
#include "nasrank/generator/pool.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <set>
#include <type_traits>

#include "nasrank/core/error.h"
#include "nasrank/core/files.h"
#include "nasrank/nas/counts.h"
#include "nasrank/nas/json_text.h"

namespace nasrank::generator {
namespace {

using nas::Shortcut;
using nas::SkipEdge;
using nas::Spec;

/// One place an operator can act: applying it changes the spec and returns the log entry.
using Site = std::function<std::string(Spec&)>;

const char* const kAddSkip = "add skip connection";
const char* const kRemoveLayer = "remove layer";
const char* const kChangeFilters = "change filter numbers";

std::string block_name(std::size_t i) { return std::to_string(i); }

/// After any change: identity shortcuts that no longer fit (channels or stride changed) become
/// projections, and skip edges that no longer point forward past the next block, or repeat, are
/// dropped. Every shape is then consistent again.
void repair(Spec& s) {
  std::int64_t in = s.stem_channels;
  for (auto& b : s.blocks) {
    if (b.shortcut == Shortcut::identity && (b.stride != 1 || in != b.out_channels()))
      b.shortcut = Shortcut::projection;
    in = b.out_channels();
  }
  const int n = static_cast<int>(s.blocks.size());
  std::vector<SkipEdge> kept;
  for (const auto& e : s.skips)
    if (e.from >= 0 && e.to < n && e.to > e.from + 1) kept.push_back(e);
  std::sort(kept.begin(), kept.end());
  kept.erase(std::unique(kept.begin(), kept.end()), kept.end());
  s.skips = kept;
}

// --- add skip connection ---

std::vector<Site> add_skip_sites(const Spec& s) {
  std::vector<Site> sites;
  const int n = static_cast<int>(s.blocks.size());
  for (int from = 0; from < n; ++from)
    for (int to = from + 2; to < n; ++to) {
      const SkipEdge e{from, to};
      if (std::find(s.skips.begin(), s.skips.end(), e) != s.skips.end()) continue;
      sites.push_back([e](Spec& t) {
        t.skips.push_back(e);
        return "add_skip " + std::to_string(e.from) + "->" + std::to_string(e.to);
      });
    }
  return sites;
}

std::vector<Site> add_shortcut_sites(const Spec& s) {
  std::vector<Site> sites;
  for (std::size_t i = 0; i < s.blocks.size(); ++i) {
    if (s.blocks[i].shortcut != Shortcut::none) continue;
    sites.push_back([i](Spec& t) {
      // An identity where it fits; repair() turns it into a projection where it does not.
      t.blocks[i].shortcut = Shortcut::identity;
      return "add_shortcut " + block_name(i);
    });
  }
  return sites;
}

// --- remove layer ---

std::vector<Site> remove_block_sites(const Spec& s) {
  std::vector<Site> sites;
  if (s.blocks.size() < 2) return sites;
  for (std::size_t i = 0; i < s.blocks.size(); ++i)
    sites.push_back([i](Spec& t) {
      const nas::Block removed = t.blocks[i];
      t.blocks.erase(t.blocks.begin() + static_cast<std::ptrdiff_t>(i));
      std::string note;
      // The network keeps its downsampling where it can: a removed stride-2 block hands its
      // stride to the next block.
      if (removed.stride == 2) {
        if (i < t.blocks.size() && t.blocks[i].stride == 1) {
          t.blocks[i].stride = 2;
          note = " (its stride 2 moves to the next block)";
        } else {
          note = " (its stride-2 downsampling is lost)";
        }
      }
      // Edges out of the removed block lose their source; edges into it now feed its successor.
      const int r = static_cast<int>(i);
      std::vector<SkipEdge> skips;
      for (SkipEdge e : t.skips) {
        if (e.from == r) continue;
        if (e.from > r) --e.from;
        if (e.to > r) --e.to;
        skips.push_back(e);
      }
      t.skips = skips;
      return "remove_block " + block_name(i) + note;
    });
  return sites;
}

std::vector<Site> remove_conv_sites(const Spec& s) {
  std::vector<Site> sites;
  for (std::size_t i = 0; i < s.blocks.size(); ++i) {
    if (s.blocks[i].convs.size() != 2) continue;
    for (std::size_t k = 0; k < 2; ++k)
      sites.push_back([i, k](Spec& t) {
        // The block's stride belongs to its first convolution, whichever remains.
        auto& convs = t.blocks[i].convs;
        convs.erase(convs.begin() + static_cast<std::ptrdiff_t>(k));
        return "remove_conv " + block_name(i) + " conv" + std::to_string(k + 1);
      });
  }
  return sites;
}

std::vector<Site> remove_shortcut_sites(const Spec& s) {
  std::vector<Site> sites;
  for (std::size_t i = 0; i < s.blocks.size(); ++i) {
    if (s.blocks[i].shortcut == Shortcut::none) continue;
    sites.push_back([i](Spec& t) {
      const std::string was = nas::shortcut_name(t.blocks[i].shortcut);
      t.blocks[i].shortcut = Shortcut::none;
      return "remove_shortcut " + block_name(i) + " (" + was + ")";
    });
  }
  return sites;
}

std::vector<Site> remove_batch_norm_sites(const Spec& s) {
  std::vector<Site> sites;
  for (std::size_t i = 0; i < s.blocks.size(); ++i) {
    if (!s.blocks[i].batch_norm) continue;
    sites.push_back([i](Spec& t) {
      t.blocks[i].batch_norm = false;
      return "remove_batch_norm " + block_name(i);
    });
  }
  return sites;
}

// --- change filter numbers ---

std::vector<std::int64_t> scaled(const std::vector<std::int64_t>& convs, double factor) {
  std::vector<std::int64_t> out;
  for (std::int64_t c : convs) {
    // Half to even, as everywhere in nasrank (nas::scale_width, Python's round()).
    const auto v = static_cast<std::int64_t>(std::nearbyint(static_cast<double>(c) * factor));
    out.push_back(std::clamp<std::int64_t>(v, 1, kMaxChannels));
  }
  return out;
}

std::string join_channels(const std::vector<std::int64_t>& convs) {
  std::string text;
  for (std::int64_t c : convs) {
    if (!text.empty()) text += ',';
    text += std::to_string(c);
  }
  return text;
}

std::vector<Site> change_filters_sites(const Spec& s) {
  std::vector<Site> sites;
  for (std::size_t i = 0; i < s.blocks.size(); ++i)
    for (double f : filter_factors()) {
      const std::vector<std::int64_t> after = scaled(s.blocks[i].convs, f);
      if (after == s.blocks[i].convs) continue;  // clamped: not a change
      sites.push_back([i, f, after](Spec& t) {
        const std::string before = join_channels(t.blocks[i].convs);
        t.blocks[i].convs = after;  // the next block's input follows; repair() fixes its shortcut
        char factor[32];
        std::snprintf(factor, sizeof factor, "%g", f);
        return "change_filters " + block_name(i) + " x" + factor + " (" + before + " -> " + join_channels(after) + ")";
      });
    }
  return sites;
}

struct Operator {
  MutationOperator info;
  std::vector<Site> (*sites)(const Spec&);
};

const std::vector<Operator>& operators() {
  static const std::vector<Operator> ops = {
      {{"add_skip", kAddSkip}, add_skip_sites},
      {{"add_shortcut", kAddSkip}, add_shortcut_sites},
      {{"remove_block", kRemoveLayer}, remove_block_sites},
      {{"remove_conv", kRemoveLayer}, remove_conv_sites},
      {{"remove_shortcut", kRemoveLayer}, remove_shortcut_sites},
      {{"remove_batch_norm", kRemoveLayer}, remove_batch_norm_sites},
      {{"change_filters", kChangeFilters}, change_filters_sites},
  };
  return ops;
}

std::string apply_site(Spec& s, const std::vector<Site>& sites, Rng& rng) {
  const std::string log = sites[rng.below(sites.size())](s);
  repair(s);
  return log;
}

/// The base for an input shape, with errors in terms of the command-line options.
Spec shaped_base(const std::string& base, std::int64_t in_channels, std::int64_t image_size, std::int64_t classes) {
  NASRANK_CHECK(in_channels >= 1 && in_channels <= 1024, "--in-channels must be 1..1024 (got ", in_channels, ")");
  NASRANK_CHECK(image_size >= 1 && image_size <= 4096, "--image-size must be 1..4096 (got ", image_size, ")");
  NASRANK_CHECK(classes >= 2 && classes <= 1000000, "--classes must be 2..1000000 (got ", classes, ")");
  return nas::base_spec(base, in_channels, image_size, classes);
}

std::string format_id(std::int64_t i, std::int64_t count) {
  int digits = 3;
  for (std::int64_t c = count - 1; c >= 1000; c /= 10) ++digits;
  char buf[32];
  std::snprintf(buf, sizeof buf, "a%0*lld", digits, static_cast<long long>(i));
  return buf;
}

/// Whether `value` names a PoolOptions::spread; `what` says where it came from in the error.
void check_spread(const std::string& value, const std::string& what) {
  const auto& names = spread_names();
  std::string list;
  for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
  NASRANK_CHECK(std::find(names.begin(), names.end(), value) != names.end(), what, list);
}

/// The `count` candidates nearest to `count` evenly spaced points of log(params) (or log(MACs))
/// from the smallest candidate to the largest, each taken once; ties go to the one drawn first.
/// They keep the order in which they were drawn, so ids say nothing about size.
std::vector<PoolArch> spread_out(std::vector<PoolArch> candidates, std::int64_t count, bool by_params) {
  std::vector<double> value(candidates.size());
  for (std::size_t i = 0; i < candidates.size(); ++i)
    value[i] =
        std::log(static_cast<double>(std::max<std::int64_t>(1, by_params ? candidates[i].params : candidates[i].macs)));
  // Candidates sorted by value (then by draw), so each point's nearest is found next to where it falls.
  std::vector<std::size_t> sorted(candidates.size());
  for (std::size_t i = 0; i < sorted.size(); ++i) sorted[i] = i;
  std::sort(sorted.begin(), sorted.end(),
            [&](std::size_t a, std::size_t b) { return value[a] != value[b] ? value[a] < value[b] : a < b; });
  const double lo = value[sorted.front()], hi = value[sorted.back()];
  std::vector<bool> taken(candidates.size(), false);
  for (std::int64_t k = 0; k < count; ++k) {
    const double target = count == 1 ? (lo + hi) / 2 : lo + (hi - lo) * static_cast<double>(k) / (count - 1);
    const auto at =
        std::lower_bound(sorted.begin(), sorted.end(), target, [&](std::size_t i, double t) { return value[i] < t; });
    // The nearest untaken on each side; of two as near, the one drawn first.
    auto right = at;
    while (right != sorted.end() && taken[*right]) ++right;
    auto left = at;
    std::size_t pick = sorted.size();
    while (left != sorted.begin()) {
      --left;
      if (!taken[*left]) {
        // Among equal values the leftmost untaken was drawn first.
        pick = *left;
        for (auto l = left; l != sorted.begin() && value[*(l - 1)] == value[pick];)
          if (!taken[*--l]) pick = *l;
        break;
      }
    }
    if (right != sorted.end()) {
      const double dr = value[*right] - target;
      if (pick == sorted.size() || dr < target - value[pick] || (dr == target - value[pick] && *right < pick))
        pick = *right;
    }
    taken[pick] = true;
  }
  std::vector<PoolArch> kept;
  for (std::size_t i = 0; i < candidates.size(); ++i)
    if (taken[i]) kept.push_back(std::move(candidates[i]));
  return kept;
}

}  // namespace

const std::vector<std::string>& spread_names() {
  static const std::vector<std::string> names = {"none", "params", "macs"};
  return names;
}

const std::vector<double>& filter_factors() {
  static const std::vector<double> f = {0.25, 0.5, 0.75, 1.5, 2.0};
  return f;
}

const std::vector<MutationOperator>& mutation_operators() {
  static const std::vector<MutationOperator> list = [] {
    std::vector<MutationOperator> l;
    for (const auto& op : operators()) l.push_back(op.info);
    return l;
  }();
  return list;
}

std::string apply_mutation(Spec& s, const std::string& name, Rng& rng) {
  for (const auto& op : operators()) {
    if (op.info.name != name) continue;
    const auto sites = op.sites(s);
    return sites.empty() ? std::string() : apply_site(s, sites, rng);
  }
  std::string known;
  for (const auto& op : operators()) known += (known.empty() ? "" : ", ") + op.info.name;
  throw Error(detail::concat("unknown mutation operator '", name, "' (known: ", known, ")"));
}

std::string mutate(Spec& s, Rng& rng) {
  static const char* const kinds[] = {kAddSkip, kRemoveLayer, kChangeFilters};
  // A kind with nothing to apply (no place for a skip edge in a two-block network) is drawn again;
  // change filter numbers always applies to a valid spec, so this ends quickly.
  for (int attempt = 0; attempt < 64; ++attempt) {
    const std::string kind = kinds[rng.below(3)];
    std::vector<std::vector<Site>> applicable;
    for (const auto& op : operators()) {
      if (op.info.kind != kind) continue;
      auto sites = op.sites(s);
      if (!sites.empty()) applicable.push_back(std::move(sites));
    }
    if (applicable.empty()) continue;
    return apply_site(s, applicable[rng.below(applicable.size())], rng);
  }
  return "";
}

const PoolArch& Pool::find(const std::string& id) const {
  for (const auto& a : archs)
    if (a.id == id) return a;
  std::string some;
  for (std::size_t i = 0; i < archs.size() && i < 5; ++i) some += (i ? ", " : "") + archs[i].id;
  throw Error(detail::concat("no architecture '", id, "' in the pool (", archs.size(), " architectures: ", some,
                             archs.size() > 5 ? ", ..." : "", ")"));
}

Pool generate_pool(const PoolOptions& o) {
  NASRANK_CHECK(o.count >= 1 && o.count <= 100000, "--count must be 1..100000 (got ", o.count, ")");
  NASRANK_CHECK(o.min_mutations >= 1 && o.min_mutations <= o.max_mutations && o.max_mutations <= 50,
                "--mutations must be MIN..MAX with 1 <= MIN <= MAX <= 50 (got ", o.min_mutations, "..", o.max_mutations,
                ")");
  NASRANK_CHECK(o.max_params >= 0, "--max-params must be 0 (no limit) or positive (got ", o.max_params, ")");
  NASRANK_CHECK(o.max_macs >= 0, "--max-macs must be 0 (no limit) or positive (got ", o.max_macs, ")");
  const Spec base = shaped_base(o.base, o.in_channels, o.image_size, o.classes);

  check_spread(o.spread, "--spread '" + o.spread + "' is not one of: ");
  const bool spread = o.spread != "none";
  NASRANK_CHECK(!spread || o.count <= 10000, "--spread takes --count up to 10000 (it draws ", kSpreadCandidates,
                " candidates per member; got ", o.count, ")");
  // Spreading picks `count` of many candidates; without it the first `count` drawn are the pool.
  const std::int64_t wanted = spread ? o.count * kSpreadCandidates : o.count;

  Pool pool;
  pool.options = o;
  pool.generator_version = kGeneratorVersion;
  Rng rng(o.seed);
  // Distinct by canonical form (the hash of which is in the file): equal texts, equal networks.
  std::set<std::string> seen = {nas::canonical_text(base)};
  const std::int64_t max_draws = 200 * wanted + 1000;
  std::int64_t draws = 0, over_limit = 0, repeated = 0;
  const auto span = static_cast<std::uint64_t>(o.max_mutations - o.min_mutations + 1);
  for (; draws < max_draws && static_cast<std::int64_t>(pool.archs.size()) < wanted; ++draws) {
    Spec s = base;
    std::vector<std::string> log;
    const std::int64_t n = o.min_mutations + static_cast<std::int64_t>(rng.below(span));
    for (std::int64_t k = 0; k < n; ++k) {
      std::string entry = mutate(s, rng);
      if (!entry.empty()) log.push_back(std::move(entry));
    }
    nas::validate(s);  // the operators keep specs valid; a throw here is a bug worth seeing
    const std::int64_t params = nas::count_params(s), macs = nas::count_macs(s);
    if ((o.max_params && params > o.max_params) || (o.max_macs && macs > o.max_macs)) {
      ++over_limit;
      continue;
    }
    if (!seen.insert(nas::canonical_text(s)).second) {
      ++repeated;
      continue;
    }
    pool.archs.push_back({"", std::move(s), std::move(log), params, macs});
  }
  if (spread && static_cast<std::int64_t>(pool.archs.size()) >= o.count)
    pool.archs = spread_out(std::move(pool.archs), o.count, o.spread == "params");
  NASRANK_CHECK(static_cast<std::int64_t>(pool.archs.size()) == o.count, "found only ", pool.archs.size(), " of ",
                o.count, " distinct architectures in ", draws, " draws (", over_limit,
                " over --max-params/--max-macs, ", repeated, " repeats): loosen the limits or widen --mutations");
  for (std::size_t i = 0; i < pool.archs.size(); ++i)
    pool.archs[i].id = format_id(static_cast<std::int64_t>(i), o.count);
  return pool;
}

Pool base_pool(const std::string& base, std::int64_t in_channels, std::int64_t image_size, std::int64_t classes) {
  Pool pool;
  pool.options.base = base;
  pool.options.in_channels = in_channels;
  pool.options.image_size = image_size;
  pool.options.classes = classes;
  pool.options.count = 1;
  pool.options.min_mutations = pool.options.max_mutations = 0;
  const Spec s = shaped_base(base, in_channels, image_size, classes);
  pool.archs.push_back({base, s, {}, nas::count_params(s), nas::count_macs(s)});
  return pool;
}

nlohmann::ordered_json pool_document(const Pool& p) {
  using ordered = nlohmann::ordered_json;
  ordered archs = ordered::array();
  for (const auto& a : p.archs)
    archs.push_back({{"id", a.id},
                     {"hash", nas::canonical_hash(a.spec)},
                     {"params", a.params},
                     {"macs", a.macs},
                     {"depth", nas::depth(a.spec)},
                     {"mutations", a.mutations},
                     {"spec", nas::to_ordered_json(a.spec)}});
  const auto& o = p.options;
  ordered doc = {{"format", "nasrank-pool"},
                 {"version", 1},
                 {"generator_version", p.generator_version},
                 {"seed", o.seed},
                 {"base", o.base},
                 {"input", {{"channels", o.in_channels}, {"size", o.image_size}}},
                 {"classes", o.classes},
                 {"mutations", {{"min", o.min_mutations}, {"max", o.max_mutations}}},
                 {"constraints", {{"max_params", o.max_params}, {"max_macs", o.max_macs}}}};
  // Written only when used, so pools drawn without it keep the bytes they always had.
  if (o.spread != "none") doc["spread"] = {{"by", o.spread}, {"candidates_per_member", kSpreadCandidates}};
  doc["architectures"] = archs;
  return doc;
}

nlohmann::json pool_to_json(const Pool& p) { return nlohmann::json(pool_document(p)); }

std::string pool_text(const Pool& p) { return nas::readable_json(pool_document(p)); }

namespace {

/// An optional integer field of the pool file: `fallback` when absent, an Error naming the field
/// when it is not an integer.
template <typename T>
T optional_integer(const nlohmann::json& object, const char* key, T fallback, const std::string& where) {
  if (!object.is_object() || !object.contains(key)) return fallback;
  const auto& v = object.at(key);
  if constexpr (std::is_unsigned_v<T>)
    NASRANK_CHECK(v.is_number_unsigned(), where, key, " must be a non-negative integer (got ", v.dump(), ")");
  else NASRANK_CHECK(v.is_number_integer(), where, key, " must be an integer (got ", v.dump(), ")");
  return v.get<T>();
}

}  // namespace

std::vector<std::string> pool_ids(const nlohmann::json& j, const std::string& source) {
  NASRANK_CHECK(j.is_object() && j.contains("architectures") && j["architectures"].is_array(), source,
                ": \"architectures\" must be an array");
  std::vector<std::string> ids;
  std::set<std::string> seen;
  const auto& list = j["architectures"];
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& a = list[i];
    const std::string where = source + ": architectures[" + std::to_string(i) + "]";
    NASRANK_CHECK(a.is_object() && a.contains("id") && a["id"].is_string(), where, ".id must be a string");
    const std::string id = a["id"].get<std::string>();
    NASRANK_CHECK(!id.empty(), where, ".id must not be empty");
    NASRANK_CHECK(seen.insert(id).second, where, ".id '", id, "' appears twice");
    NASRANK_CHECK(a.contains("spec"), where, ".spec is missing");
    ids.push_back(id);
  }
  return ids;
}

Pool pool_from_json(const nlohmann::json& j, const std::string& source) {
  NASRANK_CHECK(j.is_object() && j.contains("format") && j["format"] == "nasrank-pool", source,
                ": not a nasrank pool file (expected an object with \"format\": \"nasrank-pool\")");
  const std::int64_t version = optional_integer<std::int64_t>(j, "version", 1, source + ": ");
  NASRANK_CHECK(version == 1, source, ": pool file version ", version, " is not supported (this nasrank reads 1)");
  Pool p;
  const std::string at = source + ": ";
  p.generator_version = static_cast<int>(optional_integer<std::int64_t>(j, "generator_version", 1, at));
  p.options.seed = optional_integer<std::uint64_t>(j, "seed", 0, at);
  if (j.contains("base")) {
    NASRANK_CHECK(j["base"].is_string(), at, "base must be a string");
    p.options.base = j["base"].get<std::string>();
  }
  if (j.contains("input")) {
    p.options.in_channels = optional_integer<std::int64_t>(j["input"], "channels", 3, at + "input.");
    p.options.image_size = optional_integer<std::int64_t>(j["input"], "size", 32, at + "input.");
  }
  p.options.classes = optional_integer<std::int64_t>(j, "classes", 10, at);
  if (j.contains("mutations")) {
    p.options.min_mutations = optional_integer<std::int64_t>(j["mutations"], "min", 1, at + "mutations.");
    p.options.max_mutations = optional_integer<std::int64_t>(j["mutations"], "max", 5, at + "mutations.");
  }
  if (j.contains("constraints")) {
    p.options.max_params = optional_integer<std::int64_t>(j["constraints"], "max_params", 0, at + "constraints.");
    p.options.max_macs = optional_integer<std::int64_t>(j["constraints"], "max_macs", 0, at + "constraints.");
  }
  if (j.contains("spread")) {
    const auto& by = j["spread"].is_object() && j["spread"].contains("by") ? j["spread"]["by"] : nlohmann::json();
    p.options.spread = by.is_string() ? by.get<std::string>() : "";
    check_spread(p.options.spread, at + "spread.by must be one of: ");
  }
  const std::vector<std::string> ids = pool_ids(j, source);
  const auto& list = j["architectures"];
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& a = list[i];
    const std::string where = source + ": architectures[" + std::to_string(i) + "]";
    PoolArch arch;
    arch.id = ids[i];
    try {
      arch.spec = nas::spec_from_json(a["spec"], "architectures[" + std::to_string(i) + "].spec");
    } catch (const Error& e) {
      throw Error(detail::concat(source, ": ", e.what()));
    }
    if (a.contains("mutations")) {
      const auto& m = a["mutations"];
      NASRANK_CHECK(m.is_array(), where, ".mutations must be an array of strings");
      for (std::size_t k = 0; k < m.size(); ++k) {
        NASRANK_CHECK(m[k].is_string(), where, ".mutations[", k, "] must be a string");
        arch.mutations.push_back(m[k].get<std::string>());
      }
    }
    // The spec is the truth: counts are recomputed, so a hand-edited spec is described correctly.
    arch.params = nas::count_params(arch.spec);
    arch.macs = nas::count_macs(arch.spec);
    p.archs.push_back(std::move(arch));
  }
  p.options.count = static_cast<std::int64_t>(p.archs.size());
  return p;
}

Pool load_pool(const std::string& path) {
  const std::string text = read_file(path);
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    throw Error(detail::concat(path, ": not valid JSON (", e.what(), ")"));
  }
  if (j.is_object() && j.contains("format") && j["format"] == "nasrank-arch") {
    Pool p;
    nas::Spec spec;
    try {
      spec = nas::spec_from_json(j);
    } catch (const Error& e) {
      throw Error(detail::concat(path, ": ", e.what()));
    }
    p.options.base = "";
    p.options.in_channels = spec.in_channels;
    p.options.image_size = spec.image_size;
    p.options.classes = spec.classes;
    p.options.count = 1;
    p.options.min_mutations = p.options.max_mutations = 0;
    const std::string id = std::filesystem::path(path).stem().string();
    p.archs.push_back({id.empty() ? "spec" : id, spec, {}, nas::count_params(spec), nas::count_macs(spec)});
    return p;
  }
  return pool_from_json(j, path);
}

}  // namespace nasrank::generator
