// The per-batch augmentation against a brute-force reading of "pad 4, random crop, random flip".
#include <gtest/gtest.h>

#include <set>
#include <tuple>

#include "engine.h"

namespace nasrank::trainer::detail {
namespace {

/// Brute force: which (dy, dx, flip) crops of the zero-padded image give `out`?
std::vector<std::tuple<int, int, bool>> matching_crops(const torch::Tensor& img, const torch::Tensor& out) {
  const int64_t c = img.size(0), h = img.size(1), w = img.size(2);
  std::vector<std::tuple<int, int, bool>> found;
  auto a = img.accessor<uint8_t, 3>();
  auto o = out.accessor<uint8_t, 3>();
  for (int dy = 0; dy <= 8; ++dy)
    for (int dx = 0; dx <= 8; ++dx)
      for (bool flip : {false, true}) {
        bool same = true;
        for (int64_t ch = 0; ch < c && same; ++ch)
          for (int64_t y = 0; y < h && same; ++y)
            for (int64_t x = 0; x < w && same; ++x) {
              const int64_t src_x = flip ? dx + (w - 1 - x) : dx + x;  // in padded coordinates
              const int64_t py = dy + y - 4, px = src_x - 4;
              const uint8_t expect = (py < 0 || py >= h || px < 0 || px >= w) ? 0 : a[ch][py][px];
              same = o[ch][y][x] == expect;
            }
        if (same) found.emplace_back(dy, dx, flip);
      }
  return found;
}

TEST(Augment, EveryImageIsOneCropAndFlipOfItsPaddedSelf) {
  auto gen = at::detail::createCPUGenerator(7);
  // Distinct pixel values (1..) so that a crop is identified without ambiguity.
  const torch::Tensor x = (torch::arange(2 * 3 * 6 * 5, torch::kLong) % 250 + 1).to(torch::kUInt8).view({2, 3, 6, 5});
  const torch::Tensor batch = x.repeat({20, 1, 1, 1});  // 40 images
  const torch::Tensor out = augment_batch(batch, gen);
  ASSERT_EQ(out.sizes(), batch.sizes());
  std::set<std::tuple<int, int, bool>> seen;
  for (int64_t i = 0; i < batch.size(0); ++i) {
    const auto crops = matching_crops(batch[i], out[i]);
    ASSERT_EQ(crops.size(), 1u) << "image " << i << " is not a unique crop/flip of its input";
    seen.insert(crops.front());
  }
  EXPECT_GT(seen.size(), 10u) << "crops and flips should vary from image to image";
  bool any_flip = false, any_plain = false;
  for (const auto& s : seen) (std::get<2>(s) ? any_flip : any_plain) = true;
  EXPECT_TRUE(any_flip && any_plain);
}

TEST(Augment, SameGeneratorSeedGivesTheSameBatch) {
  const torch::Tensor x = torch::randint(0, 255, {8, 1, 28, 28}, torch::kLong).to(torch::kUInt8);
  auto g1 = at::detail::createCPUGenerator(3), g2 = at::detail::createCPUGenerator(3);
  EXPECT_TRUE(torch::equal(augment_batch(x, g1), augment_batch(x, g2)));
}

}  // namespace
}  // namespace nasrank::trainer::detail
