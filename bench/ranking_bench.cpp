// Speed of the correlation statistics on one core: one JSON line per measurement, with std::sort
// of the same number of doubles measured in the same run as the machine's yardstick.
// Usage: nasrank_ranking_bench [--n N] [--repeats R] [--quadratic-n M]
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include "nasrank/core/random.h"
#include "nasrank/ranking/correlation.h"

namespace {

using nasrank::ranking::ConstVec;

/// Best and median wall time of `repeats` calls.
struct Timing {
  double min_s = 0, median_s = 0;
};

Timing time_it(int repeats, const std::function<void()>& f) {
  std::vector<double> t;
  for (int r = 0; r < repeats; ++r) {
    const auto start = std::chrono::steady_clock::now();
    f();
    t.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(t.begin(), t.end());
  return {t.front(), t[t.size() / 2]};
}

void print(const char* bench, const char* data, long n, int repeats, const Timing& t, double value) {
  std::printf(
      "{\"bench\":\"%s\",\"data\":\"%s\",\"n\":%ld,\"repeats\":%d,\"min_s\":%.6f,\"median_s\":%.6f,"
      "\"value\":%.10g}\n",
      bench, data, n, repeats, t.min_s, t.median_s, value);
  std::fflush(stdout);
}

/// The O(n^2) definition, to show what Knight's algorithm saves.
double quadratic_tau_b(const Eigen::VectorXd& x, const Eigen::VectorXd& y) {
  double s = 0, tx = 0, ty = 0, total = 0;
  for (Eigen::Index i = 0; i < x.size(); ++i)
    for (Eigen::Index j = i + 1; j < x.size(); ++j) {
      const double dx = x[i] - x[j], dy = y[i] - y[j];
      s += ((dx > 0) - (dx < 0)) * ((dy > 0) - (dy < 0));
      tx += dx == 0;
      ty += dy == 0;
      total += 1;
    }
  return s / std::sqrt((total - tx) * (total - ty));
}

}  // namespace

int main(int argc, char** argv) {
  long n = 1000000, quadratic_n = 20000;
  int repeats = 5;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--n") n = std::atol(argv[i + 1]);
    else if (a == "--repeats") repeats = std::atoi(argv[i + 1]);
    else if (a == "--quadratic-n") quadratic_n = std::atol(argv[i + 1]);
    else {
      std::fprintf(stderr, "usage: %s [--n N] [--repeats R] [--quadratic-n M]\n", argv[0]);
      return 2;
    }
  }
  if (n < 2 || repeats < 1 || quadratic_n < 2) {
    std::fprintf(stderr, "--n and --quadratic-n must be >= 2, --repeats >= 1\n");
    return 2;
  }

  // Correlated pairs like small- vs full-budget accuracy; a second set rounded to 100 levels
  // (accuracies printed to two decimals) so that most pairs are tied.
  nasrank::Rng rng(2024);
  Eigen::VectorXd y(n), x(n), yt(n), xt(n);
  for (long i = 0; i < n; ++i) {
    y[i] = rng.normal();
    x[i] = y[i] + 0.8 * rng.normal();
    yt[i] = std::round(y[i] * 20) / 20;
    xt[i] = std::round(x[i] * 20) / 20;
  }

  // Each value is printed after its timing has run (argument order is unspecified, so never inline).
  std::vector<double> buffer(static_cast<std::size_t>(n));
  Timing t = time_it(repeats, [&] {
    std::copy(x.data(), x.data() + n, buffer.begin());
    std::sort(buffer.begin(), buffer.end());
  });
  print("std_sort_reference", "continuous", n, repeats, t, buffer[static_cast<std::size_t>(n / 2)]);

  double v = 0;
  auto bench = [&](const char* name, const char* data, const Eigen::VectorXd& a, const Eigen::VectorXd& b,
                   nasrank::ranking::Correlation (*f)(const ConstVec&, const ConstVec&)) {
    const Timing timing = time_it(repeats, [&] { v = f(a, b).value; });
    print(name, data, n, repeats, timing, v);
  };
  bench("kendall_tau_b", "continuous", x, y, nasrank::ranking::kendall_tau_b);
  bench("kendall_tau_b", "tied", xt, yt, nasrank::ranking::kendall_tau_b);
  bench("spearman", "continuous", x, y, nasrank::ranking::spearman_rho);
  bench("pearson", "continuous", x, y, nasrank::ranking::pearson_r);
  bench("weighted_tau", "continuous", x, y, nasrank::ranking::weighted_tau);

  // The quadratic definition on a smaller n, beside Knight's algorithm on the same data.
  const Eigen::VectorXd qx = xt.head(quadratic_n), qy = yt.head(quadratic_n);
  t = time_it(1, [&] { v = quadratic_tau_b(qx, qy); });
  print("kendall_tau_b_quadratic", "tied", quadratic_n, 1, t, v);
  t = time_it(repeats, [&] { v = nasrank::ranking::kendall_tau_b(qx, qy).value; });
  print("kendall_tau_b", "tied", quadratic_n, repeats, t, v);
  return 0;
}
