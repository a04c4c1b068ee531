"""Independent numpy/scipy/pandas reference for TrustMetrics' RFM scores, value tiers and segment CLV means (ValueSegmenter).

Data: cdnow_customers_summary_with_transactions.csv (lifetimes 0.11.3 copy of Fader & Hardie's CDNOW summary, weeks; see
tests/TrustMetrics.Tests/Data/README.md). Fixed parameters (ltv-churn.md R-here CSV fits): BG/NBD r 0.242592863, alpha 4.413530438,
a 0.7928854937, b 2.425752092; Gamma-Gamma p 6.248795206, q 3.744589333, gamma 15.44777208.
CLV = sum_{k=1..12} E[M]*(E[Y(4.345k)] - E[Y(4.345(k-1))]) / 1.01^k (lifetimes' customer_lifetime_value with freq "W").
Run: /usr/bin/python3 value_segments_reference.py ../../Data/cdnow_customers_summary_with_transactions.csv > value_segments_reference.txt
"""
import sys
import numpy as np
import pandas as pd
from scipy import special as sp, stats

df = pd.read_csv(sys.argv[1])
x, tx, T, m = df["x"].values.astype(float), df["t_x"].values, df["T"].values, df["zbar"].values
n = len(df)
r, al, a, b = 0.242592863, 4.413530438, 0.7928854937, 2.425752092
p, q, g = 6.248795206, 3.744589333, 15.44777208

alive = np.where(x > 0, 1 / (1 + a / np.maximum(b + x - 1, 1e-300) * ((al + T) / (al + tx)) ** (r + x)), 1.0)
def ey(t):
    if t == 0:
        return np.zeros(n)
    z = t / (al + T + t)
    return (a + b + x - 1) / (a - 1) * (1 - sp.hyp2f1(r + x, b + x, a + b + x - 1, z) * ((al + T) / (al + T + t)) ** (r + x)) * alive
spend = np.where(x > 0, p * (g + x * m) / (p * x + q - 1), p * g / (q - 1))
clv = sum(spend * (ey(4.345 * k) - ey(4.345 * (k - 1))) / 1.01 ** k for k in range(1, 13))

def score(v):  # larger is better; ties share: 1 + floor(5 * (rank_min - 1) / n)
    return (1 + np.floor(5 * (pd.Series(v).rank(method="min").values - 1) / n)).astype(int)
R, F, M = score(-(T - tx)), score(x), score(m)
def seg(r_, f_):
    if r_ == 5 and f_ >= 4: return "champions"
    if r_ in (3, 4) and f_ >= 4: return "loyal customers"
    if r_ in (4, 5) and f_ in (2, 3): return "potential loyalists"
    if r_ == 5 and f_ == 1: return "new customers"
    if r_ == 4 and f_ == 1: return "promising"
    if r_ == 3 and f_ == 3: return "need attention"
    if r_ == 3: return "about to sleep"
    if f_ in (3, 4): return "at risk"
    if f_ == 5: return "can't lose them"
    if r_ == 1 and f_ == 1: return "lost"
    return "hibernating"
segment = np.array([seg(i, j) for i, j in zip(R, F)])
past = x * m
def top(v, share=0.1):
    greater = n - np.searchsorted(np.sort(v), v, side="right")
    return greater < share * n
vip = top(clv)
tier = np.where(vip, "vip", np.where(top(past) & (alive < 0.5), "at-risk vip", "other"))
print("first10 " + " ".join(f"{i}{j}{k}:{s}" for i, j, k, s in zip(R[:10], F[:10], M[:10], segment[:10])))
print("first10 clv " + " ".join(repr(v) for v in clv[:10]))
for name in ["champions", "loyal customers", "potential loyalists", "new customers", "promising", "need attention", "about to sleep",
             "at risk", "can't lose them", "hibernating", "lost", "vip", "at-risk vip", "other"]:
    v = clv[(segment == name) | (tier == name)]
    if len(v) == 0:
        print(f"segment {name} 0")
        continue
    mean, se = v.mean(), v.std(ddof=1) / np.sqrt(len(v)) if len(v) > 1 else np.inf
    h = stats.t.ppf(0.975, len(v) - 1) * se if len(v) > 1 else np.inf
    print(f"segment {name} n {len(v)} mean {mean!r} lower {mean - h!r} upper {mean + h!r}")
a_, b_ = clv[segment == "champions"], clv[segment == "at risk"]
va, vb = a_.var(ddof=1) / len(a_), b_.var(ddof=1) / len(b_)
dfw = (va + vb) ** 2 / (va ** 2 / (len(a_) - 1) + vb ** 2 / (len(b_) - 1))
d = a_.mean() - b_.mean()
h = stats.t.ppf(0.975, dfw) * np.sqrt(va + vb)
print(f"welch champions-at_risk diff {d!r} lower {d - h!r} upper {d + h!r} df {dfw!r} p {stats.ttest_ind(a_, b_, equal_var=False).pvalue!r}")
