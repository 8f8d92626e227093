#!/usr/bin/env bash
# Times `attune memory` against ts-fsrs 5.4 (Node 20) replaying the same 750k-review /
# 60k-card history, whole process each, and prints the medians and their ratio.
#   bench/compare-memory.sh BUILD_DIR [NODE_MODULES_DIR]
# NODE_MODULES_DIR holds ts-fsrs (default /tmp/xcheck/node_modules; install it there with
# `npm install --prefix /tmp/xcheck ts-fsrs@5.4`): Attune itself never depends on it.
# Uses hyperfine when installed, otherwise 7 timed runs each.
set -euo pipefail
build=${1:?usage: bench/compare-memory.sh BUILD_DIR [NODE_MODULES_DIR]}
export NODE_PATH=${2:-/tmp/xcheck/node_modules}
here=$(cd "$(dirname "$0")" && pwd)
attune=$build/game/cli/attune
work=${TMPDIR:-/tmp}/attune-memory-bench
mkdir -p "$work"
history=$work/history-750k.csv
[ -s "$history" ] || python3 "$here/make_review_history.py" --shape bench --cards 60000 --reviews 750000 --seed 1 --out "$history"

# Same answers first: the comparison only means something if both compute the same thing.
"$attune" memory --reviews "$history" > "$work/attune.csv"
node "$here/ts-fsrs-replay.cjs" "$history" > "$work/ts-fsrs.csv"
python3 - "$work/attune.csv" "$work/ts-fsrs.csv" <<'PY'
import csv, sys
a, b = ({r['card_id']: (float(r['stability']), float(r['difficulty'])) for r in csv.DictReader(open(p))} for p in sys.argv[1:3])
assert a.keys() == b.keys(), 'different cards'
print('cards %d, largest relative S difference %.2g, largest D difference %.2g' % (
    len(a), max(abs(a[k][0] - b[k][0]) / b[k][0] for k in a), max(abs(a[k][1] - b[k][1]) for k in a)))
PY

if command -v hyperfine > /dev/null; then
  hyperfine -N -w 1 -r 7 --export-json "$work/times.json" \
    "$attune memory --reviews $history" "node $here/ts-fsrs-replay.cjs $history" > /dev/null
  python3 - "$work/times.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))['results']
a, t = r[0], r[1]
print('attune memory  median %.3f s (user %.3f s, sys %.3f s)' % (a['median'], a['user'], a['system']))
print('ts-fsrs 5.4    median %.3f s (user %.3f s, sys %.3f s)' % (t['median'], t['user'], t['system']))
print('ratio (median wall time)  %.3f' % (a['median'] / t['median']))
print('ratio (user+sys CPU time) %.3f' % ((a['user'] + a['system']) / (t['user'] + t['system'])))
PY
else
  median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
  run() { for _ in 1 2 3 4 5 6 7; do /usr/bin/time -f %e "$@" > /dev/null 2>> "$work/t"; tail -1 "$work/t"; done | median; }
  : > "$work/t"
  a=$(run "$attune" memory --reviews "$history")
  t=$(run node "$here/ts-fsrs-replay.cjs" "$history")
  echo "attune memory median ${a} s; ts-fsrs 5.4 median ${t} s; ratio $(python3 -c "print(round($a/$t, 3))")"
fi
