"""Independent numpy/scipy/pandas reference for the CLV holdout scorecard (TrustMetrics HoldoutEvaluator).

Data: CDNOW_sample.txt (Fader & Hardie's 1/10 CDNOW cohort, 2,357 customers; copied from lifetimes 0.11.3,
see tests/TrustMetrics.Tests/Data/README.md). Calibration to 1997-09-30, holdout to 1998-06-30, weeks = days / 7,
same-day purchases merged (lifetimes' calibration_and_holdout_data with freq="D", freq_multiplier=7).

Written from the papers' formulas (Fader, Hardie & Lee 2005; Batislam et al. 2007; Fader & Hardie note 009/028), not from
TrustMetrics code: scipy.special.hyp2f1 / gammaln / betaln, scipy.optimize for the fits, scipy.integrate.quad for the
Pareto/NBD P(Y(t) = 0 | history). Run: /usr/bin/python3 holdout_scorecard_reference.py CDNOW_sample.txt > holdout_scorecard_reference.txt
"""
import sys
import numpy as np
import pandas as pd
from scipy import optimize, integrate, special as sp

path = sys.argv[1] if len(sys.argv) > 1 else "CDNOW_sample.txt"
df = pd.read_csv(path, sep=r"\s+", header=None, names=["master", "id", "date", "cds", "value"])
df["date"] = pd.to_datetime(df["date"].astype(str), format="%Y%m%d")
cal_end, obs_end = pd.Timestamp("1997-09-30"), pd.Timestamp("1998-06-30")
d = df[["id", "date"]].drop_duplicates().sort_values(["id", "date"])
first = d.groupby("id")["date"].min()
cal = d[d["date"] <= cal_end]
g = cal.groupby("id")["date"]
ids = first[first <= cal_end].index
x = (g.count() - 1).reindex(ids).values.astype(float)
tx = ((g.max() - first.loc[ids]).dt.days / 7.0).reindex(ids).values
T = ((cal_end - first.loc[ids]).dt.days / 7.0).values
hold = d[(d["date"] > cal_end) & (d["date"] <= obs_end)].groupby("id")["date"].count().reindex(ids).fillna(0).values
tstar = (obs_end - cal_end).days / 7.0
n = len(ids)
print(f"customers {n} calibration repeat {x.sum():.0f} holdout {hold.sum():.0f} tstar {tstar}")

# ---------- likelihoods ----------
def ll_bgnbd(p, mbg=False):
    r, al, a, b = p
    A1 = sp.gammaln(r + x) - sp.gammaln(r) + r * np.log(al)
    if mbg:
        A2 = sp.betaln(a, b + x + 1) - sp.betaln(a, b)
        A3 = -(r + x) * np.log(al + T)
        A4 = np.log(a) - np.log(b + x) - (r + x) * np.log(al + tx)
        return np.sum(A1 + A2 + np.logaddexp(A3, A4))
    A2 = sp.betaln(a, b + x) - sp.betaln(a, b)
    A3 = -(r + x) * np.log(al + T)
    A4 = np.where(x > 0, np.log(a) - np.log(np.maximum(b + x - 1, 1e-300)) - (r + x) * np.log(al + tx), -np.inf)
    return np.sum(A1 + A2 + np.logaddexp(A3, A4))

def ll_pnbd_rows(p):
    r, al, s, be = p
    m, dd = max(al, be), abs(al - be)
    t2 = r + x if al < be else s + 1.0
    aa = r + s + x
    F1 = sp.hyp2f1(aa, t2, aa + 1, dd / (m + tx)) / (m + tx) ** aa
    F2 = sp.hyp2f1(aa, t2, aa + 1, dd / (m + T)) / (m + T) ** aa
    A0 = F1 - F2
    L = np.exp(sp.gammaln(r + x) - sp.gammaln(r) + r * np.log(al) + s * np.log(be)) * (
        (al + T) ** (-(r + x)) * (be + T) ** (-s) + s / aa * A0)
    return np.log(L), A0

def ll_pnbd(p):
    return np.sum(ll_pnbd_rows(p)[0])

def ll_nbd(p):
    r, al = p
    return np.sum(sp.gammaln(r + x) - sp.gammaln(r) + r * np.log(al) - (r + x) * np.log(al + T))

