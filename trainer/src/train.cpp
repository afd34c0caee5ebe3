// The training loop: budget accounting, the schedule at every step, evaluation at epoch ends,
// divergence and untrainability as results. One loop for every device and engine.
#include "nasrank/trainer/train.h"

#include <sched.h>

#include <chrono>
#include <cmath>
#include <mutex>
#include <thread>

#include "device.h"
#include "engine.h"
#include "nasrank/core/error.h"
#include "nasrank/core/log.h"
#include "nasrank/core/progress.h"
#include "nasrank/core/text_table.h"
#include "nasrank/nas/builder.h"
#include "nasrank/nas/counts.h"
#include "nasrank/trainer/budget.h"
#include "nasrank/trainer/recipe_fields.h"
#include "nasrank/trainer/schedule.h"

#ifdef NASRANK_HAS_CUDA
#include <ATen/cuda/CUDAContext.h>
#include <c10/cuda/CUDAFunctions.h>
#include <c10/cuda/CUDAGuard.h>
#include <c10/cuda/CUDAStream.h>
#endif

namespace nasrank::trainer {
namespace {

using Clock = std::chrono::steady_clock;
using detail::pick_device;
/// A mean training loss above this multiple of ln(classes) (a uniform guess's loss) is divergence.
constexpr double kDivergedLossFactor = 100;
using detail::usable_cores;
double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

std::string device_name(const torch::Device& d, int threads) {
#ifdef NASRANK_HAS_CUDA
  if (d.is_cuda()) return at::cuda::getDeviceProperties(d.index())->name;
#endif
  return "cpu x" + std::to_string(threads) + " threads";
}

void check_options(const TrainOptions& o) {
  NASRANK_CHECK(o.batch > 0, "--batch must be positive (got ", o.batch, ")");
  NASRANK_CHECK(o.evals_per_run >= 0, "--evals-per-run must be at least 0 (got ", o.evals_per_run, ")");
  NASRANK_CHECK(o.lr > 0 && std::isfinite(o.lr), "--lr must be a positive number (got ", o.lr, ")");
  NASRANK_CHECK(o.momentum >= 0 && o.momentum < 1, "--momentum must be in [0, 1) (got ", o.momentum, ")");
  NASRANK_CHECK(o.weight_decay >= 0, "--weight-decay must be at least 0 (got ", o.weight_decay, ")");
  NASRANK_CHECK(o.width > 0 && o.width <= 16, "--width must be in (0, 16] (got ", o.width, ")");
  NASRANK_CHECK(o.train_size >= 0, "--train-size must be at least 0 (got ", o.train_size, ")");
  NASRANK_CHECK(o.eval_batch > 0, "--eval-batch must be positive");
  NASRANK_CHECK(o.threads >= 0, "--threads must be at least 0");
}

/// Everything a run needs on its device, built once.
struct Setup {
  detail::TrainState state;
  nas::Network net{nullptr};
  data::ImageSet train;  // the (possibly truncated) training split
  torch::Tensor val_images, val_labels, test_images, test_labels;
  torch::Device device = torch::kCPU;
  int threads = 1;
  nas::Spec spec;
};

torch::Tensor images_tensor(const data::ImageSet& set, const torch::Device& device) {
  auto t = torch::from_blob(const_cast<std::uint8_t*>(set.pixels.data()),
                            {set.count, set.channels, set.height, set.width}, torch::kUInt8);
  return t.to(device, /*non_blocking=*/false, /*copy=*/true);
}

torch::Tensor labels_tensor(const data::ImageSet& set, const torch::Device& device) {
  auto t = torch::from_blob(const_cast<std::uint8_t*>(set.labels.data()), {set.count}, torch::kUInt8);
  return t.to(torch::kLong).to(device);
}

}  // namespace

void check_fits(const nas::Spec& base_spec, const data::Dataset& data, const TrainOptions& o) {
  check_options(o);
  const nas::Spec spec = o.width == 1.0 ? base_spec : nas::scale_width(base_spec, o.width);
  NASRANK_CHECK(spec.in_channels == data.train.channels && spec.image_size == data.train.height &&
                    spec.image_size == data.train.width,
                "architecture '", o.arch_id, "' expects ", spec.in_channels, "x", spec.image_size, "x", spec.image_size,
                " images but ", data.name, " has ", data.train.channels, "x", data.train.height, "x", data.train.width);
  NASRANK_CHECK(spec.classes == data.num_classes, "architecture '", o.arch_id, "' has ", spec.classes, " classes but ",
                data.name, " has ", data.num_classes);
  NASRANK_CHECK(o.train_size <= data.train.count, "--train-size ", o.train_size, " is more than the ", data.train.count,
                " images of ", data.name,
                "'s training split (its training images less the --val-size held out); 0 takes them all");
  const std::int64_t images = o.train_size > 0 ? o.train_size : data.train.count;
  NASRANK_CHECK(images >= o.batch, "the training set (", images, " images) is smaller than one batch (", o.batch, ")");
}

namespace {

void build_setup(Setup& s, const nas::Spec& base_spec, const data::Dataset& data, const TrainOptions& o) {
  check_fits(base_spec, data, o);
  s.device = pick_device(o.device);
  // More threads than cores only make them wait for each other (two steps took over a minute at
  // 999 threads on two cores): capped, and said.
  const int cores = usable_cores();
  if (o.threads > cores)
    LOG_WARN("--threads ", o.threads, " is more than the ", cores, " cores this process may use; using ", cores);
  s.threads = o.threads > 0 ? std::min(o.threads, cores) : cores;
  at::set_num_threads(s.threads);  // LibTorch's default here was 1 thread
  s.spec = o.width == 1.0 ? base_spec : nas::scale_width(base_spec, o.width);
  s.train = data.train.head(o.train_size);

  {
    // Initialisation draws from the process-wide generator, as PyTorch's defaults do; runs that
    // share a process (sweep run --concurrent on CUDA streams) take turns so each seed gives
    // the same weights.
    static std::mutex init_mutex;
    std::lock_guard<std::mutex> lock(init_mutex);
    torch::manual_seed(o.seed);
    s.net = nas::build_network(s.spec);
  }
  auto& st = s.state;
  st.module = s.net.ptr();
  st.device = s.device;
  // channels_last pays on the GPU (cuDNN's NHWC kernels); on the CPU the plain layout measured
  // faster for these narrow networks (docs/perf.md), so the CPU path keeps NCHW.
  st.channels_last = o.channels_last && s.device.is_cuda();
  st.bf16 = o.bf16 && s.device.is_cuda();
  st.augment = o.augment;
  st.momentum_factor = o.momentum;
  st.weight_decay = o.weight_decay;
  s.net->to(s.device);
  if (st.channels_last) {
    torch::NoGradGuard no_grad;
    for (auto& p : s.net->parameters())
      if (p.dim() == 4) p.set_data(p.contiguous(at::MemoryFormat::ChannelsLast));
  }
  nas::Network net = s.net;
  st.forward = [net](const torch::Tensor& x) mutable { return net->forward(x); };
  for (auto& p : s.net->parameters()) {
    st.params.push_back(p);
    st.momentum.push_back(torch::zeros_like(p));
  }
  st.images = images_tensor(s.train, s.device);
  st.labels = labels_tensor(s.train, s.device);
  const auto c = static_cast<int64_t>(data.mean.size());
  std::vector<float> mean(data.mean.begin(), data.mean.end()), inv(c);
  for (int64_t i = 0; i < c; ++i)
    inv[static_cast<std::size_t>(i)] = static_cast<float>(1.0 / data.stddev[static_cast<std::size_t>(i)]);
  st.mean = torch::tensor(mean).view({1, c, 1, 1}).to(s.device);
  st.inv_std = torch::tensor(inv).view({1, c, 1, 1}).to(s.device);
  if (s.device.is_cuda()) {
    at::globalContext().setBenchmarkCuDNN(o.cudnn_benchmark);
    detail::make_cuda_generator(st, o.seed + 0x9e3779b9ull);
  } else {
    st.generator = at::detail::createCPUGenerator(o.seed + 0x9e3779b9ull);
  }
  s.val_images = images_tensor(data.val, s.device);
  s.val_labels = labels_tensor(data.val, s.device);
  if (o.test) {
    s.test_images = images_tensor(data.test, s.device);
    s.test_labels = labels_tensor(data.test, s.device);
  }
}

struct EvalResult {
  double loss = 0, acc = 0;
};

EvalResult evaluate(Setup& s, const torch::Tensor& images, const torch::Tensor& labels, int64_t chunk) {
  const int64_t n = images.size(0);
  if (n == 0) return {NAN, 0};
  torch::NoGradGuard no_grad;
  s.net->eval();
  torch::Tensor loss_sum = torch::zeros({}, torch::TensorOptions().dtype(torch::kDouble).device(s.device));
  torch::Tensor correct = torch::zeros({}, torch::TensorOptions().dtype(torch::kLong).device(s.device));
  for (int64_t i = 0; i < n; i += chunk) {
    const int64_t m = std::min(chunk, n - i);
    const torch::Tensor x = detail::normalise(s.state, images.narrow(0, i, m));
    const torch::Tensor y = labels.narrow(0, i, m);
    detail::AutocastScope autocast(s.state.bf16);
    const torch::Tensor logits = s.net->forward(x);
    loss_sum +=
        torch::nn::functional::cross_entropy(logits.to(torch::kFloat), y,
                                             torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kSum))
            .to(torch::kDouble);
    correct += logits.argmax(1).eq(y).sum();
  }
  s.net->train();
  return {loss_sum.item<double>() / double(n), double(correct.item<int64_t>()) / double(n)};
}

/// ||(1/N) sum_i grad loss_i|| over the training split, without augmentation and with the
/// network in eval mode (so the running statistics are left alone); the paper's Sec. 5.
double full_gradient_norm(Setup& s, int64_t chunk) {
  s.net->eval();
  const int64_t n = s.state.images.size(0);
  std::vector<torch::Tensor> acc;
  for (auto& p : s.state.params) acc.push_back(torch::zeros_like(p));
  for (int64_t i = 0; i < n; i += chunk) {
    const int64_t m = std::min(chunk, n - i);
    const torch::Tensor x = detail::normalise(s.state, s.state.images.narrow(0, i, m));
    const torch::Tensor y = s.state.labels.narrow(0, i, m);
    detail::AutocastScope autocast(s.state.bf16);
    const torch::Tensor loss = torch::nn::functional::cross_entropy(
        s.net->forward(x), y, torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kSum));
    const auto grads = torch::autograd::grad({loss}, s.state.params, {}, false, false, /*allow_unused=*/true);
    torch::NoGradGuard no_grad;
    for (std::size_t k = 0; k < grads.size(); ++k)
      if (grads[k].defined()) acc[k] += grads[k];
  }
  s.net->train();
  double sq = 0;
  for (auto& g : acc) sq += g.to(torch::kDouble).pow(2).sum().item<double>();
  return std::sqrt(sq) / double(n);
}

