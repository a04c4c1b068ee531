# Independent reference for NpsTopicImpact: delta-method variance of
# impact = NPS(all) - NPS(all without topic) on the 6-cell multinomial (topic x {detractor, passive, promoter}),
# gradient by sympy (symbolic differentiation of the plain definition, not of the closed form), evaluated exactly (rationals).
# Run: /usr/bin/python3 topic_impact_delta.py   (sympy 1.11.1, numpy 1.24.2)
import sympy as sp
import numpy as np

c = sp.symbols('tD tQ tP rD rQ rP', positive=True)   # cell probabilities, sum to 1
tD, tQ, tP, rD, rQ, rP = c
nps_all = (tP + rP) - (tD + rD)
nps_rest = (rP - rD) / (rD + rQ + rP)
g = nps_all - nps_rest
grad = [sp.diff(g, x) for x in c]

def reference(t, a):
    # t = (d, q, p) with the topic; a = (d, q, p) of all respondents
    cells = [t[0], t[1], t[2], a[0] - t[0], a[1] - t[1], a[2] - t[2]]
    n = sum(cells)
    probs = {x: sp.Rational(k, n) for x, k in zip(c, cells)}
    gv = [sp.nsimplify(d.subs(probs)) for d in grad]
    p = [probs[x] for x in c]
    Sigma = sp.Matrix(6, 6, lambda i, j: (p[i] * (1 if i == j else 0) - p[i] * p[j]) / n)
    G = sp.Matrix(gv)
    var = sp.simplify((G.T * Sigma * G)[0, 0])
    imp = g.subs(probs)
    se = sp.sqrt(var)
    z = sp.Rational(1) * imp / se
    zf = float(sp.N(z, 30))
    from math import erfc, sqrt
    pval = erfc(abs(zf) / sqrt(2))
    # numpy cross-check of the same quadratic form in floating point
    pn = np.array([float(x) for x in p]); gn = np.array([float(x) for x in gv])
    vn = (pn @ (gn * gn) - (pn @ gn) ** 2) / n
    print(f"topic={t} all={a}: impact_points={sp.N(100*imp, 20)} se_points={sp.N(100*se, 20)} p={pval:.17g} numpy_se_points={100*np.sqrt(vn):.17g}")

reference((7, 5, 8), (30, 25, 45))
reference((40, 10, 5), (60, 70, 70))
reference((1, 0, 2), (2, 1, 4))
reference((0, 3, 9), (10, 20, 30))
