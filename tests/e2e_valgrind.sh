#!/bin/sh
# e2e_valgrind.sh - the command-line paths under valgrind: every subcommand, its
# JSON form, the main error paths and the tutor's first frame, each run as
#   valgrind --error-exitcode=99 --leak-check=full
# on the fixture content in tests/fixtures/e2e_plan.  A run fails on any memory
# error or definite/possible leak (exit 99), or on a crash.  Prints "ok N - what" or
# "not ok N - what" per command.  Skipped (with a reason) when valgrind is missing.
cd "$(dirname "$0")/.." || exit 1
BIN=$PWD/labprep
FIX=$PWD/tests/fixtures/e2e_plan
if ! command -v valgrind >/dev/null 2>&1; then
    echo "# skipped: valgrind is not installed (it is in the Makefile's TEST_PKGS)"
    exit 0
fi
T=$(mktemp -d /tmp/labprep-vg-XXXXXX)
trap 'rm -rf "$T"' EXIT
export HOME="$T/home" XDG_DATA_HOME="$T/data" XDG_CONFIG_HOME="$T/config" TZ=UTC
export LABPREP_CONTENT_DIR="$FIX" LABPREP_NOW=2026-01-15T09:00:00Z
unset LABPREP_DB LABPREP_CONFIG VISUAL
VG="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,possible"
VG="$VG --suppressions=$PWD/tests/valgrind.supp"
n=0
# vg WANT "what" ARGS...: labprep ARGS under valgrind; WANT is the exit status
# expected (0, or "fail" for any status 1-98).
vg() {
    want=$1 what=$2; shift 2
    n=$((n + 1))
    $VG "$BIN" "$@" <"${VG_STDIN:-/dev/null}" >"$T/out" 2>"$T/err"; code=$?
    if [ $code -eq 99 ] || [ $code -ge 128 ]; then
        echo "not ok $n - $what (valgrind: exit $code)"; grep '^==' "$T/err" | head -n 25 | sed 's/^/#   /'
    elif [ "$want" = fail ] && { [ $code -eq 0 ] || [ $code -ge 99 ]; }; then
        echo "not ok $n - $what (should fail, exit $code)"; head -n 5 "$T/err" | sed 's/^/#   /'
    elif [ "$want" != fail ] && [ $code -ne "$want" ]; then
        echo "not ok $n - $what (exit $code)"; head -n 5 "$T/err" | sed 's/^/#   /'
    else
        echo "ok $n - valgrind clean: $what"
    fi
}

vg 0 "due --json on a new database (create, migrate, sync)" due --json
vg 0 "summary (no command, not a terminal)"
vg 0 "status" status
vg 0 "answer" answer e2e-d1 good --ms 4000
vg fail "answer an unknown card" answer no-such-card 3
vg 0 "content check" content check "$FIX"
vg 0 "content stats --json" content stats --json
printf 'a\t1767225600\t3\na\t1767571200\t1\nb\t1767225600\t4\na\t1768000000\t3\n' >"$T/events"
VG_STDIN="$T/events" vg 0 "fsrs replay" fsrs replay
printf 'a\t1767225600\t3\nb\tnot-a-time\t3\n' >"$T/bad-events"
VG_STDIN="$T/bad-events" vg fail "fsrs replay with a bad line" fsrs replay
vg 0 "backup" backup
vg 0 "doctor" doctor
vg 0 "plan start" plan start --track rs --start 2026-01-07
vg 0 "plan show --json" plan show --json
vg 0 "plan done" plan done e2e-w1-a
vg 0 "checklist set" checklist set e2e-derive yes
vg 0 "checklist --json" checklist --json
vg 0 "checklist save" checklist save
vg 0 "reading set" reading set e2e-paper read
vg 0 "reading --json" reading --json
vg 0 "report --json" report --json
vg 0 "fsrs calibration --json" fsrs calibration --json
vg 0 "cards with a search" cards the --json
vg 0 "card --json" card e2e-d1 --json
vg 0 "card suspend" card e2e-d1 suspend
vg fail "card with an unknown id" card no-such-card
vg 0 "mock (no mocks yet)" mock --json
vg 0 "export revlog --json" export revlog --json
vg 0 "export cards --out" export cards --out "$T/cards.tsv"
printf 'kind: deck\nid: vg-extra\ntitle: Extra\nsection: mathematics\ntopic: t\ncards:\n  - id: vg-x1\n    q: hello?\n    a: world.\n' >"$T/extra.yaml"
vg 0 "import a deck" import "$T/extra.yaml"
vg fail "import a deck again under another name with the same ids" import "$(cp "$T/extra.yaml" "$T/extra2.yaml"; echo "$T/extra2.yaml")"
rm -f "$XDG_DATA_HOME/labprep/decks/extra.yaml"
LABPREP_NOW=2026-01-16T09:00:00Z vg 0 "the first open of a new day (daily backup)" status

mkdir -p "$XDG_DATA_HOME/labprep/decks"
printf 'kind: deck\nid: mine\ntitle: Mine\nsection: mathematics\ntopic: t\ncards:\n  - id: m1\n    q: hello\n    anwser: typo\n' \
    >"$XDG_DATA_HOME/labprep/decks/mine.yaml"
vg 0 "a broken user deck (warnings, the rest loads)" due
vg fail "content check with a broken deck" content check
rm -f "$XDG_DATA_HOME/labprep/decks/mine.yaml"

printf 'not a database\n' >"$T/text.db"
vg fail "a file that is not a database" --db "$T/text.db" status
cp "$XDG_DATA_HOME/labprep/labprep.db" "$T/newer.db"
sqlite3 "$T/newer.db" "PRAGMA user_version=99"
vg fail "a database from a newer version" --db "$T/newer.db" answer e2e-d2 3
cp "$XDG_DATA_HOME/labprep/labprep.db" "$T/short.db"
sqlite3 "$T/short.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
truncate -s 6000 "$T/short.db"
vg fail "a truncated database" --db "$T/short.db" due
vg fail "doctor on a truncated database" --db "$T/short.db" doctor
vg 2 "an unknown command" frobnicate

# The tutor's first frame, on a pseudo-terminal (script(1)), then exit.
if command -v script >/dev/null 2>&1; then
    n=$((n + 1))
    TERM=xterm LABPREP_EXIT_AFTER_FIRST_FRAME=1 script -qec \
        "$VG --log-file=$T/tutor.vg $BIN" /dev/null >"$T/out" 2>&1 </dev/null
    code=$?
    if [ $code -eq 0 ] && [ ! -s "$T/tutor.vg" ]; then echo "ok $n - valgrind clean: the tutor's first frame"
    else echo "not ok $n - the tutor's first frame (exit $code)"; head -n 25 "$T/tutor.vg" | sed 's/^/#   /'; fi
fi
