#!/bin/sh
# e2e_shell.sh - the browser, export and import from the shell, on the real
# binary with a temporary database, the fixture content in tests/fixtures/e2e and
# a fixed clock: `cards` finds what the browser finds, `card` shows and changes
# one card, `export` writes the record whole (and `fsrs replay`/`optimize` read
# it back), `import` checks a deck against everything else before adding it.
# Prints "ok N - what" / "not ok N - what".
cd "$(dirname "$0")/.." || exit 1
BIN=$PWD/labprep
T=$(mktemp -d /tmp/labprep-e2e-shell-XXXXXX)
trap 'chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT
export HOME="$T/home" XDG_DATA_HOME="$T/data" XDG_CONFIG_HOME="$T/config" TZ=UTC
export LABPREP_CONTENT_DIR="$PWD/tests/fixtures/e2e/content" LABPREP_NOW=2026-01-05T09:00:00Z
unset LABPREP_DB LABPREP_CONFIG
DB="$XDG_DATA_HOME/labprep/labprep.db"
DECKS="$XDG_DATA_HOME/labprep/decks"
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; sed 's/^/#   /' "$T/last" | head -n 20; }
check() { # check "what" command...: passes when the command exits 0
    what=$1; shift
    if "$@" >/dev/null 2>&1; then ok "$what"; else notok "$what"; fi
}
is() { if [ "$2" = "$3" ]; then ok "$1"; else echo "#   got '$2', want '$3'"; notok "$1"; fi; }
run() { "$BIN" "$@" >"$T/last" 2>&1; echo $? >"$T/rc"; }
rc() { cat "$T/rc"; }
sql() { sqlite3 "$DB" "$1"; }
# j 'python expression over d': prints its value for the JSON in $T/last
j() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($1)" "$T/last"; }

# Some history: e2e-rank twice (a learning step, then review), e2e-coin Again.
"$BIN" answer e2e-rank 3 --ms 4000 >/dev/null
LABPREP_NOW=2026-01-05T09:12:00Z "$BIN" answer e2e-rank 3 --ms 2500 >/dev/null
LABPREP_NOW=2026-01-05T09:13:00Z "$BIN" answer e2e-coin 1 >/dev/null

# ---- cards ----
run cards
is "cards lists every live card" "$(rc) $(tail -n 1 "$T/last")" "0 5 cards"
run cards RANK
is "cards WORDS searches case-insensitively" "$(rc) $(awk '{print $3}' "$T/last" | head -n 1) $(tail -n 1 "$T/last")" \
    "0 e2e-rank 1 card"
run cards "(1 −"
is "...in UTF-8 text of the answers too" "$(awk '{print $3}' "$T/last" | head -n 1)" e2e-var
run cards --filter new --json
is "cards --filter new --json gives the never-studied cards" \
    "$(j "d['count'], sorted(c['id'] for c in d['cards']), {c['state'] for c in d['cards']}")" \
    "3 ['e2e-det', 'e2e-trace', 'e2e-var'] {'new'}"
run cards --section statistics --json
is "cards --section keeps to that section" "$(j "sorted(c['id'] for c in d['cards'])")" "['e2e-coin', 'e2e-var']"
run cards --filter due --json
is "cards --filter due: the card in relearning... no, in learning, due today" \
    "$(j "[(c['id'], c['state'], c['due']) for c in d['cards']]")" "[('e2e-coin', 'learning', '2026-01-05')]"
run cards --filter sometimes
is "an unknown filter is a usage error" "$(rc) $(grep -c '^labprep: usage: labprep cards' "$T/last")" "2 1"

# ---- card ----
run card e2e-rank --json
is "card --json gives the memory state as stored" \
    "$(j "d['state'], d['reps'], d['lapses'], round(d['stability'], 6), d['due']")" \
    "review 2 0 $(sql "SELECT round(stability, 6) FROM cards WHERE id = 'e2e-rank'") $(sql "SELECT date(due, 'unixepoch') FROM cards WHERE id = 'e2e-rank'")"
is "...its check decoded" "$(j "d['check']")" "{'type': 'number', 'value': 1, 'tolerance': 1e-09}"
is "...and its history, oldest first, with answer times" \
    "$(j "[(h['grade'], h['state_before'], h['state_after'], h['answer_ms']) for h in d['history']]")" \
    "[(3, 'new', 'learning', 4000), (3, 'learning', 'review', 2500)]"
