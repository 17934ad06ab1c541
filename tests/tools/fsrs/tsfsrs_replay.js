#!/usr/bin/env node
// tsfsrs_replay.js - the reference for `labprep fsrs replay`: run ts-fsrs over an event log.
//
//   node tsfsrs_replay.js [--retention R] [--max-interval N] [--params w0,...,w20] [LOG] > out.tsv
//
// Reads "card_id<TAB>unix_seconds<TAB>rating" lines (LOG or stdin) and writes, per event,
// "card_id<TAB>unix_seconds<TAB>rating<TAB>stability<TAB>difficulty<TAB>interval_days<TAB>due_unix"
// using ts-fsrs's long-term scheduler (enable_short_term false, enable_fuzz false).
// Numbers are JavaScript's shortest round-trip text; compare them numerically with
// labprep's %.17g output (compare.js does).  Needs the ts-fsrs package (NODE_PATH).
'use strict'
const fs = require('fs')
const { fsrs, createEmptyCard } = require('ts-fsrs')

function args() {
  const a = { retention: 0.9, 'max-interval': 36500, params: null, file: null }
  const v = process.argv.slice(2)
  for (let i = 0; i < v.length; i++) {
    if (v[i].startsWith('--')) {
      const k = v[i].slice(2)
      if (!(k in a) || v[i + 1] === undefined) throw new Error(`unknown option ${v[i]}`)
      a[k] = v[++i]
    } else {
      a.file = v[i]
    }
  }
  return a
}

function main() {
  const a = args()
  const opts = {
    enable_short_term: false,
    enable_fuzz: false,
    request_retention: Number(a.retention),
    maximum_interval: Number(a['max-interval']),
  }
  if (a.params) opts.w = a.params.split(',').map(Number)
  const f = fsrs(opts)
  const text = fs.readFileSync(a.file || 0, 'utf8')
  const cards = new Map()
  let out = []
  let start = 0
  while (start < text.length) {
    let end = text.indexOf('\n', start)
    if (end < 0) end = text.length
    const line = text.slice(start, end)
    start = end + 1
    if (line === '') continue
    const [id, ts, rs] = line.split('\t')
    const t = Number(ts)
    const g = Number(rs)
    const now = new Date(t * 1000)
    const card = cards.get(id) || createEmptyCard(now)
    const next = f.next(card, now, g).card
    cards.set(id, next)
    out.push(`${id}\t${ts}\t${rs}\t${next.stability}\t${next.difficulty}\t${next.scheduled_days}\t${next.due.getTime() / 1000}\n`)
    if (out.length === 65536) { fs.writeSync(1, out.join('')); out = [] }
  }
  fs.writeSync(1, out.join(''))
}

main()
