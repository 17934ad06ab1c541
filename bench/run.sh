#!/bin/sh
# run.sh - labprep's benchmark on a heavy year (see README.md here); `make bench`.
#
#   sh bench/run.sh              (after make has built labprep and build-bench/*)
#   BENCH_RUNS=11 sh bench/run.sh
#
# Prints one table: median and spread (min-max) over BENCH_RUNS runs (default 7),
# peak memory (maximum resident set size) and the target for each figure.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
B=$root/build-bench
RUNS=${BENCH_RUNS:-7}
NOW=1795424400                      # 2026-11-23T09:00Z, the end of the generated year
YEAR=$B/year
WORK=$B/work
BIN=$root/labprep
TIMEIT=$B/timeit
export HOME="$WORK/home" XDG_DATA_HOME="$WORK/data" XDG_CONFIG_HOME="$WORK/config" TZ=UTC
export LABPREP_CONTENT_DIR="$YEAR/content" LABPREP_NOW=$NOW
unset LABPREP_DB LABPREP_CONFIG

# ---- the year: regenerated when the generator or the schema version changes ----
want="$(cksum <bench/gen_year.c | cut -d' ' -f1)-$(grep -o 'STORE_VERSION [0-9]*' include/store.h)"
if [ ! -f "$YEAR/stamp" ] || [ "$(cat "$YEAR/stamp")" != "$want" ]; then
    echo "generating a heavy year (20,000 cards, 1,000,000 answers; about 3 minutes) in $YEAR ..."
    rm -rf "$YEAR"
    "$TIMEIT" -o "$B/gen.out" -- "$B/gen_year" "$YEAR" $NOW >"$B/gen.time"
    echo "$want" >"$YEAR/stamp"
fi
rm -rf "$WORK" && mkdir -p "$WORK"
DB=$WORK/labprep.db
cp "$YEAR/labprep.db" "$DB"
export LABPREP_DB="$DB"
echo "database: $(du -m "$DB" | cut -f1) MB, $(sqlite3 "$DB" 'SELECT count(*) FROM cards') cards," \
     "$(sqlite3 "$DB" 'SELECT count(*) FROM revlog') review-log rows"

# stats FILE: median, min, max of the first column, and the max of the second.
stats() { sort -n "$1" | awk '{ v[NR] = $1; if ($2 > m) m = $2 }
    END { md = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
          printf "%s %s %s %s\n", md, v[1], v[NR], m }'; }
# row WHAT FILE TARGET [UNIT]: one table line from a timeit output.
row() {
    set -- "$1" "$(stats "$2")" "$3"
    echo "$2" | awk -v what="$1" -v target="$3" '{
        printf "%-38s %10.1f ms %9.1f-%-9.1f %7.1f MB  %s\n", what, $1, $2, $3, $4 / 1024, target }'
}
fails=0
miss() { fails=$((fails + 1)); }

# ---- first open of the day: the daily and weekly backups are written ----
"$TIMEIT" -- "$BIN" due >"$B/first.t"

# ---- labprep due against the raw sqlite3 query ----
"$TIMEIT" -n 2 -- "$BIN" due >/dev/null                       # warm the page cache
"$TIMEIT" -n "$RUNS" -- "$BIN" due >"$B/due.t"
day=$(( (NOW - 4 * 3600) / 86400 ))
day_end=$(( (day + 1) * 86400 + 4 * 3600 ))
# The query of cards_counts() (db/cards.c) with its two parameters filled in.
count_sql="SELECT g.deck_id, COALESCE(d.title, g.deck_id), g.section, g.learn, g.review,
 g.fresh, g.total FROM (SELECT c.deck_id, c.section,
 SUM(c.state IN (1,3) AND c.due < $day_end) learn, SUM(c.state = 2 AND c.due < $day_end) review,
 SUM(c.state = 0) fresh, COUNT(*) total, MIN(CASE c.section WHEN 'mathematics' THEN 0
 WHEN 'statistics' THEN 1 WHEN 'computer-science' THEN 2 WHEN 'machine-learning' THEN 3
 WHEN 'alignment' THEN 4 ELSE 5 END) sec FROM cards c WHERE c.retired = 0 AND c.suspended = 0
 AND c.buried_day <> $day AND (c.gate IS NULL OR c.gate IN (SELECT id FROM papers
 WHERE status IN ('read','summarised'))) GROUP BY c.deck_id) g
 LEFT JOIN decks d ON d.id = g.deck_id ORDER BY g.sec, g.deck_id"
