// Which device and how many CPU threads a trainer-side computation gets: one answer for
// training, the zero-cost proxies and the sweep workers.
#pragma once

#include <torch/torch.h>

#include <string>

namespace nasrank::trainer::detail {

/// Cores this process may run on (its affinity mask), at least 1.
int usable_cores();

/// cpu, cuda or auto (cuda when LibTorch sees a GPU); throws nasrank::Error otherwise.
torch::Device pick_device(const std::string& name);

}  // namespace nasrank::trainer::detail
