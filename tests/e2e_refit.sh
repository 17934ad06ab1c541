#!/bin/sh
# e2e_refit.sh - the fitted memory model in use: `fsrs optimize --apply` re-derives
# every studied card's memory (the review log untouched), `fsrs calibration`, the
# date-aware mode through `answer`, and the tutor's refit offer (home line, f,
# before/after, y and n) in a real terminal (tmux).  Fixed clock.
# Prints "ok N - what" / "not ok N - what".
cd "$(dirname "$0")/.." || exit 1
BIN=$PWD/labprep
LOG=$PWD/tests/fixtures/optimizer/learner_3000.tsv
T=$(mktemp -d /tmp/labprep-e2e-refit-XXXXXX)
SOCK="$T/tmux.sock"
tm() { tmux -S "$SOCK" "$@"; }
trap 'tm kill-server 2>/dev/null; rm -rf "$T"' EXIT
export HOME="$T/home" XDG_DATA_HOME="$T/data" XDG_CONFIG_HOME="$T/config" TZ=UTC LANG=C.UTF-8
export LABPREP_CONTENT_DIR="$PWD/tests/fixtures/e2e/content"
unset LABPREP_DB LABPREP_CONFIG NO_COLOR
DB="$T/labprep.db"
export LABPREP_DB="$DB"
n=0
pass() { n=$((n + 1)); echo "ok $n - $1"; }
fail() { n=$((n + 1)); echo "not ok $n - $1"; sed 's/^/#   /' "$T/last" "$T/screen" 2>/dev/null | head -n 30; }
check() { # check "what" command...: passes when the command exits 0
    what=$1; shift
    if "$@" >"$T/out" 2>&1; then pass "$what"; else fail "$what"; fi
}
run() { "$BIN" "$@" >"$T/last" 2>&1; echo $? >"$T/rc"; }
rc() { cat "$T/rc"; }
sql() { sqlite3 "$DB" "$1"; }
json() { python3 -c "import json,sys; d=json.load(open('$T/last')); sys.exit(0 if ($1) else 1)"; }
is() { if [ "$2" = "$3" ]; then pass "$1"; else echo "#   got '$2', want '$3'"; fail "$1"; fi; }
screen() { sleep "${1:-0.5}"; tm capture-pane -p -t lp >"$T/screen"; }
expect() { if grep -q -- "$2" "$T/screen"; then pass "$1"; else fail "$1"; fi; }

# ---- a month of study of the five fixture cards, through the real command ----
at() { LABPREP_NOW="$1" "$BIN" answer "$2" "$3" >/dev/null 2>&1 || echo "answer $2 at $1 failed"; }
for c in e2e-rank e2e-trace e2e-det e2e-coin e2e-var; do
    at 2026-01-05T09:00:00Z $c good
    at 2026-01-05T09:20:00Z $c good
done
for c in e2e-rank e2e-trace e2e-det e2e-coin e2e-var; do
    at 2026-01-09T09:00:00Z $c good
done
at 2026-01-20T09:00:00Z e2e-rank again
at 2026-01-20T09:30:00Z e2e-rank good
for c in e2e-trace e2e-det e2e-coin e2e-var; do
    at 2026-01-25T09:00:00Z $c hard
done
is "the study left five cards in review" "$(sql 'SELECT count(*) FROM cards WHERE state = 2')" 5

# ---- calibration ----
export LABPREP_NOW=2026-02-01T09:00:00Z
run fsrs calibration --json
check "calibration counts the study answers to cards in review" \
    json "d['answers'] == $(sql 'SELECT count(*) FROM revlog WHERE state_before = 2') and d['answers'] == 10 and d['recalled'] == 9"
check "...in bins, with the predicted and actual recall of each" \
    json "sum(b['answers'] for b in d['bins']) == 10 and all(0 <= b['predicted'] <= 1 for b in d['bins'])"
run fsrs calibration
check "the text chart has a header, bars and a legend" \
    sh -c "grep -q 'calibration error' '$T/last' && grep -q 'R bin    reviews  predicted   actual' '$T/last' && grep -q '█' '$T/last' && grep -q '█ as predicted' '$T/last'"
