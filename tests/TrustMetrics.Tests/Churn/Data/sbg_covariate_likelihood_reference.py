"""Independent reference for the sBG log-likelihood with covariates (ShiftedBetaGeometricCovariateLikelihoodTests).

Fader & Hardie (2007), "How to project customer retention", eqs. (2)-(3) in beta-function form, evaluated with mpmath at
50 digits (no product form, no log-gamma ratios): P(T = t) = B(a + 1, b + t - 1) / B(a, b) for a customer who churned in
period t, S(t) = B(a, b + t) / B(a, b) for one still active after t periods. Covariate links as pymc-marketing's
ShiftedBetaGeoModel: a_i = alpha * exp(-g_a . z_i), b_i = beta * exp(-g_b . z_i).
Run: /usr/bin/python3 sbg_covariate_likelihood_reference.py > sbg_covariate_likelihood_reference.txt
"""
import mpmath as mp

mp.mp.dps = 50

# 40 customers: (t, churned, z1, z2), deterministic.
rows = []
for i in range(40):
    t = 1 + (7 * i + 3) % 11
    churned = (i % 3) != 0
    if not churned:
        t = t - 1  # active after t >= 0 periods
    z1 = 1.0 if i % 4 in (1, 2) else 0.0
    z2 = ((i * 5) % 17 - 8) / 8.0
    rows.append((t, churned, z1, z2))


def ll(alpha, beta, ga, gb):
    total = mp.mpf(0)
    for (t, churned, z1, z2) in rows:
        a = mp.mpf(alpha) * mp.exp(-(mp.mpf(ga[0]) * z1 + mp.mpf(ga[1]) * z2))
        b = mp.mpf(beta) * mp.exp(-(mp.mpf(gb[0]) * z1 + mp.mpf(gb[1]) * z2))
        if churned:
            total += mp.log(mp.beta(a + 1, b + t - 1)) - mp.log(mp.beta(a, b))
        else:
            total += mp.log(mp.beta(a, b + t)) - mp.log(mp.beta(a, b))
    return total


print("mpmath", mp.__version__)
print("rows (t, churned, z1, z2):")
for r in rows:
    print("(%d, %s, %s, %s)," % (r[0], "true" if r[1] else "false", repr(r[2]), repr(r[3])))
cases = [
    (0.7, 3.8, (0.4, -0.3), (-0.5, 0.2)),
    (0.7, 3.8, (0.0, 0.0), (0.0, 0.0)),
    (2.5, 0.4, (1.1, 0.6), (-0.8, -0.25)),
    (25.0, 140.0, (-0.3, 0.9), (0.45, -1.2)),
]
for (alpha, beta, ga, gb) in cases:
    print("alpha=%r beta=%r ga=%r gb=%r LL=%s" % (alpha, beta, ga, gb, mp.nstr(ll(alpha, beta, ga, gb), 25)))
