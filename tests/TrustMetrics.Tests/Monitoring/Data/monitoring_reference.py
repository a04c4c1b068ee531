#!/usr/bin/env python3
"""Independent reference numbers for TrustMetrics.Monitoring (run with Debian /usr/bin/python3: numpy, scipy, mpmath).

1. Normal-mixture boundary (Robbins 1970; Howard, Ramdas, McAuliffe & Sekhon 2021, Ann. Stat. 49(2), Sec. 3): the radius r
   at which the mixture martingale  M(S) = int exp(l*S - l^2 V/2) N(l; 0, 1/rho) dl  equals 1/alpha, found by numerical
   quadrature + root finding in mpmath (not the closed form), and the rho minimising it at V0 (numerical minimisation).
2. One-sided e-value: quadrature of the half-normal mixture over l < 0, compared with nothing here (printed for the tests).
3. Integer CUSUM ARL0 by an independent dense Markov-chain solve (numpy) and by Monte-Carlo simulation.
Usage: monitoring_reference.py [quick|full]   (quick: the values the unit tests use; full adds the large simulations)
"""
import math, sys
import mpmath as mp
import numpy as np

mp.mp.dps = 40
MODE = sys.argv[1] if len(sys.argv) > 1 else "quick"

def mixture(S, V, rho):
    f = lambda l: mp.exp(l * S - l * l * V / 2) * mp.sqrt(rho / (2 * mp.pi)) * mp.exp(-rho * l * l / 2)
    return mp.quad(f, [-mp.inf, 0, mp.inf])

def radius_by_quadrature(n, alpha, rho):
    V = mp.mpf(n) / 4
    g = lambda S: mp.log(mixture(S, V, rho)) - mp.log(1 / mp.mpf(alpha))
    guess = mp.sqrt(2 * (V + rho) * (mp.log(1 / mp.mpf(alpha)) + mp.log((V + rho) / rho) / 2))
    return mp.findroot(g, guess * 1.01) / n          # radius of the [0,1] mean

def half_normal_evalue(S, V, rho):
    f = lambda l: mp.exp(l * S - l * l * V / 2) * 2 * mp.sqrt(rho / (2 * mp.pi)) * mp.exp(-rho * l * l / 2)
    return mp.quad(f, [-mp.inf, 0])

def optimal_rho(n0, alpha):
    V0 = mp.mpf(n0) / 4
    L = mp.log(1 / mp.mpf(alpha))
    width = lambda logrho: (V0 + mp.exp(logrho)) * (L + mp.log((V0 + mp.exp(logrho)) / mp.exp(logrho)) / 2)
    # golden-section on log rho
    a, b = mp.log(V0) - 10, mp.log(V0) + 5
    gr = (mp.sqrt(5) - 1) / 2
    for _ in range(200):
        c, d = b - gr * (b - a), a + gr * (b - a)
        if width(c) < width(d): b = d
        else: a = c
    return mp.exp((a + b) / 2)

print("# 1. normal-mixture radius of the [0,1] mean, by quadrature (rho fixed = 250, i.e. V0 = 1000/4 scale)")
for n, alpha, rho in [(1, 0.05, 250.0), (100, 0.05, 250.0), (1000, 0.05, 250.0), (10000, 0.05, 250.0), (1000, 0.01, 50.0), (123456, 0.1, 3000.0)]:
    print(f"radius n={n} alpha={alpha} rho={rho}: {mp.nstr(radius_by_quadrature(n, alpha, rho), 17)}")
print("# optimal rho (numerical minimisation of the squared radius at V0 = n0/4)")
for n0, alpha in [(1000, 0.05), (100, 0.01), (50000, 0.1)]:
    print(f"rho n0={n0} alpha={alpha}: {mp.nstr(optimal_rho(n0, alpha), 15)}")

print("# 2. one-sided (l<0) half-normal mixture e-value by quadrature")
for S, V, rho in [(-30.0, 250.0, 100.0), (-5.0, 25.0, 10.0), (4.0, 100.0, 50.0), (0.0, 1.0, 1.0)]:
    print(f"evalue S={S} V={V} rho={rho}: {mp.nstr(half_normal_evalue(S, V, rho), 17)}")

# 3. integer CUSUM (lattice step min(increment range/48, KL/3)), independent implementation
def tilt(values, probs, target):
    def K(t): return math.log(sum(p * math.exp(t * v) for v, p in zip(values, probs)))
    def mean(t):
        k = K(t); return sum(v * p * math.exp(t * v - k) for v, p in zip(values, probs))
    lo, hi = -1.0, 0.0
    while mean(lo) > target: lo *= 2
    for _ in range(200):
        mid = (lo + hi) / 2
        if mean(mid) > target: hi = mid
        else: lo = mid
    t = (lo + hi) / 2
    return t, K(t)

def rnd(x): return math.floor(x + 0.5) if x >= 0 else -math.floor(-x + 0.5)

def lattice(values, probs, drop):
    mu0 = sum(v * p for v, p in zip(values, probs))
    t, k = tilt(values, probs, mu0 - drop)
    kl = k - t * mu0                      # KL(p0 || p_theta) = -E0[llr]
    w = min(abs(t) * (max(values) - min(values)) / 48, kl / 3)
    return [rnd((t * v - k) / w) for v in values], w

def arl_dense(d, probs, H):
    P = np.zeros((H, H))
    for i in range(H):
        for dk, pk in zip(d, probs):
            j = i + dk
            if j >= H: continue
            P[i, max(j, 0)] += pk
    L = np.linalg.solve(np.eye(H) - P, np.ones(H))
    return L[0]

def threshold(d, probs, target):
    lo, hi = 1, 2
    while arl_dense(d, probs, hi) < target: lo, hi = hi, hi * 2
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if arl_dense(d, probs, mid) >= target: hi = mid
        else: lo = mid
    return hi

def simulate_arl(d, probs, H, runs, seed, chunk=4096):
    rng = np.random.default_rng(seed)
    d = np.array(d); lengths = []
    for _ in range(runs):
        W, n = 0, 0
        while True:
            steps = d[rng.choice(len(d), size=chunk, p=probs)]
            S = np.cumsum(steps)
            path = np.maximum(W + S, S - np.minimum.accumulate(np.minimum(S, 0)))
            hit = np.nonzero(path >= H)[0]
            if hit.size: lengths.append(n + hit[0] + 1); break
            W, n = path[-1], n + chunk
    lengths = np.array(lengths)
    return lengths.mean(), lengths.std(ddof=1) / math.sqrt(runs)

cases = [("nps p=(0.3,0.3,0.4) drop 0.1", [-1.0, 0.0, 1.0], [0.3, 0.3, 0.4], 0.1),
         ("rate p=0.2 drop 0.05", [0.0, 1.0], [0.8, 0.2], 0.05)]
targets = [1000] if MODE == "quick" else [1000, 10000, 100000]
print("# 3. integer CUSUM: increments, threshold H (dense solve), ARL0 at H (dense) and by simulation")
for name, values, probs, drop in cases:
    d, w = lattice(values, probs, drop)
    print(f"{name}: increments {d} step {w!r}")
    for target in targets:
        H = threshold(d, probs, target)
        runs = 2000 if target <= 10000 else 400
        m, se = simulate_arl(d, probs, H, runs, seed=20261206)
        print(f"  target {target}: H = {H}, ARL(H) = {arl_dense(d, probs, H)!r}, ARL(H-1) = {arl_dense(d, probs, H - 1)!r}, simulated {m:.1f} +- {se:.1f} ({runs} runs)")
