#!/usr/bin/env python3
"""Deterministic survey CSV of about SIZE_MB megabytes for the `trustmetrics nps` memory benchmark.

    gen_survey.py OUT.csv [SIZE_MB=200]

Columns: respondent_id,date,segment,channel,score,comment — a 0–10 score (blank for ~2 % of rows: not answered), four
segments, three channels, ISO dates over 2026, a free-text comment (sometimes quoted, with a comma). Same seed, same bytes.
"""
import random
import sys

out = sys.argv[1]
target = int(float(sys.argv[2]) * 1_000_000) if len(sys.argv) > 2 else 200_000_000
rng = random.Random(20261206)
segments = ["SMB", "Enterprise", "Consumer", "Public sector"]
channels = ["app", "web", "phone"]
comments = ["", "", "fast delivery", "\"price, again\"", "support was helpful", "app crashes on login", "good value",
            "slow refund", "\"clear, honest pricing\"", "would recommend to a friend"]
weights = [3, 2, 2, 3, 4, 5, 8, 12, 18, 22, 21]  # a typical NPS answer distribution (scores 0..10)
cumulative = []
total = 0
for w in weights:
    total += w
    cumulative.append(total)

written = 0
row = 0
with open(out, "w", encoding="utf-8", newline="\n") as f:
    header = "respondent_id,date,segment,channel,score,comment\n"
    f.write(header)
    written += len(header)
    lines = []
    while written < target:
        row += 1
        u = rng.random() * total
        score = next(i for i, c in enumerate(cumulative) if u < c)
        cell = "" if rng.random() < 0.02 else str(score)
        month = rng.randint(1, 12)
        day = rng.randint(1, 28)
        line = f"r{row},2026-{month:02d}-{day:02d},{rng.choice(segments)},{rng.choice(channels)},{cell},{rng.choice(comments)}\n"
        lines.append(line)
        written += len(line)
        if len(lines) == 100_000:
            f.write("".join(lines))
            lines.clear()
    f.write("".join(lines))
print(f"{out}: {row} rows, {written} bytes")
