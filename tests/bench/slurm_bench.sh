#!/usr/bin/env bash
# The Slurm executor's overhead: 100 short jobs (`true`) run by Pipewright with maxParallel 2,
# against the same 100 jobs as `sbatch --wait` calls from a shell, two at a time. Both go
# through the same cluster (the local one of tools/slurm-dev.sh unless SLURM_CONF says
# otherwise), so the ratio is what Pipewright adds: submission, batched polling, output files.
# Prints figures; asserts nothing.
#
#   tests/bench/slurm_bench.sh [path/to/pipewright] [JOBS]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
binary="${1:-$root/build/app/pipewright}"
count="${2:-100}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
[ -x "$binary" ] || { echo "no pipewright binary at $binary (build first)" >&2; exit 2; }
if [ -z "${SLURM_CONF:-}" ]; then
    "$root/tools/slurm-dev.sh" start >/dev/null
    eval "$("$root/tools/slurm-dev.sh" env)"
fi

python3 - "$work/jobs.yaml" "$count" <<'PY'
import sys
path, count = sys.argv[1], int(sys.argv[2])
steps = "".join(f"          - step: {{id: job_{i}, type: Shell, spec: {{command: 'true'}}}}\n" for i in range(count))
open(path, "w").write("pipeline:\n  id: slurm_bench\n  maxParallel: 2\n  executor: {type: slurm}\n"
                      "  stages:\n    - stage:\n        id: jobs\n        steps:\n" + steps)
PY

mkdir -p "$work/out"
start=$EPOCHREALTIME
seq "$count" | xargs -P 2 -I{} sbatch --wait --quiet --output="$work/out/{}.out" --wrap true
shell_end=$EPOCHREALTIME

"$binary" run "$work/jobs.yaml" --db "$work/runs.sqlite" -q >/dev/null
pipewright_end=$EPOCHREALTIME

python3 -c "import sys; s, e1, e2, n = map(float, sys.argv[1:]); shell, pw = e1 - s, e2 - e1; \
print(f'{int(n)} jobs, 2 at a time: sbatch --wait from a shell {shell:.1f} s, Pipewright {pw:.1f} s, ratio {pw / shell:.2f}')" \
    "$start" "$shell_end" "$pipewright_end" "$count"
