#!/bin/sh
# e2e_plan.sh - the plan, checklist, reading and report commands of the real
# labprep binary, on a temporary database and the fixture content in
# tests/fixtures/e2e_plan, with a fixed clock (Thursday 2026-01-15 09:00 UTC).
# Prints "ok N - what" or "not ok N - what" per check.
cd "$(dirname "$0")/.." || exit 1
BIN=$PWD/labprep
FIX=$PWD/tests/fixtures/e2e_plan
T=$(mktemp -d /tmp/labprep-e2e-plan-XXXXXX)
trap 'chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT
export HOME="$T/home" XDG_DATA_HOME="$T/data" XDG_CONFIG_HOME="$T/config" TZ=UTC
export LABPREP_CONTENT_DIR="$FIX" LABPREP_NOW=2026-01-15T09:00:00Z TMPDIR="$T/tmp"
mkdir "$T/tmp"
unset LABPREP_DB LABPREP_CONFIG EDITOR VISUAL
DB="$XDG_DATA_HOME/labprep/labprep.db"
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; sed 's/^/#   /' "$T/last" | head -n 20; }
check() { # check "what" command...: passes when the command exits 0
    what=$1; shift
    if "$@" >/dev/null 2>&1; then ok "$what"; else notok "$what"; fi
}
run() { "$BIN" "$@" >"$T/last" 2>&1; echo $? >"$T/rc"; }
rc() { cat "$T/rc"; }
has() { grep -q -- "$1" "$T/last"; }
count() { sqlite3 "$DB" "$1"; }
# json 'python expression over d': passes when it is true for the JSON in $T/last
json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if ($1) else 1)" "$T/last"; }

# ---- the plan ----
run plan
check "plan with no plan says so and lists the tracks" sh -c "[ $(rc) = 0 ] && grep -q 'no plan is active' '$T/last' && grep -q 'tracks: re, rs' '$T/last'"
run plan show --json
check "plan show --json with no plan is {\"active\":false}" json 'd == {"active": False}'

run plan start --track nope --start 2026-01-07
check "an unknown track is refused with the known ones" sh -c "[ $(rc) != 0 ] && grep -q \"unknown track 'nope' (known tracks: re, rs)\" '$T/last'"
run plan start --track rs --start 2026-01-07 --interview 2026-01-06
check "an interview before the start is refused" sh -c "[ $(rc) != 0 ] && grep -q 'interview date 2026-01-06 is before the start date 2026-01-07' '$T/last'"
run plan start --track rs --start 2026-01-01 --interview 2026-01-10
check "an interview already past is refused" sh -c "[ $(rc) != 0 ] && grep -q 'has already passed' '$T/last'"
run plan start --track rs --start 2026-02-30
check "a date that does not exist is refused" sh -c "[ $(rc) != 0 ] && grep -q 'YYYY-MM-DD' '$T/last'"
check "refused starts wrote no plan" test "$(count 'SELECT COUNT(*) FROM plans')" = 0

# Started on a Wednesday: Thursday 15th is day 2 of week 2.
run plan start --track rs --start 2026-01-07 --interview 2026-03-01
check "plan start prints the plan's week, behind count and countdown" sh -c "[ $(rc) = 0 ] && grep -q '^plan: rs week 2 of 3, 2 milestones behind, interview in 45 days$' '$T/last'"
run plan show --json
check "plan show --json: week 2 of 3, day 2, 4 due, 2 behind, countdown 45" \
    json 'd["week"] == 2 and d["weeks"] == 3 and d["day_of_week"] == 2 and d["milestones"] == {"total": 5, "done": 0, "due": 4, "behind": 2, "ahead": 0} and d["countdown"] == 45 and d["start"] == "2026-01-07" and d["interview"] == "2026-03-01"'
check "plan show --json names the milestones behind and their weeks" \
    json '[(m["id"], m["week"]) for m in d["behind_milestones"]] == [("e2e-w1-a", 1), ("e2e-w1-b", 1)]'
check "plan show --json has each week with theme, focus and milestones" \
    json 'd["schedule"][0]["theme"] == "Foundations" and d["schedule"][0]["focus"] == {"decks": ["e2e-stats"], "tags": ["derivation"]} and d["schedule"][1]["current"] and len(d["schedule"][2]["milestones"]) == 1'
