#include "arch_source.h"

#include "nasrank/core/error.h"
#include "nasrank/generator/pool.h"

namespace nasrank::cli {

po::options_description arch_options(ArchSource& s) {
  po::options_description desc("Architecture");
  // clang-format off
  desc.add_options()
      ("pool", po::value(&s.pool), "pool file written by 'nasrank generate'")
      ("arch", po::value(&s.arch), "architecture id within the pool (e.g. a003)")
      ("base", po::value(&s.base)->default_value(s.base), "without --pool: the unmodified base (resnet18)");
  // clang-format on
  return desc;
}

ResolvedArch resolve_arch(const ArchSource& s, const data::Dataset& d) {
  if (s.pool.empty()) {
    NASRANK_CHECK(s.arch.empty(), "--arch needs --pool FILE");
    // The base is shaped for the data it trains on.
    return {s.base, nas::base_spec(s.base, d.train.channels, d.train.height, d.num_classes)};
  }
  NASRANK_CHECK(!s.arch.empty(), "--pool needs --arch ID (list the ids with 'nasrank describe ", s.pool, "')");
  const generator::Pool pool = generator::load_pool(s.pool);
  return {s.arch, pool.find(s.arch).spec};
}

}  // namespace nasrank::cli
