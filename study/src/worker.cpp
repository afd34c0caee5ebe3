// The worker loop: claim, train, record, with a heartbeat thread that keeps the claim alive while
// a long run trains, and clean give-back of the job in progress when asked to stop.
#include "nasrank/study/worker.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>

#include "nasrank/core/error.h"
#include "nasrank/core/log.h"
#include "nasrank/core/text_table.h"
#include "nasrank/generator/pool.h"
#include "nasrank/nas/spec.h"
#include "nasrank/study/status.h"

namespace nasrank::study {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

/// Beats for the job in progress from its own connection, so a run whose epochs take longer than
/// the staleness limit still looks alive to other machines.
class HeartbeatThread {
 public:
  HeartbeatThread(const std::filesystem::path& db, double every) : every_(every) {
    if (every_ > 0) thread_ = std::thread([this, db] { loop(db); });
  }
  ~HeartbeatThread() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      quit_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
  }
  void watch(const ClaimedJob& job) {
    std::lock_guard<std::mutex> lock(mutex_);
    job_ = job;
    progress_ = 0;
    lost_ = false;
  }
  void unwatch() {
    std::lock_guard<std::mutex> lock(mutex_);
    job_.reset();
  }
  void set_progress(double p) {
    std::lock_guard<std::mutex> lock(mutex_);
    progress_ = p;
  }
  /// The store said the claim is no longer ours.
  void mark_lost() { lost_ = true; }
  bool lost() const { return lost_; }

 private:
  void loop(const std::filesystem::path& db) {
    std::optional<Store> store;
    std::unique_lock<std::mutex> lock(mutex_);
    while (!quit_) {
      wake_.wait_for(lock, std::chrono::duration<double>(every_));
      if (quit_ || !job_) continue;
      const ClaimedJob job = *job_;
      const double progress = progress_;
      lock.unlock();
      try {
        if (!store) store.emplace(Store::open(db));
        if (!store->heartbeat(job, progress, unix_time())) lost_ = true;
      } catch (const std::exception& e) {
        LOG_WARN("heartbeat for job ", job.id, " failed: ", e.what());
      }
      lock.lock();
    }
  }

  double every_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::optional<ClaimedJob> job_;
  double progress_ = 0;
  std::atomic<bool> lost_{false};
  bool quit_ = false;
  std::thread thread_;
};

std::string job_name(const ClaimedJob& job) {
  return nasrank::detail::concat("job ", job.id, " [", job.key.arch, " ", job.key.schedule, " ", job.key.budget,
                                 " seed ", job.key.seed, job.key.reference ? " reference" : "", "]");
}

trainer::TrainOptions job_options(const StudySettings& study, const WorkerOptions& w, const ClaimedJob& job) {
  trainer::TrainOptions t = study.recipe;
  t.device = w.device.device;
  t.threads = w.device.threads;
  t.bf16 = w.device.bf16;
  t.channels_last = w.device.channels_last;
  t.cuda_graphs = w.device.cuda_graphs;
  t.cudnn_benchmark = w.device.cudnn_benchmark;
  t.schedule = job.key.schedule;
  t.budget = job.key.budget;
  t.seed = static_cast<std::uint64_t>(job.key.seed);
  t.arch_id = job.key.arch;
  return t;
}

}  // namespace

generator::Pool validate_pool(const std::string& pool_text, const std::string& source, const data::DatasetShape* shape,
                              const std::string& dataset_name) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(pool_text);
  } catch (const nlohmann::json::exception& e) {  // a syntax error, or a number beyond a double
    throw Error(nasrank::detail::concat(source, ": not valid JSON (", e.what(), ")"));
  }
  generator::Pool pool = generator::pool_from_json(j, source);
  for (const auto& a : pool.archs) {
    const nas::Spec& spec = a.spec;
    if (!shape) continue;
    NASRANK_CHECK(
        spec.in_channels == shape->channels && spec.image_size == shape->image_size && spec.classes == shape->classes,
        source, ": architecture '", a.id, "' takes ", spec.in_channels, "x", spec.image_size, "x", spec.image_size,
        " images in ", spec.classes, " classes, but ", dataset_name, " has ", shape->channels, "x", shape->image_size,
        "x", shape->image_size, " in ", shape->classes, " (generate the pool with --dataset ", dataset_name,
        ", or matching --in-channels, --image-size, "
        "--classes)");
  }
  return pool;
}

