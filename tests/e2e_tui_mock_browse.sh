#!/bin/sh
# e2e_tui_mock_browse.sh - the oral mock quiz and the card browser in a real
# terminal (tmux), as a user would drive them: a mock leaves the schedule alone
# and keeps its own rows; the browser finds, opens, suspends and resets cards.
# Prints "ok N - what" / "not ok N - what".
cd "$(dirname "$0")/.." || exit 1
BIN=$PWD/labprep
T=$(mktemp -d /tmp/labprep-tui-mb-XXXXXX)
SOCK="$T/tmux.sock"
trap 'tm kill-server 2>/dev/null; rm -rf "$T"' EXIT
export HOME="$T/home" XDG_DATA_HOME="$T/data" XDG_CONFIG_HOME="$T/config" TZ=UTC LANG=C.UTF-8
export LABPREP_CONTENT_DIR="$PWD/tests/fixtures/e2e/content" LABPREP_NOW=2026-01-05T09:00:00Z
unset LABPREP_DB LABPREP_CONFIG NO_COLOR
NOW=1767603600 # LABPREP_NOW in unix seconds
DB="$XDG_DATA_HOME/labprep/labprep.db"
n=0
. "$PWD/tests/lib_tui.sh"
SCHED='SELECT id, state, due, stability, difficulty, reps, lapses, step, suspended FROM cards ORDER BY id'

# Some history first: a review card (Easy) and a learning one (Again, due in 1m).
"$BIN" answer e2e-trace 4 >/dev/null 2>&1
"$BIN" answer e2e-coin 1 >/dev/null 2>&1
is "the setup answers are in the log" "$(sql 'SELECT count(*) FROM revlog')" 2

# ---- the card browser ----
start
tm send-keys -t lp b
screen
expect "b opens the browser with every live card" "5 cards · all · all sections"
expect "the list shows id, deck, state and due date" "e2e-trace  *e2e-algebra  *review  *2026-01-14"
tm send-keys -t lp / T R A C E
screen
expect "/ opens a search field at the bottom" "/ TRACE_"
tm send-keys -t lp Enter
screen
expect "the search ignores case and finds the card" "1 card · all · all sections · “TRACE”"
expect "...the one with that word" "e2e-trace"
tm send-keys -t lp Enter
screen
expect "Enter opens the card's detail" "labprep · card e2e-trace"
expect "the detail shows the answer" "sum of its diagonal entries"
expect "...the memory state" "State review · due 2026-01-14 (in 9d)"
expect "...stability, difficulty and recall now" "chance of recall now 100%"
expect "...and the review history" "Review history: 1 answer"
expect "...with date, grade and interval" "2026-01-05  Easy   9d"
tm send-keys -t lp q /
screen
tm send-keys -t lp C-u BSpace BSpace BSpace BSpace BSpace "(1 −" Enter
screen
expect "a UTF-8 search over the answers finds the Bernoulli card" "e2e-var"
tm send-keys -t lp s
screen
is "s in the browser suspends the card" "$(sql "SELECT suspended FROM cards WHERE id = 'e2e-var'")" 1
expect "...and the list says so" "e2e-var  *e2e-probability  *new  *susp"
tm send-keys -t lp / Escape
screen
expect "Esc cancels a search edit and keeps the results" "1 card · all"
tm send-keys -t lp / BSpace BSpace BSpace BSpace Enter
screen
tm send-keys -t lp f f f
screen
expect "f cycles to the suspended filter" "1 card · suspended"
tm send-keys -t lp f f S
screen
expect "S filters by section" "3 cards · all · mathematics"
tm send-keys -t lp j R
screen
expect "R asks before resetting" "Reset e2e-trace to new? Its review history is kept.  y/n"
tm send-keys -t lp n
screen
is "n keeps the card" "$(sql "SELECT state FROM cards WHERE id = 'e2e-trace'")" 2
tm send-keys -t lp R y
screen
is "R y resets the card to new" \
    "$(sql "SELECT state || ':' || stability || ':' || difficulty || ':' || due || ':' || reps || ':' || lapses FROM cards WHERE id = 'e2e-trace'")" \
    "0:0.0:0.0:0:0:0"
