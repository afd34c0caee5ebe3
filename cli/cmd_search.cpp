// `nasrank search`: ranks a pool by training every architecture at a proxy budget (optionally as
// successive halving over budgets), and optionally retrains the best K at the full budget to
// confirm. Every rung is a sweep store of its own under --out, so the search resumes like a sweep.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "nasrank/core/csv.h"
#include "nasrank/core/error.h"
#include "nasrank/core/files.h"
#include "nasrank/core/log.h"
#include "nasrank/core/text_table.h"
#include "nasrank/generator/pool.h"
#include "nasrank/nas/counts.h"
#include "nasrank/trainer/budget.h"
#include "nasrank/trainer/schedule.h"
#include "nasrank/trainer/sweep/status.h"
#include "nasrank/trainer/sweep/store.h"
#include "recipe_options.h"

namespace nasrank::cli {
namespace {

namespace fs = std::filesystem;
namespace sw = trainer::sweep;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// One architecture's result at one rung: the median over seeds of its best validation accuracy.
struct RungResult {
  double accuracy = kNaN;
  std::string status;  ///< ok, or the first diverged/untrainable status among its runs
  double seconds = 0;  ///< summed over its runs
};

struct Rung {
  int index = 0;
  std::string budget;  ///< as planned ("2ep")
  double epochs = 0;
  std::vector<std::string> archs;  ///< trained at this rung, in pool order
  std::map<std::string, RungResult> results;
  bool finished = false;
};

double median(std::vector<double> v) {
  if (v.empty()) return kNaN;
  std::sort(v.begin(), v.end());
  const std::size_t m = v.size() / 2;
  return v.size() % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

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

/// Plans (or re-opens) the store of one rung and runs what is left of it through `sweep run`.
/// Returns whether every job of the rung is done.
bool run_rung(const fs::path& db, const sw::StudySettings& settings, const generator::Pool& pool,
              const Args& run_options) {
  const std::string text = generator::pool_to_json(pool).dump(2);
  {
    sw::Store store = sw::Store::open(db, sw::Store::Mode::create);
    const sw::PlanOutcome out = store.apply_plan(settings, sw::pool_from_text(text, db.string()), false);
    if (out.added > 0) LOG_INFO("search: ", db.filename().string(), ": planned ", out.added, " runs");
  }
  Args run = {"run", "--db", db.string()};
  run.insert(run.end(), run_options.begin(), run_options.end());
  NASRANK_CHECK(run_sweep(run) == 0, "search: the runs of ", db.string(), " failed (see the messages above)");
  sw::Store store = sw::Store::open(db, sw::Store::Mode::read_only);
  const sw::SweepStatus status = sw::sweep_status(store);
  return status.done == status.total;
}

std::map<std::string, RungResult> read_results(const fs::path& db) {
  sw::Store store = sw::Store::open(db, sw::Store::Mode::read_only);
  std::map<std::string, std::vector<double>> acc;
  std::map<std::string, RungResult> out;
  for (const auto& r : store.finished_runs()) {
    RungResult& res = out[r.arch];
    if (res.status.empty()) res.status = "ok";
    if (r.status != "ok" && res.status == "ok") res.status = r.status;
    if (std::isfinite(r.best_val_acc)) acc[r.arch].push_back(r.best_val_acc);
    res.seconds += r.seconds;
  }
  for (auto& [arch, res] : out) res.accuracy = median(acc[arch]);
  return out;
}

generator::Pool sub_pool(const generator::Pool& pool, const std::vector<std::string>& ids) {
  generator::Pool sub = pool;
  sub.archs.clear();
  for (const auto& a : pool.archs)
    if (std::find(ids.begin(), ids.end(), a.id) != ids.end()) sub.archs.push_back(a);
  return sub;
}

std::string epochs_text(double epochs) { return format_number(epochs, 12) + "ep"; }

std::string cell(double v) { return std::isfinite(v) ? format_fixed(v, 4) : ""; }

}  // namespace

int run_search(const Args& args) {
  std::string pool_path, out, retrain, retrain_schedule = "linear";
  int top_k = 0, halving = 0, concurrent = 1;
  std::int64_t seeds = 1, time_limit = 0;
  sw::StudySettings settings;
  trainer::TrainOptions device;
  po::options_description search("Search");
  search.add_options()
      ("pool", po::value(&pool_path)->required(), "pool file of architectures ('nasrank generate')")
      ("out", po::value(&out)->required(), "directory of the search: one sweep store per rung, ranking.json/.csv")
      ("top-k", po::value(&top_k)->required(), "how many of the best architectures to report as the search's pick "
                                                "(and to retrain with --retrain full)")
      ("retrain", po::value(&retrain), "'full': retrain the top K at the full budget to confirm their ranking")
      ("retrain-schedule", po::value(&retrain_schedule)->default_value(retrain_schedule),
       "schedule of the full-budget retraining (the paper trains its targets with linear)")
      ("halving", po::value(&halving)->default_value(0),
       "successive halving with factor ETA >= 2: keep the best 1/ETA at each rung and train them again at ETA "
       "times the budget, until one is left or the budget would pass the full budget (0: one rung)")
      ("seeds", po::value(&seeds)->default_value(seeds), "seeds per architecture and rung; the median counts")
      ("concurrent", po::value(&concurrent)->default_value(concurrent),
       "trainings side by side (as 'sweep run --concurrent')")
      ("time-limit", po::value(&time_limit)->default_value(0),
       "start no run after this many seconds (0: none); run the same command again to resume");
  trainer::TrainOptions recipe;
  po::options_description desc("search options");
  desc.add(search).add(dataset_options(settings.dataset)).add(recipe_options(recipe)).add(device_options(device));
  const CommandHelp help{
      "nasrank search --pool FILE --budget B --top-k K --out DIR [--schedule SPEC] [--halving ETA] "
      "[--retrain full] [options]",
      "Ranks every architecture of a pool by its best validation accuracy after training at a proxy budget\n"
      "with a budget-aware schedule (the paper's finding: linear decay at a small budget ranks best), and\n"
      "names the top K. Runs: one per architecture and seed at the proxy budget. With --halving ETA the\n"
      "search runs rungs: rung 0 trains all n at budget B, rung r trains the best ceil(n_{r-1}/ETA) of\n"
      "rung r-1 afresh at B x ETA^r (about n x B x (1 + 1 + ...) epochs in all: each rung costs about\n"
      "as much as the first). With --retrain full the top K are trained again at the full budget, and\n"
      "the ranking shows their full-budget accuracy beside the proxy's. Each rung is a sweep store in\n"
      "DIR (rung-0.db, rung-1.db, ..., retrain.db): run the same command again to resume, and inspect a\n"
      "rung with 'nasrank sweep status --db DIR/rung-0.db'. The ranking goes to stdout and to\n"
      "DIR/ranking.json and DIR/ranking.csv.",
      "  nasrank search --pool pool.json --budget 2ep --full-epochs 20 --top-k 5 --width 0.125 --out out/search\n"
      "  nasrank search --pool pool.json --budget 1ep --full-epochs 40 --halving 3 --top-k 3 --retrain full \\\n"
      "      --train-size 8192 --width 0.125 --concurrent 2 --out out/halving"};
  po::variables_map vm;
  if (!parse_args(args, help, desc, vm)) return 0;
  apply_switches(vm, recipe);
  apply_switches(vm, device);
  if (vm["budget"].defaulted()) throw UsageError("give the proxy budget with --budget (e.g. 2ep or 0.01)");
  if (vm.count("retrain") && retrain != "full") throw UsageError("--retrain takes 'full' (got '" + retrain + "')");
  if (halving == 1 || halving < 0) throw UsageError("--halving must be 0 (off) or at least 2 (got " + std::to_string(halving) + ")");
  NASRANK_CHECK(seeds >= 1, "--seeds must be at least 1 (got ", seeds, ")");
  NASRANK_CHECK(concurrent >= 1, "--concurrent must be at least 1 (got ", concurrent, ")");

  const generator::Pool pool = generator::load_pool(pool_path);
  const int n = static_cast<int>(pool.archs.size());
  NASRANK_CHECK(top_k >= 1 && top_k <= n, "--top-k must lie in 1..", n, " (the pool's size), got ", top_k);
  const trainer::Schedule schedule = trainer::Schedule::parse(recipe.schedule);
  const double first_epochs = trainer::Budget::parse(recipe.budget, recipe.full_epochs).epochs;

  // The settings every rung shares; the rung varies the budget and the pool.
  settings.recipe = recipe;
  settings.schedules = {schedule.canonical()};
  settings.seeds = seeds;
  settings.reference_runs = false;
  Args run_options = {"--device", device.device, "--concurrent", std::to_string(concurrent)};
  if (device.threads > 0) run_options.insert(run_options.end(), {"--threads", std::to_string(device.threads)});
  for (const char* sw_name : {"no-bf16", "no-channels-last", "no-cuda-graphs", "no-cudnn-benchmark"})
    if (vm.count(sw_name)) run_options.push_back(std::string("--") + sw_name);
  if (vm.count("root")) run_options.insert(run_options.end(), {"--root", settings.dataset.root});

  const fs::path dir(out);
  std::error_code ec;
  fs::create_directories(dir, ec);
  NASRANK_CHECK(!ec, "cannot create ", dir.string(), ": ", ec.message());
  const auto started = std::chrono::steady_clock::now();
  auto time_left = [&]() -> std::int64_t {
    if (time_limit <= 0) return 0;
    const auto spent = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started);
    return std::max<std::int64_t>(1, time_limit - spent.count());
  };
  auto with_time = [&](Args a) {
    if (time_limit > 0) a.insert(a.end(), {"--time-limit", std::to_string(time_left())});
    return a;
  };

