#!/usr/bin/env python3
"""Large-scale simulations quoted in docs/monitoring.md (the unit tests rerun them at small scale with fixed seeds).

Null streams: NPS answers with P(detractor, passive, promoter) = (0.3, 0.3, 0.4), true NPS +10 (mean 0.1 of -1/0/+1).
 * anytime-valid: the normal-mixture confidence sequence (Howard et al. 2021, Hoeffding variance 1/4 on [0,1], rho tuned at
   n0 = 1000) checked after EVERY response: (a) one-sample: CS excludes the true mean 0.1 (coverage failure = false alarm of
   "NPS differs from its known baseline"); (b) drop e-process against mu0 = 0.1 (half-normal mixture, E >= 1/alpha);
   (c) two segments, both null: difference CS at alpha/2 each excludes 0 in the "A below B" direction.
 * fixed-n: the 95 % Wald interval of the mean checked once a "day" (every 100 responses): fires when it excludes 0.1 (two-sided).
Also the width of the CS against the fixed-n interval, and CUSUM / GLR-free detection delay of a 10-point drop at ARL0 = 1e6.
"""
import math, sys
import numpy as np
from scipy.stats import norm

STREAMS, N, ALPHA, DAY = 1000, 10000, 0.05, 100
P = np.array([0.3, 0.3, 0.4]); VALUES = np.array([-1.0, 0.0, 1.0]); MU = 0.1

def rho_opt(n0, alpha):
    L = math.log(1 / alpha); lo, hi = math.log(1e-12), math.log(1e6)
    for _ in range(200):
        mid = (lo + hi) / 2; r = math.exp(mid)
        if L + 0.5 * math.log1p(1 / r) - 0.5 / r > 0: hi = mid
        else: lo = mid
    return math.exp((lo + hi) / 2) * n0 / 4

def unit_radius(n, rho, logia):
    v = n / 4.0
    return np.sqrt(2 * (v + rho) * (logia + 0.5 * np.log1p(v / rho))) / n

rho = rho_opt(1000, ALPHA)
n = np.arange(1, N + 1)
r_alpha = unit_radius(n, rho, math.log(1 / ALPHA))
r_half = unit_radius(n, rho, math.log(2 / ALPHA))
z = norm.ppf(0.975)
rng = np.random.default_rng(20261206)
fires = dict(cs=0, eprocess=0, compare=0, daily=0)
for s in range(STREAMS):
    a = VALUES[rng.choice(3, size=N, p=P)]; b = VALUES[rng.choice(3, size=N, p=P)]
    ua = (np.cumsum(a) / n + 1) / 2; ub = (np.cumsum(b) / n + 1) / 2   # [0,1] means
    mu = (MU + 1) / 2
    fires["cs"] += np.any(np.abs(ua - mu) > r_alpha)
    S = np.cumsum((a + 1) / 2 - mu); V = n / 4.0
    zz = S / np.sqrt(V + rho)
    logE = math.log(2) + 0.5 * np.log(rho / (V + rho)) + 0.5 * zz * zz + norm.logcdf(-zz)
    fires["eprocess"] += np.any(logE >= math.log(1 / ALPHA))
    fires["compare"] += np.any(ub - ua > 2 * r_half)
    days = np.arange(DAY, N + 1, DAY)
    m = np.cumsum(a)[days - 1] / days; m2 = np.cumsum(a * a)[days - 1] / days
    se = np.sqrt((m2 - m * m) / days)
    fires["daily"] += np.any(np.abs(m - MU) > z * se)
print(f"{STREAMS} null streams of {N} NPS answers, alpha = {ALPHA}, checked after every answer (daily = every {DAY}):")
for k, v in fires.items():
    print(f"  {k:9s}: fired in {v} streams = {v / STREAMS:.3f}")

print("\nWidth of the 95 % anytime CS vs the fixed-n 95 % interval, NPS points, NPS +10 (sd 0.83 on -1/0/+1):")
sd = math.sqrt(0.69 - 0.01)
print(f"{'n':>8} {'CS half-width':>14} {'Wald (sd 0.83)':>15} {'ratio':>6} {'Hoeffding fixed-n':>18} {'ratio':>6}")
for nn in [100, 300, 1000, 3000, 10000, 100000, 1000000]:
    cs = 2 * 100 * unit_radius(nn, rho, math.log(1 / ALPHA))
    wald = 100 * z * sd / math.sqrt(nn)
    hoef = 100 * 2 * math.sqrt(math.log(2 / ALPHA) / (2 * nn))
    print(f"{nn:>8} {cs:>14.2f} {wald:>15.2f} {cs / wald:>6.2f} {hoef:>18.2f} {cs / hoef:>6.2f}")
