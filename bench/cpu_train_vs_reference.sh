#!/usr/bin/env bash
# CPU training speed of nasrank beside the PyTorch reference (shared/anchors/pytorch_baseline.py,
# run with the torch of .venv/), same recipe, same width, same machine, one command.
# Usage: bench/cpu_train_vs_reference.sh [BUILD_DIR] [STEPS]
# Prints JSON lines: the reference (1 and all threads, and concurrent 1-thread processes) and
# nasrank's `bench train` at the same settings.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD="${1:-build}"
STEPS="${2:-64}"
REF="${NASRANK_REFERENCE:-../shared/anchors/pytorch_baseline.py}"
CORES=$(nproc)
PY=.venv/bin/python
export PYTHONWARNINGS=ignore  # the reference warns about a tensor-to-float conversion of its own
[ -f "$REF" ] || { echo "reference script not found: $REF (set NASRANK_REFERENCE)" >&2; exit 1; }

echo "{\"machine\": \"$(lscpu | sed -n 's/^Model name: *//p' | head -1)\", \"cores\": $CORES, \"torch\": \"$($PY -c 'import torch; print(torch.__version__)')\"}"
# The reference times epoch 2 of 2 over the first 8192 training images (64 steps of 128).
for t in 1 "$CORES"; do
  OMP_NUM_THREADS=$t $PY "$REF" --device cpu --modes eager-fp32 --width 0.125 --train-size 8192 --epochs 2 |
    sed "s/^{/{\"run\": \"reference ${t} thread(s)\", /" | grep images_per_s
done
for t in 1 "$CORES"; do
  "$BUILD/nasrank" --quiet bench train --device cpu --width 0.125 --train-size 8192 --threads "$t" --steps "$STEPS" --warmup 8
done
