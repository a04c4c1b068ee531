# Reference numbers for tests/TrustMetrics.Tests/Sentiment/CorrectedSentimentTests.cs.
# Run: /usr/bin/python3 corrected_sentiment_reference.py  (numpy 1.24.2, scipy 1.10.1; Debian python3)
# Independent of the C# code path: numpy.linalg.solve for the shares, an explicit Jacobian x block-diagonal parameter
# covariance for the delta method, Greenland's (1996) closed form for the binary variance, scipy SLSQP for the constrained case.
import numpy as np
from scipy.optimize import minimize
np.set_printoptions(precision=17)

def delta(pred, conf):
    pred = np.asarray(pred, float); conf = np.asarray(conf, float)   # conf[t, p]
    k = len(pred); n = pred.sum(); q = pred / n
    nt = conf.sum(axis=1); M = (conf / nt[:, None]).T                # M[p, t]
    pi = np.linalg.solve(M, q)
    A = np.linalg.inv(M)
    # parameters: q (k), then column t of M (k each): theta = [q, M[:,0], ..., M[:,k-1]]
    J = np.zeros((k, k + k * k)); J[:, :k] = A
    for t in range(k):
        for p in range(k):
            e = np.zeros(k); e[p] = 1.0
            J[:, k + t * k + p] = -A @ e * pi[t]
    S = np.zeros((k + k * k, k + k * k))
    S[:k, :k] = (np.diag(q) - np.outer(q, q)) / n
    for t in range(k):
        m = M[:, t]; b = k + t * k
        S[b:b + k, b:b + k] = (np.diag(m) - np.outer(m, m)) / nt[t]
    return q, M, pi, J @ S @ J.T

# A. Binary: production 1000 labels, 380 predicted positive; validation 100 true positives (85 predicted positive),
#    200 true negatives (180 predicted negative). Order [negative, positive].
q, M, pi, cov = delta([620, 380], [[180, 20], [15, 85]])
Se, Sp, qq, n, n1, n0 = 0.85, 0.90, 0.38, 1000, 100, 200
rg = (qq + Sp - 1) / (Se + Sp - 1)
greenland = (qq * (1 - qq) / n + rg**2 * Se * (1 - Se) / n1 + (1 - rg)**2 * Sp * (1 - Sp) / n0) / (Se + Sp - 1)**2
print("A rogan_gladen", repr(rg), "numpy", repr(pi[1]))
print("A greenland_var", repr(greenland), "numpy_delta", repr(cov[1, 1]))

# B. Three classes (negative, neutral, positive): production (412, 388, 1200); validation rows = truth.
conf = [[80, 15, 5], [20, 60, 20], [6, 24, 170]]
q, M, pi, cov = delta([412, 388, 1200], conf)
c = np.array([-100.0, 0.0, 100.0])
print("B shares", repr(pi.tolist()))
print("B share_var", repr(np.diag(cov).tolist()))
print("B net", repr(float(c @ pi)), "net_var", repr(float(c @ cov @ c)))

# C. Constrained: production (700, 260, 40): M^-1 q has a negative positive share; least squares on the simplex.
q, M, pi, cov = delta([700, 260, 40], conf)
print("C unconstrained", repr(pi.tolist()))
res = minimize(lambda x: np.sum((M @ x - q) ** 2), np.ones(3) / 3, method="SLSQP", bounds=[(0, 1)] * 3,
               constraints=[{"type": "eq", "fun": lambda x: x.sum() - 1}], options={"ftol": 1e-16, "maxiter": 1000})
print("C slsqp", repr(res.x.tolist()), res.message)
