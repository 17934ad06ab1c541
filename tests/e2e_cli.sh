#!/bin/sh
# e2e_cli.sh - the real labprep binary on a temporary database and fixture content,
# with a fixed clock.  Prints "ok N - what" or "not ok N - what" per check.
cd "$(dirname "$0")/.." || exit 1
BIN=$PWD/labprep
FIX=$PWD/tests/fixtures/e2e/content
T=$(mktemp -d /tmp/labprep-e2e-XXXXXX)
trap 'rm -rf "$T"' EXIT
export HOME="$T/home" XDG_DATA_HOME="$T/data" XDG_CONFIG_HOME="$T/config" TZ=UTC
export LABPREP_CONTENT_DIR="$FIX" LABPREP_NOW=2026-01-05T09:00:00Z
unset LABPREP_DB LABPREP_CONFIG
DB="$XDG_DATA_HOME/labprep/labprep.db"
n=0
check() { # check "what" command...: passes when the command exits 0
    what=$1; shift
    n=$((n + 1))
    if "$@" >"$T/out" 2>&1; then echo "ok $n - $what"; else
        echo "not ok $n - $what"; sed 's/^/#   /' "$T/out" | head -n 20; fi
}
has() { grep -q -- "$1" "$T/last"; }
run() { "$BIN" "$@" >"$T/last" 2>&1; echo $? >"$T/rc"; }
rc() { cat "$T/rc"; }
count() { sqlite3 "$DB" "$1"; }

check "--version names the program" sh -c "'$BIN' --version | grep -q '^labprep '"

run due --json
check "due --json on a fresh database lists the 5 new cards" \
    sh -c "[ $(rc) = 0 ] && grep -q '\"new\":5' '$T/last' && grep -q '\"review\":0' '$T/last'"
check "the database was created under XDG_DATA_HOME" test -f "$DB"

run answer e2e-trace 3 --ms 5000
check "answer records a review and prints the next due" sh -c "[ $(rc) = 0 ] && grep -q 'saved e2e-trace: Good; next due' '$T/last'"
check "answer wrote exactly one review-log row with its time" \
    test "$(count "SELECT count(*) || ':' || answer_ms FROM revlog")" = "1:5000"

run answer e2e-trace good
run due --json
check "after two Good answers the learning card is no longer new" \
    sh -c "grep -q '\"new\":4' '$T/last'"

run answer no-such-card 3
check "answering an unknown card fails and names it" sh -c "[ $(rc) != 0 ] && grep -q no-such-card '$T/last'"
run answer e2e-det 7
check "a grade outside 1-4 is refused" sh -c "[ $(rc) != 0 ] && grep -q 'grade must be 1-4' '$T/last'"
check "refused answers wrote nothing" test "$(count "SELECT count(*) FROM revlog")" = 2

run status
check "status shows both decks" sh -c "[ $(rc) = 0 ] && grep -q e2e-algebra '$T/last' && grep -q e2e-probability '$T/last'"

run
check "no command prints today's summary" sh -c "[ $(rc) = 0 ] && grep -q \"today's summary\" '$T/last'"

# Content problems: a broken user deck is reported with file:line:col and skipped.
mkdir -p "$XDG_DATA_HOME/labprep/decks"
printf 'kind: deck\nid: mine\ntitle: Mine\nsection: mathematics\ntopic: t\ncards:\n  - id: m1\n    q: hello\n    anwser: typo\n' \
    >"$XDG_DATA_HOME/labprep/decks/mine.yaml"
run due --json
check "a broken user deck warns with file:line:col and the rest still loads" \
    sh -c "[ $(rc) = 0 ] && grep -q 'mine.yaml:9:5: ' '$T/last' && grep -q '\"new\":4' '$T/last'"
run content check
check "content check fails on the broken deck" sh -c "[ $(rc) != 0 ] && grep -q 'mine.yaml:9:5: ' '$T/last'"
rm -f "$XDG_DATA_HOME/labprep/decks/mine.yaml"
run content check "$FIX"
check "content check passes on good content" sh -c "[ $(rc) = 0 ] && grep -q 'content ok' '$T/last'"

# Backups and doctor.
run backup
check "backup writes a manual copy" sh -c "[ $(rc) = 0 ] && ls '$XDG_DATA_HOME/labprep/backups/' | grep -q '^manual-2026-01-05T090000.db$'"
LABPREP_NOW=2026-01-06T09:00:00Z run status
check "the first open of a new day makes a daily and a weekly backup" \
    sh -c "ls '$XDG_DATA_HOME/labprep/backups/' | grep -q '^daily-2026-01-06.db$' && ls '$XDG_DATA_HOME/labprep/backups/' | grep -q '^weekly-2026-01-05.db$'"
check "the daily backup is a whole database with the review log" \
    test "$(sqlite3 "$XDG_DATA_HOME/labprep/backups/daily-2026-01-06.db" 'SELECT count(*) FROM revlog')" = 2
