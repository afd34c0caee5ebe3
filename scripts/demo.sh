#!/usr/bin/env bash
# From nothing to a result: installs what is missing, builds Release, and runs the embedded default
# job on the CPU with Fashion-MNIST from the Debian package. Prints where the outputs are.
# Usage: scripts/demo.sh [OUT_DIR]   (default out/demo)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${1:-out/demo}"
scripts/install.sh
scripts/build.sh build
NASRANK=build/nasrank
mkdir -p "$OUT"

if $NASRANK study --help >/dev/null 2>&1; then
  # The whole study: pool, sweep, ranking and report; resumes if run again with the same OUT.
  $NASRANK study --preset quick --out "$OUT"
  echo "report: $OUT/report/report.html (and report.md beside it)"
  exit 0
fi

# Until the study command exists: the pieces that do, on real data.
$NASRANK data info | tee "$OUT/data-info.txt"
$NASRANK schedules --format svg --out "$OUT/schedules.svg"
$NASRANK generate --count 8 --seed 1 --in-channels 1 --image-size 28 --classes 10 --out "$OUT/pool.json"
$NASRANK describe "$OUT/pool.json" | tee "$OUT/pool.txt"
for arch in $($NASRANK describe "$OUT/pool.json" --format json | .venv/bin/python -c \
    'import json,sys; print(" ".join(a["id"] for a in json.load(sys.stdin)["architectures"][:3]))'); do
  $NASRANK train --pool "$OUT/pool.json" --arch "$arch" --schedule linear --budget 1ep --full-epochs 10 \
    --width 0.125 --train-size 8192 --val-size 2000 --out "$OUT/run-$arch.json"
done
echo "outputs: $OUT (data-info.txt, schedules.svg, pool.json, pool.txt, run-*.json)"
