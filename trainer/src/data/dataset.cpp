// Dataset names, default locations, the seeded train/validation split and the synthetic set.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <numeric>

#include "nasrank/core/error.h"
#include "nasrank/core/log.h"
#include "nasrank/core/random.h"
#include "nasrank/trainer/data/dataset.h"

namespace nasrank::data {
namespace fs = std::filesystem;

namespace {

constexpr const char* kFashionRoot = "/usr/share/datasets/fashion-mnist";

const std::vector<std::string> kFashionClasses = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                                  "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
const std::vector<std::string> kCifar10Classes = {"airplane", "automobile", "bird",  "cat",  "deer",
                                                  "dog",      "frog",       "horse", "ship", "truck"};

std::vector<std::string> numbered_classes(int n) {
  std::vector<std::string> names;
  for (int i = 0; i < n; ++i) names.push_back(std::to_string(i));
  return names;
}

/// `stem` or `stem.gz` in root; the error names both, and the package that ships them.
std::string find_idx_file(const fs::path& root, const std::string& stem, const std::string& dataset) {
  for (const std::string& candidate : {stem + ".gz", stem}) {
    if (fs::is_regular_file(root / candidate)) return (root / candidate).string();
  }
  std::string hint = dataset == "fashion-mnist"
                         ? " (install the Debian package dataset-fashion-mnist, or give --root DIR)"
                         : " (give --root DIR holding the four IDX files)";
  throw Error(detail::concat(dataset, ": missing ", (root / stem).string(), "[.gz] in ", root.string(),
                             "; expected train-images-idx3-ubyte, train-labels-idx1-ubyte, "
                             "t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte (raw or .gz)",
                             hint));
}

ImageSet read_idx_pair(const fs::path& root, const std::string& prefix, const std::string& dataset, int num_classes) {
  const std::string images_path = find_idx_file(root, prefix + "-images-idx3-ubyte", dataset);
  const std::string labels_path = find_idx_file(root, prefix + "-labels-idx1-ubyte", dataset);
  IdxArray images = read_idx(images_path);
  IdxArray labels = read_idx(labels_path);
  NASRANK_CHECK(images.dims.size() == 3, images_path, ": expected 3 dimensions (N x H x W), found ",
                images.dims.size());
  NASRANK_CHECK(labels.dims.size() == 1, labels_path, ": expected 1 dimension (N), found ", labels.dims.size());
  NASRANK_CHECK(images.dims[0] == labels.dims[0], images_path, " holds ", images.dims[0], " images but ", labels_path,
                " holds ", labels.dims[0], " labels");
  for (std::size_t i = 0; i < labels.data.size(); ++i) {
    NASRANK_CHECK(labels.data[i] < num_classes, labels_path, ": label ", int(labels.data[i]), " at index ", i,
                  " is out of range 0..", num_classes - 1);
  }
  ImageSet set;
  set.count = images.dims[0];
  set.channels = 1;
  set.height = images.dims[1];
  set.width = images.dims[2];
  set.pixels = std::move(images.data);
  set.labels = std::move(labels.data);
  return set;
}

ImageSet concat_sets(std::vector<ImageSet> parts) {
  ImageSet all = std::move(parts.front());
  for (std::size_t i = 1; i < parts.size(); ++i) {
    all.pixels.insert(all.pixels.end(), parts[i].pixels.begin(), parts[i].pixels.end());
    all.labels.insert(all.labels.end(), parts[i].labels.begin(), parts[i].labels.end());
    all.count += parts[i].count;
  }
  return all;
}

/// CIFAR files may sit in root or in the folder the official archive unpacks to.
fs::path cifar_dir(const fs::path& root, const std::string& probe, const std::string& archive_dir) {
  if (fs::is_regular_file(root / probe)) return root;
  if (fs::is_regular_file(root / archive_dir / probe)) return root / archive_dir;
  return root;
}

/// Class prototypes of smooth random patterns plus per-image noise: learnable, but not trivially.
void make_synthetic(const DatasetOptions& o, Dataset& d) {
  NASRANK_CHECK(o.synthetic_classes >= 2 && o.synthetic_classes <= 256, "synthetic: classes must be 2..256");
  NASRANK_CHECK(o.synthetic_channels >= 1 && o.synthetic_size >= 4, "synthetic: bad image shape");
  NASRANK_CHECK(o.synthetic_train > 0 && o.synthetic_test > 0, "synthetic: sizes must be positive");
  Rng rng(o.synthetic_seed);
  const std::int64_t c = o.synthetic_channels, s = o.synthetic_size, k = o.synthetic_classes;
  const std::int64_t grid = 4;  // coarse grid upsampled to the image: low-frequency prototypes
  std::vector<std::vector<double>> proto(static_cast<std::size_t>(k), std::vector<double>(c * s * s));
  for (auto& p : proto) {
    std::vector<double> coarse(static_cast<std::size_t>(c * grid * grid));
    for (auto& v : coarse) v = 40.0 + 175.0 * rng.uniform();
    for (std::int64_t ch = 0; ch < c; ++ch)
      for (std::int64_t y = 0; y < s; ++y)
        for (std::int64_t x = 0; x < s; ++x)
          p[static_cast<std::size_t>((ch * s + y) * s + x)] =
              coarse[static_cast<std::size_t>((ch * grid + y * grid / s) * grid + x * grid / s)];
  }
  auto make = [&](std::int64_t n) {
    ImageSet set;
    set.count = n;
    set.channels = c;
    set.height = set.width = s;
    set.pixels.resize(static_cast<std::size_t>(n * c * s * s));
    set.labels.resize(static_cast<std::size_t>(n));
    for (std::int64_t i = 0; i < n; ++i) {
      const auto label = static_cast<std::size_t>(rng.below(static_cast<std::uint64_t>(k)));
      set.labels[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(label);
      for (std::int64_t j = 0; j < c * s * s; ++j) {
        const double v = proto[label][static_cast<std::size_t>(j)] + 60.0 * rng.normal();
        set.pixels[static_cast<std::size_t>(i * c * s * s + j)] =
            static_cast<std::uint8_t>(std::clamp(std::lround(v), 0L, 255L));
      }
    }
    return set;
  };
  d.train = make(o.synthetic_train);
  d.test = make(o.synthetic_test);
  d.num_classes = static_cast<int>(k);
  d.class_names = numbered_classes(static_cast<int>(k));
  d.synthetic = true;
}

void compute_moments(Dataset& d) {
  const ImageSet& t = d.train;
  const std::int64_t plane = t.height * t.width;
  d.mean.assign(static_cast<std::size_t>(t.channels), 0.0);
  d.stddev.assign(static_cast<std::size_t>(t.channels), 1.0);
  for (std::int64_t ch = 0; ch < t.channels; ++ch) {
    double sum = 0, sq = 0;
    for (std::int64_t i = 0; i < t.count; ++i) {
      const std::uint8_t* p = t.pixels.data() + (i * t.channels + ch) * plane;
      for (std::int64_t j = 0; j < plane; ++j) {
        sum += p[j];
        sq += double(p[j]) * p[j];
      }
    }
    const double n = double(t.count) * double(plane);
    const double mean = sum / n;
    const double var = std::max(sq / n - mean * mean, 1e-6);
    d.mean[static_cast<std::size_t>(ch)] = mean / 255.0;
    d.stddev[static_cast<std::size_t>(ch)] = std::sqrt(var) / 255.0;
  }
}

}  // namespace

ImageSet ImageSet::subset(const std::vector<std::int64_t>& indices) const {
  ImageSet out;
  out.count = static_cast<std::int64_t>(indices.size());
  out.channels = channels;
  out.height = height;
  out.width = width;
  const std::int64_t b = image_bytes();
  out.pixels.resize(static_cast<std::size_t>(out.count * b));
  out.labels.resize(indices.size());
  for (std::size_t i = 0; i < indices.size(); ++i) {
    NASRANK_ASSERT(indices[i] >= 0 && indices[i] < count);
    std::copy_n(pixels.begin() + indices[i] * b, b, out.pixels.begin() + static_cast<std::int64_t>(i) * b);
    out.labels[i] = labels[static_cast<std::size_t>(indices[i])];
  }
  return out;
}

ImageSet ImageSet::head(std::int64_t n) const {
  if (n <= 0 || n >= count) return *this;
  std::vector<std::int64_t> idx(static_cast<std::size_t>(n));
  std::iota(idx.begin(), idx.end(), 0);
  return subset(idx);
}

const std::vector<std::string>& dataset_names() {
  static const std::vector<std::string> names = {"fashion-mnist", "mnist", "cifar10", "cifar100", "synthetic"};
  return names;
}

DatasetShape dataset_shape(const DatasetOptions& o) {
  if (o.name == "fashion-mnist" || o.name == "mnist") return {1, 28, 10};
  if (o.name == "cifar10") return {3, 32, 10};
  if (o.name == "cifar100") return {3, 32, 100};
  if (o.name == "synthetic") return {o.synthetic_channels, o.synthetic_size, o.synthetic_classes};
  std::string names;
  for (const auto& n : dataset_names()) names += (names.empty() ? "" : ", ") + n;
  throw Error("unknown dataset '" + o.name + "' (known: " + names + ")");
}

std::string default_root(const std::string& name) {
  if (name == "fashion-mnist") return kFashionRoot;
  return "";
}

Dataset load_dataset(const DatasetOptions& o) {
  const auto& names = dataset_names();
  if (std::find(names.begin(), names.end(), o.name) == names.end()) {
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
    throw Error(detail::concat("unknown dataset '", o.name, "' (known: ", list, ")"));
  }
  Dataset d;
  d.name = o.name;
  if (o.name == "synthetic") {
    make_synthetic(o, d);
  } else {
    d.root = o.root.empty() ? default_root(o.name) : o.root;
    NASRANK_CHECK(!d.root.empty(), o.name, " has no default location: give --root DIR");
    NASRANK_CHECK(
        fs::is_directory(d.root), o.name, ": directory not found: ", d.root,
        o.name == "fashion-mnist" ? " (install the Debian package dataset-fashion-mnist, or give --root DIR)" : "");
    const fs::path root = d.root;
    if (o.name == "fashion-mnist" || o.name == "mnist") {
      d.num_classes = 10;
      d.class_names = o.name == "fashion-mnist" ? kFashionClasses : numbered_classes(10);
      d.train = read_idx_pair(root, "train", o.name, 10);
      d.test = read_idx_pair(root, "t10k", o.name, 10);
      NASRANK_CHECK(d.train.height == d.test.height && d.train.width == d.test.width, o.name,
                    ": training and test images differ in size");
    } else if (o.name == "cifar10") {
      d.num_classes = 10;
      d.class_names = kCifar10Classes;
      const fs::path dir = cifar_dir(root, "data_batch_1.bin", "cifar-10-batches-bin");
      std::vector<ImageSet> parts;
      for (int b = 1; b <= 5; ++b) {
        const fs::path f = dir / ("data_batch_" + std::to_string(b) + ".bin");
        NASRANK_CHECK(fs::is_regular_file(f), "cifar10: missing ", f.string(),
                      "; expected data_batch_1.bin .. data_batch_5.bin and test_batch.bin (the binary version)");
        parts.push_back(read_cifar_file(f.string(), 1, 0, 10));
      }
      d.train = concat_sets(std::move(parts));
      const fs::path test = dir / "test_batch.bin";
      NASRANK_CHECK(fs::is_regular_file(test), "cifar10: missing ", test.string());
      d.test = read_cifar_file(test.string(), 1, 0, 10);
    } else {  // cifar100: coarse label byte, then the fine label we train on
      d.num_classes = 100;
      d.class_names = numbered_classes(100);
      const fs::path dir = cifar_dir(root, "train.bin", "cifar-100-binary");
      for (const char* f : {"train.bin", "test.bin"})
        NASRANK_CHECK(fs::is_regular_file(dir / f), "cifar100: missing ", (dir / f).string(),
                      "; expected train.bin and test.bin (the binary version)");
      d.train = read_cifar_file((dir / "train.bin").string(), 2, 1, 100);
      d.test = read_cifar_file((dir / "test.bin").string(), 2, 1, 100);
    }
  }
  // The paper's protocol: a seeded hold-out of the training set; the rest keeps file order so
  // that "--train-size N" means the first N images of the training split.
  NASRANK_CHECK(o.val_size >= 0 && o.val_size < d.train.count, "--val-size ", o.val_size,
                " must be at least 0 and below the ", d.train.count, " training images");
  std::vector<std::int64_t> order(static_cast<std::size_t>(d.train.count));
  std::iota(order.begin(), order.end(), 0);
  Rng rng(o.split_seed ^ 0x5eedull);
  rng.shuffle(order);
  std::vector<std::int64_t> val_idx(order.begin(), order.begin() + o.val_size);
  std::vector<std::int64_t> train_idx(order.begin() + o.val_size, order.end());
  std::sort(val_idx.begin(), val_idx.end());
  std::sort(train_idx.begin(), train_idx.end());
  ImageSet all = std::move(d.train);
  d.val = all.subset(val_idx);
  d.train = all.subset(train_idx);
  compute_moments(d);
  LOG_DEBUG("loaded ", d.name, ": train ", d.train.count, ", val ", d.val.count, ", test ", d.test.count);
  return d;
}

std::vector<std::int64_t> class_counts(const ImageSet& set, int num_classes) {
  std::vector<std::int64_t> counts(static_cast<std::size_t>(num_classes), 0);
  for (auto l : set.labels) ++counts[l];
  return counts;
}

}  // namespace nasrank::data