run plan done e2e-w1-a
check "plan done ticks a milestone" sh -c "[ $(rc) = 0 ] && grep -q 'e2e-w1-a: done (week 1); 1 of 5 milestones done' '$T/last' && grep -q '1 milestone behind' '$T/last'"
run plan done e2e-w1-a
check "plan done twice says it already was" sh -c "[ $(rc) = 0 ] && grep -q 'already done' '$T/last'"
check "a milestone is stored once" test "$(count 'SELECT COUNT(*) FROM plan_milestones')" = 1
run plan undo e2e-w2-a
check "plan undo of an open milestone says it was not done" sh -c "[ $(rc) = 0 ] && grep -q 'e2e-w2-a: was not done (week 2)' '$T/last'"
run plan done e2e-w2-a
run plan undo e2e-w2-a
check "plan undo unticks a milestone" sh -c "[ $(rc) = 0 ] && grep -q 'e2e-w2-a: not done any more (week 2); 1 of 5 milestones done' '$T/last'"
run plan done e2e-re-w1
check "a milestone of another track is refused" sh -c "[ $(rc) != 0 ] && grep -q 'belongs to the re track' '$T/last'"
run plan show
check "plan show says what to do today: the open week-1 milestone" sh -c "grep -q '^today: Catch up first, with the oldest open milestone (week 1, e2e-w1-b): Pick the labs.$' '$T/last'"
check "plan show marks the current week" sh -c "grep -q '^> week  2  Theory' '$T/last'"
run status
check "status shows the plan week line" sh -c "[ $(rc) = 0 ] && grep -q '^plan: rs week 2 of 3, 1 milestone behind, interview in 45 days$' '$T/last'"
LABPREP_NOW=2026-01-06T09:00:00Z run plan show --json
check "before the start the current week is 0 and nothing is due" json 'd["week"] == 0 and d["milestones"]["due"] == 0 and "starts on 2026-01-07" in d["today_line"]'
LABPREP_NOW=2026-02-01T09:00:00Z run plan show --json
check "after the last week the plan is finished (week weeks+1)" json 'd["week"] == 4 and d["finished"] and d["milestones"]["behind"] == 4'
LABPREP_NOW=2026-03-05T09:00:00Z run plan
check "an interview date in the past counts back" sh -c "grep -q 'interview was 4 days ago' '$T/last' && grep -q '^interview: 2026-03-01 (4 days ago)$' '$T/last'"

# ---- the checklist ----
run checklist --json
check "checklist --json: score, band and per-category score and max" \
    json 'd["score"] == 0 and d["max"] == 20 and d["band"] == "Foundations" and [(c["id"], c["score"], c["max"]) for c in d["categories"]] == [("research", 0, 10), ("technical", 0, 10)] and d["weakest"] == "research"'
check "checklist --json: items carry their tick and evidence" \
    json '[i["id"] for i in d["items"]] == ["e2e-papers", "e2e-plan", "e2e-derive", "e2e-code"] and d["items"][2]["evidence"][0]["key"] == "retention:derivation" and d["items"][0]["ticked"] is False'
check "checklist --json: the unticked plan item has no conflict while the plan is behind" \
    json 'd["items"][1]["conflict"] is None'
run checklist set e2e-derive yes
check "ticking an item with no reviews behind it shows the conflict" sh -c "[ $(rc) = 0 ] && grep -q 'score now 5/20 (25%) - Foundations' '$T/last' && grep -q 'conflict: Ticked, but there are no reviews of cards tagged derivation in the last 30 days.' '$T/last'"
run checklist set e2e-q1 yes
check "a quick item wants 1-5, not yes" sh -c "[ $(rc) != 0 ] && grep -q 'answer it 1-5' '$T/last'"
run checklist set e2e-papers maybe
check "a full item wants yes or no" sh -c "[ $(rc) != 0 ] && grep -q 'answer it yes or no' '$T/last'"
run checklist set nope yes
check "an unknown item is refused" sh -c "[ $(rc) != 0 ] && grep -q \"no checklist item 'nope'\" '$T/last'"
run checklist save
check "checklist save stores a dated assessment" sh -c "[ $(rc) = 0 ] && grep -q 'saved full assessment 1 on 2026-01-15: 5/20 (25%) - Foundations' '$T/last'"
run checklist set e2e-code yes
LABPREP_NOW=2026-01-22T09:00:00Z run checklist save
check "a second save reports the change" sh -c "grep -q '10/20 (50%) - Gaps' '$T/last' && grep -q 'change since the previous full assessment: +25 points' '$T/last'"
check "each assessment keeps its items" test "$(count "SELECT COUNT(*) || ':' || SUM(value) FROM assessment_items")" = "8:3"
run checklist save --quick
check "a quick save with unrated items is refused" sh -c "[ $(rc) != 0 ] && grep -q 'rate every quick item 1-5 first (2 of 2 unrated)' '$T/last'"
"$BIN" checklist set e2e-q1 4 >/dev/null 2>&1
"$BIN" checklist set e2e-q2 2 >/dev/null 2>&1
run checklist save --quick
check "a rated quick assessment is saved as a percentage of its maximum" sh -c "[ $(rc) = 0 ] && grep -q 'saved quick assessment 3 on 2026-01-15: 6/10 (60%) - Gaps' '$T/last'"
run checklist history --json
check "checklist history --json: every assessment, the change and the trend" \
    json '[(a["kind"], a["percent"], a["change"]) for a in d["assessments"]] == [("full", 25, None), ("quick", 60, None), ("full", 50, 25)] and d["trend"]["full"] == {"count": 2, "first": 25, "last": 50, "change": 25}'
