#!/usr/bin/env bash
# Hardening run of issue #12 (docs/hardening.md): one clang build with AddressSanitizer +
# UndefinedBehaviorSanitizer everywhere and libFuzzer coverage on the libraries (core, genrescope-cli,
# the core/fuzz/fault/hostile tests; no GUI, no ui tests, no benchmarks), then
#   1. the core, fuzz-replay and fault tests under the sanitizers (ctest),
#   2. the hostile-input corpus through genrescope-cli probe/decode/classify (ctest label "hostile"),
#   3. every fuzz target for a bounded time (JOBS of them at a time),
# and a summary. Exit status 0 only when everything passed and no fuzz target crashed.
#
# Environment:
#   BUILD_DIR      build folder (default build-hardening; reused, so ccache/ninja make reruns cheap)
#   JOBS           parallel compile and test jobs (default nproc)
#   FUZZ_SECONDS   seconds per fuzz target (default 30)
#   FUZZ_RSS_MB    libFuzzer's memory limit per target (default 2048)
#   CTEST_EXCLUDE  ctest -E regex of tests not run under the sanitizers (default: the libtorch-numerics
#                  tests named in docs/hardening.md; set it to "" to run everything)
#   DEADLINE       optional: epoch second by which the whole stage must be over (.ci/run sets it). The
#                  build is killed, ctest is stopped and fuzzing is shortened so that it holds; a stage
#                  that cannot finish its tests in time fails.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
BUILD_DIR="${BUILD_DIR:-build-hardening}"
JOBS="${JOBS:-$(nproc)}"
FUZZ_SECONDS="${FUZZ_SECONDS:-30}"
FUZZ_RSS_MB="${FUZZ_RSS_MB:-2048}"
# core.models.nets, core.training.mlfitraining and core.models.fused only re-check libtorch numerics
# (forward/backward shapes and values of the networks, an MLFI training run, fused vs unfused forward
# passes): no untrusted bytes, minutes under ASan. docs/hardening.md, "Not run under the sanitizers".
CTEST_EXCLUDE="${CTEST_EXCLUDE-^(core\.models\.nets|core\.training\.mlfitraining|core\.models\.fused)$}"
DEADLINE="${DEADLINE:-}"
start=$(date +%s)
stamp() { echo "[ci-hardening $(( $(date +%s) - start ))s] $*"; }
# cpu = CPU seconds (user+sys) of every finished child process so far, from bash's `times` (run in
# this shell: a command substitution would be a new process with no children of its own).
times_file=$(mktemp)
trap 'rm -f "$times_file"' EXIT
child_cpu() {
    times >"$times_file"
    cpu=$(tail -1 "$times_file" | awk '{ s = 0; for (i = 1; i <= 2; i++) { split($i, a, /m|s/); s += a[1] * 60 + a[2] } printf "%d", s }')
}
remaining() { echo $(( DEADLINE - $(date +%s) )); }
n_fuzz=7         # fuzz targets (tests/fuzz/CMakeLists.txt, GS_FUZZ_TARGETS)
fuzz_rounds=$(( (n_fuzz + JOBS - 1) / JOBS ))
fuzz_overhead=25 # seconds per target beyond -max_total_time: start-up, seed loading, final stats

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

# --- build (RelWithDebInfo, -O2 -g: -O1 or -gline-tables-only do not make it cheaper, the time goes into
# parsing libtorch's headers; docs/hardening.md)
stamp "configuring $BUILD_DIR (clang, ASan+UBSan, fuzzers)"
CC=clang CXX=clang++ cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DGENRESCOPE_BUILD_GUI=OFF -DGENRESCOPE_BUILD_BENCHMARKS=OFF -DGENRESCOPE_BUILD_FUZZERS=ON \
    "${launcher[@]}" >/dev/null || { echo "ci-hardening: configure failed"; exit 1; }
stamp "building"
build_cmd=(cmake --build "$BUILD_DIR" -j "$JOBS")
if [ -n "$DEADLINE" ]; then
    # Leave at least five minutes for the tests and one round of fuzzing.
    build_budget=$(( $(remaining) - 300 ))
    [ "$build_budget" -gt 0 ] || { echo "ci-hardening: FAILED: no time left for the build"; exit 1; }
    build_cmd=(timeout -k 10 "$build_budget" "${build_cmd[@]}")
fi
"${build_cmd[@]}" || { echo "ci-hardening: FAILED: build failed or ran out of time"; exit 1; }
build_seconds=$(( $(date +%s) - start ))
child_cpu
build_cpu=$cpu

# --- sanitizer settings (docs/hardening.md explains each)
# detect_leaks=0: libtorch, OpenBLAS, FFmpeg and Qt keep process-lifetime allocations that LSan
# reports at exit; leaks in our code are caught by ASan's use-after-free/double-free checks instead.
# alloc_dealloc_mismatch=0: libtorch (not instrumented) frees with free() memory that its own
# operator new[] paths hand out on some code paths.
export ASAN_OPTIONS="detect_leaks=0:alloc_dealloc_mismatch=0:abort_on_error=1:detect_stack_use_after_return=0:allocator_may_return_null=1:symbolize=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:suppressions=$here/tests/fuzz/ubsan.supp${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
export OMP_NUM_THREADS=1