def fit(f, k):
    obj = lambda u: -f(np.exp(u))
    res = optimize.minimize(obj, np.full(k, 0.1), method="Nelder-Mead",
                            options=dict(xatol=1e-10, fatol=1e-12, maxiter=40000, maxfev=80000))
    res = optimize.minimize(obj, res.x, method="BFGS", options=dict(gtol=1e-9))
    res = optimize.minimize(obj, res.x, method="Nelder-Mead", options=dict(xatol=1e-12, fatol=1e-13, maxiter=40000, maxfev=80000))
    return np.exp(res.x), -res.fun

# ---------- predictions ----------
def bg_alive(p, mbg=False):
    r, al, a, b = p
    if mbg:
        return 1.0 / (1.0 + a / (b + x) * ((al + T) / (al + tx)) ** (r + x))
    return np.where(x > 0, 1.0 / (1.0 + a / np.maximum(b + x - 1, 1e-300) * ((al + T) / (al + tx)) ** (r + x)), 1.0)

def bg_cond(p, t, mbg=False):
    r, al, a, b = p
    z = t / (al + T + t)
    if mbg:
        num = (a + b + x) / (a - 1) * (1 - sp.hyp2f1(r + x, b + x + 1, a + b + x, z) * ((al + T) / (al + T + t)) ** (r + x))
    else:
        num = (a + b + x - 1) / (a - 1) * (1 - sp.hyp2f1(r + x, b + x, a + b + x - 1, z) * ((al + T) / (al + T + t)) ** (r + x))
    return num * bg_alive(p, mbg)

def bg_active(p, t, mbg=False):
    r, al, a, b = p
    return bg_alive(p, mbg) * (1 - ((al + T) / (al + T + t)) ** (r + x))

def bg_ex(p, t, mbg=False):
    r, al, a, b = p
    if t <= 0:
        return 0.0
    z = t / (al + t)
    if mbg:
        return b / (a - 1) * (1 - sp.hyp2f1(r, b + 1, a + b, z) * (al / (al + t)) ** r)
    return (a + b - 1) / (a - 1) * (1 - (al / (al + t)) ** r * sp.hyp2f1(r, b, a + b - 1, z))

def pn_alive(p):
    r, al, s, be = p
    lnL, A0 = ll_pnbd_rows(p)
    alive_mass = np.exp(sp.gammaln(r + x) - sp.gammaln(r) + r * np.log(al) + s * np.log(be)) * (al + T) ** (-(r + x)) * (be + T) ** (-s)
    return alive_mass / np.exp(lnL)

def pn_cond(p, t):
    r, al, s, be = p
    return pn_alive(p) * (r + x) * (be + T) / ((al + T) * (s - 1)) * (1 - ((be + T) / (be + T + t)) ** (s - 1))

def pn_active(p, t):
    # P(Y(t) = 0 | history) = (1 - P(alive)) + [A_0 + B_0] / L (note 028 with n = 0):
    # A_0 = Γ(r+x)α^rβ^s/Γ(r) (α+T+t)^-(r+x) (β+T+t)^-s ; B_0 = s Γ(r+x)α^rβ^s/Γ(r) ∫_0^t (α+T+τ)^-(r+x) (β+T+τ)^-(s+1) dτ
    r, al, s, be = p
    lnL, _ = ll_pnbd_rows(p)
    alive = pn_alive(p)
    out = np.empty(n)
    cache = {}
    for i in range(n):
        key = (x[i], T[i], tx[i])
        if key not in cache:
            c = sp.gammaln(r + x[i]) - sp.gammaln(r) + r * np.log(al) + s * np.log(be) - lnL[i]
            A = np.exp(c - (r + x[i]) * np.log(al + T[i] + t) - s * np.log(be + T[i] + t))
            I = integrate.quad(lambda u: (al + T[i] + u) ** (-(r + x[i])) * (be + T[i] + u) ** (-(s + 1)), 0, t, epsabs=0, epsrel=1e-13, limit=200)[0]
            B = np.exp(c) * s * I
            cache[key] = 1.0 - ((1 - alive[i]) + A + B)
        out[i] = cache[key]
    return out

def pn_ex(p, t):
    r, al, s, be = p
    return r * be / (al * (s - 1)) * (1 - (be / (be + t)) ** (s - 1))

