#!/bin/sh
# make_seeds.sh OUTDIR - write the fuzzers' seed inputs: OUTDIR/content/ (YAML),
# OUTDIR/replay/ (replay logs) and OUTDIR/answer/ (typed answers: text, NUL, text).  Seeds are small on purpose (libFuzzer mutates
# small inputs far faster): every fixture and bundled file is cut to its first
# 120 lines, which still covers each kind of file and every check type.
# Deterministic: the same tree gives the same seeds.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$1
mkdir -p "$out/content" "$out/replay" "$out/answer"
i=0
for f in $(cd "$root" && find content tests/fixtures/content tests/fixtures/e2e -name '*.yaml' | sort); do
    i=$((i + 1))
    head -n 120 "$root/$f" >"$out/content/seed-$i.yaml"
done
# Hand-written edge cases the fixtures do not have.
printf 'kind: deck\nid: a\ntitle: A\nsection: mathematics\ntopic: t\ncards:\n  - id: c\n    q: "x"\n    a: y\n    check: {number: 1e308, tolerance: 1e-300}\n' >"$out/content/edge-number.yaml"
printf 'kind: deck\nid: a\ntitle: A\nsection: mathematics\ntopic: t\ncards:\n  - &x {id: c, q: q, a: a}\n  - *x\n' >"$out/content/edge-alias.yaml"
printf '%%YAML 1.1\n---\nkind: deck\n...\n---\nkind: deck\n' >"$out/content/edge-two-docs.yaml"
printf 'kind: checklist\nid: c\ntitle: T\nbands: [{min: 0, label: l, advice: a}]\ncategories: []\n' >"$out/content/edge-checklist.yaml"
printf '\357\273\277kind: "deck"\r\nid: \302\265\r\n' >"$out/content/edge-bom-crlf.yaml"

j=0
for f in "$root"/tests/fixtures/fsrs/*.log; do
    j=$((j + 1))
    head -n 40 "$f" >"$out/replay/seed-$j.tsv"
done
printf 'a\t0\t1\na\t0\t4\na\t86400\t2\n\na\t999999999999\t3\r\n' >"$out/replay/edge-times.tsv"
printf 'a\t-1000000000000\t1\nb\t1000000000000\t4\n' >"$out/replay/edge-limits.tsv"
printf '\316\274\t00001700000000\t3\n\316\274\t1700000000\t3\n' >"$out/replay/edge-utf8.tsv"
printf 'a\t1700000000\t3\textra\n\t1\t1\na\t1\t5\n' >"$out/replay/edge-bad.tsv"
printf '\377\000\000\000\000\000\000\360\177\001\000\000\000\000\000\000\000' >"$out/replay/edge-doubles.bin"

k=0
for pair in '1,048,576|1048576' '-38,597,376.5|x' '0,5|0.5' '1/2|50%' ' O(n \t log  n)|nlogn' \
    'Θ(n log n)|θ(n log n)' '\342\210\222 0.25|-1/4' '6.02214076e23|602214076000000000000000' \
    '1e-999999|inf' 'é|É'; do
    k=$((k + 1))
    printf '%b\000%b' "${pair%%|*}" "${pair#*|}" >"$out/answer/seed-$k.txt"
done
