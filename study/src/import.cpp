// Runs trained elsewhere, one row each, into a new sweep store: every row is checked before
// anything is written, and the store appears under its name only when complete.
#include "nasrank/study/import.h"

#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "nasrank/core/csv.h"
#include "nasrank/core/error.h"
#include "nasrank/core/text_table.h"
#include "nasrank/study/plan.h"
#include "nasrank/study/store.h"
#include "nasrank/trainer/budget.h"

namespace nasrank::study {
namespace {

using json = nlohmann::json;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// One input row: its line in the file and its cells by column name (empty cells left out).
struct Row {
  std::size_t line = 0;
  std::map<std::string, std::string> cells;
};

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r");
  return b == std::string::npos ? "" : s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

std::vector<Row> read_csv_rows(const std::filesystem::path& path, std::vector<std::string>& columns) {
  const CsvTable t = read_csv(path);
  columns = t.header;
  std::vector<Row> rows;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    Row row{r + 2, {}};  // the header is line 1
    for (std::size_t c = 0; c < t.header.size() && c < t.rows[r].size(); ++c)
      if (!trim(t.rows[r][c]).empty()) row.cells[trim(t.header[c])] = trim(t.rows[r][c]);
    rows.push_back(std::move(row));
  }
  for (auto& c : columns) c = trim(c);
  return rows;
}

std::string cell_text(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "1" : "0";
  if (v.is_null()) return "";
  if (v.is_array()) {
    std::string out;
    for (const auto& x : v) out += (out.empty() ? "" : ";") + (x.is_null() ? std::string("nan") : x.dump());
    return out;
  }
  return v.dump();
}

std::vector<Row> read_jsonl_rows(const std::filesystem::path& path, std::vector<std::string>& columns) {
  std::ifstream in(path);
  NASRANK_CHECK(in, "cannot read ", path.string());
  std::vector<Row> rows;
  std::set<std::string> seen;
  std::string text;
  for (std::size_t line = 1; std::getline(in, text); ++line) {
    if (trim(text).empty()) continue;
    json j;
    try {
      j = json::parse(text);
    } catch (const json::exception& e) {  // a syntax error, or a number beyond a double (out_of_range)
      throw Error(nasrank::detail::concat(path.string(), ": line ", line, ": not valid JSON (", e.what(), ")"));
    }
    NASRANK_CHECK(j.is_object(), path.string(), ": line ", line, ": not a JSON object");
    Row row{line, {}};
    for (const auto& [key, value] : j.items()) {
      if (seen.insert(key).second) columns.push_back(key);
      const std::string cell = trim(cell_text(value));
      if (!cell.empty()) row.cells[key] = cell;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

/// Reads a row's cells with messages that name the file, the line and the column.
class Reader {
 public:
  Reader(const std::string& source, const Row& row) : source_(source), row_(row) {}
  bool has(const std::string& column) const { return row_.cells.count(column) > 0; }
  std::string text(const std::string& column) const {
    NASRANK_CHECK(has(column), where(), ": no value in column '", column, "'");
    return row_.cells.at(column);
  }
  double number(const std::string& column) const {
    const std::string cell = text(column);
    char* end = nullptr;
    const double v = std::strtod(cell.c_str(), &end);
    NASRANK_CHECK(end != cell.c_str() && *end == '\0', where(), ", column '", column, "': '", cell,
                  "' is not a number");
    return v;
  }
  double number_or(const std::string& column, double fallback) const { return has(column) ? number(column) : fallback; }
  std::int64_t integer(const std::string& column) const {
    const double v = number(column);
    // 2^53: every whole number up to it is exact in a double, and it fits the store's integers.
    NASRANK_CHECK(std::isfinite(v) && v == std::floor(v) && std::abs(v) <= 9007199254740992.0, where(), ", column '",
                  column, "': '", text(column), "' is not a whole number of at most 2^53");
    return static_cast<std::int64_t>(v);
  }
  std::vector<double> list(const std::string& column) const {
    std::vector<double> out;
    std::stringstream in(text(column));
    for (std::string item; std::getline(in, item, ';');) {
      item = trim(item);
      char* end = nullptr;
      const double v = std::strtod(item.c_str(), &end);
      NASRANK_CHECK(!item.empty() && end != item.c_str() && *end == '\0', where(), ", column '", column, "': '", item,
                    "' is not a number (write the curve as numbers separated by ';')");
      out.push_back(v);
    }
    return out;
  }
  std::string where() const { return nasrank::detail::concat(source_, ": line ", row_.line); }

 private:
  const std::string& source_;
  const Row& row_;
};

}  // namespace

const std::vector<std::string>& import_columns() {
  static const std::vector<std::string> columns = {
      "arch",          "schedule",          "budget",        "seed",          "val_acc",         "best_val_acc",
      "final_val_acc", "reference",         "status",        "seconds",       "params",          "macs",
      "steps",         "best_step",         "best_progress", "budget_epochs", "budget_fraction", "train_loss",
      "val_loss",      "images_per_second", "engine",        "device",        "worker_host"};
  return columns;
}

ImportOutcome import_runs(const ImportOptions& o) {
  const std::string source = o.input.string();
  NASRANK_CHECK(std::filesystem::exists(o.input), "no file ", source);
  NASRANK_CHECK(!std::filesystem::exists(o.db), o.db.string(), " already exists: import into a new store");
  std::string format = o.format;
  if (format == "auto") {
    const std::string ext = o.input.extension().string();
    format = ext == ".jsonl" || ext == ".ndjson" ? "jsonl" : "csv";
  }
  NASRANK_CHECK(format == "csv" || format == "jsonl", "--format '", o.format, "' is not one of: csv, jsonl, auto");
  std::vector<std::string> columns;
  const std::vector<Row> rows = format == "csv" ? read_csv_rows(o.input, columns) : read_jsonl_rows(o.input, columns);
  NASRANK_CHECK(!rows.empty(), source, ": no runs to import");
  const std::set<std::string> have(columns.begin(), columns.end());
  std::string metric = o.metric;
  if (metric == "val_acc" && !have.count("val_acc") && have.count("best_val_acc")) metric = "best_val_acc";
  for (const std::string& c : {std::string("arch"), std::string("budget"), std::string("seed"), metric})
    NASRANK_CHECK(
        have.count(c), source, ": no column '", c, "' (the columns are: ",
        [&] {
          std::string list;
          for (const auto& h : columns) list += (list.empty() ? "" : ", ") + h;
          return list;
        }(),
        "); docs/import.md lists what import reads");

  ImportOutcome out;
  const std::set<std::string> known(import_columns().begin(), import_columns().end());
  for (const auto& c : columns)
    if (!known.count(c) && c != metric) out.ignored_columns.push_back(c);

  // The full budget: given, or from the export's columns, or 1 (budgets as fractions).
  double full = o.full_epochs;
  NASRANK_CHECK(full >= 0 && std::isfinite(full), "--full-epochs must be positive (got ", full, ")");
  if (full == 0 && have.count("budget_epochs") && have.count("budget_fraction")) {
    for (const Row& row : rows) {
      const Reader r(source, row);
      if (r.has("budget_epochs") && r.has("budget_fraction") && r.number("budget_fraction") > 0) {
        full = r.number("budget_epochs") / r.number("budget_fraction");
        break;
      }
    }
  }
  const bool guessed = full == 0;
  full = guessed ? 1 : budget_key(full);  // as written to ten digits, "200" and not 199.99999999999997
  out.full_epochs = full;
  const std::string hint = guessed ? " (give --full-epochs to read budgets in epochs)" : "";

  // Every row checked and turned into a run before anything is written.
  struct Parsed {
    JobKey key;
    trainer::RunRecord record;
    std::string host;
    double fraction = 0;
    std::size_t line = 0;
  };
  std::vector<Parsed> parsed;
  std::set<std::string> full_budget_schedules;
  for (const Row& row : rows) {
    const Reader r(source, row);
    Parsed p;
    p.line = row.line;
    trainer::RunRecord& rec = p.record;
    rec.arch = r.text("arch");
    rec.schedule = r.has("schedule") ? r.text("schedule") : o.default_schedule;
    rec.budget = r.text("budget");
    try {
      rec.budget_epochs = budget_key(trainer::Budget::parse(rec.budget, full).epochs);
    } catch (const Error& e) {
      throw Error(r.where() + ", column 'budget': " + e.what() + hint);
    }
    p.fraction = rec.budget_epochs / full;
    NASRANK_CHECK(p.fraction > 0 && p.fraction <= 1 + 1e-9, r.where(), ", column 'budget': '", rec.budget,
                  "' is not within the full budget of ", format_number(full), " epochs", hint);
    rec.full_epochs = full;
    rec.seed = r.integer("seed");
    double value = r.number(metric);
    NASRANK_CHECK(std::isfinite(value), r.where(), ", column '", metric, "': '", r.text(metric),
                  "' is not a finite number");
    if (!o.higher_is_better) value = -value;
    rec.best_val_acc = value;
    rec.final_val_acc = r.has("final_val_acc") && metric != "final_val_acc" ? r.number("final_val_acc") : value;
    rec.status = r.has("status") ? r.text("status") : "ok";
    NASRANK_CHECK(rec.status == "ok" || rec.status == "diverged" || rec.status == "untrainable", r.where(),
                  ", column 'status': '", rec.status, "' is not one of ok, diverged, untrainable");
    rec.seconds = r.number_or("seconds", kNaN);
    rec.params = r.has("params") ? r.integer("params") : 0;
    rec.macs = r.has("macs") ? r.integer("macs") : 0;
    rec.steps = r.has("steps") ? r.integer("steps") : 0;
    rec.best_step = r.has("best_step") ? r.integer("best_step") : 0;
    rec.best_progress = r.number_or("best_progress", kNaN);
    rec.images_per_second = r.number_or("images_per_second", 0);
    rec.engine = r.has("engine") ? r.text("engine") : "imported";
    rec.device = r.has("device") ? r.text("device") : "";
    rec.dataset = "imported";
    rec.recipe = {{"imported_from", source}, {"line", row.line}, {"metric", metric}, {"negated", !o.higher_is_better}};
    rec.steps_done = rec.steps;
    if (r.has("train_loss")) {
      // Entries of equal length (an epoch, a logging interval): one block of one step each.
      rec.loss_block_sums = r.list("train_loss");
      rec.loss_block_steps = 1;
      rec.steps_done = static_cast<std::int64_t>(rec.loss_block_sums.size());
      if (rec.steps == 0) rec.steps = rec.steps_done;
    }
    if (r.has("val_loss")) {
      const std::vector<double> losses = r.list("val_loss");
      for (std::size_t i = 0; i < losses.size(); ++i) {
        trainer::EpochRecord e;
        e.epoch = rec.budget_epochs * static_cast<double>(i + 1) / static_cast<double>(losses.size());
        e.step = static_cast<std::int64_t>(i + 1);
        e.train_loss = kNaN;
        e.val_loss = losses[i];
        e.val_acc = i + 1 == losses.size() ? rec.final_val_acc : kNaN;
        rec.epochs.push_back(e);
      }
    }
    const bool full_budget = std::abs(p.fraction - 1) <= 1e-9;
    if (full_budget) full_budget_schedules.insert(rec.schedule);
    p.host = r.has("worker_host") ? r.text("worker_host") : "imported";
    p.key.arch = rec.arch;
    p.key.schedule = rec.schedule;
    p.key.budget = rec.budget;
    p.key.budget_epochs = rec.budget_epochs;
    p.key.seed = rec.seed;
    if (r.has("reference")) {
      const std::string flag = r.text("reference");
      NASRANK_CHECK(flag == "0" || flag == "1" || flag == "true" || flag == "false", r.where(),
                    ", column 'reference': '", flag, "' is not 0, 1, true or false");
      p.key.reference = flag == "1" || flag == "true";
      NASRANK_CHECK(!p.key.reference || full_budget, r.where(), ": a reference run must be at the full budget (",
                    format_number(full), " epochs), not '", rec.budget, "'");
    }
    parsed.push_back(std::move(p));
  }

  // The reference schedule, and which full-budget rows are the reference runs.
  std::string reference = o.reference_schedule;
  if (reference.empty()) {
    if (full_budget_schedules.size() == 1) reference = *full_budget_schedules.begin();
    else if (full_budget_schedules.count("linear")) reference = "linear";
    else if (full_budget_schedules.empty()) reference = o.default_schedule;
    else
      throw Error(source +
                  ": full-budget rows of several schedules; name the one that defines the target with "
                  "--reference-schedule");
  }
  const bool flagged = have.count("reference") > 0;
  std::map<std::tuple<std::string, std::string, double, std::int64_t>, std::size_t> first_line;
  std::set<std::string> archs, schedules, budgets;
  std::int64_t max_seed = 0;
  std::vector<ImportedRun> runs;
  std::int64_t order = 0;
  for (Parsed& p : parsed) {
    if (!flagged) p.key.reference = std::abs(p.fraction - 1) <= 1e-9 && p.key.schedule == reference;
    if (p.key.reference) p.key.budget = "1";  // as a plan names its reference runs
    const auto [it, added] =
        first_line.emplace(std::make_tuple(p.key.arch, p.key.schedule, p.key.budget_epochs, p.key.seed), p.line);
    NASRANK_CHECK(added, source, ": line ", p.line, ": the run of arch '", p.key.arch, "', schedule '", p.key.schedule,
                  "', budget '", p.record.budget, "', seed ", p.key.seed, " is given twice (first on line ", it->second,
                  ")");
    archs.insert(p.key.arch);
    if (!p.key.reference) schedules.insert(p.key.schedule), budgets.insert(p.record.budget);
    max_seed = std::max(max_seed, p.key.seed);
    out.references += p.key.reference;
    p.key.order = order++;
    runs.push_back({p.key, std::move(p.record), p.host});
  }
  out.runs = static_cast<std::int64_t>(runs.size());
  out.architectures = static_cast<std::int64_t>(archs.size());

  // The study as imported: what the rows hold, and a pool of their architecture ids.
  StudySettings settings;
  settings.dataset.name = "imported";
  settings.recipe.full_epochs = full;
  settings.schedules.assign(schedules.begin(), schedules.end());
  settings.budgets.assign(budgets.begin(), budgets.end());
  settings.seeds = max_seed + 1;
  settings.reference_schedule = reference;
  json pool = {{"format", "nasrank-import"},
               {"source", source},
               {"metric", metric},
               {"negated", !o.higher_is_better},
               {"architectures", json::array()}};
  PoolText pool_text;
  for (const auto& a : archs) {
    pool["architectures"].push_back({{"id", a}});
    pool_text.arch_ids.push_back(a);
  }
  pool_text.text = pool.dump();

  // Written under a temporary name, renamed when complete.
  std::filesystem::path temp = o.db;
  temp += ".import-tmp";
  std::filesystem::remove(temp);
  try {
    {
      Store store = Store::open(temp, Store::Mode::create);
      store.import_runs(settings, pool_text, runs, unix_time());
    }
    std::filesystem::rename(temp, o.db);
  } catch (...) {
    std::error_code ec;
    std::filesystem::remove(temp, ec);
    throw;
  }
  return out;
}

}  // namespace nasrank::study
