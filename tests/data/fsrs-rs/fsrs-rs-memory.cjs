// Replays a review-history CSV with fsrs-rs (its Node binding, @open-spaced-repetition/binding)
// and prints card_id,stability,difficulty: the expected output for `attune memory`.
// Not part of the build: run it where the binding is installed, e.g.
//   NODE_PATH=/tmp/xcheck/node_modules node fsrs-rs-memory.cjs FILE.csv [--timezone IANA] [--day-start H]
// The study day of a review is the local date of (time - day start). Local time comes from the
// written UTC offset, or from --timezone through the ICU time-zone data of Node (Intl), which is
// independent of the tzdata reader in Attune.
'use strict';
process.env.TZ = 'UTC';
const fs = require('fs');
const { FSRSBinding } = require('@open-spaced-repetition/binding');

const argv = process.argv.slice(2);
const file = argv[0];
let zone = null;
let dayStart = 4;
for (let i = 1; i < argv.length; i += 2) {
  if (argv[i] === '--timezone') zone = argv[i + 1];
  else if (argv[i] === '--day-start') dayStart = Number(argv[i + 1]);
  else throw new Error('unknown option ' + argv[i]);
}

const zoneFormat = zone && new Intl.DateTimeFormat('en-US', {
  timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
  hour: 'numeric', minute: 'numeric', second: 'numeric',
});
function zoneOffsetMinutes(ms) {
  const p = {};
  for (const part of zoneFormat.formatToParts(new Date(ms))) p[part.type] = part.value;
  const asUtc = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60000);
}

const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
const header = lines[0].split(',');
const col = (name) => header.indexOf(name);
const [cCard, cRating, cTime] = [col('card_id'), col('review_rating'), col('review_time')];
const cards = new Map();
for (let i = 1; i < lines.length; i++) {
  if (!lines[i].trim()) continue;
  const f = lines[i].split(',');
  const text = f[cTime].trim();
  let ms, offset = 0;
  if (/^-?\d+$/.test(text)) {
    ms = Number(text);
  } else {
    ms = Date.parse(text);
    const m = /([+-])(\d\d):?(\d\d)$/.exec(text);
    if (m) offset = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
  }
  if (zone) offset = zoneOffsetMinutes(ms);
  const day = Math.floor((ms + offset * 60000 - dayStart * 3600000) / 86400000);
  const id = f[cCard].trim();
  if (!cards.has(id)) cards.set(id, []);
  cards.get(id).push({ ms, day, rating: Number(f[cRating]), order: i });
}

const fsrs = new FSRSBinding();
const out = ['card_id,stability,difficulty'];
for (const [id, reviews] of cards) {
  reviews.sort((a, b) => a.ms - b.ms || a.order - b.order);
  let state = null;
  let lastDay = reviews[0].day;
  for (let k = 0; k < reviews.length; k++) {
    const r = reviews[k];
    const delta = k === 0 ? 0 : Math.max(0, r.day - lastDay);
    lastDay = Math.max(lastDay, r.day);
    const next = fsrs.nextStates(state, 0.9, delta);
    state = [null, next.again, next.hard, next.good, next.easy][r.rating].memory;
  }
  out.push(`${id},${state.stability},${state.difficulty}`);
}
process.stdout.write(out.join('\n') + '\n');
