// Zero-cost proxies: the scores on any network (proxy_scores.h) and their computation for an
// architecture spec on one seeded batch (proxies.h). Definitions and choices: docs/proxies.md.
#include "nasrank/trainer/proxies.h"

#include "device.h"

#include <sched.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>
#include <set>
#include <thread>

#include "nasrank/core/error.h"
#include "nasrank/core/json_number.h"
#include "nasrank/core/random.h"
#include "nasrank/nas/builder.h"
#include "nasrank/nas/counts.h"
#include "nasrank/trainer/proxy_scores.h"

namespace nasrank::trainer {

using torch::Tensor;

namespace proxies {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Gradients of `output` with respect to `inputs`; undefined where an input is unused.
std::vector<Tensor> gradients(const Tensor& output, const std::vector<Tensor>& inputs, bool create_graph = false) {
  return torch::autograd::grad({output}, inputs, /*grad_outputs=*/{}, /*retain_graph=*/std::nullopt, create_graph,
                               /*allow_unused=*/true);
}

Tensor mean_loss(ScoredNetwork& net, const Tensor& x, const Tensor& y, const ForwardTaps& taps = {}) {
  return torch::nn::functional::cross_entropy(net.forward(x, taps), y);
}

/// Sums a per-layer quantity in double on the device, then reads it once.
template <typename F>
double sum_over_layers(const std::vector<Tensor>& weights, const std::vector<Tensor>& grads, F&& per_layer) {
  Tensor total;
  for (std::size_t l = 0; l < weights.size(); ++l) {
    if (!grads[l].defined()) continue;  // a layer the output does not depend on adds nothing
    const Tensor v = per_layer(weights[l].detach().to(torch::kDouble), grads[l].detach().to(torch::kDouble));
    total = total.defined() ? total + v : v;
  }
  return total.defined() ? total.item<double>() : 0.0;
}

/// Puts every parameter back as it was when the guard was made (synflow changes them).
class RestoreParameters {
 public:
  explicit RestoreParameters(std::vector<Tensor> params) : params_(std::move(params)) {
    for (const auto& p : params_) saved_.push_back(p.detach());
  }
  ~RestoreParameters() {
    torch::NoGradGuard no_grad;
    for (std::size_t i = 0; i < params_.size(); ++i) {
      params_[i].mutable_grad().reset();
      params_[i].set_data(saved_[i]);
    }
  }

