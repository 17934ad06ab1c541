#!/bin/sh
# conformance.sh [N] [replay options] - check labprep's FSRS-6 replay against ts-fsrs.
#
#   sh tests/tools/fsrs/conformance.sh 1000000
#   sh tests/tools/fsrs/conformance.sh 100000 --retention 0.85 --max-interval 365
#
# Generates a seeded log of N events (default 100000; SEED=1, CARDS=N/10 by default),
# replays it with labprep's core (a small driver built from core/fsrs.c and
# core/replay.c; set REPLAY_CMD to use another command, e.g. "./labprep fsrs replay")
# and with ts-fsrs on node, then prints the event count, the largest relative error of
# S and D, the fraction of identical intervals and dues, both wall times and the speed
# ratio.  Needs cc, node and npm; ts-fsrs is installed with npm into a scratch
# directory outside the repository ($LABPREP_TSFSRS_DIR, default
# ${TMPDIR:-/tmp}/labprep-ts-fsrs) the first time.  Exits non-zero on any difference.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
n=${1:-100000}
[ $# -gt 0 ] && shift
seed=${SEED:-1}
cards=${CARDS:-0}
tsdir=${LABPREP_TSFSRS_DIR:-${TMPDIR:-/tmp}/labprep-ts-fsrs}

if [ ! -f "$tsdir/node_modules/ts-fsrs/package.json" ]; then
    echo "installing ts-fsrs into $tsdir" >&2
    mkdir -p "$tsdir"
    cp "$here/package.json" "$tsdir/package.json"
    (cd "$tsdir" && npm install --no-audit --no-fund --silent >/dev/null)
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

if [ -z "${REPLAY_CMD:-}" ]; then
    ${CC:-cc} -std=c11 -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 -O2 -I"$root/include" \
        -o "$work/replay_driver" "$here/replay_driver.c" "$root/core/fsrs.c" \
        "$root/core/replay.c" "$root/core/clock.c" "$root/core/err.c" -lm
    REPLAY_CMD="$work/replay_driver"
fi

now() { date +%s.%N; }

node "$here/gen_log.js" --events "$n" --cards "$cards" --seed "$seed" >"$work/log.tsv"

# Ours is timed three times and the best kept (it is short, so other load on the
# machine shows); ts-fsrs once.
best=""
for run in 1 2 3; do
    a=$(now)
    $REPLAY_CMD "$@" <"$work/log.tsv" >"$work/ours.tsv"
    b=$(now)
    best=$(awk -v a="$a" -v b="$b" -v best="$best" 'BEGIN { d = b - a; print (best == "" || d < best) ? d : best }')
done
t1=$(now)
NODE_PATH="$tsdir/node_modules" node "$here/tsfsrs_replay.js" "$@" "$work/log.tsv" >"$work/theirs.tsv"
t2=$(now)

status=0
node "$here/compare.js" "$work/ours.tsv" "$work/theirs.tsv" || status=$?
awk -v ours="$best" -v b="$t1" -v c="$t2" 'BEGIN {
    theirs = c - b;
    printf "labprep replay:         %.3f s (best of 3)\n", ours;
    printf "ts-fsrs (node):         %.3f s\n", theirs;
    printf "speed ratio:            %.1fx\n", (ours > 0 ? theirs / ours : 0);
}'
exit $status