nlohmann::json recipe_json(const TrainOptions& o, const Setup& s) {
  TrainOptions used = o;  // what the run used where the options left it open
  used.train_size = s.train.count;
  used.threads = s.threads;
  used.bf16 = s.state.bf16;
  used.channels_last = s.state.channels_last;
  nlohmann::json j;
  for_each_recipe_field([&](const RecipeField& f, const auto& value) { j[f.key] = value; }, used);
  return j;
}

std::unique_ptr<detail::StepEngine> make_engine(Setup& s, const TrainOptions& o, const torch::Tensor& first_indices,
                                                double first_lr) {
  if (s.device.is_cuda() && o.cuda_graphs) {
    if (auto graph = detail::make_graph_engine(s.state, first_indices, first_lr)) return graph;
  }
  return detail::make_eager_engine(s.state);
}

/// Batch order: a fresh seeded permutation each epoch, drop-last, as the reference does.
class BatchOrder {
 public:
  BatchOrder(const Setup& s, int64_t batch, uint64_t seed) : n_(s.train.count), batch_(batch), device_(s.device) {
    gen_ = at::detail::createCPUGenerator(seed);
  }
  torch::Tensor indices(int64_t step_in_epoch) {
    if (step_in_epoch == 0 || !perm_.defined()) perm_ = torch::randperm(n_, gen_, torch::kLong).to(device_);
    return perm_.narrow(0, step_in_epoch * batch_, batch_);
  }

