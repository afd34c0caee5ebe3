// `nasrank data info`: what a dataset holds once split the way every study splits it.
#include <iostream>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "nasrank/core/error.h"
#include "nasrank/core/text_table.h"
#include "nasrank/trainer/data/dataset.h"

namespace nasrank::cli {
namespace {

std::string joined_names() {
  std::string s;
  for (const auto& n : data::dataset_names()) s += (s.empty() ? "" : "|") + n;
  return s;
}

int run_info(const Args& args) {
  const data::DatasetOptions defaults;
  data::DatasetOptions opt;
  std::string format = "table";
  po::options_description desc("data info options");
  // clang-format off
  desc.add_options()
      ("dataset", po::value(&opt.name)->default_value(defaults.name), ("dataset: " + joined_names()).c_str())
      ("root", po::value(&opt.root), "directory with the dataset files (default for fashion-mnist: "
                                     "/usr/share/datasets/fashion-mnist)")
      ("val-size", po::value(&opt.val_size)->default_value(defaults.val_size),
       "images held out of the training set for validation (paper: 5000)")
      ("split-seed", po::value(&opt.split_seed)->default_value(defaults.split_seed), "seed of the train/validation split")
      ("format", po::value(&format)->default_value(format), "table|json");
  // clang-format on
  // clang-format off
  const CommandHelp help{
      "nasrank data info [--dataset NAME] [--root DIR] [--val-size N] [--split-seed S] [--format table|json]",
      "Reads a dataset, checks every file (magic numbers, sizes, label ranges), splits the training set\n"
      "into train and validation exactly as a study does, and prints image shape, class count, split sizes\n"
      "and per-class counts. 'synthetic' is generated data for tests and benchmarks.",
      "  nasrank data info\n"
      "  nasrank data info --dataset cifar10 --root ~/data/cifar-10-batches-bin --format json\n"
      "  nasrank data info --val-size 10000 --split-seed 3"};
  // clang-format on
  po::variables_map vm;
  if (!parse_args(args, help, desc, vm)) return 0;
  require_choice("format", format, {"table", "json"});
  require_choice("dataset", opt.name, data::dataset_names());

  const data::Dataset d = options_checked([&] { return data::load_dataset(opt); });  // --val-size too large
  const auto& t = d.train;
  const auto train_counts = data::class_counts(d.train, d.num_classes);
  const auto val_counts = data::class_counts(d.val, d.num_classes);
  const auto test_counts = data::class_counts(d.test, d.num_classes);
  if (format == "json") {
    nlohmann::json j;
    j["dataset"] = d.name;
    j["root"] = d.root;
    j["synthetic"] = d.synthetic;
    j["image_shape"] = {t.channels, t.height, t.width};
    j["classes"] = d.num_classes;
    j["train"] = d.train.count;
    j["val"] = d.val.count;
    j["test"] = d.test.count;
    j["split_seed"] = opt.split_seed;
    j["mean"] = d.mean;
    j["std"] = d.stddev;
    nlohmann::json per_class = nlohmann::json::array();
    for (int c = 0; c < d.num_classes; ++c) {
      per_class.push_back({{"class", c},
                           {"name", d.class_names[static_cast<std::size_t>(c)]},
                           {"train", train_counts[static_cast<std::size_t>(c)]},
                           {"val", val_counts[static_cast<std::size_t>(c)]},
                           {"test", test_counts[static_cast<std::size_t>(c)]}});
    }
    j["per_class"] = per_class;
    emit(j.dump(2) + "\n", std::nullopt);
    return 0;
  }
  std::string out;
  out += "dataset      " + d.name + (d.synthetic ? "  (SYNTHETIC: generated data, not a benchmark)" : "") + "\n";
  if (!d.root.empty()) out += "root         " + d.root + "\n";
  out += "image shape  " + std::to_string(t.channels) + "x" + std::to_string(t.height) + "x" + std::to_string(t.width) +
         "\n";
  out += "classes      " + std::to_string(d.num_classes) + "\n";
  out += "split        train " + std::to_string(d.train.count) + " / val " + std::to_string(d.val.count) + " / test " +
         std::to_string(d.test.count) + "  (split seed " + std::to_string(opt.split_seed) + ")\n\n";
  TextTable table({"class", "name", "train", "val", "test"});
  for (int c = 0; c < d.num_classes; ++c) {
    const auto i = static_cast<std::size_t>(c);
    table.add_row({std::to_string(c), d.class_names[i], std::to_string(train_counts[i]), std::to_string(val_counts[i]),
                   std::to_string(test_counts[i])});
  }
  emit(out + table.render(), std::nullopt);
  return 0;
}

}  // namespace

int run_data(const Args& args) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    const bool asked = !args.empty();
    (asked ? std::cout : std::cerr) << "Usage: nasrank data info [options]\n\n"
                                       "  info   shapes, split sizes and class counts of a dataset\n"
                                       "         (see 'nasrank data info --help')\n";
    return asked ? 0 : 2;
  }
  if (args[0] == "info") return run_info(Args(args.begin() + 1, args.end()));
  throw UsageError("unknown 'data' subcommand '" + args[0] + "'" + did_you_mean(args[0], {"info"}) + " (known: info)");
}

}  // namespace nasrank::cli
