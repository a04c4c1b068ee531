# Reference values for the BG/NBD / MBG/NBD expectations at a boundary fit (a ~ 7.7e8, b ~ 1e-8), where
# a + b + x - 1 - (a - 1) loses every digit of b (issue 14 defect: Hypergeometric.ScaledTail threw ArithmeticException).
# Independent computation: mpmath (50 digits) straight from FHL 2005 eq. 10 / the MBG/NBD formulas (ltv-churn.md sections 3-4).
# Run: /usr/bin/python3 boundary_expectation_reference.py > boundary_expectation_reference.txt
from mpmath import mp, mpf, hyp2f1
mp.dps = 50
def bg_cond(r, al, a, b, t, x, tx, T):
    r, al, a, b, t, tx, T = map(mpf, (r, al, a, b, t, tx, T))
    z = t / (al + T + t)
    num = (a + b + x - 1) / (a - 1) * (1 - ((al + T) / (al + T + t)) ** (r + x) * hyp2f1(r + x, b + x, a + b + x - 1, z))
    den = 1 + (a / (b + x - 1) * ((al + T) / (al + tx)) ** (r + x) if x > 0 else 0)
    return num / den
def mbg_cond(r, al, a, b, t, x, tx, T):
    r, al, a, b, t, tx, T = map(mpf, (r, al, a, b, t, tx, T))
    z = t / (al + T + t)
    num = (a + b + x) / (a - 1) * (1 - hyp2f1(r + x, b + x + 1, a + b + x, z) * ((al + T) / (al + T + t)) ** (r + x))
    return num / (1 + a / (b + x) * ((al + T) / (al + tx)) ** (r + x))
def mbg_new(r, al, a, b, t):
    r, al, a, b, t = map(mpf, (r, al, a, b, t))
    return b / (a - 1) * (1 - hyp2f1(r, b + 1, a + b, t / (al + t)) * (al / (al + t)) ** r)
P = (1.38, 125.5, 7.7e8, 1e-8)
for (x, tx, T) in [(0, 0, 150), (1, 30, 150), (2, 140, 150)]:
    print("bgnbd", P, "t=184", (x, tx, T), mp.nstr(bg_cond(*P, 184, x, tx, T), 17))
for (x, tx, T) in [(0, 0, 150), (1, 30, 150), (2, 140, 150)]:
    print("mbgnbd", P, "t=184", (x, tx, T), mp.nstr(mbg_cond(*P, 184, x, tx, T), 17))
print("mbgnbd new t=184", mp.nstr(mbg_new(*P, 184), 17))
# The other boundary: a ~ 1e-17, b ~ 6e17, where epsilon + 1 = (a - 1) + 1 is exactly 0 (found by BoundaryFitTests' random panels).
Q = (1.2, 40.0, 1e-17, 6e17)
for (x, tx, T) in [(0, 0, 100), (3, 80, 100)]:
    print("bgnbd", Q, "t=50", (x, tx, T), mp.nstr(bg_cond(*Q, 50, x, tx, T), 17))
    print("mbgnbd", Q, "t=50", (x, tx, T), mp.nstr(mbg_cond(*Q, 50, x, tx, T), 17))