"$TIMEIT" -n 2 -- sqlite3 "$DB" "$count_sql" >/dev/null
"$TIMEIT" -n "$RUNS" -- sqlite3 "$DB" "$count_sql" >"$B/sqlite.t"
due_ms=$(stats "$B/due.t" | cut -d' ' -f1)

# ---- the tutor's first full frame (LABPREP_EXIT_AFTER_FIRST_FRAME, tui/ui.c), 80x24 ----
TERM=xterm-256color LABPREP_EXIT_AFTER_FIRST_FRAME=1 "$TIMEIT" -t -n "$RUNS" -- "$BIN" >"$B/frame.t"
sql_ms=$(stats "$B/sqlite.t" | cut -d' ' -f1)

# ---- answers: in-process commit latency, and the whole command ----
cp "$DB" "$WORK/answers.db"
"$TIMEIT" -o "$B/answers.ms" -- "$B/bench_driver" answers "$WORK/answers.db" $NOW 1000 >"$B/answers.t"
sort -n "$B/answers.ms" | awk '{ v[NR] = $1 } END {
    printf "%s %s %s %s\n", v[int((NR + 1) / 2)], v[int(NR * 0.99 + 0.5)], v[1], v[NR] }' >"$B/answers.stats"
ids=$(sqlite3 "$DB" "SELECT id FROM cards WHERE state = 2 ORDER BY due LIMIT $RUNS")
: >"$B/answer-cli.t"
for id in $ids; do "$TIMEIT" -- "$BIN" answer "$id" good >>"$B/answer-cli.t"; done

# ---- content sync: nothing changed, one deck changed ----
# sync_ms CONTENT: one sync in the driver; appends "sync_ms peak_rss_kb" to $B/$2.
sync_ms() {
    "$TIMEIT" -o "$B/sync.out" -- "$B/bench_driver" sync "$DB" "$1" $NOW 2>/dev/null >"$B/sync.t"
    echo "$(awk '{ print $2 }' "$B/sync.out") $(awk '{ print $2 }' "$B/sync.t")" >>"$B/$2"
}
cp -r "$YEAR/content" "$WORK/content"
sleep 3     # files younger than 2 s are always re-read (db/sync.c, file_stamp)
sync_ms "$WORK/content" warm.t
: >"$B/sync0.t"; : >"$B/sync1.t"
i=0; while [ $i -lt "$RUNS" ]; do sync_ms "$WORK/content" sync0.t; i=$((i + 1)); done
i=0; while [ $i -lt "$RUNS" ]; do
    sed -i "s/^title: Benchmark deck 7.*/title: Benchmark deck 7 (edit $i)/" "$WORK/content/deck-07.yaml"
    sync_ms "$WORK/content" sync1.t
    i=$((i + 1)); done
: >"$B/due-edit.t"
i=0; while [ $i -lt "$RUNS" ]; do
    sed -i "s/^title: Benchmark deck 7.*/title: Benchmark deck 7 (again $i)/" "$WORK/content/deck-07.yaml"
    LABPREP_CONTENT_DIR="$WORK/content" "$TIMEIT" -- "$BIN" due >>"$B/due-edit.t"
    i=$((i + 1)); done

# ---- fsrs replay: the year's million answers as events ----
sqlite3 -separator '	' "$YEAR/labprep.db" "SELECT card_id, time, grade FROM revlog ORDER BY id" >"$WORK/events.tsv"
events=$(wc -l <"$WORK/events.tsv")
"$TIMEIT" -n "$RUNS" -i "$WORK/events.tsv" -- "$BIN" fsrs replay >"$B/replay.t"
replay_ms=$(stats "$B/replay.t" | cut -d' ' -f1)

