#!/usr/bin/env bash
# Runs the libFuzzer targets of fuzz/ (built by scripts/sanitize.sh in DIR, default build-asan/),
# each for a fixed time, starting from its committed seed corpus fuzz/corpus/<name>/. Inputs that
# reach new code are kept in DIR/fuzz-corpus/<name>/ between runs (--merge copies the ones that add
# coverage into fuzz/corpus/<name>/, to commit); a crashing input is written to
# DIR/fuzz-findings/<name>/ and the run fails.
# Usage: scripts/fuzz.sh [--seconds N] [--merge] [--dir DIR] [TARGET...]   (default: 60 s, every target)
#   scripts/fuzz.sh --seconds 10                # CI: every target for 10 seconds
#   scripts/fuzz.sh --seconds 3600 --merge spec # one target for an hour, new coverage into the corpus
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=60
MERGE=0
DIR=build-asan
TARGETS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) SECONDS_EACH="$2"; shift 2 ;;
    --merge) MERGE=1; shift ;;
    --dir) DIR="$2"; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
    *) TARGETS+=("$1"); shift ;;
  esac
done
if [ ${#TARGETS[@]} -eq 0 ]; then
  for f in fuzz/*_fuzz.cpp; do n=$(basename "$f" _fuzz.cpp); TARGETS+=("$n"); done
fi
for t in "${TARGETS[@]}"; do
  [ -f "fuzz/${t}_fuzz.cpp" ] || { echo "fuzz.sh: no target '$t' (fuzz/${t}_fuzz.cpp)" >&2; exit 2; }
done

scripts/sanitize.sh --build-only "$DIR" >/dev/null
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
[ -x /usr/lib/llvm-14/bin/llvm-symbolizer ] && export ASAN_SYMBOLIZER_PATH=/usr/lib/llvm-14/bin/llvm-symbolizer

failed=()
for t in "${TARGETS[@]}"; do
  bin="$DIR/fuzz/${t}_fuzz"
  work="$DIR/fuzz-corpus/$t"
  findings="$DIR/fuzz-findings/$t"
  mkdir -p "$work" "$findings"
  dict=(); [ -f "fuzz/$t.dict" ] && dict=(-dict="fuzz/$t.dict")
  log="$DIR/fuzz-findings/$t.log"
  start=$(date +%s)
  # New inputs go to the first corpus directory (the work one); the committed seeds are only read.
  if "$bin" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
       -artifact_prefix="$findings/" "${dict[@]}" "$work" "fuzz/corpus/$t" >"$log" 2>&1; then
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
    echo "fuzz $t: ok, $runs inputs in $(( $(date +%s) - start )) s"
  else
    echo "fuzz $t: FAILED (log $log; the input is in $findings/)" >&2
    grep -E 'ERROR|runtime error|property failed|uncaught|terminate' "$log" | head -5 >&2 || true
    failed+=("$t")
    continue
  fi
  if [ "$MERGE" = 1 ]; then
    "$bin" -merge=1 "fuzz/corpus/$t" "$work" >>"$log" 2>&1
    echo "fuzz $t: fuzz/corpus/$t now holds $(ls "fuzz/corpus/$t" | wc -l) inputs"
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz.sh: findings in ${failed[*]}: replay one with $DIR/fuzz/<name>_fuzz <input>," >&2
  echo "then commit the input and a test of it in tests/<library>/ (docs/testing.md)" >&2
  exit 1
fi
