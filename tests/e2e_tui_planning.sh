#!/bin/sh
# e2e_tui_planning.sh - the planning screens of the real tutor in a real terminal
# (tmux), on the bundled content with a fixed clock (Thursday 2026-01-15 09:00
# UTC): the readiness checklist (c), the plan (p), the reading list (r) and the
# weekly review (w), each opened from home, changed, checked in the database and
# again after a restart; help lists each screen's keys; 60x20 shows the notice.
# Prints "ok N - what" / "not ok N - what".
cd "$(dirname "$0")/.." || exit 1
BIN=$PWD/labprep
T=$(mktemp -d /tmp/labprep-tui-plan-XXXXXX)
SOCK="$T/tmux.sock"
trap 'tm kill-server 2>/dev/null; rm -rf "$T"' EXIT
export HOME="$T/home" XDG_DATA_HOME="$T/data" XDG_CONFIG_HOME="$T/config" TZ=UTC LANG=C.UTF-8
export LABPREP_CONTENT_DIR="$PWD/content" LABPREP_NOW=2026-01-15T09:00:00Z TMPDIR="$T/tmp"
unset LABPREP_DB LABPREP_CONFIG NO_COLOR VISUAL
mkdir -p "$T/tmp"
DB="$XDG_DATA_HOME/labprep/labprep.db"
TODAY=20468 # 2026-01-15 as a day number
n=0
. "$PWD/tests/lib_tui.sh"
# The editor for `e`: appends a line, or fails when $T/editor-fails exists.
cat >"$T/editor" <<EOF
#!/bin/sh
[ -f "$T/editor-fails" ] && exit 3
printf 'notes written in the editor\n' >>"\$1"
EOF
chmod +x "$T/editor"
start() {
    tm kill-session -t lp 2>/dev/null
    tm new-session -d -s lp -x 80 -y 24 \
        "env TERM=xterm-256color EDITOR='$T/editor' '$BIN'; echo EXITED \$?; sleep 30"
    screen 0.8
}