run checklist history
check "checklist history prints the trend line" sh -c "grep -q '^trend (full): 25% -> 50% (+25) over 2 assessments$' '$T/last'"

# ---- the reading list ----
run reading --json
check "reading --json lists both papers, queued" json '[(p["id"], p["status"], p["questions"]) for p in d["papers"]] == [("e2e-paper", "queued", 2), ("e2e-other", "queued", 1)]'
run reading --topic scaling
check "reading --topic filters" sh -c "grep -q e2e-other '$T/last' && ! grep -q 'e2e-paper ' '$T/last'"
run due --json
check "before reading, its questions are not in the queue" json 'not [x for x in d["decks"] if x["id"] == "reading"]'
run reading set e2e-paper read
check "marking a paper read puts its questions into study" sh -c "[ $(rc) = 0 ] && grep -q '2 key questions are now in your study queue' '$T/last'"
run due --json
check "after reading, due counts its 2 questions as new" json '[x["new"] for x in d["decks"] if x["id"] == "reading"] == [2]'
run reading set e2e-paper finished
check "an unknown status is refused" sh -c "[ $(rc) != 0 ] && grep -q 'queued, reading, read or summarised' '$T/last'"
run reading --status read
check "reading --status filters" sh -c "grep -q '^read .*e2e-paper' '$T/last' && ! grep -q e2e-other '$T/last'"

cat >"$T/editor.sh" <<'EOF'
#!/bin/sh
printf 'The three stages are SFT, RM and PPO.\n' >>"$1"
EOF
chmod +x "$T/editor.sh"
EDITOR="$T/editor.sh" run reading note e2e-paper
check "reading note stores what the editor wrote" sh -c "[ $(rc) = 0 ] && grep -q 'notes saved' '$T/last'"
check "the notes are in the database" test "$(count "SELECT notes FROM papers WHERE id = 'e2e-paper'")" = "The three stages are SFT, RM and PPO."
EDITOR=false run reading note e2e-paper
check "an editor that fails changes nothing" sh -c "[ $(rc) != 0 ] && grep -q 'notes unchanged' '$T/last'"
check "the notes are as they were" test "$(count "SELECT notes FROM papers WHERE id = 'e2e-paper'")" = "The three stages are SFT, RM and PPO."
printf '#!/bin/sh\n: >"$1"\n' >"$T/empty.sh"
chmod +x "$T/empty.sh"
EDITOR="$T/empty.sh" run reading note e2e-paper
check "emptying the file clears the notes" sh -c "grep -q 'notes cleared' '$T/last' && [ \"\$(sqlite3 '$DB' \"SELECT notes IS NULL FROM papers WHERE id = 'e2e-paper'\")\" = 1 ]"
check "no temporary notes files are left" test -z "$(ls -A "$T/tmp")"

