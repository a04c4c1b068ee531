# Reference values for SimultaneousShareIntervals: statsmodels multinomial_proportions_confint
# Run with Debian /usr/bin/python3 (statsmodels 0.13.5+dfsg):  /usr/bin/python3 simultaneous_intervals.py > simultaneous_intervals.txt
import statsmodels
from statsmodels.stats.proportion import multinomial_proportions_confint as mpc
print("statsmodels", statsmodels.__version__)
cases = [
    ("nps", [3, 1, 2, 4, 5, 12, 9, 25, 40, 38, 61]),
    ("nps_zeros", [0, 0, 1, 0, 2, 5, 3, 11, 20, 17, 41]),
    ("csat", [12, 18, 45, 80, 95]),
    ("csat_small", [1, 0, 2, 3, 4]),
    ("ces", [5, 7, 30, 60, 48]),
    ("one_class", [0, 0, 0, 0, 30]),
    ("n1", [0, 0, 1, 0, 0]),
    ("large", [1200, 800, 3100, 5100, 4800]),
]
for name, counts in cases:
    for level in (0.5, 0.9, 0.95, 0.99, 0.999):
        for method in ("goodman", "sison-glaz"):
            try:
                r = mpc(counts, alpha=1 - level, method=method)
                print(name, level, method, " ".join("%.17g,%.17g" % (lo, hi) for lo, hi in r))
            except Exception as e:
                print(name, level, method, "ERROR", type(e).__name__, str(e).replace("\n", " "))
