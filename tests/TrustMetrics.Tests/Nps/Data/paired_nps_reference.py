# Reference numbers for tests/TrustMetrics.Tests/Nps/PairedNpsTests.cs.
# Run: /usr/bin/python3 paired_nps_reference.py > paired_nps_reference.out  (Debian python3 3.11, numpy 1.24.2, scipy 1.10.1)
#
# For each 3x3 transition table (rows = wave-1 detractor/passive/promoter, columns = wave 2):
#  * the paired variance of Delta = NPS2 - NPS1 straight from the multinomial covariance, c' (diag(pi) - pi pi') c / n,
#    with c_ij = s_j - s_i, s = (-1, 0, 1) (matrix algebra, not the library's collapsed form);
#  * the independent-samples SE sqrt((V1 + V2)/n);
#  * the Wald 95% interval and z-test p;
#  * the restricted-ML score interval, found independently of the library's 1-D Lagrange solution: for each Delta0 the
#    restricted MLE over the nine cells is computed by SLSQP (scipy.optimize.minimize, constraint sum pi = 1 and c'pi = Delta0,
#    0 <= pi <= 1), z(Delta0) = (c'pi_hat - Delta0) / sqrt(sum pi_tilde (c - Delta0)^2 / n), and the bounds by brentq on
#    |z| = z_{0.975}; the score-test p at Delta0 = 0.
import numpy as np
from scipy.optimize import minimize, brentq
from scipy.stats import norm

s = np.array([-1.0, 0.0, 1.0])
C = (s[None, :] - s[:, None]).ravel()
Z = norm.ppf(0.975)

def restricted(counts, d0):
    n = counts.sum()
    obs = counts > 0
    def neg(p):
        return -np.sum(counts[obs] * np.log(np.maximum(p[obs], 1e-300)))
    def grad(p):
        g = np.zeros(9)
        g[obs] = -counts[obs] / np.maximum(p[obs], 1e-300)
        return g
    # a feasible start: mix the observed shares with the extreme cell on the needed side
    p0 = counts / n
    m = C @ p0
    if d0 < m:
        e = np.zeros(9); e[6] = 1.0  # promoter -> detractor, c = -2
    else:
        e = np.zeros(9); e[2] = 1.0  # detractor -> promoter, c = +2
    t = (d0 - m) / (C @ e - m)
    start = (1 - t) * p0 + t * e + 1e-9
    start /= start.sum()
    res = minimize(neg, start, jac=grad, method="SLSQP", bounds=[(0, 1)] * 9,
                   constraints=[{"type": "eq", "fun": lambda p: p.sum() - 1, "jac": lambda p: np.ones(9)},
                                {"type": "eq", "fun": lambda p: C @ p - d0, "jac": lambda p: C}],
                   options={"ftol": 1e-16, "maxiter": 2000})
    return np.clip(res.x, 0, None)

def zscore(counts, d0):
    n = counts.sum()
    est = C @ (counts / n)
    if d0 == est:
        return 0.0
    q = restricted(counts, d0)
    var = np.sum(q * (C - d0) ** 2)
    return (est - d0) / np.sqrt(var / n)

def report(name, table):
    counts = np.array(table, dtype=float).ravel()
    n = counts.sum()
    pi = counts / n
    delta = C @ pi
    cov = np.diag(pi) - np.outer(pi, pi)
    var = C @ cov @ C / n
    se = np.sqrt(var)
    t = np.array(table, dtype=float)
    p1, d1 = t[2].sum() / n, t[0].sum() / n
    p2, d2 = t[:, 2].sum() / n, t[:, 0].sum() / n
    ind = np.sqrt(((p1 + d1 - (p1 - d1) ** 2) + (p2 + d2 - (p2 - d2) ** 2)) / n)
    print(f"{name}: table {table}")
    print(f"  n = {n:.0f}, NPS1 = {100 * (p1 - d1):.12g}, NPS2 = {100 * (p2 - d2):.12g}, delta = {100 * delta:.12g} points")
    print(f"  paired SE = {100 * se:.12g}, independent SE = {100 * ind:.12g}")
    if se > 0:
        print(f"  wald 95% = [{100 * max(-2, delta - Z * se):.12g}, {100 * min(2, delta + Z * se):.12g}], wald p = {2 * norm.sf(abs(delta / se)):.12g}")
    lo = -2.0 if delta <= -2 else brentq(lambda d: zscore(counts, d) - Z, -2 + 1e-12, delta, xtol=1e-13)
    hi = 2.0 if delta >= 2 else brentq(lambda d: zscore(counts, d) + Z, delta, 2 - 1e-12, xtol=1e-13)
    z0 = zscore(counts, 0.0)
    print(f"  score 95% = [{100 * lo:.10g}, {100 * hi:.10g}], score z(0) = {z0:.10g}, score p = {2 * norm.sf(abs(z0)):.10g}")

report("T1", [[40, 12, 8], [10, 70, 25], [5, 15, 115]])
report("T2", [[1, 0, 2], [0, 1, 1], [1, 0, 2]])
report("T3 (Tango (1,2,3) embedded)", [[1, 0, 3], [0, 0, 0], [1, 0, 1]])
report("T4 (no change, all promoters)", [[0, 0, 0], [0, 0, 0], [0, 0, 5]])
report("T5 (Tango (0,0,20) embedded)", [[0, 0, 20], [0, 0, 0], [0, 0, 0]])
report("T6 (n = 1, passive -> promoter)", [[0, 0, 0], [0, 0, 1], [0, 0, 0]])
report("Sample company (survey.csv x survey_wave2.csv, paired_nps_sample.R)", [[73, 52, 23], [34, 75, 70], [9, 55, 144]])
