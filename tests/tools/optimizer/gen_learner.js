#!/usr/bin/env node
// gen_learner.js - a review log from a simulated learner, for `make bench-optimizer`.
//
//   node gen_learner.js --reviews N [--seed S] [--new-per-day K] [--start UNIX] > log.tsv
//
// Writes exactly N lines "card_id<TAB>unix_seconds<TAB>rating", sorted by time.
// The learner's memory follows FSRS-6 with its own "true" weights (TRUE_W below,
// deliberately unlike the published defaults), while the app that schedules the
// reviews uses the defaults at 90% retention, as a new user's app would: so a fit
// has something real to find.  Each day brings K new cards (default N/5000, at
// least 2); a new card rated Again or Hard, and a review card rated Again, comes
// back 10-30 minutes later the same day (a learning or relearning step); reviews
// are sometimes late by a few days.  Recall is drawn from the true retrievability;
// a same-day repeat is recalled with probability 0.9.  Same arguments, same bytes.
'use strict'

const DEFAULT_W = [
  0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
  1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
]
const TRUE_W = [
  0.35, 1.9, 3.6, 12.5, 5.6, 1.05, 2.1, 0.02, 1.65, 0.21, 1.1,
  1.9, 0.09, 0.33, 2.0, 0.45, 2.3, 0.4, 0.2, 0.12, 0.28,
]

function args () {
  const a = { reviews: 10000, seed: 1, 'new-per-day': 0, start: 1704067200 /* 2024-01-01 */ }
  const v = process.argv.slice(2)
  for (let i = 0; i < v.length; i += 2) {
    const k = v[i].replace(/^--/, '')
    if (!(k in a) || v[i + 1] === undefined) {
      throw new Error('usage: gen_learner.js --reviews N [--seed S] [--new-per-day K] [--start UNIX]')
    }
    a[k] = Number(v[i + 1])
  }
  if (!a['new-per-day']) a['new-per-day'] = Math.max(2, Math.round(a.reviews / 5000))
  return a
}

// sfc32 seeded through splitmix32 (as tests/tools/fsrs/gen_log.js).
function rng (seed) {
  let s = seed >>> 0
  const mix = () => {
    s = (s + 0x9e3779b9) >>> 0
    let z = s
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
    return (z ^ (z >>> 16)) >>> 0
  }
  let a = mix(); let b = mix(); let c = mix(); let d = mix()
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

// FSRS-6 without rounding (the form fsrs-rs trains).
function model (w) {
  const decay = -w[20]
  const factor = Math.pow(0.9, 1 / decay) - 1
  const clampS = (s) => Math.min(Math.max(s, 0.001), 36500)
  const clampD = (d) => Math.min(Math.max(d, 1), 10)
  const d0 = (g) => w[4] - Math.exp(w[5] * (g - 1)) + 1
  return {
    r: (t, s) => Math.pow(1 + factor * t / s, decay),
    interval: (s, ret) => (Math.pow(ret, 1 / decay) - 1) / factor * s,
    init: (g) => ({ s: clampS(w[g - 1]), d: clampD(d0(g)) }),
    next: (m, t, g) => {
      let s
      if (t === 0) {
        let sinc = Math.pow(m.s, -w[19]) * Math.exp(w[17] * (g - 3 + w[18]))
        if (g >= 2) sinc = Math.max(sinc, 1)
        s = m.s * sinc
      } else {
        const r = Math.pow(1 + factor * t / m.s, decay)
        if (g === 1) {
          const f = w[11] * Math.pow(m.d, -w[12]) * (Math.pow(m.s + 1, w[13]) - 1) * Math.exp(w[14] * (1 - r))
          s = Math.min(f, m.s / Math.exp(w[17] * w[18]))
        } else {
          const h = g === 2 ? w[15] : 1; const e = g === 4 ? w[16] : 1
          s = m.s * (1 + Math.exp(w[8]) * (11 - m.d) * Math.pow(m.s, -w[9]) * (Math.exp((1 - r) * w[10]) - 1) * h * e)
        }
      }
      const dd = m.d - w[6] * (g - 3) * (10 - m.d) / 9
      const d = clampD(w[7] * d0(4) + (1 - w[7]) * dd)
      return { s: clampS(s), d }
    },
  }
}

function firstGrade (rand) {
  const x = rand()
  return x < 0.2 ? 1 : x < 0.35 ? 2 : x < 0.85 ? 3 : 4
}

function passGrade (rand) {
  const x = rand()
  return x < 0.15 ? 2 : x < 0.9 ? 3 : 4
}

function main () {
  const a = args()
  const rand = rng(a.seed)
  const truth = model(TRUE_W)
  const app = model(DEFAULT_W)
  const cards = [] // { id, mem, sched, reps, lastDay, due }
  const out = []
  let day = 0
  const dayStart = (d) => a.start + d * 86400
  while (out.length < a.reviews) {
    const events = []
    // Reviews due today (a card is seen at most once a day apart from its same-day step).
    for (const c of cards) {
      if (c.due > day) continue
      events.push({ c, t: dayStart(day) + 6 * 3600 + Math.floor(rand() * 14 * 3600) })
    }
    for (let k = 0; k < a['new-per-day']; k++) {
      const c = { id: `n${cards.length.toString(36)}`, mem: null, sched: null, reps: 0, lastDay: -1, due: day }
      cards.push(c)
      events.push({ c, t: dayStart(day) + 6 * 3600 + Math.floor(rand() * 14 * 3600) })
    }
    events.sort((x, y) => x.t - y.t)
    const lines = []
    for (const ev of events) {
      const c = ev.c
      let g
      if (!c.mem) {
        g = firstGrade(rand)
        c.mem = truth.init(g); c.sched = app.init(g)
      } else {
        const t = day - c.lastDay
        g = rand() < truth.r(t, c.mem.s) ? passGrade(rand) : 1
        c.mem = truth.next(c.mem, t, g); c.sched = app.next(c.sched, t, g)
      }
      lines.push([ev.t, c.id, g])
      c.lastDay = day
      if (c.reps === 0 ? g <= 2 : g === 1) {
        // learning / relearning step: once more today, 10-30 minutes later
        const t2 = ev.t + 600 + Math.floor(rand() * 1200)
        const g2 = rand() < 0.9 ? passGrade(rand) : 1
        c.mem = truth.next(c.mem, 0, g2); c.sched = app.next(c.sched, 0, g2)
        lines.push([t2, c.id, g2])
      }
      c.reps++
      let ivl = Math.max(1, Math.round(app.interval(c.sched.s, 0.9)))
      if (ivl > 2) ivl = Math.max(1, Math.round(ivl * (0.95 + 0.1 * rand())))
      if (rand() < 0.15) ivl += 1 + Math.floor(rand() * 3) // late
      c.due = day + ivl
    }
    lines.sort((x, y) => x[0] - y[0])
    for (const l of lines) {
      if (out.length >= a.reviews) break
      out.push(`${l[1]}\t${l[0]}\t${l[2]}\n`)
    }
    day++
  }
  process.stdout.write(out.join(''))
}

main()
