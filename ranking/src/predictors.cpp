// Learning-curve predictors of a budgeted run, and their rows on the study's axis of compute.
#include "nasrank/ranking/predictors.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "nasrank/core/error.h"
#include "nasrank/ranking/finite_stats.h"
#include "proxy_statistics.h"

namespace nasrank::ranking {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Steps in block `b` of the curve (the last one holds what is left over).
double block_length(const LearningCurve& c, std::size_t b) {
  const auto k = static_cast<double>(c.block_steps);
  return b + 1 < c.block_sums.size() ? k : static_cast<double>(c.steps) - k * static_cast<double>(b);
}

bool usable(const LearningCurve& c) {
  if (c.block_steps <= 0 || c.block_sums.empty()) return false;
  const auto blocks = static_cast<std::int64_t>(c.block_sums.size());
  // The blocks must cover the steps: all full but the last, which holds 1..block_steps steps.
  if (c.steps <= c.block_steps * (blocks - 1) || c.steps > c.block_steps * blocks) return false;
  return std::all_of(c.block_sums.begin(), c.block_sums.end(), [](double v) { return std::isfinite(v); });
}

double last_of(const LearningCurve& c, double Evaluation::*field) {
  return c.evaluations.empty() ? kNaN : c.evaluations.back().*field;
}

double min_of(const LearningCurve& c, double Evaluation::*field) {
  double m = kNaN;
  for (const Evaluation& e : c.evaluations)
    if (std::isfinite(e.*field) && !(e.*field >= m)) m = e.*field;
  return m;
}

}  // namespace

double tse(const LearningCurve& c) {
  if (!usable(c)) return kNaN;
  double sum = 0;
  for (double v : c.block_sums) sum += v;
  return sum;
}

double tse_last(const LearningCurve& c, double fraction) {
  NASRANK_CHECK(fraction > 0 && fraction <= 1, "the share of the budget tse_last sums over must lie in (0, 1] (got ",
                fraction, ")");
  if (!usable(c)) return kNaN;
  double window = fraction * static_cast<double>(c.steps), sum = 0;
  for (std::size_t b = c.block_sums.size(); b-- > 0 && window > 0;) {
    const double m = block_length(c, b);
    const double take = std::min(window, m);
    sum += c.block_sums[b] * take / m;
    window -= take;
  }
  return sum;
}

double loss_ema(const LearningCurve& c, double window) {
  NASRANK_CHECK(window > 0, "loss_ema's time constant must be a positive share of the budget (got ", window, ")");
  if (!usable(c)) return kNaN;
  const double decay = std::exp(-1.0 / (window * static_cast<double>(c.steps)));
  double e = c.block_sums[0] / block_length(c, 0);
  for (std::size_t b = 1; b < c.block_sums.size(); ++b) {
    const double m = block_length(c, b);
    const double keep = std::pow(decay, m);
    e = keep * e + (1 - keep) * c.block_sums[b] / m;
  }
  return e;
}

const std::vector<PredictorInfo>& predictor_registry() {
  using Curve = const LearningCurve&;
  using Options = const PredictorOptions&;
  static const std::vector<PredictorInfo> registry = {
      {"tse", true, "sum over all T steps of the minibatch training loss",
       "TSE of Ru et al., NeurIPS 2021 (SoTL; NASLib's sotl, White et al., NeurIPS 2021)",
       [](Curve c, Options) { return tse(c); }},
      {"tse_last", true, "sum of the minibatch training loss over the last share f of the T steps",
       "TSE-E of Ru et al., NeurIPS 2021, with E a share of the budget instead of a number of epochs",
       [](Curve c, Options o) { return tse_last(c, o.tse_last_fraction); }},
      {"loss_ema", true, "exponential moving average of the per-step training loss at step T, time constant w T",
       "the smoothed final training loss; neither Ru et al.'s TSE-EMA (a decayed sum over epochs) nor NASLib's "
       "sotlema (a sum of per-epoch EMAs)",
       [](Curve c, Options o) { return loss_ema(c, o.ema_window); }},
      {"val_acc_last", false, "validation accuracy at the end of the budget",
       "early stopping read at the last step (the budgeted accuracy of Table 6 is the best within the budget)",
       [](Curve c, Options) { return last_of(c, &Evaluation::val_acc); }},
      {"val_loss_best", true, "lowest validation loss among the evaluations within the budget",
       "early-stopped validation loss", [](Curve c, Options) { return min_of(c, &Evaluation::val_loss); }},
      {"val_loss_last", true, "validation loss at the end of the budget", "early stopping read at the last step",
       [](Curve c, Options) { return last_of(c, &Evaluation::val_loss); }},
      {"vote", false, "mean over the members of each architecture's rank among the cell's architectures",
       "the rank-average ensemble of zero-cost-nas (Abdelfattah et al., ICLR 2021)", nullptr},
  };
  return registry;
}

double predictor_value(const std::string& name, const RunResult& run, const PredictorOptions& options) {
  for (const PredictorInfo& p : predictor_registry())
    if (p.name == name && p.compute) return p.compute(run.curve, options);
  throw Error("unknown learning-curve predictor '" + name + "'");
}

