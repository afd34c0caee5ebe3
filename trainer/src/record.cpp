#include "nasrank/trainer/record.h"

#include <cmath>

#include "nasrank/core/error.h"

namespace nasrank::trainer {
namespace {

using json = nlohmann::json;

// Every field of a record, once: its JSON key is its name; a required one must be there when read.
// clang-format off
#define NASRANK_EPOCH_FIELDS(F)                                                                                   \
  F(epoch, true) F(step, true) F(train_loss, true) F(train_acc, true) F(val_loss, true) F(val_acc, true) F(lr, true) \
  F(images_per_second, true) F(wall_seconds, true) F(grad_norm, false)
#define NASRANK_RUN_FIELDS(F)                                                                                       \
  F(format, true) F(version, false) F(arch, true) F(dataset, true) F(synthetic_data, false) F(schedule, true)        \
  F(budget, true) F(budget_epochs, true) F(full_epochs, true) F(seed, true) F(device, true) F(engine, true)         \
  F(recipe, false) F(params, true) F(macs, true) F(train_images, true) F(steps_per_epoch, true) F(steps, true)      \
  F(status, true) F(steps_done, true) F(best_val_acc, true) F(best_step, true) F(best_progress, true)               \
  F(final_val_acc, true) F(test_acc, false) F(seconds, true) F(setup_seconds, false) F(images_per_second, true)    \
  F(epochs, true) F(loss_block_steps, false) F(loss_block_sums, false)
// clang-format on

EpochRecord epoch_from_json(const json& j);

// How each type of field is written...
template <typename T>
void put(json& j, const char* key, const T& value) {
  j[key] = value;  // a NaN is written as null
}
void put(json& j, const char* key, const std::optional<double>& value) {
  j[key] = value ? json(*value) : json(nullptr);
}
void put(json& j, const char* key, const std::vector<double>& values) {
  json list = json::array();
  for (double v : values) list.push_back(std::isfinite(v) ? json(v) : json(nullptr));  // a diverged block
  j[key] = list;
}
void put(json& j, const char* key, const std::vector<EpochRecord>& epochs) {
  json list = json::array();
  for (const auto& e : epochs) list.push_back(to_json(e));
  j[key] = list;
}

// ... and read back: an absent optional field keeps the struct's default.
template <typename T>
void get(const json& j, const char* key, T& value) {
  j.at(key).get_to(value);
}
void get(const json& j, const char* key, double& value) {
  value = j.at(key).is_null() ? std::nan("") : j.at(key).get<double>();  // NaN was written as null
}
void get(const json& j, const char* key, std::optional<double>& value) {
  if (!j.at(key).is_null()) value = j.at(key).get<double>();
}
void get(const json& j, const char* key, std::vector<double>& values) {
  for (const auto& v : j.at(key)) values.push_back(v.is_null() ? std::nan("") : v.get<double>());
}
void get(const json& j, const char* key, std::vector<EpochRecord>& epochs) {
  for (const auto& e : j.at(key)) epochs.push_back(epoch_from_json(e));
}
template <typename T>
void get_field(const json& j, const char* key, bool required, T& value) {
  if (required || j.contains(key)) get(j, key, value);
}

EpochRecord epoch_from_json(const json& j) {
  EpochRecord e;
#define NASRANK_GET(name, required) get_field(j, #name, required, e.name);
  NASRANK_EPOCH_FIELDS(NASRANK_GET)
#undef NASRANK_GET
  return e;
}

}  // namespace

json to_json(const EpochRecord& e) {
  json j = json::object();
#define NASRANK_PUT(name, required) put(j, #name, e.name);
  NASRANK_EPOCH_FIELDS(NASRANK_PUT)
#undef NASRANK_PUT
  return j;
}

json to_json(const RunRecord& r) {
  json j = json::object();
#define NASRANK_PUT(name, required) put(j, #name, r.name);
  NASRANK_RUN_FIELDS(NASRANK_PUT)
#undef NASRANK_PUT
  // A record without a training-loss curve (read from before the curves) is written as it was.
  if (r.loss_block_steps == 0 && r.loss_block_sums.empty()) {
    j.erase("loss_block_steps");
    j.erase("loss_block_sums");
  }
  return j;
}

RunRecord run_record_from_json(const json& j) {
  try {
    NASRANK_CHECK(j.value("format", "") == "nasrank-run", "not a nasrank run record (format field missing)");
    RunRecord r;
    r.recipe = json::object();
#define NASRANK_GET(name, required) get_field(j, #name, required, r.name);
    NASRANK_RUN_FIELDS(NASRANK_GET)
#undef NASRANK_GET
    return r;
  } catch (const json::exception& e) {
    throw Error(std::string("malformed run record: ") + e.what());
  }
}

}  // namespace nasrank::trainer
