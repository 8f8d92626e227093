// The baseline for `attune memory`: ts-fsrs (5.4, Node 20) replaying the same review-history
// CSV and printing card_id,stability,difficulty. Not part of the build; run it where ts-fsrs
// is installed, e.g. NODE_PATH=/tmp/xcheck/node_modules node bench/ts-fsrs-replay.cjs FILE.csv
//   --mode memory     (default) f.next_state(state, t, grade) per review: the same job as
//                     `attune memory`, done the fastest way ts-fsrs offers
//   --mode scheduler  f.next(card, time, grade) per review: the full scheduler, as an app
//                     replaying its log would call it
// Days between reviews are study days (local date of time - 4 h, UTC here), as in Attune.
'use strict';
const fs = require('fs');
const { fsrs, createEmptyCard } = require('ts-fsrs');

const file = process.argv[2];
const mode = process.argv[3] === '--mode' ? process.argv[4] : 'memory';
const dayStartMs = 4 * 3600000;

const lines = fs.readFileSync(file, 'utf8').split('\n');
const header = lines[0].split(',');
const cCard = header.indexOf('card_id'), cRating = header.indexOf('review_rating'), cTime = header.indexOf('review_time');
const cards = new Map();
for (let i = 1; i < lines.length; i++) {
  const line = lines[i];
  if (!line) continue;
  const f = line.split(',');
  const text = f[cTime];
  const ms = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  let list = cards.get(f[cCard]);
  if (!list) cards.set(f[cCard], (list = []));
  list.push([ms, Number(f[cRating])]);
}

const f = fsrs({ enable_fuzz: false });
const out = ['card_id,stability,difficulty'];
for (const [id, reviews] of cards) {
  reviews.sort((a, b) => a[0] - b[0]);
  let s, d;
  if (mode === 'scheduler') {
    let card = createEmptyCard(new Date(reviews[0][0]));
    for (const [ms, g] of reviews) card = f.next(card, new Date(ms), g).card;
    s = card.stability; d = card.difficulty;
  } else {
    let state = null;
    let lastDay = 0;
    for (let k = 0; k < reviews.length; k++) {
      const day = Math.floor((reviews[k][0] - dayStartMs) / 86400000);
      state = f.next_state(state, k === 0 ? 0 : Math.max(0, day - lastDay), reviews[k][1]);
      lastDay = Math.max(lastDay, day);
    }
    s = state.stability; d = state.difficulty;
  }
  out.push(`${id},${s},${d}`);
}
process.stdout.write(out.join('\n') + '\n');
