// Study settings, their JSON form and fingerprint, and the expansion of a plan into jobs.
#include "nasrank/study/plan.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <tuple>
#include <type_traits>

#include "nasrank/core/error.h"
#include "nasrank/generator/pool.h"
#include "nasrank/trainer/budget.h"
#include "nasrank/trainer/recipe_fields.h"
#include "nasrank/trainer/schedule.h"

namespace nasrank::study {
namespace {

using nlohmann::json;

/// FNV-1a, 64 bits: a fingerprint to tell plans apart, not a defence against forgery.
std::uint64_t fnv1a(const std::string& text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

json dataset_json(const data::DatasetOptions& d, bool with_root) {
  json j = {{"name", d.name}, {"val_size", d.val_size}, {"split_seed", d.split_seed}};
  if (with_root) j["root"] = d.root;
  if (d.name == "synthetic")
    j["synthetic"] = {{"train", d.synthetic_train},       {"test", d.synthetic_test},
                      {"channels", d.synthetic_channels}, {"size", d.synthetic_size},
                      {"classes", d.synthetic_classes},   {"seed", d.synthetic_seed}};
  return j;
}

json recipe_json(const trainer::TrainOptions& o) {
  const trainer::TrainOptions defaults;
  json j = json::object();
  trainer::for_each_recipe_field(
      [&](const trainer::RecipeField& f, const auto& value, const auto& default_value) {
        if (f.scope == trainer::RecipeScope::study && !(f.optional && value == default_value)) j[f.key] = value;
      },
      o, defaults);
  return j;
}

json budgets_json(const StudySettings& s) {
  json out = json::array();
  for (const auto& b : s.budgets)
    out.push_back({{"text", b}, {"epochs", budget_key(trainer::Budget::parse(b, s.recipe.full_epochs).epochs)}});
  return out;
}

template <typename T>
T field(const json& j, const char* parent, const char* key) {
  NASRANK_CHECK(j.is_object() && j.contains(key), "study settings: '", parent, ".", key, "' is missing");
  try {
    return j.at(key).get<T>();
  } catch (const json::exception&) {
    throw Error(nasrank::detail::concat("study settings: '", parent, ".", key, "' has the wrong type (",
                                        j.at(key).dump(), ")"));
  }
}

void diff(const json& a, const json& b, const std::string& path, std::vector<std::string>& out) {
  if (a == b) return;
  if (a.is_object() && b.is_object()) {
    std::set<std::string> keys;
    for (const auto& [k, v] : a.items()) keys.insert(k);
    for (const auto& [k, v] : b.items()) keys.insert(k);
    for (const auto& k : keys) {
      const std::string sub = path.empty() ? k : path + "." + k;
      if (sub == "dataset.root") continue;
      diff(a.contains(k) ? a[k] : json(), b.contains(k) ? b[k] : json(), sub, out);
    }
    return;
  }
  auto shorten = [](const json& v) {
    std::string s = v.is_null() ? "(none)" : v.dump();
    return s.size() > 80 ? s.substr(0, 77) + "..." : s;
  };
  out.push_back(path + ": " + shorten(a) + " -> " + shorten(b));
}

}  // namespace

std::vector<std::string> settings_differences(const json& before, const std::string& before_pool, const json& after,
                                              const std::string& after_pool) {
  std::vector<std::string> out;
  diff(before, after, "", out);
  if (before_pool != after_pool) {
    const auto a = pool_from_text(before_pool, "stored pool").arch_ids;
    const auto b = pool_from_text(after_pool, "new pool").arch_ids;
    if (a.size() != b.size())
      out.push_back(nasrank::detail::concat("pool: ", a.size(), " -> ", b.size(), " architectures"));
    else if (a != b) out.push_back("pool: different architecture ids");
    else out.push_back("pool: the same ids with different specs or metadata");
  }
  return out;
}

double budget_key(double epochs) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.12g", epochs);
  return std::strtod(buf, nullptr);
}

StudySettings normalized(StudySettings s) {
  NASRANK_CHECK(!s.schedules.empty(), "--schedules is empty: give at least one schedule (e.g. linear,cosine)");
  NASRANK_CHECK(!s.budgets.empty(), "--budgets is empty: give at least one budget (e.g. 1ep,2ep,10ep)");
  NASRANK_CHECK(s.seeds >= 1, "--seeds must be at least 1 (got ", s.seeds, ")");
  NASRANK_CHECK(s.reference_seeds >= 0, "--reference-seeds must be at least 1, or 0 for as many as --seeds (got ",
                s.reference_seeds, ")");
  if (s.reference_seeds == s.seeds) s.reference_seeds = 0;  // one way to write "the same"
  if (s.reference_seed_start == StudySettings::kAfterProxySeeds) s.reference_seed_start = s.seeds;
  NASRANK_CHECK(s.reference_seed_start >= 0, "--reference-seed-start must be 0 or more (got ", s.reference_seed_start,
                ")");
  if (!s.reference_runs) s.reference_seed_start = 0;  // nothing to place
  const auto& names = data::dataset_names();
  if (std::find(names.begin(), names.end(), s.dataset.name) == names.end()) {
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
    throw Error(nasrank::detail::concat("--dataset '", s.dataset.name, "' is not one of: ", list));
  }
  NASRANK_CHECK(s.recipe.full_epochs > 0 && std::isfinite(s.recipe.full_epochs), "--full-epochs must be positive (got ",
                s.recipe.full_epochs, ")");
  NASRANK_CHECK(s.recipe.batch > 0, "--batch must be positive (got ", s.recipe.batch, ")");
  NASRANK_CHECK(s.recipe.lr > 0 && std::isfinite(s.recipe.lr), "--lr must be positive (got ", s.recipe.lr, ")");
  NASRANK_CHECK(s.recipe.width > 0, "--width must be positive (got ", s.recipe.width, ")");
  NASRANK_CHECK(s.recipe.train_size >= 0, "--train-size must be at least 0 (got ", s.recipe.train_size, ")");
  std::vector<std::string> canonical;
  for (const auto& spec : s.schedules) {
    const std::string c = trainer::Schedule::parse(spec).canonical();
    NASRANK_CHECK(std::find(canonical.begin(), canonical.end(), c) == canonical.end(), "schedule '", spec,
                  "' is listed twice in --schedules (as ", c, ")");
    canonical.push_back(c);
  }
  s.schedules = canonical;
  s.reference_schedule = trainer::Schedule::parse(s.reference_schedule).canonical();
  std::set<double> seen;
  for (const auto& b : s.budgets) {
    const double e = budget_key(trainer::Budget::parse(b, s.recipe.full_epochs).epochs);
    NASRANK_CHECK(e <= s.recipe.full_epochs * (1 + 1e-12), "budget '", b, "' is longer than the full budget of ",
                  s.recipe.full_epochs, " epochs");
    NASRANK_CHECK(seen.insert(e).second, "budget '", b, "' is listed twice in --budgets (", e, " epochs)");
  }
  return s;
}

json settings_to_json(const StudySettings& s) {
  json j = {{"dataset", dataset_json(s.dataset, true)},
            {"recipe", recipe_json(s.recipe)},
            {"schedules", s.schedules},
            {"budgets", budgets_json(s)},
            {"seeds", s.seeds},
            {"reference_schedule", s.reference_schedule}};
  // Written only when off, so that the plans (and plan hashes) of studies with references stay as
  // they were before the field existed.
  if (!s.reference_runs) j["reference_runs"] = false;
  if (s.reference_runs && s.reference_seeds > 0) j["reference_seeds"] = s.reference_seeds;                 // likewise
  if (s.reference_runs && s.reference_seed_start > 0) j["reference_seed_start"] = s.reference_seed_start;  // likewise
  return j;
}

StudySettings settings_from_json(const json& j) {
  StudySettings s;
  const json& d = j.contains("dataset") ? j["dataset"] : json();
  s.dataset.name = field<std::string>(d, "dataset", "name");
  s.dataset.root = d.value("root", std::string());
  s.dataset.val_size = field<std::int64_t>(d, "dataset", "val_size");
  s.dataset.split_seed = field<std::uint64_t>(d, "dataset", "split_seed");
  if (d.contains("synthetic")) {
    const json& y = d["synthetic"];
    s.dataset.synthetic_train = field<std::int64_t>(y, "synthetic", "train");
    s.dataset.synthetic_test = field<std::int64_t>(y, "synthetic", "test");
    s.dataset.synthetic_channels = field<std::int64_t>(y, "synthetic", "channels");
    s.dataset.synthetic_size = field<std::int64_t>(y, "synthetic", "size");
    s.dataset.synthetic_classes = field<std::int64_t>(y, "synthetic", "classes");
    s.dataset.synthetic_seed = field<std::uint64_t>(y, "synthetic", "seed");
  }
  const json& r = j.contains("recipe") ? j["recipe"] : json();
  trainer::for_each_recipe_field(
      [&](const trainer::RecipeField& f, auto& value) {
        if (f.scope != trainer::RecipeScope::study || (f.optional && !r.contains(f.key))) return;  // the default
        value = field<std::decay_t<decltype(value)>>(r, "recipe", f.key);
      },
      s.recipe);
  s.schedules = field<std::vector<std::string>>(j, "study", "schedules");
  s.budgets.clear();
  for (const auto& b : field<json>(j, "study", "budgets"))
    s.budgets.push_back(field<std::string>(b, "budgets[]", "text"));
  s.seeds = field<std::int64_t>(j, "study", "seeds");
  s.reference_schedule = field<std::string>(j, "study", "reference_schedule");
  s.reference_runs = j.value("reference_runs", true);
  s.reference_seeds = j.value("reference_seeds", std::int64_t{0});
  // Absent in plans made before disjoint seeds: those shared seed 0.. with the proxies.
  s.reference_seed_start = j.value("reference_seed_start", std::int64_t{0});
  return s;
}

PoolText pool_from_text(const std::string& text, const std::string& source) {
  json j;
  try {
    j = json::parse(text);
  } catch (const json::exception& e) {  // a syntax error, or a number beyond a double
    throw Error(nasrank::detail::concat(source, ": not valid JSON (", e.what(), ")"));
  }
  NASRANK_CHECK(j.is_object() && j.contains("architectures"), source,
                ": not a pool file (expected an object with an 'architectures' array, as 'nasrank generate' writes)");
  PoolText pool;
  if (j.value("format", "") == "nasrank-import") {
    // Runs trained elsewhere (nasrank import): architectures are ids, without specs to train.
    for (const auto& a : j.at("architectures")) pool.arch_ids.push_back(a.at("id").get<std::string>());
  } else {
    pool.arch_ids = generator::pool_ids(j, source);
  }
  NASRANK_CHECK(!pool.arch_ids.empty(), source, ": the pool has no architectures");
  pool.text = j.dump();
  return pool;
}

std::string plan_hash(const StudySettings& s, const std::string& pool_text) {
  json j = settings_to_json(s);
  j["dataset"] = dataset_json(s.dataset, false);
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(fnv1a(j.dump() + "\n" + pool_text)));
  return buf;
}

