#!/usr/bin/env bash
# The whole test suite: builds Quarry twice, plainly and with
# AddressSanitizer + UndefinedBehaviorSanitizer, and runs every test
# (cmocka unit tests, Lua tests, CLI end-to-end tests) in both builds.
set -eu
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
for variant in build build-asan; do
  if [ "$variant" = build-asan ]; then sanitize=ON; else sanitize=OFF; fi
  echo "== $variant (sanitizers $sanitize)"
  cmake -S . -B "$variant" -DQUARRY_SANITIZE=$sanitize -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build "$variant" -j "$jobs"
  ctest --test-dir "$variant" --output-on-failure
done