run card e2e-rank
check "card prints the question, answer and history" sh -c \
    "grep -q '^What is the rank of' '$T/last' && grep -q '^1, because' '$T/last' && grep -q 'history (2 answers)' '$T/last' && grep -q 'check: a number, 1 ' '$T/last'"
run card e2e-rank suspend
is "card ID suspend suspends it" "$(rc) $(sql "SELECT suspended FROM cards WHERE id = 'e2e-rank'")" "0 1"
run cards --filter suspended --json
is "...and the suspended filter finds it" "$(j "[c['id'] for c in d['cards']]")" "['e2e-rank']"
run card e2e-rank unsuspend
is "card ID unsuspend brings it back" "$(rc) $(sql "SELECT suspended FROM cards WHERE id = 'e2e-rank'")" "0 0"
before=$(sql "SELECT count(*) FROM revlog")
run card e2e-rank reset
is "card ID reset makes it new and keeps the history" \
    "$(rc) $(sql "SELECT state || ':' || reps || ':' || stability FROM cards WHERE id = 'e2e-rank'") $(sql 'SELECT count(*) FROM revlog')" \
    "0 0:0:0.0 $before"
run card nope
is "an unknown card is a clear error" "$(rc) $(cat "$T/last")" "1 labprep: card: no card with id 'nope'"
run card e2e-rank bury-it
is "an unknown action is a usage error" "$(rc)" 2

# ---- export ----
run export revlog
is "export revlog: the study answers as card, time, grade lines, oldest first" "$(cat "$T/last")" \
"e2e-rank	1767603600	3
e2e-rank	1767604320	3
e2e-coin	1767604380	1"
"$BIN" export revlog | "$BIN" fsrs replay >"$T/replay" 2>&1
is "...which fsrs replay reads as it is" "$? $(wc -l <"$T/replay")" "0 3"
run export revlog --json
is "export revlog --json has every row with its memory before and after" \
    "$(j "len(d), d[1]['at'], d[1]['state_before'], d[1]['state_after'], d[1]['answer_ms'], d[0]['s_before']")" \
    "3 2026-01-05T09:12:00Z learning review 2500 0"
is "...matching the database" "$(j "round(d[1]['s_after'], 9)")" \
    "$(sql "SELECT round(s_after, 9) FROM revlog WHERE time = 1767604320")"
run export cards
is "export cards: a header and one line per live card" \
    "$(head -n 1 "$T/last" | cut -f1-4) / $(grep -c . "$T/last") / $(grep '^e2e-coin' "$T/last" | cut -f1-5)" \
    "id	deck	section	state / 6 / e2e-coin	e2e-probability	statistics	learning	2026-01-05"
run export cards --json --out "$T/cards.json"
is "export --out writes the file and says how many" "$(rc) $(cat "$T/last")" "0 5 cards written to $T/cards.json"
is "...a whole JSON file" "$(python3 -c "import json; print(len(json.load(open('$T/cards.json'))))")" 5
check "...and no temporary file is left" sh -c "! ls '$T' | grep -q '^cards\.json\.'"
run export revlog --out "$T/missing/x.tsv"
is "export into a missing directory fails and creates nothing" "$(rc) $(test -e "$T/missing" && echo made || echo none)" "1 none"
mkdir "$T/adir"
run export revlog --out "$T/adir"
is "export onto a directory fails, says why and leaves it alone" \
    "$(rc) $(grep -c 'cannot write .*adir: Is a directory' "$T/last") $(ls -A "$T/adir" | wc -l)" "1 1 0"
check "...and leaves no temporary file" sh -c "! ls '$T' | grep -q '^adir\.'"
run export everything
is "export of an unknown thing is a usage error" "$(rc)" 2

# ---- import ----
mkdir -p "$T/in"
cat >"$T/in/extra.yaml" <<'YAML'
kind: deck
id: e2e-extra
title: E2E extra
section: computer-science
topic: algorithms
cards:
  - id: e2e-bsearch
    q: Worst-case comparisons of binary search over n sorted items?
    a: About log₂ n, since each comparison halves what is left.
YAML
run import "$T/in/extra.yaml"
is "import copies a checked deck into the decks directory" \
    "$(rc) $(cmp -s "$T/in/extra.yaml" "$DECKS/extra.yaml" && echo same)" "0 same"
check "...and syncs it: its card is there, new" sh -c \
    "grep -q 'content synced: 1 card added' '$T/last' && [ \"\$(sqlite3 '$DB' \"SELECT state FROM cards WHERE id = 'e2e-bsearch'\")\" = 0 ]"
