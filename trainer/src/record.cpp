#include "nasrank/trainer/record.h"

#include <cmath>

#include "nasrank/core/error.h"

namespace nasrank::trainer {

nlohmann::json to_json(const EpochRecord& e) {
  nlohmann::json j = {{"epoch", e.epoch},           {"step", e.step},         {"train_loss", e.train_loss},
                      {"train_acc", e.train_acc},   {"val_loss", e.val_loss}, {"val_acc", e.val_acc},
                      {"lr", e.lr},                 {"images_per_second", e.images_per_second},
                      {"wall_seconds", e.wall_seconds}};
  j["grad_norm"] = e.grad_norm ? nlohmann::json(*e.grad_norm) : nlohmann::json(nullptr);
  return j;
}

nlohmann::json to_json(const RunRecord& r) {
  nlohmann::json epochs = nlohmann::json::array();
  for (const auto& e : r.epochs) epochs.push_back(to_json(e));
  return {{"format", r.format},
          {"version", r.version},
          {"arch", r.arch},
          {"dataset", r.dataset},
          {"synthetic_data", r.synthetic_data},
          {"schedule", r.schedule},
          {"budget", r.budget},
          {"budget_epochs", r.budget_epochs},
          {"full_epochs", r.full_epochs},
          {"seed", r.seed},
          {"device", r.device},
          {"engine", r.engine},
          {"recipe", r.recipe},
          {"params", r.params},
          {"macs", r.macs},
          {"train_images", r.train_images},
          {"steps_per_epoch", r.steps_per_epoch},
          {"steps", r.steps},
          {"status", r.status},
          {"steps_done", r.steps_done},
          {"best_val_acc", r.best_val_acc},
          {"best_step", r.best_step},
          {"best_progress", r.best_progress},
          {"final_val_acc", r.final_val_acc},
          {"test_acc", r.test_acc ? nlohmann::json(*r.test_acc) : nlohmann::json(nullptr)},
          {"seconds", r.seconds},
          {"setup_seconds", r.setup_seconds},
          {"images_per_second", r.images_per_second},
          {"epochs", epochs}};
}

RunRecord run_record_from_json(const nlohmann::json& j) {
  try {
    NASRANK_CHECK(j.value("format", "") == "nasrank-run", "not a nasrank run record (format field missing)");
    RunRecord r;
    r.arch = j.at("arch");
    r.dataset = j.at("dataset");
    r.synthetic_data = j.value("synthetic_data", false);
    r.schedule = j.at("schedule");
    r.budget = j.at("budget");
    r.budget_epochs = j.at("budget_epochs");
    r.full_epochs = j.at("full_epochs");
    r.seed = j.at("seed");
    r.device = j.at("device");
    r.engine = j.at("engine");
    r.recipe = j.value("recipe", nlohmann::json::object());
    r.params = j.at("params");
    r.macs = j.at("macs");
    r.train_images = j.at("train_images");
    r.steps_per_epoch = j.at("steps_per_epoch");
    r.steps = j.at("steps");
    r.status = j.at("status");
    r.steps_done = j.at("steps_done");
    r.best_val_acc = j.at("best_val_acc");
    r.best_step = j.at("best_step");
    r.best_progress = j.at("best_progress");
    r.final_val_acc = j.at("final_val_acc");
    if (j.contains("test_acc") && !j["test_acc"].is_null()) r.test_acc = j["test_acc"].get<double>();
    r.seconds = j.at("seconds");
    r.setup_seconds = j.value("setup_seconds", 0.0);
    r.images_per_second = j.at("images_per_second");
    for (const auto& e : j.at("epochs")) {
      EpochRecord x;
      x.epoch = e.at("epoch");
      x.step = e.at("step");
      x.train_loss = e.at("train_loss").is_null() ? NAN : e.at("train_loss").get<double>();
      x.train_acc = e.at("train_acc");
      x.val_loss = e.at("val_loss").is_null() ? NAN : e.at("val_loss").get<double>();
      x.val_acc = e.at("val_acc");
      x.lr = e.at("lr");
      x.images_per_second = e.at("images_per_second");
      x.wall_seconds = e.at("wall_seconds");
      if (e.contains("grad_norm") && !e["grad_norm"].is_null()) x.grad_norm = e["grad_norm"].get<double>();
      r.epochs.push_back(x);
    }
    return r;
  } catch (const nlohmann::json::exception& e) {
    throw Error(std::string("malformed run record: ") + e.what());
  }
}

}  // namespace nasrank::trainer
