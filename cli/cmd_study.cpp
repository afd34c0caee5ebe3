// `nasrank study`: the whole job in one command, generate the pool, plan and run the sweep, rank,
// and write the report, resuming where it stopped when run again with the same --out. It drives
// the same code as the separate commands, so each step can also be run by hand.
#include <filesystem>
#include <iostream>
#include <sstream>

#include "commands.h"
#include "nasrank/core/error.h"
#include "nasrank/core/files.h"
#include "nasrank/core/log.h"
#include "nasrank/core/text_table.h"
#include "nasrank/generator/pool.h"
#include "nasrank/nas/counts.h"
#include "nasrank/nas/spec.h"
#include "nasrank/reports/study_report.h"
#include "nasrank/trainer/data/dataset.h"
#include "nasrank/trainer/sweep/status.h"
#include "nasrank/trainer/sweep/store.h"
#include "study_source.h"

namespace nasrank::cli {

reports::ReportResult write_report(const std::string& db, const std::string& out, const reports::ReportOptions& options);

namespace {
namespace fs = std::filesystem;

/// A named, documented study size. Costs are measured figures where the README gives them.
struct Preset {
  std::string name;
  std::string summary;
  std::string dataset = "fashion-mnist";
  std::int64_t archs = 8;
  std::string schedules = "const,step-d2,cosine,linear";  // the paper's Table 6
  std::string budgets = "";  // every preset sets its own
  std::int64_t seeds = 1;
  /// Seeds of the full-budget reference runs (0: as many as `seeds`): two give the noise ceiling.
  std::int64_t reference_seeds = 0;
  double full_epochs = 10;
  double width = 1.0;
  std::int64_t train_size = 0;
  std::int64_t val_size = 5000;
  std::string device = "cpu";
  int concurrent = 1;
  std::uint64_t pool_seed = 0;
  /// Mutations per architecture, MIN..MAX (generate --mutations): more of them spread the pool.
  std::string mutations = "1..5";
  /// How the pool is chosen among the draws (generate --spread): none, as the paper, or params.
  std::string spread = "none";
  /// Most parameters a member may have at width 1 (generate --max-params; 0: no limit).
  std::int64_t max_params = 0;
  /// Members no larger than the base itself, shaped for the dataset (sets max_params when it is 0).
  bool cap_at_base = false;
  bool grad_norm = false;
  /// Score the pool with the zero-cost proxies too, so the report compares both families.
  bool zero_cost = true;
};

const std::vector<Preset>& presets() {
  static const std::vector<Preset> p = [] {
    std::vector<Preset> v;
    Preset quick{"quick", "the embedded default: 8 architectures spread from 1/25 of ResNet-18's parameters to all of "
                          "them, width 1/8, 3072 Fashion-MNIST images, CPU, ~9 min on 2 cores"};
    quick.archs = 8;
    quick.budgets = "0.5ep,1ep,2ep";
    quick.full_epochs = 8;
    quick.width = 0.125;
    quick.train_size = 3072;  // 4096 took 11 min on 2 cores; 3072 keeps the study within 10
    // 2000 rather than 1000 validation images halve the part of the seed-to-seed spread that is
    // only sampling of the validation set (measured: 0.015 -> 0.0096 between two seeds).
    quick.val_size = 2000;
    quick.concurrent = 2;
    quick.grad_norm = false;
    // After a few hundred steps every member near the base's size reaches the same accuracy
    // (measured on 4096 images: 8 random members within 0.79..0.81, seeds disagreeing as much as
    // members), whatever the mutations; only size separates them that early. So the pool is
    // spread over log(parameters), from the smallest that 2 to 16 mutations reach up to the base:
    // measured, its full-budget accuracies span 0.71..0.78 and two seeds agree at a tau of 0.91.
    quick.mutations = "2..16";
    quick.spread = "params";
    quick.cap_at_base = true;
    // A second seed of the 8 reference runs (about 2 minutes) gives the noise ceiling: how far two
    // full-budget runs of the same architectures agree, the bound every proxy is read against.
    quick.reference_seeds = 2;
    v.push_back(quick);
    Preset cpu{"cpu", "a scaled study for a 2-core CPU, ~1.5 h: 24 architectures at width 1/8 on 8192 images, 2 seeds"};
    cpu.archs = 24;
    cpu.budgets = "0.25ep,0.5ep,1ep,2ep";
    cpu.seeds = 2;
    cpu.full_epochs = 10;
    cpu.width = 0.125;
    cpu.train_size = 8192;
    cpu.val_size = 2000;
    cpu.concurrent = 2;
    v.push_back(cpu);
    Preset gpu{"gpu", "a scaled study for one GPU, about an hour: 32 full-width architectures on all of Fashion-MNIST"};
    gpu.archs = 32;
    gpu.budgets = "1ep,2ep,5ep";
    gpu.full_epochs = 30;
    gpu.device = "cuda";
    gpu.reference_seeds = 2;
    v.push_back(gpu);
    Preset paper{"paper", "Appendix A exactly: 100 architectures, 200 epochs, budgets 1/2/10/20 epochs, 3 seeds "
                          "(CIFAR-10 with --dataset cifar10 --root DIR)"};
    paper.archs = 100;
    paper.budgets = "1ep,2ep,10ep,20ep";
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

std::string quote_args(const std::string& command, const Args& args) {
  std::string line = "nasrank " + command;
  for (const auto& a : args) line += " " + (a.find_first_of(" ,;") == std::string::npos || a.find(',') != std::string::npos ? a : "'" + a + "'");
  return line;
}

}  // namespace

int run_study(const Args& args) {
  std::string preset_name = "quick", out;
  Preset o;
  std::string root;
  std::int64_t time_limit = 0;
  po::options_description desc("study options");
  desc.add_options()
      ("preset", po::value(&preset_name)->default_value(preset_name), "quick|cpu|gpu|paper (see the README for their cost)")
      ("out", po::value(&out)->required(), "directory of the study: pool.json, runs.db, tables.md, report/")
      ("dataset", po::value(&o.dataset), "override the preset's dataset")
      ("root", po::value(&root), "directory with the dataset files")
      ("archs", po::value(&o.archs), "architectures in the pool")
      ("pool-seed", po::value(&o.pool_seed), "seed of the pool")
      ("mutations", po::value(&o.mutations), "mutations per architecture, MIN..MAX")
      ("spread", po::value(&o.spread), "none|params|macs: how the pool is chosen among the draws (see 'nasrank generate --help')")
      ("max-params", po::value(&o.max_params), "most parameters a member may have at width 1 (0: no limit)")
      ("schedules", po::value(&o.schedules), "comma-separated schedule specs")
      ("budgets", po::value(&o.budgets), "comma-separated budgets (0.05, 5%, 10ep)")
      ("seeds", po::value(&o.seeds), "seeds of every configuration")
      ("reference-seeds", po::value(&o.reference_seeds), "seeds of the full-budget reference runs (0: as many as --seeds)")
      ("full-epochs", po::value(&o.full_epochs), "the full budget in epochs")
      ("width", po::value(&o.width), "channel multiplier")
      ("train-size", po::value(&o.train_size), "train on the first N training images (0: all)")
      ("val-size", po::value(&o.val_size), "validation images held out of training")
      ("device", po::value(&o.device)->notifier(require_device), "cpu|cuda|auto")
      ("concurrent", po::value(&o.concurrent), "trainings side by side (CPU: worker processes)")
      ("grad-norm", "record the full-gradient norm at every epoch end")
      ("no-zero-cost", "skip the zero-cost scores (synflow, snip, ...) that the report compares with the budgets")
      ("time-limit", po::value(&time_limit)->default_value(0),
       "seconds after which no new training run starts; run the same command again to resume");
  ranking::StudyOptions stats;
  desc.add(study_options(stats));
  std::string preset_list;
  for (const auto& p : presets()) preset_list += "  " + p.name + std::string(8 - p.name.size(), ' ') + p.summary + "\n";
  const CommandHelp help{
      "nasrank study --preset NAME --out DIR [overrides]",
      "Runs a whole rank-prediction study: generates the pool (DIR/pool.json), plans the sweep\n"
      "(DIR/runs.db: every architecture under every schedule and budget, plus the full-budget reference runs),\n"
      "runs it, ranks the results (DIR/tables.md) and writes the report (DIR/report/report.html and .md).\n"
      "Run the same command again to resume an interrupted study; the steps it takes are written to\n"
      "DIR/commands.txt so that each can be run by hand. Presets:\n" + preset_list,
      "  nasrank study --preset quick --out out/quick\n"
      "  nasrank study --preset cpu --out out/cpu --time-limit 3000     # resumable in slices\n"
      "  nasrank study --preset paper --dataset cifar10 --root ~/data/cifar-10-batches-bin --out out/paper"};
  po::variables_map vm;
  if (!parse_args(args, help, desc, vm)) return 0;
  // The preset first, then whatever the user gave explicitly.
  Preset chosen = find_preset(preset_name);
  if (vm.count("dataset")) chosen.dataset = o.dataset;
  if (vm.count("archs")) chosen.archs = o.archs;
  if (vm.count("pool-seed")) chosen.pool_seed = o.pool_seed;
  if (vm.count("mutations")) chosen.mutations = o.mutations;
  if (vm.count("spread")) chosen.spread = o.spread;
  if (vm.count("max-params")) chosen.max_params = o.max_params;
  if (vm.count("schedules")) chosen.schedules = o.schedules;
  if (vm.count("budgets")) chosen.budgets = o.budgets;
  if (vm.count("seeds")) chosen.seeds = o.seeds;
  if (vm.count("reference-seeds")) chosen.reference_seeds = o.reference_seeds;
  if (vm.count("full-epochs")) chosen.full_epochs = o.full_epochs;
  if (vm.count("width")) chosen.width = o.width;
  if (vm.count("train-size")) chosen.train_size = o.train_size;
  if (vm.count("val-size")) chosen.val_size = o.val_size;
  if (vm.count("device")) chosen.device = o.device;
  if (vm.count("concurrent")) chosen.concurrent = o.concurrent;
  if (vm.count("grad-norm")) chosen.grad_norm = true;
  if (vm.count("no-zero-cost")) chosen.zero_cost = false;
  NASRANK_CHECK(chosen.archs >= 2, "--archs must be at least 2: a ranking needs two architectures");
  require_choice("spread", chosen.spread, generator::spread_names());  // before anything is written
  const Preset& p = chosen;

  const fs::path dir(out);
  std::error_code ec;
  fs::create_directories(dir, ec);
  NASRANK_CHECK(!ec, "cannot create ", dir.string(), ": ", ec.message());
  const std::string pool = (dir / "pool.json").string(), db = (dir / "runs.db").string();
  std::ostringstream commands;
  auto step = [&](const std::string& command, const Args& a, int (*fn)(const Args&)) {
    commands << quote_args(command, a) << "\n";
    write_file_atomic(dir / "commands.txt", commands.str());
    LOG_INFO("study: ", quote_args(command, a));
    const int code = fn(a);
    NASRANK_CHECK(code == 0, "study: '", command, "' failed (exit ", code, ")");
  };

  // 1. The pool, shaped for the dataset (kept when it exists: a study resumes with its own pool).
  data::DatasetOptions data_opt;
  data_opt.name = p.dataset;
  data_opt.root = root;
  data_opt.val_size = p.val_size;
  const data::Dataset data = data::load_dataset(data_opt);
  if (data.synthetic) LOG_WARN("study on SYNTHETIC data: its rankings say nothing about real datasets");
  Args gen = {"--count", std::to_string(p.archs), "--seed", std::to_string(p.pool_seed), "--in-channels",
                    std::to_string(data.train.channels), "--image-size", std::to_string(data.train.height), "--classes",
                    std::to_string(data.num_classes), "--mutations", p.mutations, "--out", pool};
  if (p.spread != "none") gen.insert(gen.end() - 2, {"--spread", p.spread});
  const std::int64_t max_params =
      p.max_params > 0 || !p.cap_at_base
          ? p.max_params
          : nas::count_params(nas::base_spec("resnet18", data.train.channels, data.train.height, data.num_classes));
  if (max_params > 0) gen.insert(gen.end() - 2, {"--max-params", std::to_string(max_params)});
  if (!fs::exists(pool)) step("generate", gen, run_generate);
  else {
    commands << quote_args("generate", gen) << "   # kept: " << pool << " exists\n";
    LOG_INFO("study: using the existing pool ", pool);
  }

  // 2. The plan (planning again with the same settings adds nothing).
  Args plan = {"plan", "--db", db, "--pool", pool, "--dataset", p.dataset, "--val-size", std::to_string(p.val_size),
               "--schedules", p.schedules, "--budgets", p.budgets, "--seeds", std::to_string(p.seeds),
               "--full-epochs", format_exact(p.full_epochs), "--width", format_exact(p.width),
               "--train-size", std::to_string(p.train_size)};
  if (p.reference_seeds > 0) plan.insert(plan.end(), {"--reference-seeds", std::to_string(p.reference_seeds)});
  if (!root.empty()) plan.insert(plan.end(), {"--root", root});
  if (p.grad_norm) plan.push_back("--grad-norm");
  step("sweep", plan, run_sweep);

  // 3. The runs.
  Args run = {"run", "--db", db, "--device", p.device, "--concurrent", std::to_string(p.concurrent)};
  if (time_limit > 0) run.insert(run.end(), {"--time-limit", std::to_string(time_limit)});
  if (p.zero_cost) run.push_back("--zero-cost");
  step("sweep", run, run_sweep);

  // 4. Tables and report, of whatever is done.
  bool finished = false;
  {
    trainer::sweep::Store store = trainer::sweep::Store::open(db, trainer::sweep::Store::Mode::existing);
    const auto status = trainer::sweep::sweep_status(store);
    finished = status.done == status.total;
    LOG_INFO("study: ", trainer::sweep::progress_line(status));
  }
  Args rank = {"--db", db, "--out", (dir / "tables.md").string()};
  step("rank", rank, run_rank);
  reports::ReportOptions report_opt;
  report_opt.study = stats;
  report_opt.title = "Rank prediction under training budgets: " + p.name + " study on " + p.dataset;
  commands << quote_args("report", {"--db", db, "--out", (dir / "report").string()}) << "\n";
  write_file_atomic(dir / "commands.txt", commands.str());
  const reports::ReportResult result = write_report(db, (dir / "report").string(), report_opt);
  std::cout << result.html.string() << "\n";
  if (!finished)
    LOG_WARN("the sweep is not finished (time limit or failures): the report shows what is done; run the same "
             "command again to resume");
  return 0;
}

}  // namespace nasrank::cli
