// Budget-aware learning-rate schedules (Sections 3.2-3.3 and Appendix D of the paper): pure
// functions of training progress p = t/T, named by a spec string such as "cosine:eta=0.01".
// No torch here: the trainer asks for lr_ratio(t, T) at every step and keeps no decay state.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace nasrank::trainer {

/// What a schedule may need to know about the study beyond the run's own length.
struct ScheduleContext {
  /// Optimizer steps in one epoch: converts epochs (sgdr's T0, the full budget) into steps.
  std::int64_t steps_per_epoch = 1;
  /// The study's full budget in epochs (the paper trains CIFAR-10 for 200 epochs, Sec. 4.1). It is
  /// the default E of exp, the length sgdr's epochs are laid over, and the horizon of
  /// early stopping (horizon=full).
  double full_epochs = 200;
};

/// One parameter of a schedule, as --help and docs/schedules.md list it.
struct ScheduleParamInfo {
  std::string key;            ///< "eta"
  std::string default_value;  ///< "0"; empty when the parameter is required
  std::string meaning;        ///< one line
};

/// One entry of the schedule registry: everything users are told about a schedule.
struct ScheduleInfo {
  std::string name;          ///< "cosine"; "step-dK" and "sgdr-rN" stand for a family (step-d2, ...)
  std::string synopsis;      ///< "cosine[:eta=0]"
  std::string formula;       ///< beta(p) in plain text
  std::string pytorch;       ///< the torch.optim.lr_scheduler equivalent, or how to write it
  std::string summary;       ///< one line on what it is and where it comes from
  bool budget_aware = true;  ///< false: laid out over the full budget unless horizon=budget
  std::vector<ScheduleParamInfo> params;
};

/// Every schedule, in the order help and docs list them.
const std::vector<ScheduleInfo>& schedule_registry();
/// Options every schedule takes (warmup, warmup_from, horizon).
const std::vector<ScheduleParamInfo>& common_schedule_options();
/// "const, linear, cosine, ...": the valid names, for messages.
std::string schedule_names();

namespace detail {
class Shape;
}

/// Where a schedule is laid out: over the run (budget-aware, BAC) or over the study's full
/// budget and cut where the run ends (early stopping of a budget-unaware schedule).
enum class Horizon { budget, full };

/// A parsed schedule spec `name[:key=value]...`. Immutable and cheap to copy.
class Schedule {
 public:
  /// The one place specs are parsed. Throws nasrank::Error naming the spec and what is valid
  /// (unknown name -> the list of names; unknown key -> the keys that schedule takes).
  static Schedule parse(const std::string& spec);

  /// The spec exactly as it was given.
  const std::string& spec() const { return spec_; }
  /// The same schedule written one way only: the name, then each parameter that differs from
  /// its default, in registry order, numbers in their shortest exact form. Two specs denote the
  /// same schedule exactly when their canonical forms are equal.
  std::string canonical() const;
  /// The schedule's name ("cosine", "step-d2").
  const std::string& name() const { return name_; }

  /// beta(p), p in [0, 1]: the learning-rate ratio at training progress p of the schedule's
  /// layout, without warm-up. `ctx` supplies the full budget (exp's default E, sgdr's epochs).
  double ratio(double p, const ScheduleContext& ctx = {}) const;

  /// lr_t / lr_0 at step t = 0..T-1 of a run of T steps: warm-up over the first `warmup` steps,
  /// then the decay over the remaining steps of the layout (the run, or the full budget for
  /// horizon=full). Throws nasrank::Error when the run does not fit (warm-up not shorter than
  /// the layout, or a run longer than the full budget under horizon=full).
  double lr_ratio(std::int64_t t, std::int64_t T, const ScheduleContext& ctx = {}) const;

  /// True when the layout follows the run's budget (horizon=budget).
  bool budget_aware() const { return horizon_ == Horizon::budget; }
  Horizon horizon() const { return horizon_; }
  /// Steps of linear warm-up, the same for every budget.
  std::int64_t warmup() const { return warmup_; }
  /// The ratio warm-up starts from at step 0 (it reaches the schedule's start at step `warmup`).
  double warmup_from() const { return warmup_from_; }

 private:
  Schedule() = default;
  std::string spec_;
  std::string name_;
  std::string canonical_;
  std::shared_ptr<const detail::Shape> shape_;
  Horizon horizon_ = Horizon::budget;
  std::int64_t warmup_ = 0;
  double warmup_from_ = 1.0 / 3.0;
};

/// Splits a comma-separated list of specs and parses each ("linear,step-d2,exp:gamma=0.97").
std::vector<Schedule> parse_schedule_list(const std::string& list);

/// Schedules evaluated on a grid, for tables and figures: `p` the progress of each point and
/// `ratio[k]` schedule k's learning-rate ratio there.
struct ScheduleSamples {
  std::vector<double> p;
  std::vector<std::vector<double>> ratio;
};

/// beta(p) at p = i/(points-1), i = 0..points-1 (points >= 2).
ScheduleSamples sample_by_progress(const std::vector<Schedule>& schedules, int points, const ScheduleContext& ctx = {});

/// What the trainer uses at each step t = 0..steps-1 of a `steps`-step run, warm-up and
/// horizon=full included; p = t/steps.
ScheduleSamples sample_by_step(const std::vector<Schedule>& schedules, std::int64_t steps,
                               const ScheduleContext& ctx = {});

}  // namespace nasrank::trainer