run import "$T/in/extra.yaml"
is "importing the same file again changes nothing" "$(rc) $(grep -c unchanged "$T/last")" "0 1"
"$BIN" answer e2e-bsearch 4 >/dev/null
sed 's/About log₂ n/About ⌊log₂ n⌋ + 1/' "$T/in/extra.yaml" >"$T/in/x" && mv "$T/in/x" "$T/in/extra.yaml"
run import "$T/in/extra.yaml"
is "an edited deck is not overwritten without --replace" "$(rc) $(grep -c 'add --replace' "$T/last") $(grep -c '⌊' "$DECKS/extra.yaml")" "1 1 0"
run import --replace "$T/in/extra.yaml"
is "--replace takes the edit and the card keeps its history" \
    "$(rc) $(sql "SELECT (a LIKE '%⌊%') || ':' || state || ':' || (SELECT count(*) FROM revlog WHERE card_id = 'e2e-bsearch') FROM cards WHERE id = 'e2e-bsearch'")" \
    "0 1:2:1"
cat >"$T/in/clash.yaml" <<'YAML'
kind: deck
id: e2e-clash
title: Clash
section: mathematics
topic: linear-algebra
cards:
  - id: e2e-rank
    q: A second card with an id that is taken?
    a: It must be refused.
YAML
run import "$T/in/clash.yaml"
is "a deck whose card id is taken is refused, naming both places" \
    "$(rc) $(grep -c "clash.yaml:7:5: duplicate card id 'e2e-rank' (first defined at .*algebra.yaml" "$T/last") $(test -e "$DECKS/clash.yaml" && echo copied || echo none)" \
    "1 1 none"
printf 'kind: deck\nid: e2e-bad\ntitle: Bad\nsection: mathematics\ntopic: x\ncolour: blue\ncards: []\n' >"$T/in/bad.yaml"
run import "$T/in/bad.yaml" "$T/in/extra.yaml"
is "a malformed deck is refused with file:line:col and nothing is imported" \
    "$(rc) $(grep -c "bad.yaml:6:1: " "$T/last") $(grep -c 'nothing imported' "$T/last") $(test -e "$DECKS/bad.yaml" && echo copied || echo none) $(grep -c '⌊' "$DECKS/extra.yaml")" \
    "1 1 1 none 1"
printf 'kind: deck\n' >"$T/in/notes.txt"
run import "$T/in/notes.txt"
is "a file not named .yaml is refused" "$(rc) $(grep -c 'ends in .yaml' "$T/last")" "1 1"
run import "$T/in/none.yaml"
is "a missing file is refused" "$(rc) $(grep -c 'No such file' "$T/last")" "1 1"

# ---- card edit: $EDITOR at the card, then sync; history kept ----
cat >"$T/editor" <<'ED'
#!/bin/sh
echo "$@" >"$EDIT_LOG"
[ "$EDIT_FAIL" = 1 ] && exit 4
sed -i 's/About ⌊log₂ n⌋ + 1/At most ⌊log₂ n⌋ + 1/' "$2"
ED
chmod +x "$T/editor"
export EDITOR="$T/editor" EDIT_LOG="$T/edit.log"
unset VISUAL
run card e2e-bsearch edit
is "card ID edit opens \$EDITOR at the card and syncs" \
    "$(rc) $(cat "$T/edit.log") $(sql "SELECT a LIKE 'At most%' FROM cards WHERE id = 'e2e-bsearch'")" \
    "0 +$(grep -n 'id: e2e-bsearch' "$DECKS/extra.yaml" | cut -d: -f1) $DECKS/extra.yaml 1"
is "...and the card keeps its history" "$(sql "SELECT count(*) FROM revlog WHERE card_id = 'e2e-bsearch'")" 1
cp "$DECKS/extra.yaml" "$T/before.yaml"
EDIT_FAIL=1 run card e2e-bsearch edit
is "a failing editor: non-zero exit, file and card unchanged" \
    "$(rc) $(cmp -s "$T/before.yaml" "$DECKS/extra.yaml" && echo same) $(grep -c 'nothing synced' "$T/last")" "1 same 1"
EDITOR=/nonexistent/editor run card e2e-bsearch edit
is "a missing editor is named as such" "$(rc) $(grep -c 'the editor was not found (set \$EDITOR); nothing synced' "$T/last")" "1 1"
