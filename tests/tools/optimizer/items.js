// items.js - turn a card_id<TAB>unix_seconds<TAB>rating log into FSRS training items,
// the way labprep's optimizer does (core/optimize.c) and fsrs-rs's convertor does:
// a card's reviews in time order (ties by line), delta_t = difference of UTC day
// numbers, one item per review after the first holding the card's reviews up to and
// including it, items whose own delta_t is 0 dropped; items in order of their last
// review's time (ties by line), since fsrs-rs's recency weights expect that order.
'use strict'
const fs = require('fs')

function readItems (path) {
  const text = fs.readFileSync(path, 'utf8')
  const cards = new Map()
  let line = 0
  for (const l of text.split('\n')) {
    line++
    if (!l) continue
    const [id, ts, g] = l.split('\t')
    const r = { t: Number(ts), g: Number(g), line }
    if (!cards.has(id)) cards.set(id, [])
    cards.get(id).push(r)
  }
  const items = [] // { reviews: [[rating, delta_t]...], t, line }
  for (const revs of cards.values()) {
    revs.sort((a, b) => a.t - b.t || a.line - b.line)
    const hist = []
    for (let i = 0; i < revs.length; i++) {
      const dt = i === 0 ? 0 : Math.floor(revs[i].t / 86400) - Math.floor(revs[i - 1].t / 86400)
      hist.push([revs[i].g, dt])
      if (i > 0 && dt > 0) items.push({ reviews: hist.slice(), t: revs[i].t, line: revs[i].line })
    }
  }
  items.sort((a, b) => a.t - b.t || a.line - b.line)
  return items
}

module.exports = { readItems }