  // The rungs.
  std::vector<Rung> rungs;
  std::vector<std::string> alive;
  for (const auto& a : pool.archs) alive.push_back(a.id);
  bool complete = true;
  for (int r = 0;; ++r) {
    Rung rung;
    rung.index = r;
    rung.epochs = first_epochs * std::pow(halving > 0 ? halving : 1, r);
    rung.budget = r == 0 ? recipe.budget : epochs_text(rung.epochs);
    rung.archs = alive;
    sw::StudySettings s = settings;
    s.budgets = {rung.budget};
    s = sw::normalized(s);
    const fs::path db = dir / ("rung-" + std::to_string(r) + ".db");
    const generator::Pool members = sub_pool(pool, alive);
    if (r > 0) write_file_atomic(dir / ("rung-" + std::to_string(r) + "-pool.json"), generator::pool_to_json(members).dump(2));
    LOG_INFO("search: rung ", r, ": ", alive.size(), " architectures at ", format_number(rung.epochs), " epochs (",
             rung.budget, ") under ", schedule.canonical());
    rung.finished = run_rung(db, s, members, with_time(run_options));
    rung.results = read_results(db);
    rungs.push_back(rung);
    if (!rung.finished) {
      complete = false;
      break;
    }
    if (halving == 0) break;
    const auto order = order_by_result(alive, rung.results);
    const std::size_t keep = static_cast<std::size_t>(std::ceil(double(alive.size()) / halving));
    const double next_epochs = rung.epochs * halving;
    if (alive.size() <= 1 || keep < 1 || next_epochs > recipe.full_epochs * (1 + 1e-12)) break;
    alive.assign(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(keep));
  }

