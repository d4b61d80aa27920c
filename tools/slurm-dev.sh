#!/usr/bin/env bash
# A single-node Slurm for development and CI: the cluster the Slurm executor's tests run on.
#
#   tools/slurm-dev.sh start    install the packages if missing, start munged, slurmctld, slurmd
#   tools/slurm-dev.sh stop     stop exactly the daemons `start` started (by their PIDs)
#   tools/slurm-dev.sh status   what runs, and sinfo/squeue
#   tools/slurm-dev.sh env      the line that points Slurm's commands at this cluster
#
# Everything lives in one directory ($PW_SLURM_DIR, default /tmp/pw-slurm): configuration,
# munge key and socket, spool, logs and PID files, so that a system Slurm or munge on the
# same machine is never touched. Daemons run as the calling user (root on CI machines).
set -euo pipefail

dir=${PW_SLURM_DIR:-/tmp/pw-slurm}
conf=$dir/slurm.conf
host=$(hostname -s)
sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

install_packages() {
    local packages=(slurmctld slurmd slurm-client munge)
    if dpkg -s "${packages[@]}" >/dev/null 2>&1; then return; fi
    echo "== installing ${packages[*]}"
    sudo_if_needed apt-get update -qq
    sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
}

alive() { [ -f "$dir/$1.pid" ] && kill -0 "$(cat "$dir/$1.pid")" 2>/dev/null; }

write_config() {
    mkdir -p "$dir/state" "$dir/spool" "$dir/log" "$dir/munge"
    chmod 700 "$dir/munge"
    if [ ! -s "$dir/munge/munge.key" ]; then
        dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none
        chmod 400 "$dir/munge/munge.key"
    fi
    local cpus memory
    cpus=$(nproc)
    memory=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 - 512 ))
    # Short intervals so that a job starts within a fraction of a second of its submission;
    # proctrack/pgid and no cgroups: nothing here needs systemd. Finished jobs stay known for
    # five minutes (MinJobAge), which the executor's polls rely on.
    cat > "$conf" <<CONF
ClusterName=pwdev
SlurmctldHost=$host(127.0.0.1)
SlurmUser=$(id -un)
SlurmdUser=$(id -un)
SlurmctldPort=16817
SlurmdPort=16818
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.socket
CredType=cred/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid.slurm
SlurmdPidFile=$dir/slurmd.pid.slurm
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/pgid
TaskPlugin=task/none
MpiDefault=none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
SchedulerParameters=sched_min_interval=0,batch_sched_delay=0
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
ReturnToService=2
KillWait=2
MinJobAge=300
InactiveLimit=0
SlurmdTimeout=30
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP OverSubscribe=FORCE
CONF
    # No cgroup.conf: Slurm 22.05 has no "disabled" cgroup plugin, and with proctrack/pgid
    # and task/none the autodetected one is only loaded, never used.
    rm -f "$dir/cgroup.conf"
}

node_state() { SLURM_CONF=$conf sinfo -h -n "$host" -o %t 2>/dev/null | head -n1 || true; }

start() {
    install_packages
    if alive munged && alive slurmctld && alive slurmd; then
        echo "== the local Slurm is already running ($dir)"
        echo "export SLURM_CONF=$conf"
        return
    fi
    stop >/dev/null 2>&1 || true
    write_config
    local started=$SECONDS
    munged --force --key-file="$dir/munge/munge.key" --socket="$dir/munge/munge.socket" \
        --pid-file="$dir/munged.pid" --log-file="$dir/log/munged.log" --seed-file="$dir/munge/munge.seed"
    export SLURM_CONF=$conf
    # -D would keep them in the foreground: they fork, and write their PIDs where we said.
    slurmctld -f "$conf" -i
    slurmd -f "$conf"
    for _ in $(seq 1 100); do
        [ -s "$dir/slurmctld.pid.slurm" ] && [ -s "$dir/slurmd.pid.slurm" ] && break
        sleep 0.1
    done
    cp "$dir/slurmctld.pid.slurm" "$dir/slurmctld.pid" 2>/dev/null || true
    cp "$dir/slurmd.pid.slurm" "$dir/slurmd.pid" 2>/dev/null || true
    local state=""
    for i in $(seq 1 120); do
        state=$(node_state)
        case $state in
            idle|mix|alloc) break ;;
            down*|drain*|unk*) [ "$i" -eq 20 ] && scontrol update nodename="$host" state=resume 2>/dev/null || true ;;
        esac
        sleep 0.5
    done
    if [[ $state != idle && $state != mix && $state != alloc ]]; then
        echo "the local Slurm did not come up (node state '${state:-none}')" >&2
        for log in "$dir"/log/*.log; do echo "--- $log" >&2; tail -n 20 "$log" >&2; done
        exit 1
    fi
    echo "== local Slurm up in $((SECONDS - started)) s: node $host $state ($dir)"
    echo "export SLURM_CONF=$conf"
}

stop_daemon() {
    local name=$1 pid
    [ -f "$dir/$name.pid" ] || return 0
    pid=$(cat "$dir/$name.pid")
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$dir/$name.pid"
}

stop() {
    # slurmd first: it reports to the controller, which needs munge.
    stop_daemon slurmd
    stop_daemon slurmctld
    stop_daemon munged
    echo "== local Slurm stopped"
}

status() {
    for name in munged slurmctld slurmd; do
        if alive "$name"; then echo "$name: running (pid $(cat "$dir/$name.pid"))"; else echo "$name: not running"; fi
    done
    if alive slurmctld; then
        SLURM_CONF=$conf sinfo
        SLURM_CONF=$conf squeue
    fi
}

case ${1:-} in
    start) start ;;
    stop) stop ;;
    status) status ;;
    env) echo "export SLURM_CONF=$conf" ;;
    *) echo "usage: $0 start|stop|status|env" >&2; exit 2 ;;
esac
