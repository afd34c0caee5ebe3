#include "nasrank/study/study.h"

#include <sstream>

#include "nasrank/core/error.h"
#include "nasrank/core/files.h"
#include "nasrank/core/log.h"
#include "nasrank/generator/pool.h"
#include "nasrank/nas/counts.h"
#include "nasrank/ranking/study_report.h"
#include "nasrank/study/commands.h"
#include "nasrank/study/results.h"
#include "nasrank/trainer/data/dataset.h"
#include "nasrank/trainer/train.h"

namespace nasrank::study {
namespace fs = std::filesystem;

const std::vector<Preset>& presets() {
  static const std::vector<Preset> p = [] {
    std::vector<Preset> v;
    Preset quick{
        "quick",
        "the embedded default: 8 architectures spread from 1/25 of ResNet-18's parameters to all of "
        "them, width 1/8, 1536 Fashion-MNIST images, CPU, 2 to 3 min on 2 cores of the faster kind, about 8 min "
        "on the slower"};
    quick.archs = 8;
    // Sized to finish within 10 minutes on the slower 2-core machines (docs/perf.md, "The quick
    // study"): the earlier size (3072 images, 2000 for validation, budgets 0.5/1/2 of 8 epochs) took
    // 9 min 14 s on one and 18 min 15 s on another; this one does about 0.4 of its work.
    quick.budgets = {"1ep", "2ep"};
    quick.full_epochs = 6;
    quick.width = 0.125;
    quick.train_size = 1536;
    // 500 validation images: the binomial noise of an accuracy (SD 0.019 at 0.75) stays below the
    // spread between architectures of this pool (SD 0.056 measured on 1000).
    quick.val_size = 500;
    quick.concurrent = 2;
    // After a few hundred steps every member near the base's size reaches the same accuracy
    // (measured on 4096 images: 8 random members within 0.79..0.81, seeds disagreeing as much as
    // members), whatever the mutations; only size separates them that early. So the pool is
    // spread over log(parameters), from the smallest that 2 to 16 mutations reach up to the base.
    quick.min_mutations = 2;
    quick.max_mutations = 16;
    quick.spread = "params";
    quick.cap_at_base = true;
    // A second seed of the reference runs gives the target's reliability and the noise ceiling.
    quick.reference_seeds = 2;
    v.push_back(quick);
    // Sized with the pilots' variance (docs/results/README.md, "Sizing the cpu preset"): as many
    // architectures of a spread pool as about two hours of two cores allow, one proxy seed, two
    // reference seeds disjoint from it, budgets of 1 and 2 of 10 epochs, 5000 validation images.
    Preset cpu{"cpu",
               "a study for a 2-core CPU, about 2 h (twice that on the slower machines; run it in --time-limit "
               "slices): 64 architectures spread over sizes at width 1/8 on 8192 images, budgets 1 and 2 of 10 "
               "epochs, 1 seed (2 for the reference runs)"};
    cpu.archs = 64;
    cpu.budgets = {"1ep", "2ep"};
    cpu.seeds = 1;
    cpu.reference_seeds = 2;
    cpu.full_epochs = 10;
    cpu.width = 0.125;
    cpu.train_size = 8192;
    cpu.val_size = 5000;
    cpu.concurrent = 2;
    cpu.min_mutations = 2;
    cpu.max_mutations = 16;
    cpu.spread = "params";
    cpu.cap_at_base = true;
    v.push_back(cpu);
    Preset gpu{"gpu", "a scaled study for one GPU, about an hour: 32 full-width architectures on all of Fashion-MNIST"};
    gpu.archs = 32;
    gpu.budgets = {"1ep", "2ep", "5ep"};
    gpu.full_epochs = 30;
    gpu.device = "cuda";
    gpu.reference_seeds = 2;
    v.push_back(gpu);
    Preset paper{"paper",
                 "Appendix A exactly: 100 architectures, 200 epochs, budgets 1/2/10/20 epochs, 3 seeds "
                 "(CIFAR-10 with --dataset cifar10 --root DIR)"};
    paper.archs = 100;
    paper.budgets = {"1ep", "2ep", "10ep", "20ep"};
    paper.seeds = 3;
    paper.full_epochs = 200;
    paper.device = "auto";
    v.push_back(paper);
    return v;
  }();
  return p;
}

const Preset& find_preset(const std::string& name) {
  std::string names;
  for (const auto& p : presets()) {
    if (p.name == name) return p;
    names += (names.empty() ? "" : ", ") + p.name;
  }
  throw UsageError("--preset '" + name + "' is not one of: " + names);
}

namespace {

/// The commands a study has taken so far, rewritten to DIR/commands.txt after each.
class CommandLog {
 public:
  explicit CommandLog(fs::path file) : file_(std::move(file)) {}
  void add(const std::vector<std::string>& words, const std::string& note = "") {
    const std::string line = command_line(words);
    text_ += line + (note.empty() ? "" : "   # " + note) + "\n";
    write_file_atomic(file_, text_);
    if (note.empty()) LOG_INFO("study: ", line);
  }