is "...and keeps its review history" "$(sql "SELECT count(*) FROM revlog WHERE card_id = 'e2e-trace'")" 1
tm send-keys -t lp ?
screen
expect "? in the browser shows its keys" "cycle the filter"
tm send-keys -t lp q q q
screen
expect "q goes back home, then leaves" "EXITED 0"
tm kill-session -t lp

# ---- the mock quiz ----
# Every mathematics card in review (days away), e2e-coin learning (due in a
# minute), e2e-var suspended by the browser above.
"$BIN" answer e2e-trace 4 >/dev/null 2>&1
"$BIN" answer e2e-rank 4 >/dev/null 2>&1
"$BIN" answer e2e-det 4 >/dev/null 2>&1
before=$(sql "$SCHED")
revlog_before=$(sql 'SELECT count(*) FROM revlog')
start
tm send-keys -t lp m
screen
expect "m opens the mock's setup" "mock quiz: setup"
expect "the default length is 45 minutes" "‹ 45 min ›"
expect "all four sections are chosen" "\[x\] S  Statistics and probability"
tm send-keys -t lp l l h
screen
expect "l and h change the length in 5-minute steps" "‹ 50 min ›"
tm send-keys -t lp S
screen
expect "S leaves statistics out" "\[ \] S  Statistics and probability"
expect "the count follows the sections" "3 questions to draw from"
tm send-keys -t lp S Enter
screen
expect "Enter starts: a question with its own clock and the time left" "question 0:0.   time left \(50:00\|49:5.\)"
expect "the first question is a mathematics one" "Mathematics · question 1 of 4"
expect "it asks to answer aloud" "Answer aloud, then Space to reveal"
tm send-keys -t lp y
screen
expect "marking before revealing is refused" "reveal the answer first"
tm send-keys -t lp Space
screen
expect "Space reveals the answer and the marks" "y 3  right"
tm send-keys -t lp y
screen
expect "round robin: statistics comes second" "Statistics and probability · question 2 of 4"
is "the mark is stored at once" "$(sql 'SELECT count(*) || result FROM mock_answers')" 12
tm send-keys -t lp Enter 2
screen
expect "third question: mathematics again" "Mathematics · question 3 of 4"
tm send-keys -t lp Space n
screen
tm send-keys -t lp q
screen
expect "q ends the mock: the results give the score" "Score 1.5 of 3 (50%)"
expect "...per section with a median time" "Mathematics  *2  *1  *0  *1  *1.0  *[0-9.]*s"
expect "...and list the misses" "Misses: 2"
is "three answers were stored, sections in turn" \
    "$(sql "SELECT group_concat(x, ' ') FROM (SELECT section || '=' || result AS x FROM mock_answers ORDER BY rowid)")" \
    "mathematics=2 statistics=1 mathematics=0"
is "the mock is finished, 50 minutes, all sections" \
    "$(sql "SELECT minutes || ':' || (finished >= started) || ':' || sections FROM mocks")" \
    "50:1: mathematics statistics computer-science machine-learning "
is "the mock left the schedule untouched" "$(sql "$SCHED")" "$before"
is "the mock wrote no review rows" "$(sql 'SELECT count(*) FROM revlog')" "$revlog_before"

# Sending the misses is explicit: only misses that are learning/review cards move.
tm send-keys -t lp a
screen
expect "a sends the misses and says what it did" "2 misses now due in study; 0 new cards left as new"
misses="SELECT card_id FROM mock_answers WHERE result < 2"
is "every miss in learning or review is now due" \
    "$(sql "SELECT count(*) FROM cards WHERE id IN ($misses) AND state > 0 AND due > $NOW + 120")" 0
is "cards that were not missed kept their schedule" \
    "$(sql "SELECT id, state, due, stability, difficulty, reps, lapses, step, suspended FROM cards WHERE id NOT IN ($misses) ORDER BY id")" \
    "$(echo "$before" | grep -v -F "$(sql "$misses")")"
is "missed new cards stay new with no due date" \
    "$(sql "SELECT count(*) FROM cards WHERE id IN ($misses) AND state = 0 AND due <> 0")" 0
tm send-keys -t lp q
screen
expect "q from the results goes home" "labprep · home"
expect "...which shows the mock's score under the streak" "Done today: .* · last mock 50% (2026-01-05)"

