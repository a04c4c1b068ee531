#!/usr/bin/env python3
"""Independent reference for the BG/NBD and Pareto/NBD log-likelihoods with time-invariant covariates (issue 14 item 3).

Written from the papers, not from TrustMetrics' code, in mpmath at 50 digits:
  * BG/NBD: Fader, Hardie & Lee (2005), "Counting your customers the easy way", eq. (6):
      L = B(a, b+x)/B(a, b) * Gamma(r+x) alpha^r / (Gamma(r) (alpha+T)^(r+x))
          + [x > 0] B(a+1, b+x-1)/B(a, b) * Gamma(r+x) alpha^r / (Gamma(r) (alpha+t_x)^(r+x))
  * Pareto/NBD: Fader & Hardie (2005), note 009 "A note on deriving the Pareto/NBD model", eq. (ii) before the 2F1 step:
      L = Gamma(r+x) alpha^r beta^s / Gamma(r) * [ 1/((alpha+T)^(r+x) (beta+T)^s)
          + s * Integral_{t_x}^{T} (alpha+tau)^-(r+x) (beta+tau)^-(s+1) dtau ]
    the integral by mpmath.quad (no hypergeometric function at all).
  * Covariates in CLVTools' parameterisation (bgnbd_staticcov_LL_ind, pnbd_staticcov_LL_ind):
      BG/NBD   alpha_i = alpha exp(-g1.z), a_i = a exp(g2.z), b_i = b exp(g2.z)
      Pareto   alpha_i = alpha exp(-g1.z), beta_i = beta exp(-g2.z)
The data are generated deterministically below and printed as C# literals; the test
(tests/TrustMetrics.Tests/Clv/Covariates/CovariateLikelihoodTests.cs) holds the same literals.
Run: /usr/bin/python3 covariate_likelihood_reference.py > covariate_likelihood_reference.txt
"""
import mpmath as mp

mp.mp.dps = 50

# 40 customers: x, t_x, T, z1 (0/1 channel), z2 (continuous, centred-ish)
rows = []
for i in range(40):
    T = 20 + (i * 7) % 19 + 0.25 * (i % 4)          # 20 .. 39.75
    x = (i * 5) % 11 if i % 6 else 0                  # 0 .. 10, with zeros
    if x == 0:
        tx = 0.0
    elif i % 9 == 0:
        tx = T                                        # last purchase at T (Pareto's t_x = T branch)
    else:
        tx = round(T * ((i * 37) % 100) / 100.0, 2)
        tx = max(tx, 0.5)
    z1 = float(i % 3 == 0)
    z2 = round(((i * 13) % 17) / 8.0 - 1.0, 3)
    rows.append((x, tx, T, z1, z2))

def bg_row(r, alpha, a, b, x, tx, T):
    r, alpha, a, b = map(mp.mpf, (r, alpha, a, b))
    lead = mp.gamma(r + x) * alpha**r / mp.gamma(r)
    l = mp.beta(a, b + x) / mp.beta(a, b) * lead / (alpha + T)**(r + x)
    if x > 0:
        l += mp.beta(a + 1, b + x - 1) / mp.beta(a, b) * lead / (alpha + tx)**(r + x)
    return mp.log(l)

def pnbd_row(r, alpha, s, beta, x, tx, T):
    r, alpha, s, beta = map(mp.mpf, (r, alpha, s, beta))
    lead = mp.gamma(r + x) * alpha**r * beta**s / mp.gamma(r)
    alive = 1 / ((alpha + T)**(r + x) * (beta + T)**s)
    dead = s * mp.quad(lambda t: (alpha + t)**(-(r + x)) * (beta + t)**(-(s + 1)), [tx, T]) if tx < T else 0
    return mp.log(lead * (alive + dead))

def total(kind, base, g1, g2):
    out = mp.mpf(0)
    for (x, tx, T, z1, z2) in rows:
        zt = g1[0] * z1 + g1[1] * z2
        zl = g2[0] * z1 + g2[1] * z2
        if kind == "bgnbd":
            r, alpha, a, b = base
            out += bg_row(r, mp.mpf(alpha) * mp.exp(-zt), mp.mpf(a) * mp.exp(zl), mp.mpf(b) * mp.exp(zl), x, mp.mpf(tx), mp.mpf(T))
        else:
            r, alpha, s, beta = base
            out += pnbd_row(r, mp.mpf(alpha) * mp.exp(-zt), s, mp.mpf(beta) * mp.exp(-zl), x, mp.mpf(tx), mp.mpf(T))
    return out

cases = [
    ("bgnbd", (0.8, 3.5, 0.6, 2.4), (0.4, -0.3), (-0.5, 0.2)),
    ("bgnbd", (0.25, 4.4, 0.79, 2.43), (0.0, 0.0), (0.0, 0.0)),
    ("paretonbd", (0.55, 10.5, 0.6, 12.0), (0.3, -0.2), (0.5, 0.25)),
    ("paretonbd", (0.55, 2.0, 0.6, 400.0), (0.3, -0.2), (0.5, 0.25)),   # beta >> alpha: TrustMetrics' quadrature branch
]

print("// rows (x, t_x, T, z1, z2)")
for (x, tx, T, z1, z2) in rows:
    print(f"({x}, {tx!r}, {T!r}, {z1!r}, {z2!r}),")
for kind, base, g1, g2 in cases:
    print(kind, base, g1, g2, mp.nstr(total(kind, base, g1, g2), 25))
