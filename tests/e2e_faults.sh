#!/bin/sh
# e2e_faults.sh - the real labprep binary against hostile conditions: SIGKILL at
# random moments, damaged and foreign files, read-only directories, a full disk
# (a file-size limit) and two writers at once.  Prints "ok N - what" or
# "not ok N - what" per check.  e2e_cli.sh covers the plain cases (a text file, a
# newer schema for answer, pages overwritten with noise); this goes further.
#
# A crash is an exit status >= 128 (killed by a signal, or a sanitizer abort).
# KILL_TRIALS (default 60) sets how many answer processes are killed.
cd "$(dirname "$0")/.." || exit 1
BIN=$PWD/labprep
FIX=$PWD/tests/fixtures/e2e/content
T=$(mktemp -d /tmp/labprep-faults-XXXXXX)
trap 'rm -rf "$T"' EXIT
export HOME="$T/home" XDG_DATA_HOME="$T/data" XDG_CONFIG_HOME="$T/config" TZ=UTC
export LABPREP_CONTENT_DIR="$FIX" LABPREP_NOW=2026-01-05T09:00:00Z
unset LABPREP_DB LABPREP_CONFIG
DB="$T/good.db"
CARDS="e2e-rank e2e-trace e2e-det e2e-coin e2e-var"
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; [ -f "$T/last" ] && sed 's/^/#   /' "$T/last" | head -n 15; }
check() { # check "what" command...: passes when the command exits 0
    what=$1; shift
    if "$@" >"$T/out" 2>&1; then ok "$what"; else
        n=$((n + 1)); echo "not ok $n - $what"; sed 's/^/#   /' "$T/out" | head -n 15; fi
}
run() { "$BIN" "$@" >"$T/last" 2>&1; echo $? >"$T/rc"; }
rc() { cat "$T/rc"; }
q() { sqlite3 "$1" "$2"; }
# A small deterministic random number generator: rand N sets R to 0..N-1.  (Not
# called as $(rand N): the subshell would lose the seed.)
seed=12345
rand() { seed=$(( (seed * 1103515245 + 12345) % 2147483648 )); R=$(( (seed / 65536) % $1 )); }
# Sleep for N milliseconds (N < 1000).
msleep() { sleep "$(printf '0.%03d' "$1")"; }

# A database with some history: each card answered once.
for c in $CARDS; do "$BIN" --db "$DB" answer "$c" good >/dev/null 2>&1; done
check "the base database has 5 answers" test "$(q "$DB" 'SELECT count(*) FROM revlog')" = 5
"$BIN" --db "$DB" status >/dev/null 2>&1 # folds the WAL back into the file on close

# ---- refused files: clear message, exit 1..127, file byte for byte unchanged ----
# refuse "what" file: run due, answer, backup and doctor on a copy of file.
refuse() {
    what=$1; src=$2; pattern=$3
    bad=""
    for cmd in "due" "answer e2e-det 3" "backup" "doctor"; do
        rm -rf "$T/r" && mkdir -p "$T/r" && cp "$src" "$T/r/x.db" && cp "$src" "$T/r/orig"
        # shellcheck disable=SC2086
        "$BIN" --db "$T/r/x.db" $cmd >"$T/last" 2>&1
        code=$?
        if [ $code -eq 0 ] || [ $code -ge 128 ]; then bad="$bad [$cmd: exit $code]"
        elif ! grep -q "x.db" "$T/last" || ! grep -Eqi "$pattern" "$T/last"; then
            bad="$bad [$cmd: message: $(head -c 200 "$T/last")]"
        elif ! cmp -s "$T/r/x.db" "$T/r/orig"; then bad="$bad [$cmd: file changed]"
        elif [ -s "$T/r/x.db-wal" ]; then bad="$bad [$cmd: wrote a WAL]"
        fi
    done
    if [ -z "$bad" ]; then ok "$what: refused by due, answer, backup and doctor, file untouched"
    else notok "$what:$bad"; fi
}

