#!/usr/bin/env python3
"""Deterministic counting-process Cox data for the speed case: N customers, exactly 3 (start, stop] rows each (two day-valued
cut points inside the follow-up), 5 covariates of which two change between a customer's rows (time-varying: a drifting
score, a plan switch), day-valued times (ties), ~25 % censored. For timing only: the event time is drawn from the first
row's covariates, so the model is not the data-generating process.
  gen_cox_tv.py N OUT.csv        (columns: id,start,stop,event,x1..x5)"""
import sys, numpy as np
n, out = int(sys.argv[1]), sys.argv[2]
rng = np.random.default_rng(20261206)
k = 5
beta = np.array([0.5, -0.3, 0.2, 0.4, -0.2])
X = rng.normal(size=(n, k)); X[:, 0] = (X[:, 0] > 0).astype(float); X[:, 4] = (X[:, 4] > 0.5).astype(float)
t = (rng.exponential(size=n) / (0.002 * np.exp(X @ beta))) ** (1 / 1.3)
c = rng.exponential(scale=np.quantile(t, 0.8) * 2.6, size=n)
T = np.maximum(3, np.ceil(np.minimum(t, c))); event = (t <= c).astype(int)
u = np.sort(rng.uniform(size=(n, 2)), axis=1)
c1 = np.clip(np.floor(u[:, 0] * T), 1, T - 2); c2 = np.clip(np.floor(u[:, 1] * T), c1 + 1, T - 1)
starts = np.column_stack([np.zeros(n), c1, c2]); stops = np.column_stack([c1, c2, T])
ids = np.repeat(np.arange(1, n + 1), 3)
data = np.empty((3 * n, 4 + k))
data[:, 0] = ids; data[:, 1] = starts.ravel(); data[:, 2] = stops.ravel()
ev = np.zeros((n, 3)); ev[:, 2] = event; data[:, 3] = ev.ravel()
Xs = np.repeat(X, 3, axis=0)
Xs[:, 3] += np.tile([0.0, 0.5, 1.0], n)                                  # drifting score
Xs[:, 4] = np.where(np.tile([False, True, True], n), rng.uniform(size=3 * n) < 0.4, Xs[:, 4])   # plan switches
data[:, 4:] = Xs
with open(out, "w") as f:
    f.write("id,start,stop,event," + ",".join(f"x{i+1}" for i in range(k)) + "\n")
    np.savetxt(f, data, delimiter=",", fmt=["%d", "%d", "%d", "%d"] + ["%.6f"] * k)
print(n, "customers", len(data), "rows", "events", int(event.sum()), "censored share", round(1 - event.mean(), 4),
      "distinct stop times", len(np.unique(stops)))
