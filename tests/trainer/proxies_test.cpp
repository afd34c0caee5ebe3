// Zero-cost proxies: each score against a value worked out another way on a tiny network (closed
// forms, finite differences, loops over hand-built codes), the spec walk against the builder's
// forward, determinism, invariances, non-finite scores, and the 'proxies' command's output.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>

#include "nasrank/core/csv.h"
#include "nasrank/core/error.h"
#include "nasrank/nas/counts.h"
#include "nasrank/trainer/proxies.h"
#include "nasrank/trainer/proxy_scores.h"
#include "nasrank/trainer/train.h"

namespace nasrank::trainer {
namespace {

using proxies::ForwardTaps;
using proxies::ScoredNetwork;
using torch::Tensor;

// --- a two-layer perceptron whose scores have closed forms: z = W1 x, out = W2 relu(z) + b2 ---

struct Mlp {
  torch::nn::Linear l1{nullptr}, l2{nullptr};
  ScoredNetwork net;
};

Mlp make_mlp(const Tensor& w1, const Tensor& w2, const Tensor& b2) {
  Mlp m;
  m.l1 = torch::nn::Linear(torch::nn::LinearOptions(w1.size(1), w1.size(0)).bias(false));
  m.l2 = torch::nn::Linear(torch::nn::LinearOptions(w2.size(1), w2.size(0)));
  {
    torch::NoGradGuard no_grad;
    m.l1->weight.set_data(w1.clone());
    m.l2->weight.set_data(w2.clone());
    m.l2->bias.set_data(b2.clone());
  }
  auto root = std::make_shared<torch::nn::Module>();
  root->register_module("l1", m.l1);
  root->register_module("l2", m.l2);
  m.net.module = root;
  m.net.weights = {m.l1->weight, m.l2->weight};
  torch::nn::Linear l1 = m.l1, l2 = m.l2;
  m.net.forward = [l1, l2](const Tensor& x, const ForwardTaps& taps) mutable {
    Tensor z = l1->forward(x);
    if (taps.on_layer) taps.on_layer(z, l1->weight);
    if (taps.on_relu) taps.on_relu(z);
    Tensor out = l2->forward(torch::relu(z));
    if (taps.on_layer) taps.on_layer(out, l2->weight);
    return out;
  };
  return m;
}

/// A random double-precision perceptron 4 -> 3 -> 2 (classes), with a batch of 5 and labels.
struct MlpCase {
  Mlp mlp;
  Tensor x, y;
};

MlpCase random_mlp_case(std::uint64_t seed = 7) {
  torch::manual_seed(seed);
  const auto d = torch::TensorOptions().dtype(torch::kDouble);
  MlpCase c{make_mlp(torch::randn({3, 4}, d), torch::randn({2, 3}, d), torch::randn({2}, d)), torch::randn({5, 4}, d),
            torch::tensor({0, 1, 1, 0, 1}, torch::kLong)};
  return c;
}

double at2(const Tensor& t, std::int64_t i, std::int64_t j) { return t[i][j].item<double>(); }

/// Mean cross-entropy of the perceptron, by loops (no autograd), for finite differences.
double loss_by_loops(const Tensor& w1, const Tensor& w2, const Tensor& b2, const Tensor& x, const Tensor& y) {
  const std::int64_t n = x.size(0), h = w1.size(0), in = w1.size(1), k = w2.size(0);
  double total = 0;
  for (std::int64_t s = 0; s < n; ++s) {
    std::vector<double> a(static_cast<std::size_t>(h)), out(static_cast<std::size_t>(k));
    for (std::int64_t j = 0; j < h; ++j) {
      double z = 0;
      for (std::int64_t i = 0; i < in; ++i) z += at2(w1, j, i) * at2(x, s, i);
      a[static_cast<std::size_t>(j)] = std::max(0.0, z);
    }
    double norm = 0;
    for (std::int64_t c = 0; c < k; ++c) {
      double o = b2[c].item<double>();
      for (std::int64_t j = 0; j < h; ++j) o += at2(w2, c, j) * a[static_cast<std::size_t>(j)];
      out[static_cast<std::size_t>(c)] = o;
      norm += std::exp(o);
    }
    total += std::log(norm) - out[static_cast<std::size_t>(y[s].item<std::int64_t>())];
  }
  return total / static_cast<double>(n);
}

/// Central finite-difference gradient of the loop loss with respect to w1 (which = 0) or w2.
Tensor fd_gradient(const MlpCase& c, int which) {
  const double h = 1e-6;
  Tensor w1 = c.mlp.l1->weight.detach().clone(), w2 = c.mlp.l2->weight.detach().clone();
  const Tensor b2 = c.mlp.l2->bias.detach().clone();
  Tensor& w = which == 0 ? w1 : w2;
  Tensor g = torch::zeros_like(w);
  for (std::int64_t i = 0; i < w.size(0); ++i)
    for (std::int64_t j = 0; j < w.size(1); ++j) {
      const double v = at2(w, i, j);
      w[i][j] = v + h;
      const double up = loss_by_loops(w1, w2, b2, c.x, c.y);
      w[i][j] = v - h;
      const double down = loss_by_loops(w1, w2, b2, c.x, c.y);
      w[i][j] = v;
      g[i][j] = (up - down) / (2 * h);
    }
  return g;
}

void expect_relative(double actual, double expected, double tol, const std::string& what) {
  EXPECT_NEAR(actual, expected, tol * std::max(1.0, std::abs(expected))) << what;
}

TEST(Synflow, EqualsClosedFormOfAbsoluteLinearNetwork) {
  // |W1| 1 = a = (3.5, 5, 2); 1^T |W2| = c = (1.5, 1, 3); R = c.a + sum|b2|. By Euler's theorem each
  // bias-free layer contributes c.a to sum |theta dR/dtheta|: synflow = 2 c.a = 32.5. The signs,
  // the ReLU and the bias do not matter.
  const Tensor w1 = torch::tensor({1.0, -2.0, 0.5, 0.0, 0.0, 3.0, -1.0, 1.0, -0.5, 0.5, 0.5, -0.5}).reshape({3, 4});
  const Tensor w2 = torch::tensor({1.0, -1.0, 2.0, -0.5, 0.0, 1.0}).reshape({2, 3});
  Mlp m = make_mlp(w1.to(torch::kFloat), w2.to(torch::kFloat), torch::tensor({-7.0f, 4.0f}));
  EXPECT_DOUBLE_EQ(proxies::synflow(m.net, {4}), 32.5);
  // The network is given back as it was: signs, float precision, no gradient left behind.
  EXPECT_EQ(m.l1->weight.scalar_type(), torch::kFloat);
  EXPECT_TRUE(torch::equal(m.l1->weight.detach(), w1.to(torch::kFloat)));
  EXPECT_TRUE(torch::equal(m.l2->bias.detach(), torch::tensor({-7.0f, 4.0f})));
  EXPECT_FALSE(m.l1->weight.grad().defined());
}

TEST(Synflow, DoesNotOverflowWhereFloatWould) {
  // Ten layers of 1e5 x identity: R ~ 1e50 overflows float (3.4e38), not double; synflow = 10 R.
  auto root = std::make_shared<torch::nn::Module>();
  std::vector<torch::nn::Linear> layers;
  ScoredNetwork net;
  for (int i = 0; i < 10; ++i) {
    std::string name = "l";
    name += std::to_string(i);  // not "l" + ...: GCC 12 warns falsely about that concatenation
    layers.push_back(root->register_module(name, torch::nn::Linear(torch::nn::LinearOptions(2, 2).bias(false))));
    torch::NoGradGuard no_grad;
    layers.back()->weight.set_data(torch::eye(2) * 1e5f);
    net.weights.push_back(layers.back()->weight);
  }
  net.module = root;
  net.forward = [layers](const Tensor& x, const ForwardTaps&) mutable {
    Tensor y = x;
    for (auto& l : layers) y = l->forward(y);
    return y;
  };
  const double s = proxies::synflow(net, {2});
  EXPECT_TRUE(std::isfinite(s));
  expect_relative(s, 10 * 2 * 1e50, 1e-12, "synflow of ten 1e5-identity layers");
}

TEST(Snip, MatchesFiniteDifferenceGradients) {
  MlpCase c = random_mlp_case();
  double expected = 0;
  for (int l = 0; l < 2; ++l) {
    const Tensor w = (l == 0 ? c.mlp.l1 : c.mlp.l2)->weight.detach();
    expected += (w * fd_gradient(c, l)).abs().sum().item<double>();
  }
  expect_relative(proxies::snip(c.mlp.net, c.x, c.y), expected, 1e-6, "snip");
}

TEST(GradNorm, IsTheSumOfLayerNormsOfFiniteDifferenceGradients) {
  MlpCase c = random_mlp_case();
  const double expected = fd_gradient(c, 0).norm().item<double>() + fd_gradient(c, 1).norm().item<double>();
  expect_relative(proxies::grad_norm(c.mlp.net, c.x, c.y), expected, 1e-6, "grad_norm");
}

TEST(Grasp, MatchesFiniteDifferenceHessianVectorProduct) {
  // H g by central differences of the gradient along g: (g(theta + e g) - g(theta - e g)) / 2e.
  MlpCase c = random_mlp_case();
  auto& weights = c.mlp.net.weights;
  const auto grads_at = [&]() {
    const Tensor loss = torch::nn::functional::cross_entropy(c.mlp.net.forward(c.x, {}), c.y);
    return torch::autograd::grad({loss}, weights);
  };
  const auto g = grads_at();
  const double e = 1e-6;
  const auto shifted = [&](double sign) {
    {
      torch::NoGradGuard no_grad;
      for (std::size_t l = 0; l < weights.size(); ++l) weights[l].add_(g[l], sign * e);
    }
    auto out = grads_at();
    torch::NoGradGuard no_grad;
    for (std::size_t l = 0; l < weights.size(); ++l) weights[l].sub_(g[l], sign * e);
    return out;
  };
  const auto up = shifted(1.0), down = shifted(-1.0);
  double expected = 0;
  for (std::size_t l = 0; l < weights.size(); ++l)
    expected -= (weights[l].detach() * (up[l] - down[l]) / (2 * e)).sum().item<double>();
  ASSERT_GT(std::abs(expected), 1e-6) << "a case with no curvature would test nothing";
  expect_relative(proxies::grasp(c.mlp.net, c.x, c.y), expected, 1e-5, "grasp");
}

TEST(Fisher, MatchesHandBackpropagationOfLayerOutputs) {
  // dL/dout_n = (softmax(out_n) - e_{y_n}) / N; dL/dz_n = W2^T dL/dout_n where z_n > 0. Each layer
  // adds fan_in * sum_k 1/2 mean_n (z_nk dL/dz_nk)^2 (fan-in 4 for W1, 3 for W2).
  MlpCase c = random_mlp_case();
  const Tensor w1 = c.mlp.l1->weight.detach(), w2 = c.mlp.l2->weight.detach(), b2 = c.mlp.l2->bias.detach();
  const std::int64_t n = c.x.size(0), h = 3, k = 2, in = 4;
  std::vector<double> f1(h, 0.0), f2(k, 0.0);
  for (std::int64_t s = 0; s < n; ++s) {
    std::vector<double> z(h), out(k), p(k), g_out(k), g_z(h, 0.0);
    for (std::int64_t j = 0; j < h; ++j) {
      z[j] = 0;
      for (std::int64_t i = 0; i < in; ++i) z[j] += at2(w1, j, i) * at2(c.x, s, i);
    }
    double norm = 0;
    for (std::int64_t o = 0; o < k; ++o) {
      out[o] = b2[o].item<double>();
      for (std::int64_t j = 0; j < h; ++j) out[o] += at2(w2, o, j) * std::max(0.0, z[j]);
      norm += std::exp(out[o]);
    }
    for (std::int64_t o = 0; o < k; ++o)
      g_out[o] = (std::exp(out[o]) / norm - (o == c.y[s].item<std::int64_t>() ? 1.0 : 0.0)) / static_cast<double>(n);
    for (std::int64_t j = 0; j < h; ++j)
      for (std::int64_t o = 0; o < k; ++o) g_z[j] += z[j] > 0 ? at2(w2, o, j) * g_out[o] : 0.0;
    for (std::int64_t j = 0; j < h; ++j) f1[j] += std::pow(z[j] * g_z[j], 2) / static_cast<double>(n);
    for (std::int64_t o = 0; o < k; ++o) f2[o] += std::pow(out[o] * g_out[o], 2) / static_cast<double>(n);
  }
  double expected = 0;
  for (double v : f1) expected += 4 * 0.5 * v;
  for (double v : f2) expected += 3 * 0.5 * v;
  expect_relative(proxies::fisher(c.mlp.net, c.x, c.y), expected, 1e-9, "fisher");
}

TEST(JacobCov, ScoreOfHandBuiltJacobians) {
  const double k = 1e-5;
  // Centred orthogonal rows: the correlation matrix is the identity.
  const Tensor orthogonal = torch::tensor({1.0, -1.0, 0.0, 0.0, 0.0, 0.0, 2.0, -2.0}).reshape({2, 4});
  EXPECT_NEAR(proxies::jacobian_covariance_score(orthogonal), -2 * (std::log(1 + k) + 1 / (1 + k)), 1e-9);
  // Proportional rows: correlation 1, eigenvalues 0 and 2.
  const Tensor proportional = torch::tensor({1.0, 2.0, 3.0, 2.0, 4.0, 6.0}).reshape({2, 3});
  expect_relative(proxies::jacobian_covariance_score(proportional),
                  -(std::log(k) + 1 / k + std::log(2 + k) + 1 / (2 + k)), 1e-9, "proportional rows");
  // A constant row has no correlation: NaN, as numpy's corrcoef gives.
  const Tensor constant = torch::tensor({1.0, 1.0, 1.0, 0.0, 1.0, 5.0}).reshape({2, 3});
  EXPECT_TRUE(std::isnan(proxies::jacobian_covariance_score(constant)));
}

TEST(JacobCov, MatchesDirectJacobianOfPerceptron) {
  // d(sum of logits)/dx_n = W1^T (m_n * W2^T 1), m_n the ReLU mask of image n. Two images: the
  // correlation matrix [[1, r], [r, 1]] has eigenvalues 1 +- r.
  MlpCase c = random_mlp_case(11);
  const Tensor x = torch::tensor({1.0, -0.5, 0.25, 2.0, -1.0, 0.5, 1.5, -0.75}, torch::kDouble).reshape({2, 4});
  const Tensor w1 = c.mlp.l1->weight.detach(), w2 = c.mlp.l2->weight.detach();
  std::vector<std::vector<double>> rows(2, std::vector<double>(4, 0.0));
  for (int s = 0; s < 2; ++s)
    for (int j = 0; j < 3; ++j) {
      double z = 0, back = 0;
      for (int i = 0; i < 4; ++i) z += at2(w1, j, i) * at2(x, s, i);
      for (int o = 0; o < 2; ++o) back += at2(w2, o, j);
      if (z > 0)
        for (int i = 0; i < 4; ++i) rows[s][i] += at2(w1, j, i) * back;
    }
  const auto mean = [](const std::vector<double>& v) { return (v[0] + v[1] + v[2] + v[3]) / 4; };
  double sxy = 0, sxx = 0, syy = 0;
  for (int i = 0; i < 4; ++i) {
    const double a = rows[0][i] - mean(rows[0]), b = rows[1][i] - mean(rows[1]);
    sxy += a * b, sxx += a * a, syy += b * b;
  }
  const double r = sxy / std::sqrt(sxx * syy), k = 1e-5;
  ASSERT_LT(std::abs(r), 0.999) << "the two images should not have proportional Jacobians";
  const double expected = -(std::log(1 + r + k) + 1 / (1 + r + k) + std::log(1 - r + k) + 1 / (1 - r + k));
  expect_relative(proxies::jacob_cov(c.mlp.net, x), expected, 1e-9, "jacob_cov");
}

TEST(Naswot, LogDetOfHandBuiltCodeKernel) {
  // Two ReLUs see codes a = 1011|1, b = 1100|0, c = 0011|1; K_ij counts agreeing units:
  // K = [[5, 1, 4], [1, 5, 0], [4, 0, 5]], det K = 40. Zero is an inactive unit, as in ReLU.
  ScoredNetwork net;
  net.module = std::make_shared<torch::nn::Module>();
  net.forward = [](const Tensor& x, const ForwardTaps& taps) {
    if (taps.on_relu) {
      taps.on_relu(x.narrow(1, 0, 4));
      taps.on_relu(x.narrow(1, 4, 1));
    }
    return x;
  };
  const Tensor x = torch::tensor({0.7f, -0.3f, 2.0f, 0.1f, 5.0f,   //
                                  0.2f, 0.9f, 0.0f, -1.0f, -2.0f,  //
                                  -0.1f, 0.0f, 3.0f, 0.4f, 0.5f})
                       .reshape({3, 5});
  EXPECT_NEAR(proxies::naswot(net, x), std::log(40.0), 1e-12);
  // Two equal rows make K singular: log|K| = -inf, a result rather than an error.
  EXPECT_EQ(proxies::naswot(net, torch::cat({x.narrow(0, 0, 2), x.narrow(0, 0, 1)})),
            -std::numeric_limits<double>::infinity());
}

// --- the spec's network ---

/// A spec that uses every kind of layer the builder makes: projection and missing shortcuts, a
/// block without batch norm, a single-convolution block, a projected and a plain skip edge.
nas::Spec varied_spec() {
  nas::Spec s = nas::scale_width(nas::resnet18_spec(1, 8, 10), 0.0625);
  s.blocks[1].batch_norm = false;
  s.blocks[3].shortcut = nas::Shortcut::none;
  s.blocks[5].convs = {s.blocks[5].convs.back()};
  s.skips = {{1, 4}, {4, 6}};
  nas::validate(s);
  return s;
}

TEST(ScoredNetwork, WalkGivesTheBuildersLogitsAndScoresEveryWeight) {
  for (const nas::Spec& spec : {varied_spec(), nas::scale_width(nas::resnet18_spec(1, 8, 10), 0.125)}) {
    torch::manual_seed(3);
    nas::Network network = nas::build_network(spec);
    ScoredNetwork net = proxies::scored_network(network);
    const Tensor x = torch::randn({6, 1, 8, 8});
    network->train();
    const Tensor expected = network->forward(x);
    EXPECT_TRUE(torch::allclose(net.forward(x, {}), expected, 1e-5, 1e-6)) << nas::canonical_text(spec);
    // Weights plus batch-norm scale and shift plus the classifier bias are all the parameters.
    std::int64_t counted = spec.classes;
    for (const auto& w : net.weights) counted += w.numel();
    for (const auto& item : network->named_modules())
      if (auto bn = std::dynamic_pointer_cast<torch::nn::BatchNorm2dImpl>(item.value()))
        counted += 2 * bn->weight.numel();
    EXPECT_EQ(counted, nas::count_params(spec));
  }
}

TEST(ScoredNetwork, CheckCatchesAWalkThatMissesAnEdge) {
  // Without the plain skip edge 4 -> 6 the two networks have the same layers and, from one seed,
  // the same weights; only the walk differs.
  const nas::Spec with = varied_spec();
  nas::Spec without = with;
  without.skips = {{1, 4}};
  torch::manual_seed(3);
  nas::Network a = nas::build_network(with);
  torch::manual_seed(3);
  nas::Network b = nas::build_network(without);
  const Tensor x = torch::randn({6, 1, 8, 8});
  EXPECT_TRUE(proxies::forward_matches(proxies::scored_network(a), a, x));
  EXPECT_FALSE(proxies::forward_matches(proxies::scored_network(b), a, x));
}

TEST(Synflow, IgnoresBatchNormAndWeightSigns) {
  // Batch norm is removed and every parameter made positive: new batch-norm scales, shifts and
  // running statistics, and flipped weight signs, leave the score as it was; snip sees both.
  const nas::Spec spec = varied_spec();
  torch::manual_seed(3);
  nas::Network network = nas::build_network(spec);
  ScoredNetwork net = proxies::scored_network(network);
  const Tensor x = torch::randn({6, 1, 8, 8});
  const Tensor y = torch::arange(6, torch::kLong);
  const double synflow = proxies::synflow(net, {1, 8, 8}), snip = proxies::snip(net, x, y);
  {
    torch::NoGradGuard no_grad;
    for (const auto& item : network->named_modules())
      if (auto bn = std::dynamic_pointer_cast<torch::nn::BatchNorm2dImpl>(item.value())) {
        bn->weight.uniform_(0.5, 3.0);
        bn->bias.uniform_(-1.0, 1.0);
        bn->running_mean.uniform_(-1.0, 1.0);
        bn->running_var.uniform_(0.5, 2.0);
      }
    for (auto& w : net.weights) w.neg_();
  }
  expect_relative(proxies::synflow(net, {1, 8, 8}), synflow, 1e-12, "synflow after batch-norm changes");
  EXPECT_GT(std::abs(proxies::snip(net, x, y) - snip), 1e-6 * snip);
}

TEST(ScoredNetwork, TapsEveryReluUnitOfTheSpec) {
  // The ReLU units of one image: stem channels x size^2, then per block each convolution's
  // channels x the block's output size^2 (the first convolution carries the stride).
  const nas::Spec spec = varied_spec();
  std::int64_t expected = spec.stem_channels * spec.image_size * spec.image_size;
  const auto sizes = nas::block_output_sizes(spec);
  for (std::size_t i = 0; i < spec.blocks.size(); ++i)
    for (std::int64_t c : spec.blocks[i].convs) expected += c * sizes[i] * sizes[i];
  torch::manual_seed(3);
  ScoredNetwork net = proxies::scored_network(nas::build_network(spec));
  std::int64_t units = 0;
  ForwardTaps taps;
  taps.on_relu = [&](const Tensor& pre) { units += pre.numel() / pre.size(0); };
  net.forward(torch::randn({2, 1, 8, 8}), taps);
  EXPECT_EQ(units, expected);
}

data::Dataset tiny_data(std::uint64_t synthetic_seed = 1) {
  data::DatasetOptions o;
  o.name = "synthetic";
  o.synthetic_train = 300;
  o.synthetic_test = 10;
  o.synthetic_size = 8;
  o.val_size = 100;
  o.synthetic_seed = synthetic_seed;
  return data::load_dataset(o);
}

ProxyOptions tiny_options() {
  ProxyOptions o;
  o.batch = 16;
  o.width = 0.0625;
  o.threads = 1;
  return o;
}

TEST(ComputeProxies, SameSeedSameScoresOtherSeedOtherScores) {
  const auto data = tiny_data();
  const nas::Spec spec = nas::resnet18_spec(1, 8, 10);
  ProxyOptions o = tiny_options();
  const ProxyScores a = compute_proxies(spec, data, o, "r18");
  const ProxyScores b = compute_proxies(spec, data, o, "r18");
  ASSERT_EQ(a.value.size(), proxy_names().size());
  for (const auto& name : proxy_names()) {
    EXPECT_EQ(a.value.at(name), b.value.at(name)) << name;
    EXPECT_TRUE(std::isfinite(a.value.at(name))) << name;
    EXPECT_GE(a.seconds.at(name), 0.0) << name;
  }
  o.seed = 1;
  const ProxyScores c = compute_proxies(spec, data, o, "r18");
  for (const char* name : {"synflow", "snip", "grasp", "fisher", "grad_norm", "jacob_cov", "naswot"})
    EXPECT_NE(a.value.at(name), c.value.at(name)) << name;
  EXPECT_EQ(a.value.at("params"), c.value.at("params"));
}

TEST(ComputeProxies, SynflowDoesNotDependOnTheBatchButSnipDoes) {
  const nas::Spec spec = nas::resnet18_spec(1, 8, 10);
  ProxyOptions o = tiny_options();
  o.scores = {"synflow", "snip"};
  const ProxyScores a = compute_proxies(spec, tiny_data(1), o, "r18");
  const ProxyScores b = compute_proxies(spec, tiny_data(2), o, "r18");
  EXPECT_EQ(a.value.at("synflow"), b.value.at("synflow"));
  EXPECT_NE(a.value.at("snip"), b.value.at("snip"));
}

TEST(ComputeProxies, ScoreAloneEqualsScoreAmongOthers) {
  // No score leaves a trace that changes another (synflow flips signs and precision and back).
  const auto data = tiny_data();
  const nas::Spec spec = varied_spec();
  ProxyOptions o = tiny_options();
  o.width = 1.0;
  const ProxyScores all = compute_proxies(spec, data, o, "v");
  for (const auto& name : proxy_names()) {
    o.scores = {name};
    const ProxyScores one = compute_proxies(spec, data, o, "v");
    ASSERT_EQ(one.value.size(), 1u);
    EXPECT_EQ(one.value.at(name), all.value.at(name)) << name;
  }
}

TEST(ComputeProxies, ParamsAndMacsAreTheCountsOfTheScaledSpec) {
  const auto data = tiny_data();
  const nas::Spec spec = nas::resnet18_spec(1, 8, 10);
  ProxyOptions o = tiny_options();
  o.width = 0.25;
  o.scores = {"macs", "params"};
  const ProxyScores r = compute_proxies(spec, data, o, "r18");
  const nas::Spec scaled = nas::scale_width(spec, 0.25);
  EXPECT_EQ(r.value.at("params"), static_cast<double>(nas::count_params(scaled)));
  EXPECT_EQ(r.value.at("macs"), static_cast<double>(nas::count_macs(scaled)));
  EXPECT_NE(r.value.at("params"), static_cast<double>(nas::count_params(spec)));
}

TEST(ComputeProxies, BatchIsDistinctImagesOfTheTrainingSplitFixedBySeed) {
  const auto a = proxy_batch_indices(200, 64, 5);
  EXPECT_EQ(a, proxy_batch_indices(200, 64, 5));
  EXPECT_NE(a, proxy_batch_indices(200, 64, 6));
  std::set<std::int64_t> distinct(a.begin(), a.end());
  EXPECT_EQ(distinct.size(), 64u);
  EXPECT_GE(*distinct.begin(), 0);
  EXPECT_LT(*distinct.rbegin(), 200);
  EXPECT_EQ(proxy_batch_indices(10, 10, 0).size(), 10u);
  EXPECT_THROW(proxy_batch_indices(10, 11, 0), Error);
}

TEST(ComputeProxies, NonFiniteScoresAreResultsAndJsonNull) {
  // Identical images give identical ReLU codes: K has equal rows, naswot = log 0 = -inf.
  data::Dataset data = tiny_data();
  const auto bytes = data.train.image_bytes();
  for (std::int64_t i = 1; i < data.train.count; ++i)
    std::copy(data.train.pixels.begin(), data.train.pixels.begin() + bytes, data.train.pixels.begin() + i * bytes);
  const ProxyScores r = compute_proxies(nas::resnet18_spec(1, 8, 10), data, tiny_options(), "same");
  EXPECT_EQ(r.value.at("naswot"), -std::numeric_limits<double>::infinity());
  EXPECT_EQ(nonfinite_scores(r), std::vector<std::string>{"naswot"});
  const auto j = to_json(r);
  EXPECT_TRUE(j["scores"]["naswot"].is_null());
  EXPECT_TRUE(j["scores"]["snip"].is_number());
  EXPECT_TRUE(j["seconds"]["naswot"].is_number());
}

TEST(ProxyScores, NanWeightsGiveNanScoresNotErrors) {
  MlpCase c = random_mlp_case();
  {
    torch::NoGradGuard no_grad;
    c.mlp.l1->weight[0][0] = std::numeric_limits<double>::quiet_NaN();
  }
  EXPECT_TRUE(std::isnan(proxies::synflow(c.mlp.net, {4})));
  EXPECT_TRUE(std::isnan(proxies::snip(c.mlp.net, c.x, c.y)));
  EXPECT_TRUE(std::isnan(proxies::grasp(c.mlp.net, c.x, c.y)));
  EXPECT_TRUE(std::isnan(proxies::fisher(c.mlp.net, c.x, c.y)));
  EXPECT_TRUE(std::isnan(proxies::grad_norm(c.mlp.net, c.x, c.y)));
  EXPECT_TRUE(std::isnan(proxies::jacob_cov(c.mlp.net, c.x)));
  EXPECT_NO_THROW(proxies::naswot(c.mlp.net, c.x));
  EXPECT_TRUE(std::isnan(proxies::log_abs_det(torch::full({2, 2}, std::numeric_limits<double>::quiet_NaN()))));
}

TEST(ComputeProxies, RejectsBadOptionsWithTheValidChoices) {
  const auto data = tiny_data();
  ProxyOptions o = tiny_options();
  o.scores = {"synflow", "zen"};
  try {
    compute_proxies(nas::resnet18_spec(1, 8, 10), data, o, "r18");
    FAIL() << "an unknown score was accepted";
  } catch (const Error& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("'zen'"), std::string::npos) << m;
    for (const auto& name : proxy_names()) EXPECT_NE(m.find(name), std::string::npos) << m;
  }
  o = tiny_options();
  o.batch = 1000;
  EXPECT_THROW(compute_proxies(nas::resnet18_spec(1, 8, 10), data, o, "r18"), Error);
  o = tiny_options();
  EXPECT_THROW(compute_proxies(nas::resnet18_spec(3, 32, 10), data, o, "cifar-shaped"), Error);
  EXPECT_EQ(resolve_proxy_names({"snip", "params", "snip"}), (std::vector<std::string>{"snip", "params"}));
  EXPECT_EQ(resolve_proxy_names({}), proxy_names());
}

TEST(Proxies_CUDA, AgreeWithCpu) {
  if (!cuda_available()) GTEST_SKIP() << "no CUDA GPU visible: the *_CUDA tests run on a GPU machine (docs/gpu.md)";
  const auto data = tiny_data();
  ProxyOptions o = tiny_options();
  const ProxyScores cpu = compute_proxies(nas::resnet18_spec(1, 8, 10), data, o, "r18");
  o.device = "cuda";
  const ProxyScores gpu = compute_proxies(nas::resnet18_spec(1, 8, 10), data, o, "r18");
  EXPECT_EQ(gpu.value.at("params"), cpu.value.at("params"));
  expect_relative(gpu.value.at("synflow"), cpu.value.at("synflow"), 1e-9, "synflow (double precision)");
  // cuDNN may use TF32 convolutions: agreement to a few digits.
  for (const char* name : {"snip", "grasp", "fisher", "grad_norm", "jacob_cov", "naswot"})
    expect_relative(gpu.value.at(name), cpu.value.at(name), 5e-2, name);
}

}  // namespace
}  // namespace nasrank::trainer
