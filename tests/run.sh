#!/bin/sh
# run.sh [--unit-only] TEST_BIN... - run the cmocka unit tests, then the end-to-end
# scripts (tests/e2e_*.sh), and print one closing line "N passed, N failed".
unit_only=0
[ "$1" = "--unit-only" ] && { unit_only=1; shift; }
passed=0; failed=0; failed_names=""
tmp=$(mktemp)
for t in "$@"; do
    echo "== $t"
    "$t" >"$tmp" 2>&1; rc=$?
    cat "$tmp"
    p=$(grep -o '\[  PASSED  \] [0-9]* test' "$tmp" | tail -n 1 | tr -dc 0-9)
    f=$(grep -o '\[  FAILED  \] [0-9]* test' "$tmp" | tail -n 1 | tr -dc 0-9)
    p=${p:-0}; f=${f:-0}
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi   # crashed before its summary
    passed=$((passed + p)); failed=$((failed + f))
    [ "$f" -gt 0 ] && failed_names="$failed_names $t"
done
if [ $unit_only -eq 0 ]; then
    for s in tests/e2e_*.sh; do
        [ -f "$s" ] || continue
        echo "== $s"
        sh "$s" >"$tmp" 2>&1; rc=$?
        cat "$tmp"
        p=$(grep -c '^ok ' "$tmp"); f=$(grep -c '^not ok ' "$tmp")
        if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
        passed=$((passed + p)); failed=$((failed + f))
        [ "$f" -gt 0 ] && failed_names="$failed_names $s"
    done
fi
rm -f "$tmp"
echo
[ -n "$failed_names" ] && echo "failing:$failed_names"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
