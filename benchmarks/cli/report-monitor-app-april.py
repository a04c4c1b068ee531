#!/usr/bin/env python3
"""The sample's app-channel April NPS drop against the report's monitor designs (docs/monitoring.md, "Month-versus-baseline test").

Re-computes, with continuous log-likelihood-ratio increments (the library uses a lattice; thresholds differ by < 1 step):
  1. the GLR's per-drop CUSUM statistics (and 1b. with a 300-answer baseline) on the app series (baseline = 150 answers) against the known-baseline threshold
     (ARL 6e6 per chart, diffusion approximation) and the Gandy & Kvaløy 0.9 guaranteed one (500 bootstrap baselines);
  2. thresholds guaranteed in expectation over the file's horizon: P(any GLR alarm within the series' post-baseline answers),
     averaged over the baseline's sampling error by parametric bootstrap (4,000 baselines and null continuations), <= a;
  3. the self-starting version (baseline re-estimated from every earlier answer), calibrated the same way;
  4. the two-sample change-point scan (max one-sided z over change point and time) against its null quantiles;
  5. the month-versus-baseline test (Welch z, one-sided at (0.05/2)/(8 series * months)).
Usage: /usr/bin/python3 benchmarks/cli/report-monitor-app-april.py   (numpy; about a minute)
"""
import csv, math, os
from statistics import NormalDist
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rows = list(csv.DictReader(open(os.path.join(HERE, '..', '..', 'src', 'TrustMetrics.Cli', 'Sample', 'survey.csv'))))
nps = lambda s: -1 if s <= 6 else (0 if s <= 8 else 1)
app = sorted([(r['month'], i, nps(int(r['nps']))) for i, r in enumerate(rows) if r['nps'] != '' and r['channel'] == 'app'])
x = np.array([v for *_, v in app], float)
months = [m for m, *_ in app]
V = np.array([-1.0, 0.0, 1.0])
NB = 150
GRID = [0.1, 0.15, 0.2, 0.3, 0.4, 0.6]
freq = lambda s: np.array([(s == v).mean() for v in V])
p = freq(x[:NB])
post = x[NB:]
N = len(post)
drops = [d for d in GRID if p @ V - d > -1]


def tilt(pv, target):
    lo, hi = -50.0, 0.0
    for _ in range(70):
        th = (lo + hi) / 2
        w = pv * np.exp(th * V)
        if (w @ V) / w.sum() > target:
            hi = th
        else:
            lo = th
    return th, math.log((pv * np.exp(th * V)).sum())


def root(inc, pv):
    mu = pv @ inc
    f = lambda s: math.log((pv * np.exp(s * inc)).sum())
    lo, hi = (1e-9, 1.0) if mu < 0 else (-1.0, -1e-9)
    if mu < 0:
        while f(hi) < 0:
            hi *= 2
    else:
        while f(lo) < 0:
            lo *= 2
    for _ in range(70):
        m = (lo + hi) / 2
        if (f(m) < 0) == (mu < 0):
            lo = m
        else:
            hi = m
    return (lo + hi) / 2, mu


def arl(h, sm):
    s, mu = sm
    u = s * h
    return math.inf if u > 700 else (math.exp(u) - 1 - u) / (abs(s) * abs(mu))


def hfor(T, inc, pv):
    sm = root(inc, pv)
    lo, hi = 1e-6, 1e4
    for _ in range(80):
        m = math.sqrt(lo * hi)
        lo, hi = (m, hi) if arl(m, sm) < T else (lo, m)
    return hi


def max_stat(th, K, data):
    S = mx = 0.0
    for v in data:
        S = max(0.0, S + th * v - K)
        mx = max(mx, S)
    return mx


print(f"app: baseline {NB} answers, NPS {100 * (p @ V):+.1f}; {N} answers after it")
print("1. GLR charts: max statistic / known-baseline threshold / G&K 0.9 threshold")
rng = np.random.default_rng(1)
boots = rng.multinomial(NB, p, size=500) / NB
T = 1e6 * len(drops)
for d in drops:
    th, K = tilt(p, p @ V - d)
    hk = hfor(T, th * V - K, p)
    deltas = []
    for pb in boots:
        if (pb > 0).sum() < 2 or pb @ V - d <= -1:
            deltas.append(math.inf)
            continue
        tb, Kb = tilt(pb, pb @ V - d)
        ib = tb * V - Kb
        deltas.append(math.log(hfor(T, ib, p)) - math.log(hfor(T, ib, pb)))
    c = np.sort(deltas)[math.ceil(0.9 * len(boots)) - 1]
    print(f"   drop {100 * d:4.0f} points: {max_stat(th, K, post):5.1f} / {hk:5.1f} / {hk * math.exp(c):8.1f}")


