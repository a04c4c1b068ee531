#!/usr/bin/env python3
"""Deterministic trust-item survey CSV for the `trust-index --sobol` timing (issue 15, item 8).

    gen_trust.py OUT.csv [ROWS=100000]

Columns: segment,transparency1..3,consistency1..3,accountability1..3,expertise1..3,empathy1..3 — answers 1–5 around a
respondent level that differs by segment (four segments), ~2 % blank cells. Same seed, same bytes.
"""
import random
import sys

out = sys.argv[1]
rows = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
rng = random.Random(20261206)
segments = ["SMB", "Enterprise", "Consumer", "Public sector"]
drivers = ["transparency", "consistency", "accountability", "expertise", "empathy"]
items = [f"{d}{i}" for d in drivers for i in (1, 2, 3)]
with open(out, "w", encoding="utf-8", newline="\n") as f:
    f.write("segment," + ",".join(items) + "\n")
    for r in range(rows):
        s = r % 4
        level = 2.6 + 0.3 * s + rng.random()
        cells = []
        for j in range(len(items)):
            if rng.random() < 0.02:
                cells.append("")
            else:
                v = round(level + ((j % 4) - 1.5) * 0.2 * s + rng.random() - 0.5)
                cells.append(str(min(5, max(1, v))))
        f.write(segments[s] + "," + ",".join(cells) + "\n")