 private:
  std::vector<Tensor> params_;
  std::vector<Tensor> saved_;
};

// --- the spec's network, walked with taps ---

using ModuleDict = torch::OrderedDict<std::string, std::shared_ptr<torch::nn::Module>>;

/// The layer `name` of the network, or an empty holder when absent and not `required`.
template <typename Holder>
Holder layer(const ModuleDict& modules, const std::string& name, bool required) {
  const auto* found = modules.find(name);
  if (found == nullptr) {
    NASRANK_ASSERT(!required, "the network has no layer '", name, "': the builder's layer names changed");
    return Holder(nullptr);
  }
  auto impl = std::dynamic_pointer_cast<typename Holder::ContainedType>(*found);
  NASRANK_ASSERT(impl != nullptr, "layer '", name, "' is not of the type the proxies expect");
  return Holder(impl);
}

struct BlockLayers {
  std::vector<torch::nn::Conv2d> convs;
  std::vector<torch::nn::BatchNorm2d> norms;  ///< one per convolution, or none
  nas::Shortcut shortcut = nas::Shortcut::identity;
  torch::nn::Conv2d projection{nullptr};
  torch::nn::BatchNorm2d projection_norm{nullptr};
};

struct SkipLayers {
  std::size_t from = 0;
  torch::nn::Conv2d conv{nullptr};  ///< null where the shapes match
  torch::nn::BatchNorm2d norm{nullptr};
};

struct SpecLayers {
  torch::nn::Conv2d stem{nullptr};
  torch::nn::BatchNorm2d stem_norm{nullptr};
  std::vector<BlockLayers> blocks;
  std::vector<std::vector<SkipLayers>> skips_into;  ///< per block, in the canonical (sorted) order
  torch::nn::Linear classifier{nullptr};
};

SpecLayers find_layers(nas::Network net) {
  const ModuleDict modules = net->named_modules();
  const nas::Spec& spec = net->spec();  // skips already sorted, as the builder applies them
  SpecLayers s;
  s.stem = layer<torch::nn::Conv2d>(modules, "stem", true);
  s.stem_norm = layer<torch::nn::BatchNorm2d>(modules, "stem_bn", true);
  for (std::size_t i = 0; i < spec.blocks.size(); ++i) {
    const nas::Block& b = spec.blocks[i];
    const std::string at = "block" + std::to_string(i) + ".";
    BlockLayers bl;
    bl.shortcut = b.shortcut;
    for (std::size_t k = 0; k < b.convs.size(); ++k) {
      const std::string n = std::to_string(k + 1);
      bl.convs.push_back(layer<torch::nn::Conv2d>(modules, at + "conv" + n, true));
      if (b.batch_norm) bl.norms.push_back(layer<torch::nn::BatchNorm2d>(modules, at + "bn" + n, true));
    }
    if (b.shortcut == nas::Shortcut::projection) {
      bl.projection = layer<torch::nn::Conv2d>(modules, at + "shortcut", true);
      bl.projection_norm = layer<torch::nn::BatchNorm2d>(modules, at + "shortcut_bn", b.batch_norm);
    }
    s.blocks.push_back(std::move(bl));
  }
  s.skips_into.assign(spec.blocks.size(), {});
  for (const nas::SkipEdge& e : spec.skips) {
    SkipLayers sk;
    sk.from = static_cast<std::size_t>(e.from);
    if (nas::skip_shape(spec, e).projected()) {
      const std::string at = "skip" + std::to_string(e.from) + "_" + std::to_string(e.to) + ".";
      sk.conv = layer<torch::nn::Conv2d>(modules, at + "conv", true);
      sk.norm = layer<torch::nn::BatchNorm2d>(modules, at + "bn", true);
    }
    s.skips_into[static_cast<std::size_t>(e.to)].push_back(sk);
  }
  s.classifier = layer<torch::nn::Linear>(modules, "classifier", true);
  return s;
}

Tensor conv(torch::nn::Conv2d c, const Tensor& x, const ForwardTaps& taps) {
  Tensor z = c->forward(x);
  if (taps.on_layer) taps.on_layer(z, c->weight);
  return z;
}

Tensor norm(torch::nn::BatchNorm2d bn, const Tensor& z, const ForwardTaps& taps) {
  return bn && taps.batch_norm ? bn->forward(z) : z;
}

// Out of place, unlike the builder: the taps may hold on to the tensor before it.
Tensor relu(const Tensor& z, const ForwardTaps& taps) {
  if (taps.on_relu) taps.on_relu(z);
  return torch::relu(z);
}

/// NetworkImpl::forward, step for step, with the taps.
Tensor spec_forward(SpecLayers& s, const Tensor& input, const ForwardTaps& taps) {
  Tensor x = relu(norm(s.stem_norm, conv(s.stem, input, taps), taps), taps);
  std::vector<Tensor> outputs(s.blocks.size());
  for (std::size_t i = 0; i < s.blocks.size(); ++i) {
    for (SkipLayers& sk : s.skips_into[i]) {
      const Tensor& source = outputs[sk.from];
      x = x + (sk.conv ? norm(sk.norm, conv(sk.conv, source, taps), taps) : source);
    }
    BlockLayers& b = s.blocks[i];
    Tensor y = x;
    for (std::size_t k = 0; k < b.convs.size(); ++k) {
      y = conv(b.convs[k], y, taps);
      if (!b.norms.empty()) y = norm(b.norms[k], y, taps);
      if (k + 1 < b.convs.size()) y = relu(y, taps);
    }
    if (b.shortcut == nas::Shortcut::identity) {
      y = y + x;
    } else if (b.shortcut == nas::Shortcut::projection) {
      y = y + norm(b.projection_norm, conv(b.projection, x, taps), taps);
    }
    x = relu(y, taps);
    outputs[i] = x;
  }
  Tensor logits = s.classifier->forward(x.mean({2, 3}));
  if (taps.on_layer) taps.on_layer(logits, s.classifier->weight);
  return logits;
}

}  // namespace

ScoredNetwork scored_network(nas::Network net) {
  ScoredNetwork s;
  s.module = net.ptr();
  for (const auto& item : net->named_modules()) {
    const auto& m = item.value();
    if (auto c = std::dynamic_pointer_cast<torch::nn::Conv2dImpl>(m)) s.weights.push_back(c->weight);
    else if (auto l = std::dynamic_pointer_cast<torch::nn::LinearImpl>(m)) s.weights.push_back(l->weight);
  }
  auto layers = std::make_shared<SpecLayers>(find_layers(net));
  s.forward = [layers](const Tensor& x, const ForwardTaps& taps) { return spec_forward(*layers, x, taps); };
  return s;
}

bool forward_matches(const ScoredNetwork& net, nas::Network network, const Tensor& x) {
  torch::NoGradGuard no_grad;
  network->train();
  const Tensor a = net.forward(x, {});
  const Tensor b = network->forward(x);
  // Loose enough for cuDNN picking another (TF32) algorithm for the second pass; a walk that
  // misses a layer or an edge is off by far more.
  return a.sizes() == b.sizes() && torch::allclose(a, b, /*rtol=*/1e-2, /*atol=*/1e-3);
}

double synflow(ScoredNetwork& net, const std::vector<std::int64_t>& input_shape) {
  torch::AutoGradMode grad_mode(true);
  net.module->train();  // batch norm is skipped, so the mode changes nothing
  std::vector<Tensor> params = net.module->parameters();
  RestoreParameters restore(params);
  {
    torch::NoGradGuard no_grad;
    for (auto& p : params) {
      p.mutable_grad().reset();
      p.set_data(p.detach().to(torch::kDouble).abs());
    }
  }
  const torch::Device device = params.empty() ? torch::Device(torch::kCPU) : params.front().device();
  std::vector<std::int64_t> shape{1};
  shape.insert(shape.end(), input_shape.begin(), input_shape.end());
  const Tensor ones = torch::ones(shape, torch::TensorOptions().dtype(torch::kDouble).device(device));
  ForwardTaps taps;
  taps.batch_norm = false;
  const Tensor r = net.forward(ones, taps).sum();
  const auto g = gradients(r, net.weights);
  return sum_over_layers(net.weights, g, [](const Tensor& w, const Tensor& gw) { return (w * gw).abs().sum(); });
}

double snip(ScoredNetwork& net, const Tensor& x, const Tensor& y) {
  torch::AutoGradMode grad_mode(true);
  net.module->train();
  const auto g = gradients(mean_loss(net, x, y), net.weights);
  return sum_over_layers(net.weights, g, [](const Tensor& w, const Tensor& gw) { return (w * gw).abs().sum(); });
}

double grasp(ScoredNetwork& net, const Tensor& x, const Tensor& y) {
  torch::AutoGradMode grad_mode(true);
  net.module->train();
  const auto g = gradients(mean_loss(net, x, y), net.weights, /*create_graph=*/true);
  // H g as the gradient of g(theta) . stop_gradient(g): one Hessian-vector product.
  Tensor z;
  for (const auto& gl : g) {
    if (!gl.defined()) continue;
    const Tensor t = (gl.detach() * gl).sum();
    z = z.defined() ? z + t : t;
  }
  if (!z.defined() || !z.requires_grad()) return 0.0;  // no curvature reaches the weights
  const auto hg = gradients(z, net.weights);
  return sum_over_layers(net.weights, hg, [](const Tensor& w, const Tensor& h) { return -(w * h).sum(); });
}

double fisher(ScoredNetwork& net, const Tensor& x, const Tensor& y) {
  torch::AutoGradMode grad_mode(true);
  net.module->train();
  std::vector<Tensor> outputs, weights;
  ForwardTaps taps;
  taps.on_layer = [&](const Tensor& z, const Tensor& w) {
    outputs.push_back(z);
    weights.push_back(w);
  };
  const Tensor loss = mean_loss(net, x, y, taps);
  const auto g = gradients(loss, outputs);
  Tensor total;
  for (std::size_t l = 0; l < outputs.size(); ++l) {
    if (!g[l].defined()) continue;
    const Tensor az = outputs[l].detach().to(torch::kDouble) * g[l].detach().to(torch::kDouble);
    std::vector<std::int64_t> spatial;
    for (std::int64_t d = 2; d < az.dim(); ++d) spatial.push_back(d);
    const Tensor per_channel = spatial.empty() ? az : az.sum(spatial);  // N x K
    // The reference code spreads each channel's value over its weight's fan-in (C_in x k x k)
    // before summing, so each channel counts fan-in times.
    const Tensor w = weights[l];
    const double fan_in = static_cast<double>(w.numel() / std::max<std::int64_t>(1, w.size(0)));
    const Tensor v = per_channel.pow(2).mean(0).mul(0.5).sum() * fan_in;
    total = total.defined() ? total + v : v;
  }
  return total.defined() ? total.item<double>() : 0.0;
}

double grad_norm(ScoredNetwork& net, const Tensor& x, const Tensor& y) {
  torch::AutoGradMode grad_mode(true);
  net.module->train();
  const auto g = gradients(mean_loss(net, x, y), net.weights);
  return sum_over_layers(net.weights, g, [](const Tensor&, const Tensor& gw) { return gw.norm(); });
}

double jacob_cov(ScoredNetwork& net, const Tensor& x) {
  torch::AutoGradMode grad_mode(true);
  net.module->train();
  const Tensor input = x.detach().clone().requires_grad_(true);
  // The reference backpropagates ones from every logit: the gradient of their sum.
  const Tensor out = net.forward(input, {}).sum();
  const auto g = torch::autograd::grad({out}, {input}, {}, std::nullopt, false, /*allow_unused=*/true);
  const Tensor jac = g[0].defined() ? g[0] : torch::zeros_like(input);
  return jacobian_covariance_score(jac.reshape({input.size(0), -1}));
}

double naswot(ScoredNetwork& net, const Tensor& x) {
  torch::NoGradGuard no_grad;
  net.module->train();
  const std::int64_t n = x.size(0);
  Tensor kernel = torch::zeros({n, n}, torch::TensorOptions().dtype(torch::kDouble).device(x.device()));
  ForwardTaps taps;
  taps.on_relu = [&](const Tensor& pre) { kernel += code_kernel((pre > 0).reshape({n, -1})); };
  net.forward(x, taps);
  return log_abs_det(kernel);
}

double jacobian_covariance_score(const Tensor& jacobian) {
  constexpr double k = 1e-5;  // Mellor et al.'s regulariser of the eigenvalues
  const Tensor j = jacobian.detach().to(torch::kCPU, torch::kDouble);
  if (!torch::isfinite(j).all().item<bool>()) return kNaN;
  const Tensor centred = j - j.mean(1, /*keepdim=*/true);
  const Tensor cov = centred.mm(centred.t());
  const Tensor var = cov.diagonal();
  if ((var <= 0).any().item<bool>()) return kNaN;  // a constant row: numpy's corrcoef gives NaN
  const Tensor sd = var.sqrt();
  // numpy's corrcoef clips to [-1, 1] as well.
  const Tensor corr = (cov / sd.unsqueeze(1) / sd.unsqueeze(0)).clamp(-1.0, 1.0);
  const Tensor v = torch::linalg_eigvalsh(corr);
  return -(torch::log(v + k) + 1.0 / (v + k)).sum().item<double>();
}

Tensor code_kernel(const Tensor& codes) {
  const Tensor c = codes.to(torch::kDouble);
  const Tensor d = 1.0 - c;
  return c.mm(c.t()) + d.mm(d.t());
}

double log_abs_det(const Tensor& kernel) {
  const Tensor k = kernel.detach().to(torch::kCPU, torch::kDouble);
  if (!torch::isfinite(k).all().item<bool>()) return kNaN;
  const auto [sign, logabs] = torch::linalg_slogdet(k);
  if (sign.item<double>() == 0.0) return -std::numeric_limits<double>::infinity();
  return logabs.item<double>();
}

}  // namespace proxies