def glr_paths(X, nb, self_starting):
    """Max over time of each drop's CUSUM; the reference (mean, variance) is the baseline, or every earlier answer."""
    B, total = X.shape
    n = np.full(B, float(nb)); s1 = X[:, :nb].sum(1); s2 = (X[:, :nb] ** 2).sum(1)
    g = np.array(drops)
    S = np.zeros((B, len(g))); M = np.zeros_like(S)
    m0, v0 = s1 / n, np.maximum(s2 / n - (s1 / n) ** 2, 1e-4)
    for t in range(nb, total):
        m, var = (s1 / n, np.maximum(s2 / n - (s1 / n) ** 2, 1e-4)) if self_starting else (m0, v0)
        th = -g[None, :] / var[:, None]
        S = np.maximum(0, S + th * (X[:, t] - m)[:, None] - th ** 2 * var[:, None] / 2)
        M = np.maximum(M, S)
        if self_starting:
            n += 1; s1 += X[:, t]; s2 += X[:, t] ** 2
    return M


def calibrate(M, a):
    """Per-chart thresholds with equal exceedance counts (min-P), the largest with P(any chart exceeds) <= a."""
    B = M.shape[0]; Ms = np.sort(M, 0); best = None
    for r in range(1, B):
        h = Ms[B - r]
        if (M > h[None, :]).any(1).mean() <= a:
            best = h
        else:
            break
    return best


p300 = freq(x[:300])
th300, K300 = tilt(p300, p300 @ V - 0.3)
print(f"1b. baseline of 300 answers: NPS {100 * (p300 @ V):+.1f}; 30-point chart max statistic {max_stat(th300, K300, x[300:]):.1f}")

print("2./3. statistic / threshold guaranteed in expectation over the file (per drop, 4,000 bootstrap files)")
rng = np.random.default_rng(3)
for label, ss in (("fixed baseline (normal increments)", False), ("self-starting", True)):
    Xb = rng.choice(V, size=(4000, NB + N), p=p)
    Mb = glr_paths(Xb, NB, ss)
    Mo = glr_paths(x[None, :], NB, ss)[0]
    for a in (0.0125, 0.00625):
        print(f"   {label}, a = {a}: " + ", ".join(f"{100 * d:.0f}: {r:.2f}" for d, r in zip(drops, Mo / calibrate(Mb, a))))


def cpm(X, nb):
    B, total = X.shape
    c1 = np.concatenate([np.zeros((B, 1)), np.cumsum(X, 1)], 1); c2 = np.concatenate([np.zeros((B, 1)), np.cumsum(X * X, 1)], 1)
    M = np.full(B, -np.inf)
    for t in range(nb + 1, total + 1):
        tau = np.arange(nb, t)
        n1, n2 = tau, t - tau
        m1 = c1[:, tau] / n1; m2 = (c1[:, t][:, None] - c1[:, tau]) / n2
        var = np.maximum(c2[:, t] / t - (c1[:, t] / t) ** 2, 1e-4)[:, None]
        M = np.maximum(M, ((m1 - m2) / np.sqrt(var * (1 / n1 + 1 / n2))).max(1))
    return M


rng = np.random.default_rng(5)
Mb = np.sort(cpm(rng.choice(V, size=(1000, NB + N), p=p), NB))
print(f"4. change-point scan: max z {cpm(x[None, :], NB)[0]:.2f}; null quantiles 0.95 {Mb[950]:.2f}, 0.9875 {Mb[987]:.2f}")

looks = sorted(set(months[NB:]))
z_crit = NormalDist().inv_cdf(1 - 0.05 / 2 / (8 * len(looks)))
b = x[:NB]
out = []
for m in looks:
    w = np.array([v for mm, v in zip(months[NB:], post) if mm == m])
    z = (w.mean() - b.mean()) / math.sqrt(b.var(ddof=1) / len(b) + w.var(ddof=1) / len(w))
    out.append(f"{m} {z:+.2f}")
print(f"5. month-versus-baseline z (bound {z_crit:.2f}): " + ", ".join(out))
