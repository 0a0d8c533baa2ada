#!/usr/bin/env bash
# Hardening run of issue #12 (docs/hardening.md): one clang build with AddressSanitizer +
# UndefinedBehaviorSanitizer everywhere and libFuzzer coverage on the libraries, then
#   1. the core, fuzz-replay and fault tests under the sanitizers (ctest),
#   2. the hostile-input corpus through genrescope-cli probe/decode/classify (ctest label "hostile"),
#   3. every fuzz target for a bounded time,
# and a summary line. Exit status 0 only when everything passed and no fuzz target crashed.
#
# Environment: BUILD_DIR (default build-hardening), JOBS (default nproc), FUZZ_SECONDS per target
# (default 30), FUZZ_RSS_MB (default 2048), CTEST_EXCLUDE (a ctest -E regex, default none).
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
BUILD_DIR="${BUILD_DIR:-build-hardening}"
JOBS="${JOBS:-$(nproc)}"
FUZZ_SECONDS="${FUZZ_SECONDS:-30}"
FUZZ_RSS_MB="${FUZZ_RSS_MB:-2048}"
start=$(date +%s)
stamp() { echo "[ci-hardening $(( $(date +%s) - start ))s] $*"; }

# --- tools: clang 14 with its sanitizer and libFuzzer runtimes (Debian 12 packages)
need=()
for p in clang libclang-rt-14-dev llvm python3; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
    sudo_cmd=()
    [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
    stamp "installing ${need[*]}"
    "${sudo_cmd[@]}" apt-get update -q
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${need[@]}"
fi

launcher=()
if command -v ccache >/dev/null; then
    launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi

# --- build
stamp "configuring $BUILD_DIR (clang, ASan+UBSan, fuzzers)"
CC=clang CXX=clang++ cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DGENRESCOPE_BUILD_GUI=OFF -DGENRESCOPE_BUILD_BENCHMARKS=OFF -DGENRESCOPE_BUILD_FUZZERS=ON \
    "${launcher[@]}" >/dev/null || { echo "ci-hardening: configure failed"; exit 1; }
stamp "building"
cmake --build "$BUILD_DIR" -j "$JOBS" || { echo "ci-hardening: build failed"; exit 1; }
build_seconds=$(( $(date +%s) - start ))

# --- sanitizer settings (docs/hardening.md explains each)
# detect_leaks=0: libtorch, OpenBLAS, FFmpeg and Qt keep process-lifetime allocations that LSan
# reports at exit; leaks in our code are caught by ASan's use-after-free/double-free checks instead.
# alloc_dealloc_mismatch=0: libtorch (not instrumented) frees with free() memory that its own
# operator new[] paths hand out on some code paths.
export ASAN_OPTIONS="detect_leaks=0:alloc_dealloc_mismatch=0:abort_on_error=1:detect_stack_use_after_return=0:allocator_may_return_null=1:symbolize=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:suppressions=$here/tests/fuzz/ubsan.supp${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
export OMP_NUM_THREADS=1

# --- 1 + 2: the test suite (core, fuzz replay, fault) and the hostile corpus under the sanitizers
stamp "ctest under ASan+UBSan"
ctest_args=(--test-dir "$BUILD_DIR" --output-on-failure -j "$JOBS" --timeout 1500)
[ -n "${CTEST_EXCLUDE:-}" ] && ctest_args+=(-E "$CTEST_EXCLUDE")
ctest "${ctest_args[@]}" 2>&1 | tee "$BUILD_DIR/ctest-hardening.log" | grep -E "tests passed|Test +#|\*\*\*|Failed|hostile:"
ctest_status=${PIPESTATUS[0]}
hostile_line=$(grep -ho "hostile: [0-9]* files.*" "$BUILD_DIR"/Testing/Temporary/LastTest*.log 2>/dev/null | tail -1)

# --- 3: each fuzz target for a bounded time, on a scratch copy of its seeds (new inputs stay out of the tree)
fuzz_summary=()
fuzz_crashes=0
for bin in "$BUILD_DIR"/tests/fuzz/fuzz_*; do
    [ -x "$bin" ] || continue
    name="${bin##*/fuzz_}"
    work="$BUILD_DIR/fuzz-work/$name"
    rm -rf "$work" && mkdir -p "$work/corpus" "$work/artifacts"
    cp tests/fuzz/corpus/"$name"/* "$work/corpus/" 2>/dev/null
    [ -d tests/fuzz/regression/"$name" ] && cp tests/fuzz/regression/"$name"/* "$work/corpus/" 2>/dev/null
    stamp "fuzzing $name for ${FUZZ_SECONDS}s"
    "$bin" "$work/corpus" -max_total_time="$FUZZ_SECONDS" -rss_limit_mb="$FUZZ_RSS_MB" -timeout=25 \
        -max_len=65536 -print_final_stats=1 -artifact_prefix="$work/artifacts/" >"$work/log.txt" 2>&1
    rc=$?
    execs=$(grep -o "stat::number_of_executed_units: *[0-9]*" "$work/log.txt" | grep -o "[0-9]*$" | tail -1)
    crashes=$(find "$work/artifacts" -type f | wc -l)
    if [ "$rc" -ne 0 ] || [ "$crashes" -gt 0 ]; then
        fuzz_crashes=$((fuzz_crashes + (crashes > 0 ? crashes : 1)))
        echo "ci-hardening: fuzz target $name FAILED (exit $rc); artifacts in $work/artifacts, log:"
        tail -40 "$work/log.txt"
    fi
    fuzz_summary+=("$name: ${execs:-0} executions, $crashes crashes")
done

total=$(( $(date +%s) - start ))
echo
echo "=== hardening summary ==="
echo "build: ${build_seconds}s; total: ${total}s"
echo "ctest under ASan+UBSan: $(grep -o "[0-9]*% tests passed.*" "$BUILD_DIR/ctest-hardening.log" | tail -1)"
echo "${hostile_line:-hostile: no result (see $BUILD_DIR/ctest-hardening.log)}"
for s in "${fuzz_summary[@]}"; do echo "fuzz $s (${FUZZ_SECONDS}s)"; done
echo "fuzz crashes: $fuzz_crashes"
[ "$ctest_status" -eq 0 ] && [ "$fuzz_crashes" -eq 0 ]
