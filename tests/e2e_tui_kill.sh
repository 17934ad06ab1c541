#!/bin/sh
# e2e_tui_kill.sh - a scripted study session in the tutor (tmux), killed with
# SIGKILL at a random moment, TUI_KILLS times (default 20).  Each run opens study
# and answers cards as fast as keys arrive; the kill lands anywhere, including
# inside a commit.  Afterwards the database must pass integrity_check and labprep
# doctor, and no answer may be half-saved: every card's review count equals its
# review-log rows, and each row follows the one before it (no two rows of a card
# start from the same review count).  Prints "ok N - what" / "not ok N - what".
cd "$(dirname "$0")/.." || exit 1
BIN=$PWD/labprep
T=$(mktemp -d /tmp/labprep-tuikill-XXXXXX)
SOCK="$T/tmux.sock"
tm() { tmux -S "$SOCK" "$@"; }
trap 'tm kill-server 2>/dev/null; rm -rf "$T"' EXIT
export HOME="$T/home" XDG_DATA_HOME="$T/data" XDG_CONFIG_HOME="$T/config" TZ=UTC LANG=C.UTF-8
export LABPREP_CONTENT_DIR="$PWD/content" LABPREP_NOW=2026-01-15T09:00:00Z
unset LABPREP_DB LABPREP_CONFIG NO_COLOR
DB="$XDG_DATA_HOME/labprep/labprep.db"
KILLS=${TUI_KILLS:-20}
n=0
pass() { n=$((n + 1)); echo "ok $n - $1"; }
fail() { n=$((n + 1)); echo "not ok $n - $1"; }
q() { sqlite3 "$DB" "$1"; }
if ! command -v tmux >/dev/null 2>&1; then echo "# skipped: tmux is not installed"; exit 0; fi
seed=777
rand() { seed=$(( (seed * 1103515245 + 12345) % 2147483648 )); R=$(( (seed / 65536) % $1 )); }

# The bundled content, with room for many new cards a day, so every session has work.
mkdir -p "$XDG_CONFIG_HOME/labprep"
printf 'new_per_day: 500\n' >"$XDG_CONFIG_HOME/labprep/config.yaml"
"$BIN" due >/dev/null 2>&1 # create the database and make today's backup first
tm new-session -d -s lp -x 80 -y 24 "sleep 3600"
killed=0; day=15
for trial in $(seq 1 "$KILLS"); do
    # A new study day every few trials, so that there are always cards to answer.
    [ $((trial % 5)) = 0 ] && day=$((day + 1))
    tm respawn-pane -k -t lp "env TERM=xterm-256color LABPREP_NOW=2026-01-${day}T09:00:00Z '$BIN'; sleep 3600"
    sleep 0.3
    # Our tutor is the child of this pane's shell (never another test's labprep).
    pid=$(pgrep -P "$(tm display -p -t lp '#{pane_pid}')" -f "$BIN")
    # Study: reveal and grade as fast as the keys go (typed-answer cards get "3").
    tm send-keys -t lp s
    for k in 1 2 3 4 5 6 7 8; do tm send-keys -t lp Space 3 Enter Enter Space 3; done
    rand 400; sleep "$(printf '0.%03d' $R)"
    if [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; then killed=$((killed + 1)); fi
    sleep 0.1
done
tm kill-server 2>/dev/null

answers=$(q "SELECT count(*) FROM revlog")
if [ "$killed" -eq "$KILLS" ] && [ "$answers" -gt 0 ]; then
    pass "$KILLS tutor sessions killed with SIGKILL mid-study ($answers answers saved in all)"
else
    fail "tutor sessions: $killed of $KILLS killed, $answers answers"
fi
if [ "$(q 'PRAGMA integrity_check')" = ok ]; then pass "integrity_check is ok after the kills"
else fail "integrity_check after the kills"; fi
if "$BIN" doctor >"$T/doctor" 2>&1; then pass "labprep doctor passes after the kills"
else fail "labprep doctor after the kills"; sed 's/^/#   /' "$T/doctor" | head; fi
bad=$(q "SELECT count(*) FROM cards c WHERE reps <>
    (SELECT count(*) FROM revlog r WHERE r.card_id = c.id AND r.mode IN ('study','cram'))")
dup=$(q "SELECT count(*) - count(DISTINCT card_id || ':' || reps_before) FROM revlog")
if [ "$bad" = 0 ] && [ "$dup" = 0 ]; then pass "no answer was half-saved or saved twice"
else fail "$bad cards whose review count differs from their log, $dup repeated rows"; fi