// --- the registry and compute_proxies ---

namespace {

constexpr const char* kAbdelfattah = "Abdelfattah et al., Zero-Cost Proxies for Lightweight NAS, ICLR 2021";

using detail::pick_device;
using detail::usable_cores;

std::string joined(const std::vector<std::string>& names) {
  std::string s;
  for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
  return s;
}

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

/// What a score needs: the spec (analytic scores), or the network at initialisation and one batch.
struct Inputs {
  const nas::Spec* spec = nullptr;
  proxies::ScoredNetwork* net = nullptr;
  const Tensor* x = nullptr;
  const Tensor* y = nullptr;
  std::vector<std::int64_t> image_shape;
};

/// One score: what it is (the public ProxyInfo), whether it needs the network and a batch, and
/// the function that computes it. Every score is one entry here.
struct Scorer {
  ProxyInfo info;
  bool needs_network = true;
  std::function<double(Inputs&)> compute;
};

const std::vector<Scorer>& scorers() {
  static const std::vector<Scorer> registry = {
      {{"synflow",
        "sum of |theta * dR/dtheta| over conv and linear weights, R = sum of the logits of an all-ones image, every "
        "parameter replaced by its absolute value, batch norm removed, double precision",
        "Tanaka et al., Pruning neural networks without any data by iteratively conserving synaptic flow, NeurIPS "
        "2020; as in " +
            std::string(kAbdelfattah)},
       true,
       [](Inputs& in) { return proxies::synflow(*in.net, in.image_shape); }},
      {{"snip", "sum of |theta * dL/dtheta| over conv and linear weights, L = mean cross-entropy of the batch",
        "Lee et al., SNIP: Single-shot network pruning based on connection sensitivity, ICLR 2019; as in " +
            std::string(kAbdelfattah)},
       true,
       [](Inputs& in) { return proxies::snip(*in.net, *in.x, *in.y); }},
      {{"grasp", "sum of -(theta * H g) over conv and linear weights, g = dL/dtheta, H the Hessian of L",
        "Wang et al., Picking winning tickets before training by preserving gradient flow, ICLR 2020; as in " +
            std::string(kAbdelfattah)},
       true,
       [](Inputs& in) { return proxies::grasp(*in.net, *in.x, *in.y); }},
      {{"fisher",
        "sum over conv and linear layers and output channels of fan_in * 1/2 mean over images of (sum over positions "
        "of z * dL/dz)^2, z the layer's output",
        "Turner et al., BlockSwap: Fisher-guided block substitution for network compression, ICLR 2020; as in " +
            std::string(kAbdelfattah)},
       true,
       [](Inputs& in) { return proxies::fisher(*in.net, *in.x, *in.y); }},
      {{"grad_norm", "sum over conv and linear layers of the L2 norm of dL/dtheta", kAbdelfattah},
       true,
       [](Inputs& in) { return proxies::grad_norm(*in.net, *in.x, *in.y); }},
      {{"jacob_cov",
        "-sum(log(v + 1e-5) + 1/(v + 1e-5)), v the eigenvalues of the correlation matrix of the images' input "
        "Jacobians of the summed logits",
        "Mellor et al., Neural Architecture Search without Training, arXiv:2006.04647v1 (2020); as in " +
            std::string(kAbdelfattah)},
       true,
       [](Inputs& in) { return proxies::jacob_cov(*in.net, *in.x); }},
      {{"naswot", "log|K|, K = C C^T + (1 - C)(1 - C)^T, C the images' binary codes (pre-activation > 0) at every ReLU",
        "Mellor et al., Neural Architecture Search without Training, ICML 2021"},
       true,
       [](Inputs& in) { return proxies::naswot(*in.net, *in.x); }},
      {{"params", "trainable parameters (conv and linear weights, linear bias, batch-norm scale and shift)",
        "baseline; Abdelfattah et al. report it beside every proxy"},
       false,
       [](Inputs& in) { return static_cast<double>(nas::count_params(*in.spec)); }},
      {{"macs", "multiply-accumulates of one forward pass of one image (conv and linear layers)",
        "baseline; Abdelfattah et al. report FLOPs beside every proxy"},
       false,
       [](Inputs& in) { return static_cast<double>(nas::count_macs(*in.spec)); }},
  };
  return registry;
}

const Scorer& scorer(const std::string& name) {
  for (const Scorer& s : scorers())
    if (s.info.name == name) return s;
  NASRANK_ASSERT(false, "score '", name, "' is not registered");
  return scorers().front();
}

/// Computed from the spec alone, without building the network.
bool analytic(const std::string& name) { return !scorer(name).needs_network; }

}  // namespace

