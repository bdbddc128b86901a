#!/bin/sh
# shellcheck disable=SC2317 # cleanup() and stop_daemons() run from the trap
# SPDX-License-Identifier: MIT
# The cluster workflow of docs/cluster.md on a one-node Slurm cluster started here: munged,
# slurmctld and slurmd with a minimal configuration in a temporary folder (ports on loopback
# only, no accounting). The dev data (../shared/data/panl-int-dev) cut into 40 documents of 83
# line pairs is ingested by a 4-task job array (docs/slurm/ingest.sbatch), the shards merged by a
# dependent job (docs/slurm/merge.sbatch), and the glossary and parallel exports of the merged
# database compared byte for byte with those of one `selaras ingest` run over the same list.
# The daemons are stopped on any exit.
#
# Without Slurm (slurm-wlm and munge; .ci/install-deps installs them) the test is skipped, unless
# CI is set: then it fails. The daemons need root (or sudo without a password).
set -u
PATH=$PATH:/usr/sbin:/sbin
missing() {
    if [ -n "${CI:-}" ]; then
        echo "FAIL: CI is set and $1 (.ci/install-deps installs slurm-wlm and munge)"
        exit 1
    fi
    echo "SKIP: $1; install slurm-wlm and munge (.ci/install-deps) to run this test"
    exit 77
}
for tool in munged mungekey slurmctld slurmd sbatch sinfo squeue scancel; do
    command -v "$tool" >/dev/null 2>&1 || missing "Slurm is not installed ($tool not found)"
done
if [ "$(id -u)" -eq 0 ]; then
    sudo=""
elif sudo -n true 2>/dev/null; then
    sudo="sudo -n"
else
    missing "the Slurm daemons need root, and sudo asks for a password"
fi
# the dev data from ../shared, or skipped (failed under CI) before any daemon starts
. "$(dirname "$0")/../shared_data.sh"
shared_need data/panl-int-dev/id.txt data/panl-int-dev/en.txt

# run inside a Slurm job itself (a CI runner on a cluster), its settings would leak into ours
for v in $(env | sed -n 's/^\(SLURM_[A-Z_]*\|SBATCH_[A-Z_]*\|SALLOC_[A-Z_]*\)=.*/\1/p'); do unset "$v"; done

