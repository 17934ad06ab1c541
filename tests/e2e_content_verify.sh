#!/bin/sh
# e2e_content_verify.sh - recompute every machine-checked answer in the bundled
# content with the independent Python verifiers in tests/tools/verify/ (python3 and
# PyYAML, installed by the Makefile as python3 and python3-yaml).
cd "$(dirname "$0")/.." || exit 1
n=0
for v in tests/tools/verify/verify_*.py; do
    n=$((n + 1))
    if out=$(python3 "$v" 2>&1); then
        echo "ok $n - $(basename "$v"): $(printf '%s\n' "$out" | tail -n 1)"
    else
        echo "not ok $n - $(basename "$v")"
        printf '%s\n' "$out" | tail -n 20 | sed 's/^/#   /'
    fi
done
