// Scores a study's pool at initialisation and stores the scores beside the training results.
#include "nasrank/study/zero_cost.h"

#include <chrono>
#include <cmath>
#include <map>
#include <set>

#include "nasrank/core/error.h"
#include "nasrank/core/log.h"
#include "nasrank/core/progress.h"
#include "nasrank/core/text_table.h"
#include "nasrank/study/store.h"
#include "nasrank/study/worker.h"
#include "nasrank/trainer/proxies.h"

namespace nasrank::study {

ZeroCostSummary score_pool(const std::filesystem::path& db, const ZeroCostOptions& o, const std::atomic<bool>* stop) {
  const auto t0 = std::chrono::steady_clock::now();
  Store store = Store::open(db);
  const auto study = store.study();
  NASRANK_CHECK(study, "the sweep store ", db.string(), " holds no plan yet: run 'nasrank sweep plan --db ",
                db.string(), " ...' first");
  const std::vector<std::string> names = trainer::resolve_proxy_names(o.scores);

  std::map<std::string, std::set<std::string>> have;
  for (const auto& z : store.zero_cost()) have[z.arch].insert(z.score);
  std::vector<std::string> todo;
  ZeroCostSummary summary;
  for (std::size_t i = 0; i < study->arch_ids.size(); ++i) {
    if (static_cast<std::int64_t>(i) % o.shard.count != o.shard.index) continue;
    const std::string& arch = study->arch_ids[i];
    bool complete = true;
    for (const auto& n : names) complete = complete && have[arch].count(n);
    if (complete) ++summary.had;
    else todo.push_back(arch);
  }
  if (todo.empty()) return summary;

  data::DatasetOptions data_options = study->settings.dataset;
  if (!o.dataset_root.empty()) data_options.root = o.dataset_root;
  const data::Dataset dataset = data::load_dataset(data_options);
  trainer::ProxyOptions proxy;
  proxy.scores = names;
  proxy.batch = o.batch;
  proxy.seed = o.seed;
  proxy.width = study->settings.recipe.width;  // the networks the study trains
  proxy.device = o.device;
  proxy.threads = o.threads;
  const generator::Pool pool = validate_pool(study->pool_text, "the pool of " + db.string());
  const std::string host = WorkerIdentity::current().host;
  LOG_INFO("zero-cost scores (", names.size(), " per architecture, batch ", o.batch, ", seed ", o.seed, ") of ",
           todo.size(), " architectures");
  Progress progress("zero-cost", static_cast<std::int64_t>(todo.size()));
  for (const auto& arch : todo) {
    if (stop && stop->load()) break;
    const trainer::ProxyScores s = trainer::compute_proxies(pool.find(arch).spec, dataset, proxy, arch);
    std::vector<StoredZeroCost> rows;
    for (const auto& [name, value] : s.value) {
      StoredZeroCost z;
      z.arch = arch;
      z.score = name;
      z.value = value;
      z.seconds = s.seconds.at(name);
      z.setup_seconds = s.setup_seconds;
      z.batch = o.batch;
      z.seed = o.seed;
      z.device = o.device;
      z.worker_host = host;
      if (!std::isfinite(value)) ++summary.nonfinite;
      rows.push_back(std::move(z));
    }
    store.put_zero_cost(rows, unix_time());
    ++summary.scored;
    progress.update(summary.scored);
    double seconds = s.setup_seconds;
    for (const auto& [name, t] : s.seconds) seconds += t;
    LOG_INFO("zero-cost ", arch, ": ", rows.size(), " scores in ", format_number(seconds, 3), " s (", progress.done(),
             "/", progress.total(), ", ETA ", format_duration(progress.eta_seconds()), ")");
  }
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return summary;
}

std::vector<trainer::ProxyScores> score_architectures(const std::vector<generator::PoolArch>& archs,
                                                      const data::Dataset& dataset,
                                                      const trainer::ProxyOptions& options) {
  std::vector<trainer::ProxyScores> rows;
  Progress progress("proxies", static_cast<std::int64_t>(archs.size()));
  std::int64_t nonfinite = 0;
  for (const auto& a : archs) {
    trainer::ProxyScores r = trainer::compute_proxies(a.spec, dataset, options, a.id);
    double total = r.setup_seconds;
    for (const auto& [name, s] : r.seconds) total += s;
    progress.update(progress.done() + 1);
    LOG_INFO("proxies ", progress.done(), "/", progress.total(), ": ", a.id, " in ", format_fixed(total, 2), " s, ETA ",
             format_duration(progress.eta_seconds()));
    const auto bad = trainer::nonfinite_scores(r);
    if (!bad.empty()) {
      std::string list;
      for (const auto& name : bad) list += (list.empty() ? "" : ", ") + name + " = " + format_number(r.value.at(name));
      LOG_WARN(a.id, ": non-finite score: ", list, " (kept as such; null in JSON)");
      nonfinite += static_cast<std::int64_t>(bad.size());
    }
    rows.push_back(std::move(r));
  }
  if (nonfinite > 0) LOG_WARN(nonfinite, " non-finite score(s) in ", rows.size(), " architecture(s)");
  return rows;
}

}  // namespace nasrank::study
