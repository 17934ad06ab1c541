#!/usr/bin/env node
// compare.js - compare labprep's replay output with ts-fsrs's, numerically.
//
//   node compare.js OURS.tsv THEIRS.tsv
//
// Both files hold "id<TAB>t<TAB>rating<TAB>S<TAB>D<TAB>interval<TAB>due" lines.  Ours
// prints S and D with %.17g, ts-fsrs with JavaScript's shortest round-trip text, so
// they are parsed and compared as doubles.  Prints the event count, the largest
// relative error of S and of D, how many S/D values are bit-identical, and the
// fraction of identical intervals and dues.  Exits 1 if the files do not line up
// (different events) or if any interval, due or S/D differs.
'use strict'
const fs = require('fs')

function lines(path) {
  const t = fs.readFileSync(path, 'utf8')
  const v = t.split('\n')
  if (v.length && v[v.length - 1] === '') v.pop()
  return v
}

function relErr(a, b) {
  if (a === b) return 0
  return Math.abs(a - b) / Math.max(Math.abs(b), Number.MIN_VALUE)
}

function main() {
  const [oursPath, theirsPath] = process.argv.slice(2)
  if (!theirsPath) throw new Error('usage: compare.js OURS THEIRS')
  const ours = lines(oursPath)
  const theirs = lines(theirsPath)
  if (ours.length !== theirs.length) {
    console.log(`line counts differ: ours ${ours.length}, ts-fsrs ${theirs.length}`)
    process.exit(1)
  }
  let maxS = 0, maxD = 0, sameS = 0, sameD = 0, sameIvl = 0, sameDue = 0, firstBad = -1
  for (let i = 0; i < ours.length; i++) {
    const a = ours[i].split('\t')
    const b = theirs[i].split('\t')
    if (a[0] !== b[0] || a[1] !== b[1] || a[2] !== b[2]) {
      console.log(`line ${i + 1}: different events:\n  ours:    ${ours[i]}\n  ts-fsrs: ${theirs[i]}`)
      process.exit(1)
    }
    const sa = Number(a[3]), sb = Number(b[3]), da = Number(a[4]), db = Number(b[4])
    maxS = Math.max(maxS, relErr(sa, sb))
    maxD = Math.max(maxD, relErr(da, db))
    if (sa === sb) sameS++
    if (da === db) sameD++
    if (a[5] === b[5]) sameIvl++
    if (a[6] === b[6]) sameDue++
    if (firstBad < 0 && (sa !== sb || da !== db || a[5] !== b[5] || a[6] !== b[6])) {
      firstBad = i
      console.log(`first difference, line ${i + 1}:\n  ours:    ${ours[i]}\n  ts-fsrs: ${theirs[i]}`)
    }
  }
  const n = ours.length
  const pct = (k) => (n ? (100 * k / n).toFixed(4) : '100.0000') + '%'
  console.log(`events:                 ${n}`)
  console.log(`max relative error S:   ${maxS.toExponential(3)}`)
  console.log(`max relative error D:   ${maxD.toExponential(3)}`)
  console.log(`bit-identical S:        ${pct(sameS)} (${sameS})`)
  console.log(`bit-identical D:        ${pct(sameD)} (${sameD})`)
  console.log(`identical intervals:    ${pct(sameIvl)} (${sameIvl})`)
  console.log(`identical dues:         ${pct(sameDue)} (${sameDue})`)
  process.exit(firstBad < 0 ? 0 : 1)
}

main()
