#!/bin/sh
# make_fixtures.sh - regenerate the golden vectors in tests/fixtures/fsrs/ from ts-fsrs.
#
#   sh tests/tools/fsrs/make_fixtures.sh
#
# Needs node and npm; ts-fsrs is installed as in conformance.sh.  The files are
# committed, so the unit tests need neither node nor network.  Regenerate only on
# purpose (e.g. to follow a new ts-fsrs release) and review the diff.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/../../fixtures" && pwd)/fsrs
tsdir=${LABPREP_TSFSRS_DIR:-${TMPDIR:-/tmp}/labprep-ts-fsrs}
if [ ! -f "$tsdir/node_modules/ts-fsrs/package.json" ]; then
    mkdir -p "$tsdir"
    cp "$here/package.json" "$tsdir/package.json"
    (cd "$tsdir" && npm install --no-audit --no-fund --silent >/dev/null)
fi
export NODE_PATH="$tsdir/node_modules"
mkdir -p "$out"

# Replay (long-term scheduler), default parameters.
node "$here/gen_log.js" --events 3000 --cards 300 --seed 11 >"$out/replay_default.log"
node "$here/tsfsrs_replay.js" "$out/replay_default.log" >"$out/replay_default.expected"

# Replay with retention 0.85, max interval 365 and custom weights.
CUSTOM_W=0.3,1.1,2.9,10.5,6.8,0.6,2.7,0.02,1.6,0.2,0.9,1.7,0.08,0.3,1.4,0.45,2.1,0.7,0.2,0.1,0.25
node "$here/gen_log.js" --events 1000 --cards 100 --seed 12 >"$out/replay_custom.log"
node "$here/tsfsrs_replay.js" --retention 0.85 --max-interval 365 --params "$CUSTOM_W" \
    "$out/replay_custom.log" >"$out/replay_custom.expected"

# Scheduler with learning steps (short-term), fuzz off, defaults.
node "$here/gen_sched.js" --cards 40 --answers 30 --seed 21 >"$out/sched_default.tsv"

# Scheduler: retention 0.85, max 365, steps 5m 30m 1d / 10m 1h, weights whose
# w17 and w18 exceed the ceiling ts-fsrs derives for two relearning steps.
SCHED_W=0.25,1.0,3.0,12.0,6.0,0.9,2.5,0.01,1.7,0.15,0.85,1.6,0.07,0.28,1.5,0.5,2.0,1.2,0.9,0.12,0.3
node "$here/gen_sched.js" --cards 25 --answers 30 --seed 22 --retention 0.85 \
    --max-interval 365 --params "$SCHED_W" --learning 5m,30m,1d --relearning 10m,1h \
    >"$out/sched_custom.tsv"
ls -l "$out"
