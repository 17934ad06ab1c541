#!/bin/sh
# e2e_tui.sh - the real tutor in a real terminal (tmux), as a user would drive it:
# home counts, studying with typed answers, undo, resize, help, quit.
# Prints "ok N - what" / "not ok N - what".
cd "$(dirname "$0")/.." || exit 1
BIN=$PWD/labprep
T=$(mktemp -d /tmp/labprep-tui-XXXXXX)
SOCK="$T/tmux.sock"
trap 'tm kill-server 2>/dev/null; rm -rf "$T"' EXIT
export HOME="$T/home" XDG_DATA_HOME="$T/data" XDG_CONFIG_HOME="$T/config" TZ=UTC LANG=C.UTF-8
export LABPREP_CONTENT_DIR="$PWD/tests/fixtures/e2e/content" LABPREP_NOW=2026-01-05T09:00:00Z
unset LABPREP_DB LABPREP_CONFIG NO_COLOR
DB="$XDG_DATA_HOME/labprep/labprep.db"
n=0
. "$PWD/tests/lib_tui.sh"

tm new-session -d -s lp -x 80 -y 24 "env TERM=xterm-256color '$BIN'; echo EXITED \$?; sleep 30"
screen 0.8
expect "home shows the five new cards of the fixture" "Today, after the daily limits  *0  *0  *5"
expect "home lists the sections" "Statistics and probability"
expect "home says what to do" "Press s to study"

tm send-keys -t lp s
screen
expect "study opens on the first new card (interleaved: algebra first)" "rank of \[\[1, 2\], \[2, 4\]\]"
expect "a machine-checked card asks for a typed answer" "Your answer (a number)"
tm send-keys -t lp 1 Enter
screen
expect "a right typed answer is judged right" "✓ right"
expect "the grade buttons show intervals" "3 Good 10m"
tm send-keys -t lp Enter
screen
expect "Enter accepts the proposed grade; the next topic's card follows" "two heads in two fair coin"
tm send-keys -t lp 0.3 Enter
screen
expect "a wrong typed answer is judged wrong" "✗ wrong"
tm send-keys -t lp 1
screen
expect "the third card is the next algebra card" "trace of a square matrix"
tm send-keys -t lp Space
screen
expect "Space reveals the answer" "sum of its diagonal entries"
tm send-keys -t lp 3
screen
is "studying three cards wrote three review rows" "$(sql 'SELECT count(*) FROM revlog')" 3
is "the typed verdicts are stored with the answers" \
    "$(sql "SELECT group_concat(card_id || '=' || correct, ' ') FROM (SELECT card_id, correct FROM revlog WHERE correct IS NOT NULL ORDER BY id)")" \
    "e2e-rank=1 e2e-coin=0"
is "the grades are as given" "$(sql 'SELECT group_concat(grade, "") FROM (SELECT grade FROM revlog ORDER BY id)')" 313

tm send-keys -t lp u
screen
is "undo removes one review row" "$(sql 'SELECT count(*) FROM revlog')" 2
expect "undo shows the card again" "trace of a square matrix"
is "undo restored the card to new" "$(sql "SELECT state || ':' || reps FROM cards WHERE id = 'e2e-trace'")" "0:0"

tm resize-window -t lp -x 60 -y 20
screen
expect "a small terminal gets a plain notice" "terminal too small (need 80x24, have 60x20)"
tm resize-window -t lp -x 80 -y 24
screen
expect "growing back keeps the session on the same card" "trace of a square matrix"

tm send-keys -t lp ?
screen
expect "? shows this screen's keys" "Again: forgot it"
expect "help is generated from the action table" "undo the last answer"
tm send-keys -t lp q
screen
expect "q leaves help back to the card" "trace of a square matrix"

tm send-keys -t lp q
screen
expect "q from study goes home, which shows the new count" "Done today: 2 answers, 2 new cards"

tm send-keys -t lp Q
screen 0.6
expect "Q quits with status 0" "EXITED 0"
is "the terminal is back on the normal screen" "$(tm display-message -p -t lp '#{alternate_on}')" 0

# NO_COLOR: no colour pairs are used (attributes only).
tm kill-session -t lp
tm new-session -d -s lp -x 80 -y 24 "env TERM=xterm-256color NO_COLOR=1 '$BIN'; sleep 30"
sleep 0.8
tm capture-pane -e -p -t lp >"$T/screen"
if grep -q "$(printf '\033\\[3[1-7]m')" "$T/screen"; then fail "NO_COLOR draws without colours"; else pass "NO_COLOR draws without colours"; fi
tm send-keys -t lp Q
sleep 0.3
if [ -f "$XDG_DATA_HOME/labprep/backups/daily-2026-01-05.db" ]; then
    pass "the tutor makes the day's backup once its first screen is up"
else fail "the tutor makes the day's backup once its first screen is up"; fi

# Ctrl-C leaves the terminal as it found it.
tm kill-session -t lp 2>/dev/null
tm new-session -d -s lp -x 80 -y 24 "env TERM=xterm-256color '$BIN'; echo EXITED \$?; sleep 30"
sleep 0.8
tm send-keys -t lp C-c
screen 0.6
expect "Ctrl-C exits cleanly" "EXITED 0"
is "...and restores the screen" "$(tm display-message -p -t lp '#{alternate_on}')" 0