const std::vector<ProxyInfo>& proxy_registry() {
  static const std::vector<ProxyInfo> registry = [] {
    std::vector<ProxyInfo> infos;
    for (const Scorer& s : scorers()) infos.push_back(s.info);
    return infos;
  }();
  return registry;
}

std::vector<std::string> proxy_names() {
  std::vector<std::string> names;
  for (const auto& p : proxy_registry()) names.push_back(p.name);
  return names;
}

std::vector<std::string> resolve_proxy_names(const std::vector<std::string>& names) {
  const std::vector<std::string> all = proxy_names();
  if (names.empty()) return all;
  std::vector<std::string> out;
  for (const auto& n : names) {
    NASRANK_CHECK(std::find(all.begin(), all.end(), n) != all.end(), "unknown score '", n,
                  "'; valid scores: ", joined(all));
    if (std::find(out.begin(), out.end(), n) == out.end()) out.push_back(n);
  }
  return out;
}

std::vector<std::int64_t> proxy_batch_indices(std::int64_t train_count, std::int64_t batch, std::uint64_t seed) {
  NASRANK_CHECK(batch > 0 && batch <= train_count, "the scoring batch (", batch, " images) must be between 1 and ",
                "the training split's size (", train_count, ")");
  // Its own stream, apart from the trainer's uses of the same seed.
  Rng rng(seed ^ 0x7a65726f636f7374ULL);
  std::vector<std::int64_t> all(static_cast<std::size_t>(train_count));
  std::iota(all.begin(), all.end(), 0);
  // Partial Fisher-Yates: the first `batch` places are a uniform draw without replacement.
  for (std::size_t i = 0; i < static_cast<std::size_t>(batch); ++i)
    std::swap(all[i], all[i + rng.below(all.size() - i)]);
  all.resize(static_cast<std::size_t>(batch));
  return all;
}

