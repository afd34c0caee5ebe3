// Options shared by every command that trains (train, bench, sweep plan, study): the dataset and
// the paper's recipe, declared once so that their names, defaults and help never drift apart.
#pragma once

#include "command.h"
#include "nasrank/trainer/data/dataset.h"
#include "nasrank/trainer/train.h"

namespace nasrank::cli {

/// --dataset, --root, --val-size, --split-seed.
po::options_description dataset_options(data::DatasetOptions& opt);
/// The recipe `train` and `search` start from: the paper's (Sec. 4.1) at a scale that gives a first
/// result in minutes on a CPU (width 1/8, the first 8192 training images, a full budget of 20
/// epochs); `--paper` gives the paper's scale back.
trainer::TrainOptions quick_recipe();
/// --schedule, --budget, --full-epochs, --lr, --momentum, --weight-decay, --batch, --width,
/// --train-size, --seed, --no-augment; with `quick`, quick_recipe()'s defaults and --paper.
po::options_description recipe_options(trainer::TrainOptions& opt, bool quick = false);
/// --device, --threads and the GPU switches (--no-bf16, --no-channels-last, --no-cuda-graphs,
/// --no-cudnn-benchmark).
po::options_description device_options(trainer::TrainOptions& opt);
/// Checks --budget and --schedule as the command line gave them (a usage error, exit 2, before any
/// work starts): the budget parses and fits in --full-epochs, the schedule spec parses.
void check_recipe(const trainer::TrainOptions& opt);
/// The schedule specs of `--option` parsed (a usage error naming the option, with "did you mean"
/// for a misspelt name), in their canonical spelling.
std::vector<std::string> checked_schedules(const char* option, const std::vector<std::string>& specs);
/// Checks that each budget of `--option` parses and fits in `full_epochs` (a usage error otherwise).
void check_budgets(const char* option, const std::vector<std::string>& budgets, double full_epochs);
/// Reads the --no-* switches (and --paper) back into `opt` after parsing.
void apply_switches(const po::variables_map& vm, trainer::TrainOptions& opt);

}  // namespace nasrank::cli