# ---- export: the whole review log for other tools, streamed to a file ----
"$TIMEIT" -n "$RUNS" -- "$BIN" export revlog --out "$WORK/revlog.tsv" >"$B/export-tsv.t"
"$TIMEIT" -n "$RUNS" -- "$BIN" export revlog --json --out "$WORK/revlog.json" >"$B/export-json.t"
"$TIMEIT" -n "$RUNS" -- "$BIN" export cards --json --out "$WORK/cards.json" >"$B/export-cards.t"

# ---- the table ----
echo
printf "%-38s %13s %-19s %10s  %s\n" "measurement ($RUNS runs)" "median" "min-max (ms)" "peak RSS" "target"
row "labprep due (open, sync, count, print)" "$B/due.t" "< 50 ms, <= 3x sqlite3"
row "sqlite3 CLI, the same counting query" "$B/sqlite.t" ""
awk -v a="$due_ms" -v b="$sql_ms" 'BEGIN { printf "%-38s %10.2fx\n", "  ratio due / sqlite3", a / b }'
awk -v a="$due_ms" -v b="$sql_ms" 'BEGIN { exit !(a < 50 && a <= 3 * b) }' || miss
row "tutor, start to first full frame" "$B/frame.t" "< 100 ms"
frame_ms=$(stats "$B/frame.t" | cut -d' ' -f1)
awk -v a="$frame_ms" 'BEGIN { exit !(a < 100) }' || miss
row "labprep due, first open of the day" "$B/first.t" "(daily + weekly backup)"
read -r med p99 amin amax <"$B/answers.stats"
printf "%-38s %10.2f ms %9.2f-%-9.2f %7.1f MB  %s\n" "answer commit, cards_answer() x1000" "$med" "$amin" "$amax" \
    "$(awk '{ print $2 / 1024 }' "$B/answers.t")" "median < 5 ms"
printf "%-38s %10.2f ms\n" "  p99" "$p99"
awk -v m="$med" 'BEGIN { exit !(m < 5) }' || miss
row "labprep answer (whole command)" "$B/answer-cli.t" ""
row "content sync, nothing changed" "$B/sync0.t" "(sync_content() in process)"
row "content sync, one deck edited" "$B/sync1.t" "(500 of 20,000 cards)"
row "labprep due, one deck changed" "$B/due-edit.t" "< 32 MB"
row "labprep fsrs replay, $events events" "$B/replay.t" "< 32 MB"
awk -v ms="$replay_ms" -v n="$events" 'BEGIN { printf "%-38s %10.2f M events/s\n", "  throughput", n / ms / 1000 }'
row "labprep export revlog (TSV)" "$B/export-tsv.t" "< 32 MB"
row "labprep export revlog --json" "$B/export-json.t" "< 32 MB"
row "labprep export cards --json" "$B/export-cards.t" "< 32 MB"
if [ -f "$B/gen.time" ]; then
    awk '{ printf "%-38s %10.1f s  %24.1f MB  (no target)\n", "generator (last run)", $1 / 1000, $2 / 1024 }' "$B/gen.time"
fi

# Peak memory: every command under 32 MB.
for f in due sqlite frame answer-cli first replay due-edit answers sync0 sync1 export-tsv export-json export-cards; do
    awk '{ if ($2 > 32 * 1024) bad = 1 } END { exit bad }' "$B/$f.t" || { echo "peak memory over 32 MB: $f"; miss; }
done

# ---- against ts-fsrs (node), reusing the conformance check ----
echo
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
    echo "fsrs replay against ts-fsrs on 1,000,000 events (tests/tools/fsrs/conformance.sh):"
    if REPLAY_CMD="$BIN fsrs replay" sh tests/tools/fsrs/conformance.sh 1000000 >"$B/conf.out" 2>&1; then
        sed 's/^/  /' "$B/conf.out"
        awk '/speed ratio/ { r = $3 + 0 } END { exit !(r >= 20) }' "$B/conf.out" || miss
    else
        sed 's/^/  /' "$B/conf.out" | tail -n 20; miss
    fi
else
    echo "ts-fsrs comparison skipped: node and npm are not installed"
fi
echo
if [ $fails -eq 0 ]; then echo "all targets met"; else echo "$fails target(s) missed"; fi