WorkerSummary run_worker(const std::filesystem::path& db, const WorkerOptions& o, const std::atomic<bool>* stop) {
  const auto t0 = Clock::now();
  WorkerSummary summary;
  Store store = Store::open(db);
  const auto study = store.study();
  NASRANK_CHECK(study, "the sweep store ", db.string(), " holds no plan yet: run 'nasrank sweep plan --db ",
                db.string(), " ...' first");
  NASRANK_CHECK(o.claim.max_attempts >= 1, "--max-attempts must be at least 1");
  NASRANK_CHECK(o.time_limit >= 0, "--time-limit must be at least 0 seconds");
  NASRANK_CHECK(o.max_jobs >= 0, "--max-jobs must be at least 0");
  if (!store.has_work(o.claim)) {
    summary.stop_reason = "no jobs left in shard " + to_string(o.claim.shard);
    return summary;
  }
  NASRANK_CHECK(o.device.device != "cuda" || trainer::cuda_available(),
                "--device cuda: no CUDA GPU is visible; run with --device cpu, or where a GPU is");

  data::DatasetOptions data_options = study->settings.dataset;
  if (!o.dataset_root.empty()) data_options.root = o.dataset_root;
  const data::Dataset dataset = data::load_dataset(data_options);
  if (dataset.synthetic) LOG_WARN("this study trains on SYNTHETIC data: its results say nothing about real datasets");
  const data::DatasetShape shape{dataset.train.channels, dataset.train.height, dataset.num_classes};
  NASRANK_CHECK(dataset.train.height == dataset.train.width, dataset.name, " has ", dataset.train.height, "x",
                dataset.train.width, " images; the architectures take square ones");
  const generator::Pool pool = validate_pool(study->pool_text, "the pool of " + db.string(), &shape, dataset.name);

  const WorkerIdentity me = WorkerIdentity::current();
  HeartbeatThread heartbeat(db, o.heartbeat_every);
  std::int64_t consecutive_failures = 0;
  std::int64_t started = 0;
  LOG_INFO("sweep worker ", me.host, " pid ", me.pid, " on ", db.string(), ", shard ", to_string(o.claim.shard));
  while (true) {
    if (stop && stop->load()) {
      summary.interrupted = true;
      summary.stop_reason = "interrupted";
      break;
    }
    if (o.max_jobs > 0 && started >= o.max_jobs) {
      summary.stop_reason = nasrank::detail::concat("--max-jobs ", o.max_jobs, " reached");
      break;
    }
    if (o.time_limit > 0 && seconds_since(t0) >= o.time_limit) {
      summary.stop_reason = nasrank::detail::concat("--time-limit ", o.time_limit, " s reached; no new job started");
      break;
    }
    const std::optional<ClaimedJob> job = store.claim(me, o.claim, unix_time());
    if (!job) {
      summary.stop_reason = "no jobs left in shard " + to_string(o.claim.shard);
      break;
    }
    ++started;
    heartbeat.watch(*job);
    LOG_INFO(job_name(*job), ": starting (attempt ", job->attempt, ")");
    std::optional<trainer::RunRecord> record;
    try {
      const nas::Spec& spec = pool.find(job->key.arch).spec;
      const trainer::TrainOptions options = job_options(study->settings, o, *job);
      auto on_epoch = [&](const trainer::RunRecord& so_far, const trainer::EpochRecord& e) {
        const double progress = so_far.steps > 0 ? double(e.step) / double(so_far.steps) : 0;
        heartbeat.set_progress(progress);
        if (!store.heartbeat(*job, progress, unix_time())) heartbeat.mark_lost();
      };
      auto on_step = [&](std::int64_t, double) {
        if (stop && stop->load()) throw JobAbandoned{true};
        if (heartbeat.lost()) throw JobAbandoned{false};
      };
      record = train(spec, dataset, options, on_epoch, on_step);
      heartbeat.unwatch();
    } catch (const JobAbandoned& a) {
      heartbeat.unwatch();
      if (a.interrupted) {
        store.release(*job);
        LOG_WARN(job_name(*job), ": interrupted; returned to the queue");
        summary.interrupted = true;
        summary.stop_reason = "interrupted";
        break;
      }
      ++summary.dropped;
      LOG_WARN(job_name(*job), ": taken over by another worker; abandoned");
    } catch (const std::exception& e) {
      // The run itself failed (bad spec, out of memory, ...): a failure of this job, retried later.
      heartbeat.unwatch();
      std::string message = e.what();
      if (auto nl = message.find('\n'); nl != std::string::npos) message.resize(nl);  // LibTorch adds backtraces
      store.fail(*job, message, unix_time());
      ++summary.failed;
      LOG_WARN(job_name(*job), ": failed (attempt ", job->attempt, " of at most ", o.claim.max_attempts,
               "): ", message);
      NASRANK_CHECK(++consecutive_failures < o.max_consecutive_failures, consecutive_failures,
                    " jobs failed in a row; stopping this worker (last error: ", message,
                    "). See 'nasrank sweep status' and fix the set-up before running again");
    }
    if (record) {
      consecutive_failures = 0;
      if (store.finish(*job, *record, me.host, unix_time())) {
        ++summary.done;
        summary.images += record->steps_done * study->settings.recipe.batch;
        LOG_INFO(job_name(*job), ": ", record->status, ", best val acc ", format_fixed(record->best_val_acc, 4),
                 " at step ", record->best_step, "/", record->steps, ", ", format_fixed(record->seconds, 1), " s");
      } else {
        ++summary.dropped;
        LOG_WARN(job_name(*job), ": another worker recorded this job first; this result is dropped");
      }
    }
    LOG_INFO("sweep: ", progress_line(sweep_status(store, o.claim.max_attempts)));
  }
  summary.seconds = seconds_since(t0);
  return summary;
}

