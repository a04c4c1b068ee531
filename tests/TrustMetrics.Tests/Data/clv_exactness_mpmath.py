"""Exact references for tests/TrustMetrics.Tests/Clv/ClvExactnessTests.cs (issue 12 item 3, CLV numerics).

mpmath at 50 significant digits, straight from the model definitions (ltv-churn.md §3-§7), independent of the C# code:
  * per-customer log-likelihoods at extreme parameters (a, b, alpha, q, gamma, ... near 1e6), products of gamma functions
    evaluated with mp.loggamma in 50-digit arithmetic, the Pareto/NBD dropout integral by mp.quad (not the 2F1 form);
  * BG/NBD and MBG/NBD predictions at boundary parameters (a, b in 1e4..1e6) in the papers' own 2F1 form, the Gauss series
    summed term by term in 50-digit arithmetic (gauss() below). mp.hyp2f1 itself is NOT usable there: it returns
    5.85e+2724 for 2F1(0.243, 46000; 60999; 39/43.414), whose series has positive terms shrinking by about 0.68 each and sums
    to about 1.4; each series value is cross-checked against the Beta-integral form by mp.quad (printed as "check").
  * trigamma (mp.psi(1, x)) and log-gamma differences loggamma(x + d) - loggamma(x).
Run (in tests/TrustMetrics.Tests/Data): python3 clv_exactness_mpmath.py > clv_exactness_mpmath.txt   (mpmath 1.3.0)
"""
from mpmath import mp, mpf, loggamma, log, exp, quad, nstr, psi

mp.dps = 50


def lbeta(a, b):
    return loggamma(a) + loggamma(b) - loggamma(a + b)


def bgnbd_ll(r, alpha, a, b, x, tx, T, shift):
    r, alpha, a, b, tx, T = map(mpf, (r, alpha, a, b, tx, T))
    common = loggamma(r + x) - loggamma(r) + r * log(alpha) + lbeta(a, b + x + shift) - lbeta(a, b)
    L = (alpha + T) ** (-(r + x))
    if x > 0 or shift == 1:
        L += a / (b + x + shift - 1) * (alpha + tx) ** (-(r + x))
    return common + log(L)


def gg_ll(p, q, g, x, m):
    p, q, g, m = map(mpf, (p, q, g, m))
    px = p * x
    return (loggamma(px + q) - loggamma(px) - loggamma(q) + q * log(g) + (px - 1) * log(m) + px * log(x)
            - (px + q) * log(x * m + g))


def bgbb_ll(al, be, ga, de, x, tx, n):
    al, be, ga, de = map(mpf, (al, be, ga, de))
    total = exp(lbeta(al + x, be + n - x) - lbeta(al, be) + lbeta(ga, de + n) - lbeta(ga, de))
    for i in range(n - tx):
        total += exp(lbeta(al + x, be + tx - x + i) - lbeta(al, be) + lbeta(ga + 1, de + tx + i) - lbeta(ga, de))
    return log(total)


def pnbd_ll(r, alpha, s, beta, x, tx, T):
    r, alpha, s, beta, tx, T = map(mpf, (r, alpha, s, beta, tx, T))
    # L = Γ(r+x) α^r β^s / Γ(r) [ (α+T)^{-(r+x)} (β+T)^{-s} + s ∫_{tx}^{T} (α+τ)^{-(r+x)} (β+τ)^{-(s+1)} dτ ]
    lead = loggamma(r + x) - loggamma(r)
    alive = exp(r * log(alpha / (alpha + T)) - x * log(alpha + T) + s * log(beta / (beta + T)))
    dead = mpf(0)
    if tx < T:
        f = lambda tau: exp(r * log(alpha / (alpha + tau)) - x * log(alpha + tau) + s * log(beta / (beta + tau)) - log(beta + tau))
        dead = s * quad(f, [tx, (tx + T) / 2, T])
    return lead + log(alive + dead)


def gauss(a, b, c, z):
    a, b, c, z = map(mpf, (a, b, c, z))
    total, term, n = mpf(1), mpf(1), 0
    while True:
        term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z
        total += term
        n += 1
        if abs(term) < mpf(10) ** -70 * abs(total) and (a + n) * (b + n) / ((c + n) * (n + 1)) * z < 1:
            return total
        if n > 5 * 10 ** 6:
            raise RuntimeError("no convergence")


