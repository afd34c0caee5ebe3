#!/usr/bin/env bash
# Sweep throughput on the CPU beside the PyTorch reference (shared/anchors/pytorch_baseline.py with
# the torch of .venv/), same recipe, same network, same machine, one command. A sweep is judged by
# its total images/s: nasrank runs the same jobs once as one process using every core and once as
# one single-thread worker process per core (`sweep run --concurrent`).
# Usage: bench/cpu_sweep_vs_reference.sh [BUILD_DIR] [JOBS]
# Prints JSON lines: the reference (1 thread, all threads, one 1-thread process per core side by
# side) and `nasrank bench sweep` as one process with every core and with one 1-thread worker per
# core (images_per_s: wall time, set-up and validation included; train_images_per_s: counted as
# the reference counts, training epochs after the first).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD="${1:-build}"
JOBS="${2:-4}"
REF="${NASRANK_REFERENCE:-../shared/anchors/pytorch_baseline.py}"
CORES=$(nproc)
PY=.venv/bin/python
export PYTHONWARNINGS=ignore
NASRANK="$BUILD/nasrank"
[ -f "$REF" ] || { echo "reference script not found: $REF (set NASRANK_REFERENCE)" >&2; exit 1; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

echo "{\"machine\": \"$(lscpu | sed -n 's/^Model name: *//p' | head -1)\", \"cores\": $CORES, \"torch\": \"$($PY -c 'import torch; print(torch.__version__)')\"}"
# The reference times epoch 2 of 2 over the first 8192 training images (64 steps of 128), width 0.125.
REF_ARGS=(--device cpu --modes eager-fp32 --width 0.125 --train-size 8192 --epochs 2)
for t in 1 "$CORES"; do
  OMP_NUM_THREADS=$t $PY "$REF" "${REF_ARGS[@]}" | grep images_per_s | sed "s/^{/{\"run\": \"reference, 1 process x ${t} thread(s)\", /"
done
for i in $(seq 1 "$CORES"); do OMP_NUM_THREADS=1 $PY "$REF" "${REF_ARGS[@]}" > "$TMP/ref-$i.jsonl" & done
wait
$PY - "$TMP" "$CORES" <<'PY'
import glob, json, sys
total = sum(json.loads(l)["images_per_s"] for f in glob.glob(sys.argv[1] + "/ref-*.jsonl") for l in open(f) if "images_per_s" in l)
print(json.dumps({"run": f"reference, {sys.argv[2]} processes x 1 thread side by side (total)", "images_per_s": round(total, 1)}))
PY

# The same network and recipe through nasrank's sweep store: JOBS runs of 2 epochs over the same
# 8192 images, each validated on 5,000 images per epoch (counted in images_per_s, not in
# train_images_per_s, which counts as the reference does).
for k in 1 "$CORES"; do
  "$NASRANK" --quiet bench sweep --device cpu --concurrent "$k" --jobs "$JOBS" --epochs 2 --width 0.125 \
    --train-size 8192 --val-size 5000
done
