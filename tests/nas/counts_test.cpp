// Analytic counts against hand-worked numbers: the anchors for ResNet-18, the reference
// script's network at reduced width, and small changes worked out layer by layer.
#include <gtest/gtest.h>

#include "nasrank/core/error.h"
#include "nasrank/nas/counts.h"

namespace nasrank::nas {
namespace {

TEST(Counts, Resnet18CifarAnchors) {
  EXPECT_EQ(count_params(resnet18_spec(3, 32, 10)), 11173962);
  EXPECT_EQ(count_macs(resnet18_spec(3, 32, 10)), 555422720);
  EXPECT_EQ(count_params(resnet18_spec(1, 28, 10)), 11172810);
}

TEST(Counts, Resnet18MacsWorkedOutByStage) {
  // 3x3 convolution MACs = 9 * C_in * C_out * H_out * W_out; 1x1 projections = C_in * C_out * H * W.
  const std::int64_t stem = 9LL * 3 * 64 * 32 * 32;
  const std::int64_t stage1 = 4 * (9LL * 64 * 64 * 32 * 32);
  auto later_stage = [](std::int64_t in, std::int64_t out, std::int64_t size) {
    return 9 * in * out * size * size + 3 * (9 * out * out * size * size) + in * out * size * size;
  };
  const std::int64_t fc = 512 * 10;
  const std::int64_t total =
      stem + stage1 + later_stage(64, 128, 16) + later_stage(128, 256, 8) + later_stage(256, 512, 4) + fc;
  EXPECT_EQ(total, 555422720);
  EXPECT_EQ(count_macs(resnet18_spec(3, 32, 10)), total);
  // 28 -> 28, 14, 7, 4: the last stride-2 convolution rounds 7 up to 4.
  const std::int64_t total28 = 9LL * 1 * 64 * 28 * 28 + 4 * (9LL * 64 * 64 * 28 * 28) + later_stage(64, 128, 14) +
                               later_stage(128, 256, 7) + later_stage(256, 512, 4) + fc;
  EXPECT_EQ(count_macs(resnet18_spec(1, 28, 10)), total28);
  EXPECT_EQ(total28, 455800832);  // forward hooks on pytorch_baseline.ResNet18(1, 10)
}

TEST(Counts, ReferenceScriptAtReducedWidth) {
  // sum(p.numel()) and hook-counted MACs of shared/anchors/pytorch_baseline.py's ResNet18(in_ch,
  // 10, width), run once with PyTorch: the trainer's --width must give the same network.
  EXPECT_EQ(count_params(scale_width(resnet18_spec(3, 32, 10), 0.125)), 176402);
  EXPECT_EQ(count_macs(scale_width(resnet18_spec(3, 32, 10), 0.125)), 8872576);
  EXPECT_EQ(count_params(scale_width(resnet18_spec(1, 28, 10), 0.125)), 176258);
  EXPECT_EQ(count_params(scale_width(resnet18_spec(1, 28, 10), 0.3)), 1012060);
  EXPECT_EQ(count_macs(scale_width(resnet18_spec(1, 28, 10), 0.3)), 40801635);
  EXPECT_EQ(count_params(scale_width(resnet18_spec(1, 28, 10), 0.0390625)), 17517);
  EXPECT_EQ(count_macs(scale_width(resnet18_spec(1, 28, 10), 0.0390625)), 640708);
}

TEST(Counts, SkipEdgeWithoutProjectionIsFree) {
  Spec s = resnet18_spec(3, 32, 10);
  s.skips = {{0, 2}};  // 64 channels at 32x32 on both ends: a plain addition
  EXPECT_EQ(count_params(s), 11173962);
  EXPECT_EQ(count_macs(s), 555422720);
}

TEST(Counts, SkipEdgeAcrossAStageAddsAStridedProjection) {
  Spec s = resnet18_spec(3, 32, 10);
  s.skips = {{1, 4}};  // block 1 out: 64 x 32x32; block 4 in: 128 x 16x16 -> 1x1 conv stride 2 + BN
  EXPECT_EQ(count_params(s), 11173962 + 64 * 128 + 2 * 128);
  EXPECT_EQ(count_macs(s), 555422720 + 64 * 128 * 16 * 16);
  s.skips = {{0, 7}};  // 64 x 32x32 -> 512 x 4x4, stride 2*2*2 = 8
  EXPECT_EQ(count_params(s), 11173962 + 64 * 512 + 2 * 512);
  EXPECT_EQ(count_macs(s), 555422720 + 64 * 512 * 4 * 4);
}

TEST(Counts, RemovedLayersAreNotCounted) {
  const Spec base = resnet18_spec(3, 32, 10);
  Spec no_bn = base;
  no_bn.blocks[2].batch_norm = false;  // two BNs of 128 and the projection's BN of 128
  EXPECT_EQ(count_params(no_bn), 11173962 - 3 * 2 * 128);
  EXPECT_EQ(count_macs(no_bn), 555422720);

  Spec no_shortcut = base;
  no_shortcut.blocks[2].shortcut = Shortcut::none;  // the 64 -> 128 projection and its BN
  EXPECT_EQ(count_params(no_shortcut), 11173962 - 64 * 128 - 2 * 128);
  EXPECT_EQ(count_macs(no_shortcut), 555422720 - 64 * 128 * 16 * 16);

  Spec one_conv = base;
  one_conv.blocks[1].convs = {64};  // one 3x3 64 -> 64 convolution and its BN fewer
  EXPECT_EQ(count_params(one_conv), 11173962 - 9 * 64 * 64 - 2 * 64);
  EXPECT_EQ(count_macs(one_conv), 555422720 - 9LL * 64 * 64 * 32 * 32);
  EXPECT_EQ(depth(one_conv), 17);
}

TEST(Counts, WiderBlockChangesItsSuccessor) {
  Spec s = resnet18_spec(3, 32, 10);
  s.blocks[7].convs = {1024, 1024};
  s.blocks[7].shortcut = Shortcut::projection;
  // Block 7: 3x3 512->1024 and 1024->1024 with BNs, 1x1 512->1024 + BN, at 4x4; classifier 1024->10.
  const std::int64_t old_block = 2 * (9 * 512 * 512 + 2 * 512);
  const std::int64_t new_block = 9 * 512 * 1024 + 9 * 1024 * 1024 + 2 * 2 * 1024 + 512 * 1024 + 2 * 1024;
  EXPECT_EQ(count_params(s), 11173962 - old_block + new_block - 512 * 10 + 1024 * 10);
}

TEST(Counts, RejectInvalidSpecs) {
  Spec s = resnet18_spec();
  s.blocks[0].convs = {0};
  EXPECT_THROW(count_params(s), Error);
  EXPECT_THROW(count_macs(s), Error);
}

}  // namespace
}  // namespace nasrank::nas
