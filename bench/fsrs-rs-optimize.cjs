// The baseline for `attune optimize`: fsrs-rs's optimizer (Node binding
// @open-spaced-repetition/binding) fitting the same review-history CSV, and fsrs-rs's own
// evaluator judging any parameters on the same items. Not part of the build:
//   NODE_PATH=/tmp/xcheck/node_modules node bench/fsrs-rs-optimize.cjs FILE.csv fit
//   NODE_PATH=/tmp/xcheck/node_modules node bench/fsrs-rs-optimize.cjs FILE.csv judge w0,...,w20
// Items are built as Attune builds them: UTC, day start 04:00, each review after a card's
// first with whole study days elapsed > 0, with the card's reviews before it.
'use strict';
process.env.TZ = 'UTC';
const fs = require('fs');
const b = require('@open-spaced-repetition/binding');

const [file, mode, weights] = process.argv.slice(2);
const lines = fs.readFileSync(file, 'utf8').split('\n');
const header = lines[0].split(',');
const ci = header.indexOf('card_id'), ri = header.indexOf('review_rating'), ti = header.indexOf('review_time');
const cards = new Map();
for (let i = 1; i < lines.length; i++) {
  if (!lines[i]) continue;
  const f = lines[i].split(',');
  const t = /^\d+$/.test(f[ti]) ? Number(f[ti]) : Date.parse(f[ti]);
  if (!cards.has(f[ci])) cards.set(f[ci], []);
  cards.get(f[ci]).push([t, Number(f[ri]), i]);
}
const items = [];
for (const reviews of cards.values()) {
  reviews.sort((x, y) => x[0] - y[0] || x[2] - y[2]);
  const seq = [];
  let last = null;
  for (const [t, g] of reviews) {
    const day = Math.floor((t - 4 * 3600000) / 86400000);
    const delta = last === null ? 0 : Math.max(0, day - last);
    last = last === null ? day : Math.max(last, day);
    seq.push(new b.FSRSBindingReview(g, delta));
    if (seq.length > 1 && delta > 0) items.push(new b.FSRSBindingItem(seq.slice()));
  }
}
if (mode === 'judge') {
  const params = weights && weights !== '-' ? weights.split(',').map(Number) : undefined;
  const m = new b.FSRSBinding(params).evaluate(items);
  console.log(JSON.stringify({ items: items.length, log_loss: m.logLoss, rmse_bins: m.rmseBins }));
} else {
  const start = Date.now();
  b.computeParameters(items, { enableShortTerm: true }).then((p) => {
    const ms = Date.now() - start;
    const m = new b.FSRSBinding(p).evaluate(items);
    console.log(JSON.stringify({ items: items.length, fit_ms: ms, parameters: p, log_loss: m.logLoss, rmse_bins: m.rmseBins }));
  });
}
