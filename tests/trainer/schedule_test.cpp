// Learning-rate schedules against values worked out independently: hand-derived constants,
// the same formula written another way (identities, PyTorch's step-wise definitions), and exact
// step indices of milestones and restarts. The `schedules` command is run as a user would.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "nasrank/core/error.h"
#include "nasrank/core/files.h"
#include "nasrank/trainer/schedule.h"

namespace nasrank::trainer {
namespace {
namespace fs = std::filesystem;

constexpr double kTol = 1e-12;
const double kSqrtHalf = std::sqrt(0.5);  // cos(pi/4)

double beta(const std::string& spec, double p, const ScheduleContext& ctx = {}) {
  return Schedule::parse(spec).ratio(p, ctx);
}

// 1 - tanh(x) = 2 / (1 + e^(2x)): htd written without tanh.
double htd_reference(double p, double lower, double upper, double eta) {
  return eta + (1 - eta) / (1 + std::exp(2 * (lower + (upper - lower) * p)));
}

std::string error_of(const std::string& spec) {
  try {
    Schedule::parse(spec);
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

// --- each formula at hand-worked points ---

TEST(ScheduleFormula, ConstIsOneEverywhere) {
  for (double p : {0.0, 0.3, 0.5, 1.0}) EXPECT_EQ(beta("const", p), 1.0);
}

TEST(ScheduleFormula, LinearIsOneMinusP) {
  EXPECT_EQ(beta("linear", 0.0), 1.0);
  EXPECT_EQ(beta("linear", 0.25), 0.75);
  EXPECT_EQ(beta("linear", 0.5), 0.5);
  EXPECT_EQ(beta("linear", 1.0), 0.0);
}

TEST(ScheduleFormula, CosineMatchesHandWorkedValues) {
  EXPECT_NEAR(beta("cosine", 0.0), 1.0, kTol);
  EXPECT_NEAR(beta("cosine", 0.25), (1 + kSqrtHalf) / 2, kTol);
  EXPECT_NEAR(beta("cosine", 1.0 / 3), 0.75, kTol);  // cos(pi/3) = 1/2
  EXPECT_NEAR(beta("cosine", 0.5), 0.5, kTol);
  EXPECT_NEAR(beta("cosine", 0.75), (1 - kSqrtHalf) / 2, kTol);
  EXPECT_NEAR(beta("cosine", 1.0), 0.0, kTol);
  // eta lifts the floor: eta + (1 - eta) * (cosine without eta).
  EXPECT_NEAR(beta("cosine:eta=0.1", 0.25), 0.1 + 0.9 * (1 + kSqrtHalf) / 2, kTol);
  EXPECT_NEAR(beta("cosine:eta=0.1", 1.0), 0.1, kTol);
}

TEST(ScheduleFormula, PolyIsOneMinusPToTheGamma) {
  EXPECT_NEAR(beta("poly", 0.5), std::exp2(-0.9), kTol);   // (1/2)^0.9
  EXPECT_NEAR(beta("poly", 0.75), std::exp2(-1.8), kTol);  // (1/4)^0.9
  EXPECT_NEAR(beta("poly", 0.0), 1.0, kTol);
  EXPECT_EQ(beta("poly", 1.0), 0.0);
  EXPECT_NEAR(beta("poly:gamma=2", 0.5), 0.25, kTol);
  EXPECT_NEAR(beta("poly:gamma=2", 0.9), 0.01, kTol);
}

TEST(ScheduleFormula, HtdMatchesTheExponentialForm) {
  EXPECT_NEAR(beta("htd", 2.0 / 3), 0.5, kTol);  // L + (U-L)p = -6 + 9*2/3 = 0
  for (double p : {0.0, 0.1, 0.5, 0.9, 1.0}) {
    EXPECT_NEAR(beta("htd", p), htd_reference(p, -6, 3, 0), kTol) << p;
    EXPECT_NEAR(beta("htd:L=-4:U=2:eta=0.2", p), htd_reference(p, -4, 2, 0.2), kTol) << p;
  }
  EXPECT_NEAR(beta("htd", 1.0), 1 / (1 + std::exp(6.0)), kTol);
}

TEST(ScheduleFormula, ExpIsBudgetAwareConversionOfGammaPerEpoch) {
  // (0.99^200)^p: at p = 1/2 a hundred epochs of decay.
  EXPECT_NEAR(beta("exp:gamma=0.99", 0.5), 0.3660323412732292, kTol);
  EXPECT_NEAR(beta("exp:gamma=0.99", 1.0), 0.13397967485796172, kTol);
  EXPECT_EQ(beta("exp:gamma=0.99", 0.0), 1.0);
  // E defaults to the study's full budget...
  ScheduleContext ctx;
  ctx.full_epochs = 100;
  EXPECT_NEAR(beta("exp:gamma=0.99", 1.0, ctx), 0.3660323412732292, kTol);
  // ...unless the spec gives its own.
  EXPECT_NEAR(beta("exp:gamma=0.9:epochs=10", 0.5, ctx), std::exp(5 * std::log(0.9)), kTol);
}

// exp:end=R ends at R whatever the full budget: the paper's 0.99 per epoch over 200 epochs.
TEST(ScheduleFormula, ExpEndIsTheRatioAtTheEndOfTheBudget) {
  const double end = 0.13397967485796172;  // 0.99^200
  for (double full : {10.0, 200.0}) {
    ScheduleContext ctx;
    ctx.full_epochs = full;
    EXPECT_NEAR(beta("exp:end=0.13397967485796172", 1.0, ctx), end, kTol);
    EXPECT_NEAR(beta("exp:end=0.13397967485796172", 0.5, ctx), std::sqrt(end), kTol);
  }
  EXPECT_THROW(Schedule::parse("exp:end=0.1:gamma=0.9"), Error);
  EXPECT_THROW(Schedule::parse("exp:end=0"), Error);
  EXPECT_THROW(Schedule::parse("exp:end=1.5"), Error);
}

TEST(ScheduleFormula, StepDKDropsAtEvenIntervalsFromTheMilestoneOn) {
  const double below_half = std::nextafter(0.5, 0.0);
  EXPECT_EQ(beta("step-d1", 0.0), 1.0);
  EXPECT_EQ(beta("step-d1", below_half), 1.0);
  EXPECT_NEAR(beta("step-d1", 0.5), 0.1, kTol);
  EXPECT_NEAR(beta("step-d1", 1.0), 0.1, kTol);

  const double third = 1.0 / 3, two_thirds = 2.0 / 3;
  EXPECT_EQ(beta("step-d2", std::nextafter(third, 0.0)), 1.0);
  EXPECT_NEAR(beta("step-d2", third), 0.1, kTol);
  EXPECT_NEAR(beta("step-d2", std::nextafter(two_thirds, 0.0)), 0.1, kTol);
  EXPECT_NEAR(beta("step-d2", two_thirds), 0.01, kTol);

  EXPECT_NEAR(beta("step-d3", 0.25), 0.1, kTol);
  EXPECT_NEAR(beta("step-d3", 0.5), 0.01, kTol);
  EXPECT_NEAR(beta("step-d3", 0.75), 0.001, kTol);
  EXPECT_NEAR(beta("step-d3:gamma=0.5", 0.8), 0.125, kTol);
}

TEST(ScheduleFormula, StepWithExplicitMilestones) {
  const std::string s = "step:milestones=0.5/0.75:gamma=0.2";
  EXPECT_EQ(beta(s, 0.49), 1.0);
  EXPECT_NEAR(beta(s, 0.5), 0.2, kTol);
  EXPECT_NEAR(beta(s, 0.74), 0.2, kTol);
  EXPECT_NEAR(beta(s, 0.75), 0.04, kTol);
  EXPECT_NEAR(beta(s, 1.0), 0.04, kTol);
  EXPECT_NEAR(beta("step:milestones=0.3", 0.3), 0.1, kTol);
}

TEST(ScheduleFormula, BudgetAwareSgdrRestartsEvenly) {
  EXPECT_NEAR(beta("sgdr-r1", 0.0), 1.0, kTol);
  EXPECT_NEAR(beta("sgdr-r1", 0.125), (1 + kSqrtHalf) / 2, kTol);  // a quarter of the first period
  EXPECT_NEAR(beta("sgdr-r1", 0.25), 0.5, kTol);
  EXPECT_NEAR(beta("sgdr-r1", std::nextafter(0.5, 0.0)), 0.0, 1e-9);  // the end of period one
  EXPECT_NEAR(beta("sgdr-r1", 0.5), 1.0, kTol);                       // the restart
  EXPECT_NEAR(beta("sgdr-r1", 0.75), 0.5, kTol);
  EXPECT_NEAR(beta("sgdr-r1", 1.0), 0.0, kTol);
  EXPECT_NEAR(beta("sgdr-r2", 1.0 / 3), 1.0, kTol);
  EXPECT_NEAR(beta("sgdr-r2", 2.0 / 9), 0.25, kTol);  // two thirds into period one: (1 + cos(2pi/3))/2
  EXPECT_NEAR(beta("sgdr-r1:eta=0.2", 0.25), 0.6, kTol);
  // No restarts: plain cosine.
  for (double p : {0.0, 0.3, 0.7, 1.0}) EXPECT_NEAR(beta("sgdr-r0", p), beta("cosine", p), kTol);
}

TEST(ScheduleFormula, OriginalSgdrInEpochsOfTheFullBudget) {
  // T0 = 10, Tmult = 2: periods [0,10), [10,30), [30,70), [70,150), [150,310) epochs.
  // p = 1/2 of 200 epochs is epoch 100: 30 epochs into an 80-epoch period.
  EXPECT_NEAR(beta("sgdr", 0.5), (1 + std::cos(0.375 * M_PI)) / 2, kTol);
  EXPECT_NEAR(beta("sgdr", 0.05), 1.0, kTol);   // epoch 10: first restart
  EXPECT_NEAR(beta("sgdr", 0.35), 1.0, kTol);   // epoch 70
  EXPECT_NEAR(beta("sgdr", 0.025), 0.5, kTol);  // epoch 5: half of the first period
  // Tmult = 1: equal periods of T0 epochs.
  ScheduleContext ctx;
  ctx.full_epochs = 40;
  EXPECT_NEAR(beta("sgdr:T0=10:Tmult=1", 0.25, ctx), 1.0, kTol);
  EXPECT_NEAR(beta("sgdr:T0=10:Tmult=1", 0.375, ctx), 0.5, kTol);
}

TEST(ScheduleFormula, RexMatchesHandWorkedValues) {
  EXPECT_EQ(beta("rex", 0.0), 1.0);
  EXPECT_NEAR(beta("rex", 0.2), 8.0 / 9, kTol);
  EXPECT_NEAR(beta("rex", 0.5), 2.0 / 3, kTol);
  EXPECT_NEAR(beta("rex", 0.75), 0.4, kTol);
  EXPECT_EQ(beta("rex", 1.0), 0.0);
}

// --- shape properties ---

TEST(ScheduleShape, DecayingSchedulesNeverRiseAndStayInUnitInterval) {
  const std::vector<std::string> decaying = {
      "const",   "linear",  "cosine",  "cosine:eta=0.05",         "poly", "poly:gamma=2", "htd", "exp:gamma=0.97",
      "step-d1", "step-d2", "step-d3", "step:milestones=0.2/0.9", "rex"};
  const std::vector<std::string> strictly = {"linear", "cosine", "poly", "htd", "exp:gamma=0.97", "rex"};
  for (const auto& spec : decaying) {
    const Schedule s = Schedule::parse(spec);
    const bool strict = std::find(strictly.begin(), strictly.end(), spec) != strictly.end();
    double prev = s.ratio(0.0);
    for (int i = 1; i <= 1000; ++i) {
      const double v = s.ratio(i / 1000.0);
      ASSERT_LE(v, prev) << spec << " rises at p = " << i / 1000.0;
      if (strict) {
        ASSERT_LT(v, prev) << spec << " is flat at p = " << i / 1000.0;
      }
      ASSERT_GE(v, 0.0) << spec;
      ASSERT_LE(v, 1.0) << spec;
      prev = v;
    }
  }
}

TEST(ScheduleShape, SgdrRisesOnlyAtItsRestarts) {
  const Schedule s = Schedule::parse("sgdr-r3");
  int rises = 0;
  double prev = s.ratio(0.0);
  for (int i = 1; i <= 1000; ++i) {
    const double v = s.ratio(i / 1000.0);
    if (v > prev) {
      ++rises;
      EXPECT_TRUE(i == 250 || i == 500 || i == 750) << "unexpected rise at p = " << i / 1000.0;
    }
    prev = v;
  }
  EXPECT_EQ(rises, 3);
}

TEST(ScheduleShape, BudgetAwarenessFollowsTheHorizon) {
  EXPECT_TRUE(Schedule::parse("linear").budget_aware());
  EXPECT_FALSE(Schedule::parse("linear:horizon=full").budget_aware());
  EXPECT_FALSE(Schedule::parse("sgdr").budget_aware());
  EXPECT_TRUE(Schedule::parse("sgdr:horizon=budget").budget_aware());
  EXPECT_TRUE(Schedule::parse("sgdr-r2").budget_aware());
}

// --- lr_ratio over the steps of a run ---

TEST(ScheduleRun, LinearEndsAtOneOverT) {
  const Schedule s = Schedule::parse("linear");
  EXPECT_EQ(s.lr_ratio(0, 10), 1.0);
  EXPECT_NEAR(s.lr_ratio(9, 10), 0.1, kTol);
  EXPECT_NEAR(s.lr_ratio(999, 1000), 0.001, kTol);
}

TEST(ScheduleRun, StepMilestonesMatchMultiStepLRAtCeilOfIT) {
  // PyTorch's MultiStepLR with milestones ceil(i*T/(K+1)): gamma^(number of milestones <= t).
  for (int k = 1; k <= 4; ++k) {
    const Schedule s = Schedule::parse("step-d" + std::to_string(k) + ":gamma=0.5");
    for (std::int64_t T = 1; T <= 240; ++T) {
      for (std::int64_t t = 0; t < T; ++t) {
        int passed = 0;
        for (int i = 1; i <= k; ++i) passed += t >= (i * T + k) / (k + 1) ? 1 : 0;  // ceil(iT/(K+1))
        ASSERT_EQ(s.lr_ratio(t, T), std::ldexp(1.0, -passed)) << "step-d" << k << " T=" << T << " t=" << t;
      }
    }
  }
  // Hand-worked: step-d2 over 10 steps drops at t = 4 and t = 7.
  const Schedule d2 = Schedule::parse("step-d2");
  EXPECT_EQ(d2.lr_ratio(3, 10), 1.0);
  EXPECT_NEAR(d2.lr_ratio(4, 10), 0.1, kTol);
  EXPECT_NEAR(d2.lr_ratio(6, 10), 0.1, kTol);
  EXPECT_NEAR(d2.lr_ratio(7, 10), 0.01, kTol);
}

TEST(ScheduleRun, ExpMatchesExponentialLRWithGammaToTheEOverT) {
  const Schedule s = Schedule::parse("exp:gamma=0.97");
  const std::int64_t T = 500;
  const double per_step = std::pow(0.97, 200.0 / T);
  double lr = 1.0;  // ExponentialLR: multiply by gamma^(E/T) after every step
  for (std::int64_t t = 0; t < T; ++t) {
    ASSERT_NEAR(s.lr_ratio(t, T), lr, 1e-10) << t;
    lr *= per_step;
  }
}

TEST(ScheduleRun, CosineMatchesCosineAnnealingLRRecursion) {
  // PyTorch's recursive form: lr_{t+1} = (1 + cos(pi (t+1)/T)) / (1 + cos(pi t/T)) * lr_t (eta_min = 0).
  const Schedule s = Schedule::parse("cosine");
  const std::int64_t T = 300;
  double lr = 1.0;
  for (std::int64_t t = 0; t < T; ++t) {
    ASSERT_NEAR(s.lr_ratio(t, T), lr, 1e-9) << t;
    lr *= (1 + std::cos(M_PI * (t + 1) / T)) / (1 + std::cos(M_PI * t / T));
  }
}

TEST(ScheduleRun, BudgetAwareSgdrRestartsAtTheRightSteps) {
  for (int n = 1; n <= 3; ++n) {
    const Schedule s = Schedule::parse("sgdr-r" + std::to_string(n));
    for (std::int64_t T : {12, 60, 97, 1000}) {
      std::set<std::int64_t> restarts;
      for (int i = 1; i <= n; ++i) restarts.insert((i * T + n) / (n + 1));  // ceil(iT/(N+1))
      for (std::int64_t t = 1; t < T; ++t) {
        const bool rose = s.lr_ratio(t, T) > s.lr_ratio(t - 1, T);
        ASSERT_EQ(rose, restarts.count(t) > 0) << "sgdr-r" << n << " T=" << T << " t=" << t;
      }
      if (T % (n + 1) == 0) {
        for (std::int64_t r : restarts) EXPECT_EQ(s.lr_ratio(r, T), 1.0) << "restart at " << r;
      }
    }
  }
}

TEST(ScheduleRun, OriginalSgdrRestartsAtWholeEpochs) {
  // T0 = 10, Tmult = 2 epochs of 3 steps over a 70-epoch budget: restarts at epochs 10 and 30.
  const Schedule s = Schedule::parse("sgdr");
  ScheduleContext ctx;
  ctx.steps_per_epoch = 3;
  ctx.full_epochs = 70;
  const std::int64_t T = 210;
  EXPECT_EQ(s.lr_ratio(30, T, ctx), 1.0);
  EXPECT_EQ(s.lr_ratio(90, T, ctx), 1.0);
  EXPECT_NEAR(s.lr_ratio(29, T, ctx), 0.0027390523158632996, kTol);    // (1 + cos(29pi/30))/2
  EXPECT_NEAR(s.lr_ratio(60, T, ctx), 0.5, kTol);                      // epoch 20: mid period two
  EXPECT_NEAR(s.lr_ratio(209, T, ctx), 0.00017133751222137006, kTol);  // (1 + cos(119pi/120))/2
  // Budget-unaware: a shorter run follows the same curve and is cut.
  for (std::int64_t t = 0; t < 45; ++t) ASSERT_EQ(s.lr_ratio(t, 45, ctx), s.lr_ratio(t, T, ctx)) << t;
  int rises = 0;
  for (std::int64_t t = 1; t < T; ++t) rises += s.lr_ratio(t, T, ctx) > s.lr_ratio(t - 1, T, ctx) ? 1 : 0;
  EXPECT_EQ(rises, 2);
}

TEST(ScheduleRun, WarmupIsLinearFromAThirdThenDecaysOverTheRest) {
  // warmup=4 of T=12: 1/3, 1/2, 2/3, 5/6, then linear over the remaining 8 steps.
  const Schedule s = Schedule::parse("linear:warmup=4");
  const double expected[] = {1.0 / 3, 0.5, 2.0 / 3, 5.0 / 6, 1.0, 0.875, 0.75, 0.625, 0.5, 0.375, 0.25, 0.125};
  for (std::int64_t t = 0; t < 12; ++t) EXPECT_NEAR(s.lr_ratio(t, 12), expected[t], kTol) << t;
  const Schedule from_zero = Schedule::parse("cosine:warmup=2:warmup_from=0");
  EXPECT_EQ(from_zero.lr_ratio(0, 6), 0.0);
  EXPECT_NEAR(from_zero.lr_ratio(1, 6), 0.5, kTol);
  EXPECT_NEAR(from_zero.lr_ratio(2, 6), 1.0, kTol);
  EXPECT_NEAR(from_zero.lr_ratio(4, 6), 0.5, kTol);  // p = 2/4 of the decay
  // The warm-up is the same length for every budget.
  EXPECT_NEAR(s.lr_ratio(3, 100), 5.0 / 6, kTol);
  EXPECT_NEAR(s.lr_ratio(4, 100), 1.0, kTol);
}

TEST(ScheduleRun, HorizonFullIsEarlyStoppingOfTheFullBudgetSchedule) {
  ScheduleContext ctx;
  ctx.steps_per_epoch = 10;
  ctx.full_epochs = 20;  // 200 steps
  // step-d1 laid over 200 steps drops at step 100: a 25% run never decays, a 75% run does.
  const Schedule stopped = Schedule::parse("step-d1:horizon=full");
  for (std::int64_t t = 0; t < 50; ++t) ASSERT_EQ(stopped.lr_ratio(t, 50, ctx), 1.0);
  EXPECT_EQ(stopped.lr_ratio(99, 150, ctx), 1.0);
  EXPECT_NEAR(stopped.lr_ratio(100, 150, ctx), 0.1, kTol);
  // Its budget-aware conversion drops at half of each run.
  const Schedule bac = Schedule::parse("step-d1");
  EXPECT_EQ(bac.lr_ratio(24, 50, ctx), 1.0);
  EXPECT_NEAR(bac.lr_ratio(25, 50, ctx), 0.1, kTol);
  // exp over the full budget is gamma per epoch, whatever the run's length.
  const Schedule exp_full = Schedule::parse("exp:gamma=0.9:horizon=full");
  EXPECT_NEAR(exp_full.lr_ratio(20, 50, ctx), 0.81, kTol);  // epoch 2
  EXPECT_NEAR(exp_full.lr_ratio(45, 50, ctx), std::pow(0.9, 4.5), kTol);
  // linear over the full budget stops at 1 - T/full.
  EXPECT_NEAR(Schedule::parse("linear:horizon=full").lr_ratio(49, 50, ctx), 1 - 49.0 / 200, kTol);
  // The full run is the same under both horizons.
  for (std::int64_t t = 0; t < 200; ++t)
    ASSERT_NEAR(stopped.lr_ratio(t, 200, ctx), bac.lr_ratio(t, 200, ctx), kTol) << t;
}

TEST(ScheduleRun, WarmupWithHorizonFullDecaysOverTheFullBudgetMinusWarmup) {
  ScheduleContext ctx;
  ctx.full_epochs = 10;  // 10 steps of 1 step per epoch
  const Schedule s = Schedule::parse("linear:warmup=2:horizon=full");
  EXPECT_NEAR(s.lr_ratio(1, 5, ctx), 2.0 / 3, kTol);
  EXPECT_NEAR(s.lr_ratio(2, 5, ctx), 1.0, kTol);
  EXPECT_NEAR(s.lr_ratio(4, 5, ctx), 0.75, kTol);  // 2 of 8 decay steps done
}

TEST(ScheduleRun, RunsThatDoNotFitAreClearErrors) {
  ScheduleContext ctx;
  ctx.full_epochs = 10;
  EXPECT_THROW(Schedule::parse("linear").lr_ratio(0, 0), Error);
  EXPECT_THROW(Schedule::parse("linear").lr_ratio(10, 10), Error);
  EXPECT_THROW(Schedule::parse("linear").lr_ratio(-1, 10), Error);
  EXPECT_THROW(Schedule::parse("linear:warmup=10").lr_ratio(0, 10), Error);
  EXPECT_NO_THROW(Schedule::parse("linear:warmup=9").lr_ratio(0, 10));
  EXPECT_THROW(Schedule::parse("linear:horizon=full").lr_ratio(0, 11, ctx), Error);
  EXPECT_NO_THROW(Schedule::parse("linear:horizon=full").lr_ratio(9, 10, ctx));
  EXPECT_THROW(Schedule::parse("linear").ratio(1.5), Error);
  EXPECT_THROW(Schedule::parse("linear").ratio(-0.1), Error);
  ScheduleContext bad;
  bad.steps_per_epoch = 0;
  EXPECT_THROW(Schedule::parse("linear").lr_ratio(0, 10, bad), Error);
}

// --- spec parsing: round trip, canonical form, errors ---

// One spec per registry entry (and then some); a new schedule without an entry here fails.
const std::vector<std::string> kExampleSpecs = {"const",
                                                "linear",
                                                "cosine",
                                                "cosine:eta=0.01",
                                                "poly",
                                                "poly:gamma=2",
                                                "htd",
                                                "htd:L=-5:U=4:eta=0.1",
                                                "exp:gamma=0.97",
                                                "exp:gamma=0.99:epochs=90",
                                                "step-d1",
                                                "step-d3:gamma=0.5",
                                                "step:milestones=0.5/0.75",
                                                "step:milestones=0.25:gamma=0.3",
                                                "sgdr-r1",
                                                "sgdr-r2:eta=0.05",
                                                "sgdr",
                                                "sgdr:T0=5:Tmult=1:horizon=budget",
                                                "rex",
                                                "linear:warmup=500",
                                                "cosine:warmup=100:warmup_from=0",
                                                "step-d1:horizon=full",
                                                "linear:horizon=budget"};

TEST(ScheduleSpec, EveryRegistryEntryHasAnExampleHere) {
  for (const auto& info : schedule_registry()) {
    const std::string base = info.name == "step-dK" ? "step-d" : info.name == "sgdr-rN" ? "sgdr-r" : info.name;
    bool found = false;
    for (const auto& spec : kExampleSpecs) {
      const std::string name = spec.substr(0, spec.find(':'));
      const bool patterned = base != info.name;
      found |= patterned ? name.rfind(base, 0) == 0 && name.size() > base.size() : name == base;
    }
    EXPECT_TRUE(found) << info.name << " has no example spec in this test";
  }
}

TEST(ScheduleSpec, PrintsBackExactlyAsGivenAndCanonicalFormIsAFixedPoint) {
  ScheduleContext ctx;
  ctx.steps_per_epoch = 5;
  for (const auto& spec : kExampleSpecs) {
    const Schedule s = Schedule::parse(spec);
    EXPECT_EQ(s.spec(), spec);
    const Schedule c = Schedule::parse(s.canonical());
    EXPECT_EQ(c.canonical(), s.canonical()) << spec;
    EXPECT_EQ(c.budget_aware(), s.budget_aware()) << spec;
    for (int i = 0; i <= 20; ++i) ASSERT_EQ(c.ratio(i / 20.0, ctx), s.ratio(i / 20.0, ctx)) << spec;
    for (std::int64_t t = 0; t < 1000; t += 37) ASSERT_EQ(c.lr_ratio(t, 1000, ctx), s.lr_ratio(t, 1000, ctx)) << spec;
  }
}

TEST(ScheduleSpec, CanonicalFormDropsDefaultsAndOrdersParameters) {
  EXPECT_EQ(Schedule::parse("cosine:eta=0").canonical(), "cosine");
  EXPECT_EQ(Schedule::parse("cosine:eta=0.010").canonical(), "cosine:eta=0.01");
  EXPECT_EQ(Schedule::parse("poly:gamma=0.90").canonical(), "poly");
  EXPECT_EQ(Schedule::parse("htd:eta=0.1:L=-5").canonical(), "htd:L=-5:eta=0.1");
  EXPECT_EQ(Schedule::parse("exp:epochs=90:gamma=0.99").canonical(), "exp:gamma=0.99:epochs=90");
  EXPECT_EQ(Schedule::parse("step-d02").canonical(), "step-d2");
  EXPECT_EQ(Schedule::parse("step:gamma=0.1:milestones=0.50/0.75").canonical(), "step:milestones=0.5/0.75");
  EXPECT_EQ(Schedule::parse("sgdr:horizon=full").canonical(), "sgdr");
  EXPECT_EQ(Schedule::parse("sgdr:horizon=budget").canonical(), "sgdr:horizon=budget");
  EXPECT_EQ(Schedule::parse("linear:horizon=budget:warmup=0").canonical(), "linear");
  EXPECT_EQ(Schedule::parse("linear:warmup_from=0.5:warmup=10").canonical(), "linear:warmup=10:warmup_from=0.5");
  EXPECT_EQ(Schedule::parse("step-d02").spec(), "step-d02");
  EXPECT_EQ(Schedule::parse("step-d02").name(), "step-d02");
}

TEST(ScheduleSpec, UnknownNameListsEveryValidName) {
  const std::string msg = error_of("cosin:eta=0");
  EXPECT_NE(msg.find("'cosin'"), std::string::npos) << msg;
  for (const auto& info : schedule_registry()) EXPECT_NE(msg.find(info.name), std::string::npos) << msg;
  for (const std::string bad : {"", "step-d", "step-dx", "sgdr-r", "Linear", "linear ", "step-d12345"})
    EXPECT_NE(error_of(bad).find("valid names"), std::string::npos) << "'" << bad << "': " << error_of(bad);
  EXPECT_NE(error_of("step-d0").find(">= 1"), std::string::npos) << error_of("step-d0");
}

TEST(ScheduleSpec, UnknownParameterSaysWhichExist) {
  const std::string msg = error_of("cosine:et=0.1");
  EXPECT_NE(msg.find("'et'"), std::string::npos) << msg;
  EXPECT_NE(msg.find("eta"), std::string::npos) << msg;
  EXPECT_NE(msg.find("warmup"), std::string::npos) << msg;
  EXPECT_NE(error_of("linear:gamma=2").find("no parameters of its own"), std::string::npos);
  EXPECT_NE(error_of("htd:l=-6").find("L, U, eta"), std::string::npos) << error_of("htd:l=-6");
}

TEST(ScheduleSpec, BadValuesNameTheParameterAndTheValue) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"cosine:eta=abc", "eta='abc'"},
      {"cosine:eta=1.5", "eta=1.5"},
      {"cosine:eta=nan", "eta='nan'"},
      {"cosine:eta=inf", "eta='inf'"},
      {"cosine:eta=", "eta=''"},
      {"cosine:eta=0.1:eta=0.2", "given twice"},
      {"cosine:", "not key=value"},
      {"cosine:eta", "not key=value"},
      {"poly:gamma=0", "gamma=0"},
      {"poly:gamma=-1", "gamma=-1"},
      {"htd:L=3:U=-6", "U=-6"},
      {"exp", "exp needs"},
      {"exp:gamma=1.5", "gamma=1.5"},
      {"exp:gamma=0.9:epochs=0", "epochs=0"},
      {"step", "step needs"},
      {"step:milestones=0.75/0.5", "must increase"},
      {"step:milestones=1.5", "milestones=1.5"},
      {"step:milestones=0.5//0.7", "milestones='0.5//0.7'"},
      {"step-d1:gamma=0", "gamma=0"},
      {"sgdr:Tmult=1.5", "Tmult=1.5"},
      {"sgdr:T0=0", "T0=0"},
      {"linear:warmup=-1", "warmup='-1'"},
      {"linear:warmup=1.5", "warmup='1.5'"},
      {"linear:warmup_from=2", "warmup_from=2"},
      {"linear:horizon=half", "budget, full"},
  };
  for (const auto& [spec, expected] : cases) {
    const std::string msg = error_of(spec);
    EXPECT_NE(msg.find(expected), std::string::npos) << spec << " -> " << msg;
    EXPECT_NE(msg.find("'" + spec + "'"), std::string::npos) << "the message names the spec: " << msg;
  }
}

TEST(ScheduleSpec, ListsSplitOnCommasAndKeepEachSpec) {
  const auto list = parse_schedule_list("linear,step:milestones=0.5/0.75, cosine:eta=0.1");
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0].spec(), "linear");
  EXPECT_EQ(list[1].spec(), "step:milestones=0.5/0.75");
  EXPECT_EQ(list[2].spec(), "cosine:eta=0.1");
  EXPECT_THROW(parse_schedule_list("linear,,cosine"), Error);
  EXPECT_THROW(parse_schedule_list(""), Error);
  EXPECT_THROW(parse_schedule_list("linear,"), Error);
  try {
    parse_schedule_list("step:milestones=0.5,0.75");
    ADD_FAILURE() << "a milestone list written with a comma must not parse";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("separates milestones"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace nasrank::trainer