run fsrs calibration --bogus
check "calibration refuses an unknown option" sh -c "[ $(rc) = 2 ]"

# ---- optimize --apply re-derives the cards ----
# The fitting log: the fixture's reviews as study answers of other cards.
awk -F '\t' '{ printf "INSERT INTO revlog(card_id,time,day,grade,mode,elapsed_days,scheduled_days,state_before,state_after,s_before,d_before,s_after,d_after,due_before,due_after,last_before,step_before,step_after,reps_before,lapses_before,leech_before,suspended_before) VALUES(\x27%s\x27,%s,%d,%s,\x27study\x27,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0);\n", $1, $2, int($2 / 86400), $3 }' "$LOG" \
    | { echo "BEGIN;"; cat; echo "COMMIT;"; } | sqlite3 "$DB"
cp "$DB" "$T/before.db"
LOGSUM="SELECT count(*) || ':' || total(s_after) || ':' || total(due_after) || ':' || total(grade) FROM revlog"
CARDS="SELECT group_concat(id || '=' || stability || '/' || difficulty || '/' || state || '/' || reps, ' ') FROM (SELECT * FROM cards ORDER BY id)"
run fsrs optimize
check "a fit without --apply re-derives nothing" \
    sh -c "[ $(rc) = 0 ] && ! grep -q 're-derived' '$T/last' && [ \"\$(sqlite3 '$DB' \"$CARDS\")\" = \"\$(sqlite3 '$T/before.db' \"$CARDS\")\" ]"
run fsrs optimize --apply
check "--apply says how many cards it re-derived" \
    sh -c "[ $(rc) = 0 ] && grep -q 'now active' '$T/last' && grep -q '^re-derived the memory of 5 cards from their reviews' '$T/last'"
is "every studied card got the new weights' stability" \
    "$(sql "ATTACH '$T/before.db' AS b; SELECT count(*) FROM cards c JOIN b.cards o USING(id) WHERE c.state > 0 AND c.stability != o.stability AND c.state = o.state AND c.reps = o.reps")" 5
is "the review log is untouched" "$(sql "$LOGSUM")" "$(sqlite3 "$T/before.db" "$LOGSUM")"
is "the applied fit is the one active" "$(sql 'SELECT group_concat(id || ":" || active) FROM fsrs_fits')" "1:0,2:1"
# The stored state is the replay of each card's answers under the fit: re-deriving
# again with the same weights changes nothing.
cp "$DB" "$T/applied.db"
run fsrs optimize --apply --json
check "--apply --json reports the re-derived cards" json "d['cards_rederived'] == 5 and d['active'] and d['config_params'] is False"
is "...and the same weights give the same cards" "$(sql "$CARDS")" "$(sqlite3 "$T/applied.db" "$CARDS")"
mkdir -p "$XDG_CONFIG_HOME/labprep"
echo "params: [0.3, 1.1, 2.9, 10.5, 6.8, 0.6, 2.7, 0.02, 1.6, 0.2, 0.9, 1.7, 0.08, 0.3, 1.4, 0.45, 2.1, 0.7, 0.2, 0.1, 0.25]" \
    >"$XDG_CONFIG_HOME/labprep/config.yaml"
run fsrs optimize --apply
check "with params in config.yaml those stay in use, and the cards follow them" \
    sh -c "[ $(rc) = 0 ] && grep -q 'config.yaml sets params, and those stay in use' '$T/last' && [ \"\$(sqlite3 '$DB' \"SELECT stability FROM cards WHERE id = 'e2e-det'\")\" != \"\$(sqlite3 '$T/applied.db' \"SELECT stability FROM cards WHERE id = 'e2e-det'\")\" ]"
rm "$XDG_CONFIG_HOME/labprep/config.yaml"