cp "$DB" "$T/trunc-header.db" && truncate -s 50 "$T/trunc-header.db"
refuse "a database cut inside its 100-byte header" "$T/trunc-header.db" "not a|damaged"
size=$(stat -c %s "$DB")
cp "$DB" "$T/trunc-half.db" && truncate -s $((size / 2)) "$T/trunc-half.db"
refuse "a database cut to half its pages" "$T/trunc-half.db" "damaged|not a|problem"
cp "$DB" "$T/trunc-odd.db" && truncate -s $((size - 1000)) "$T/trunc-odd.db"
refuse "a database cut in the middle of a page" "$T/trunc-odd.db" "damaged|not a|problem"

# SQLite's magic, then garbage.
{ printf 'SQLite format 3\000'; head -c 8176 /dev/urandom; } >"$T/magic.db"
refuse "a file with SQLite's magic but a garbage header" "$T/magic.db" "not a|damaged"
head -c 100 /dev/zero >"$T/zeros.db"
refuse "a 100-byte file of zeros" "$T/zeros.db" "not a labprep database"
printf '\377\330\377\340\000\020JFIF\000' >"$T/photo.db"; head -c 3000 /dev/urandom >>"$T/photo.db"
refuse "a JPEG named like a database" "$T/photo.db" "not a labprep database"
sqlite3 "$T/other.db" "CREATE TABLE notes(x); INSERT INTO notes VALUES('mine');"
refuse "another program's SQLite database" "$T/other.db" "another program"

cp "$DB" "$T/newer.db" && sqlite3 "$T/newer.db" "PRAGMA user_version=99"
refuse "a database from a newer labprep" "$T/newer.db" "newer labprep"

# Flipped bytes in the first page's b-tree header and in every page's type byte:
# structural damage that SQLite must notice when the page is read.
pages=$((size / 4096))
cp "$DB" "$T/flip-p1.db"
printf '\377' | dd of="$T/flip-p1.db" bs=1 seek=100 conv=notrunc 2>/dev/null
refuse "a flipped page-type byte on the schema page" "$T/flip-p1.db" "damaged|not a|problem"
cp "$DB" "$T/flip-all.db"
p=1; while [ $p -lt $pages ]; do
    printf '\377' | dd of="$T/flip-all.db" bs=1 seek=$((p * 4096)) conv=notrunc 2>/dev/null
    p=$((p + 1)); done
refuse "a flipped page-type byte on every page" "$T/flip-all.db" "damaged|not a|problem"

# Random flips: whatever they hit, no crash, and a command that refuses leaves the
# file as it was.  Half the bytes land in page headers and cell pointers (the first
# 64 bytes of a page), where SQLite must notice; the rest anywhere.
crashes=""; refused=0; unchanged_bad=""
for trial in $(seq 1 30); do
    cp "$DB" "$T/rnd.db"
    k=0; while [ $k -lt 8 ]; do
        if [ $((k % 2)) = 0 ]; then within=64; else within=4096; fi
        rand $pages; off=$((R * 4096)); rand $within; off=$((off + R)); rand 256
        printf "\\$(printf '%03o' $R)" | dd of="$T/rnd.db" bs=1 seek=$off conv=notrunc 2>/dev/null
        k=$((k + 1)); done
    for cmd in "doctor" "due" "answer e2e-var 2"; do
        cp "$T/rnd.db" "$T/rnd.orig"
        # shellcheck disable=SC2086
        "$BIN" --db "$T/rnd.db" $cmd >"$T/last" 2>&1; code=$?
        [ $code -ge 128 ] && crashes="$crashes [trial $trial $cmd: exit $code]"
        if [ $code -ne 0 ] && [ $code -lt 128 ]; then
            refused=$((refused + 1))
            cmp -s "$T/rnd.db" "$T/rnd.orig" || unchanged_bad="$unchanged_bad [trial $trial $cmd]"
        fi
    done
    rm -f "$T/rnd.db-wal" "$T/rnd.db-shm"
