#include "recipe_options.h"

#include "nasrank/core/error.h"
#include "nasrank/core/text_table.h"
#include "nasrank/trainer/budget.h"
#include "nasrank/trainer/schedule.h"

namespace nasrank::cli {

po::options_description dataset_options(data::DatasetOptions& o) {
  const data::DatasetOptions d;
  std::string names;
  for (const auto& n : data::dataset_names()) names += (names.empty() ? "" : "|") + n;
  po::options_description desc("Dataset");
  // clang-format off
  desc.add_options()
      ("dataset", po::value(&o.name)->default_value(d.name)->notifier([](const std::string& v) { require_choice("dataset", v, data::dataset_names()); }), names.c_str())
      ("root", po::value(&o.root), "directory with the dataset files (fashion-mnist: /usr/share/datasets/fashion-mnist)")
      ("val-size", po::value(&o.val_size)->default_value(d.val_size)->notifier(at_least<std::int64_t>("val-size", 0)), "validation images held out of training (paper: 5000)")
      ("split-seed", po::value(&o.split_seed)->default_value(d.split_seed), "seed of the train/validation split");
  // clang-format on
  return desc;
}

trainer::TrainOptions quick_recipe() {
  trainer::TrainOptions q;
  q.width = 0.125;      // 1/8 of ResNet-18's channels (the MACs fall with the width squared)
  q.train_size = 8192;  // the first 8192 training images
  q.full_epochs = 20;   // a tenth of the paper's 200
  return q;
}

namespace {
/// The scale the paper trains at (Sec. 4.1): full width, every training image, 200 epochs.
const trainer::TrainOptions kPaper;
}  // namespace

po::options_description recipe_options(trainer::TrainOptions& o, bool quick) {
  const trainer::TrainOptions d = quick ? quick_recipe() : trainer::TrainOptions();
  po::options_description desc(quick ? "Recipe (the paper's Sec. 4.1 at a small scale; --paper for its own)"
                                     : "Recipe (defaults: the paper's Sec. 4.1)");
  // clang-format off
  desc.add_options()
      ("schedule", po::value(&o.schedule)->default_value(d.schedule), "learning-rate schedule spec (see 'nasrank schedules --help')")
      ("budget", po::value(&o.budget)->default_value(d.budget), "fraction of the full budget (0.05), percentage (5%) or epochs (10ep)")
      ("full-epochs", po::value(&o.full_epochs)->default_value(d.full_epochs)->notifier(positive<double>("full-epochs")), "the full budget in epochs")
      ("lr", po::value(&o.lr)->default_value(d.lr, format_number(d.lr))->notifier(positive<double>("lr")), "base learning rate")
      ("momentum", po::value(&o.momentum)->default_value(d.momentum, format_number(d.momentum))->notifier(at_least("momentum", 0.0)), "SGD momentum")
      ("weight-decay", po::value(&o.weight_decay)->default_value(d.weight_decay, format_number(d.weight_decay))->notifier(at_least("weight-decay", 0.0)), "weight decay")
      ("batch", po::value(&o.batch)->default_value(d.batch)->notifier(at_least<std::int64_t>("batch", 1)), "batch size")
      ("width", po::value(&o.width)->default_value(d.width)->notifier(positive<double>("width")), "channel multiplier (0.125 makes CPU runs practical)")
      ("train-size", po::value(&o.train_size)->default_value(d.train_size)->notifier(at_least<std::int64_t>("train-size", 0)), "train on the first N training images (0: all)")
      ("seed", po::value(&o.seed)->default_value(d.seed), "seed of initialisation, batch order and augmentation")
      ("no-augment", "switch off pad-4 random crop and horizontal flip");
  // clang-format on
  if (quick)
    desc.add_options()("paper", ("the paper's scale: --width " + format_number(kPaper.width) + " --train-size " +
                                 std::to_string(kPaper.train_size) + " (all) --full-epochs " +
                                 format_number(kPaper.full_epochs) + " (hours on a CPU); options given still win")
                                    .c_str());
  return desc;
}

po::options_description device_options(trainer::TrainOptions& o) {
  const trainer::TrainOptions d;
  po::options_description desc("Device");
  // clang-format off
  desc.add_options()
      ("device", po::value(&o.device)->default_value(d.device)->notifier(require_device), "cpu|cuda|auto")
      ("threads", po::value(&o.threads)->default_value(d.threads)->notifier(at_least("threads", 0)), "CPU threads (0: every core this process may use)")
      ("no-bf16", "GPU: train in fp32 instead of bf16 autocast")
      ("no-channels-last", "keep activations in NCHW instead of channels_last")
      ("no-cuda-graphs", "GPU: run each step eagerly instead of replaying a captured CUDA graph")
      ("no-cudnn-benchmark", "GPU: do not autotune cuDNN algorithms");
  // clang-format on
  return desc;
}

void check_recipe(const trainer::TrainOptions& o) {
  check_budgets("budget", {o.budget}, o.full_epochs);
  checked_schedules("schedule", {o.schedule});
}

void check_budgets(const char* option, const std::vector<std::string>& budgets, double full_epochs) {
  for (const auto& b : budgets)
    if (usage_checked(option, [&] { return trainer::Budget::parse(b, full_epochs).epochs; }) >
        full_epochs * (1 + 1e-12))
      throw UsageError(detail::concat("--", option, ": budget '", b, "' is longer than the full budget of ",
                                      full_epochs, " epochs (--full-epochs)"));
}

std::vector<std::string> checked_schedules(const char* option, const std::vector<std::string>& specs) {
  std::vector<std::string> names;
  for (const auto& s : trainer::schedule_registry()) names.push_back(s.name);
  std::vector<std::string> out;
  for (const auto& spec : specs) {
    const std::string family = spec.substr(0, spec.find(':'));
    try {
      out.push_back(trainer::Schedule::parse(spec).spec());
    } catch (const Error& e) {
      throw UsageError(detail::concat("--", option, ": ", e.what(), did_you_mean(family, names)));
    }
  }
  return out;
}

void apply_switches(const po::variables_map& vm, trainer::TrainOptions& o) {
  if (vm.count("paper")) {
    if (vm["width"].defaulted()) o.width = kPaper.width;
    if (vm["train-size"].defaulted()) o.train_size = kPaper.train_size;
    if (vm["full-epochs"].defaulted()) o.full_epochs = kPaper.full_epochs;
  }
  if (vm.count("no-augment")) o.augment = false;
  if (vm.count("no-bf16")) o.bf16 = false;
  if (vm.count("no-channels-last")) o.channels_last = false;
  if (vm.count("no-cuda-graphs")) o.cuda_graphs = false;
  if (vm.count("no-cudnn-benchmark")) o.cudnn_benchmark = false;
}

}  // namespace nasrank::cli
