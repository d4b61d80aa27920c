#!/usr/bin/env bash
# A single-node Slurm for development and CI: the cluster the Slurm executor's tests run on.
#
#   tools/slurm-dev.sh start    install the packages if missing, start munged, slurmctld, slurmd,
#                               wait until a probe job has run, print `export SLURM_CONF=...`
#   tools/slurm-dev.sh stop     stop exactly the daemons `start` started (by their PIDs)
#   tools/slurm-dev.sh status   which of them run, and sinfo/squeue
#   tools/slurm-dev.sh env      only the line that points Slurm's commands at this cluster
#
# Everything lives in one directory ($PW_SLURM_DIR, default /tmp/pw-slurm): configuration,
# munge key and socket, spool, state, logs and PID files, and the daemons listen on their own
# ports (16817/16818, or $PW_SLURM_PORT and the next one), so that a system Slurm or munge
# on the same machine is never touched.
# The daemons run as the calling user (root on CI machines); nothing here needs systemd.
set -euo pipefail

# Absolute and without a trailing slash: daemons change directory, and the path is how
# daemon_pid recognises our processes.
dir=$(realpath -m "${PW_SLURM_DIR:-/tmp/pw-slurm}")
conf=$dir/slurm.conf
# slurmctld's port; slurmd's is the next one. Another value lets a second cluster (another
# PW_SLURM_DIR) run beside this one.
port=${PW_SLURM_PORT:-16817}
host=$(hostname -s)
daemons=(munged slurmctld slurmd)

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

install_packages() {
    local packages=(slurmctld slurmd slurm-client munge)
    # dpkg -s fails if any of them is missing (or only half installed): then install them all.
    if dpkg -s "${packages[@]}" >/dev/null 2>&1; then return; fi
    echo "== installing ${packages[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        "${packages[@]}" >/dev/null
}

# Whether process $1 exists and is not a zombie: a daemon that just died can linger as one
# where init does not reap (containers), and `kill -0` would still count it as alive.
pid_alive() {
    local state
    state=$(sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1) || return 1
    [ -n "$state" ] && [ "$state" != Z ]
}

# The PID of daemon $1 if the process its PID file names is still that daemon of this
# directory, else nothing: a file left by a killed session may name a PID the kernel has
# since given to an unrelated process, so the command line must be ours too.
daemon_pid() {
    local name=$1 file=$dir/$1.pid pid cmdline
    [ -s "$file" ] || return 0
    pid=$(tr -dc 0-9 2>/dev/null <"$file") || return 0  # it may vanish meanwhile
    [ -n "$pid" ] && pid_alive "$pid" || return 0
    cmdline=$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline") || return 0
    case $cmdline in
        *"$name"*"$dir/"*) echo "$pid" ;;
    esac
}
running() { [ -n "$(daemon_pid "$1")" ]; }

write_config() {
    mkdir -p "$dir/state" "$dir/spool" "$dir/log" "$dir/munge"
    # munged refuses a key directory others can write to; the socket beside the key must
    # stay reachable (x for all) for clients that are not the daemons' user.
    chmod 755 "$dir/munge"
    if [ ! -s "$dir/munge/munge.key" ]; then
        # Its own key, kept across restarts: a system munge's key is none of our business.
        dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none
        chmod 400 "$dir/munge/munge.key"
    fi
    local cpus memory
    cpus=$(nproc)
    # Slurm drains a node whose real memory is below RealMemory: stay 5% under.
    memory=$(( $(awk '/^MemTotal:/ {print $2}' /proc/meminfo) * 95 / 100 / 1024 ))
    cat >"$conf" <<CONF
# Written by tools/slurm-dev.sh start (rewritten on every start): a one-node local cluster.
ClusterName=pwdev
# 127.0.0.1 everywhere: no DNS needed for the machine's own name.
SlurmctldHost=$host(127.0.0.1)
# The calling user (root on CI): the daemons run as whoever starts them.
SlurmUser=$(id -un)
SlurmdUser=$(id -un)
# Not the default 6817/6818, so that a system Slurm may run beside this one.
SlurmctldPort=$port
SlurmdPort=$((port + 1))
# Our own munged: AuthInfo's socket= is read by both auth/munge and cred/munge.
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge/munge.socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
# Process groups rather than cgroups: works in containers and without systemd, so no
# cgroup.conf is needed.
ProctrackType=proctrack/pgid
TaskPlugin=task/none
MpiDefault=none
# The default (/bin/mail) is missing on most machines and logs an error.
MailProg=/bin/true
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
# Submitted batch jobs are scheduled by the controller's once-a-second background loop,
# but only batch_sched_delay (default 3 s) after the last such pass: 0 makes a trivial
# job start within about a second of sbatch.
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0,sched_interval=5,bf_interval=5
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
# A node that was down (a killed session) comes back as soon as its slurmd registers.
ReturnToService=2
# Seconds between a job's SIGTERM and SIGKILL on cancel or time-out.
KillWait=2
# Finished jobs stay visible to squeue -t all and scontrol for five minutes.
MinJobAge=300
InactiveLimit=0
SlurmdTimeout=30
# Take the node as configured even where the hardware detection differs (CI machines).
SlurmdParameters=config_overrides
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP OverSubscribe=FORCE
CONF
}

node_state() { SLURM_CONF=$conf sinfo -h -n "$host" -o %t 2>/dev/null | head -n1 || true; }

