#!/usr/bin/env bash
# Coverage-guided fuzzing of the file loader and the expression checker (issue: Hardening).
#
#   tools/fuzz.sh [SECONDS]    builds the fuzz targets with clang (libFuzzer, ASan, UBSan) in
#                              build-fuzz/ and runs each for SECONDS (default 60), both at once
#
# The loader is seeded with the examples and the malformed-file table, the checker with the
# conditions the examples hold. An input that crashes or hangs is kept in
# tests/model/data/fuzz-found/ and the script fails: turn it into a case of the malformed
# table (tests/model/data/malformed: the file and its .expected messages) once it is fixed.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-60}"
build="$root/build-fuzz"
found="$root/tests/model/data/fuzz-found"

CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DPW_FUZZ=ON \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPW_WARNINGS_AS_ERRORS=ON >/dev/null
cmake --build "$build" --parallel "$(nproc)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/loader" "$work/expressions"
cp "$root"/resources/examples/*.yaml "$root"/tests/model/data/malformed/*.yaml "$work/loader/"
# The conditions of the examples, one per seed file, and a few shapes they do not show.
grep -ho 'condition: .*' "$root"/resources/examples/*.yaml | sed 's/^condition: //' | nl -nln |
    while read -r number text; do printf '%s' "$text" >"$work/expressions/example-$number"; done
printf '%s' "steps.a.outputs.x === 'y' && (inputs.n > 2 || !vars.e)" >"$work/expressions/logic"
printf '%s' "[1, 2, 3].map(x => x * 2).includes(4)" >"$work/expressions/arrow"
printf '%s' "\`\${inputs.name}\`.length > 0" >"$work/expressions/template"

# Each target on its own core. -timeout: one input may not take a second;
# -rss_limit_mb: nor grow past 2 GB (the loader refuses big files long before).
# -detect_leaks=0: Qt's JavaScript engine (the validator checks conditions with it) keeps
# what it allocates on first use, which libFuzzer's per-input leak check takes for leaks of
# every input; the ASan suites of tools/dev.sh sanitize check leaks of ours at exit.
run() {
    local target="$1" corpus="$2"
    ASAN_OPTIONS="allocator_may_return_null=1" UBSAN_OPTIONS="print_stacktrace=1" \
        "$build/tests/fuzz/$target" "$corpus" -max_total_time="$seconds" -timeout=1 -detect_leaks=0 \
        -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 -artifact_prefix="$work/$target-" \
        >"$work/$target.log" 2>&1
}
status=0
run fuzz_pipeline_loader "$work/loader" & loader=$!
run fuzz_expression_checker "$work/expressions" & checker=$!
wait "$loader" || status=1
wait "$checker" || status=1

for target in fuzz_pipeline_loader fuzz_expression_checker; do
    stats=$(grep -E '^stat::(number_of_executed_units|new_units_added|peak_rss_mb)' "$work/$target.log" |
        sed 's/^stat:://' | tr -s ' ' | paste -sd' ' -)
    echo "$target: ${seconds}s, $stats"
done
if [ "$status" -ne 0 ] || compgen -G "$work/fuzz_*-*" >/dev/null; then
    mkdir -p "$found"
    cp "$work"/fuzz_*-* "$found/" 2>/dev/null || true
    for target in fuzz_pipeline_loader fuzz_expression_checker; do
        grep -q -E 'ERROR|SUMMARY|deadly signal|timeout' "$work/$target.log" && tail -40 "$work/$target.log"
    done
    echo "fuzzing found a problem: the inputs are in $found" >&2
    exit 1
fi
echo "fuzzing found nothing new that fails"