# A second mock on mathematics only; Q in the middle still closes it.
tm send-keys -t lp m S C L Enter Space p
screen
expect "with mathematics alone, only its questions come" "Mathematics · question 2 of 3"
tm send-keys -t lp Q
screen 0.6
expect "Q quits from the middle of a mock" "EXITED 0"
is "the quit mock was closed with its answer kept" \
    "$(sql "SELECT sections || count(a.rowid) || (finished IS NOT NULL) FROM mocks m JOIN mock_answers a ON a.mock_id = m.id WHERE m.id = 2")" \
    " mathematics 11"


# ---- the same history from the shell ----
pyj() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
# (The clock is fixed, so the second tutor started "earlier" than the first one's
# mock: newest first means by start time as stored.)
is "labprep mock --json lists both mocks, newest first" \
    "$("$BIN" mock --json | pyj "' '.join(str(m['id']) for m in d['mocks']), d['count']")" \
    "$(sql 'SELECT group_concat(id, " ") FROM (SELECT id FROM mocks ORDER BY started DESC, id DESC)') 2"
is "...with the score and sections of each" \
    "$("$BIN" mock --json | pyj "sorted((m['id'], m['total']['asked'], m['total']['score'], sorted(m['sections'])) for m in d['mocks'])")" \
    "[(1, 3, 1.5, ['computer-science', 'machine-learning', 'mathematics', 'statistics']), (2, 1, 0.5, ['mathematics'])]"
"$BIN" mock show 1 --json >"$T/mock1.json"
is "labprep mock show 1 --json gives the misses" \
    "$(pyj "' '.join(sorted(x['id'] + ':' + x['mark'] for x in d['misses']))" <"$T/mock1.json")" \
    "$(sql "SELECT group_concat(x, ' ') FROM (SELECT card_id || ':' || CASE result WHEN 0 THEN 'wrong' ELSE 'partly' END AS x FROM mock_answers WHERE mock_id = 1 AND result < 2 ORDER BY x)")"
is "...and the marks per section" \
    "$(pyj "d['sections']['mathematics']['right'], d['sections']['statistics']['partly'], d['total']['asked']" <"$T/mock1.json")" \
    "1 1 3"
"$BIN" mock show 1 >"$T/out" 2>&1
is "labprep mock show 1 prints the score per section" \
    "$(grep -c -E '^  (Mathematics|Statistics|all) ' "$T/out")" 3
"$BIN" mock show 9 >"$T/out" 2>&1
is "an unknown mock is a clear error" "$? $(cat "$T/out")" "1 labprep: mock show: no mock 9"

# ---- custom study from the browser: the cards listed, due or not, logged as cram ----
tm kill-session -t lp 2>/dev/null
before_trace=$(sql "SELECT due || ':' || reps FROM cards WHERE id = 'e2e-trace'")
start
tm send-keys -t lp b / x y Space t r a c e C-w
screen
expect "Ctrl-W drops the last word of the search field" "/ xy _"
tm send-keys -t lp C-u
screen
expect "Ctrl-U clears it" "/ _"
tm send-keys -t lp t r a c e Enter
screen
expect "the browser lists the one card, not due until later" "e2e-trace  *e2e-algebra  *review  *2026-01-14"
tm send-keys -t lp c
screen
expect "c starts a custom study of the listed cards" "labprep · custom study"
expect "...showing the not-yet-due card" "What is the trace of a square matrix?"
tm send-keys -t lp Space 3
screen
expect "after the last card, the custom study says it is done" "Every card of this custom study is done."
is "the answer is logged in mode cram" \
    "$(sql "SELECT mode || ':' || grade FROM revlog WHERE card_id = 'e2e-trace' ORDER BY id DESC LIMIT 1")" "cram:3"
is "...and reschedules the card" \
    "$(sql "SELECT (due || ':' || reps) <> '$before_trace' AND reps = 2 FROM cards WHERE id = 'e2e-trace'")" 1
tm send-keys -t lp q
screen
expect "q goes back to the browser" "1 card · all · all sections"
tm send-keys -t lp s c
screen
expect "with every listed card suspended there is nothing to study" "no card to study here"
tm send-keys -t lp s Q