fail() {
    echo "slurm-dev: $*" >&2
    local log
    for log in "$dir"/log/*; do
        [ -s "$log" ] || continue
        echo "--- tail of $log" >&2
        tail -n 25 "$log" >&2
    done
    # Leave nothing half started behind: the caller's `stop` trap is not set yet.
    stop >/dev/null 2>&1 || true
    exit 1
}

start() {
    install_packages
    if running munged && running slurmctld && running slurmd; then
        echo "== the local Slurm is already running ($dir)"
        echo "export SLURM_CONF=$conf"
        return
    fi
    # Whatever is left of an earlier session (some daemons alive, stale PID files) goes first.
    stop >/dev/null
    write_config
    local started now state="" i name
    started=$(date +%s%N)
    export SLURM_CONF=$conf
    # Each daemon forks and writes its own PID file (the record `stop` uses). The parent's
    # status catches only early failures (a slurmctld whose port is taken exits 0 and dies
    # just after), hence the watch below. Their early messages go to a file, never to our
    # stdout, which a caller may be reading through a pipe that the daemons would keep open.
    # --force: start over a socket left by a killed munged.
    munged --force --key-file="$dir/munge/munge.key" --socket="$dir/munge/munge.socket" \
        --pid-file="$dir/munged.pid" --log-file="$dir/log/munged.log" \
        --seed-file="$dir/munge/munged.seed" </dev/null >>"$dir/log/munged.out" 2>&1 \
        || fail "munged did not start"
    # -i: start even if the saved state of an earlier (killed) session cannot be read.
    slurmctld -f "$conf" -i </dev/null >>"$dir/log/slurmctld.out" 2>&1 || fail "slurmctld did not start"
    slurmd -f "$conf" -N "$host" </dev/null >>"$dir/log/slurmd.out" 2>&1 || fail "slurmd did not start"
    for i in $(seq 1 240); do
        state=$(node_state)
        case $state in
            idle | mix | alloc) break ;;
            # Normally the node goes idle as slurmd registers (ReturnToService=2); if it is
            # still down/drained/unknown after 5 s, resume it once.
            down* | drain* | unk* | inval*)
                if [ "$i" -eq 20 ]; then
                    scontrol update nodename="$host" state=resume >/dev/null 2>&1 || true
                fi
                ;;
        esac
        for name in "${daemons[@]}"; do running "$name" || fail "$name died while starting"; done
        sleep 0.25
    done
    case $state in
        idle | mix | alloc) ;;
        *) fail "the node did not become idle within 60 s (state '${state:-none}')" ;;
    esac
    # An idle node is not yet a working cluster: slurmctld starts no job in its first ~3 s,
    # and a launch can still fail (credentials, slurmstepd). One trivial job run to the end
    # proves the whole chain, so that the caller's first job starts within a second.
    local probe
    probe=$(sbatch --parsable --job-name=slurm-dev-probe --chdir="$dir" --output=/dev/null \
        --wrap true 2>&1) || fail "sbatch of a probe job failed: $probe"
    state=""
    for i in $(seq 1 120); do
        state=$(squeue -h -t all -j "$probe" -o %T 2>/dev/null || true)
        case $state in
            COMPLETED) break ;;
            "" | PENDING | CONFIGURING | RUNNING | COMPLETING) sleep 0.25 ;;
            *) fail "the probe job $probe ended $state" ;;
        esac
    done
    [ "$state" = COMPLETED ] || fail "the probe job $probe did not complete within 30 s (${state:-unknown})"
    now=$(date +%s%N)
    printf '== local Slurm up in %d.%02d s (a probe job ran): node %s ready, PIDs munged %s slurmctld %s slurmd %s (%s)\n' \
        $(((now - started) / 1000000000)) $(((now - started) / 10000000 % 100)) "$host" \
        "$(daemon_pid munged)" "$(daemon_pid slurmctld)" "$(daemon_pid slurmd)" "$dir"
    echo "export SLURM_CONF=$conf"
}

stop_daemon() {
    local name=$1 pid i
    pid=$(daemon_pid "$name")
    if [ -n "$pid" ]; then
        kill -TERM "$pid" 2>/dev/null || true
        # Wait for the process, not its PID file: the daemons remove that first.
        for i in $(seq 1 50); do
            pid_alive "$pid" || break
            sleep 0.1
        done
        if pid_alive "$pid"; then
            echo "$name ($pid) ignored SIGTERM for 5 s: SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
        fi
        echo "stopped $name ($pid)"
    fi
    rm -f "$dir/$name.pid"
}

stop() {
    # Only the daemons: no job is cancelled. As on any Slurm, a running job's slurmstepd
    # outlives slurmd, and the next start's slurmd and slurmctld take it up again.
    local live
    if running slurmctld && running munged; then
        live=$(SLURM_CONF=$conf squeue -h -t running,completing -o %i 2>/dev/null | wc -l) || live=0
        if [ "$live" -gt 0 ]; then
            echo "note: $live job(s) still running; they keep running (slurmstepd) until they end"
        fi
    fi
    # slurmd first (it reports to the controller), munged last (both need it).
    stop_daemon slurmd
    stop_daemon slurmctld
    stop_daemon munged
    echo "== local Slurm stopped ($dir)"
}

status() {
    local name pid
    for name in "${daemons[@]}"; do
        pid=$(daemon_pid "$name")
        if [ -n "$pid" ]; then echo "$name: running (pid $pid)"; else echo "$name: not running"; fi
    done
    if running slurmctld && running munged; then
        SLURM_CONF=$conf sinfo
        SLURM_CONF=$conf squeue
    fi
    echo "export SLURM_CONF=$conf"
}

case ${1:-} in
    start) start ;;
    stop) stop ;;
    status) status ;;
    env) echo "export SLURM_CONF=$conf" ;;
    *)
        echo "usage: $0 start|stop|status|env   (state in \${PW_SLURM_DIR:-/tmp/pw-slurm})" >&2
        exit 2
        ;;
esac
