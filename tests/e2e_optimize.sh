#!/bin/sh
# e2e_optimize.sh - `labprep fsrs optimize` on a review-log file and on a temporary
# database, with a fixed clock.  Prints "ok N - what" or "not ok N - what" per check.
cd "$(dirname "$0")/.." || exit 1
BIN=$PWD/labprep
LOG=$PWD/tests/fixtures/optimizer/learner_3000.tsv
T=$(mktemp -d /tmp/labprep-e2e-opt-XXXXXX)
trap 'rm -rf "$T"' EXIT
export HOME="$T/home" XDG_DATA_HOME="$T/data" XDG_CONFIG_HOME="$T/config" TZ=UTC
export LABPREP_CONTENT_DIR="$PWD/tests/fixtures/e2e/content" LABPREP_NOW=2026-01-05T09:00:00Z
unset LABPREP_DB LABPREP_CONFIG
DB="$T/labprep.db"
n=0
check() { # check "what" command...: passes when the command exits 0
    what=$1; shift
    n=$((n + 1))
    if "$@" >"$T/out" 2>&1; then echo "ok $n - $what"; else
        echo "not ok $n - $what"; sed 's/^/#   /' "$T/out" "$T/last" | head -n 20; fi
}
run() { "$BIN" "$@" >"$T/last" 2>&1; echo $? >"$T/rc"; }
rc() { cat "$T/rc"; }
json() { # json EXPR: evaluate a python expression on the JSON in $T/last (bound to d)
    python3 -c "import json,sys; d=json.load(open('$T/last')); sys.exit(0 if ($1) else 1)"
}
count() { sqlite3 "$DB" "$1"; }

run fsrs optimize --revlog "$LOG" --json
check "a 3000-review file is fitted: 21 weights, outcome fitted" \
    json "len(d['params']) == 21 and d['outcome'] == 'fitted'"
check "the fit lowers log loss and RMSE on all items and on the held-out slice" \
    json "d['metrics']['all']['logloss_after'] < d['metrics']['all']['logloss_before'] - 0.01 and \
          d['metrics']['all']['rmse_after'] < d['metrics']['all']['rmse_before'] and \
          d['metrics']['holdout']['logloss_after'] < d['metrics']['holdout']['logloss_before']"
check "the held-out slice is the last 20% of the 2181 items" \
    json "d['items'] == 2181 and d['metrics']['holdout']['items'] > 0 and \
          d['metrics']['train']['items'] + d['metrics']['holdout']['items'] == d['metrics']['all']['items']"
check "a file fit stores nothing" json "d['stored_fit'] is None"
cp "$T/last" "$T/file.json"

run fsrs optimize --revlog "$LOG"
check "the text report shows the parameters and the three rows" \
    sh -c "[ $(rc) = 0 ] && grep -q '^parameters: ' '$T/last' && grep -q 'all reviews' '$T/last' && \
           grep -q 'first 80% (fit on it)' '$T/last' && grep -q 'last 20% (held out)' '$T/last'"

run fsrs optimize --revlog - <"$LOG"
check "--revlog - reads standard input" sh -c "[ $(rc) = 0 ] && grep -q '^FSRS-6 fit: 3000 reviews' '$T/last'"

printf 'c1\t1700000000\t3\n# comment\nc1\t1700086400\t5\n' >"$T/bad.tsv"
run fsrs optimize --revlog "$T/bad.tsv"
check "a bad line is named with file and line number" \
    sh -c "[ $(rc) = 1 ] && grep -q 'bad.tsv:3: rating must be 1, 2, 3 or 4' '$T/last'"
run fsrs optimize --revlog "$T/missing.tsv"
check "a missing file is reported" sh -c "[ $(rc) = 1 ] && grep -q 'missing.tsv' '$T/last'"
run fsrs optimize --revlog "$LOG" --apply
check "--apply needs the database" sh -c "[ $(rc) = 2 ] && grep -q 'cannot be used with --revlog' '$T/last'"
run fsrs optimize --bogus 1
check "an unknown option is refused" sh -c "[ $(rc) = 2 ] && grep -q \"unknown option '--bogus'\" '$T/last'"
run fsrs optimize --revlog "$LOG" --rollover-hour 24
check "a rollover hour outside 0-23 is refused" sh -c "[ $(rc) = 2 ]"

run --db "$DB" fsrs optimize
check "an empty database keeps the defaults and stores no fit" \
    sh -c "[ $(rc) = 0 ] && grep -q 'the defaults stay' '$T/last' && [ \"\$(sqlite3 '$DB' 'SELECT count(*) FROM fsrs_fits')\" = 0 ]"