# --- 1 + 2: the test suite (core, fuzz replay, fault) and the hostile corpus under the sanitizers
ctest_args=(--test-dir "$BUILD_DIR" --output-on-failure -j "$JOBS")
[ -n "$CTEST_EXCLUDE" ] && ctest_args+=(-E "$CTEST_EXCLUDE")
test_timeout=1500
ctest_status=0
if [ -n "$DEADLINE" ]; then
    # Stop the tests in time for at least 20 s of fuzzing per target.
    test_budget=$(( $(remaining) - fuzz_rounds * (20 + fuzz_overhead) ))
    if [ "$test_budget" -lt 60 ]; then
        echo "ci-hardening: FAILED: only $(remaining) s left after the build, too little for the tests"
        ctest_status=1
    else
        [ "$test_budget" -lt "$test_timeout" ] && test_timeout=$test_budget
        ctest_args+=(--stop-time "$(date -d "@$(( $(date +%s) + test_budget ))" +%H:%M:%S)")
    fi
fi
ctest_args+=(--timeout "$test_timeout")
test_start=$(date +%s)
if [ "$ctest_status" -eq 0 ]; then
    stamp "ctest under ASan+UBSan${CTEST_EXCLUDE:+ (not run: $CTEST_EXCLUDE)}"
    ctest "${ctest_args[@]}" 2>&1 | tee "$BUILD_DIR/ctest-hardening.log" | grep -E "tests passed|Test +#|\*\*\*|Failed|hostile:"
    ctest_status=${PIPESTATUS[0]}
fi
test_seconds=$(( $(date +%s) - test_start ))
child_cpu
test_cpu=$(( cpu - build_cpu ))
hostile_line=$(grep -ho "hostile: [0-9]* files.*" "$BUILD_DIR"/Testing/Temporary/LastTest*.log 2>/dev/null | tail -1)

# --- 3: each fuzz target for a bounded time, JOBS targets at a time (each is single-threaded), on a scratch
# copy of its seeds (new inputs stay out of the tree)
fuzz_seconds=$FUZZ_SECONDS
fuzz_in_time=1
if [ -n "$DEADLINE" ]; then
    fit=$(( $(remaining) / fuzz_rounds - fuzz_overhead ))
    [ "$fit" -lt "$fuzz_seconds" ] && fuzz_seconds=$fit
    [ "$fit" -lt 5 ] && fuzz_in_time=0
fi
fuzz_summary=()
fuzz_crashes=0
fuzz_start=$(date +%s)
run_fuzzer() { # binary work-folder; writes work-folder/log.txt and work-folder/rc
    # timeout: a hard stop in case libFuzzer's own clock is not consulted (a hanging input is caught by
    # -timeout=25 and reported as a crash).
    timeout -k 10 $(( fuzz_seconds + fuzz_overhead + 30 )) \
        "$1" "$2/corpus" -max_total_time="$fuzz_seconds" -rss_limit_mb="$FUZZ_RSS_MB" -timeout=25 \
        -max_len=65536 -print_final_stats=1 -artifact_prefix="$2/artifacts/" >"$2/log.txt" 2>&1
    echo $? >"$2/rc"
}
if [ "$fuzz_in_time" -eq 0 ]; then
    echo "ci-hardening: FAILED: no time left for fuzzing"
    fuzz_crashes=1
    fuzz_summary+=("not run: no time left")
else
    fuzz_names=()
    for bin in "$BUILD_DIR"/tests/fuzz/fuzz_*; do
        [ -x "$bin" ] || continue
        name="${bin##*/fuzz_}"
        fuzz_names+=("$name")
        work="$BUILD_DIR/fuzz-work/$name"
        rm -rf "$work" && mkdir -p "$work/corpus" "$work/artifacts"
        cp tests/fuzz/corpus/"$name"/* "$work/corpus/" 2>/dev/null
        [ -d tests/fuzz/regression/"$name" ] && cp tests/fuzz/regression/"$name"/* "$work/corpus/" 2>/dev/null
        while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do wait -n; done
        stamp "fuzzing $name for ${fuzz_seconds}s"
        run_fuzzer "$bin" "$work" &
    done
    wait
    for name in "${fuzz_names[@]}"; do
        work="$BUILD_DIR/fuzz-work/$name"
        rc=$(cat "$work/rc" 2>/dev/null || echo 1)
        execs=$(grep -o "stat::number_of_executed_units: *[0-9]*" "$work/log.txt" | grep -o "[0-9]*$" | tail -1)
        crashes=$(find "$work/artifacts" -type f | wc -l)
        if [ "$rc" -ne 0 ] || [ "$crashes" -gt 0 ]; then
            fuzz_crashes=$((fuzz_crashes + (crashes > 0 ? crashes : 1)))
            echo "ci-hardening: fuzz target $name FAILED (exit $rc); artifacts in $work/artifacts, log:"
            tail -40 "$work/log.txt"
        fi
        fuzz_summary+=("$name: ${execs:-0} executions in ${fuzz_seconds}s, $crashes crashes")
    done
fi
fuzz_wall=$(( $(date +%s) - fuzz_start ))

total=$(( $(date +%s) - start ))
{
    echo
    echo "=== hardening summary ==="
    echo "build: ${build_seconds}s wall, ${build_cpu}s CPU (user+sys, all compiler and linker processes)"
    echo "ctest under ASan+UBSan: $(grep -o "[0-9]*% tests passed.*" "$BUILD_DIR/ctest-hardening.log" 2>/dev/null | tail -1) (${test_seconds}s wall, ${test_cpu}s CPU)"
    [ -n "$CTEST_EXCLUDE" ] && echo "not run under the sanitizers: $CTEST_EXCLUDE"
    echo "${hostile_line:-hostile: no result (see $BUILD_DIR/ctest-hardening.log)}"
    for s in "${fuzz_summary[@]}"; do echo "fuzz $s"; done
    echo "fuzz crashes: $fuzz_crashes (${fuzz_wall}s wall)"
    echo "total: ${total}s"
} | tee "$BUILD_DIR/hardening-summary.txt"
[ "$ctest_status" -eq 0 ] && [ "$fuzz_crashes" -eq 0 ]