run doctor
check "doctor passes a healthy database" sh -c "[ $(rc) = 0 ] && grep -q 'result: ok' '$T/last'"

# Files that are not ours.
printf 'just some text, definitely not SQLite\n' >"$T/notes.txt"
cp "$T/notes.txt" "$T/notes.orig"
run --db "$T/notes.txt" status
check "a non-database file is refused with a clear message" sh -c "[ $(rc) != 0 ] && grep -q 'not a labprep database' '$T/last'"
check "the refused file is left untouched" cmp -s "$T/notes.txt" "$T/notes.orig"
run --db "$T/notes.txt" doctor
check "doctor reports the foreign file" sh -c "[ $(rc) != 0 ] && grep -q 'cannot open' '$T/last'"

cp "$DB" "$T/newer.db"
sqlite3 "$T/newer.db" "PRAGMA user_version=99" >/dev/null
cp "$T/newer.db" "$T/newer.orig"
run --db "$T/newer.db" answer e2e-det 3
check "a database from a newer version is refused" sh -c "[ $(rc) != 0 ] && grep -q 'newer labprep' '$T/last'"
check "...and left byte for byte as it was" cmp -s "$T/newer.db" "$T/newer.orig"

cp "$DB" "$T/damaged.db"
sqlite3 "$T/damaged.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
size=$(stat -c %s "$T/damaged.db")
# Keep the header page, overwrite every page after it with noise.
dd if=/dev/urandom of="$T/damaged.db" bs=4096 seek=1 count=$((size / 4096 - 1)) conv=notrunc 2>/dev/null
run --db "$T/damaged.db" doctor
check "doctor finds damage in a database with overwritten pages" sh -c "[ $(rc) != 0 ]"
cp "$T/damaged.db" "$T/damaged.orig"
run --db "$T/damaged.db" due
check "using a damaged database fails with a message naming it and doctor" \
    sh -c "[ $(rc) != 0 ] && [ $(rc) -lt 128 ] && grep -q 'damaged.db' '$T/last' && grep -q 'labprep doctor' '$T/last'"
check "...and the damaged file is not modified further" cmp -s "$T/damaged.db" "$T/damaged.orig"

cp "$DB" "$T/short.db"
sqlite3 "$T/short.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
truncate -s 3000 "$T/short.db"
run --db "$T/short.db" status
check "a truncated database gets a clear message, not a crash" \
    sh -c "[ $(rc) != 0 ] && [ $(rc) -lt 128 ] && grep -q 'short.db' '$T/last'"

# A second writer: another process holds the write lock for longer than we wait.
( echo "BEGIN IMMEDIATE; UPDATE meta SET value = value;"; sleep 6; echo "COMMIT;" ) | sqlite3 "$DB" &
sleep 1
run answer e2e-det 3
check "a second writer gets a clear 'in use' message" sh -c "[ $(rc) != 0 ] && grep -q 'in use by another labprep process' '$T/last'"
wait
run answer e2e-det 3
check "once the lock is gone the answer goes through" sh -c "[ $(rc) = 0 ]"

# The FSRS replay command.
printf 'a\t1767225600\t3\nb\t1767225600\t9\n' | "$BIN" fsrs replay >"$T/last" 2>&1
echo $? >"$T/rc"
check "replay rejects a bad line with its number" sh -c "[ $(rc) != 0 ] && grep -q 'line 2' '$T/last'"
printf 'a\t1767225600\t3\na\t1767571200\t3\n' | "$BIN" fsrs replay >"$T/last" 2>&1
check "replay prints one line of 7 fields per event" \
    sh -c "[ \$(wc -l <'$T/last') = 2 ] && awk -F'\t' 'NF != 7 { exit 1 }' '$T/last'"

# An applied fit drives the scheduler: with w3 (Easy's first stability) at 30 days,
# Easy on a new card schedules about a month out instead of about 8 days.
sqlite3 "$DB" "INSERT INTO fsrs_fits(time, params, reviews, active) VALUES(1767225600,
 '0.212,1.2931,2.3065,30,6.4133,0.8334,3.0194,0.001,1.8722,0.1666,0.796,1.4835,0.0614,0.2629,1.6483,0.6014,1.8729,0.5425,0.0912,0.0658,0.1542', 500, 1)"
run answer e2e-var 4
days=$(sed -n 's/.*(in \([0-9]*\)d).*/\1/p' "$T/last")
check "an applied fit's parameters schedule the next review" sh -c "[ '${days:-0}' -ge 20 ]"

# Unknown options and commands.
run frobnicate
check "an unknown command is refused" sh -c "[ $(rc) = 2 ] && grep -q \"unknown command 'frobnicate'\" '$T/last'"
run --now yesterday status
check "a bad --now is refused with the expected format" sh -c "[ $(rc) != 0 ] && grep -q 'ISO 8601' '$T/last'"
