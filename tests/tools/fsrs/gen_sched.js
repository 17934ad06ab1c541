#!/usr/bin/env node
// gen_sched.js - golden answers from ts-fsrs's default scheduler for tests/test_sched.c.
//
//   node gen_sched.js [--cards C] [--answers K] [--seed S] [--retention R] [--max-interval N]
//                     [--params w0,...,w20] [--learning 1m,10m] [--relearning 10m] > out.tsv
//
// Simulates C cards answered K times each (enable_short_term true, enable_fuzz false,
// the given steps).  A card comes back around its due time: usually a little late,
// sometimes early, sometimes the next day while still in its steps, sometimes the
// same day while in review.  Each line is one answer:
//   id  t  grade  state  S  D  scheduled_days  due  step  reps  lapses  elapsed_days
// where state..lapses describe the card after the answer (state: 0 New, 1 Learning,
// 2 Review, 3 Relearning) and elapsed_days is the review log's.  Times are unix seconds;
// days are UTC calendar days (ts-fsrs's rule).  Lines starting with '#' are comments.
'use strict'
const { fsrs, createEmptyCard } = require('ts-fsrs')

function args() {
  const a = { cards: 40, answers: 30, seed: 1, retention: 0.9, 'max-interval': 36500,
    params: '', learning: '1m,10m', relearning: '10m' }
  const v = process.argv.slice(2)
  for (let i = 0; i < v.length; i += 2) {
    const k = v[i].replace(/^--/, '')
    if (!(k in a) || v[i + 1] === undefined) throw new Error(`bad option ${v[i]}`)
    a[k] = v[i + 1]
  }
  return a
}

function rng(seed) {   // mulberry32
  let s = Number(seed) >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function grade(rand, state) {
  const x = rand()
  if (state === 1 || state === 3) return x < 0.25 ? 1 : x < 0.4 ? 2 : x < 0.9 ? 3 : 4
  return x < 0.15 ? 1 : x < 0.3 ? 2 : x < 0.88 ? 3 : 4
}

// The time of the next answer, given the card as scheduled at `now`.
function nextTime(rand, card, now) {
  const due = card.due.getTime() / 1000
  const x = rand()
  if (due - now < 86400) {                       // in a (re)learning step
    if (x < 0.12) return now + 86400 + Math.floor(rand() * 86400)  // came back another day
    return due + Math.floor(rand() * 1800)
  }
  if (x < 0.06) return now + 60 + Math.floor(rand() * 4 * 3600)    // same-day look again
  if (x < 0.2) return Math.max(now + 60, due - Math.floor(rand() * (due - now) * 0.4))
  return due + Math.floor(rand() * 86400 * (1 + card.scheduled_days * 0.3))
}

function main() {
  const a = args()
  const rand = rng(a.seed)
  const opts = {
    enable_short_term: true,
    enable_fuzz: false,
    request_retention: Number(a.retention),
    maximum_interval: Number(a['max-interval']),
    learning_steps: a.learning ? a.learning.split(',') : [],
    relearning_steps: a.relearning ? a.relearning.split(',') : [],
  }
  if (a.params) opts.w = a.params.split(',').map(Number)
  const f = fsrs(opts)
  const out = [`# ts-fsrs ${require('ts-fsrs').FSRSVersion}: ${JSON.stringify(opts)} seed=${a.seed}`,
    '# id t grade state S D scheduled_days due step reps lapses elapsed_days']
  for (let id = 1; id <= Number(a.cards); id++) {
    let now = 1704067200 + Math.floor(rand() * 365 * 86400)   // during 2024
    let card = createEmptyCard(new Date(now * 1000))
    for (let k = 0; k < Number(a.answers); k++) {
      const g = grade(rand, card.state)
      const rec = f.next(card, new Date(now * 1000), g)
      const c = rec.card
      out.push([id, now, g, c.state, c.stability, c.difficulty, c.scheduled_days,
        c.due.getTime() / 1000, c.learning_steps, c.reps, c.lapses, rec.log.elapsed_days].join('\t'))
      card = c
      now = nextTime(rand, card, now)
    }
  }
  process.stdout.write(out.join('\n') + '\n')
}

main()
