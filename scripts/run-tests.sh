#!/usr/bin/env bash
# Builds Attune with the `ci` preset and runs every test: the unit tests first, then the
# display tests in a virtual X server (xvfb-run). Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake --preset ci
cmake --build --preset ci -j "$(nproc)"

echo "== unit tests"
ctest --preset ci-unit -j "$(nproc)"

echo "== display tests (under xvfb-run)"
# Software GL keeps frames identical on every machine; the display tests run one at a time.
# -noreset: otherwise Xvfb resets whenever its last client exits, and a test that starts
# `attune shot` right after another one finished can fail to connect.
export LIBGL_ALWAYS_SOFTWARE=1 GALLIUM_DRIVER=llvmpipe
xvfb-run -a -s "-screen 0 1280x720x24 -noreset" ctest --preset ci-display
