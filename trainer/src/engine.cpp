#include "engine.h"

#include <ATen/autocast_mode.h>

namespace nasrank::trainer::detail {

AutocastScope::AutocastScope(bool enabled) : enabled_(enabled) {
  if (!enabled_) return;
  previous_ = at::autocast::is_autocast_enabled(at::kCUDA);
  at::autocast::set_autocast_enabled(at::kCUDA, true);
  at::autocast::set_autocast_dtype(at::kCUDA, at::kBFloat16);
  // The weight-cast cache would hold tensors across a graph capture; recompute casts instead.
  at::autocast::set_autocast_cache_enabled(false);
}

AutocastScope::~AutocastScope() {
  if (enabled_) at::autocast::set_autocast_enabled(at::kCUDA, previous_);
}

torch::Tensor augment_batch(const torch::Tensor& x, const std::optional<at::Generator>& gen) {
  constexpr int64_t kPad = 4;
  const int64_t b = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
  const int64_t hp = h + 2 * kPad, wp = w + 2 * kPad;
  const auto long_opts = torch::TensorOptions().dtype(torch::kLong).device(x.device());
  const torch::Tensor padded = torch::constant_pad_nd(x, {kPad, kPad, kPad, kPad}, 0);
  const torch::Tensor oy = torch::randint(0, 2 * kPad + 1, {b, 1}, gen, long_opts);
  const torch::Tensor ox = torch::randint(0, 2 * kPad + 1, {b, 1}, gen, long_opts);
  const torch::Tensor flip = torch::randint(0, 2, {b, 1}, gen, long_opts).to(torch::kBool);
  const torch::Tensor ar_h = torch::arange(h, long_opts).unsqueeze(0);
  const torch::Tensor ar_w = torch::arange(w, long_opts).unsqueeze(0);
  const torch::Tensor rows = oy + ar_h;                                      // b x h
  const torch::Tensor cols = ox + torch::where(flip, (w - 1) - ar_w, ar_w);  // b x w
  const torch::Tensor flat = (rows.unsqueeze(2) * wp + cols.unsqueeze(1)).view({b, 1, h * w}).expand({b, c, h * w});
  return padded.reshape({b, c, hp * wp}).gather(2, flat).view({b, c, h, w});
}

torch::Tensor normalise(const TrainState& s, const torch::Tensor& images_u8) {
  torch::Tensor x = (images_u8.to(torch::kFloat) * (1.0 / 255.0) - s.mean) * s.inv_std;
  return s.channels_last ? x.contiguous(at::MemoryFormat::ChannelsLast) : x;
}

StepOutput train_step(TrainState& s, const torch::Tensor& indices, const torch::Tensor& lr) {
  torch::Tensor x = s.images.index_select(0, indices);
  const torch::Tensor y = s.labels.index_select(0, indices);
  if (s.augment) x = augment_batch(x, s.generator);
  x = normalise(s, x);
  for (auto& p : s.params) p.mutable_grad().reset();
  torch::Tensor logits, loss;
  {
    AutocastScope autocast(s.bf16);
    logits = s.forward(x);
    loss = torch::nn::functional::cross_entropy(logits, y);
  }
  loss.backward();
  std::vector<torch::Tensor> params, grads, bufs;
  for (std::size_t i = 0; i < s.params.size(); ++i) {
    if (!s.params[i].grad().defined()) continue;  // a parameter this architecture never uses
    params.push_back(s.params[i]);
    grads.push_back(s.params[i].grad());
    bufs.push_back(s.momentum[i]);
  }
  {
    torch::NoGradGuard no_grad;
    // torch.optim.SGD (dampening 0, no Nesterov): d = g + wd p; buf = m buf + d; p -= lr buf.
    // A zero-initialised buffer gives buf = d at the first step, exactly as PyTorch's clone.
    at::_foreach_add_(grads, params, s.weight_decay);
    at::_foreach_mul_(bufs, s.momentum_factor);
    at::_foreach_add_(bufs, grads);
    at::_foreach_sub_(params, at::_foreach_mul(bufs, lr));
  }
  StepOutput out;
  out.loss = loss.detach();
  out.correct = logits.detach().argmax(1).eq(y).sum();
  return out;
}

namespace {

class EagerEngine final : public StepEngine {
 public:
  explicit EagerEngine(TrainState& s)
      : s_(s), lr_(torch::zeros({}, torch::TensorOptions().dtype(torch::kFloat).device(s.device))) {}
  StepOutput step(const torch::Tensor& indices, double lr) override {
    lr_.fill_(lr);
    return train_step(s_, indices, lr_);
  }
  std::string name() const override { return "eager"; }

 private:
  TrainState& s_;
  torch::Tensor lr_;
};

}  // namespace

std::unique_ptr<StepEngine> make_eager_engine(TrainState& s) { return std::make_unique<EagerEngine>(s); }

#ifndef NASRANK_HAS_CUDA
std::unique_ptr<StepEngine> make_graph_engine(TrainState&, const torch::Tensor&, double) { return nullptr; }
void make_cuda_generator(TrainState&, std::uint64_t) {}
#endif

}  // namespace nasrank::trainer::detail