  // The overall ranking: architectures that reached a later rung first, then by their accuracy
  // at the last rung they reached.
  std::vector<std::string> ranking;
  for (auto r = rungs.rbegin(); r != rungs.rend(); ++r)
    for (const auto& a : order_by_result(r->archs, r->results))
      if (std::find(ranking.begin(), ranking.end(), a) == ranking.end()) ranking.push_back(a);

  // Retraining the top K at the full budget.
  std::map<std::string, RungResult> full;
  bool retrained = false;
  if (vm.count("retrain") && complete) {
    const std::vector<std::string> top(ranking.begin(), ranking.begin() + std::min<std::ptrdiff_t>(top_k, ranking.size()));
    sw::StudySettings s = settings;
    s.schedules = {trainer::Schedule::parse(retrain_schedule).canonical()};
    s.budgets = {"1"};
    s = sw::normalized(s);
    const fs::path db = dir / "retrain.db";
    write_file_atomic(dir / "retrain-pool.json", generator::pool_to_json(sub_pool(pool, top)).dump(2));
    LOG_INFO("search: retraining the top ", top.size(), " at the full budget (", format_number(recipe.full_epochs),
             " epochs) under ", s.schedules.front());
    retrained = run_rung(db, s, sub_pool(pool, top), with_time(run_options));
    full = read_results(db);
    complete = complete && retrained;
  }

