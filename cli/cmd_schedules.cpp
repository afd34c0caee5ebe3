// `nasrank schedules`: evaluates learning-rate schedules over training progress (CSV, table) or
// draws them (SVG through gnuplot, the paper's Figure 2). Help and --reference come from the
// schedule registry, so they list exactly what Schedule::parse accepts.
#include <optional>
#include <sstream>

#include "commands.h"
#include "nasrank/core/error.h"
#include "nasrank/core/log.h"
#include "nasrank/core/text_table.h"
#include "nasrank/reports/gnuplot.h"
#include "nasrank/trainer/schedule.h"

namespace nasrank::cli {
namespace {

using trainer::Schedule;
using trainer::ScheduleContext;

/// The schedules of the paper's Figure 2 (left) and Table 2, one per family.
const char* const kFigure2Names = "const,step-d2,exp:gamma=0.97,htd,cosine,poly,linear";
/// Significant digits of CSV values: enough to compare schedules to 1e-9.
constexpr int kCsvDigits = 10;

std::string registry_help() {
  std::ostringstream os;
  os << "Schedules (p = t/T is training progress, beta(p) = lr/lr0; a spec is name[:key=value]...):\n";
  for (const auto& s : trainer::schedule_registry()) {
    os << "  " << s.synopsis << "\n"
       << "      " << s.summary << "\n"
       << "      beta(p) = " << s.formula << "\n"
       << "      PyTorch: " << s.pytorch << "\n";
    for (const auto& p : s.params)
      os << "      " << p.key << (p.default_value.empty() ? " (required)" : "=" + p.default_value) << ": " << p.meaning
         << "\n";
  }
  os << "Options of every schedule:\n";
  for (const auto& p : trainer::common_schedule_options())
    os << "  " << p.key << "=" << p.default_value << ": " << p.meaning << "\n";
  os << "  PyTorch for warm-up: SequentialLR([LinearLR(start_factor=warmup_from, total_iters=warmup), <the "
        "schedule over T-warmup steps>], milestones=[warmup]).\n"
        "  PyTorch for horizon=full: build the scheduler with T = full_epochs*steps_per_epoch and stop after T "
        "steps.";
  return os.str();
}

std::string markdown_cell(const std::string& s) {
  std::string out;
  for (char c : s) out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out;
}

/// The registry as the Markdown tables docs/schedules.md embeds.
std::string registry_markdown() {
  std::ostringstream os;
  os << "| schedule | beta(p) | PyTorch equivalent | parameters |\n|---|---|---|---|\n";
  for (const auto& s : trainer::schedule_registry()) {
    std::string params;
    for (const auto& p : s.params)
      params +=
          (params.empty() ? "" : "<br>") +
          ("`" + p.key + "`" + (p.default_value.empty() ? " (required)" : " = " + p.default_value) + ": " + p.meaning);
    os << "| `" << s.synopsis << "`<br>" << markdown_cell(s.summary) << " | `" << markdown_cell(s.formula) << "` | "
       << markdown_cell(s.pytorch) << " | " << markdown_cell(params.empty() ? "none" : params) << " |\n";
  }
  os << "\n| option (any schedule) | default | meaning |\n|---|---|---|\n";
  for (const auto& p : trainer::common_schedule_options())
    os << "| `" << p.key << "` | " << p.default_value << " | " << markdown_cell(p.meaning) << " |\n";
  return os.str();
}

std::vector<Schedule> parse_names(const std::string& names) {
  try {
    return trainer::parse_schedule_list(names);
  } catch (const UsageError&) {
    throw;
  } catch (const Error& e) {
    throw UsageError(std::string("--names: ") + e.what());
  }
}

/// The paper's Figure 2 (or a run's steps) drawn by gnuplot into `out`.
void draw_svg(const std::vector<Schedule>& schedules, const trainer::ScheduleSamples& samples, std::int64_t steps,
              const std::filesystem::path& out) {
  reports::Figure fig;
  fig.title = steps > 0 ? "Learning-rate schedules over a run of " + std::to_string(steps) + " steps"
                        : "Learning-rate schedules by training progress";
  fig.x = {"training progress p = t/T", 0.0, 1.0, false};
  fig.y = {"learning-rate ratio lr/lr0", 0.0, 1.05, false};
  fig.legend = "outside right top";
  fig.width = 900;
  for (std::size_t k = 0; k < schedules.size(); ++k) {
    reports::Series s;
    s.title = schedules[k].spec();
    s.x = samples.p;
    s.y = samples.ratio[k];
    fig.series.push_back(std::move(s));
  }
  const auto result = reports::render_svg(fig, out);
  if (result.status == reports::RenderStatus::gnuplot_failed) throw Error(result.message);
}

/// 'p,<name>,...' (or 'step,p,<name>,...'), every value with kCsvDigits significant digits.
std::string samples_csv(const std::vector<Schedule>& schedules, const trainer::ScheduleSamples& samples,
                        bool per_step) {
  std::string text = per_step ? "step,p" : "p";
  for (const auto& s : schedules) text += "," + s.spec();
  text += "\n";
  for (std::size_t i = 0; i < samples.p.size(); ++i) {
    if (per_step) text += std::to_string(i) + ",";
    text += format_number(samples.p[i], kCsvDigits);
    for (const auto& v : samples.ratio) text.append(",").append(format_number(v[i], kCsvDigits));
    text += "\n";
  }
  return text;
}

std::string samples_table(const std::vector<Schedule>& schedules, const trainer::ScheduleSamples& samples,
                          bool per_step) {
  std::vector<std::string> header = per_step ? std::vector<std::string>{"step", "p"} : std::vector<std::string>{"p"};
  for (const auto& s : schedules) header.push_back(s.spec());
  TextTable table(header);
  for (std::size_t i = 0; i < samples.p.size(); ++i) {
    std::vector<std::string> row;
    if (per_step) row.push_back(std::to_string(i));
    row.push_back(format_number(samples.p[i], 6));
    for (const auto& v : samples.ratio) row.push_back(format_number(v[i], 6));
    table.add_row(std::move(row));
  }
  return table.render();
}

}  // namespace

int run_schedules(const Args& args) {
  std::string names = kFigure2Names;
  int points = 101;
  std::string format = "csv";
  ScheduleContext ctx;
  std::int64_t steps = 0;
  po::options_description desc("schedules options");
  // clang-format off
  desc.add_options()
      ("names", po::value(&names)->default_value(names), "schedule specs separated by commas (default: the "
                                                          "paper's Figure 2 set)")
      ("points", po::value(&points)->default_value(points), "evaluate at p = i/(N-1), i = 0..N-1 (N >= 2)")
      ("format", po::value(&format)->default_value(format), "csv|table|svg (svg needs --out and gnuplot)")
      ("full-epochs", po::value(&ctx.full_epochs)->default_value(ctx.full_epochs),
       "the study's full budget in epochs: exp's default E, sgdr's epochs, horizon=full (paper: 200)")
      ("steps", po::value(&steps), "instead of a grid of p, evaluate lr/lr0 at every step t = 0..T-1 of a run "
                                   "of T steps (shows warm-up and horizon=full)")
      ("steps-per-epoch", po::value(&ctx.steps_per_epoch)->default_value(ctx.steps_per_epoch),
       "steps in one epoch, with --steps (sgdr's epochs, horizon=full)")
      ("out", po::value<std::string>(), "write to FILE (atomically) instead of stdout")
      ("reference", "print the schedule table as Markdown (as in docs/schedules.md) and exit");
  // clang-format on
  // clang-format off
  const CommandHelp help{
      "nasrank schedules [--names LIST] [--points N] [--format csv|table|svg] [--full-epochs E] [--steps T "
      "[--steps-per-epoch S]] [--out FILE]",
      "Evaluates learning-rate schedules beta(p) = lr/lr0 at p = i/(N-1). CSV: a header 'p,<name>,...'\n"
      "with each name as given, then one row per point with " + std::to_string(kCsvDigits) +
          " significant digits. SVG: the curves drawn\n"
          "by gnuplot (the paper's Figure 2). With --steps T: one row per step t = 0..T-1 of a T-step run\n"
          "('step,p,<name>,...'), the values the trainer uses, warm-up and early stopping (horizon=full)\n"
          "included.\n\n" +
          registry_help(),
      "  nasrank schedules --names linear,cosine,step-d2 --points 11 --format table\n"
      "  nasrank schedules --format svg --out figure2.svg\n"
      "  nasrank schedules --names 'step-d1,step-d1:horizon=full' --steps 50 --steps-per-epoch 1 --full-epochs 200 "
      "--format table\n"
      "  nasrank schedules --names linear:warmup=500,cosine:warmup=500 --steps 2000 --format svg "
      "--out warmup.svg"};
  // clang-format on
  po::variables_map vm;
  if (!parse_args(args, help, desc, vm)) return 0;
  const auto out = optional_path(vm, "out");
  if (vm.count("reference")) {
    emit(registry_markdown(), out);
    return 0;
  }
  require_choice("format", format, {"csv", "table", "svg"});
  if (ctx.full_epochs <= 0) throw UsageError("--full-epochs must be > 0");
  if (ctx.steps_per_epoch < 1) throw UsageError("--steps-per-epoch must be >= 1");
  const bool per_step = vm.count("steps") > 0;
  if (per_step && steps < 1) throw UsageError("--steps must be >= 1");
  if (per_step && !vm["points"].defaulted())
    throw UsageError("--points and --steps exclude each other (--steps evaluates every step)");
  if (!per_step && points < 2) throw UsageError("--points must be >= 2 (p = i/(N-1) needs two points)");
  if (format == "svg" && !out) throw UsageError("--format svg needs --out FILE.svg");
  const std::vector<Schedule> schedules = parse_names(names);

  const trainer::ScheduleSamples samples =
      per_step ? trainer::sample_by_step(schedules, steps, ctx) : trainer::sample_by_progress(schedules, points, ctx);
  if (!per_step) {
    for (const auto& s : schedules)
      if (s.warmup() > 0 || s.horizon() != trainer::Horizon::budget)
        LOG_WARN("'", s.spec(), "': warm-up and horizon=full act on a run, not on beta(p); add --steps T to see them");
  }

  if (format == "svg") {
    draw_svg(schedules, samples, per_step ? steps : 0, *out);
    return 0;
  }
  emit(format == "csv" ? samples_csv(schedules, samples, per_step) : samples_table(schedules, samples, per_step), out);
  return 0;
}

}  // namespace nasrank::cli
