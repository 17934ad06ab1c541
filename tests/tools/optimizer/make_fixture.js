#!/usr/bin/env node
// make_fixture.js - tests/fixtures/optimizer/: a simulated learner's log and what the
// reference (@open-spaced-repetition/binding, fsrs-rs) says about it, for
// tests/test_optimize.c (which then needs no node).
//
//   NODE_PATH=<dir with @open-spaced-repetition/binding> node make_fixture.js OUTDIR
//
// Writes OUTDIR/learner_3000.tsv (gen_learner.js --reviews 3000 --seed 3) and
// OUTDIR/learner_3000.expected, lines "name logloss rmse_bins [w0,...,w20]":
//   defaults   the reference's evaluate() of the published defaults
//   custom     of the fixed weights CUSTOM below
//   reference  of the reference's own computeParameters fit (its weights last)
'use strict'
const fs = require('fs')
const path = require('path')
const { spawnSync } = require('child_process')
const b = require('@open-spaced-repetition/binding')
const { readItems } = require('./items.js')

const CUSTOM = [0.3, 1.1, 2.9, 10.5, 6.8, 0.6, 2.7, 0.02, 1.6, 0.2, 0.9, 1.7, 0.08, 0.3, 1.4, 0.45, 2.1, 0.7, 0.2, 0.1, 0.25]

async function main () {
  const out = process.argv[2]
  if (!out) throw new Error('usage: make_fixture.js OUTDIR')
  fs.mkdirSync(out, { recursive: true })
  const log = path.join(out, 'learner_3000.tsv')
  const gen = spawnSync(process.execPath, [path.join(__dirname, 'gen_learner.js'), '--reviews', '3000', '--seed', '3'],
    { encoding: 'utf8' })
  if (gen.status !== 0) throw new Error(gen.stderr)
  fs.writeFileSync(log, gen.stdout)
  const items = readItems(log)
  const mk = () => items.map((it) => new b.FSRSBindingItem(it.reviews.map(([g, dt]) => new b.FSRSBindingReview(g, dt))))
  const lines = []
  const ev = (name, w, show) => {
    const e = new b.FSRSBinding(w).evaluate(mk())
    lines.push(`${name} ${e.logLoss} ${e.rmseBins}${show ? ' ' + w.join(',') : ''}`)
  }
  ev('defaults', undefined, false)
  ev('custom', CUSTOM, false)
  const w = await b.computeParameters(mk(), { enableShortTerm: true, numRelearningSteps: 1 })
  ev('reference', w, true)
  fs.writeFileSync(path.join(out, 'learner_3000.expected'), lines.join('\n') + '\n')
  console.log(lines.join('\n'))
}

main().catch((e) => { console.error(e); process.exit(1) })