tmp=$(mktemp -d)
chmod 755 "$tmp" # munged wants its socket's folder searchable by all
conf=$tmp/slurm.conf
export SLURM_CONF="$conf"
stop_daemons() {
    for name in slurmd slurmctld munged; do
        [ -s "$tmp/$name.pid" ] || continue
        pid=$(cat "$tmp/$name.pid")
        $sudo kill "$pid" 2>/dev/null
        for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
            $sudo kill -0 "$pid" 2>/dev/null || break
            sleep 0.5
        done
        $sudo kill -9 "$pid" 2>/dev/null
    done
}
cleanup() {
    [ -f "$conf" ] && [ -s "$tmp/slurmctld.pid" ] && scancel --quiet --user "$(id -un)" 2>/dev/null
    stop_daemons
    $sudo rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 2' HUP INT TERM
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
show_logs() { for f in "$tmp"/log/*; do echo "== $f"; tail -n 20 "$f"; done; }

# Two free ports on loopback for slurmctld and slurmd.
read -r ctld_port slurmd_port <<EOF
$(/usr/bin/python3 -c 'import socket
socks = [socket.socket() for _ in range(2)]
for s in socks: s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in socks])')
EOF
host=$(hostname -s)
mkdir -p "$tmp/state" "$tmp/spool" "$tmp/log" "$tmp/work"
cat >"$conf" <<EOF
ClusterName=selaras-test
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$tmp/munge.sock
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/log/slurmctld.log
SlurmdLogFile=$tmp/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
DependencyParameters=kill_invalid_depend
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
MpiDefault=none
ReturnToService=2
NodeName=$host NodeAddr=127.0.0.1 CPUs=2 State=UNKNOWN
PartitionName=selaras Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF

$sudo mungekey -c -k "$tmp/munge.key" || { fail "mungekey"; exit 1; }
$sudo munged --socket="$tmp/munge.sock" --key-file="$tmp/munge.key" --pid-file="$tmp/munged.pid" \
    --log-file="$tmp/log/munged.log" --seed-file="$tmp/munge.seed" || { fail "munged did not start"; show_logs; exit 1; }
$sudo slurmctld -f "$conf" || { fail "slurmctld did not start"; show_logs; exit 1; }
$sudo slurmd -f "$conf" -N "$host" || { fail "slurmd did not start"; show_logs; exit 1; }
state=""
for _ in $(seq 120); do
    state=$(sinfo -h -n "$host" -o %T 2>/dev/null)
    [ "$state" = idle ] && break
    sleep 0.5
done
[ "$state" = idle ] || { fail "the node is not idle after 60 s (state '$state')"; show_logs; exit 1; }

# 40 documents of 83 line pairs (3,320 lines), listed SOURCE<TAB>TRANSLATION.
cd "$tmp/work" || exit 1
dev=$SHARED/data/panl-int-dev
split -l 83 -d -a 2 --additional-suffix=.id.txt "$dev/id.txt" doc-
split -l 83 -d -a 2 --additional-suffix=.en.txt "$dev/en.txt" doc-
for f in doc-*.id.txt; do printf '%s\t%s\n' "$f" "${f%.id.txt}.en.txt"; done >list.txt
[ "$(grep -c '' list.txt)" = 40 ] || fail "expected 40 documents, listed $(grep -c '' list.txt)"

slurm=$SEL_SOURCE_ROOT/docs/slurm
array=$(sbatch --parsable --array=0-3 --output="$tmp/log/ingest-%a.log" "$slurm/ingest.sbatch" list.txt shards) ||
    { fail "sbatch of the array"; show_logs; exit 1; }
merge=$(sbatch --parsable --dependency="afterok:$array" --output="$tmp/log/merge.log" \
    "$slurm/merge.sbatch" merged.db shards) || { fail "sbatch of the merge"; show_logs; exit 1; }

# Meanwhile, the reference: one run over the list, in order.
while IFS="$(printf '\t')" read -r src tgt; do
    "$SELARAS" ingest -q --db single.db --translation "$tgt" "$src" || fail "ingest $src"
done <list.txt

# Wait for both jobs to leave the queue (bounded: 15 minutes).
waited=0
while [ -n "$(squeue -h -j "$array,$merge" -o %i 2>/dev/null)" ] && [ $waited -lt 900 ]; do
    sleep 2
    waited=$((waited + 2))
done
[ $waited -lt 900 ] || { fail "the jobs did not finish in 15 minutes"; squeue; show_logs; exit 1; }
[ -f merged.db ] || { fail "no merged database"; show_logs; exit 1; }

sql() { /usr/bin/python3 -c 'import sqlite3, sys
for row in sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True).execute(sys.argv[2]): print("|".join(str(v) for v in row))' "$1" "$2"; }
for i in 0 1 2 3; do
    n=$(sql "shards/shard-000$i.db" "SELECT count(*) FROM document WHERE translation_of IS NULL")
    [ "$n" = 10 ] || fail "shard $i holds $n documents, not 10"
done
first=$(sql shards/shard-0002.db "SELECT path FROM document ORDER BY id LIMIT 1")
[ "$first" = doc-20.id.txt ] || fail "shard 2 starts with $first, not doc-20.id.txt"
grep -q "4 shards: 40 documents copied (0 replacing older versions), 0 unchanged" "$tmp/log/merge.log" ||
    { fail "merge report"; cat "$tmp/log/merge.log"; }

for db in single merged; do
    mkdir "$db"
    "$SELARAS" glossary --db "$db.db" >"$db/glossary.txt"
    "$SELARAS" export glossary --db "$db.db" --format tbx -o "$db/glossary.tbx"
    "$SELARAS" export glossary --db "$db.db" --format csv -o "$db/glossary.csv"
    "$SELARAS" export parallel --db "$db.db" --format tmx -o "$db/parallel.tmx" 2>/dev/null
    "$SELARAS" export parallel --db "$db.db" --format jsonl -o "$db/parallel.jsonl" 2>/dev/null
    "$SELARAS" export parallel --db "$db.db" --format moses -o "$db/moses" 2>/dev/null
done
for f in single/*; do
    [ -s "$f" ] || fail "$f is empty"
    cmp "$f" "merged/${f#single/}" || fail "merged/${f#single/} differs from the single run"
done
[ "$(grep -c '' single/moses.id)" -ge 3000 ] || fail "only $(grep -c '' single/moses.id) parallel pairs"

if [ "$failures" = 0 ]; then echo "all checks passed"; else show_logs; fi
exit $((failures > 0))