 private:
  int64_t n_, batch_;
  torch::Device device_;
  at::Generator gen_;
  torch::Tensor perm_;
};

}  // namespace

bool cuda_available() { return torch::cuda::is_available(); }

int usable_cores() { return detail::usable_cores(); }

void with_own_cuda_stream(const std::function<void()>& fn) {
#ifdef NASRANK_HAS_CUDA
  const c10::cuda::CUDAStream stream = c10::cuda::getStreamFromPool();
  const c10::cuda::CUDAStreamGuard guard(stream);
  fn();
#else
  (void)fn;
  throw Error("CUDA streams need a build with CUDA");
#endif
}

RunRecord train(const nas::Spec& spec, const data::Dataset& data, const TrainOptions& o, const EpochCallback& on_epoch,
                const StepCallback& on_step) {
  const auto t_setup = Clock::now();
  const Schedule schedule = Schedule::parse(o.schedule);
  const Budget budget = Budget::parse(o.budget, o.full_epochs);
  Setup s;
  build_setup(s, spec, data, o);

  RunRecord r;
  r.arch = o.arch_id;
  r.dataset = data.name;
  r.synthetic_data = data.synthetic;
  r.schedule = schedule.spec();
  r.budget = o.budget;
  r.budget_epochs = budget.epochs;
  r.full_epochs = o.full_epochs;
  r.seed = static_cast<int64_t>(o.seed);
  r.device = device_name(s.device, s.threads);
  r.recipe = recipe_json(o, s);
  r.params = nas::count_params(s.spec);
  r.macs = nas::count_macs(s.spec);
  r.train_images = s.train.count;
  r.steps_per_epoch = s.train.count / o.batch;
  r.steps = budget_steps(budget.epochs, r.steps_per_epoch);
  const ScheduleContext ctx{r.steps_per_epoch, o.full_epochs};
  const int64_t T = r.steps;
  r.loss_block_steps = std::max<int64_t>(1, (T + kLossBlocks - 1) / kLossBlocks);

  BatchOrder order(s, o.batch, o.seed);
  auto engine = make_engine(s, o, order.indices(0), o.lr * schedule.lr_ratio(0, T, ctx));
  r.engine = engine->name();
  r.setup_seconds = seconds_since(t_setup);
  LOG_INFO("training ", r.arch, " (", r.params, " params) on ", r.device, " [", r.engine, "], ", r.schedule,
           ", budget ", o.budget, " = ", T, " steps of ", o.batch);

  const int64_t check_every = s.device.is_cuda() ? std::max<int64_t>(1, o.divergence_check_every) : 1;
  const auto t0 = Clock::now();
  Progress progress("steps", T);
  const auto opts_d = torch::TensorOptions().dtype(torch::kDouble).device(s.device);
  torch::Tensor loss_sum = torch::zeros({}, opts_d);
  // The training-loss curve, one sum per block of steps, kept on the device and read once at the
  // end: reading a block as it closes would wait for the GPU up to 256 times a run.
  torch::Tensor block_sums = torch::zeros({(T + r.loss_block_steps - 1) / r.loss_block_steps}, opts_d);
  torch::Tensor correct_sum = torch::zeros({}, torch::TensorOptions().dtype(torch::kLong).device(s.device));
  int64_t epoch_steps = 0;
  double lr = 0, timed_seconds = 0;
  auto epoch_t0 = Clock::now();
  r.status = "ok";
  for (int64_t t = 0; t < T; ++t) {
    const int64_t in_epoch = t % r.steps_per_epoch;
    lr = o.lr * schedule.lr_ratio(t, T, ctx);
    if (on_step) on_step(t, lr);
    const detail::StepOutput out = engine->step(order.indices(in_epoch), lr);
    loss_sum += out.loss;
    block_sums.select(0, t / r.loss_block_steps).add_(out.loss);
    correct_sum += out.correct;
    ++epoch_steps;
    r.steps_done = t + 1;
    if ((t + 1) % check_every == 0 || t + 1 == T) {
      if (!std::isfinite(out.loss.item<double>())) {
        r.status = "diverged";
        LOG_WARN(r.arch, ": loss is not finite at step ", t + 1, " of ", T, ": run diverged");
        break;
      }
    }
    const bool evaluate_now = o.evals_per_run > 0 ? (t + 1) * o.evals_per_run / T != t * o.evals_per_run / T
                                                  : (t + 1) % r.steps_per_epoch == 0 || t + 1 == T;
    if (!evaluate_now) continue;
    EpochRecord e;
    e.step = t + 1;
    e.epoch = double(t + 1) / double(r.steps_per_epoch);
    e.train_loss = loss_sum.item<double>() / double(epoch_steps);
    // A finite loss far above a uniform guess's (ln classes) has blown up as surely as a NaN: the
    // run diverged, where an untrainable one stays near chance (docs/ranking.md).
    if (e.train_loss > kDivergedLossFactor * std::log(double(data.num_classes))) {
      r.status = "diverged";
      LOG_WARN(r.arch, ": training loss ", format_number(e.train_loss, 3), " at step ", t + 1, " of ", T, " is above ",
               format_number(kDivergedLossFactor), " x ln(classes): run diverged");
      break;
    }
    e.train_acc = double(correct_sum.item<int64_t>()) / double(epoch_steps * o.batch);
    const double epoch_seconds = seconds_since(epoch_t0);
    timed_seconds += epoch_seconds;
    e.images_per_second = double(epoch_steps * o.batch) / std::max(epoch_seconds, 1e-9);
    const EvalResult v = evaluate(s, s.val_images, s.val_labels, o.eval_batch);
    e.val_loss = v.loss;
    e.val_acc = v.acc;
    e.lr = lr;
    if (o.grad_norm) e.grad_norm = full_gradient_norm(s, o.eval_batch);
    e.wall_seconds = seconds_since(t0);
    if (v.acc > r.best_val_acc || r.epochs.empty()) {
      r.best_val_acc = v.acc;
      r.best_step = t + 1;
    }
    r.final_val_acc = v.acc;
    r.epochs.push_back(e);
    progress.update(t + 1);
    LOG_INFO(r.arch, " epoch ", format_fixed(e.epoch, e.epoch == std::floor(e.epoch) ? 0 : 2), " step ", t + 1, "/", T,
             "  loss ", format_fixed(e.train_loss, 4), "  val acc ", format_fixed(v.acc, 4), "  lr ",
             format_number(lr, 4), "  ", format_fixed(e.images_per_second, 0), " img/s  ETA ",
             format_duration(progress.eta_seconds()));
    if (on_epoch) on_epoch(r, e);
    loss_sum.zero_();
    correct_sum.zero_();
    epoch_steps = 0;
    epoch_t0 = Clock::now();
  }
  r.seconds = seconds_since(t0);
  {
    const int64_t used = (r.steps_done + r.loss_block_steps - 1) / r.loss_block_steps;
    const torch::Tensor host = block_sums.slice(0, 0, used).to(torch::kCPU);
    r.loss_block_sums.assign(host.data_ptr<double>(), host.data_ptr<double>() + used);
  }
  const double images = double(r.steps_done) * double(o.batch);
  r.images_per_second = images / std::max(timed_seconds, 1e-9);
  r.best_progress = T > 0 ? double(r.best_step) / double(T) : 0;
  if (r.status == "ok" && r.best_val_acc < o.untrainable_factor / double(data.num_classes)) r.status = "untrainable";
  if (o.test && r.status != "diverged") r.test_acc = evaluate(s, s.test_images, s.test_labels, o.eval_batch).acc;
  return r;
}

