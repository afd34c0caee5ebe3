// Image-classification datasets as the paper's protocol wants them: a validation set held out of
// the training set by a seeded split (the same for every run of a study), the test set apart.
// Images stay uint8 here; conversion, normalisation and augmentation happen per batch.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace nasrank::data {

/// N images of C x H x W uint8 pixels (row-major NCHW) and one class label each.
struct ImageSet {
  std::int64_t count = 0;
  std::int64_t channels = 0;
  std::int64_t height = 0;
  std::int64_t width = 0;
  std::vector<std::uint8_t> pixels;  ///< count * channels * height * width
  std::vector<std::uint8_t> labels;  ///< count, each < the dataset's class count

  std::int64_t image_bytes() const { return channels * height * width; }
  /// The images at `indices`, in that order.
  ImageSet subset(const std::vector<std::int64_t>& indices) const;
  /// The first `n` images (all when n <= 0 or n >= count).
  ImageSet head(std::int64_t n) const;
};

struct DatasetOptions {
  /// fashion-mnist (the default, from Debian's dataset-fashion-mnist), mnist, cifar10, cifar100,
  /// or synthetic (generated; for tests and benchmarks only).
  std::string name = "fashion-mnist";
  /// Directory holding the files; empty means the dataset's default location.
  std::string root;
  /// Images held out of the training set for validation (the paper holds out 5,000, Sec. 4.1).
  std::int64_t val_size = 5000;
  /// Seed of the train/validation split; one study uses one split for all its runs.
  std::uint64_t split_seed = 0;

  /// Shape and size of the synthetic dataset (ignored by the real ones).
  std::int64_t synthetic_train = 6000;
  std::int64_t synthetic_test = 1000;
  std::int64_t synthetic_channels = 1;
  std::int64_t synthetic_size = 28;
  std::int64_t synthetic_classes = 10;
  std::uint64_t synthetic_seed = 1;
};

struct Dataset {
  std::string name;
  std::string root;        ///< where it was read from ("" for synthetic)
  bool synthetic = false;  ///< generated data: every output that uses it must say so
  int num_classes = 0;
  std::vector<std::string> class_names;
  ImageSet train;
  ImageSet val;
  ImageSet test;
  /// Per-channel mean and standard deviation of the training split, in [0,1] pixel units.
  std::vector<double> mean;
  std::vector<double> stddev;
};

/// The dataset names `load_dataset` accepts, in the order help text lists them.
const std::vector<std::string>& dataset_names();
/// What a network trained on a dataset takes and predicts, known without reading its files.
struct DatasetShape {
  std::int64_t channels = 0;
  std::int64_t image_size = 0;  ///< height and width
  std::int64_t classes = 0;
};
/// The shape of `options`'s dataset (the synthetic one's from its options). Throws nasrank::Error
/// for an unknown name.
DatasetShape dataset_shape(const DatasetOptions& options);
/// Where a dataset is looked for when no root is given.
std::string default_root(const std::string& name);
/// Loads, validates and splits a dataset. Throws nasrank::Error with a message that names the
/// missing or broken file and what was expected.
Dataset load_dataset(const DatasetOptions& options);

/// Images per class, for `data info`.
std::vector<std::int64_t> class_counts(const ImageSet& set, int num_classes);

// --- the file formats, exposed for tests and for users with unusual layouts ---

/// An IDX array (the MNIST family's format), uint8 elements only; reads `.gz` transparently.
struct IdxArray {
  std::vector<std::int64_t> dims;
  std::vector<std::uint8_t> data;
};
IdxArray read_idx(const std::string& path);

/// One CIFAR binary file: records of `label_bytes` label bytes then 3x32x32 pixels. For CIFAR-100
/// (label_bytes = 2, coarse then fine) `label_index` 1 picks the fine label.
ImageSet read_cifar_file(const std::string& path, int label_bytes, int label_index, int num_classes);

}  // namespace nasrank::data
