#!/bin/sh
# e2e_tui_storm.sh - the tutor in tmux under a storm of random keys and resizes.
#
# STORM_KEYS (default 5000) keys, drawn with a fixed seed from every key the tutor
# binds plus digits, text and control keys, are sent in batches of 40, with the
# window resized at random (down to 8x4, up to 220x60) between batches.  The tutor
# runs in a loop, so when a key quits it (Q, Ctrl-C) the next one starts and the
# storm goes on.  Passes when no run ended in a crash (killed by a signal other than
# the SIGINT of a Ctrl-C sent during start-up), and the
# database is whole afterwards: integrity_check, labprep doctor, and every card's
# review count matching its review log.  Prints "ok N - what" / "not ok N - what".
cd "$(dirname "$0")/.." || exit 1
BIN=$PWD/labprep
T=$(mktemp -d /tmp/labprep-storm-XXXXXX)
SOCK="$T/tmux.sock"
tm() { tmux -S "$SOCK" "$@"; }
trap 'tm kill-server 2>/dev/null; rm -rf "$T"' EXIT
export HOME="$T/home" XDG_DATA_HOME="$T/data" XDG_CONFIG_HOME="$T/config" TZ=UTC LANG=C.UTF-8
export LABPREP_CONTENT_DIR="$PWD/tests/fixtures/e2e_plan" LABPREP_NOW=2026-01-15T09:00:00Z
export EDITOR=true VISUAL=true
unset LABPREP_DB LABPREP_CONFIG NO_COLOR
DB="$XDG_DATA_HOME/labprep/labprep.db"
KEYS=${STORM_KEYS:-5000}
n=0
pass() { n=$((n + 1)); echo "ok $n - $1"; }
fail() { n=$((n + 1)); echo "not ok $n - $1"; }
if ! command -v tmux >/dev/null 2>&1; then echo "# skipped: tmux is not installed"; exit 0; fi

# Some history first: a plan, a few answers, a paper read (so more screens have data).
"$BIN" plan start --track rs --start 2026-01-07 >/dev/null 2>&1
for c in e2e-d1 e2e-d2 e2e-d3; do "$BIN" answer $c good >/dev/null 2>&1; done
"$BIN" reading set e2e-paper read >/dev/null 2>&1

# Ctrl-C reaches the whole foreground process group: the loop shell must survive
# it (a trap, not SIG_IGN, so that labprep starts with the default action).
cat >"$T/loop.sh" <<EOF
trap : INT
while [ ! -e "$T/stop" ]; do
    env TERM=xterm-256color "$BIN" 2>>"$T/stderr"
    echo \$? >>"$T/codes"
done
touch "$T/stopped"
EOF
tm new-session -d -s lp -x 80 -y 24 "sh '$T/loop.sh'"
sleep 0.5

# The storm, written out in advance so that it is the same every time.
awk -v keys="$KEYS" 'BEGIN {
    srand(20261123)
    n = split("s m b p c r w u y n a f R S H v t e j k h l q ? / 0 1 2 3 4 5 . x z " \
              "Space Enter Enter Escape Up Down Left Right PageUp PageDown Home End Tab BSpace " \
              "DC F1 C-l C-a C-e C-u C-w é σ " \
              "s s s 1 2 3 4 3 3 Space Space u", k, " ")    # the last line: study more
    for (sent = 0; sent < keys; ) {
        line = "keys"
        for (i = 0; i < 40 && sent < keys; i++) {
            r = rand()    # quitting keys are rarer, so that each run gets somewhere
            key = r < 0.004 ? "Q" : r < 0.008 ? "C-c" : k[int(rand() * n) + 1]
            line = line " " key; sent++
        }
        print line
        if (rand() < 0.35) printf "resize %d %d\n", 8 + int(rand() * 213), 4 + int(rand() * 57)
    }
}' >"$T/storm"
resizes=$(grep -c '^resize' "$T/storm")

while read -r what a b; do
    if [ "$what" = resize ]; then
        tm resize-window -t lp -x "$a" -y "$b" 2>/dev/null
    else
        # shellcheck disable=SC2086
        tm send-keys -t lp $a $b
    fi
done <"$T/storm"
sleep 1
tm resize-window -t lp -x 80 -y 24 2>/dev/null
touch "$T/stop"
i=0
while [ ! -e "$T/stopped" ] && [ $i -lt 50 ]; do
    tm send-keys -t lp C-c 2>/dev/null; sleep 0.2; i=$((i + 1))
done

runs=$(wc -l <"$T/codes")
# 130 is a Ctrl-C that arrived before the tutor set its handler (during start-up):
# the user asked to stop, and the default action did.  Any other signal is a crash.
crashes=$(awk '$1 >= 128 && $1 != 130' "$T/codes" | wc -l)
others=$(awk '$1 != 0 && $1 < 128' "$T/codes" | wc -l)
if [ -e "$T/stopped" ] && [ "$crashes" -eq 0 ] && [ "$others" -eq 0 ]; then
    pass "$KEYS random keys and $resizes resizes: the tutor ran $runs times, never crashed"
else
    fail "storm: $crashes of $runs runs crashed, $others failed (exit statuses: $(sort -n "$T/codes" | uniq -c | tr '\n' ' '))"
    tail -n 5 "$T/stderr" | sed 's/^/#   /'
fi
if [ "$(sqlite3 "$DB" 'PRAGMA integrity_check')" = ok ]; then pass "integrity_check is ok after the storm"
else fail "integrity_check after the storm"; fi
if "$BIN" doctor >"$T/doctor" 2>&1; then pass "labprep doctor passes after the storm"
else fail "labprep doctor after the storm"; sed 's/^/#   /' "$T/doctor" | head; fi
answers=$(sqlite3 "$DB" "SELECT count(*) FROM revlog")
bad=$(sqlite3 "$DB" "SELECT count(*) FROM cards c WHERE reps <>
    (SELECT count(*) FROM revlog r WHERE r.card_id = c.id AND r.mode IN ('study','cram'))")
if [ "$bad" = 0 ]; then pass "every card's review count matches its log ($answers answers in all)"
else fail "$bad cards whose review count differs from their log"; fi