ProxyScores compute_proxies(const nas::Spec& base_spec, const data::Dataset& data, const ProxyOptions& o,
                            const std::string& arch_id) {
  const std::vector<std::string> names = resolve_proxy_names(o.scores);
  NASRANK_CHECK(o.batch >= 2, "--batch must be at least 2: naswot and jacob_cov compare images (got ", o.batch, ")");
  NASRANK_CHECK(o.width > 0 && o.width <= 16, "--width must be in (0, 16] (got ", o.width, ")");
  NASRANK_CHECK(o.threads >= 0, "--threads must be at least 0 (got ", o.threads, ")");
  const nas::Spec spec = o.width == 1.0 ? base_spec : nas::scale_width(base_spec, o.width);
  NASRANK_CHECK(spec.in_channels == data.train.channels && spec.image_size == data.train.height &&
                    spec.image_size == data.train.width,
                "architecture '", arch_id, "' expects ", spec.in_channels, "x", spec.image_size, "x", spec.image_size,
                " images but ", data.name, " has ", data.train.channels, "x", data.train.height, "x", data.train.width);
  NASRANK_CHECK(spec.classes == data.num_classes, "architecture '", arch_id, "' has ", spec.classes, " classes but ",
                data.name, " has ", data.num_classes);
  NASRANK_CHECK(data.train.count >= o.batch, "the training split of ", data.name, " (", data.train.count,
                " images) is smaller than the scoring batch (--batch ", o.batch, ")");

  ProxyScores r;
  r.arch = arch_id;
  for (const auto& name : names) {
    if (!analytic(name)) continue;
    const auto t0 = Clock::now();
    Inputs in;
    in.spec = &spec;
    r.value[name] = scorer(name).compute(in);
    r.seconds[name] = seconds_since(t0);
  }
  if (std::all_of(names.begin(), names.end(), analytic)) return r;

  const auto t_setup = Clock::now();
  const torch::Device device = pick_device(o.device);
  at::set_num_threads(o.threads > 0 ? o.threads : usable_cores());
  torch::manual_seed(o.seed);  // the initialisation the trainer draws with this seed
  nas::Network net = nas::build_network(spec);
  net->to(device);

  const data::ImageSet batch = data.train.subset(proxy_batch_indices(data.train.count, o.batch, o.seed));
  const Tensor images = torch::from_blob(const_cast<std::uint8_t*>(batch.pixels.data()),
                                         {batch.count, batch.channels, batch.height, batch.width}, torch::kUInt8);
  // Normalised as the trainer normalises (per-channel mean and deviation of the training split).
  const auto stats = [&](const std::vector<double>& v) {
    return torch::tensor(std::vector<float>(v.begin(), v.end())).reshape({1, batch.channels, 1, 1});
  };
  NASRANK_CHECK(static_cast<std::int64_t>(data.mean.size()) == batch.channels &&
                    static_cast<std::int64_t>(data.stddev.size()) == batch.channels,
                data.name, ": the dataset has no per-channel mean and deviation for its ", batch.channels, " channels");
  const Tensor x = ((images.to(torch::kFloat) * (1.0 / 255.0) - stats(data.mean)) / stats(data.stddev)).to(device);
  const Tensor y = torch::from_blob(const_cast<std::uint8_t*>(batch.labels.data()), {batch.count}, torch::kUInt8)
                       .to(torch::kLong)
                       .to(device);

  proxies::ScoredNetwork scored = proxies::scored_network(net);
  NASRANK_ASSERT(proxies::forward_matches(scored, net, x.narrow(0, 0, std::min<std::int64_t>(o.batch, 8))),
                 "the proxies' walk of architecture '", arch_id, "' disagrees with the network's own forward pass");
  r.setup_seconds = seconds_since(t_setup);

  Inputs in;
  in.spec = &spec;
  in.net = &scored;
  in.x = &x;
  in.y = &y;
  in.image_shape = {batch.channels, batch.height, batch.width};
  for (const auto& name : names) {
    if (analytic(name)) continue;
    const auto t0 = Clock::now();
    const double v = scorer(name).compute(in);
    if (device.is_cuda()) torch::cuda::synchronize();
    r.value[name] = v;
    r.seconds[name] = seconds_since(t0);
  }
  return r;
}

std::vector<std::string> nonfinite_scores(const ProxyScores& s) {
  std::vector<std::string> out;
  for (const auto& [name, v] : s.value)
    if (!std::isfinite(v)) out.push_back(name);
  return out;
}

nlohmann::json to_json(const ProxyScores& s) {
  nlohmann::json scores = nlohmann::json::object(), seconds = nlohmann::json::object();
  for (const auto& [name, v] : s.value) scores[name] = json_number(v);
  for (const auto& [name, t] : s.seconds) seconds[name] = t;
  return {{"arch", s.arch}, {"scores", scores}, {"seconds", seconds}, {"setup_seconds", s.setup_seconds}};
}

}  // namespace nasrank::trainer
