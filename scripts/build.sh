#!/usr/bin/env bash
# Configures (once) and builds nasrank in DIR (default build/); fast when nothing changed.
# Usage: scripts/build.sh [DIR] [extra cmake -D options...]
#   NASRANK_BUILD_TYPE=Debug scripts/build.sh build-debug
#   NASRANK_TARGETS="nasrank" scripts/build.sh      # only the executable, not the test suites
#   Torch_DIR / CMAKE_PREFIX_PATH: build against another LibTorch 2.x (see docs/gpu.md).
#   scripts/build.sh build -DNASRANK_WERROR=ON   # -D options given to a configured DIR are applied to it
set -euo pipefail
cd "$(dirname "$0")/.."
DIR="${1:-build}"; shift || true
BUILD_TYPE="${NASRANK_BUILD_TYPE:-Release}"
JOBS="${NASRANK_JOBS:-$(nproc)}"

CMAKE=cmake
[ -x .venv/bin/cmake ] && CMAKE="$PWD/.venv/bin/cmake"
GEN=()
if [ -x .venv/bin/ninja ]; then GEN=(-G Ninja -DCMAKE_MAKE_PROGRAM="$PWD/.venv/bin/ninja");
elif command -v ninja >/dev/null; then GEN=(-G Ninja); fi

if [ ! -f "$DIR/build.ninja" ] && [ ! -f "$DIR/Makefile" ]; then
  PREFIX="${CMAKE_PREFIX_PATH:-}"
  if [ -z "$PREFIX" ] && [ -z "${Torch_DIR:-}" ]; then
    [ -x .venv/bin/python ] || { echo "build.sh: no .venv: run scripts/install.sh first" >&2; exit 1; }
    PREFIX=$(.venv/bin/python -c 'import torch; print(torch.utils.cmake_prefix_path)')
  fi
  "$CMAKE" -S . -B "$DIR" "${GEN[@]}" -DCMAKE_BUILD_TYPE="$BUILD_TYPE" \
    ${PREFIX:+-DCMAKE_PREFIX_PATH="$PREFIX"} ${Torch_DIR:+-DTorch_DIR="$Torch_DIR"} "$@"
elif [ $# -gt 0 ]; then
  "$CMAKE" "$DIR" "$@" >/dev/null
fi
TARGETS=()
for t in ${NASRANK_TARGETS:-}; do TARGETS+=(--target "$t"); done
"$CMAKE" --build "$DIR" -j "$JOBS" "${TARGETS[@]}"
echo "built: $DIR/nasrank" >&2
