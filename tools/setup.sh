#!/usr/bin/env bash
# Genrescope set-up for a fresh Debian 12 machine (run as root, or with sudo available).
#   tools/setup.sh --run [FILE]   install what is missing, build, start the app (optionally opening FILE)
#   tools/setup.sh --test         install what is missing, build, run the whole test suite
#   tools/setup.sh --build        install what is missing and build only
# Environment: BUILD_DIR (default: build), BUILD_TYPE (default: RelWithDebInfo), JOBS (default: nproc).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
BUILD_DIR="${BUILD_DIR:-build}"
BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}"
JOBS="${JOBS:-$(nproc)}"
mode="${1:---build}"
shift || true

# Every Debian package the build, the app and the tests need.
PACKAGES=(
    build-essential cmake ninja-build pkg-config git
    qt6-base-dev qt6-charts-dev qt6-multimedia-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools
    qt6-l10n-tools qt6-qpa-plugins qt6-translations-l10n
    libtorch-dev libopenblas0-pthread libgloo-dev
    libavformat-dev libavcodec-dev libswresample-dev libavutil-dev libfftw3-dev
    libbenchmark-dev
)

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
    sudo_cmd=(sudo)
fi

missing=()
for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing ${missing[*]}"
    "${sudo_cmd[@]}" apt-get update -q
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# libtorch runs its matrix products on whichever libblas.so.3 the alternatives system selects: make
# sure it is OpenBLAS, not the slow reference BLAS (about 30x slower on a 1292x1025x128 matmul here).
blas_alt=/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3
if [ -e "$blas_alt" ] && ! update-alternatives --query libblas.so.3-x86_64-linux-gnu 2>/dev/null | grep -q "^Value: $blas_alt"; then
    "${sudo_cmd[@]}" update-alternatives --set libblas.so.3-x86_64-linux-gnu "$blas_alt" || true
fi

cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE="$BUILD_TYPE" ${CMAKE_ARGS:-}
cmake --build "$BUILD_DIR" -j "$JOBS"

case "$mode" in
--build) ;;
--run)
    exec "$BUILD_DIR/bin/genrescope" "$@"
    ;;
--test)
    export QT_QPA_PLATFORM=offscreen
    ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$JOBS" "$@"
    ;;
*)
    echo "usage: tools/setup.sh --run [FILE] | --test | --build" >&2
    exit 2
    ;;
esac