# ---- seeded study: three new cards answered Easy on Monday 12 (so they go
# straight to review, not due again this week), and one of them reviewed again
# on Wednesday 14.  Cards whose tags the checklist's evidence reads are avoided.
"$BIN" status >/dev/null 2>&1 # creates the database and syncs the content
set -- $(sql "SELECT id FROM cards WHERE deck_id = 'linear-algebra' AND tags NOT LIKE '% attention %'
              AND tags NOT LIKE '% derivation %' ORDER BY id LIMIT 3")
for c in "$@"; do "$BIN" --now 2026-01-12T10:00:00Z answer "$c" 4 --ms 30000 >/dev/null; done
"$BIN" --now 2026-01-14T10:00:00Z answer "$1" 3 --ms 30000 >/dev/null
is "four seeded answers in the week, one of a card in review" \
    "$(sql 'SELECT count(*) || " " || sum(state_before = 2) FROM revlog')" "4 1"

start
expect "home says there is no plan yet" "No plan yet: p to start"
expect "home says there is no readiness assessment yet" "No readiness assessment yet"
expect "home shows the keys of the planning screens" "p plan  *c checklist  *r reading list  *w weekly review"
tm send-keys -t lp s
screen
expect "study opens on a new card" "Say it aloud, then Space to reveal\|Your answer ("
absent "...which, without a plan, is not from the rs week 1 decks" \
    "Research talk and brainstorm ·\|ML fundamentals ·"
tm send-keys -t lp q

# ---- the readiness checklist ----
tm send-keys -t lp c
screen
expect "c opens the checklist with the live score" "Score 0/100 · Foundational work first"
expect "the items are grouped by category" "Research foundation  *0/25"
expect "the record's evidence is beside the items" "0 of 42 papers read"
tm send-keys -t lp Space
screen
expect "Space ticks the item and the score moves" "Score 5/100"
expect "the category score moves too" "Research foundation  *5/25"
is "the tick is saved at once" "$(sql "SELECT value FROM checklist_answers WHERE item_id = 'first-author-papers'")" 1
tm send-keys -t lp j j j j j j Space # attention-from-memory: no attention reviews
screen
expect "a tick the record contradicts is flagged" "The record disagrees: Ticked, but there are no reviews"
expect "...and counted at the top" "1 conflict with the record"
expect "the weakest category follows the ticks" "Weakest category: Safety and alignment (0/25)"
tm send-keys -t lp S
screen
expect "S saves a dated assessment" "full assessment saved: 10% (your first)"
is "the assessment is stored with its score" \
    "$(sql "SELECT kind || ' ' || day || ' ' || score || '/' || max FROM assessments")" "full $TODAY 10/100"
is "...and its twenty items" "$(sql 'SELECT count(*) FROM assessment_items')" 20
tm send-keys -t lp H
screen
expect "H shows the history" "2026-01-15  full    10/100      10%"
expect "...and the trend" "Trend (full): 10% -> 10% (+0) over 1 assessment"
tm send-keys -t lp q
screen
expect "q leaves the history for the list" "Score 10/100"
tm send-keys -t lp v
screen
expect "v switches to the quick variant" "quick · 12 items"
tm send-keys -t lp 4
screen
expect "a rating 1-5 scores the quick variant" "Score 4/60 (7%)"
is "the rating is saved" "$(sql "SELECT value FROM checklist_answers WHERE item_id = 'quick-first-author-papers'")" 4
tm send-keys -t lp S
screen
expect "a quick assessment with unrated items is refused, plainly" "rate every quick item"
is "...and nothing is stored" "$(sql 'SELECT count(*) FROM assessments')" 1
tm send-keys -t lp ?
screen
expect "help lists the checklist's keys" "save a dated assessment of this variant"
expect "...including the ratings" "quick variant: rate the item 1"
tm send-keys -t lp q q
screen
expect "home shows the latest readiness score and band" "Readiness 10/100 (Foundational work first, full), 2026-01-15"

# ---- the plan ----
tm send-keys -t lp p
screen
expect "p without a plan says how to start one" "Choose a track with j/k and press Enter to start it today (2026-01-15)"
expect "...lists the tracks" "rs  *research scientist"
expect "...and says the interview date is set from the shell" "labprep plan start --track TRACK"
tm send-keys -t lp j j Enter # post-training, re, rs
screen
expect "Enter starts the chosen track today" "rs · week 1 of 12"
is "the plan is stored, starting today" "$(sql 'SELECT track || " " || start_day FROM plans WHERE active = 1')" "rs $TODAY"
expect "the screen says what to do today" "Today: On schedule: study today's cards, then work on rs-w1-checklist"
expect "the current week is marked and open" "▶ ▾ Week  1  Research foundation - baseline and narrative  *0/4"
expect "...with its milestones to tick" "\[ \] Take the full readiness checklist"
tm send-keys -t lp t
screen 0.8
expect "t without an interview date says how to set one" "labprep plan interview YYYY-MM-DD"
tm send-keys -t lp q
tm send-keys -t lp Space
screen
expect "Space ticks the milestone" "\[x\] Take the full readiness checklist"
expect "...and the week's count moves" "Week  1  Research foundation - baseline and narrative  *1/4"
is "the milestone is saved" "$(sql 'SELECT milestone_id FROM plan_milestones')" rs-w1-checklist
tm send-keys -t lp Space
screen
is "Space again unticks it" "$(sql 'SELECT count(*) FROM plan_milestones')" 0
tm send-keys -t lp Space
tm send-keys -t lp ?
screen
expect "help lists the plan's keys" "tick or untick a milestone"
tm send-keys -t lp q q
screen
expect "home shows the plan week" "plan: rs week 1 of 12, on schedule"
tm send-keys -t lp s
screen
expect "study gives the plan week's decks the new-card budget first" \
    "Research talk and brainstorm ·\|ML fundamentals ·"
tm send-keys -t lp q

# A plan started earlier, from the shell, is behind and counts down.
"$BIN" plan start --track rs --start 2026-01-01 --interview 2026-03-01 >/dev/null
tm send-keys -t lp p
screen
expect "a plan two weeks in shows the week" "rs · week 3 of 12"
expect "...how far behind, from which weeks" "Behind: 8 milestones: week 1 rs-w1-checklist"
expect "...the countdown to the interview" "Interview on 2026-03-01: 45 days to go"
expect "...and to catch up first" "Today: Catch up first, with the oldest open milestone (week 1"
tm send-keys -t lp t
screen 0.8
expect "t shows what each retention target costs until the interview" "until the interview on 2026-03-01: 45 days"
row=$(LABPREP_NOW=$LABPREP_NOW "$BIN" fsrs simulate | grep -E '^  0\.90 +[0-9]')
expect "...the same figures as labprep fsrs simulate" "$(echo "$row" | sed 's/^ *//; s/[.]/[.]/g')"
expect "...with the date-aware policy" "0.90 + 0.95 on day"
expect "...and the settings in force" "Your settings: desired retention 0.90"
tm send-keys -t lp q
screen
expect "q goes back to the plan" "rs · week 3 of 12"
tm send-keys -t lp q

# ---- the reading list ----
QS=$(sql "SELECT count(*) FROM cards WHERE gate = 'concrete-problems' AND retired = 0")
tm send-keys -t lp r
screen
expect "r opens the reading list with the counts" "queued 42 · reading 0 · read 0 · summarised 0"
expect "...papers with their status" "queued  *2016  Concrete Problems in AI Safety"
expect "the detail pane shows the authors" "Dario Amodei, Chris Olah"
expect "...why it matters" "It recast vague worries about advanced AI"
expect "...and the key questions" "Key questions ($QS): they join your study queue"
tm send-keys -t lp 3
screen
expect "marking it read says how many cards were added" "marked read: $QS key questions added to the study queue"
is "the status is saved" "$(sql "SELECT status FROM papers WHERE id = 'concrete-problems'")" read
tm send-keys -t lp j e
screen 0.8
expect "e edits the notes in \$EDITOR" "deep-rl-human-prefs: notes saved"
is "the notes are stored" "$(sql "SELECT notes FROM papers WHERE id = 'deep-rl-human-prefs'")" \
    "notes written in the editor"
touch "$T/editor-fails"
tm send-keys -t lp e
screen 0.8
expect "a failing editor changes nothing and says so" "the editor failed (exit 3); notes unchanged"
is "...the notes are as they were" "$(sql "SELECT notes FROM papers WHERE id = 'deep-rl-human-prefs'")" \
    "notes written in the editor"
rm -f "$T/editor-fails"
tm send-keys -t lp t
screen
expect "t filters by topic" "4 papers · safety-foundations · any status"
tm send-keys -t lp f f f
screen
expect "f filters by status" "1 paper · safety-foundations · read"
tm send-keys -t lp ?
screen
expect "help lists the reading list's keys" "edit your notes on the paper in \$EDITOR"
tm send-keys -t lp q q
screen
expect "home counts the paper's questions as new cards today" "Alignment reading questions  *0  *0  *$QS"

# ---- the weekly review ----
tm send-keys -t lp w
screen
expect "w opens the review of the week ending today" "weekly review.*2026-01-09 to 2026-01-15"
expect "the review counts the seeded answers" "Studied on 2 of 7 days: 4 answers (1 reviews, 3 new), 2 min"
expect "...per day" "Mon 2026-01-12  *3  *0  *3  *1.5"
expect "...the review of Wednesday" "Wed 2026-01-14  *1  *1  *0  *0.5"
expect "...true retention against the target" "mathematics  *100.0% of 1 review  (+10.0 points)"
expect "...and the new cards per topic" "linear-algebra  *3"
tm send-keys -t lp NPage
screen
expect "PgDn scrolls to the plan part" "Milestones: 0 of 4 of this week done"
F="$XDG_DATA_HOME/labprep/review-2026-01-15.md"
tm send-keys -t lp w
screen
expect "w writes the review as Markdown and shows the path" "written to .*labprep/review-2026-01-15.md"
expect "...in full at the top of the page" "Written to $F"
"$BIN" report --week >"$T/cli.md" 2>/dev/null
if cmp -s "$F" "$T/cli.md"; then pass "the file is what labprep report --week writes"; else fail "the file is what labprep report --week writes"; fi
tm send-keys -t lp ?
screen
expect "help lists the review's keys" "write it as Markdown to a file in the data directory"
tm send-keys -t lp q

tm resize-window -t lp -x 60 -y 20
screen
expect "a small terminal gets a plain notice" "terminal too small (need 80x24, have 60x20)"
tm resize-window -t lp -x 80 -y 24
screen
expect "growing back keeps the review" "Milestones: 0 of 4 of this week done"

# ---- everything persists after a restart ----
tm send-keys -t lp q Q
screen 0.6
expect "Q quits with status 0" "EXITED 0"
start
tm send-keys -t lp c
screen
expect "after a restart the checklist keeps its ticks" "Score 10/100"
tm send-keys -t lp q p
screen
expect "...the plan keeps its week" "rs · week 3 of 12"
tm send-keys -t lp q r
screen
expect "...the reading list its status" "read  *2016  Concrete Problems in AI Safety"

# ---- custom study leaves out key questions of papers not read yet ----
answers=$(sql 'SELECT count(*) FROM revlog')
tm send-keys -t lp q b / r d - c o n c r e t e - p r o b l e m s - f i v e Enter
screen
expect "the browser finds the read paper's question" "rd-concrete-problems-five"
tm send-keys -t lp c
screen
expect "custom study shows a key question of a read paper" "labprep · custom study"
tm send-keys -t lp Escape # leaves the answer field and the custom study
sleep 0.3
tm send-keys -t lp / C-u r d - d e e p - r l - h u m a n - p r e f s - m e t h o d Enter
screen
expect "the browser lists the unread paper's question too" "rd-deep-rl-human-prefs-method"
tm send-keys -t lp c
screen
expect "...but custom study leaves it out: nothing to answer" "Every card of this custom study is done."
is "...and nothing was answered" "$(sql 'SELECT count(*) FROM revlog')" "$answers"
tm send-keys -t lp Q
