// `nasrank describe`: what a pool (or a single spec, or the base) holds.
#include "commands.h"
#include "nasrank/core/error.h"
#include "nasrank/core/text_table.h"
#include "nasrank/generator/pool.h"
#include "nasrank/nas/json_text.h"
#include "nasrank/nas/spec.h"

namespace nasrank::cli {

int run_describe(const Args& args) {
  std::string file, base, format = "table";
  std::int64_t in_channels = 3, image_size = 32, classes = 10;
  po::options_description desc("describe options");
  // clang-format off
  desc.add_options()
      ("file", po::value(&file), "pool file, or one spec file (also the first positional argument)")
      ("base", po::value(&base), "describe the base alone instead of a file (resnet18)")
      ("in-channels", po::value(&in_channels)->default_value(in_channels), "with --base: input channels")
      ("image-size", po::value(&image_size)->default_value(image_size), "with --base: input height and width")
      ("classes", po::value(&classes)->default_value(classes), "with --base: classes")
      ("format", po::value(&format)->default_value(format), "table|json");
  // clang-format on
  po::positional_options_description pos;
  pos.add("file", 1);
  // clang-format off
  const CommandHelp help{
      "nasrank describe FILE [--format table|json] | nasrank describe --base resnet18 [options]",
      "Lists the architectures of a pool written by 'nasrank generate' (or of one spec file): id, number\n"
      "of mutations, depth (weight layers on the main path: stem, block convolutions, classifier),\n"
      "parameters, MACs (multiply-accumulates of one forward pass of one image) and the mutation log.\n"
      "Counts are recomputed from the specs. JSON output is one object: the pool's metadata and an\n"
      "`architectures` array whose items carry id, hash, params, macs, depth, mutations (the log) and\n"
      "mutation_count.",
      "  nasrank describe pool.json\n"
      "  nasrank describe pool.json --format json\n"
      "  nasrank describe --base resnet18 --in-channels 3 --image-size 32 --classes 10 --format json"};
  // clang-format on
  po::variables_map vm;
  if (!parse_args(args, help, desc, vm, &pos)) return 0;
  require_choice("format", format, {"table", "json"});
  if (file.empty() == base.empty())
    throw UsageError("give a pool FILE or --base NAME, one of them (see 'nasrank describe --help')");
  if (!file.empty())
    for (const char* o : {"in-channels", "image-size", "classes"})
      if (!vm[o].defaulted())
        throw UsageError(std::string("--") + o + " goes with --base; a FILE carries its own shape");
  const auto from_base = [&] {
    usage_checked("base", [&] { return nas::base_spec(base, 1, 32, 10); });  // the name alone
    return generator::base_pool(base, in_channels, image_size, classes);
  };
  const generator::Pool pool = file.empty() ? options_checked(from_base) : generator::load_pool(file);

  if (format == "json") {
    nlohmann::ordered_json j = generator::pool_document(pool);
    for (auto& a : j["architectures"]) {
      a.erase("spec");
      a["mutation_count"] = a["mutations"].size();
    }
    emit(nas::readable_json(j), std::nullopt);
    return 0;
  }
  TextTable t({"id", "mutations", "depth", "params", "MACs", "log"});
  for (const auto& a : pool.archs) {
    std::string log;
    for (const auto& m : a.mutations) log += (log.empty() ? "" : "; ") + m;
    t.add_row({a.id, std::to_string(a.mutations.size()), std::to_string(nas::depth(a.spec)), std::to_string(a.params),
               std::to_string(a.macs), log});
  }
  emit(t.render(), std::nullopt);
  return 0;
}

}  // namespace nasrank::cli