BenchResult bench_train(const nas::Spec& spec, const data::Dataset& data, const TrainOptions& o, int64_t steps,
                        int64_t warmup) {
  NASRANK_CHECK(steps > 0 && warmup >= 0, "--steps must be positive and --warmup at least 0");
  const auto t_setup = Clock::now();
  Setup s;
  build_setup(s, spec, data, o);
  BatchOrder order(s, o.batch, o.seed);
  const int64_t per_epoch = s.train.count / o.batch;
  auto engine = make_engine(s, o, order.indices(0), o.lr);
  for (int64_t t = 0; t < warmup; ++t) engine->step(order.indices(t % per_epoch), o.lr);
  (void)engine->step(order.indices(0), o.lr).loss.item<double>();  // wait for the device
  BenchResult b;
  b.setup_seconds = seconds_since(t_setup);
  const auto t0 = Clock::now();
  torch::Tensor last;
  for (int64_t t = 0; t < steps; ++t) last = engine->step(order.indices(t % per_epoch), o.lr).loss;
  (void)last.item<double>();
  const double secs = seconds_since(t0);
  b.device = device_name(s.device, s.threads);
  b.threads = s.threads;
  b.engine = engine->name();
  b.images_per_second = double(steps * o.batch) / secs;
  b.timed_steps = steps;
  b.batch = o.batch;
  return b;
}

namespace detail {

int usable_cores() {
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) == 0) return std::max(1, CPU_COUNT(&set));
  return std::max(1u, std::thread::hardware_concurrency());
}

torch::Device pick_device(const std::string& name) {
  if (name == "cpu") return torch::kCPU;
  if (name == "cuda" || name == "auto") {
    if (torch::cuda::is_available()) return torch::Device(torch::kCUDA, 0);
    NASRANK_CHECK(name == "auto", "--device cuda: no CUDA GPU is visible to LibTorch",
#ifdef NASRANK_HAS_CUDA
                  " (this build has the CUDA path; check the driver and CUDA_VISIBLE_DEVICES)"
#else
                  " (this build was made against a LibTorch without CUDA)"
#endif
    );
    return torch::kCPU;
  }
  throw Error("--device '" + name + "' is not one of: cpu, cuda, auto");
}

}  // namespace detail
}  // namespace nasrank::trainer