# The fixture's reviews as study answers (day = UTC day, as the file is read), and a
# few cram and mock answers that must not count.
{
    echo "BEGIN;"
    awk -F '\t' '{ printf "INSERT INTO revlog(card_id,time,day,grade,mode,elapsed_days,scheduled_days,state_before,state_after,s_before,d_before,s_after,d_after,due_before,due_after,last_before,step_before,step_after,reps_before,lapses_before,leech_before,suspended_before) VALUES(\x27%s\x27,%s,%d,%s,\x27study\x27,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0);\n", $1, $2, int($2 / 86400), $3 }' "$LOG"
    for i in 1 2 3; do
        echo "INSERT INTO revlog(card_id,time,day,grade,mode,elapsed_days,scheduled_days,state_before,state_after,s_before,d_before,s_after,d_after,due_before,due_after,last_before,step_before,step_after,reps_before,lapses_before,leech_before,suspended_before) VALUES('n0',$((1704100000 + i * 86400)),$(((1704100000 + i * 86400) / 86400)),1,'cram',0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0);"
    done
    echo "COMMIT;"
} | sqlite3 "$DB"
run --db "$DB" fsrs optimize --json
check "the database's study reviews give the same fit as the file" \
    python3 -c "import json; a=json.load(open('$T/file.json')); b=json.load(open('$T/last')); \
                import sys; sys.exit(0 if a['params'] == b['params'] and b['reviews'] == 3000 else 1)"
check "the fit is stored, not active" \
    sh -c "[ \"\$(sqlite3 '$DB' 'SELECT count(*), sum(active), reviews FROM fsrs_fits')\" = '1|0|3000' ]"
check "the stored fit has its date, weights and figures" \
    sh -c "[ \"\$(sqlite3 '$DB' \"SELECT time = 1767603600, length(params) - length(replace(params, ',', '')), logloss_after < logloss_before FROM fsrs_fits\")\" = '1|20|1' ]"

run --db "$DB" fsrs optimize --apply
check "--apply stores the new fit as the one active fit" \
    sh -c "[ $(rc) = 0 ] && grep -q 'now active' '$T/last' && \
           [ \"\$(sqlite3 '$DB' 'SELECT group_concat(id || \":\" || active) FROM fsrs_fits')\" = '1:0,2:1' ]"

run --db "$DB" fsrs optimize --rollover-hour 4 --tz America/New_York --json
check "--rollover-hour and --tz recompute the study days" \
    python3 -c "import json; a=json.load(open('$T/file.json')); b=json.load(open('$T/last')); \
                import sys; sys.exit(0 if a['params'] != b['params'] and b['outcome'] == 'fitted' else 1)"

# ---- fsrs simulate ----
run --db "$DB" fsrs simulate
check "simulate without an interview date says how to give one" \
    sh -c "[ $(rc) = 1 ] && grep -q 'no interview date: give --interview DATE' '$T/last'"
run --db "$DB" fsrs simulate --interview 2026-02-02 --json
cp "$T/last" "$T/sim1.json"
check "simulate --json: four flat targets and the date-aware one, 28 days, the active fit's weights" \
    json "d['days'] == 28 and d['cards'] == 5 and len(d['policies']) == 5 and \
          [p['retention'] for p in d['policies'][:4]] == [0.8, 0.85, 0.9, 0.95] and \
          d['policies'][4]['target_on_day'] == 0.95 and \
          all(len(p['reviews_per_day']) == 28 for p in d['policies']) and \
          d['weights'].startswith('fitted on 2026-01-05 (fit 2)')"
check "every card is studied by the date and higher targets cost more reviews" \
    json "all(p['studied'] == 5 for p in d['policies']) and \
          d['policies'][0]['reviews_total'] < d['policies'][3]['reviews_total'] and \
          d['policies'][0]['recall_on_day'] < d['policies'][3]['recall_on_day']"
run --db "$DB" fsrs simulate --interview 2026-02-02 --json
check "simulate is deterministic" cmp -s "$T/last" "$T/sim1.json"
run --db "$DB" fsrs simulate --interview 2026-02-02 --targets 0.7,0.9 --date-aware off --new-per-day 2
check "--targets, --date-aware off and --new-per-day shape the comparison" \
    sh -c "[ $(rc) = 0 ] && grep -q '5 cards: 0 studied, 5 new at 2 a day' '$T/last' && \
           grep -q '^  0.70 ' '$T/last' && grep -q '^  0.90 ' '$T/last' && ! grep -q 'on day' '$T/last' && \
           grep -q 'reviews per day, by week' '$T/last'"
run --db "$DB" fsrs simulate --interview 2026-01-01
check "an interview in the past is refused" sh -c "[ $(rc) = 1 ] && grep -q 'must be 1 to 730 days after today' '$T/last'"
run --db "$DB" fsrs simulate --interview 2026-02-02 --targets 1.5
check "a retention target outside 0.5-0.99 is refused" sh -c "[ $(rc) = 2 ]"

PDB="$T/plan.db"
LABPREP_CONTENT_DIR="$PWD/tests/fixtures/e2e_plan" run --db "$PDB" plan start --track rs --start 2026-01-05 --interview 2026-03-30
LABPREP_CONTENT_DIR="$PWD/tests/fixtures/e2e_plan" run --db "$PDB" fsrs simulate --json
check "without --interview the active plan's interview date is used" \
    json "d['interview'] == '2026-03-30' and d['days'] == 84 and d['weights'] == 'the FSRS-6 defaults'"
