// write_study_report: the model, the figures drawn by gnuplot, the document in every format, all
// written into a temporary directory that replaces the output directory in one rename.
#include "nasrank/reports/study_report.h"

#include <unistd.h>

#include <atomic>
#include <system_error>

#include "nasrank/core/error.h"
#include "nasrank/core/files.h"
#include "nasrank/core/json_number.h"
#include "nasrank/core/log.h"
#include "nasrank/ranking/study_report.h"
#include "study_model.h"

namespace nasrank::reports {
namespace fs = std::filesystem;
namespace {

constexpr const char* kFormat = "nasrank-report";
/// 2: every table once, under "tables" (1 also held Tables 6-8, zero-cost and cost under "study"
/// and the top level).
constexpr int kVersion = 2;

/// True when `dir` may be replaced: it is empty or holds a report this function wrote.
bool replaceable(const fs::path& dir) {
  std::error_code ec;
  if (fs::is_empty(dir, ec)) return true;
  if (!fs::is_regular_file(dir / "report.json", ec)) return false;
  try {
    const auto j = nlohmann::json::parse(read_file(dir / "report.json"));
    return j.is_object() && j.value("format", "") == kFormat;
  } catch (const std::exception&) {
    return false;
  }
}

fs::path sibling(const fs::path& dir, const std::string& what) {
  static std::atomic<unsigned> counter{0};
  return dir.parent_path() / ("." + dir.filename().string() + "." + what + "." + std::to_string(::getpid()) + "." +
                              std::to_string(counter++));
}

/// Removes a temporary directory unless released.
struct TempDir {
  fs::path path;
  bool keep = false;
  ~TempDir() {
    if (keep || path.empty()) return;
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

nlohmann::json report_json(const detail::StudyModel& m, const ReportDocument& doc) {
  const StudyReportInput& in = *m.input;
  const StudySummary& s = in.settings;
  nlohmann::json j;
  j["format"] = kFormat;
  j["version"] = kVersion;
  j["nasrank_version"] = NASRANK_VERSION;
  j["title"] = doc.title;
  j["notices"] = doc.notices;
  j["settings"] = {{"dataset", s.dataset},
                   {"pool", s.pool},
                   {"schedules", s.schedules},
                   {"budgets", s.budgets},
                   {"seeds", s.seeds},
                   {"full_epochs", json_number(s.full_epochs)},
                   {"reference_schedule", s.reference_schedule.empty() ? m.reference_schedule : s.reference_schedule},
                   {"hardware", s.hardware},
                   {"toolkit_version", s.toolkit_version},
                   {"wall_seconds", json_number(s.wall_seconds)},
                   {"details", s.details}};
  const SweepProgress& p = in.progress;
  if (p.known) {
    nlohmann::json missing = nlohmann::json::array();
    for (const auto& w : p.missing)
      missing.push_back({{"schedule", w.schedule},
                         {"budget", w.budget},
                         {"reference", w.reference},
                         {"pending", w.pending},
                         {"running", w.running},
                         {"failed", w.failed},
                         {"last_error", w.last_error}});
    j["progress"] = {{"total", p.total},   {"done", p.done},           {"pending", p.pending}, {"running", p.running},
                     {"failed", p.failed}, {"finished", p.finished()}, {"missing", missing}};
  } else {
    j["progress"] = nullptr;
  }
  // What the study says beyond its tables; every table (the study's and the report's own) once, below.
  j["study"] = ranking::study_json(m.tables);
  j["tables"] = nlohmann::json::object();
  for (const auto& t : doc.tables) j["tables"][t.id] = ranking::table_json(t);
  j["figures"] = nlohmann::json::array();
  for (const auto& f : doc.figures)
    j["figures"].push_back({{"id", f.id},
                            {"group", f.group},
                            {"title", f.title},
                            {"svg", f.svg},
                            {"script", f.script},
                            {"data", f.data},
                            {"png", f.png},
                            {"pdf", f.pdf},
                            {"rendered", f.rendered},
                            {"message", f.message}});
  return j;
}

}  // namespace

ReportResult write_study_report(const StudyReportInput& input, const fs::path& out_dir, const ReportOptions& options) {
  NASRANK_CHECK(!out_dir.empty(), "no output directory given for the report");
  fs::path dir = fs::absolute(out_dir).lexically_normal();
  if (dir.filename().empty()) dir = dir.parent_path();
  std::error_code ec;
  NASRANK_CHECK(!fs::exists(dir, ec) || fs::is_directory(dir, ec), "cannot write the report to ", dir.string(),
                ": it is a file, not a directory");
  NASRANK_CHECK(!fs::exists(dir, ec) || replaceable(dir), "will not replace ", dir.string(),
                ": it holds files that are not a nasrank report; give a new or empty directory");

  const detail::StudyModel model = detail::make_model(input, options);
  detail::FigurePlan plan = detail::plan_figures(model);

  fs::create_directories(dir.parent_path(), ec);
  NASRANK_CHECK(!ec, "cannot create ", dir.parent_path().string(), ": ", ec.message());
  TempDir tmp{sibling(dir, "tmp")};
  fs::create_directories(tmp.path / "figures", ec);
  NASRANK_CHECK(!ec, "cannot create a temporary directory beside ", dir.string(), ": ", ec.message());
  fs::create_directories(tmp.path / "tables", ec);

  // Figures: drawn into the temporary directory, their sources kept beside them.
  std::vector<FigureEntry> entries;
  std::map<std::string, std::string> svg_text;
  std::size_t missing = 0, failed = 0;
  std::string failure;
  RenderOptions render;
  render.gnuplot = options.gnuplot;
  render.keep_sources = true;
  render.log = false;
  render.png = render.pdf = true;  // for a paper, beside each SVG
  for (auto& pf : plan.figures) {
    FigureEntry e = pf.entry;
    const fs::path svg = tmp.path / e.svg;
    if (!options.figures) {
      write_file_atomic(tmp.path / e.script, gnuplot_script(pf.figure, pf.entry.id + ".dat", pf.entry.id + ".svg"));
      write_file_atomic(tmp.path / e.data, gnuplot_data(pf.figure));
      e.message = "figures were not asked for";
    } else {
      const RenderResult r = render_svg(pf.figure, svg, render);
      e.rendered = r.rendered();
      if (r.status == RenderStatus::gnuplot_missing) {
        ++missing;
        e.message = "gnuplot was not found";
      } else if (r.status == RenderStatus::gnuplot_failed) {
        ++failed;
        e.message = r.message.substr(0, r.message.find(';'));
        if (failure.empty()) failure = r.message;
      }
      if (e.rendered) svg_text[e.id] = read_file(svg);
    }
    entries.push_back(std::move(e));
  }

  ReportDocument doc = detail::build_document(model, entries, plan.skipped);
  // Relative, so that the advice survives moving the report.
  const std::string redraw = "cd figures && for f in *.gp; do gnuplot \"$f\"; done";
  if (missing)
    doc.notices.push_back("gnuplot was not found, so " + std::to_string(missing) +
                          " figures are not drawn; their "
                          "scripts and data are in figures/. Install gnuplot (Debian: gnuplot-nox) and run `" +
                          redraw +
                          "` in the report's directory, or write the report again to have them in report.html.");
  if (failed)
    doc.notices.push_back("gnuplot failed on " + std::to_string(failed) + " figures (the first: " + failure +
                          "); their scripts and data are in figures/.");
  if (!options.figures && !entries.empty())
    doc.notices.push_back("Figures were not drawn on request; to draw them, run `" + redraw +
                          "` in the report's directory.");

  ReportResult result;
  result.dir = dir;
  result.markdown = dir / "report.md";
  result.html = dir / "report.html";
  result.json = dir / "report.json";
  write_file_atomic(tmp.path / "report.md", render_markdown(doc));
  write_file_atomic(tmp.path / "report.html", render_html(doc, svg_text));
  for (const auto& t : doc.tables) {
    write_file_atomic(tmp.path / "tables" / (t.id + ".csv"), ranking::table_csv(t));
    result.tables.push_back(dir / "tables" / (t.id + ".csv"));
  }
  // Every statistic of every proxy in one long table, as `rank --format csv` writes it.
  write_file_atomic(tmp.path / "tables" / "long.csv", ranking::render_csv(model.tables));
  result.tables.push_back(dir / "tables" / "long.csv");
  write_file_atomic(tmp.path / "report.json", report_json(model, doc).dump(2) + "\n");
  for (const auto& e : entries) {
    if (e.rendered) result.figures.push_back(dir / e.svg);
    else ++result.figures_not_drawn;
  }
  result.notices = doc.notices;

  // Into place: the old report (if any) steps aside, the new one takes its name, the old one goes.
  fs::path old;
  if (fs::exists(dir, ec)) {
    old = sibling(dir, "old");
    fs::rename(dir, old, ec);
    NASRANK_CHECK(!ec, "cannot move the earlier report ", dir.string(), " aside: ", ec.message());
  }
  fs::rename(tmp.path, dir, ec);
  if (ec) {
    std::error_code back;
    if (!old.empty()) fs::rename(old, dir, back);
    NASRANK_CHECK(false, "cannot move the report into ", dir.string(), ": ", ec.message());
  }
  tmp.keep = true;
  if (!old.empty()) fs::remove_all(old, ec);
  // Where it is, the commands print on stdout (and a study's step log names it): the count only here.
  LOG_INFO("wrote the report: ", result.tables.size(), " tables, ", result.figures.size(), " figures");
  for (const auto& n : doc.notices) LOG_WARN(n);
  return result;
}

}  // namespace nasrank::reports
