// Each field of the training recipe declared once: its JSON key and where it belongs. The run
// record's "recipe", a study's stored settings and plan hash (study/src/plan.cpp) and the command
// that remakes a plan (study/src/commands.cpp) all walk this one list, so a new field is one line
// here, its member in TrainOptions and, if users set it, its option and help in
// cli/recipe_options.cpp (a test checks that every study field has one).
#pragma once

#include <string>
#include <type_traits>

#include "nasrank/trainer/train.h"

namespace nasrank::trainer {

/// Whose value a recipe field is.
enum class RecipeScope {
  job,     ///< each job's own (schedule, budget, seed): in its record, not in the study's settings
  worker,  ///< the machine's (device, threads, the GPU switches): in the record only
  study,   ///< shared by every job of a study: in its stored settings and plan hash
};

struct RecipeField {
  const char* key;  ///< JSON key; the command-line option is this key with '-' for '_'
  RecipeScope scope;
  /// The study's scale (--full-epochs, --width, --train-size): a plan's command says it even at
  /// its default, so that the command reads on its own.
  bool always_said = false;
  /// Study settings hold it only when not its default, so that plans made before it existed keep
  /// their settings and hash (reading its absence as the default).
  bool optional = false;
  /// Set by the program, not by an option (no --eval-batch, no --untrainable-factor).
  bool internal = false;
};

/// Calls visit(field, o.member...) for each recipe field, the same member of every `o` (each a
/// TrainOptions, const or not: one to read or fill, two to compare with the defaults).
template <typename Visit, typename... Options>
void for_each_recipe_field(Visit&& visit, Options&... o) {
  using S = RecipeScope;
  visit(RecipeField{"schedule", S::job}, o.schedule...);
  visit(RecipeField{"budget", S::job}, o.budget...);
  visit(RecipeField{"seed", S::job}, o.seed...);
  visit(RecipeField{"full_epochs", S::study, true}, o.full_epochs...);
  visit(RecipeField{"width", S::study, true}, o.width...);
  visit(RecipeField{"train_size", S::study, true}, o.train_size...);
  visit(RecipeField{"lr", S::study}, o.lr...);
  visit(RecipeField{"momentum", S::study}, o.momentum...);
  visit(RecipeField{"weight_decay", S::study}, o.weight_decay...);
  visit(RecipeField{"batch", S::study}, o.batch...);
  visit(RecipeField{"augment", S::study}, o.augment...);
  visit(RecipeField{"grad_norm", S::study}, o.grad_norm...);
  visit(RecipeField{"evals_per_run", S::study, false, true}, o.evals_per_run...);
  visit(RecipeField{"test", S::study}, o.test...);
  visit(RecipeField{"eval_batch", S::study, false, false, true}, o.eval_batch...);
  visit(RecipeField{"untrainable_factor", S::study, false, false, true}, o.untrainable_factor...);
  visit(RecipeField{"device", S::worker}, o.device...);
  visit(RecipeField{"threads", S::worker}, o.threads...);
  visit(RecipeField{"bf16", S::worker}, o.bf16...);
  visit(RecipeField{"channels_last", S::worker}, o.channels_last...);
  visit(RecipeField{"cuda_graphs", S::worker}, o.cuda_graphs...);
  visit(RecipeField{"cudnn_benchmark", S::worker}, o.cudnn_benchmark...);
}

/// The command-line option of `field` ("weight_decay": "--weight-decay"); a switch is named for
/// the way it moves away from `default_value` ("--grad-norm", "--no-augment").
template <typename T>
std::string recipe_option(const RecipeField& field, const T& default_value) {
  std::string name = field.key;
  for (char& c : name)
    if (c == '_') c = '-';
  if constexpr (std::is_same_v<T, bool>)
    if (default_value) name = "no-" + name;
  return "--" + name;
}

}  // namespace nasrank::trainer
