#!/usr/bin/env bash
# Regenerates tests/golden/cpu-fashion-mnist (what rank and report print for the committed study)
# after a change that is meant to change them. Usage: scripts/regenerate-golden.sh (NASRANK=path/to/nasrank)
set -euo pipefail
cd "$(dirname "$0")/.."
G=tests/golden/cpu-fashion-mnist; D=docs/results/cpu-fashion-mnist/runs.db; N=${NASRANK:-build/nasrank}
$N --quiet rank --db $D --format markdown --out $G/rank.markdown
$N --quiet rank --db $D --format csv --out $G/rank.csv
$N --quiet rank --db $D --format json --out $G/rank.json
T=$(mktemp -d); $N --quiet report --db $D --out $T/report --no-figures 2>/dev/null
rm -rf $G/report; mkdir -p $G/report; cp -r $T/report/report.html $T/report/report.json $T/report/report.md $T/report/tables $G/report/
sed -i 's/Written by nasrank [0-9.]*\./Written by nasrank @VERSION@./' $G/report/report.html $G/report/report.md
sed -i 's/"nasrank_version": "[0-9.]*"/"nasrank_version": "@VERSION@"/' $G/report/report.json
rm -rf $T
