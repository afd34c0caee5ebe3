// `nasrank sweep plan|run|status|watch|export|merge`: a study of many training runs kept in one
// SQLite store, run by any number of workers, resumable after any interruption.
#include <chrono>
#include <iostream>
#include <thread>

#include "commands.h"
#include "nasrank/core/error.h"
#include "nasrank/core/log.h"
#include "nasrank/study/shard.h"
#include "nasrank/study/status.h"
#include "nasrank/study/store.h"
#include "nasrank/study/sweep.h"
#include "nasrank/trainer/budget.h"
#include "nasrank/trainer/schedule.h"
#include "recipe_options.h"
#include "stop_signals.h"

namespace nasrank::cli {
namespace {

namespace sw = study;

// --- plan --------------------------------------------------------------------------------------

int run_plan(const Args& args) {
  sw::StudySettings settings;
  std::string db, pool, schedules, budgets, reference;
  {
    const sw::StudySettings d;
    for (const auto& s : d.schedules) schedules += (schedules.empty() ? "" : ",") + s;
    for (const auto& b : d.budgets) budgets += (budgets.empty() ? "" : ",") + b;
    reference = d.reference_schedule;
  }
  po::options_description study("Study");
  // clang-format off
  study.add_options()
      ("db", po::value(&db)->required(), "the sweep store to create or extend (SQLite, on a local disk)")
      ("pool", po::value(&pool)->required(), "pool file of architectures ('nasrank generate')")
      ("schedules", po::value(&schedules)->default_value(schedules), "comma-separated schedule specs (paper's Table 6)")
      ("budgets", po::value(&budgets)->default_value(budgets),
       "comma-separated budgets: fractions (0.05), percentages (5%) or epochs (10ep) of --full-epochs")
      ("seeds", po::value(&settings.seeds)->default_value(settings.seeds)->notifier(at_least<std::int64_t>("seeds", 1)), "seeds 0..N-1 of every configuration (the paper's 3)")
      ("reference-seeds", po::value(&settings.reference_seeds)->default_value(0),
       "seeds of the full-budget reference runs (0: as many as --seeds); two or more give the noise ceiling")
      ("reference-seed-start", po::value(&settings.reference_seed_start)->default_value(settings.reference_seed_start, "after --seeds"),
       "first seed of the reference runs; by default after the proxies' seeds, so that no proxy shares its target's seed (0: share them)")
      ("reference-schedule", po::value(&reference)->default_value(reference),
       "schedule of the full-budget reference runs (the ranking's target)")
      ("no-reference-runs", "plan no full-budget reference runs: the store then ranks architectures at the "
                            "budgets given but has no target to correlate with (as 'nasrank search' uses it)")
      ("grad-norm", "record the full-gradient norm at every epoch end (paper Sec. 5)")
      ("test", "also evaluate every run on the test set")
      ("evals-per-run", po::value(&settings.recipe.evals_per_run)->notifier(at_least<std::int64_t>("evals-per-run", 0)),
       "validate each run at K evenly spaced steps instead of at each epoch end, so that Table 5's best-checkpoint "
       "progress is finer than 1/epochs (0: epoch ends)")
      ("force-replan", "the store was planned with other settings: store the new ones, add their jobs, keep the "
                       "finished results and drop unfinished jobs the new plan lacks");
  // clang-format on
  // The recipe's per-run options (schedule, budget, seed) are what the plan varies: leave them out.
  po::options_description recipe("Recipe (defaults: the paper's Sec. 4.1)");
  const po::options_description all_recipe = recipe_options(settings.recipe);
  for (const auto& opt : all_recipe.options()) {
    const std::string name = opt->long_name();
    if (name != "schedule" && name != "budget" && name != "seed") recipe.add(opt);
  }
  po::options_description desc("sweep plan options");
  desc.add(study).add(dataset_options(settings.dataset)).add(recipe);
  // clang-format off
  const CommandHelp help{
      "nasrank sweep plan --db FILE --pool FILE [--schedules LIST] [--budgets LIST] [--seeds N] [options]",
      "Creates the jobs of a study in a sweep store: every architecture of the pool under every schedule,\n"
      "budget and seed, plus the full-budget reference runs (reference schedule, budget 1, every seed, or\n"
      "--reference-seeds of them). The pool itself and the settings are stored too, so the store is all a\n"
      "worker needs. Planning again with the same settings adds nothing; with other settings it is refused\n"
      "unless --force-replan is given. The recipe's defaults are the paper's scale (width 1, every image,\n"
      "200 epochs), unlike those of 'train' and 'search': a plan is the study itself, so it names its scale\n"
      "or takes the paper's; 'nasrank study --preset quick' plans a small one.",
      "  nasrank sweep plan --db runs.db --pool pool.json --dataset fashion-mnist --full-epochs 200 \\\n"
      "      --schedules const,step-d2,cosine,linear --budgets 1ep,2ep,10ep,20ep --seeds 3\n"
      "  nasrank sweep plan --db tiny.db --pool pool.json --dataset synthetic --val-size 500 --train-size 512 \\\n"
      "      --width 0.0625 --batch 64 --full-epochs 4 --budgets 0.25,0.5 --schedules linear,cosine --seeds 1"};
  // clang-format on
  po::variables_map vm;
  if (!parse_args(args, help, desc, vm)) return 0;
  if (vm.count("no-augment")) settings.recipe.augment = false;
  settings.recipe.grad_norm = vm.count("grad-norm") > 0;
  settings.recipe.test = vm.count("test") > 0;
  settings.schedules = checked_schedules("schedules", split_list(schedules, "schedules"));
  settings.budgets = split_list(budgets, "budgets");
  check_budgets("budgets", settings.budgets, settings.recipe.full_epochs);
  settings.reference_schedule = reference;
  settings.reference_runs = vm.count("no-reference-runs") == 0;
  study::PlanOptions plan;
  plan.db = db;
  plan.pool = pool;
  plan.settings = settings;
  plan.force_replan = vm.count("force-replan") > 0;
  std::cout << study::describe(db, study::plan_sweep(plan)) << "\n";
  return 0;
}

// --- run ---------------------------------------------------------------------------------------

int run_run(const Args& args) {
  trainer::TrainOptions device;
  sw::WorkerOptions w;
  std::string db, shard_text;
  int concurrent = 1;
  long supervisor = 0;
  po::options_description work("Work");
  // clang-format off
  work.add_options()
      ("db", po::value(&db)->required(), "the sweep store (made by 'sweep plan'; on a local disk)")
      ("concurrent", po::value(&concurrent)->default_value(1)->notifier(at_least("concurrent", 1)),
       "run K trainings side by side: on the CPU K worker processes with the cores split between them, "
       "on a GPU K workers in this process, each on its own CUDA stream")
      ("shard", po::value(&shard_text),
       "take only jobs I, I+N, ... of the plan (I/N, I from 0); default from SLURM_ARRAY_TASK_ID/"
       "SLURM_ARRAY_TASK_COUNT or JOB_COMPLETION_INDEX/NASRANK_SHARD_COUNT, else 0/1")
      ("time-limit", po::value(&w.time_limit)->default_value(0),
       "start no job after this many seconds (0: none); the job in progress always finishes")
      ("max-jobs", po::value(&w.max_jobs)->default_value(0),
       "stop after N jobs, finished or failed (0: no limit; per worker process)")
      ("max-attempts", po::value(&w.claim.max_attempts)->default_value(w.claim.max_attempts)->notifier(at_least("max-attempts", 1)),
       "a job whose run failed (an error) this often is not tried again")
      ("max-worker-deaths", po::value(&w.claim.max_worker_deaths)->default_value(w.claim.max_worker_deaths),
       "a job whose worker died this often while running it (killed, preempted, out of memory) fails; "
       "deaths are not counted as failed attempts")
      ("stale-after", po::value(&w.claim.stale_after)->default_value(w.claim.stale_after),
       "seconds without heartbeat after which another machine's job is taken over")
      ("heartbeat-every", po::value(&w.heartbeat_every)->default_value(w.heartbeat_every),
       "seconds between heartbeats while a job trains")
      ("root", po::value(&w.dataset_root), "where this machine keeps the dataset (default: as planned)")
      ("supervised-by", po::value(&supervisor), "(set by --concurrent) stop when this parent process ends");
  // clang-format on
  sw::ZeroCostOptions zc;
  std::string zc_scores;
  po::options_description zero("Zero-cost scores (docs/proxies.md)");
  // clang-format off
  zero.add_options()
      ("zero-cost", "first score the shard's architectures at initialisation (synflow, snip, ...) and store the "
                    "scores, so that 'rank' and 'report' compare them with the budgeted proxies; architectures "
                    "already scored are skipped")
      ("zero-cost-scores", po::value(&zc_scores), "comma-separated scores (default: all; see 'nasrank proxies --help')")
      ("zero-cost-batch", po::value(&zc.batch)->default_value(zc.batch), "images in the scoring batch")
      ("zero-cost-seed", po::value(&zc.seed)->default_value(zc.seed), "seed of the initialisation and of the batch");
  // clang-format on
  po::options_description desc("sweep run options");
  desc.add(work).add(zero).add(device_options(device));
  // clang-format off
  const CommandHelp help{
      "nasrank sweep run --db FILE [--device cpu|cuda] [--concurrent K] [--shard I/N] [--time-limit S] [options]",
      "Claims jobs of the store one at a time, trains them with the study's recipe and records each result\n"
      "together with its job's status in one transaction. Any number of 'sweep run' processes may share a\n"
      "store: none runs a job another holds. A job whose worker died is taken over at once when that\n"
      "worker ran on this machine, otherwise once its heartbeat is --stale-after seconds old. Ctrl-C gives\n"
      "the job in progress back and stops (a second one, 2 s later or more, kills); running again resumes.",
      "  nasrank sweep run --db runs.db\n"
      "  nasrank sweep run --db runs.db --concurrent 2 --time-limit 3600\n"
      "  nasrank sweep run --db /tmp/runs.db --shard 3/16 --device cuda"};
  // clang-format on
  po::variables_map vm;
  if (!parse_args(args, help, desc, vm)) return 0;
  apply_switches(vm, device);
  study::RunOptions run;
  run.db = db;
  run.worker = w;
  run.worker.device = device;
  run.worker.claim.shard = vm.count("shard") ? usage_checked("shard", [&] { return sw::parse_shard(shard_text); })
                                             : sw::shard_from_environment(::getenv);
  run.concurrent = concurrent;
  run.supervisor_pid = supervisor;
  run.zero_cost = vm.count("zero-cost") > 0;
  run.zero_cost_options = zc;
  if (!zc_scores.empty()) run.zero_cost_options.scores = split_list(zc_scores, "zero-cost-scores");  // none given: all
  install_stop_handlers(!study::uses_worker_processes(run));
  const study::RunResult r = study::run_sweep(run, &stop_requests());
  // Said once, by the process the user started (not by each worker of a supervisor).
  if (r.interrupted && supervisor == 0)
    LOG_WARN("the sweep was stopped; every finished run is kept: run the same command again to resume");
  return r.interrupted ? stopped_exit_code() : 0;
}

// --- status and watch --------------------------------------------------------------------------

int run_status(const Args& args) {
  std::string db, format = "table";
  int max_attempts = sw::ClaimOptions().max_attempts;
  po::options_description desc("sweep status options");
  // clang-format off
  desc.add_options()
      ("db", po::value(&db)->required(), "the sweep store")
      ("format", po::value(&format)->default_value(format), "table|json")
      ("max-attempts", po::value(&max_attempts)->default_value(max_attempts),
       "failed jobs with fewer attempts count as work left");
  // clang-format on
  // clang-format off
  const CommandHelp help{
      "nasrank sweep status --db FILE [--format table|json]",
      "Counts the store's jobs by status (pending, running, done, failed), overall and per schedule and\n"
      "budget, with the sweep's total throughput (training images per second while any job ran, so\n"
      "concurrent workers add up) and the time left at that rate. JSON keys: total, pending, running, done,\n"
      "failed, images_per_second, eta_seconds, groups.",
      "  nasrank sweep status --db runs.db\n"
      "  nasrank sweep status --db runs.db --format json"};
  // clang-format on
  po::variables_map vm;
  if (!parse_args(args, help, desc, vm)) return 0;
  require_choice("format", format, {"table", "json"});
  sw::Store store = sw::Store::open(db, sw::Store::Mode::read_only);
  const sw::SweepStatus s = sw::sweep_status(store, max_attempts);
  std::string text = format == "json" ? sw::to_json(s).dump(2) : sw::render_table(s);
  if (text.empty() || text.back() != '\n') text += '\n';
  emit(text, std::nullopt);
  return 0;
}

int run_watch(const Args& args) {
  std::string db;
  double every = 10;
  po::options_description desc("sweep watch options");
  // clang-format off
  desc.add_options()
      ("db", po::value(&db)->required(), "the sweep store")
      ("every", po::value(&every)->default_value(every)->notifier(positive<double>("every")), "seconds between reports");
  // clang-format on
  // clang-format off
  const CommandHelp help{"nasrank sweep watch --db FILE [--every SECONDS]",
                         "Prints 'sweep status' every few seconds until no job is pending or running (or Ctrl-C).",
                         "  nasrank sweep watch --db runs.db --every 30"};
  // clang-format on
  po::variables_map vm;
  if (!parse_args(args, help, desc, vm)) return 0;
  install_stop_handlers(true);
  sw::Store store = sw::Store::open(db, sw::Store::Mode::read_only);
  while (!stop_requests().requested) {
    const sw::SweepStatus s = sw::sweep_status(store);
    std::string table = sw::render_table(s);
    if (!table.empty() && table.back() != '\n') table += '\n';
    std::cout << sw::iso_time(sw::unix_time()) << "  " << table << "\n" << std::flush;
    if (s.pending + s.running == 0) break;
    for (double waited = 0; waited < every && !stop_requests().requested; waited += 0.1)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return 0;
}

// --- export ------------------------------------------------------------------------------------

int run_export(const Args& args) {
  std::string db, format = "csv";
  po::options_description desc("sweep export options");
  // clang-format off
  desc.add_options()
      ("db", po::value(&db)->required(), "the sweep store")
      ("format", po::value(&format)->default_value(format), "csv|json")
      ("records", "json: include each run's full record (per-epoch curves, recipe)")
      ("out", po::value<std::string>(), "write here instead of stdout");
  // clang-format on
  // clang-format off
  const CommandHelp help{
      "nasrank sweep export --db FILE [--format csv|json] [--out FILE]",
      "Writes one row per finished job: arch, schedule, budget, budget_epochs, budget_fraction, seed,\n"
      "reference, status (ok|diverged|untrainable), best_val_acc, final_val_acc, best_step, best_progress,\n"
      "steps, seconds, images_per_second, params, macs, engine, device, worker_host, finished_at. JSON is one\n"
      "object with the plan hash, the study settings and a 'results' array of such rows.",
      "  nasrank sweep export --db runs.db --format csv --out runs.csv\n"
      "  nasrank sweep export --db runs.db --format json --records > runs.json"};
  // clang-format on
  po::variables_map vm;
  if (!parse_args(args, help, desc, vm)) return 0;
  require_choice("format", format, {"csv", "json"});
  sw::Store store = sw::Store::open(db, sw::Store::Mode::read_only);
  const std::string text =
      format == "csv" ? sw::export_csv(store) : sw::export_json(store, vm.count("records") > 0).dump(2) + "\n";
  emit(text, optional_path(vm, "out"));
  return 0;
}

// --- requeue -----------------------------------------------------------------------------------

int run_requeue(const Args& args) {
  std::string db;
  std::vector<std::int64_t> ids;
  po::options_description desc("sweep requeue options");
  // clang-format off
  desc.add_options()
      ("db", po::value(&db)->required(), "the sweep store")
      ("failed", "return every failed job to the queue")
      ("job", po::value(&ids)->multitoken(), "return these failed jobs (the ids of the workers' messages, "
                                             "'job 12 [...]: failed'); repeatable");
  // clang-format on
  // clang-format off
  const CommandHelp help{
      "nasrank sweep requeue --db FILE (--failed | --job ID [--job ID ...])",
      "Returns failed jobs to the queue: pending again, their failed attempts and worker deaths counted from\n"
      "zero, so that the next 'sweep run' trains them. A job fails after --max-attempts runs that ended in\n"
      "an error, or after --max-worker-deaths deaths of the worker running it (killed, preempted, out of\n"
      "memory). Each job requeued is listed with its last error. Giving a job that is not failed changes\n"
      "nothing and is an error.",
      "  nasrank sweep requeue --db runs.db --failed\n"
      "  nasrank sweep requeue --db runs.db --job 12 --job 40"};
  // clang-format on
  po::variables_map vm;
  if (!parse_args(args, help, desc, vm)) return 0;
  const bool all = vm.count("failed") > 0;
  if (all == !ids.empty()) throw UsageError("sweep requeue: give either --failed or --job ID");
  sw::Store store = sw::Store::open(db);
  const std::vector<sw::JobRow> jobs = store.requeue_failed(ids);
  for (const auto& j : jobs)
    std::cout << "job " << j.id << " [" << j.key.arch << " " << j.key.schedule << " " << j.key.budget << " seed "
              << j.key.seed << "]: " << j.attempts << " failed attempts, " << j.worker_deaths << " worker deaths"
              << (j.error.empty() ? "" : ": " + j.error) << "\n";
  std::cout << db << ": " << jobs.size() << " failed jobs returned to the queue\n";
  return 0;
}

// --- merge -------------------------------------------------------------------------------------

int run_merge(const Args& args) {
  std::string into;
  std::vector<std::string> inputs;
  po::options_description desc("sweep merge options"), words("the shard stores");
  // clang-format off
  desc.add_options()
      ("into", po::value(&into)->required(), "the store to merge into (created when missing)");
  words.add_options()
      ("inputs", po::value(&inputs)->multitoken(), "shard stores of the same plan");
  // clang-format on
  po::positional_options_description positional;
  positional.add("inputs", -1);
  // clang-format off
  const CommandHelp help{
      "nasrank sweep merge --into FILE SHARD.db [SHARD.db ...]",
      "Brings the shard stores SHARD.db ... of one plan together (each cluster array task writes its own store on local\n"
      "disk). Stores of a different plan are refused. Each job is kept once: a job finished in several\n"
      "inputs keeps the first result merged; failures are kept for jobs no input finished. Merging the same\n"
      "input again changes nothing. The merged store is checked with SQLite's integrity check.",
      "  nasrank sweep merge --into all.db shard-*.db"};
  // clang-format on
  po::variables_map vm;
  if (!parse_args(args, help, desc, vm, &positional, &words)) return 0;
  if (inputs.empty()) throw UsageError("sweep merge: give at least one shard store to merge");
  const std::vector<std::filesystem::path> paths(inputs.begin(), inputs.end());
  const sw::SweepStatus merged = sw::merge_stores(into, paths);
  std::cout << into << ": " << sw::progress_line(merged) << "\n";
  return 0;
}

}  // namespace

int run_sweep(const Args& args) {
  static const char* kUsage =
      "Usage: nasrank sweep <plan|run|status|watch|export|merge|requeue> [options]\n\n"
      "  plan     create the jobs of a study in a store (pool x schedules x budgets x seeds + references)\n"
      "  run      claim and train jobs; any number of workers, resumable, --concurrent K, --shard I/N\n"
      "  status   counts by status, progress per schedule and budget, images/s and ETA\n"
      "  watch    status every few seconds until the sweep is done\n"
      "  export   one row per finished job as CSV or JSON\n"
      "  merge    bring shard stores of one plan together\n"
      "  requeue  return failed jobs to the queue\n\n"
      "Each has --help with examples; docs/cluster.md shows Slurm and Kubernetes set-ups.\n";
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    (args.empty() ? std::cerr : std::cout) << kUsage;
    return args.empty() ? 2 : 0;
  }
  const Args rest(args.begin() + 1, args.end());
  if (args[0] == "plan") return run_plan(rest);
  if (args[0] == "run") return run_run(rest);
  if (args[0] == "status") return run_status(rest);
  if (args[0] == "watch") return run_watch(rest);
  if (args[0] == "export") return run_export(rest);
  if (args[0] == "merge") return run_merge(rest);
  if (args[0] == "requeue") return run_requeue(rest);
  throw UsageError("unknown 'sweep' subcommand '" + args[0] + "'" +
                   did_you_mean(args[0], {"plan", "run", "status", "watch", "export", "merge", "requeue"}) +
                   " (known: plan, run, status, watch, export, merge, requeue)");
}

}  // namespace nasrank::cli
