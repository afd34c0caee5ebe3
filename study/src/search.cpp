#include "nasrank/study/search.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>

#include <nlohmann/json.hpp>

#include "nasrank/core/csv.h"
#include "nasrank/core/error.h"
#include "nasrank/core/files.h"
#include "nasrank/core/json_number.h"
#include "nasrank/core/log.h"
#include "nasrank/core/text_table.h"
#include "nasrank/generator/pool.h"
#include "nasrank/nas/counts.h"
#include "nasrank/ranking/finite_stats.h"
#include "nasrank/study/sweep.h"
#include "nasrank/trainer/budget.h"
#include "nasrank/trainer/schedule.h"

namespace nasrank::study {
namespace {

namespace fs = std::filesystem;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// One architecture's result at one rung: the median over seeds of its best validation accuracy.
struct RungResult {
  double accuracy = kNaN;
  std::string status;  ///< ok, or the first diverged/untrainable status among its runs
};

struct Rung {
  SearchRung info;
  std::vector<std::string> archs;  ///< trained at this rung, in pool order
  std::map<std::string, RungResult> results;
};

/// Architectures best first: by accuracy, ties by id; diverged ones and those without a result
/// last, by id. An untrainable run keeps its place by accuracy: at a small budget most networks
/// are still near chance, and their order is the measurement.
std::vector<std::string> order_by_result(const std::vector<std::string>& archs,
                                         const std::map<std::string, RungResult>& results) {
  std::vector<std::string> order = archs;
  auto key = [&](const std::string& a) {
    const auto it = results.find(a);
    const bool good = it != results.end() && it->second.status != "diverged" && std::isfinite(it->second.accuracy);
    return std::make_pair(good ? 0 : 1, good ? -it->second.accuracy : 0.0);
  };
  std::stable_sort(order.begin(), order.end(), [&](const std::string& l, const std::string& r) {
    const auto kl = key(l), kr = key(r);
    return kl != kr ? kl < kr : l < r;
  });
  return order;
}

std::map<std::string, RungResult> read_results(const fs::path& db) {
  Store store = Store::open(db, Store::Mode::read_only);
  std::map<std::string, std::vector<double>> acc;
  std::map<std::string, RungResult> out;
  for (const auto& r : store.finished_runs()) {
    RungResult& res = out[r.arch];
    if (res.status.empty()) res.status = "ok";
    if (r.status != "ok" && res.status == "ok") res.status = r.status;
    acc[r.arch].push_back(r.best_val_acc);
  }
  for (auto& [arch, res] : out) res.accuracy = ranking::finite::median(acc[arch]);
  return out;
}

generator::Pool sub_pool(const generator::Pool& pool, const std::vector<std::string>& ids) {
  generator::Pool sub = pool;
  sub.archs.clear();
  for (const auto& a : pool.archs)
    if (std::find(ids.begin(), ids.end(), a.id) != ids.end()) sub.archs.push_back(a);
  return sub;
}

std::string cell(double v) { return std::isfinite(v) ? format_fixed(v, 4) : ""; }

nlohmann::ordered_json number_or_null(double v) { return nlohmann::ordered_json(json_number(v)); }

/// Runs the search's rungs and retraining, each a sweep store of its own.
class Search {
 public:
  Search(const SearchOptions& o, StopRequests* stop) : o_(o), stop_(stop), started_(std::chrono::steady_clock::now()) {}

  /// Plans (or re-opens) the store of one rung and runs what is left of it. Returns whether every
  /// job of the rung is done.
  bool run_rung(const fs::path& db, const StudySettings& settings, const generator::Pool& pool) {
    const std::string text = generator::pool_to_json(pool).dump(2);
    {
      Store store = Store::open(db, Store::Mode::create);
      const PlanOutcome out = store.apply_plan(settings, pool_from_text(text, db.string()), o_.force_replan);
      if (out.added > 0) LOG_INFO("search: ", db.filename().string(), ": planned ", out.added, " runs");
    }
    RunOptions run;
    run.db = db;
    run.worker.device = o_.device;
    run.worker.dataset_root = o_.dataset.root;
    run.worker.time_limit = time_left();
    run.concurrent = o_.concurrent;
    run.worker_program = o_.worker_program;
    const RunResult r = run_sweep(run, stop_);
    interrupted_ = interrupted_ || r.interrupted;
    return r.status.done == r.status.total;
  }

  bool interrupted() const { return interrupted_; }

 private:
  double time_left() const {
    if (o_.time_limit <= 0) return 0;
    const double spent = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
    return std::max(1.0, std::floor(o_.time_limit - spent));
  }

