// The GPU path: skipped with a message where LibTorch sees no GPU. Run on a GPU machine as
// described in docs/gpu.md (ctest -R _CUDA).
#include <gtest/gtest.h>

#include "nasrank/nas/spec.h"
#include "nasrank/trainer/train.h"

namespace nasrank::trainer {
namespace {

#define SKIP_WITHOUT_GPU() \
  if (!cuda_available()) GTEST_SKIP() << "no CUDA GPU visible: the *_CUDA tests run on a GPU machine (docs/gpu.md)"

data::Dataset gpu_data() {
  data::DatasetOptions o;
  o.name = "synthetic";
  o.synthetic_train = 4096 + 1000;
  o.synthetic_test = 500;
  o.synthetic_size = 28;
  o.val_size = 1000;
  return data::load_dataset(o);
}

TEST(Train_CUDA, GraphEngineIsCapturedCheckedAndLearns) {
  SKIP_WITHOUT_GPU();
  const auto data = gpu_data();
  TrainOptions o;
  o.device = "cuda";
  o.budget = "3ep";
  o.full_epochs = 30;
  const RunRecord r = train(nas::resnet18_spec(1, 28, 10), data, o);
  EXPECT_EQ(r.engine, "graph") << "the captured step failed its check against eager (see the log)";
  EXPECT_EQ(r.status, "ok");
  EXPECT_GT(r.best_val_acc, 0.6);
}

TEST(Train_CUDA, ScheduleStillChangesEveryStepUnderGraphReplay) {
  SKIP_WITHOUT_GPU();
  const auto data = gpu_data();
  TrainOptions o;
  o.device = "cuda";
  o.budget = "1ep";
  o.full_epochs = 10;
  std::vector<double> lrs;
  const RunRecord r =
      train(nas::resnet18_spec(1, 28, 10), data, o, {}, [&](std::int64_t, double lr) { lrs.push_back(lr); });
  ASSERT_EQ(static_cast<std::int64_t>(lrs.size()), r.steps);
  for (std::size_t t = 1; t < lrs.size(); ++t) EXPECT_LT(lrs[t], lrs[t - 1]);
  // A run with the lr of the last steps near zero must end close to where eager ends: compare engines.
  o.cuda_graphs = false;
  const RunRecord e = train(nas::resnet18_spec(1, 28, 10), data, o);
  EXPECT_EQ(e.engine, "eager");
  EXPECT_NEAR(r.final_val_acc, e.final_val_acc, 0.1);
}

TEST(Train_CUDA, EagerFallbackWithoutGraphsRecordsEager) {
  SKIP_WITHOUT_GPU();
  const auto data = gpu_data();
  TrainOptions o;
  o.device = "cuda";
  o.budget = "0.5ep";
  o.full_epochs = 10;
  o.cuda_graphs = false;
  o.bf16 = false;
  EXPECT_EQ(train(nas::resnet18_spec(1, 28, 10), data, o).engine, "eager");
}

TEST(Train_CUDA, DivergenceIsDetectedOnTheGpu) {
  SKIP_WITHOUT_GPU();
  const auto data = gpu_data();
  TrainOptions o;
  o.device = "cuda";
  o.budget = "2ep";
  o.full_epochs = 10;
  o.lr = 1e8;
  const RunRecord r = train(nas::resnet18_spec(1, 28, 10), data, o);
  EXPECT_EQ(r.status, "diverged");
}

}  // namespace
}  // namespace nasrank::trainer
