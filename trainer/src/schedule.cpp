// The schedule registry and the one parser of schedule specs. Each schedule is a small Shape
// (beta as a function of progress) plus its entry in the table that help, errors and docs print.
#include "nasrank/trainer/schedule.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>

#include "nasrank/core/error.h"

namespace nasrank::trainer {

namespace detail {
/// beta at progress p of the layout. `epoch` is the same position counted in epochs of the full
/// budget (p * full_epochs), passed separately so that schedules defined in epochs (sgdr) see
/// whole epochs exactly at whole-epoch steps.
class Shape {
 public:
  virtual ~Shape() = default;
  virtual double at(double p, double epoch, const ScheduleContext& ctx) const = 0;
};
}  // namespace detail

namespace {

using detail::Shape;
constexpr double kPi = 3.14159265358979323846;

// ---------------------------------------------------------------------------------------------
// The shapes.

struct ConstShape final : Shape {
  double at(double, double, const ScheduleContext&) const override { return 1.0; }
};

struct LinearShape final : Shape {
  double at(double p, double, const ScheduleContext&) const override { return 1.0 - p; }
};

struct CosineShape final : Shape {
  double eta;
  explicit CosineShape(double e) : eta(e) {}
  double at(double p, double, const ScheduleContext&) const override {
    return eta + (1.0 - eta) * 0.5 * (1.0 + std::cos(kPi * p));
  }
};

struct PolyShape final : Shape {
  double gamma;
  explicit PolyShape(double g) : gamma(g) {}
  double at(double p, double, const ScheduleContext&) const override { return std::pow(1.0 - p, gamma); }
};

struct HtdShape final : Shape {
  double lower, upper, eta;
  HtdShape(double l, double u, double e) : lower(l), upper(u), eta(e) {}
  double at(double p, double, const ScheduleContext&) const override {
    return eta + (1.0 - eta) * 0.5 * (1.0 - std::tanh(lower + (upper - lower) * p));
  }
};

struct ExpShape final : Shape {
  double gamma;
  std::optional<double> epochs;  // E; the full budget when not given
  ExpShape(double g, std::optional<double> e) : gamma(g), epochs(e) {}
  double at(double p, double, const ScheduleContext& ctx) const override {
    return std::pow(gamma, epochs.value_or(ctx.full_epochs) * p);
  }
};

// Milestones are compared as p >= m with both sides correctly rounded quotients (t/T and i/(K+1)),
// so the comparison agrees with exact arithmetic for any run shorter than 2^26 steps.
struct StepShape final : Shape {
  std::vector<double> milestones;
  double gamma;
  StepShape(std::vector<double> m, double g) : milestones(std::move(m)), gamma(g) {}
  double at(double p, double, const ScheduleContext&) const override {
    int drops = 0;
    for (double m : milestones) drops += p >= m ? 1 : 0;
    return std::pow(gamma, drops);
  }
};

struct SgdrRestartsShape final : Shape {
  std::int64_t restarts;
  double eta;
  SgdrRestartsShape(std::int64_t n, double e) : restarts(n), eta(e) {}
  double at(double p, double, const ScheduleContext&) const override {
    const double periods = static_cast<double>(restarts + 1);
    std::int64_t k = 0;  // restarts already passed
    for (std::int64_t i = 1; i <= restarts; ++i) k += p >= static_cast<double>(i) / periods ? 1 : 0;
    const double q = std::clamp(p * periods - static_cast<double>(k), 0.0, 1.0);
    return eta + (1.0 - eta) * 0.5 * (1.0 + std::cos(kPi * q));
  }
};

struct SgdrShape final : Shape {
  double t0, tmult, eta;
  SgdrShape(double a, double b, double e) : t0(a), tmult(b), eta(e) {}
  double at(double, double epoch, const ScheduleContext&) const override {
    double start = 0, length = t0;
    if (tmult == 1.0) {
      start = std::floor(epoch / t0) * t0;
    } else {
      while (epoch >= start + length) {  // Tmult >= 2: a few dozen periods at most
        start += length;
        length *= tmult;
      }
    }
    const double q = std::clamp((epoch - start) / length, 0.0, 1.0);
    return eta + (1.0 - eta) * 0.5 * (1.0 + std::cos(kPi * q));
  }
};

struct RexShape final : Shape {
  double at(double p, double, const ScheduleContext&) const override { return (1.0 - p) / (0.5 + 0.5 * (1.0 - p)); }
};

// ---------------------------------------------------------------------------------------------
// Parameters: their kinds, text forms and validation.

enum class Kind { real, whole, list, choice };

struct Param {
  ScheduleParamInfo info;
  Kind kind = Kind::real;
  std::optional<double> default_number;  // real and whole kinds
};

Param real(std::string key, std::optional<double> def, std::string shown, std::string meaning) {
  return {{std::move(key), std::move(shown), std::move(meaning)}, Kind::real, def};
}

// Numbers print in their shortest form that reads back to the same double, without an exponent
// unless the number is tiny or huge ("90", not "9e+01").
std::string shortest(double v) {
  char buf[64];
  int digits = 1;
  for (; digits <= 17; ++digits) {
    std::snprintf(buf, sizeof buf, "%.*g", digits, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  const double magnitude = std::abs(v);
  if (std::string(buf).find('e') != std::string::npos && magnitude >= 1e-4 && magnitude < 1e15) {
    const int exponent = static_cast<int>(std::floor(std::log10(magnitude)));
    std::snprintf(buf, sizeof buf, "%.*f", std::max(0, digits - 1 - exponent), v);
  }
  return buf;
}

std::optional<double> parse_real(const std::string& s) {
  if (s.empty() || s.find_first_not_of("0123456789+-.eE") != std::string::npos) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<std::int64_t> parse_whole(const std::string& s) {
  if (s.empty() || s.size() > 15 || s.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  return std::stoll(s);
}

constexpr char kListSeparator = '/';

std::optional<std::vector<double>> parse_list(const std::string& s) {
  std::vector<double> values;
  std::size_t begin = 0;
  while (true) {
    const std::size_t end = s.find(kListSeparator, begin);
    const auto v = parse_real(s.substr(begin, end == std::string::npos ? std::string::npos : end - begin));
    if (!v) return std::nullopt;
    values.push_back(*v);
    if (end == std::string::npos) return values;
    begin = end + 1;
  }
}

const std::vector<std::string> kHorizons = {"budget", "full"};

const std::vector<Param>& common_params() {
  static const std::vector<Param> params = {
      {{"warmup", "0",
        "steps of linear warm-up, the same for every budget (the paper's COCO setup: 500); the decay runs "
        "over the remaining steps"},
       Kind::whole,
       0.0},
      real("warmup_from", 1.0 / 3.0, "1/3",
           "ratio at step 0 of the warm-up, rising linearly to the schedule's start at step 'warmup' "
           "(the default of Detectron and of LinearLR)"),
      {{"horizon", "budget (sgdr: full)",
        "budget: laid out over the run (budget-aware conversion, BAC); full: laid out over the full budget "
        "(--full-epochs) and cut where the run ends (early stopping)"},
       Kind::choice,
       std::nullopt},
  };
  return params;
}

// The values a spec gives, by key, checked against their kinds at parse time.
class Values {
 public:
  Values(std::string spec, std::map<std::string, std::string> given)
      : spec_(std::move(spec)), given_(std::move(given)) {}
  bool has(const std::string& key) const { return given_.count(key) > 0; }
  const std::string& text(const std::string& key) const { return given_.at(key); }

  double number(const Param& p) const {
    if (!has(p.info.key)) return *p.default_number;
    return p.kind == Kind::whole ? static_cast<double>(*parse_whole(text(p.info.key))) : *parse_real(text(p.info.key));
  }
  std::optional<double> maybe(const std::string& key) const {
    if (!has(key)) return std::nullopt;
    return parse_real(text(key));
  }
  std::vector<double> list(const std::string& key) const { return *parse_list(text(key)); }

  /// Throws unless `ok`, naming the spec, the key, its value and what is valid.
  void require(bool ok, const std::string& key, double value, const std::string& valid) const {
    NASRANK_CHECK(ok, "schedule '", spec_, "': ", key, "=", shortest(value), " is out of range; ", key, " must be ",
                  valid);
  }
  const std::string& spec() const { return spec_; }

 private:
  std::string spec_;
  std::map<std::string, std::string> given_;
};

struct Family {
  ScheduleInfo info;
  std::vector<Param> params;
  std::string prefix;  // "step-d" for step-dK: the name is prefix + a count; empty for plain names
  std::int64_t min_count = 0;
  std::shared_ptr<const Shape> (*make)(const Values& values, const std::vector<Param>& params, std::int64_t count);
};

const Param& param(const std::vector<Param>& params, const std::string& key) {
  for (const auto& p : params)
    if (p.info.key == key) return p;
  nasrank::detail::throw_internal(__FILE__, __LINE__, "param", "the schedule table has no parameter " + key);
}

double checked_eta(const Values& v, const std::vector<Param>& params) {
  const double eta = v.number(param(params, "eta"));
  v.require(eta >= 0 && eta < 1, "eta", eta, "in [0, 1)");
  return eta;
}

double checked_decay(const Values& v, const std::vector<Param>& params) {
  const double gamma = v.number(param(params, "gamma"));
  v.require(gamma > 0 && gamma <= 1, "gamma", gamma, "a decay factor in (0, 1]");
  return gamma;
}

Param eta_param(const std::string& where) {
  return real("eta", 0.0, "0", "the ratio's floor, in [0, 1) (" + where + ")");
}
Param decay_param() { return real("gamma", 0.1, "0.1", "factor of each drop, in (0, 1] (the paper: 0.1)"); }

std::vector<double> even_milestones(std::int64_t k) {
  std::vector<double> m;
  for (std::int64_t i = 1; i <= k; ++i) m.push_back(static_cast<double>(i) / static_cast<double>(k + 1));
  return m;
}

const std::vector<Family>& families() {
  static const std::vector<Family> table = [] {
    std::vector<Family> f;
    f.push_back({{"const",
                  "const",
                  "1",
                  "no scheduler (a constant learning rate)",
                  "no decay: the 'const' baseline of Table 2",
                  true,
                  {}},
                 {},
                 "",
                 0,
                 [](const Values&, const std::vector<Param>&, std::int64_t) -> std::shared_ptr<const Shape> {
                   return std::make_shared<ConstShape>();
                 }});
    f.push_back({{"linear",
                  "linear",
                  "1 - p",
                  "LinearLR(start_factor=1, end_factor=0, total_iters=T)",
                  "linear decay to zero, the paper's recommendation (Sec. 3.3); step T-1 runs at lr0/T",
                  true,
                  {}},
                 {},
                 "",
                 0,
                 [](const Values&, const std::vector<Param>&, std::int64_t) -> std::shared_ptr<const Shape> {
                   return std::make_shared<LinearShape>();
                 }});
    f.push_back({{"cosine",
                  "cosine[:eta=0]",
                  "eta + (1-eta)/2 * (1 + cos(pi*p))",
                  "CosineAnnealingLR(T_max=T, eta_min=eta*lr0)",
                  "half a cosine period, SGDR's decay without restarts (Sec. 3.2)",
                  true,
                  {}},
                 {eta_param("CosineAnnealingLR's eta_min / lr0")},
                 "",
                 0,
                 [](const Values& v, const std::vector<Param>& p, std::int64_t) -> std::shared_ptr<const Shape> {
                   return std::make_shared<CosineShape>(checked_eta(v, p));
                 }});
    f.push_back({{"poly",
                  "poly[:gamma=0.9]",
                  "(1 - p)^gamma",
                  "PolynomialLR(total_iters=T, power=gamma)",
                  "Caffe's poly decay, common in semantic segmentation (Sec. 3.2)",
                  true,
                  {}},
                 {real("gamma", 0.9, "0.9", "the exponent, > 0 (published work uses 0.9)")},
                 "",
                 0,
                 [](const Values& v, const std::vector<Param>& p, std::int64_t) -> std::shared_ptr<const Shape> {
                   const double gamma = v.number(param(p, "gamma"));
                   v.require(gamma > 0, "gamma", gamma, "> 0");
                   return std::make_shared<PolyShape>(gamma);
                 }});
    f.push_back({{"htd",
                  "htd[:L=-6:U=3:eta=0]",
                  "eta + (1-eta)/2 * (1 - tanh(L + (U-L)*p))",
                  "none built in: LambdaLR(lambda t: eta + (1-eta)/2 * (1 - tanh(L + (U-L)*t/T)))",
                  "hyperbolic-tangent decay; L=-6, U=3 reported best (Sec. 3.2)",
                  true,
                  {}},
                 {real("L", -6.0, "-6", "tanh's argument at p = 0"),
                  real("U", 3.0, "3", "tanh's argument at p = 1, > L"), eta_param("as in cosine")},
                 "",
                 0,
                 [](const Values& v, const std::vector<Param>& p, std::int64_t) -> std::shared_ptr<const Shape> {
                   const double lower = v.number(param(p, "L")), upper = v.number(param(p, "U"));
                   v.require(upper > lower, "U", upper, "greater than L = " + shortest(lower));
                   return std::make_shared<HtdShape>(lower, upper, checked_eta(v, p));
                 }});
    f.push_back(
        {{"exp",
          "exp:gamma=G[:epochs=E] or exp:end=R",
          "(gamma^E)^p, or R^p",
          "ExponentialLR(gamma=gamma**(E/T)) stepped every iteration",
          "budget-aware conversion (BAC, Sec. 3.2) of gamma^epoch from an E-epoch schedule; `end` gives "
          "the ratio reached at the end of the budget instead, which keeps its meaning whatever the full "
          "budget (gamma^E with E the full budget changes with --full-epochs)",
          true,
          {}},
         {real("gamma", std::nullopt, "(required without end)", "decay per epoch of the original schedule, in (0, 1]"),
          real("epochs", std::nullopt, "the full budget (--full-epochs, 200)",
               "E, the length in epochs of the original schedule"),
          real("end", std::nullopt, "(instead of gamma)",
               "the ratio at the end of the budget, in (0, 1]: exp:gamma=0.99 at 200 full epochs is "
               "exp:end=0.134")},
         "",
         0,
         [](const Values& v, const std::vector<Param>& p, std::int64_t) -> std::shared_ptr<const Shape> {
           if (v.has("end")) {
             NASRANK_CHECK(!v.has("gamma") && !v.has("epochs"), "schedule '", v.spec(),
                           "': exp takes either end=R or gamma=G[:epochs=E], not both");
             const double end = v.number(param(p, "end"));
             v.require(end > 0 && end <= 1, "end", end, "a ratio in (0, 1]");
             return std::make_shared<ExpShape>(end, 1.0);
           }
           NASRANK_CHECK(v.has("gamma"), "schedule '", v.spec(),
                         "': exp needs its decay per epoch, e.g. 'exp:gamma=0.97', or the ratio it "
                         "ends at, e.g. 'exp:end=0.1'");
           const double gamma = checked_decay(v, p);
           const auto epochs = v.maybe("epochs");
           if (epochs) v.require(*epochs > 0, "epochs", *epochs, "> 0");
           return std::make_shared<ExpShape>(gamma, epochs);
         }});
    f.push_back({{"step-dK",
                  "step-dK[:gamma=0.1]",
                  "gamma^(number of i in 1..K with p >= i/(K+1))",
                  "MultiStepLR(milestones=[ceil(i*T/(K+1)) for i in 1..K], gamma=gamma)",
                  "K drops at even intervals, BAC of step decay (Table 2's step-d1, step-d2, step-d3)",
                  true,
                  {}},
                 {decay_param()},
                 "step-d",
                 1,
                 [](const Values& v, const std::vector<Param>& p, std::int64_t k) -> std::shared_ptr<const Shape> {
                   return std::make_shared<StepShape>(even_milestones(k), checked_decay(v, p));
                 }});
    f.push_back({{"step",
                  "step:milestones=M1/M2/...[:gamma=0.1]",
                  "gamma^(number of milestones m with p >= m)",
                  "MultiStepLR(milestones=[ceil(m*T) for each m], gamma=gamma)",
                  "drops at given fractions of the layout (an E-epoch schedule dropping at epoch e: m = e/E)",
                  true,
                  {}},
                 {{{"milestones", "", "increasing fractions of the layout in (0, 1), separated by '/'"},
                   Kind::list,
                   std::nullopt},
                  decay_param()},
                 "",
                 0,
                 [](const Values& v, const std::vector<Param>& p, std::int64_t) -> std::shared_ptr<const Shape> {
                   NASRANK_CHECK(v.has("milestones"), "schedule '", v.spec(),
                                 "': step needs its milestones, e.g. 'step:milestones=0.5/0.75'");
                   const auto m = v.list("milestones");
                   for (std::size_t i = 0; i < m.size(); ++i) {
                     v.require(m[i] > 0 && m[i] < 1, "milestones", m[i], "fractions in (0, 1)");
                     NASRANK_CHECK(i == 0 || m[i] > m[i - 1], "schedule '", v.spec(),
                                   "': milestones must increase, but ", shortest(m[i]), " follows ",
                                   shortest(m[i - 1]));
                   }
                   return std::make_shared<StepShape>(m, checked_decay(v, p));
                 }});
    f.push_back({{"sgdr-rN",
                  "sgdr-rN[:eta=0]",
                  "eta + (1-eta)/2 * (1 + cos(pi*q)), q = p*(N+1) - (restarts passed), q = 1 at p = 1",
                  "CosineAnnealingWarmRestarts(T_0=T/(N+1), T_mult=1, eta_min=eta*lr0), when N+1 divides T",
                  "budget-aware SGDR: N restarts at even intervals, N+1 equal cosine periods each from 1 "
                  "down to eta (Appendix D's SGDR-r1, SGDR-r2)",
                  true,
                  {}},
                 {eta_param("as in cosine")},
                 "sgdr-r",
                 0,
                 [](const Values& v, const std::vector<Param>& p, std::int64_t n) -> std::shared_ptr<const Shape> {
                   return std::make_shared<SgdrRestartsShape>(n, checked_eta(v, p));
                 }});
    f.push_back({{"sgdr",
                  "sgdr[:T0=10:Tmult=2:eta=0]",
                  "eta + (1-eta)/2 * (1 + cos(pi*c/Ti)) at epoch e = p*full_epochs; period i lasts "
                  "Ti = T0*Tmult^i epochs, c = epochs since the last restart",
                  "CosineAnnealingWarmRestarts(T_0=T0*steps_per_epoch, T_mult=Tmult, eta_min=eta*lr0) "
                  "stepped every iteration",
                  "the original SGDR in epochs, budget-unaware: laid over the full budget and cut where the "
                  "run ends, unless horizon=budget (Appendix D uses T0=10, Tmult=2)",
                  false,
                  {}},
                 {real("T0", 10.0, "10", "epochs of the first period, > 0"),
                  real("Tmult", 2.0, "2", "growth of each period, a whole number >= 1 (as in PyTorch)"),
                  eta_param("as in cosine")},
                 "",
                 0,
                 [](const Values& v, const std::vector<Param>& p, std::int64_t) -> std::shared_ptr<const Shape> {
                   const double t0 = v.number(param(p, "T0")), tmult = v.number(param(p, "Tmult"));
                   v.require(t0 > 0, "T0", t0, "> 0 epochs");
                   v.require(tmult >= 1 && tmult == std::floor(tmult), "Tmult", tmult, "a whole number >= 1");
                   return std::make_shared<SgdrShape>(t0, tmult, checked_eta(v, p));
                 }});
    f.push_back({{"rex",
                  "rex",
                  "(1 - p) / (0.5 + 0.5*(1 - p))",
                  "none built in: LambdaLR(lambda t: (1 - t/T) / (0.5 + 0.5*(1 - t/T)))",
                  "REX (Chen, Wolfe, Kyrillidis, MLSys 2022): stays higher than linear, then drops to zero",
                  true,
                  {}},
                 {},
                 "",
                 0,
                 [](const Values&, const std::vector<Param>&, std::int64_t) -> std::shared_ptr<const Shape> {
                   return std::make_shared<RexShape>();
                 }});
    for (auto& fam : f)
      for (const auto& p : fam.params) fam.info.params.push_back(p.info);
    return f;
  }();
  return table;
}

std::string keys_of(const std::vector<Param>& params) {
  std::string s;
  for (const auto& p : params) s += (s.empty() ? "" : ", ") + p.info.key;
  return s;
}

// Finds the family of a name and, for step-dK / sgdr-rN, the count in the name.
const Family* find_family(const std::string& name, std::int64_t& count, const std::string& spec) {
  for (const auto& f : families()) {
    if (f.prefix.empty()) {
      if (name == f.info.name) return &f;
      continue;
    }
    if (name.compare(0, f.prefix.size(), f.prefix) != 0) continue;
    const std::string digits = name.substr(f.prefix.size());
    const auto n = parse_whole(digits);
    if (!n || digits.size() > 4) continue;
    NASRANK_CHECK(*n >= f.min_count, "schedule '", spec, "': ", f.info.name, " needs ",
                  f.info.name.substr(f.info.name.size() - 1), " >= ", f.min_count);
    count = *n;
    return &f;
  }
  return nullptr;
}

std::string normalized(const Param& p, const std::string& text) {
  switch (p.kind) {
    case Kind::real:
      return shortest(*parse_real(text));
    case Kind::whole:
      return std::to_string(*parse_whole(text));
    case Kind::choice:
      return text;
    case Kind::list: {
      std::string s;
      const std::vector<double> values = *parse_list(text);
      for (double v : values) s += (s.empty() ? "" : std::string(1, kListSeparator)) + shortest(v);
      return s;
    }
  }
  return text;
}

void check_kind(const Param& p, const std::string& value, const std::string& spec) {
  const std::string& key = p.info.key;
  switch (p.kind) {
    case Kind::real:
      NASRANK_CHECK(parse_real(value).has_value(), "schedule '", spec, "': ", key, "='", value, "' is not a number");
      break;
    case Kind::whole:
      NASRANK_CHECK(parse_whole(value).has_value(), "schedule '", spec, "': ", key, "='", value,
                    "' is not a whole number (of steps)");
      break;
    case Kind::list:
      NASRANK_CHECK(parse_list(value).has_value(), "schedule '", spec, "': ", key, "='", value,
                    "' is not a list of numbers separated by '", kListSeparator, "' (e.g. 0.5/0.75)");
      break;
    case Kind::choice:
      NASRANK_CHECK(std::find(kHorizons.begin(), kHorizons.end(), value) != kHorizons.end(), "schedule '", spec,
                    "': ", key, "='", value, "' is not one of: budget, full");
      break;
  }
}

void check_context(const ScheduleContext& ctx) {
  NASRANK_CHECK(ctx.steps_per_epoch >= 1, "steps per epoch must be >= 1, got ", ctx.steps_per_epoch);
  NASRANK_CHECK(std::isfinite(ctx.full_epochs) && ctx.full_epochs > 0, "the full budget must be > 0 epochs, got ",
                ctx.full_epochs);
}

}  // namespace

const std::vector<ScheduleInfo>& schedule_registry() {
  static const std::vector<ScheduleInfo> infos = [] {
    std::vector<ScheduleInfo> v;
    for (const auto& f : families()) v.push_back(f.info);
    return v;
  }();
  return infos;
}

const std::vector<ScheduleParamInfo>& common_schedule_options() {
  static const std::vector<ScheduleParamInfo> infos = [] {
    std::vector<ScheduleParamInfo> v;
    for (const auto& p : common_params()) v.push_back(p.info);
    return v;
  }();
  return infos;
}

std::string schedule_names() {
  std::string s;
  for (const auto& f : families()) s += (s.empty() ? "" : ", ") + f.info.name;
  return s;
}

Schedule Schedule::parse(const std::string& spec) {
  NASRANK_CHECK(!spec.empty(), "empty schedule name; valid names: ", schedule_names());
  std::vector<std::string> parts;
  for (std::size_t begin = 0;;) {
    const std::size_t end = spec.find(':', begin);
    parts.push_back(spec.substr(begin, end == std::string::npos ? std::string::npos : end - begin));
    if (end == std::string::npos) break;
    begin = end + 1;
  }
  std::int64_t count = 0;
  const Family* family = find_family(parts[0], count, spec);
  NASRANK_CHECK(family, "unknown schedule '", parts[0], "'", parts[0] == spec ? "" : " in '" + spec + "'",
                "; valid names: ", schedule_names(),
                " (step-dK and sgdr-rN with a number, e.g. step-d2, sgdr-r1; see 'nasrank schedules --help')");

  auto find_param = [&](const std::string& key) -> const Param* {
    for (const auto* list : {&family->params, &common_params()})
      for (const auto& p : *list)
        if (p.info.key == key) return &p;
    return nullptr;
  };
  std::map<std::string, std::string> given;
  for (std::size_t i = 1; i < parts.size(); ++i) {
    const std::string& part = parts[i];
    const std::size_t eq = part.find('=');
    NASRANK_CHECK(eq != std::string::npos && eq > 0, "schedule '", spec, "': '", part,
                  "' is not key=value (schedules are written name[:key=value]..., e.g. cosine:eta=0.01)");
    const std::string key = part.substr(0, eq), value = part.substr(eq + 1);
    const Param* p = find_param(key);
    NASRANK_CHECK(p, "schedule '", spec, "': unknown parameter '", key, "'; ", family->info.name,
                  family->params.empty() ? " takes no parameters of its own" : " takes: " + keys_of(family->params),
                  "; every schedule takes: ", keys_of(common_params()));
    NASRANK_CHECK(!given.count(key), "schedule '", spec, "': ", key, " is given twice");
    check_kind(*p, value, spec);
    given[key] = value;
  }
  const Values values(spec, given);

  Schedule s;
  s.spec_ = spec;
  s.name_ = parts[0];
  s.shape_ = family->make(values, family->params, count);
  const auto& common = common_params();
  s.warmup_ = static_cast<std::int64_t>(values.number(param(common, "warmup")));
  s.warmup_from_ = values.number(param(common, "warmup_from"));
  values.require(s.warmup_from_ >= 0 && s.warmup_from_ <= 1, "warmup_from", s.warmup_from_, "in [0, 1]");
  const Horizon natural = family->info.budget_aware ? Horizon::budget : Horizon::full;
  s.horizon_ = values.has("horizon") ? (values.text("horizon") == "full" ? Horizon::full : Horizon::budget) : natural;

  // Canonical form: the name as the family spells it, then non-default values in table order.
  s.canonical_ = family->prefix.empty() ? family->info.name : family->prefix + std::to_string(count);
  for (const auto* list : {&family->params, &common}) {
    for (const auto& p : *list) {
      if (!values.has(p.info.key)) continue;
      const std::string v = normalized(p, values.text(p.info.key));
      std::string def;
      if (p.kind == Kind::choice) def = natural == Horizon::full ? "full" : "budget";
      else if (p.default_number && p.kind == Kind::whole)
        def = std::to_string(static_cast<std::int64_t>(*p.default_number));
      else if (p.default_number) def = shortest(*p.default_number);
      if (v != def) s.canonical_ += ":" + p.info.key + "=" + v;
    }
  }
  return s;
}

std::string Schedule::canonical() const { return canonical_; }

double Schedule::ratio(double p, const ScheduleContext& ctx) const {
  NASRANK_CHECK(std::isfinite(p) && p >= 0 && p <= 1, "training progress p must be in [0, 1], got ", p);
  check_context(ctx);
  return shape_->at(p, p * ctx.full_epochs, ctx);
}

double Schedule::lr_ratio(std::int64_t t, std::int64_t T, const ScheduleContext& ctx) const {
  check_context(ctx);
  NASRANK_CHECK(T >= 1, "a run needs at least one step, got T = ", T);
  NASRANK_CHECK(t >= 0 && t < T, "step ", t, " is outside a run of ", T, " steps (t = 0..", T - 1, ")");
  const double full_steps = ctx.full_epochs * static_cast<double>(ctx.steps_per_epoch);
  const double layout = horizon_ == Horizon::budget ? static_cast<double>(T) : full_steps;
  NASRANK_CHECK(horizon_ == Horizon::budget || static_cast<double>(T) <= full_steps, "schedule '", spec_,
                "' is laid out over the full budget (horizon=full) of ", full_steps, " steps (", ctx.full_epochs,
                " epochs of ", ctx.steps_per_epoch, " steps), but the run has ", T, " steps");
  NASRANK_CHECK(static_cast<double>(warmup_) < layout, "schedule '", spec_, "': a warm-up of ", warmup_,
                " steps leaves nothing to decay over in a layout of ", layout, " steps");
  if (t < warmup_) {
    const double a = static_cast<double>(t) / static_cast<double>(warmup_);
    return (warmup_from_ + (1.0 - warmup_from_) * a) * shape_->at(0.0, 0.0, ctx);
  }
  const double done = static_cast<double>(t - warmup_);
  const double total = layout - static_cast<double>(warmup_);
  return shape_->at(done / total, done * ctx.full_epochs / total, ctx);
}

std::vector<Schedule> parse_schedule_list(const std::string& list) {
  std::vector<Schedule> out;
  for (std::size_t begin = 0;;) {
    const std::size_t end = list.find(',', begin);
    std::string item = list.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
    const auto first = item.find_first_not_of(" \t");
    item = first == std::string::npos ? "" : item.substr(first, item.find_last_not_of(" \t") - first + 1);
    NASRANK_CHECK(!item.empty(), "empty schedule name in the list '", list, "' (names are separated by single commas)");
    NASRANK_CHECK(!parse_real(item.substr(0, item.find(':'))), "'", item, "' in the list '", list,
                  "' is not a schedule: commas separate schedules, '", kListSeparator,
                  "' separates milestones (step:milestones=0.5/0.75)");
    out.push_back(Schedule::parse(item));
    if (end == std::string::npos) break;
    begin = end + 1;
  }
  return out;
}

ScheduleSamples sample_by_progress(const std::vector<Schedule>& schedules, int points, const ScheduleContext& ctx) {
  NASRANK_CHECK(points >= 2, "a schedule is sampled at two points or more (got ", points, ")");
  ScheduleSamples out;
  out.ratio.assign(schedules.size(), std::vector<double>(static_cast<std::size_t>(points)));
  for (int i = 0; i < points; ++i) {
    out.p.push_back(static_cast<double>(i) / static_cast<double>(points - 1));
    for (std::size_t k = 0; k < schedules.size(); ++k) out.ratio[k][i] = schedules[k].ratio(out.p.back(), ctx);
  }
  return out;
}

ScheduleSamples sample_by_step(const std::vector<Schedule>& schedules, std::int64_t steps, const ScheduleContext& ctx) {
  NASRANK_CHECK(steps >= 1, "a run has at least one step (got ", steps, ")");
  ScheduleSamples out;
  out.ratio.assign(schedules.size(), std::vector<double>(static_cast<std::size_t>(steps)));
  for (std::int64_t t = 0; t < steps; ++t) {
    out.p.push_back(static_cast<double>(t) / static_cast<double>(steps));
    for (std::size_t k = 0; k < schedules.size(); ++k) out.ratio[k][t] = schedules[k].lr_ratio(t, steps, ctx);
  }
  return out;
}

}  // namespace nasrank::trainer