  const SearchOptions& o_;
  StopRequests* stop_;
  std::chrono::steady_clock::time_point started_;
  bool interrupted_ = false;
};

/// The columns of the ranking table and CSV.
std::vector<std::string> header(const SearchResult& r) {
  std::vector<std::string> h = {"rank", "arch", "rung", "status"};
  for (const auto& g : r.rungs) h.push_back("acc_" + g.budget);
  h.insert(h.end(), {"params", "macs", "top_k"});
  if (r.retrain) h.push_back("full_budget_acc");
  return h;
}

std::vector<std::string> cells(const SearchResult& r, const SearchRow& row) {
  std::vector<std::string> c = {std::to_string(row.rank), row.arch, std::to_string(row.rung), row.status};
  for (double a : row.accuracy) c.push_back(cell(a));
  c.insert(c.end(), {std::to_string(row.params), std::to_string(row.macs), row.top_k ? "true" : "false"});
  if (r.retrain) c.push_back(cell(row.full_accuracy));
  return c;
}

void write_outputs(const SearchOptions& o, const std::string& schedule, SearchResult& r) {
  std::string csv = csv_row(header(r));
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const auto& row : r.ranking) {
    nlohmann::ordered_json accs = nlohmann::ordered_json::object();
    for (std::size_t i = 0; i < r.rungs.size(); ++i) accs[r.rungs[i].budget] = number_or_null(row.accuracy[i]);
    csv += csv_row(cells(r, row));
    nlohmann::ordered_json j = {{"rank", row.rank}, {"arch", row.arch},     {"rung", row.rung}, {"status", row.status},
                                {"accuracy", accs}, {"params", row.params}, {"macs", row.macs}, {"top_k", row.top_k}};
    if (r.retrain) j["full_budget_acc"] = number_or_null(row.full_accuracy);
    rows.push_back(j);
  }
  nlohmann::ordered_json rung_json = nlohmann::ordered_json::array();
  for (const auto& g : r.rungs)
    rung_json.push_back({{"rung", g.index},
                         {"budget", g.budget},
                         {"epochs", g.epochs},
                         {"architectures", g.archs},
                         {"finished", g.finished},
                         {"store", g.store.string()}});
  const nlohmann::ordered_json doc = {{"format", "nasrank-search"}, {"version", 2},
                                      {"pool", o.pool.string()},    {"schedule", schedule},
                                      {"budget", o.recipe.budget},  {"full_epochs", o.recipe.full_epochs},
                                      {"halving", o.halving},       {"seeds", o.seeds},
                                      {"top_k", o.top_k},           {"complete", r.complete},
                                      {"rungs", rung_json},         {"ranking", rows}};
  r.json = o.out / "ranking.json";
  r.csv = o.out / "ranking.csv";
  write_file_atomic(r.json, doc.dump(2) + "\n");
  write_file_atomic(r.csv, csv);
}

}  // namespace

