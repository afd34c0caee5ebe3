#!/usr/bin/env bash
# Every GPU check of the trainer and the sweep in one call, for a GPU machine lent for a few
# minutes (docs/gpu.md): build against the machine's own torch, run the *_CUDA tests, then the
# training and sweep benchmarks beside the PyTorch reference, each step under its own time limit
# so that one hang cannot eat the others. Needs .deps from scripts/gpu-deps.sh (carried with the
# tree). Writes six small files into OUT_DIR (default $OUT, else out/gpu-check):
#   summary.txt      what ran, when, and how it ended
#   build.txt        configure and build log
#   cuda-tests.txt   ctest -R _CUDA
#   train.jsonl      nasrank bench train --device cuda (batch 128, base ResNet-18 at width 1)
#   reference.jsonl  shared/anchors/pytorch_baseline.py on the same GPU (eager fp32, CUDA graphs)
#   sweep.jsonl      nasrank bench sweep --device cuda --concurrent K for K = 1, 4, 8
# Usage: scripts/gpu-check.sh [OUT_DIR]     (about 8 minutes on one H100/H200 with 16 cores)
set -uo pipefail
cd "$(dirname "$0")/.."
OUT_DIR="${1:-${OUT:-out/gpu-check}}"
mkdir -p "$OUT_DIR"
OUT_DIR=$(cd "$OUT_DIR" && pwd)  # steps below change directory
PREFIX="$PWD/.deps/prefix/usr"
DATA="$PREFIX/share/datasets/fashion-mnist"
BUILD="${NASRANK_GPU_BUILD:-build-gpu}"
PY="${PYTHON:-python3}"
# The reference lives beside the checkout (../shared) or, where that does not travel, in .deps.
REF="${NASRANK_REFERENCE:-}"
for r in ../shared/anchors/pytorch_baseline.py shared/anchors/pytorch_baseline.py .deps/anchors/pytorch_baseline.py; do
  [ -z "$REF" ] && [ -f "$r" ] && REF="$r"
done

log() { echo "[gpu-check $(date -u +%T)] $*" | tee -a "$OUT_DIR/summary.txt" >&2; }
# run_step NAME SECONDS FILE COMMAND...: appends the command's output to FILE, logs its exit code.
run_step() {
  local name=$1 secs=$2 file=$3; shift 3
  log "$name: $* (limit ${secs} s)"
  local start=$SECONDS
  timeout --kill-after=10 "$secs" "$@" >>"$OUT_DIR/$file" 2>&1
  local rc=$?
  log "$name: exit $rc after $((SECONDS - start)) s$([ $rc -eq 124 ] && echo ' (time limit)')"
  return $rc
}

[ -d "$PREFIX" ] || { log "no .deps/prefix: run scripts/gpu-deps.sh on the development machine and carry .deps"; exit 1; }
log "machine: $(nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>&1 | head -1); $(nproc) cores"
log "torch: $($PY -c 'import torch; print(torch.__version__, "cuda", torch.version.cuda, "gpu", torch.cuda.is_available())' 2>&1 | tail -1)"
export LD_LIBRARY_PATH="$PREFIX/lib/x86_64-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"

# 1. Build only what the checks run: the CLI and the suites that hold *_CUDA tests.
TORCH_PREFIX=$($PY -c 'import torch; print(torch.utils.cmake_prefix_path)')
if [ ! -f "$BUILD/build.ninja" ] && [ ! -f "$BUILD/Makefile" ]; then
  GEN=(); command -v ninja >/dev/null && GEN=(-G Ninja)
  run_step configure 180 build.txt cmake -S . -B "$BUILD" "${GEN[@]}" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_PREFIX_PATH="$PREFIX;$TORCH_PREFIX" -DNASRANK_USE_PCH=ON || exit 1
fi
run_step build 300 build.txt cmake --build "$BUILD" -j "$(nproc)" --target nasrank nasrank_nas_tests \
  nasrank_trainer_tests nasrank_cli_tests || { tail -30 "$OUT_DIR/build.txt" >&2; exit 1; }
NASRANK="$BUILD/nasrank"

# 2. The GPU tests (they skip without a GPU, which the log then shows).
(cd "$BUILD" && run_step cuda-tests 240 cuda-tests.txt ctest --output-on-failure -R _CUDA)
grep -E "tests passed|tests failed|Skipped|Failed" "$OUT_DIR/cuda-tests.txt" | tee -a "$OUT_DIR/summary.txt" >&2

# 3. One training: the issue's target is 40k images/s at batch 128 with at most 3 s of set-up.
for flags in "" "--no-cuda-graphs" "--no-bf16 --no-channels-last --no-cuda-graphs"; do
  # shellcheck disable=SC2086
  run_step "bench train ${flags:-(graph, bf16, channels_last)}" 120 train.jsonl "$NASRANK" --quiet bench train \
    --device cuda --batch 128 --width 1 --steps 400 --root "$DATA" $flags
done

# 4. The reference on the same GPU, in the same call.
if [ -n "$REF" ]; then
  run_step reference 240 reference.jsonl "$PY" "$REF" --device cuda --root "$DATA" --data fashion --epochs 2 \
    --modes eager-fp32,graphs-bf16-cl
else
  log "reference: pytorch_baseline.py not found (set NASRANK_REFERENCE or copy it to .deps/anchors/)"
fi

# 5. A sweep: K trainings on their own CUDA streams in one process (target 100k images/s in total).
for k in 1 4 8; do
  run_step "bench sweep K=$k" 150 sweep.jsonl "$NASRANK" --quiet bench sweep --device cuda --concurrent "$k" \
    --jobs "$k" --width 1 --train-size 0 --epochs 2 --root "$DATA"
done
log "done: results in $OUT_DIR"