  // Outputs: a table on stdout, ranking.json and ranking.csv.
  std::map<std::string, const generator::PoolArch*> by_id;
  for (const auto& a : pool.archs) by_id[a.id] = &a;
  std::vector<std::string> header = {"rank", "arch", "rung", "status"};
  for (const auto& r : rungs) header.push_back("acc_" + r.budget);
  header.insert(header.end(), {"params", "macs", "top_k"});
  if (vm.count("retrain")) header.push_back("full_acc");
  TextTable table(header);
  std::string csv = csv_row(header);
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < ranking.size(); ++i) {
    const std::string& a = ranking[i];
    int reached = 0;
    std::string status = "ok";
    nlohmann::ordered_json accs = nlohmann::ordered_json::object();
    std::vector<std::string> cells = {std::to_string(i + 1), a};
    std::vector<std::string> acc_cells;
    for (const auto& r : rungs) {
      const auto it = r.results.find(a);
      const bool ran = std::find(r.archs.begin(), r.archs.end(), a) != r.archs.end();
      if (ran) reached = r.index;
      const double acc = it != r.results.end() ? it->second.accuracy : kNaN;
      if (it != r.results.end() && it->second.status != "ok") status = it->second.status;
      acc_cells.push_back(cell(acc));
      accs[r.budget] = std::isfinite(acc) ? nlohmann::ordered_json(acc) : nlohmann::ordered_json(nullptr);
    }
    const nas::Spec trained = recipe.width == 1.0 ? by_id[a]->spec : nas::scale_width(by_id[a]->spec, recipe.width);
    const std::int64_t params = nas::count_params(trained), macs = nas::count_macs(trained);
    const bool in_top = static_cast<int>(i) < top_k;
    cells.insert(cells.end(), {std::to_string(reached), status});
    cells.insert(cells.end(), acc_cells.begin(), acc_cells.end());
    cells.insert(cells.end(), {std::to_string(params), std::to_string(macs), in_top ? "yes" : ""});
    double full_acc = kNaN;
    if (vm.count("retrain")) {
      if (const auto it = full.find(a); it != full.end()) full_acc = it->second.accuracy;
      cells.push_back(cell(full_acc));
    }
    table.add_row(cells);
    csv += csv_row(cells);
    nlohmann::ordered_json row = {{"rank", i + 1}, {"arch", a}, {"rung", reached}, {"status", status},
                                  {"accuracy", accs}, {"params", params}, {"macs", macs}, {"top_k", in_top}};
    if (vm.count("retrain"))
      row["full_accuracy"] = std::isfinite(full_acc) ? nlohmann::ordered_json(full_acc) : nlohmann::ordered_json(nullptr);
    rows.push_back(row);
  }
  nlohmann::ordered_json rung_json = nlohmann::ordered_json::array();
  for (const auto& r : rungs)
    rung_json.push_back({{"rung", r.index}, {"budget", r.budget}, {"epochs", r.epochs},
                         {"architectures", r.archs.size()}, {"finished", r.finished},
                         {"store", (dir / ("rung-" + std::to_string(r.index) + ".db")).string()}});
  const nlohmann::ordered_json doc = {
      {"format", "nasrank-search"}, {"version", 1}, {"pool", pool_path}, {"schedule", schedule.canonical()},
      {"budget", recipe.budget}, {"full_epochs", recipe.full_epochs}, {"halving", halving}, {"seeds", seeds},
      {"top_k", top_k}, {"complete", complete}, {"rungs", rung_json}, {"ranking", rows}};
  write_file_atomic(dir / "ranking.json", doc.dump(2) + "\n");
  write_file_atomic(dir / "ranking.csv", csv);
  std::cout << table.render();
  if (!complete)
    LOG_WARN("the search is not finished (time limit or failures): the ranking shows what is done; run the same "
             "command again to resume");
  LOG_INFO("search: wrote ", (dir / "ranking.json").string(), " and ", (dir / "ranking.csv").string());
  return 0;
}

}  // namespace nasrank::cli
