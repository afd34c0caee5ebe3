// `nasrank proxies`: zero-cost proxy scores of a pool's architectures at initialisation, one row per
// architecture, as a table, CSV or JSON.
#include <cmath>
#include <iostream>

#include "commands.h"
#include "nasrank/core/csv.h"
#include "nasrank/core/error.h"
#include "nasrank/core/log.h"
#include "nasrank/core/progress.h"
#include "nasrank/core/text_table.h"
#include "nasrank/generator/pool.h"
#include "nasrank/study/zero_cost.h"
#include "nasrank/trainer/proxies.h"
#include "recipe_options.h"

namespace nasrank::cli {
namespace {

std::string help_description() {
  std::string d =
      "Scores every architecture of a pool at initialisation, on one batch drawn with --seed from the\n"
      "training split (the network is the one 'nasrank train --seed S --width W' starts from), with the\n"
      "zero-cost proxies of Abdelfattah et al. (ICLR 2021) and Mellor et al. (ICML 2021) and the baselines\n"
      "params and macs. A larger value predicts a better architecture for every score. Writes one row per\n"
      "architecture: each score, then <score>_seconds (the time it took) and setup_seconds (building the\n"
      "network and moving the batch, shared by the scores). A NaN or infinite score is kept (nan, inf or\n"
      "-inf in tables and CSV, null in JSON) and reported on stderr. Definitions: docs/proxies.md.\n\nScores:\n";
  for (const auto& p : trainer::proxy_registry()) d += "  " + p.name + ": " + p.definition + "\n";
  return d;
}

std::string number(double v) { return format_number(v, 17); }

/// The scores as JSON (every field), CSV (every digit) or a table for reading.
std::string scores_text(const std::vector<trainer::ProxyScores>& rows, const std::vector<std::string>& scores,
                        const data::Dataset& dataset, const trainer::ProxyOptions& opt, const std::string& format) {
  if (format == "json") {
    nlohmann::json j = {{"format", "nasrank-proxies"},
                        {"version", 1},
                        {"dataset", dataset.name},
                        {"synthetic", dataset.synthetic},
                        {"batch", opt.batch},
                        {"seed", opt.seed},
                        {"width", opt.width},
                        {"device", opt.device},
                        {"scores", scores},
                        {"architectures", nlohmann::json::array()}};
    for (const auto& r : rows) j["architectures"].push_back(trainer::to_json(r));
    return j.dump(2) + "\n";
  }
  std::vector<std::string> header{"arch"};
  for (const auto& n : scores) header.push_back(n);
  for (const auto& n : scores) header.push_back(n + "_seconds");
  header.push_back("setup_seconds");
  std::vector<std::vector<std::string>> cells;
  for (const auto& r : rows) {
    std::vector<std::string> row{r.arch};
    // Tables are for reading: fewer digits than the CSV, which keeps every bit.
    for (const auto& n : scores) row.push_back(format == "csv" ? number(r.value.at(n)) : format_number(r.value.at(n)));
    for (const auto& n : scores) row.push_back(format_number(r.seconds.at(n), format == "csv" ? 6 : 3));
    row.push_back(format_number(r.setup_seconds, format == "csv" ? 6 : 3));
    cells.push_back(std::move(row));
  }
  if (format == "csv") {
    std::string text = csv_row(header);
    for (const auto& row : cells) text += csv_row(row);
    return text;
  }
  TextTable table(header);
  for (auto& row : cells) table.add_row(std::move(row));
  return table.render();
}

}  // namespace

int run_proxies(const Args& args) {
  data::DatasetOptions data_opt;
  trainer::ProxyOptions opt;
  opt.width = quick_recipe().width;  // the network 'train' starts from by default
  std::string pool_file, base, arch_list, scores_list, format = "table";
  po::options_description desc("proxies options");
  po::options_description archs("Architectures");
  // clang-format off
  archs.add_options()
      ("pool", po::value(&pool_file), "pool file written by 'nasrank generate' (or one spec file)")
      ("arch", po::value(&arch_list), "comma-separated ids within the pool (default: all of them)")
      ("base", po::value(&base), "without --pool: the unmodified base alone (resnet18), shaped for the dataset");
  // clang-format on
  po::options_description scoring("Scoring");
  // clang-format off
  scoring.add_options()
      ("scores", po::value(&scores_list), "comma-separated score names (default: all; see above)")
      ("batch", po::value(&opt.batch)->default_value(opt.batch)->notifier(at_least<decltype(opt.batch)>("batch", 1)), "images in the scoring batch, drawn from the training split (64 as the zero-cost papers' code, not the training batch)")
      ("seed", po::value(&opt.seed)->default_value(opt.seed), "seed of the initialisation and of the batch")
      ("width", po::value(&opt.width)->default_value(opt.width)->notifier(positive<double>("width")), "channel multiplier, as 'train --width' (the same default)")
      ("device", po::value(&opt.device)->default_value(opt.device)->notifier(require_device), "cpu|cuda|auto")
      ("threads", po::value(&opt.threads)->default_value(opt.threads)->notifier(at_least<decltype(opt.threads)>("threads", 0)), "CPU threads (0: every core this process may use)")
      ("format", po::value(&format)->default_value(format), "table|csv|json")
      ("out", po::value<std::string>(), "write to FILE (atomically) instead of stdout");
  // clang-format on
  desc.add(archs).add(dataset_options(data_opt)).add(scoring);
  // clang-format off
  const CommandHelp help{
      "nasrank proxies (--pool FILE [--arch IDS] | --base resnet18) [--dataset NAME] [--format table|csv|json] "
      "[--out FILE] [options]",
      help_description(),
      "  nasrank proxies --pool pool.json --dataset fashion-mnist --width 0.125 --format csv --out proxies.csv\n"
      "  nasrank proxies --pool pool.json --dataset cifar10 --scores synflow,naswot,params --device cuda \\\n"
      "      --format json --out proxies.json\n"
      "  nasrank proxies --base resnet18 --dataset fashion-mnist --width 0.125 --batch 64 --seed 1"};
  // clang-format on
  po::variables_map vm;
  if (!parse_args(args, help, desc, vm)) return 0;

  if (pool_file.empty() == base.empty())
    throw UsageError("give --pool FILE or --base NAME, one of them (see 'nasrank proxies --help')");
  if (!arch_list.empty() && pool_file.empty()) throw UsageError("--arch needs --pool FILE");
  if (!scores_list.empty()) {
    try {
      opt.scores = trainer::resolve_proxy_names(split_list(scores_list, "scores"));
    } catch (const UsageError&) {
      throw;
    } catch (const Error& e) {
      throw UsageError(std::string("--scores: ") + e.what());
    }
  }
  const std::vector<std::string> scores = trainer::resolve_proxy_names(opt.scores);
  const auto out = optional_path(vm, "out");
  if (out && vm["format"].defaulted()) {
    // Until this release the extension of --out chose the format; keep that for one more release, with a warning.
    const std::string ext = out->extension().string();
    if (ext == ".csv" || ext == ".json") {
      format = ext.substr(1);
      std::cerr << "nasrank: warning: the format is no longer taken from --out's extension; add --format " << format
                << " (the guess will be removed in the next release)\n";
    }
  }
  require_choice("format", format, {"table", "csv", "json"});
  if (out) check_output_path("out", *out);

  // The pool first: a bad pool fails before a dataset is read.
  std::vector<generator::PoolArch> todo;
  if (!pool_file.empty()) {
    const generator::Pool pool = generator::load_pool(pool_file);
    if (arch_list.empty()) todo = pool.archs;
    else
      for (const auto& id : split_list(arch_list, "arch")) todo.push_back(pool.find(id));
  }
  const data::Dataset dataset = options_checked([&] { return data::load_dataset(data_opt); });
  if (dataset.synthetic) LOG_WARN("scoring on SYNTHETIC data: the scores say nothing about real datasets");
  if (pool_file.empty()) {
    generator::PoolArch a;
    a.id = base;
    a.spec = nas::base_spec(base, dataset.train.channels, dataset.train.height, dataset.num_classes);
    todo.push_back(a);
  }

  const std::vector<trainer::ProxyScores> rows = study::score_architectures(todo, dataset, opt);

  emit(scores_text(rows, scores, dataset, opt, format), out);
  return 0;
}

}  // namespace nasrank::cli