# ---- the weekly review ----
LABPREP_NOW=2026-01-12T09:00:00Z "$BIN" answer e2e-d1 good --ms 30000 >/dev/null 2>&1
LABPREP_NOW=2026-01-12T09:01:00Z "$BIN" answer e2e-s1 good --ms 30000 >/dev/null 2>&1
LABPREP_NOW=2026-01-14T09:00:00Z "$BIN" answer e2e-d1 good --ms 60000 >/dev/null 2>&1
run report --week
check "report --week writes Markdown for the 7 days ending today" sh -c "[ $(rc) = 0 ] && grep -q '^# Weekly review: 2026-01-09 to 2026-01-15$' '$T/last'"
check "the report counts answers and minutes per day" sh -c "grep -q '^| Mon 2026-01-12 | 2 | 0 | 2 | 1.0 |$' '$T/last' && grep -q '^| \*\*total\*\* | 3 | ' '$T/last'"
check "the report shows milestones against the plan week" sh -c "grep -q '^rs week 2 of 3: Theory. 0 of 2 milestones of this week done. Milestones ticked these 7 days: 1. Behind: 1.$' '$T/last'"
check "the report has the heatmap in a code block" sh -c "grep -q '^Mon                ' '$T/last' && grep -q '^\`\`\`$' '$T/last'"
check "the report shows the checklist change and next week" sh -c "grep -q 'Latest (quick, 2026-01-15)' '$T/last' && grep -q '^Week 3: Mocks$' '$T/last'"
cp "$T/last" "$T/stdout.md"
run report --week --json
check "report --json is JSON with the week's totals" json 'd["totals"]["answers"] == 3 and len(d["days"]) == 7 and d["plan"]["week"] == 2 and d["next_week"]["week"] == 3 and len(d["heatmap"]["rows"]) == 7'
run report --week --out "$T/week.md"
check "report --out writes the file" sh -c "[ $(rc) = 0 ] && cmp -s '$T/week.md' '$T/stdout.md'"
check "report --out leaves no temporary file" sh -c "! ls '$T' | grep -q '^week\.md\.'"
run report --week --out "$T/missing/week.md"
check "report --out into a missing directory fails cleanly" sh -c "[ $(rc) != 0 ] && grep -q 'cannot write' '$T/last' && [ ! -e '$T/missing' ]"
: >"$T/afile"
run report --week --out "$T/afile/week.md"
check "report --out under a file fails and leaves nothing" sh -c "[ $(rc) != 0 ] && [ ! -s '$T/afile' ]"
mkdir "$T/adir"
run report --week --out "$T/adir"
check "report --out onto a directory fails and removes its temporary file" sh -c "[ $(rc) != 0 ] && [ -d '$T/adir' ] && ! ls '$T' | grep -q '^adir\.'"
if [ "$(id -u)" != 0 ]; then
    mkdir "$T/ro" && chmod 500 "$T/ro"
    run report --week --out "$T/ro/week.md"
    check "report --out into a read-only directory fails and leaves nothing" sh -c "[ $(rc) != 0 ] && [ -z \"\$(ls -A '$T/ro')\" ]"
fi
run report --week --date 2025-12-01
check "a week with no study says so" sh -c "[ $(rc) = 0 ] && grep -q 'No study this week.' '$T/last' && grep -q '^# Weekly review: 2025-11-25 to 2025-12-01$' '$T/last'"
run report --week --date yesterday
check "a bad --date is refused" sh -c "[ $(rc) != 0 ] && grep -q 'YYYY-MM-DD' '$T/last'"

# ---- a new plan replaces the old one, which is kept ----
run plan start --track re
check "starting another plan ends the active one" sh -c "[ $(rc) = 0 ] && grep -q 'ended the previous plan' '$T/last' && grep -q 'plan: re week 1 of 2' '$T/last'"
check "both plans are kept, one active" test "$(count "SELECT COUNT(*) || ':' || SUM(active) || ':' || COUNT(ended) FROM plans")" = "2:1:1"
check "the old plan keeps its milestones" test "$(count 'SELECT COUNT(*) FROM plan_milestones m JOIN plans p ON p.id = m.plan_id WHERE p.active = 0')" = 1

# ---- the interview date can be set on the running plan, keeping its ticks ----
run plan done "$(count "SELECT id FROM milestones WHERE track = 're' ORDER BY week, position LIMIT 1")"
before=$(count "SELECT COUNT(*) FROM plan_milestones m JOIN plans p ON p.id = m.plan_id WHERE p.active = 1")
run plan interview 2099-01-01
check "plan interview sets the date on the running plan" sh -c "[ $(rc) = 0 ] && grep -q 'interview in' '$T/last'"
check "...keeping the plan and its ticks" test "$(count "SELECT COUNT(*) FROM plan_milestones m JOIN plans p ON p.id = m.plan_id WHERE p.active = 1"):$(count 'SELECT COUNT(*) FROM plans')" = "$before:2"
run plan interview 2000-01-01
check "an interview date in the past is refused" sh -c "[ $(rc) != 0 ] && grep -q 'already passed\|before the start' '$T/last'"
run plan interview none
check "plan interview none clears it" test "$(count 'SELECT interview_day IS NULL FROM plans WHERE active = 1')" = 1
