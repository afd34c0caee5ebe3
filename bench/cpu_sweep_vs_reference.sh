#!/usr/bin/env bash
# Sweep throughput on the CPU beside the PyTorch reference (shared/anchors/pytorch_baseline.py with
# the torch of .venv/), same recipe, same network, same machine, one command. A sweep is judged by
# its total images/s: nasrank runs the same jobs once as one process using every core and once as
# one single-thread worker process per core (`sweep run --concurrent`).
# Usage: bench/cpu_sweep_vs_reference.sh [BUILD_DIR] [JOBS]
# Prints JSON lines: the reference (1 thread, all threads, one 1-thread process per core side by
# side) and the two sweeps (images/s over the time any job ran, set-up and evaluation included).
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

# The same network for nasrank: the base ResNet-18 (CIFAR variant) shaped for 1x28x28, 10 classes.
$PY - > "$TMP/pool.json" <<'PY'
import json
blocks, c_in = [], 64
for c, stride in [(64, 1), (64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2), (512, 1)]:
    blocks.append({"convs": [c, c], "stride": stride, "shortcut": "identity" if (stride == 1 and c == c_in) else "projection"})
    c_in = c
spec = {"format": "nasrank-arch", "version": 1, "input": {"channels": 1, "size": 28}, "classes": 10,
        "stem": {"channels": 64}, "blocks": blocks, "skips": [], "classifier": "avgpool-linear"}
print(json.dumps({"format": "nasrank-pool", "version": 1, "architectures": [{"id": "resnet18", "spec": spec}]}))
PY
# JOBS runs (seeds) of 2 epochs over the same 8192 images, each evaluated on 5000 validation images per epoch.
"$NASRANK" --quiet sweep plan --db "$TMP/plan.db" --pool "$TMP/pool.json" --dataset fashion-mnist --width 0.125 \
  --train-size 8192 --full-epochs 2 --budgets 1 --schedules linear --seeds "$JOBS" > /dev/null
sweep() {  # name, sweep run options...
  local name=$1; shift
  cp "$TMP/plan.db" "$TMP/$name.db"
  "$NASRANK" --quiet sweep run --db "$TMP/$name.db" "$@"
  "$NASRANK" sweep status --db "$TMP/$name.db" --format json |
    $PY -c "import json,sys; s=json.load(sys.stdin); print(json.dumps({'run': sys.argv[1], 'jobs': s['done'], 'images_per_s': round(s['images_per_second'], 1)}))" \
      "nasrank sweep, $name"
}
sweep "1 process x $CORES threads" --threads "$CORES"
sweep "$CORES processes x 1 thread (--concurrent $CORES)" --concurrent "$CORES"