done
if [ -z "$crashes" ] && [ $refused -gt 0 ]; then ok "30 databases with 8 random bytes changed: no crash ($refused refusals)"
else notok "random flips crashed:$crashes"; fi
if [ -z "$unchanged_bad" ]; then ok "every refusal left the damaged file as it was"
else notok "a refusal changed the file:$unchanged_bad"; fi

# ---- a read-only directory ----
# Root ignores permissions, so as root the commands run as 'nobody' (setpriv).
ro_run() { # ro_run ARGS...: labprep as a user who cannot write to $T/ro
    if [ "$(id -u)" = 0 ]; then
        setpriv --reuid=nobody --regid=nogroup --clear-groups env HOME="$T/ro" \
            XDG_DATA_HOME="$T/ro/data" XDG_CONFIG_HOME="$T/ro/config" "$BIN" "$@"
    else
        env HOME="$T/ro" XDG_DATA_HOME="$T/ro/data" XDG_CONFIG_HOME="$T/ro/config" "$BIN" "$@"
    fi
}
if [ "$(id -u)" = 0 ] && ! command -v setpriv >/dev/null 2>&1; then
    echo "# skipped: read-only directory tests (running as root without setpriv)"
else
    mkdir -p "$T/ro" && cp "$DB" "$T/ro/x.db" && cp "$DB" "$T/ro/orig"
    chmod 755 "$T" "$T/ro" && chmod 644 "$T/ro/x.db" && chmod 555 "$T/ro"
    [ "$(id -u)" = 0 ] || chmod 444 "$T/ro/x.db"
    ro_run --db "$T/ro/x.db" answer e2e-det 3 >"$T/last" 2>&1; code=$?
    if [ $code -ne 0 ] && [ $code -lt 128 ] && grep -q "x.db" "$T/last" &&
        grep -Eqi "cannot write|read-only|readonly|permission" "$T/last"; then
        ok "a database in a read-only directory: clear message, exit $code"
    else notok "a database in a read-only directory (exit $code)"; fi
    check "...and the file is unchanged" cmp -s "$T/ro/x.db" "$T/ro/orig"
    ro_run --db "$T/ro/new/y.db" due >"$T/last" 2>&1; code=$?
    if [ $code -ne 0 ] && [ $code -lt 128 ] && grep -q "y.db" "$T/last"; then
        ok "a new database under a read-only directory: clear message, exit $code"
    else notok "a new database under a read-only directory (exit $code)"; fi
    ro_run --db "$T/ro/x.db" doctor >"$T/last" 2>&1; code=$?
    if [ $code -lt 128 ]; then ok "doctor on a read-only directory does not crash (exit $code)"
    else notok "doctor on a read-only directory crashed (exit $code)"; fi
    chmod 755 "$T/ro"
fi

# ---- a full disk: a file-size limit of 1 KiB, then of the file's size ----
cp "$DB" "$T/full.db" && cp "$DB" "$T/full.orig"
before=$(q "$T/full.db" 'SELECT count(*) FROM revlog')
LABPREP_NOW=2026-01-09T09:00:00Z sh -c "ulimit -f 2; exec '$BIN' --db '$T/full.db' answer e2e-det 3" >"$T/last" 2>&1
code=$?
if [ $code -ne 0 ] && [ $code -lt 128 ] && grep -q "full.db" "$T/last" && ! grep -q "^saved" "$T/last"; then
    ok "no room to write: the answer fails with a message, exit $code"
else notok "no room to write (exit $code)"; fi
check "...the database file is byte for byte as it was" cmp -s "$T/full.db" "$T/full.orig"
check "...and once there is room it opens with the same answers" \
    test "$("$BIN" --db "$T/full.db" doctor >/dev/null 2>&1 && q "$T/full.db" 'SELECT count(*) FROM revlog')" = "$before"
