#!/usr/bin/env bash
# Installs what nasrank needs on Debian 12 (run as root, or with sudo available):
# the Debian packages, and the pinned LibTorch wheel in a project-local .venv/.
# Idempotent: a second run with everything present does nothing but check.
set -euo pipefail
cd "$(dirname "$0")/.."

TORCH_SPEC="${NASRANK_TORCH_SPEC:-torch==2.15.*}"
DEBS=(build-essential cmake pkg-config libeigen3-dev libboost-program-options-dev
      libgtest-dev libgmock-dev nlohmann-json3-dev libsqlite3-dev zlib1g-dev
      gnuplot-nox dataset-fashion-mnist libspdlog-dev python3-venv
      clang-14 libclang-rt-14-dev llvm-14)  # the sanitizer build and libFuzzer (scripts/sanitize.sh)

log() { printf '[install] %s\n' "$*" >&2; }

missing=()
for p in "${DEBS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  log "apt-get install ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  log "creating .venv with $($PY --version 2>&1)"
  "$PY" -m venv .venv
fi
if ! .venv/bin/python -c 'import torch' 2>/dev/null; then
  log "pip install $TORCH_SPEC (large: the CUDA build of LibTorch and its CUDA runtime wheels)"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q "$TORCH_SPEC" numpy
fi
# Debian's CMake 3.25 predates CUDA 13; a newer one from the same package index goes in .venv.
if ! .venv/bin/cmake --version >/dev/null 2>&1; then
  log "pip install cmake (newer than Debian's, for the CUDA 13 toolkit)"
  .venv/bin/python -m pip install -q "cmake>=3.30,<5" ninja
fi
log "ready: torch $(.venv/bin/python -c 'import torch; print(torch.__version__, "cuda", torch.version.cuda)')"
