#include "nasrank/study/results.h"

#include <algorithm>
#include <map>

#include "nasrank/core/error.h"
#include "nasrank/core/log.h"
#include "nasrank/core/text_table.h"
#include "nasrank/generator/pool.h"
#include "nasrank/nas/counts.h"
#include "nasrank/study/status.h"
#include "nasrank/study/store.h"
#include "nasrank/trainer/proxies.h"
#include "nasrank/trainer/schedule.h"

namespace nasrank::study {

namespace {

Store open_existing(const std::filesystem::path& db) {
  NASRANK_CHECK(std::filesystem::exists(db), "no sweep store at ", db.string(),
                " (create one with 'nasrank sweep plan')");
  return Store::open(db, Store::Mode::read_only);
}

std::string most_common(const std::vector<std::string>& values) {
  std::map<std::string, int> count;
  for (const auto& v : values) ++count[v];
  std::string best;
  int n = 0;
  for (const auto& [v, c] : count)
    if (c > n) best = v, n = c;
  return best;
}

std::vector<ranking::RunResult> runs_of(Store& store) { return store.finished_runs(Store::Curves::with); }

/// The store's scores in the registry's order (synflow first, the trivial baselines last), which
/// is the order tables list them in.
std::vector<ranking::ZeroCostScore> zero_cost_of(Store& store) {
  std::map<std::string, std::size_t> rank;
  for (const auto& name : trainer::proxy_names()) rank.emplace(name, rank.size());
  auto stored = store.zero_cost();
  std::stable_sort(stored.begin(), stored.end(), [&](const StoredZeroCost& a, const StoredZeroCost& b) {
    const auto ra = rank.count(a.score) ? rank[a.score] : rank.size(),
               rb = rank.count(b.score) ? rank[b.score] : rank.size();
    return ra < rb;
  });
  std::vector<ranking::ZeroCostScore> out;
  for (const auto& z : stored) out.push_back({z.arch, z.score, z.value, z.seconds});
  return out;
}
}  // namespace

reports::StudyReportInput load_report_input(const std::filesystem::path& db) {
  Store store = open_existing(db);
  const auto study = store.study();
  NASRANK_CHECK(study.has_value(), db.string(), " holds no study yet (run 'nasrank sweep plan' first)");
  const auto& settings = study->settings;
  NASRANK_CHECK(settings.reference_runs, db.string(),
                " was planned without reference (full-budget) runs ('sweep plan "
                "--no-reference-runs', as 'nasrank search' plans its rungs), so there is no full-budget ranking to "
                "report against; plan a study with them");
  reports::StudyReportInput in;

  in.zero_cost = zero_cost_of(store);
  in.runs = store.finished_runs(Store::Curves::with);
  const auto& finished = in.runs;
  std::vector<std::string> devices;
  for (const auto& f : finished) devices.push_back(f.device);

  const nlohmann::json pool_json = nlohmann::json::parse(study->pool_text);
  auto& s = in.settings;
  s.dataset = settings.dataset.name + (settings.dataset.name == "synthetic" ? " (SYNTHETIC data)" : "");
  if (pool_json.value("format", "") == "nasrank-import") {
    // Runs trained elsewhere (nasrank import): the architectures are ids with the counts the rows gave.
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> counts;
    for (const auto& f : finished) counts[f.arch] = {f.params, f.macs};
    for (const auto& a : pool_json.at("architectures")) {
      const std::string id = a.at("id").get<std::string>();
      in.archs.push_back({id, counts[id].first, counts[id].second, 0, ""});
    }
    s.dataset = "as recorded in " + pool_json.value("source", std::string("the imported file"));
    s.pool = std::to_string(in.archs.size()) + " architectures imported by 'nasrank import' from " +
             pool_json.value("source", std::string("a file")) + " (trained elsewhere; the budgeted result is " +
             pool_json.value("metric", std::string("val_acc")) +
             (pool_json.value("negated", false) ? ", negated because lower is better)" : ")");
  } else {
    // The pool, with counts of the networks as trained (at the study's width).
    const generator::Pool pool = generator::pool_from_json(pool_json, db.string() + " (pool)");
    for (const auto& a : pool.archs) {
      const nas::Spec trained = settings.recipe.width == 1.0 ? a.spec : nas::scale_width(a.spec, settings.recipe.width);
      std::string log;
      for (const auto& m : a.mutations) log += (log.empty() ? "" : "; ") + m;
      in.archs.push_back(
          {a.id, nas::count_params(trained), nas::count_macs(trained), static_cast<int>(nas::depth(a.spec)), log});
    }

    s.pool = std::to_string(pool.archs.size()) + " architectures, seed " + std::to_string(pool.options.seed) +
             ", base " + pool.options.base;
    // A spread pool is chosen to span sizes, unlike the paper's plain draws: size-driven scores
    // (params, grad_norm, ...) then have more to rank, which a reader must know.
    if (pool.options.spread != "none")
      s.pool += ", " + std::to_string(pool.options.min_mutations) + ".." + std::to_string(pool.options.max_mutations) +
                " mutations, spread over log(" + pool.options.spread + ") (the paper's pool is not)";
  }
  s.schedules = settings.schedules;
  s.budgets = settings.budgets;
  s.seeds = settings.seeds;
  s.full_epochs = settings.recipe.full_epochs;
  s.reference_schedule = settings.reference_schedule;
  s.hardware = devices.empty() ? "" : most_common(devices);
  s.toolkit_version = NASRANK_VERSION;
  const auto timings = store.run_timings();
  if (!timings.empty()) {
    double first = timings.front().claimed_at, last = timings.front().finished_at;
    for (const auto& t : timings) first = std::min(first, t.claimed_at), last = std::max(last, t.finished_at);
    s.wall_seconds = last - first;
  }
  s.details = study->settings_json;

  // Figure 2: the study's schedules as functions of progress.
  std::vector<trainer::Schedule> schedules;
  std::vector<std::string> names;  // an imported study may name schedules nasrank does not know
  for (const auto& name : settings.schedules) try {
      schedules.push_back(trainer::Schedule::parse(name));
      names.push_back(name);
    } catch (const Error&) {}
  const trainer::ScheduleSamples samples =
      trainer::sample_by_progress(schedules, 201, trainer::ScheduleContext{1, settings.recipe.full_epochs});
  for (std::size_t k = 0; k < schedules.size(); ++k)
    in.schedule_curves.push_back({names[k], samples.p, samples.ratio[k]});

  // What is still missing, by schedule and budget.
  const SweepStatus status = sweep_status(store);
  auto& p = in.progress;
  p.known = true;
  p.total = status.total;
  p.done = status.done;
  p.pending = status.pending;
  p.running = status.running;
  p.failed = status.failed;
  std::map<std::tuple<std::string, std::string, bool>, reports::MissingWork> missing;
  for (const auto& j : store.jobs()) {
    if (j.status == "done") continue;
    auto& m = missing[{j.key.schedule, j.key.reference ? "full" : j.key.budget, j.key.reference}];
    m.schedule = j.key.schedule;
    m.budget = j.key.reference ? "full" : j.key.budget;
    m.reference = j.key.reference;
    if (j.status == "pending") ++m.pending;
    else if (j.status == "running") ++m.running;
    else ++m.failed;
    if (!j.error.empty()) m.last_error = j.error;
  }
  for (auto& [key, m] : missing) p.missing.push_back(m);
  return in;
}

ranking::StudyTables rank_store(const std::filesystem::path& db, const ranking::StudyOptions& options) {
  (void)ranking::find_statistic(options.tau_variant);  // an unknown name is a clear error here
  const std::string name = db.string();
  Store store = open_existing(db);
  const auto study = store.study();
  NASRANK_CHECK(!study || study->settings.reference_runs, name,
                " was planned without reference (full-budget) runs ('sweep plan "
                "--no-reference-runs', as 'nasrank search' plans its rungs), so there is no full-budget ranking to "
                "rank against; plan a study with them");
  const auto runs = runs_of(store);
  NASRANK_CHECK(!runs.empty(), name, " has no finished runs yet (see 'nasrank sweep status --db ", name, "')");
  NASRANK_CHECK(std::any_of(runs.begin(), runs.end(), [](const ranking::RunResult& r) { return !r.reference; }), name,
                " has only reference (full-budget) runs finished, so there is no small-budget result to rank "
                "against them yet (see 'nasrank sweep status --db ",
                name, "')");
  ranking::StudyTables tables = ranking::build_study_tables(runs, options, zero_cost_of(store));
  if (tables.architectures_used == 0) {
    // The tables print empty (the zero-cost costs and the exclusions still say something), so
    // say which reference runs are missing rather than leave a reader with blanks.
    std::size_t unfinished = 0;
    for (const auto& e : tables.excluded) unfinished += e.reason.rfind("no reference", 0) == 0;
    LOG_WARN(name, " has no architecture with a usable reference (full-budget) run, so every correlation is empty (of ",
             tables.architectures_seen, " architectures, without a finished reference run: ", unfinished,
             "; with reference runs that diverged, stayed untrainable or gave no accuracy: ",
             tables.excluded.size() - unfinished, "; see 'nasrank sweep status --db ", name, "')");
  }
  return tables;
}

reports::ReportResult report_store(const std::filesystem::path& db, const std::filesystem::path& out,
                                   const reports::ReportOptions& options) {
  const reports::StudyReportInput input = load_report_input(db);
  return reports::write_study_report(input, out, options);  // which says what it wrote
}

}  // namespace nasrank::study