limit=$(( $(stat -c %s "$T/full.db") / 512 - 8 ))     # 4 KiB short of the file
saved=0; failed=0; crashed=0
for i in $(seq 1 8); do
    LABPREP_NOW="2026-01-09T10:0$i:00Z" sh -c "ulimit -f $limit; exec '$BIN' --db '$T/full.db' answer e2e-trace $((i % 4 + 1))" >"$T/last" 2>&1
    code=$?
    if [ $code -ge 128 ]; then crashed=$((crashed + 1))
    elif grep -q "^saved" "$T/last"; then saved=$((saved + 1))
    else failed=$((failed + 1)); fi
done
if [ $crashed -eq 0 ]; then ok "answers at a limit of the file's size: $saved saved, $failed refused, no crash"
else notok "answers at the file's size limit crashed $crashed times"; fi
"$BIN" --db "$T/full.db" doctor >"$T/last" 2>&1
check "...every answer reported saved is there and doctor passes" \
    sh -c "grep -q 'result: ok' '$T/last' && [ \$(sqlite3 '$T/full.db' 'SELECT count(*) FROM revlog') -ge $((before + saved)) ]"

# ---- SIGKILL at random moments ----
# How long does one answer take here?  Kills are spread over that time.
ms_now() { date +%s%N | cut -c1-13; }
cp "$DB" "$T/kill.db"
t0=$(ms_now)
for i in 1 2 3; do "$BIN" --db "$T/kill.db" answer e2e-rank good >/dev/null 2>&1; done
span=$(( ($(ms_now) - t0) / 3 + 1 ))
echo "# one answer takes about $span ms here; kills land in 0-$span ms"
# Trials go on until KILL_TRIALS (default 50) processes were killed mid-run.
want=${KILL_TRIALS:-50}
: >"$T/saved"
kills=0; crashed_other=0; trials=0
while [ $kills -lt "$want" ] && [ $trials -lt $((want * 4)) ]; do
    trials=$((trials + 1)); i=$trials
    rand 5; card=$(echo $CARDS | cut -d' ' -f $((R + 1))); rand 4; grade=$((R + 1))
    ms=$((100000 + i))    # marks this trial's row in the review log
    LABPREP_NOW="2026-01-10T09:00:00Z" "$BIN" --db "$T/kill.db" answer "$card" $grade --ms $ms >"$T/k.out" 2>&1 &
    pid=$!
    rand $span; msleep $R
    kill -9 $pid 2>/dev/null
    wait $pid 2>/dev/null; code=$?
    [ $code -eq 137 ] && kills=$((kills + 1))
    [ $code -ne 0 ] && [ $code -ne 137 ] && crashed_other=$((crashed_other + 1)) && cp "$T/k.out" "$T/last"
    grep -q "^saved" "$T/k.out" && echo $ms >>"$T/saved"
done
nsaved=$(wc -l <"$T/saved")
missing=""
for ms in $(cat "$T/saved"); do
    [ "$(q "$T/kill.db" "SELECT count(*) FROM revlog WHERE answer_ms = $ms")" = 1 ] || missing="$missing $ms"
done
if [ $crashed_other -eq 0 ] && [ $kills -ge "$want" ]; then ok "$trials answer processes, $kills killed mid-run by SIGKILL; none failed otherwise"
else notok "answer processes failed without being killed: $crashed_other"; fi
if [ -z "$missing" ]; then ok "all $nsaved answers reported saved are in the database"
else notok "answers reported saved but missing:$missing"; fi
check "...integrity_check is ok after the kills" test "$(q "$T/kill.db" 'PRAGMA integrity_check')" = ok
check "...and no answer was recorded twice" \
    test "$(q "$T/kill.db" "SELECT count(*) - count(DISTINCT answer_ms) FROM revlog WHERE answer_ms > 100000")" = 0
"$BIN" --db "$T/kill.db" doctor >"$T/last" 2>&1
check "...and labprep doctor passes" grep -q 'result: ok' "$T/last"

