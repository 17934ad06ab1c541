#!/usr/bin/env node
// gen_log.js - write a random, reproducible review-event log for `labprep fsrs replay`.
//
//   node gen_log.js [--events N] [--cards C] [--seed S] [--start UNIX] [--years Y] > log.tsv
//
// Lines are "card_id<TAB>unix_seconds<TAB>rating", sorted by time so cards interleave;
// each card's events are in time order.  Gaps between a card's reviews range from
// zero seconds (same-second repeats) through minutes (same-day repeats, some crossing
// midnight UTC) and days to years; ratings are mixed like real study (mostly Good).
// A few card ids carry non-ASCII UTF-8.  Same arguments, same bytes.
'use strict'

function args() {
  const a = { events: 1000, cards: 0, seed: 1, start: 1546300800 /* 2019-01-01 */, years: 6 }
  const v = process.argv.slice(2)
  for (let i = 0; i < v.length; i += 2) {
    const k = v[i].replace(/^--/, '')
    if (!(k in a) || v[i + 1] === undefined) throw new Error(`usage: gen_log.js [--events N] [--cards C] [--seed S] [--start UNIX] [--years Y]`)
    a[k] = Number(v[i + 1])
  }
  if (!a.cards) a.cards = Math.max(1, Math.round(a.events / 10))
  return a
}

// sfc32 seeded through splitmix32: small, fast and the same on every platform.
function rng(seed) {
  let s = seed >>> 0
  const mix = () => {
    s = (s + 0x9e3779b9) >>> 0
    let z = s
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
    return (z ^ (z >>> 16)) >>> 0
  }
  let a = mix(), b = mix(), c = mix(), d = mix()
  return () => {
    const t = (((a + b) >>> 0) + d) >>> 0
    d = (d + 1) >>> 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) >>> 0
    c = ((c << 21) | (c >>> 11)) >>> 0
    c = (c + t) >>> 0
    return t / 4294967296
  }
}

const EXOTIC = ['карта', '卡片', 'café', 'naïve-ü', 'k€y']

function cardId(i, rand) {
  if (i % 50 === 7) return `${EXOTIC[Math.floor(rand() * EXOTIC.length)]}:${i}`
  return `c${i.toString(36)}`
}

function rating(rand) {
  const x = rand()
  return x < 0.14 ? 1 : x < 0.26 ? 2 : x < 0.87 ? 3 : 4
}

function gapSeconds(rand) {
  const x = rand()
  if (x < 0.02) return 0                                          // same second
  if (x < 0.22) return Math.floor(60 + rand() * 3 * 3600)         // minutes to hours
  if (x < 0.62) return Math.floor((1 + rand() * 29) * 86400 + rand() * 86400)
  if (x < 0.93) return Math.floor((30 + rand() * 170) * 86400 + rand() * 86400)
  return Math.floor((200 + rand() * 700) * 86400 + rand() * 86400)
}

function main() {
  const a = args()
  const rand = rng(a.seed)
  const counts = new Int32Array(a.cards)
  let n = 0
  for (let c = 0; c < a.cards && n < a.events; c++, n++) counts[c] = 1
  for (; n < a.events; n++) counts[Math.floor(rand() * a.cards)]++

  const times = new Float64Array(a.events)
  const card = new Int32Array(a.events)
  const grade = new Uint8Array(a.events)
  const ids = []
  let k = 0
  const span = a.years * 365 * 86400
  for (let c = 0; c < a.cards; c++) {
    ids.push(cardId(c, rand))
    let t = a.start + Math.floor(rand() * span)
    for (let i = 0; i < counts[c]; i++) {
      if (i > 0) t += gapSeconds(rand)
      times[k] = t; card[k] = c; grade[k] = rating(rand); k++
    }
  }
  const order = new Uint32Array(k)
  for (let i = 0; i < k; i++) order[i] = i
  // Stable by construction: ties keep generation order, so a card's events stay in order.
  const sorted = Array.from(order).sort((x, y) => times[x] - times[y] || x - y)

  let buf = []
  let size = 0
  for (const i of sorted) {
    buf.push(`${ids[card[i]]}\t${times[i]}\t${grade[i]}\n`)
    if (++size === 65536) { process.stdout.write(buf.join('')); buf = []; size = 0 }
  }
  process.stdout.write(buf.join(''))
}

main()
