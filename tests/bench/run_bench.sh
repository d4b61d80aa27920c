#!/usr/bin/env bash
# Pipewright's run benchmarks. Prints figures; asserts nothing, so that a slow machine never
# fails CI. Every run is stored, as users run it: each benchmark has its own run database,
# made by one run before the measured ones (people run on a database that exists).
# Targets: (a) 10,000 Echo steps in under 1 s in total; (b) 1,000 Shell `true` steps with
# maxParallel 2 within 1.3x of `make -j2` on the same commands; (c) a step printing 1,000,000
# lines: `run -q` within 1.5x of the same command redirected to a file, peak memory under
# 100 MB; (d) `yes` for 20 s: peak memory under 100 MB, with -q and without (progress into a
# pipe nobody reads, the worst reader there is); (f) `rehearse --all-failures` on 100 steps
# in under 2 s.
#
# Each figure is the median of BENCH_RUNS runs (default 5; pipewright and make take turns),
# because a shared machine's noise moves single runs by 10-20 %.
#
#   tests/bench/run_bench.sh [path/to/pipewright]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
binary="${1:-$root/build/app/pipewright}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

[ -x "$binary" ] || { echo "no pipewright binary at $binary (build first)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs GNU time (Debian package 'time')" >&2; exit 2; }

# generate FILE KIND COUNT [MAXPARALLEL]
generate() {
    python3 - "$@" <<'PY'
import sys
path, kind, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
parallel = sys.argv[4] if len(sys.argv) > 4 else None
lines = ["pipeline:", "  id: bench_%s" % kind]
if parallel:
    lines.append("  maxParallel: %s" % parallel)
lines += ["  stages:", "    - stage:", "        id: only", "        steps:"]
if kind == "echo":
    for i in range(count):
        lines.append("          - step: {id: s%d, type: Echo, spec: {message: step %d}}" % (i, i))
else:
    lines.append("          - parallel:")
    for i in range(count):
        lines.append("              - step: {id: s%d, type: Shell, spec: {command: \"true\"}}" % i)
open(path, "w").write("\n".join(lines) + "\n")
PY
}

# measure LABEL COMMAND... -> appends the wall time (us) to walls_LABEL, the peak (KiB) to peaks_LABEL
measure() {
    local label="$1"
    shift
    local started ended
    started=$(date +%s%N)
    /usr/bin/time -f "%M" -o "$work/time.txt" "$@" >"$work/$label.out" 2>&1 || {
        echo "$label: command failed:" >&2
        tail -5 "$work/$label.out" >&2
        exit 1
    }
    ended=$(date +%s%N)
    eval "walls_$label+=(\$(( (ended - started) / 1000 )))" # microseconds
    eval "peaks_$label+=(\$(cat "$work/time.txt"))"
}

# median LIST... (microseconds) -> seconds with 3 decimals
median_s() { python3 -c "import statistics,sys; print(f'{statistics.median(map(int, sys.argv[1:])) / 1e6:.3f}')" "$@"; }
maximum() { python3 -c "import sys; print(max(map(int, sys.argv[1:])))" "$@"; }
per_step_us() { python3 -c "print(f'{$1 / $2 * 1e6:.0f}')"; }

runs="${BENCH_RUNS:-5}"
echo "Pipewright run benchmarks ($(nproc) cores, $(date -u +%Y-%m-%dT%H:%M:%SZ), median of $runs runs)"

generate "$work/echo.yaml" echo 10000
# fresh_database: an empty run database for the next benchmark, made by a one-step run.
fresh_database() {
    rm -rf "$work/db"
    printf 'pipeline: {id: warm, stages: [{stage: {id: s, steps: [{step: {id: e, type: Echo, spec: {message: hi}}}]}}]}\n' \
        >"$work/warm.yaml"
    "$binary" run "$work/warm.yaml" --quiet --db "$work/db/runs.sqlite" >/dev/null
}

fresh_database
walls_echo=()
peaks_echo=()
for _ in $(seq "$runs"); do
    measure echo "$binary" run "$work/echo.yaml" --quiet --report "$work/echo-report.json" --db "$work/db/runs.sqlite"
done
wall=$(median_s "${walls_echo[@]}")
echo "(a) 10,000 Echo steps:       wall ${wall} s, $(per_step_us "$wall" 10000) us/step," \
     "peak $(maximum "${peaks_echo[@]}") KiB  (target < 1 s)"

generate "$work/shell.yaml" shell 1000 2
{
    printf 'all:'
    for i in $(seq 0 999); do printf ' t%d' "$i"; done
    printf '\n'
    for i in $(seq 0 999); do printf 't%d:\n\t@true\n.PHONY: t%d\n' "$i" "$i"; done
} >"$work/Makefile"
fresh_database
walls_shell=()
peaks_shell=()
walls_make=()
peaks_make=()
for _ in $(seq "$runs"); do
    measure shell "$binary" run "$work/shell.yaml" --quiet --db "$work/db/runs.sqlite"
    measure make make -s -j2 -f "$work/Makefile"
done
pw_wall=$(median_s "${walls_shell[@]}")
make_wall=$(median_s "${walls_make[@]}")
ratio=$(python3 -c "print(f'{$pw_wall / max($make_wall, 1e-3):.2f}')")
echo "(b) 1,000 Shell true, -j2:   pipewright ${pw_wall} s ($(per_step_us "$pw_wall" 1000) us/step," \
     "peak $(maximum "${peaks_shell[@]}") KiB), make ${make_wall} s, ratio ${ratio}x  (target <= 1.3x)"