std::vector<PredictorRow> predictor_table(const std::vector<RunResult>& runs,
                                          const std::vector<ZeroCostScore>& zero_cost, const Aggregate& a,
                                          const StudyOptions& options) {
  const PredictorOptions& po = options.predictors;
  const auto n = static_cast<Eigen::Index>(a.archs.size());
  std::map<std::string, Eigen::Index> row_of;
  for (Eigen::Index i = 0; i < n; ++i) row_of[a.archs[static_cast<std::size_t>(i)]] = i;
  std::map<std::string, const PredictorInfo*> info;
  for (const auto& p : predictor_registry()) info[p.name] = &p;

  // A predictor's value per included architecture in one cell, the median over seeds, oriented so
  // that larger predicts better.
  auto cell_values = [&](const std::string& name, const AggregateCell& cell) {
    std::vector<std::vector<double>> values(a.archs.size());
    for (const auto& r : runs) {
      if (r.reference || r.schedule != cell.schedule || r.budget_epochs != cell.budget.epochs) continue;
      const auto it = row_of.find(r.arch);
      if (it != row_of.end()) values[static_cast<std::size_t>(it->second)].push_back(predictor_value(name, r, po));
    }
    Eigen::VectorXd x(n);
    const double sign = info.at(name)->lower_is_better ? -1.0 : 1.0;
    for (Eigen::Index i = 0; i < n; ++i) x[i] = sign * finite::median(values[static_cast<std::size_t>(i)]);
    return x;
  };
  auto make_row = [&](const std::string& name, const AggregateCell& cell, const Eigen::VectorXd& x) {
    PredictorRow row;
    row.predictor = name;
    row.negated = info.at(name)->lower_is_better;
    row.schedule = cell.schedule;
    row.budget = cell.budget;
    row.missing = static_cast<std::size_t>((!x.array().isFinite()).count());
    row.stats = internal::proxy_statistics(x, a, options);
    row.spearman = spearman_rho(x, a.target).value;
    row.seconds_per_arch = finite::median(cell.seconds);
    row.values = x;
    return row;
  };

  std::vector<PredictorRow> rows;
  std::map<std::pair<std::string, std::size_t>, Eigen::VectorXd> computed;  // (predictor, cell) -> values
  for (const auto& p : predictor_registry()) {
    if (!p.compute) continue;  // the vote, built below from the other rows
    for (std::size_t c = 0; c < a.cells.size(); ++c) {
      Eigen::VectorXd x = cell_values(p.name, a.cells[c]);
      if (!x.array().isFinite().any()) continue;  // no run of this cell recorded what it needs
      rows.push_back(make_row(p.name, a.cells[c], x));
      computed[{p.name, c}] = std::move(x);
    }
  }

  // The vote: each member ranked over the architectures where every member has a value.
  std::map<std::string, Eigen::VectorXd> scores;  // zero-cost scores by name, aligned with the archs
  std::map<std::string, double> score_seconds;
  for (const auto& z : zero_cost) {
    auto [it, added] = scores.emplace(z.score, Eigen::VectorXd::Constant(n, kNaN));
    const auto r = row_of.find(z.arch);
    if (r != row_of.end() && std::isfinite(z.value)) it->second[r->second] = z.value;
  }
  for (const auto& [name, x] : scores) {
    (void)x;
    std::vector<double> secs;
    for (const auto& z : zero_cost)
      if (z.score == name) secs.push_back(z.seconds);
    score_seconds[name] = finite::median(secs);
  }
  for (std::size_t c = 0; c < a.cells.size(); ++c) {
    std::vector<std::string> members;
    std::vector<const Eigen::VectorXd*> vectors;
    double extra_seconds = 0;
    for (const auto& m : po.vote) {
      const Eigen::VectorXd* v = nullptr;
      if (m == "val_acc_best") v = &a.cells[c].accuracy;
      else if (computed.count({m, c})) v = &computed.at({m, c});
      else if (scores.count(m)) v = &scores.at(m);
      if (!v || !v->array().isFinite().any()) continue;
      members.push_back(m);
      vectors.push_back(v);
      if (scores.count(m) && !info.count(m) && std::isfinite(score_seconds[m])) extra_seconds += score_seconds[m];
    }
    if (members.size() < 2) continue;
    std::vector<Eigen::Index> complete;
    for (Eigen::Index i = 0; i < n; ++i)
      if (std::all_of(vectors.begin(), vectors.end(), [&](const Eigen::VectorXd* v) { return std::isfinite((*v)[i]); }))
        complete.push_back(i);
    Eigen::VectorXd vote = Eigen::VectorXd::Constant(n, kNaN);
    if (!complete.empty()) {
      Eigen::VectorXd sum = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(complete.size()));
      for (const Eigen::VectorXd* v : vectors) {
        Eigen::VectorXd sub(static_cast<Eigen::Index>(complete.size()));
        for (std::size_t i = 0; i < complete.size(); ++i) sub[static_cast<Eigen::Index>(i)] = (*v)[complete[i]];
        sum += average_ranks(sub);
      }
      for (std::size_t i = 0; i < complete.size(); ++i)
        vote[complete[i]] = sum[static_cast<Eigen::Index>(i)] / static_cast<double>(vectors.size());
    }
    PredictorRow row = make_row("vote", a.cells[c], vote);
    row.members = members;
    row.seconds_per_arch += extra_seconds;
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace nasrank::ranking