std::vector<JobKey> plan_jobs(const std::vector<std::string>& arch_ids, const StudySettings& s) {
  NASRANK_CHECK(!s.budgets.empty() && !s.schedules.empty(), "a plan needs at least one budget and one schedule");
  struct Tier {
    std::string budget;
    double epochs;
    bool reference;
  };
  // Budgets ascending, with the reference tier right after the smallest one.
  std::vector<Tier> tiers;
  for (const auto& b : s.budgets)
    tiers.push_back({b, budget_key(trainer::Budget::parse(b, s.recipe.full_epochs).epochs), false});
  std::stable_sort(tiers.begin(), tiers.end(), [](const Tier& a, const Tier& b) { return a.epochs < b.epochs; });
  if (s.reference_runs) tiers.insert(tiers.begin() + 1, Tier{"1", budget_key(s.recipe.full_epochs), true});

  std::vector<JobKey> jobs;
  std::map<std::tuple<std::string, std::string, double, std::int64_t>, std::size_t> index;
  // Round r trains proxy seed r and reference seed start + r, so that targets arrive early whatever
  // seeds they take; with start 0 a round is a seed, as before disjoint seeds existed.
  const std::int64_t first_reference = std::max<std::int64_t>(0, s.reference_seed_start);
  const std::int64_t reference_count = s.reference_runs ? s.reference_seed_count() : 0;
  for (std::int64_t round = 0; round < std::max(s.seeds, reference_count); ++round) {
    for (const Tier& tier : tiers) {
      if (tier.reference ? round >= reference_count : round >= s.seeds) continue;
      const std::int64_t seed = tier.reference ? first_reference + round : round;
      const std::vector<std::string> schedules =
          tier.reference ? std::vector<std::string>{s.reference_schedule} : s.schedules;
      for (const auto& schedule : schedules) {
        for (const auto& arch : arch_ids) {
          const auto key = std::make_tuple(arch, schedule, tier.epochs, seed);
          if (auto it = index.find(key); it != index.end()) {
            jobs[it->second].reference = jobs[it->second].reference || tier.reference;
            continue;
          }
          index.emplace(key, jobs.size());
          JobKey k;
          k.arch = arch;
          k.schedule = schedule;
          k.budget = tier.budget;
          k.budget_epochs = tier.epochs;
          k.seed = seed;
          k.reference = tier.reference;
          k.order = static_cast<std::int64_t>(jobs.size());
          jobs.push_back(k);
        }
      }
    }
  }
  return jobs;
}

}  // namespace nasrank::study