std::vector<WorkerSummary> run_stream_workers(const std::filesystem::path& db, const WorkerOptions& options, int count,
                                              const std::atomic<bool>* stop) {
  NASRANK_CHECK(count >= 1, "--concurrent must be at least 1 (got ", count, ")");
  NASRANK_CHECK(trainer::cuda_available(), "--concurrent ", count,
                " on CUDA streams: no CUDA GPU is visible; run with "
                "--device cpu, or where a GPU is");
  WorkerOptions o = options;
  o.device.device = "cuda";
  std::vector<WorkerSummary> summaries(static_cast<std::size_t>(count));
  std::vector<std::exception_ptr> errors(static_cast<std::size_t>(count));
  std::atomic<bool> quit{false};  // one worker's error stops the others after their job
  std::vector<std::thread> threads;
  for (int k = 0; k < count; ++k)
    threads.emplace_back([&, k] {
      try {
        trainer::with_own_cuda_stream([&] {
          std::atomic<bool> local{false};
          // Stop when the user asks or a sibling failed: both are polled before every step.
          std::thread relay([&] {
            while (!local.load()) {
              if ((stop && stop->load()) || quit.load()) {
                local.store(true);
                break;
              }
              std::this_thread::sleep_for(std::chrono::milliseconds(200));
            }
          });
          struct Join {
            std::atomic<bool>& flag;
            std::thread& t;
            ~Join() {
              flag.store(true);
              t.join();
            }
          } join{local, relay};
          summaries[static_cast<std::size_t>(k)] = run_worker(db, o, &local);
        });
      } catch (...) {
        errors[static_cast<std::size_t>(k)] = std::current_exception();
        quit.store(true);
      }
    });
  for (auto& t : threads) t.join();
  for (const auto& e : errors)
    if (e) std::rethrow_exception(e);
  return summaries;
}

}  // namespace nasrank::study
