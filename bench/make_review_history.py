#!/usr/bin/env python3
"""Writes a synthetic review-history CSV (card_id,review_rating,review_time,review_duration).

Two shapes:
  --shape bench   a large, realistic history for timing `attune memory` (default 60k cards,
                  750k reviews, reviews spaced roughly as a scheduler would space them,
                  rows in time order as an export writes them, UTC times).
  --shape tricky  small random histories that stress the day boundary, for cross-checking
                  against fsrs-rs: up to 30 reviews per card, same-day reviews, reviews between
                  midnight and 04:00 local time, multi-year gaps, mixed UTC offsets (travel),
                  epoch-millisecond times, rows shuffled.

Deterministic for a given --seed. Standard library only.
"""
import argparse
import datetime as dt
import random
import sys

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def iso(ms, offset_minutes, fraction):
    tz = dt.timezone(dt.timedelta(minutes=offset_minutes))
    t = (EPOCH + dt.timedelta(milliseconds=ms)).astimezone(tz)
    text = t.strftime("%Y-%m-%dT%H:%M:%S")
    if fraction:
        text += ".%03d" % (ms % 1000)
    if offset_minutes == 0 and random.random() < 0.5:
        return text + "Z"
    sign = "+" if offset_minutes >= 0 else "-"
    m = abs(offset_minutes)
    return text + "%s%02d:%02d" % (sign, m // 60, m % 60)


def bench(args, out):
    rng = random.Random(args.seed)
    start = 1_600_000_000_000
    rows = []
    per_card = args.reviews / args.cards
    for c in range(args.cards):
        card_id = 1_600_000_000_000 + c * 977
        t = start + rng.randrange(0, 400 * 86_400_000)
        n = max(1, int(rng.expovariate(1.0 / (per_card * 1.1))) + 1) if rng.random() < 0.95 else 1
        interval = 0.0
        for _ in range(n):
            rating = rng.choices((1, 2, 3, 4), weights=(12, 8, 70, 10))[0]
            rows.append((t, card_id, rating, rng.randrange(2000, 30000)))
            if rating == 1:
                interval = rng.choice((0.007, 0.5, 1.0))
            else:
                interval = min(max(interval * rng.uniform(1.8, 3.0), rng.uniform(0.007, 3.0)), 1500.0)
            t += int(interval * 86_400_000)
    # Trim or pad to the requested review count so the file size is what was asked for.
    rng.shuffle(rows)
    rows = rows[: args.reviews]
    rows.sort()
    out.write("card_id,review_rating,review_time,review_duration\n")
    for t, card_id, rating, duration in rows:
        stamp = (EPOCH + dt.timedelta(milliseconds=t)).strftime("%Y-%m-%dT%H:%M:%S.%f") + "+00:00"
        out.write("%d,%d,%s,%d\n" % (card_id, rating, stamp, duration))


def tricky(args, out):
    random.seed(args.seed)
    offsets = [0, 0, 60, 120, -300, -240, 330, 540, 600, -480, 345, -600, 780]
    rows = []
    for c in range(args.cards):
        card_id = "card-%d" % c if c % 3 else str(1700000000000 + c)
        home = random.choice(offsets)
        # Start anywhere in 2015..2024.
        t = 1_420_070_400_000 + random.randrange(0, 10 * 365 * 86_400_000)
        n = random.randint(1, 30)
        for i in range(n):
            offset = home if random.random() < 0.85 else random.choice(offsets)
            rating = random.choices((1, 2, 3, 4), weights=(20, 15, 50, 15))[0]
            if random.random() < 0.25:
                # Put the review between local midnight and 04:00 (or just around 04:00).
                local = t + offset * 60_000
                day_start = local - local % 86_400_000
                within = random.choice((random.randrange(0, 4 * 3_600_000),
                                        4 * 3_600_000 - random.randrange(1, 120_000),
                                        4 * 3_600_000 + random.randrange(0, 120_000)))
                t = max(t, day_start + within - offset * 60_000)
            style = random.random()
            if style < 0.15:
                stamp = str(t)
            else:
                stamp = iso(t, offset, style < 0.6)
            rows.append("%s,%d,%s,%d" % (card_id, rating, stamp, random.randrange(1000, 60000)))
            gap = random.random()
            if gap < 0.3:
                t += random.randrange(60_000, 3 * 3_600_000)  # same day (usually)
            elif gap < 0.85:
                t += random.randrange(1, 60) * 86_400_000 + random.randrange(-6, 6) * 3_600_000
            elif gap < 0.95:
                t += random.randrange(60, 700) * 86_400_000
            else:
                t += random.randrange(2 * 365, 6 * 365) * 86_400_000  # multi-year gap
    random.shuffle(rows)
    out.write("card_id,review_rating,review_time,review_duration\n")
    out.write("\n".join(rows) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shape", choices=("bench", "tricky"), default="bench")
    parser.add_argument("--cards", type=int, default=60_000)
    parser.add_argument("--reviews", type=int, default=750_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", default="-")
    args = parser.parse_args()
    out = sys.stdout if args.out == "-" else open(args.out, "w", newline="\n")
    (bench if args.shape == "bench" else tricky)(args, out)
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
