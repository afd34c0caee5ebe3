// Helpers of the store and study tests: scratch directories, a tiny pool, hand-made run records, and raw
// SQLite queries that check the store without going through the Store class.
#pragma once

#include <sqlite3.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "nasrank/study/plan.h"
#include "nasrank/trainer/record.h"
#include "scratch_dir.h"

namespace sweep_test {

namespace fs = std::filesystem;

/// A fresh directory under the test temp dir, removed at the end of the test.
using ScratchDir = nasrank::test_support::ScratchDir;

/// A pool file's text with `n` architectures a0..a{n-1}; the specs are opaque to the store.
inline std::string pool_text(int n) {
  nlohmann::json archs = nlohmann::json::array();
  for (int i = 0; i < n; ++i) {
    std::string id = "a";
    id += std::to_string(i);
    archs.push_back({{"id", id}, {"spec", {{"blocks", i}}}});
  }
  return nlohmann::json{{"format", "nasrank-pool"}, {"architectures", archs}}.dump(2);
}

/// Settings of a small study: 2 schedules x 2 budgets x `seeds` seeds over a 10-epoch budget.
inline nasrank::study::StudySettings small_settings(int seeds = 2) {
  nasrank::study::StudySettings s;
  s.dataset.name = "synthetic";
  s.recipe.full_epochs = 10;
  s.schedules = {"const", "cosine"};
  s.budgets = {"1ep", "2ep"};
  s.seeds = seeds;
  // References share the proxies' seeds, as in plans made before disjoint seeds (the store tests
  // count jobs by seed); the default layout has its own tests.
  s.reference_seed_start = 0;
  return nasrank::study::normalized(s);
}

/// A run record with made-up numbers: the store must keep whatever it is given.
inline nasrank::trainer::RunRecord fake_record(const std::string& arch, double best, int epochs = 2) {
  nasrank::trainer::RunRecord r;
  r.arch = arch;
  r.dataset = "synthetic";
  r.schedule = "const";
  r.budget = "2ep";
  r.budget_epochs = 2;
  r.full_epochs = 10;
  r.seed = 1;
  r.device = "cpu x1 threads";
  r.engine = "eager";
  r.recipe = {{"batch", 32}};
  r.params = 1234;
  r.macs = 56789;
  r.train_images = 320;
  r.steps_per_epoch = 10;
  r.steps = 10 * epochs;
  r.status = "ok";
  r.steps_done = r.steps;
  r.best_val_acc = best;
  r.best_step = 10;
  r.best_progress = 0.5;
  r.final_val_acc = best - 0.01;
  r.seconds = 3.5;
  r.setup_seconds = 0.25;
  r.images_per_second = 640;
  for (int e = 1; e <= epochs; ++e) {
    nasrank::trainer::EpochRecord er;
    er.epoch = e;
    er.step = 10 * e;
    er.train_loss = 2.0 / e;
    er.train_acc = 0.1 * e;
    er.val_loss = 2.1 / e;
    er.val_acc = best - 0.01 * (epochs - e);
    er.lr = 0.1;
    er.images_per_second = 600 + e;
    er.wall_seconds = 1.5 * e;
    r.epochs.push_back(er);
  }
  return r;
}

/// Runs `sql` on `path` with a plain connection and returns the rows, fields joined by '|'.
inline std::vector<std::string> sql_rows(const fs::path& path, const std::string& sql) {
  sqlite3* db = nullptr;
  std::vector<std::string> rows;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << "cannot open " << path;
    sqlite3_close(db);
    return rows;
  }
  sqlite3_busy_timeout(db, 10000);
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << sqlite3_errmsg(db) << " in " << sql;
    sqlite3_close(db);
    return rows;
  }
  while (sqlite3_step(st) == SQLITE_ROW) {
    std::string row;
    for (int c = 0; c < sqlite3_column_count(st); ++c) {
      const auto* t = reinterpret_cast<const char*>(sqlite3_column_text(st, c));
      if (c) row += '|';
      row += t ? t : "NULL";
    }
    rows.push_back(row);
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return rows;
}

inline std::string sql_one(const fs::path& path, const std::string& sql) {
  const auto rows = sql_rows(path, sql);
  return rows.empty() ? std::string("<no row>") : rows.front();
}

/// Executes `sql` with a plain read-write connection.
inline void sql_exec(const fs::path& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr), SQLITE_OK);
  char* err = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  EXPECT_EQ(rc, SQLITE_OK) << (err ? err : "") << " in " << sql;
  sqlite3_free(err);
  sqlite3_close(db);
}

inline std::string file_bytes(const fs::path& path) {
  std::ifstream f(path, std::ios::binary);
  std::ostringstream os;
  os << f.rdbuf();
  return os.str();
}

inline void write_bytes(const fs::path& path, const std::string& bytes) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f << bytes;
}

}  // namespace sweep_test
