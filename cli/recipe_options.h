// Options shared by every command that trains (train, bench, sweep plan, study): the dataset and
// the paper's recipe, declared once so that their names, defaults and help never drift apart.
#pragma once

#include "command.h"
#include "nasrank/trainer/data/dataset.h"
#include "nasrank/trainer/train.h"

namespace nasrank::cli {

/// --dataset, --root, --val-size, --split-seed.
po::options_description dataset_options(data::DatasetOptions& opt);
/// --schedule, --budget, --full-epochs, --lr, --momentum, --weight-decay, --batch, --width,
/// --train-size, --seed, --no-augment.
po::options_description recipe_options(trainer::TrainOptions& opt);
/// --device, --threads and the GPU switches (--no-bf16, --no-channels-last, --no-cuda-graphs,
/// --no-cudnn-benchmark).
po::options_description device_options(trainer::TrainOptions& opt);
/// Reads the --no-* switches back into `opt` after parsing.
void apply_switches(const po::variables_map& vm, trainer::TrainOptions& opt);

}  // namespace nasrank::cli