 private:
  fs::path file_;
  std::string text_;
};

generator::PoolOptions pool_options(const Preset& p, const data::Dataset& data) {
  generator::PoolOptions o;
  o.count = p.archs;
  o.seed = p.pool_seed;
  o.in_channels = data.train.channels;
  o.image_size = data.train.height;
  o.classes = data.num_classes;
  o.min_mutations = p.min_mutations;
  o.max_mutations = p.max_mutations;
  o.spread = p.spread;
  o.max_params = p.max_params > 0 || !p.cap_at_base
                     ? p.max_params
                     : nas::count_params(nas::base_spec(o.base, o.in_channels, o.image_size, o.classes));
  return o;
}

PlanOptions plan_options(const Preset& p, const StudyOptions& o, const fs::path& pool, const fs::path& db) {
  PlanOptions plan;
  plan.db = db;
  plan.pool = pool;
  StudySettings& s = plan.settings;
  s.dataset.name = p.dataset;
  s.dataset.root = o.dataset_root;
  s.dataset.val_size = p.val_size;
  s.schedules = p.schedules;
  s.budgets = p.budgets;
  s.seeds = p.seeds;
  s.reference_seeds = p.reference_seeds;
  s.recipe.full_epochs = p.full_epochs;
  s.recipe.width = p.width;
  s.recipe.train_size = p.train_size;
  s.recipe.grad_norm = p.grad_norm;
  s.recipe.evals_per_run = p.evals_per_run;
  return plan;
}

}  // namespace

StudyResult run_study(const StudyOptions& o, StopRequests* stop) {
  const Preset& p = o.preset;
  NASRANK_CHECK(p.archs >= 2, "--archs must be at least 2: a ranking needs two architectures");
  NASRANK_CHECK(!p.budgets.empty(), "the study has no budgets: give --budgets");
  bool spread_known = false;
  for (const auto& s : generator::spread_names()) spread_known = spread_known || s == p.spread;
  NASRANK_CHECK(spread_known, "--spread '", p.spread, "' is not a pool spread (see 'nasrank generate --help')");

  NASRANK_CHECK(p.concurrent >= 1, "--concurrent must be at least 1 (got ", p.concurrent, ")");
  NASRANK_CHECK(o.time_limit >= 0, "--time-limit must be at least 0 seconds (got ", o.time_limit, ")");
  NASRANK_CHECK(p.device != "cuda" || trainer::cuda_available(),
                "--device cuda: no CUDA GPU is visible; run with --device cpu, or where a GPU is");
  const fs::path pool = o.out / "pool.json", db = o.out / "runs.db";

  // Everything that can be checked is checked before the first write, so that bad settings leave
  // no pool, no commands.txt and no store behind: the dataset, the pool (generated in memory, or
  // the study's own when it resumes), the plan's settings, and the store's plan when it exists.
  data::DatasetOptions data_opt;
  data_opt.name = p.dataset;
  data_opt.root = o.dataset_root;
  data_opt.val_size = p.val_size;
  const data::Dataset data = data::load_dataset(data_opt);
  if (data.synthetic) LOG_WARN("study on SYNTHETIC data: its rankings say nothing about real datasets");
  const generator::PoolOptions pool_opt = pool_options(p, data);
  const bool pool_exists = fs::exists(pool);
  const std::string pool_file_text =
      pool_exists ? read_file(pool) : generator::pool_text(generator::generate_pool(pool_opt));
  const PlanOptions plan = plan_options(p, o, pool, db);
  const StudySettings settings = normalized(plan.settings);
  const PoolText stored_pool = pool_from_text(pool_file_text, pool.string());
  const data::DatasetShape shape{data.train.channels, data.train.height, data.num_classes};
  validate_pool(pool_file_text, pool.string(), &shape, data.name);
  if (fs::exists(db)) {
    Store store = Store::open(db, Store::Mode::read_only);
    if (const auto planned = store.study(); planned && planned->plan_hash != plan_hash(settings, stored_pool.text)) {
      std::string list;
      for (const auto& c : settings_differences(planned->settings_json, planned->pool_text, settings_to_json(settings),
                                                stored_pool.text))
        list += (list.empty() ? "" : "; ") + c;
      throw Error(nasrank::detail::concat("the study in ", o.out.string(), " was made with other settings (", list,
                                          "); give the same settings to resume it, or another --out"));
    }
  }

  std::error_code ec;
  fs::create_directories(o.out, ec);
  NASRANK_CHECK(!ec, "cannot create ", o.out.string(), ": ", ec.message());
  CommandLog commands(o.out / "commands.txt");
  StudyResult result;

  // 1. The pool, shaped for the dataset (kept when it exists: a study resumes with its own pool).
  if (!pool_exists) {
    commands.add(generate_command(pool_opt, pool.string()));
    write_file_atomic(pool, pool_file_text);
  } else {
    commands.add(generate_command(pool_opt, pool.string()), "kept: " + pool.string() + " exists");
    LOG_INFO("study: using the existing pool ", pool.string());
  }

  // 2. The plan (planning again with the same settings adds nothing).
  commands.add(plan_command(plan));
  result.plan = plan_sweep(plan);

  // 3. The runs.
  RunOptions run;
  run.db = db;
  run.worker.device.device = p.device;
  run.worker.time_limit = o.time_limit;
  run.concurrent = p.concurrent;
  run.zero_cost = p.zero_cost;
  run.worker_program = o.worker_program;
  commands.add(run_command(run));
  const RunResult ran = run_sweep(run, stop);
  result.status = ran.status;
  result.finished = ran.status.total > 0 && ran.status.done == ran.status.total;
  result.interrupted = ran.interrupted;
  if (result.interrupted) return result;

  // 4. Tables and report, of whatever is done.
  result.tables = o.out / "tables.md";
  commands.add({"nasrank", "rank", "--db", db.string(), "--out", result.tables.string()});
  write_file_atomic(result.tables, ranking::render_markdown(rank_store(db, o.statistics)));
  reports::ReportOptions report_opt;
  report_opt.study = o.statistics;
  report_opt.title = "Rank prediction under training budgets: " + p.name + " study on " + p.dataset;
  commands.add({"nasrank", "report", "--db", db.string(), "--out", (o.out / "report").string()});
  result.report = report_store(db, o.out / "report", report_opt);
  if (!result.finished)
    LOG_WARN(
        "the sweep is not finished (time limit or failures): the report shows what is done; run the same "
        "command again to resume");
  return result;
}

}  // namespace nasrank::study
