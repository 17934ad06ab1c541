#!/usr/bin/env node
// bench.js - labprep's FSRS-6 optimizer against the reference, on the same logs.
//
//   NODE_PATH=<dir with @open-spaced-repetition/binding> \
//     node bench.js --labprep ./labprep [--sizes 10000,100000] [--seed 1] [--runs 3] [--work DIR]
//
// For each size: a log of that many reviews from the simulated learner
// (gen_learner.js, fixed seed); the reference's computeParameters (fsrs-rs 6.5 via
// @open-spaced-repetition/binding) on the training items built from it (items.js),
// and `labprep fsrs optimize --revlog LOG --json` on the log itself; then the
// reference's own evaluator (FSRSBinding.evaluate) scores the defaults, its own fit
// and ours on the same items.  Each timing is the median of --runs runs, after one
// untimed warm-up call of the reference (so its one-time WebAssembly start-up is
// not counted against it); ours is the whole process (start, read, fit, report).
// Exit status 1 when a target of issue 7 is missed: our log loss no more than
// 0.0005 above the reference's, and our time below the reference's.
'use strict'
const fs = require('fs')
const os = require('os')
const path = require('path')
const { spawnSync } = require('child_process')
const b = require('@open-spaced-repetition/binding')
const { readItems } = require('./items.js')

function args () {
  const a = { labprep: './labprep', sizes: '10000,100000', seed: '1', runs: '3', work: '' }
  const v = process.argv.slice(2)
  for (let i = 0; i < v.length; i += 2) {
    const k = v[i].replace(/^--/, '')
    if (!(k in a) || v[i + 1] === undefined) throw new Error(`bad argument ${v[i]}`)
    a[k] = v[i + 1]
  }
  return a
}

const toBinding = (items) =>
  items.map((it) => new b.FSRSBindingItem(it.reviews.map(([g, dt]) => new b.FSRSBindingReview(g, dt))))

const median = (xs) => xs.slice().sort((x, y) => x - y)[Math.floor(xs.length / 2)]

const seconds = (t0) => Number(process.hrtime.bigint() - t0) / 1e9

async function reference (items, runs) {
  const times = []
  let w
  for (let i = 0; i < runs; i++) {
    const bi = toBinding(items)
    const t0 = process.hrtime.bigint()
    w = await b.computeParameters(bi, { enableShortTerm: true, numRelearningSteps: 1 })
    times.push(seconds(t0))
  }
  return { w, time: median(times) }
}

function ours (labprep, log, runs) {
  const times = []
  let out
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint()
    const p = spawnSync(labprep, ['fsrs', 'optimize', '--revlog', log, '--json'], { encoding: 'utf8' })
    times.push(seconds(t0))
    if (p.status !== 0) throw new Error(`labprep failed: ${p.stderr}`)
    out = JSON.parse(p.stdout)
  }
  return { w: out.params, json: out, time: median(times) }
}

function evaluate (w, items) {
  return new b.FSRSBinding(w).evaluate(toBinding(items))
}

const fmt = (x, d = 4) => x.toFixed(d)

async function benchOne (a, n, work) {
  const log = path.join(work, `learner_${n}.tsv`)
  const gen = spawnSync(process.execPath, [path.join(__dirname, 'gen_learner.js'), '--reviews', String(n), '--seed', a.seed],
    { encoding: 'utf8', maxBuffer: 1 << 30 })
  if (gen.status !== 0) throw new Error(gen.stderr)
  fs.writeFileSync(log, gen.stdout)
  const items = readItems(log)
  const runs = Number(a.runs)
  const ref = await reference(items, runs)
  const us = ours(a.labprep, log, runs)
  const e0 = evaluate(undefined, items)
  const er = evaluate(ref.w, items)
  const eu = evaluate(us.w, items)
  const d = eu.logLoss - er.logLoss
  const ok = d <= 0.0005 && us.time < ref.time
  console.log(`\n== ${n} reviews (seed ${a.seed}): ${items.length} items, scored by the reference's evaluate()`)
  console.log('                          log loss   RMSE(bins)   time (s)')
  console.log(`  defaults                  ${fmt(e0.logLoss, 5)}    ${fmt(e0.rmseBins, 5)}`)
  console.log(`  reference fit             ${fmt(er.logLoss, 5)}    ${fmt(er.rmseBins, 5)}      ${fmt(ref.time, 3)}`)
  console.log(`  labprep fit               ${fmt(eu.logLoss, 5)}    ${fmt(eu.rmseBins, 5)}      ${fmt(us.time, 3)}`)
  console.log(`  labprep minus reference   ${d >= 0 ? '+' : ''}${fmt(d, 5)}   ${eu.rmseBins - er.rmseBins >= 0 ? '+' : ''}${fmt(eu.rmseBins - er.rmseBins, 5)}     ` +
    `labprep ${fmt(ref.time / us.time, 1)}x faster`)
  console.log(`  labprep's own report      ${fmt(us.json.metrics.all.logloss_after, 5)}    ${fmt(us.json.metrics.all.rmse_after, 5)}` +
    `      (held out: ${fmt(us.json.metrics.holdout.logloss_before, 5)} -> ${fmt(us.json.metrics.holdout.logloss_after, 5)})`)
  console.log(`  reference w: ${ref.w.map((x) => x.toFixed(4)).join(',')}`)
  console.log(`  labprep w:   ${us.w.map((x) => x.toFixed(4)).join(',')}`)
  console.log(`  targets: log loss within +0.0005 ${d <= 0.0005 ? 'met' : 'MISSED'}; faster ${us.time < ref.time ? 'met' : 'MISSED'}`)
  return ok
}

async function main () {
  const a = args()
  const work = a.work || fs.mkdtempSync(path.join(os.tmpdir(), 'labprep-bench-'))
  const pkg = path.join(path.dirname(require.resolve('@open-spaced-repetition/binding')), '..', 'package.json')
  console.log(`labprep optimizer vs @open-spaced-repetition/binding ${JSON.parse(fs.readFileSync(pkg, 'utf8')).version}` +
    ` (fsrs-rs), node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`)
  const warm = path.join(work, 'warmup.tsv')
  fs.writeFileSync(warm, spawnSync(process.execPath, [path.join(__dirname, 'gen_learner.js'), '--reviews', '3000', '--seed', '7'],
    { encoding: 'utf8' }).stdout)
  await b.computeParameters(toBinding(readItems(warm)), { enableShortTerm: true, numRelearningSteps: 1 })
  let ok = true
  for (const n of a.sizes.split(',').map(Number)) ok = (await benchOne(a, n, work)) && ok
  if (!a.work) fs.rmSync(work, { recursive: true, force: true })
  process.exit(ok ? 0 : 1)
}

main().catch((e) => { console.error(e); process.exit(2) })