# (c) One step printing 1,000,000 lines, against the same command writing to a file.
lines_command='awk "BEGIN { for (i = 1; i <= 1000000; i++) printf \"line %d of the build output\\n\", i }"'
cat >"$work/lines.yaml" <<YAML
pipeline:
  id: bench_lines
  stages:
    - stage:
        id: only
        steps:
          - step:
              id: print
              type: Shell
              spec:
                command: '$lines_command'
YAML
fresh_database
walls_lines=()
peaks_lines=()
walls_file=()
peaks_file=()
for _ in $(seq "$runs"); do
    measure lines "$binary" run "$work/lines.yaml" --quiet --db "$work/db/runs.sqlite"
    measure file sh -c "$lines_command > '$work/lines.txt'"
done
pw_wall=$(median_s "${walls_lines[@]}")
file_wall=$(median_s "${walls_file[@]}")
ratio=$(python3 -c "print(f'{$pw_wall / max($file_wall, 1e-3):.2f}')")
echo "(c) 1,000,000 lines, -q:     pipewright ${pw_wall} s (peak $(maximum "${peaks_lines[@]}") KiB)," \
     "the command into a file ${file_wall} s, ratio ${ratio}x  (target <= 1.5x, peak < 100 MB)"

# (d) `yes` for 20 s (BENCH_YES_SECONDS), quiet, then with progress into a pipe nobody reads.
yes_seconds="${BENCH_YES_SECONDS:-20}"
cat >"$work/yes.yaml" <<YAML
pipeline:
  id: bench_yes
  stages:
    - stage:
        id: only
        steps:
          - step: {id: flood, type: Shell, timeout: ${yes_seconds}s, spec: {command: "yes"}}
YAML
fresh_database
/usr/bin/time -f "%M" -o "$work/time.txt" "$binary" run "$work/yes.yaml" --quiet --db "$work/db/runs.sqlite" \
    >/dev/null 2>&1 || true
quiet_peak=$(tail -1 "$work/time.txt") # the step times out: time(1) says so on a line before
stored=$(du -sk "$work/db" | cut -f1)
fresh_database
# The reader sleeps through the whole run: the pipe fills at once and every write to it blocks.
/usr/bin/time -f "%M" -o "$work/time.txt" "$binary" run "$work/yes.yaml" --db "$work/db/runs.sqlite" \
    2>/dev/null | { sleep $((yes_seconds + 5)); cat >/dev/null; } || true
loud_peak=$(tail -1 "$work/time.txt")
rm -rf "$work/db"
echo "(d) yes for ${yes_seconds} s:           peak ${quiet_peak} KiB with -q (stored $((stored / 1024)) MiB of log)," \
     "${loud_peak} KiB with progress into an unread pipe  (target < 100 MB)"

# (f) Failure coverage (issue: rehearsal): `rehearse --all-failures` on 100 steps in 10 stages,
# with strategies at every level (a day-long intervention, retries, group retries, catch).
python3 - "$work/coverage.yaml" <<'PY'
import sys
lines = ["pipeline:", "  id: bench_coverage", "  failureStrategies:",
         "    - onFailure: {errors: [PolicyEvaluationFailure], action: {type: Abort}}", "  stages:"]
for s in range(10):
    lines += ["    - stage:", "        id: stage%d" % s, "        failureStrategies:",
              "          - onFailure: {errors: [Connectivity], action: {type: ManualIntervention, spec: {timeout: 1d, onTimeout: {action: {type: StageRollback}}}}}",
              "          - onFailure: {errors: [Timeout], action: {type: Retry, spec: {retryCount: 3, retryIntervals: [10s, 1m], onRetryFailure: {action: {type: Ignore}}}}}",
              "        steps:",
              "          - stepGroup:", "              id: group%d" % s,
              "              failureStrategies:",
              "                - onFailure: {errors: [Verification], action: {type: RetryStepGroup, spec: {retryCount: 1, retryIntervals: [30s]}}}",
              "              steps:"]
    for i in range(8):
        extra = ""
        if i % 4 == 1:
            extra = ", retry: {type: exponential, maxAttempts: 4, interval: 1s, onErrors: [Unknown]}"
        elif i % 4 == 2:
            extra = ", catch: caught_%d_%d" % (s, i)
        lines.append("                - step: {id: s%d_%d, type: Shell, spec: {command: \"true\"}%s}" % (s, i, extra))
    lines += ["          - step: {id: s%d_check, type: Echo, spec: {message: checked}}" % s,
              "          - step: {id: s%d_end, type: Echo, spec: {message: done}}" % s,
              "        rollbackSteps:",
              "          - step: {id: s%d_undo, type: Shell, spec: {command: \"true\"}}" % s]
open(sys.argv[1], "w").write("\n".join(lines) + "\n")
PY
walls_coverage=()
peaks_coverage=()
for _ in $(seq "$runs"); do
    measure coverage "$binary" rehearse "$work/coverage.yaml" --all-failures
done
rows=$(($(wc -l <"$work/coverage.out") - 2)) # the header and the summary line on stderr
echo "(f) rehearse --all-failures, 110 steps: wall $(median_s "${walls_coverage[@]}") s for ${rows} rehearsals," \
     "peak $(maximum "${peaks_coverage[@]}") KiB  (target < 2 s)"

# (e) The window while a run floods it (issue: Monitor): a separate program, built with the
# designer (tests/bench/gui_responsiveness.cpp).
gui_bench="$(dirname "$binary")/../tests/bench/gui_responsiveness"
if [ -x "$gui_bench" ]; then
    echo "(e) $("$gui_bench" 2>/dev/null | sed '2,$s/^/    /')"
else
    echo "(e) GUI responsiveness: not built (a build with the designer makes tests/bench/gui_responsiveness)"
fi