def beta_integral(a, beta_, k, u):
    # E[(1 - (1 + p u)^-k) / p], p ~ Beta(a, beta_) (the integral form of the same expectation), by mp.quad at 30 digits.
    with mp.workdps(30):
        a, beta_, k, u = map(mpf, (a, beta_, k, u))
        lb = loggamma(a) + loggamma(beta_) - loggamma(a + beta_)
        w = lambda p: exp((a - 1) * log(p) + (beta_ - 1) * log(1 - p) - lb)
        m = a / (a + beta_)
        sd = (a * beta_ / ((a + beta_) ** 2 * (a + beta_ + 1))) ** 0.5
        pts = [max(mpf(10) ** -30, m - 40 * sd), m - 10 * sd, m - 3 * sd, m, m + 3 * sd, m + 10 * sd, min(1 - mpf(10) ** -30, m + 40 * sd)]
        pts = sorted(set(min(max(p, pts[0]), pts[-1]) for p in pts))
        return quad(lambda p: (1 - (1 + p * u) ** (-k)) / p * w(p), pts) / quad(w, pts)


def bg_conditional(r, alpha, a, b, t, x, tx, T, shift):
    r, alpha, a, b, t, tx, T = map(mpf, (r, alpha, a, b, t, tx, T))
    z = t / (alpha + T + t)
    if shift == 0:
        num = (a + b + x - 1) / (a - 1) * (1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * gauss(r + x, b + x, a + b + x - 1, z))
        den = 1 + (a / (b + x - 1) * ((alpha + T) / (alpha + tx)) ** (r + x) if x > 0 else 0)
        check = beta_integral(a, b + x, r + x, t / (alpha + T))
        assert abs(num / check - 1) < mpf(10) ** -20, (num, check)
    else:
        num = (a + b + x) / (a - 1) * (1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * gauss(r + x, b + x + 1, a + b + x, z))
        den = 1 + a / (b + x) * ((alpha + T) / (alpha + tx)) ** (r + x)
    return num / den


def bg_unconditional(r, alpha, a, b, t, shift):
    r, alpha, a, b, t = map(mpf, (r, alpha, a, b, t))
    z = t / (alpha + t)
    if shift == 0:
        value = (a + b - 1) / (a - 1) * (1 - (alpha / (alpha + t)) ** r * gauss(r, b, a + b - 1, z))
        check = beta_integral(a, b, r, t / alpha)
        assert abs(value / check - 1) < mpf(10) ** -20, (value, check)
        return value
    return b / (a - 1) * (1 - gauss(r, b + 1, a + b, z) * (alpha / (alpha + t)) ** r)


def out(tag, *args):
    value = args[-1]
    print(tag, *[repr(v) if not isinstance(v, str) else v for v in args[:-1]], nstr(value, 25))


BG_SETS = [(0.243, 4.414, 8e5, 2.4e6), (2.5e5, 1e6, 0.8, 2.4), (0.5, 3e6, 1.2e6, 7e5)]
BG_ROWS = [(0, 0, 38.86), (2, 30.43, 38.86), (26, 30.86, 31), (200, 38, 40)]
for shift, name in ((0, "bgnbd"), (1, "mbgnbd")):
    for p in BG_SETS:
        for row in BG_ROWS:
            out(name + "_ll", *p, *row, bgnbd_ll(*p, *row, shift))

for p in [(6.25, 1e6, 4e6), (1e6, 3.7, 15.4)]:
    for row in [(1, 30.5), (5, 12.25), (40, 100)]:
        out("gg_ll", *p, *row, gg_ll(*p, *row))

for p in [(1.2e6, 7.5e5, 0.66, 2.78), (1.2, 0.75, 6.6e5, 2.8e6)]:
    for row in [(0, 0, 6), (2, 4, 6), (6, 6, 6), (3, 5, 10)]:
        out("bgbb_ll", *p, *row, bgbb_ll(*p, *row))

for p in [(0.55, 1e6, 0.6, 11.7), (0.55, 10.6, 6e5, 7e6), (3e5, 1e6, 0.6, 11.7)]:
    for row in [(0, 0, 39), (2, 30.43, 38.86), (26, 30.86, 31)]:
        out("pnbd_ll", *p, *row, pnbd_ll(*p, *row))

BOUNDARY = [(0.243, 4.414, 1.5e4, 4.6e4), (0.243, 4.414, 8e5, 2.4e6), (0.8, 20.0, 3e5, 9e5)]
for shift, name in ((0, "bgnbd"), (1, "mbgnbd")):
    for p in BOUNDARY:
        for (t, x, tx, T) in [(39, 2, 30.43, 38.86), (52, 26, 30.86, 31), (520, 0, 0, 38.86), (1000, 5, 20, 39)]:
            out(name + "_cond", *p, t, x, tx, T, bg_conditional(*p, t, x, tx, T, shift))
        for t in (1, 39, 520):
            out(name + "_uncond", *p, t, bg_unconditional(*p, t, shift))

for v in (1e-3, 0.243, 1, 7.5, 10, 123.4, 1e6):
    out("trigamma", v, psi(1, mpf(v)))
for (v, d) in [(0.243, 26), (2.4e6, 27), (3e5, 1), (1e6, 0.5), (12.5, 1e6), (8e5, 3.5e6)]:
    out("lgr", v, d, loggamma(mpf(v) + mpf(d)) - loggamma(mpf(v)))