# ---------- scores ----------
def lift(score, y):
    active = (y >= 1).astype(float)
    if active.sum() == 0:
        return None
    top = n / 10.0
    order = np.argsort(-score, kind="stable")
    s_sorted, a_sorted = score[order], active[order]
    taken = got = 0.0
    i = 0
    while i < n and taken < top:
        j = i
        while j < n and s_sorted[j] == s_sorted[i]:
            j += 1
        size = j - i
        share = min(1.0, (top - taken) / size)
        taken += share * size
        got += share * a_sorted[i:j].sum()
        i = j
    return got / top / (active.sum() / n)

def accuracy(pred, pact):
    e = pred - hold
    act = (hold >= 1).astype(float)
    return dict(mae=np.mean(np.abs(e)), rmse=np.sqrt(np.mean(e * e)), bias=np.mean(e), brier=np.mean((pact - act) ** 2),
                lift=lift(pact, hold), predicted=pred.sum(), actual=hold.sum())

def bins(pred, k=7):
    b = np.minimum(x, k).astype(int)
    out = []
    for j in range(k + 1):
        m = b == j
        if m.any():
            out.append((j, int(m.sum()), pred[m].mean(), hold[m].mean()))
    return out

birth = ((first.loc[ids] - first.loc[ids].min()).dt.days / 7.0).values
def tracking(ex):
    ub, cnt = np.unique(birth, return_counts=True)
    return [sum(c * ex(tau - b0) for b0, c in zip(ub, cnt) if b0 < tau) for tau in range(1, 79)]

rep = d.merge(first.rename("first"), left_on="id", right_index=True)
rep = rep[(rep["date"] > rep["first"]) & rep["id"].isin(ids)]
day = (rep["date"] - first.loc[ids].min()).dt.days.values
actual_cum = [int((day < 7 * k).sum()) for k in range(1, 79)]

def show(name, acc):
    print(f"{name} " + " ".join(f"{k} {v!r}" for k, v in acc.items()))

nbd_p, nbd_ll = fit(ll_nbd, 2)
print(f"nbd params {nbd_p.tolist()} ll {nbd_ll!r}")
results = {}
for name in ["bgnbd", "mbgnbd", "paretonbd"]:
    if name == "paretonbd":
        p, ll = fit(ll_pnbd, 4)
        pred, pact, ex = pn_cond(p, tstar), pn_active(p, tstar), (lambda t, p=p: pn_ex(p, t))
    else:
        mbg = name == "mbgnbd"
        p, ll = fit(lambda q: ll_bgnbd(q, mbg), 4)
        pred, pact, ex = bg_cond(p, tstar, mbg), bg_active(p, tstar, mbg), (lambda t, p=p, mbg=mbg: bg_ex(p, t, mbg))
    print(f"{name} params {p.tolist()} ll {ll!r} aic {8 - 2 * ll!r} bic {4 * np.log(n) - 2 * ll!r}")
    G = 2 * (ll - nbd_ll)
    print(f"{name} lr G {G!r} p {np.exp(-G / 2)!r}")
    show(name, accuracy(pred, pact))
    for row in bins(pred):
        print(f"{name} bin {row[0]} n {row[1]} predicted {row[2]!r} actual {row[3]!r}")
    tr = tracking(ex)
    mape = np.mean([abs(tr[k - 1] - actual_cum[k - 1]) / actual_cum[k - 1] for k in range(40, 79)])
    print(f"{name} trackingMape {mape!r}")
    for k in [1, 20, 21, 22, 23, 24, 25, 39, 40, 78]:
        print(f"{name} tracking {k} expected {tr[k - 1]!r} actual {actual_cum[k - 1]}")

own = np.where(T > 0, x / np.where(T > 0, T, 1) * tstar, 0.0)
show("own-rate", accuracy(own, -np.expm1(-own)))
for row in bins(own):
    print(f"own-rate bin {row[0]} n {row[1]} predicted {row[2]!r} actual {row[3]!r}")
rate = x.sum() / T.sum()
pop = np.full(n, rate * tstar)
print(f"population-rate rate {rate!r}")
show("population-rate", accuracy(pop, -np.expm1(-pop)))
