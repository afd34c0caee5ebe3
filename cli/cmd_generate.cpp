// `nasrank generate`: a seeded pool of random ResNet-18 mutations, written as one JSON file.
#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>

#include "commands.h"
#include "nasrank/core/error.h"
#include "nasrank/core/log.h"
#include "nasrank/generator/pool.h"
#include "nasrank/nas/spec.h"
#include "nasrank/trainer/data/dataset.h"

namespace nasrank::cli {
namespace {

std::uint64_t parse_seed(const std::string& text) {
  const bool digits = !text.empty() && text.size() <= 20 && text.find_first_not_of("0123456789") == std::string::npos;
  unsigned long long v = 0;
  if (digits) {
    errno = 0;
    v = std::strtoull(text.c_str(), nullptr, 10);
  }
  if (!digits || errno == ERANGE) throw UsageError("--seed '" + text + "' must be an integer 0..18446744073709551615");
  return v;
}

}  // namespace

int run_generate(const Args& args) {
  generator::PoolOptions o;
  data::DatasetOptions dataset;
  std::string mutations = std::to_string(o.min_mutations) + ".." + std::to_string(o.max_mutations);
  std::string seed = std::to_string(o.seed);
  std::string out;
  std::string factors, operators;
  for (double f : generator::filter_factors()) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%g", f);
    factors += (factors.empty() ? "" : ", ") + std::string(buf);
  }
  for (const auto& op : generator::mutation_operators())
    operators +=
        "    " + op.name + std::string(std::max<std::size_t>(1, 20 - op.name.size()), ' ') + "(" + op.kind + ")\n";
  po::options_description desc("generate options");
  // clang-format off
  desc.add_options()
      ("count", po::value(&o.count)->default_value(o.count), "architectures in the pool (the paper: 100)")
      ("seed", po::value(&seed)->default_value(seed), "seed: same options and seed, same file, byte for byte")
      ("out", po::value(&out)->required(), "pool file to write (JSON)")
      ("base", po::value(&o.base)->default_value(o.base), "base architecture (resnet18)")
      ("dataset", po::value(&dataset.name)->default_value(dataset.name),
       "the data the pool is for: sets --in-channels, --image-size and --classes (the default is every command's)")
      ("in-channels", po::value(&o.in_channels), "input channels (default: the dataset's; 3 for CIFAR-10)")
      ("image-size", po::value(&o.image_size), "input height and width (default: the dataset's; 32 for CIFAR-10)")
      ("classes", po::value(&o.classes), "classes (default: the dataset's)")
      ("mutations", po::value(&mutations)->default_value(mutations), "mutations per architecture, MIN..MAX")
      ("max-params", po::value(&o.max_params)->default_value(o.max_params), "most parameters a member may have (0: no limit)")
      ("max-macs", po::value(&o.max_macs)->default_value(o.max_macs), "most MACs per image a member may have (0: no limit)")
      ("spread", po::value(&o.spread)->default_value(o.spread),
       "none|params|macs: none keeps the first COUNT members drawn (the paper); params or macs draws 32 x COUNT "
       "and keeps members spread evenly over log(parameters) or log(MACs), so a small pool spans small to large");
  // clang-format on
  // clang-format off
  const CommandHelp help{
      "nasrank generate --out FILE [--count N] [--seed S] [--dataset NAME] [options]",
      "Writes a pool of random architectures, each the base (ResNet-18, CIFAR variant) plus MIN..MAX random\n"
      "mutations, as in Appendix A of the Budgeted Training paper (\"adding skip connection, removing layer,\n"
      "changing filter numbers\"). Each mutation draws one of those three kinds with equal odds, then one of\n"
      "its operators that applies:\n" + operators +
      "change_filters multiplies one block's channels by a factor from {" + factors + "}. Shapes are repaired\n"
      "after every mutation (identity shortcuts that no longer fit become 1x1 projections). Members are\n"
      "distinct by canonical hash and differ from the base; the file holds the seed and options, and each\n"
      "member's id, spec, mutation log, parameters, MACs and depth. See docs/architectures.md.\n"
      "Random mutations mostly land near the base's size, where networks trained briefly tie; --spread\n"
      "params picks a pool whose sizes span the range the mutations reach (the quick study uses it).",
      "  nasrank generate --count 100 --seed 0 --out pool.json                  # for Fashion-MNIST, 1x28x28\n"
      "  nasrank generate --count 100 --seed 0 --dataset cifar10 --out cifar-pool.json   # the paper's, 3x32x32\n"
      "  nasrank generate --count 50 --max-params 5000000 --mutations 2..4 --out small.json\n"
      "  nasrank generate --count 8 --mutations 2..16 --spread params --max-params 11172810 --out spread.json"};
  // clang-format on
  po::variables_map vm;
  if (!parse_args(args, help, desc, vm)) return 0;
  parse_range("mutations", mutations, o.min_mutations, o.max_mutations);
  require_choice("dataset", dataset.name, data::dataset_names());
  const data::DatasetShape shape = data::dataset_shape(dataset);
  if (!vm.count("in-channels")) o.in_channels = shape.channels;
  if (!vm.count("image-size")) o.image_size = shape.image_size;
  if (!vm.count("classes")) o.classes = shape.classes;
  require_choice("spread", o.spread, generator::spread_names());
  o.seed = parse_seed(seed);
  usage_checked("base", [&] { return nas::base_spec(o.base, 1, 32, 10); });  // the name alone
  const generator::Pool pool = options_checked([&] { return generator::generate_pool(o); });
  emit(generator::pool_text(pool), out);
  std::int64_t min_params = INT64_MAX, max_params = 0, min_macs = INT64_MAX, max_macs = 0;
  for (const auto& a : pool.archs) {
    min_params = std::min(min_params, a.params);
    max_params = std::max(max_params, a.params);
    min_macs = std::min(min_macs, a.macs);
    max_macs = std::max(max_macs, a.macs);
  }
  LOG_INFO("pool of ", pool.archs.size(), " architectures (seed ", o.seed,
           o.spread == "none" ? "" : ", spread over " + o.spread, "): ", min_params, "..", max_params, " parameters, ",
           min_macs, "..", max_macs, " MACs");
  return 0;
}

}  // namespace nasrank::cli