SearchResult run_search(const SearchOptions& o, StopRequests* stop) {
  NASRANK_CHECK(o.halving == 0 || o.halving >= 2, "--halving must be 0 (off) or at least 2 (got ", o.halving, ")");
  NASRANK_CHECK(o.seeds >= 1, "--seeds must be at least 1 (got ", o.seeds, ")");
  NASRANK_CHECK(o.concurrent >= 1, "--concurrent must be at least 1 (got ", o.concurrent, ")");
  const generator::Pool pool = generator::load_pool(o.pool.string());
  const int n = static_cast<int>(pool.archs.size());
  // A bad --pick is the caller's usage, though only the pool tells.
  if (o.top_k < 1 || o.top_k > n)
    throw UsageError(nasrank::detail::concat("--pick must lie in 1..", n, " (the pool's size), got ", o.top_k));
  const trainer::Schedule schedule = trainer::Schedule::parse(o.recipe.schedule);
  const trainer::Schedule retrain_schedule = trainer::Schedule::parse(o.retrain_schedule);
  const double first_epochs = trainer::Budget::parse(o.recipe.budget, o.recipe.full_epochs).epochs;

  // The settings every rung shares; the rung varies the budget and the pool.
  StudySettings settings;
  settings.dataset = o.dataset;
  settings.recipe = o.recipe;
  settings.schedules = {schedule.canonical()};
  settings.seeds = o.seeds;
  settings.reference_runs = false;

  std::error_code ec;
  fs::create_directories(o.out, ec);
  NASRANK_CHECK(!ec, "cannot create ", o.out.string(), ": ", ec.message());
  Search search(o, stop);

  std::vector<Rung> rungs;
  std::vector<std::string> alive;
  for (const auto& a : pool.archs) alive.push_back(a.id);
  bool complete = true;
  for (int r = 0;; ++r) {
    Rung rung;
    rung.info.index = r;
    rung.info.epochs = first_epochs * std::pow(o.halving > 0 ? o.halving : 1, r);
    rung.info.budget = r == 0 ? o.recipe.budget : epochs_text(rung.info.epochs);
    rung.info.archs = alive.size();
    rung.info.store = o.out / ("rung-" + std::to_string(r) + ".db");
    rung.archs = alive;
    StudySettings s = settings;
    s.budgets = {rung.info.budget};
    s = normalized(s);
    const generator::Pool members = sub_pool(pool, alive);
    if (r > 0)
      write_file_atomic(o.out / ("rung-" + std::to_string(r) + "-pool.json"), generator::pool_to_json(members).dump(2));
    LOG_INFO("search: rung ", r, ": ", alive.size(), " architectures at ", format_number(rung.info.epochs), " epochs (",
             rung.info.budget, ") under ", schedule.canonical());
    rung.info.finished = search.run_rung(rung.info.store, s, members);
    rung.results = read_results(rung.info.store);
    rungs.push_back(rung);
    if (!rung.info.finished || search.interrupted()) {
      complete = false;
      break;
    }
    if (o.halving == 0) break;
    const auto order = order_by_result(alive, rung.results);
    const std::size_t keep = static_cast<std::size_t>(std::ceil(double(alive.size()) / o.halving));
    const double next_epochs = rung.info.epochs * o.halving;
    if (alive.size() <= 1 || keep < 1 || next_epochs > o.recipe.full_epochs * (1 + 1e-12)) break;
    alive.assign(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(keep));
  }

  // The overall ranking: architectures that reached a later rung first, then by their accuracy
  // at the last rung they reached.
  std::vector<std::string> order;
  for (auto r = rungs.rbegin(); r != rungs.rend(); ++r)
    for (const auto& a : order_by_result(r->archs, r->results))
      if (std::find(order.begin(), order.end(), a) == order.end()) order.push_back(a);

  // Retraining the top K at the full budget.
  std::map<std::string, RungResult> full;
  if (o.retrain && complete) {
    const std::vector<std::string> top(order.begin(), order.begin() + std::min<std::ptrdiff_t>(o.top_k, order.size()));
    StudySettings s = settings;
    s.schedules = {retrain_schedule.canonical()};
    s.budgets = {"1"};
    s = normalized(s);
    const fs::path db = o.out / "retrain.db";
    write_file_atomic(o.out / "retrain-pool.json", generator::pool_to_json(sub_pool(pool, top)).dump(2));
    LOG_INFO("search: retraining the top ", top.size(), " at the full budget (", format_number(o.recipe.full_epochs),
             " epochs) under ", s.schedules.front());
    complete = search.run_rung(db, s, sub_pool(pool, top)) && !search.interrupted();
    full = read_results(db);
  }

  SearchResult result;
  result.retrain = o.retrain;
  result.complete = complete;
  result.interrupted = search.interrupted();
  for (const auto& r : rungs) result.rungs.push_back(r.info);
  for (std::size_t i = 0; i < order.size(); ++i) {
    SearchRow row;
    row.rank = i + 1;
    row.arch = order[i];
    row.status = "ok";
    for (const auto& r : rungs) {
      const auto it = r.results.find(row.arch);
      if (std::find(r.archs.begin(), r.archs.end(), row.arch) != r.archs.end()) row.rung = r.info.index;
      row.accuracy.push_back(it != r.results.end() ? it->second.accuracy : kNaN);
      if (it != r.results.end() && it->second.status != "ok") row.status = it->second.status;
    }
    const nas::Spec& spec = pool.find(row.arch).spec;
    const nas::Spec trained = o.recipe.width == 1.0 ? spec : nas::scale_width(spec, o.recipe.width);
    row.params = nas::count_params(trained);
    row.macs = nas::count_macs(trained);
    row.top_k = static_cast<int>(i) < o.top_k;
    if (const auto it = full.find(row.arch); it != full.end()) row.full_accuracy = it->second.accuracy;
    result.ranking.push_back(row);
  }
  write_outputs(o, schedule.canonical(), result);
  if (!complete)
    LOG_WARN(
        "the search is not finished (time limit, failures or a stop request): the ranking shows what is done; "
        "run the same command again to resume");
  LOG_INFO("search: wrote ", result.json.string(), " and ", result.csv.string());
  return result;
}

std::string render_table(const SearchResult& r) {
  TextTable table(header(r));
  for (const auto& row : r.ranking) table.add_row(cells(r, row));
  return table.render();
}

}  // namespace nasrank::study
