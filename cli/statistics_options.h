// The statistics options of `rank`, `report` and `study`, declared once.
#pragma once

#include "command.h"
#include "nasrank/ranking/study.h"

namespace nasrank::cli {

/// --tau, --bootstrap, --confidence, --bootstrap-seed, --significance, --advice-difference, --top-k,
/// and the learning-curve predictors' --vote, --tse-last, --ema-window.
po::options_description statistics_options(ranking::StudyOptions& options);

}  // namespace nasrank::cli