# ---- the date-aware mode through `answer` ----
cp "$T/before.db" "$T/mode.db"
LABPREP_DB="$T/mode.db" "$BIN" answer e2e-det good >"$T/last" 2>&1
normal=$(sqlite3 "$T/mode.db" "SELECT CAST(scheduled_days AS INTEGER) FROM revlog ORDER BY id DESC LIMIT 1")
cp "$T/before.db" "$T/mode.db"
# an active plan with the interview five days away (today is day 20485)
sqlite3 "$T/mode.db" "INSERT INTO plans(track, start_day, interview_day, created) VALUES('rs', 20480, 20490, 0)"
printf 'interview_mode: true\ninterview_retention: 0.99\n' >"$XDG_CONFIG_HOME/labprep/config.yaml"
LABPREP_DB="$T/mode.db" "$BIN" answer e2e-det good >"$T/last" 2>&1
aimed=$(sqlite3 "$T/mode.db" "SELECT CAST(scheduled_days AS INTEGER) FROM revlog ORDER BY id DESC LIMIT 1")
if [ "$normal" -gt 5 ] && [ "$aimed" -lt 5 ]; then pass "interview_mode brings the card back before the interview ($normal -> $aimed days)"
else echo "#   normal $normal, aimed $aimed"; fail "interview_mode brings the card back before the interview"; fi
printf 'interview_mode: perhaps\n' >"$XDG_CONFIG_HOME/labprep/config.yaml"
run status
check "a bad interview_mode is refused with its place" sh -c "[ $(rc) != 0 ] && grep -q 'config.yaml:1:17: expected true or false' '$T/last'"
rm "$XDG_CONFIG_HOME/labprep/config.yaml"

# ---- the tutor: the offer, f, before/after, y ----
cp "$T/before.db" "$DB"
rm -f "$DB-wal" "$DB-shm"
start() { tm kill-session -t lp 2>/dev/null; tm new-session -d -s lp -x 80 -y 24 "env TERM=xterm-256color '$BIN'; echo EXITED \$?; sleep 30"; screen 0.8; }
start
expect "home offers a fit after 1,000 reviews" "1000+ reviews so far on the default memory model: f to fit it to you"
tm send-keys -t lp f
screen 2
expect "f fits and shows the log loss and RMSE" "log loss *RMSE (bins)"
expect "...on all reviews" "all reviews  *[0-9]"
expect "...and on the held-out last 20%" "last 20% (held out)"
expect "...and asks" "y  use these weights"
tm send-keys -t lp y
screen 1
expect "y applies the fit and re-derives the cards" "Re-derived the memory of 5 cards"
is "the fit is stored with its date, active" "$(sql 'SELECT count(*) || ":" || sum(active) || ":" || (time = 1769936400) FROM fsrs_fits')" "1:1:1"
is "the cards carry the new weights' memory" \
    "$(sql "ATTACH '$T/before.db' AS b; SELECT count(*) FROM cards c JOIN b.cards o USING(id) WHERE c.state > 0 AND c.stability != o.stability")" 5
tm send-keys -t lp q
screen
expect "back home" "Today, after the daily limits"
if grep -q "f to refit\|f to fit it" "$T/screen"; then fail "no offer right after a fit"; else pass "no offer right after a fit"; fi
tm send-keys -t lp ?
screen
expect "help lists the refit key" "refit the memory model"
tm send-keys -t lp q w
screen
for i in 1 2 3 4 5 6; do tm send-keys -t lp NPage; done
screen
expect "the weekly review ends with the calibration chart" "Calibration: predicted against actual recall"
expect "...with its bars" "R bin    reviews  predicted   actual"
tm send-keys -t lp q
tm send-keys -t lp Q
screen 0.6
expect "the tutor quits cleanly" "EXITED 0"

# ---- n keeps the fit unused; q stores nothing ----
cp "$T/before.db" "$DB"
rm -f "$DB-wal" "$DB-shm"
start
tm send-keys -t lp f
screen 2
tm send-keys -t lp q
screen
is "q leaves the refit screen without storing" "$(sql 'SELECT count(*) FROM fsrs_fits')" 0
tm send-keys -t lp f
screen 2
tm send-keys -t lp n
screen 1
expect "n stores the fit unused" "not in use"
is "...inactive, and no card changed" "$(sql 'SELECT count(*) || ":" || sum(active) FROM fsrs_fits'):$(sql "$CARDS")" "1:0:$(sqlite3 "$T/before.db" "$CARDS")"
tm send-keys -t lp q
screen
if grep -q "f to refit\|f to fit it" "$T/screen"; then fail "declining quiets the offer"; else pass "declining quiets the offer"; fi
tm send-keys -t lp Q
