#!/usr/bin/env bash
# Packs the few Debian libraries nasrank needs into .deps/prefix, for a GPU machine that has
# CUDA, PyTorch, CMake and ninja but no package registry (see docs/gpu.md). Run it HERE, on the
# Debian 12 development machine; the folder (.deps, ignored by git) then travels with the tree.
set -euo pipefail
cd "$(dirname "$0")/.."
PKGS=(libeigen3-dev libboost-program-options-dev libboost-program-options1.74-dev libboost1.74-dev
      libboost-program-options1.74.0 nlohmann-json3-dev libsqlite3-dev libsqlite3-0 zlib1g-dev
      libspdlog-dev libspdlog1.10 libfmt-dev libfmt9 libgtest-dev libgmock-dev googletest)
WITH_DATA=1
[ "${1:-}" = "--no-data" ] && WITH_DATA=0
[ $WITH_DATA -eq 1 ] && PKGS+=(dataset-fashion-mnist)

rm -rf .deps/debs .deps/prefix
mkdir -p .deps/debs .deps/prefix
(cd .deps/debs && apt-get download "${PKGS[@]}" >/dev/null)
for deb in .deps/debs/*.deb; do dpkg-deb -x "$deb" .deps/prefix; done
rm -rf .deps/debs .deps/prefix/usr/share/doc .deps/prefix/usr/share/man \
       .deps/prefix/usr/src/googletest/googletest/docs 2>/dev/null || true
# Boost's header package is 160 MiB; keep only the headers program_options pulls in (listed by
# the compiler itself), so the whole folder stays well inside what may travel with the tree.
keep=$(mktemp)
echo '#include <boost/program_options.hpp>' |
  g++ -std=c++17 -M -I .deps/prefix/usr/include -x c++ - | tr ' \\' '\n\n' |
  grep "^$PWD/.deps/prefix/usr/include/boost\|^.deps/prefix/usr/include/boost" | sed "s|^$PWD/||" | sort -u >"$keep"
find .deps/prefix/usr/include/boost -type f | sort | comm -23 - "$keep" | xargs rm -f
find .deps/prefix/usr/include/boost -type d -empty -delete
rm -f "$keep"
du -sh .deps | sed 's/^/packed: /'
echo "carry '.deps' and configure with: CMAKE_PREFIX_PATH=\$PWD/.deps/prefix/usr (docs/gpu.md)"
