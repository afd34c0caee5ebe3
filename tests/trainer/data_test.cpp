// Dataset readers on small files written here, good and broken, and the real Fashion-MNIST when
// the Debian package is installed.
#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <numeric>
#include <set>

#include "nasrank/core/error.h"
#include "nasrank/trainer/data/dataset.h"

namespace nasrank::data {
namespace {
namespace fs = std::filesystem;

fs::path fresh_dir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("nasrank_data_test_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::vector<std::uint8_t> idx_bytes(std::vector<std::uint32_t> dims, const std::vector<std::uint8_t>& payload,
                                    std::uint8_t type = 0x08) {
  std::vector<std::uint8_t> b = {0, 0, type, static_cast<std::uint8_t>(dims.size())};
  for (auto d : dims)
    for (int s = 24; s >= 0; s -= 8) b.push_back(static_cast<std::uint8_t>(d >> s));
  b.insert(b.end(), payload.begin(), payload.end());
  return b;
}

void write_raw(const fs::path& p, const std::vector<std::uint8_t>& b) {
  std::ofstream(p, std::ios::binary).write(reinterpret_cast<const char*>(b.data()), static_cast<long>(b.size()));
}

void write_gz(const fs::path& p, const std::vector<std::uint8_t>& b) {
  gzFile f = gzopen(p.string().c_str(), "wb");
  ASSERT_NE(f, nullptr);
  gzwrite(f, b.data(), static_cast<unsigned>(b.size()));
  gzclose(f);
}

/// A tiny MNIST-layout dataset: n_train + n_test images of 4x4, label i % 10, pixel value = image index.
void write_mini_mnist(const fs::path& dir, std::uint32_t n_train, std::uint32_t n_test, bool gz) {
  auto images = [](std::uint32_t n) {
    std::vector<std::uint8_t> px;
    for (std::uint32_t i = 0; i < n; ++i) px.insert(px.end(), 16, static_cast<std::uint8_t>(i));
    return px;
  };
  auto labels = [](std::uint32_t n) {
    std::vector<std::uint8_t> l;
    for (std::uint32_t i = 0; i < n; ++i) l.push_back(static_cast<std::uint8_t>(i % 10));
    return l;
  };
  auto put = [&](const std::string& name, const std::vector<std::uint8_t>& b) {
    if (gz) write_gz(dir / (name + ".gz"), b);
    else write_raw(dir / name, b);
  };
  put("train-images-idx3-ubyte", idx_bytes({n_train, 4, 4}, images(n_train)));
  put("train-labels-idx1-ubyte", idx_bytes({n_train}, labels(n_train)));
  put("t10k-images-idx3-ubyte", idx_bytes({n_test, 4, 4}, images(n_test)));
  put("t10k-labels-idx1-ubyte", idx_bytes({n_test}, labels(n_test)));
}

void expect_error_containing(const std::function<void()>& f, const std::string& needle) {
  try {
    f();
    FAIL() << "expected an error containing '" << needle << "'";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
  }
}

DatasetOptions mnist_at(const fs::path& dir, std::int64_t val) {
  DatasetOptions o;
  o.name = "mnist";
  o.root = dir.string();
  o.val_size = val;
  return o;
}

TEST(Idx, ReadsRawAndGzippedFilesAlike) {
  for (bool gz : {false, true}) {
    const auto dir = fresh_dir(gz ? "gz" : "raw");
    write_mini_mnist(dir, 50, 20, gz);
    const Dataset d = load_dataset(mnist_at(dir, 10));
    EXPECT_EQ(d.train.count, 40);
    EXPECT_EQ(d.val.count, 10);
    EXPECT_EQ(d.test.count, 20);
    EXPECT_EQ(d.train.height, 4);
    EXPECT_EQ(d.train.channels, 1);
    // Pixel value = original index and label = index % 10 survive the split together.
    for (std::int64_t i = 0; i < d.train.count; ++i)
      EXPECT_EQ(d.train.labels[static_cast<std::size_t>(i)], d.train.pixels[static_cast<std::size_t>(i * 16)] % 10);
  }
}

TEST(Split, IsSeededDisjointAndCoversTheTrainingSet) {
  const auto dir = fresh_dir("split");
  write_mini_mnist(dir, 100, 10, false);
  auto ids = [](const ImageSet& s) {
    std::set<int> v;
    for (std::int64_t i = 0; i < s.count; ++i) v.insert(s.pixels[static_cast<std::size_t>(i * 16)]);
    return v;
  };
  DatasetOptions o = mnist_at(dir, 30);
  const Dataset a = load_dataset(o), b = load_dataset(o);
  EXPECT_EQ(ids(a.val), ids(b.val)) << "same seed, same split";
  std::set<int> all = ids(a.train);
  for (int v : ids(a.val)) EXPECT_TRUE(all.insert(v).second) << "image " << v << " in both splits";
  EXPECT_EQ(all.size(), 100u);
  o.split_seed = 7;
  EXPECT_NE(ids(load_dataset(o).val), ids(a.val)) << "another seed, another split";
  // The training split keeps file order, so "the first N training images" is well defined.
  const auto& px = a.train.pixels;
  for (std::int64_t i = 1; i < a.train.count; ++i)
    EXPECT_LT(px[static_cast<std::size_t>((i - 1) * 16)], px[static_cast<std::size_t>(i * 16)]);
}

TEST(Idx, WrongMagicTruncationAndTrailingBytesAreErrors) {
  const auto dir = fresh_dir("corrupt");
  write_raw(dir / "bad_magic", {0x12, 0x34, 0x08, 0x01, 0, 0, 0, 1, 5});
  expect_error_containing([&] { read_idx((dir / "bad_magic").string()); }, "wrong magic number");
  write_raw(dir / "bad_type", idx_bytes({1}, {5}, 0x0D));
  expect_error_containing([&] { read_idx((dir / "bad_type").string()); }, "element type");
  write_raw(dir / "truncated", idx_bytes({10, 4, 4}, std::vector<std::uint8_t>(100)));
  expect_error_containing([&] { read_idx((dir / "truncated").string()); }, "truncated");
  write_raw(dir / "trailing", idx_bytes({2}, {1, 2, 3}));
  expect_error_containing([&] { read_idx((dir / "trailing").string()); }, "unexpected bytes");
  write_raw(dir / "tiny", {0, 0});
  expect_error_containing([&] { read_idx((dir / "tiny").string()); }, "too short");
  write_raw(dir / "fake.gz", {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff});
  EXPECT_THROW(read_idx((dir / "fake.gz").string()), Error);
}

TEST(Idx, CountMismatchAndLabelOutOfRangeNameTheFile) {
  const auto dir = fresh_dir("mismatch");
  write_mini_mnist(dir, 20, 10, false);
  write_raw(dir / "train-labels-idx1-ubyte", idx_bytes({19}, std::vector<std::uint8_t>(19, 1)));
  expect_error_containing([&] { load_dataset(mnist_at(dir, 5)); }, "holds 20 images but");
  std::vector<std::uint8_t> labels(20, 3);
  labels[7] = 10;
  write_raw(dir / "train-labels-idx1-ubyte", idx_bytes({20}, labels));
  expect_error_containing([&] { load_dataset(mnist_at(dir, 5)); }, "label 10 at index 7");
}

TEST(Idx, MissingDirectoryAndFilesListWhatIsExpected) {
  DatasetOptions o;
  o.root = "/nonexistent/nasrank";
  expect_error_containing([&] { load_dataset(o); }, "dataset-fashion-mnist");
  const auto dir = fresh_dir("missing");
  o.root = dir.string();
  expect_error_containing([&] { load_dataset(o); }, "train-images-idx3-ubyte");
}

TEST(Split, ValidationSizeMustLeaveTrainingImages) {
  const auto dir = fresh_dir("valsize");
  write_mini_mnist(dir, 20, 5, false);
  expect_error_containing([&] { load_dataset(mnist_at(dir, 20)); }, "--val-size");
  expect_error_containing([&] { load_dataset(mnist_at(dir, -1)); }, "--val-size");
}

std::vector<std::uint8_t> cifar_records(int n, int label_bytes, int label_value) {
  std::vector<std::uint8_t> b;
  for (int i = 0; i < n; ++i) {
    for (int l = 0; l < label_bytes; ++l)
      b.push_back(static_cast<std::uint8_t>(l == label_bytes - 1 ? label_value : 1));
    b.insert(b.end(), 3072, static_cast<std::uint8_t>(i));
  }
  return b;
}

TEST(Cifar, ReadsTenAndHundredLayouts) {
  const auto dir = fresh_dir("cifar10");
  for (int k = 1; k <= 5; ++k) write_raw(dir / ("data_batch_" + std::to_string(k) + ".bin"), cifar_records(4, 1, k));
  write_raw(dir / "test_batch.bin", cifar_records(3, 1, 9));
  DatasetOptions o;
  o.name = "cifar10";
  o.root = dir.string();
  o.val_size = 5;
  const Dataset d = load_dataset(o);
  EXPECT_EQ(d.train.count + d.val.count, 20);
  EXPECT_EQ(d.test.count, 3);
  EXPECT_EQ(d.train.channels, 3);
  EXPECT_EQ(d.train.height, 32);
  EXPECT_EQ(d.test.labels[0], 9);

  const auto dir100 = fresh_dir("cifar100") / "cifar-100-binary";  // the archive's own folder name
  fs::create_directories(dir100);
  write_raw(dir100 / "train.bin", cifar_records(6, 2, 77));
  write_raw(dir100 / "test.bin", cifar_records(2, 2, 99));
  o.name = "cifar100";
  o.root = dir100.parent_path().string();
  o.val_size = 2;
  const Dataset h = load_dataset(o);
  EXPECT_EQ(h.num_classes, 100);
  EXPECT_EQ(h.train.labels[0], 77) << "the fine label (second byte) is the one used";
  EXPECT_EQ(h.test.count, 2);
}

TEST(Cifar, TruncatedFileAndBadLabelAreErrors) {
  const auto dir = fresh_dir("cifar_bad");
  auto b = cifar_records(2, 1, 3);
  b.pop_back();
  write_raw(dir / "t.bin", b);
  expect_error_containing([&] { read_cifar_file((dir / "t.bin").string(), 1, 0, 10); }, "not a multiple");
  write_raw(dir / "l.bin", cifar_records(2, 1, 12));
  expect_error_containing([&] { read_cifar_file((dir / "l.bin").string(), 1, 0, 10); }, "label 12");
  DatasetOptions o;
  o.name = "cifar10";
  o.root = dir.string();
  expect_error_containing([&] { load_dataset(o); }, "data_batch_1.bin");
}

TEST(Synthetic, IsSeededAndLabelled) {
  DatasetOptions o;
  o.name = "synthetic";
  o.synthetic_train = 300;
  o.synthetic_test = 50;
  o.val_size = 50;
  const Dataset a = load_dataset(o), b = load_dataset(o);
  EXPECT_TRUE(a.synthetic);
  EXPECT_EQ(a.train.pixels, b.train.pixels);
  EXPECT_EQ(a.train.count, 250);
  o.synthetic_seed = 2;
  EXPECT_NE(load_dataset(o).train.pixels, a.train.pixels);
}

TEST(FashionMnist, RealFilesGiveThePapersSplit) {
  if (!fs::exists("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz"))
    GTEST_SKIP() << "dataset-fashion-mnist is not installed";
  const Dataset d = load_dataset(DatasetOptions{});
  EXPECT_EQ(d.train.count, 55000);
  EXPECT_EQ(d.val.count, 5000);
  EXPECT_EQ(d.test.count, 10000);
  EXPECT_EQ(d.train.height, 28);
  const auto test_counts = class_counts(d.test, 10);
  for (auto c : test_counts) EXPECT_EQ(c, 1000);
  // Fashion-MNIST's published mean pixel is about 0.286.
  EXPECT_NEAR(d.mean[0], 0.286, 0.003);
}

}  // namespace
TEST(DatasetShape, IsTheShapeOfTheLoadedData) {
  DatasetOptions synthetic;
  synthetic.name = "synthetic";
  synthetic.synthetic_channels = 3;
  synthetic.synthetic_size = 12;
  synthetic.synthetic_classes = 7;
  synthetic.synthetic_train = 200;
  synthetic.synthetic_test = 50;
  synthetic.val_size = 50;
  std::vector<DatasetOptions> cases = {synthetic};
  DatasetOptions fashion;  // the Debian package's, when installed
  if (std::filesystem::exists(default_root("fashion-mnist"))) cases.push_back(fashion);
  for (const auto& o : cases) {
    const Dataset d = load_dataset(o);
    const DatasetShape shape = dataset_shape(o);
    EXPECT_EQ(shape.channels, d.train.channels) << o.name;
    EXPECT_EQ(shape.image_size, d.train.height) << o.name;
    EXPECT_EQ(shape.image_size, d.train.width) << o.name;
    EXPECT_EQ(shape.classes, d.num_classes) << o.name;
  }
  DatasetOptions cifar;
  cifar.name = "cifar100";
  EXPECT_EQ(dataset_shape(cifar).classes, 100);
  cifar.name = "imagenet";
  EXPECT_THROW(dataset_shape(cifar), Error);
}

}  // namespace nasrank::data
