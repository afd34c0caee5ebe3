// Where a command's architecture comes from: a pool file and an id, or the unmodified base.
#pragma once

#include <string>

#include "command.h"
#include "nasrank/nas/spec.h"
#include "nasrank/trainer/data/dataset.h"

namespace nasrank::cli {

struct ArchSource {
  std::string pool;  ///< pool.json, or empty for the base
  std::string arch;  ///< id within the pool
  std::string base = "resnet18";
};

struct ResolvedArch {
  std::string id;
  nas::Spec spec;
};

/// --pool, --arch, --base.
po::options_description arch_options(ArchSource& source);
/// The spec to train; the base is shaped for the dataset (channels, image size, classes).
ResolvedArch resolve_arch(const ArchSource& source, const data::Dataset& dataset);

}  // namespace nasrank::cli