# Kill while a content sync rewrites a whole deck (one transaction for the sync).
cp -r "$FIX" "$T/content" && cp "$DB" "$T/ksync.db"
sync_kills=0
for i in $(seq 1 15); do
    sed -i "s/^title: E2E algebra.*/title: E2E algebra $i/; s/^    q: What is the trace.*/    q: What is the trace of a square matrix (edit $i)?/" "$T/content/algebra.yaml"
    LABPREP_CONTENT_DIR="$T/content" "$BIN" --db "$T/ksync.db" due >/dev/null 2>&1 &
    pid=$!
    rand $span; msleep $R
    kill -9 $pid 2>/dev/null
    wait $pid 2>/dev/null; [ $? -eq 137 ] && sync_kills=$((sync_kills + 1))
done
check "15 syncs of an edited deck killed at random ($sync_kills mid-run): integrity ok" \
    test "$(q "$T/ksync.db" 'PRAGMA integrity_check')" = ok
LABPREP_CONTENT_DIR="$T/content" "$BIN" --db "$T/ksync.db" due >/dev/null 2>&1
check "...the next run brings the deck's text up to date and keeps its history" \
    test "$(q "$T/ksync.db" "SELECT q LIKE '%(edit 15)?' FROM cards WHERE id = 'e2e-trace'"):$(q "$T/ksync.db" "SELECT count(*) FROM revlog")" = "1:5"

# ---- two processes answering at once ----
mkdir -p "$T/two" && cp "$DB" "$T/two/x.db"
writer() { # writer TAG: 15 answers, one process each
    for i in $(seq 1 15); do
        for c in e2e-coin e2e-var; do
            "$BIN" --db "$T/two/x.db" answer $c good >"$T/w$1.$i.$c" 2>&1
            echo $? >>"$T/w$1.codes"
        done
    done
}
writer a & pa=$!
writer b & pb=$!
wait $pa $pb
saved=$(cat "$T"/wa.* "$T"/wb.* | grep -c '^saved')
busy=$(cat "$T"/wa.* "$T"/wb.* | grep -c 'in use by another labprep process')
worst=$(sort -n "$T/wa.codes" "$T/wb.codes" | tail -n 1)
if [ $((saved + busy)) -eq 60 ] && [ "$worst" -lt 128 ]; then
    ok "two writers, 60 answers: $saved saved, $busy told the database is in use, none crashed"
else
    n=$((n + 1)); echo "not ok $n - two writers: $saved saved + $busy busy != 60 (worst exit $worst)"
    cat "$T"/wa.* "$T"/wb.* | grep -v '^saved' | sort | uniq -c | head -n 5 | sed 's/^/#   /'
fi
check "...every saved answer is in the log" \
    test "$(q "$T/two/x.db" "SELECT count(*) FROM revlog WHERE card_id IN ('e2e-coin','e2e-var')")" = $((saved + 2))
check "...and none was lost to a race (each answer saw the one before it)" \
    test "$(q "$T/two/x.db" "SELECT count(*) - count(DISTINCT card_id || ':' || reps_before) FROM revlog")" = 0
check "...and the card's review count matches its log" \
    test "$(q "$T/two/x.db" "SELECT sum(reps) FROM cards WHERE id IN ('e2e-coin','e2e-var')")" = $((saved + 2))
check "...and the first open of the day made one whole daily backup, no leftovers" \
    sh -c "[ \$(ls '$T/two/backups' | grep -c '^daily-') = 1 ] && ! ls '$T/two/backups' | grep -q tmp &&
        [ \$(sqlite3 '$T/two/backups/daily-2026-01-05.db' 'PRAGMA integrity_check') = ok ]"

# ---- a backup killed half-way leaves a temporary file; the next open removes it ----
dead=$(sh -c 'echo $$')
echo partial >"$T/two/backups/daily-2026-01-04.db.tmp$dead"
"$BIN" --db "$T/two/x.db" status >/dev/null 2>&1
check "a dead process's half-written backup is swept away" test ! -e "$T/two/backups/daily-2026-01-04.db.tmp$dead"
