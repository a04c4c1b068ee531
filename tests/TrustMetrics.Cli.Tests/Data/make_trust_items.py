# Generates trust_items.csv (seeded, standard library only): python3 make_trust_items.py > trust_items.csv
# 200 respondents of the sample-survey shape: segment, month, nps (0-10) and the five drivers' items
# transparency1..3, ..., empathy1..3 on 1-5. A latent trust z ~ N(mu, 1) per respondent drives every item;
# Enterprise trusts more, SMB less; in 2026-06 SMB's accountability collapses (a breakdown to detect).
import random, math
random.seed(5)
drivers = ["transparency", "consistency", "accountability", "expertise", "empathy"]
mu_segment = {"Consumer": 0.0, "SMB": -0.3, "Enterprise": 0.5}
def likert(x):
    cuts = [-1.5, -0.5, 0.5, 1.5]
    return 1 + sum(x > c for c in cuts)
print("respondent_id,segment,month," + ",".join(f"{d}{i}" for d in drivers for i in (1, 2, 3)) + ",nps")
for r in range(1, 201):
    segment = random.choice(["Consumer", "Consumer", "SMB", "Enterprise"])
    month = "2026-05" if r <= 100 else "2026-06"
    z = random.gauss(mu_segment[segment], 1.0)
    cells = []
    for d in drivers:
        shift = -2.0 if (d == "accountability" and segment == "SMB" and month == "2026-06") else 0.0
        dz = z + shift + random.gauss(0, 0.4)
        for i in (1, 2, 3):
            value = likert(dz + random.gauss(0, 0.6))
            cells.append("" if random.random() < 0.01 else str(value))
    nps = max(0, min(10, round(7 + 2.2 * z + random.gauss(0, 1.2))))
    print(f"{r},{segment},{month}," + ",".join(cells) + f",{nps}")
