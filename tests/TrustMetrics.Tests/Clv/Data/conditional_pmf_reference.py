# Independent reference for P(Y(t) = n | x, t_x, T) of BG/NBD and MBG/NBD (issue 14 item 2).
# Written from Fader, Hardie & Lee, "Deriving the conditional PMF of the BG/NBD model": integrate the joint posterior of
# (lambda, p, alive-or-dead at T) term by term, in mpmath at 40 digits, WITHOUT the factorisation pi * f(n; r+x, alpha+T, a, b')
# the C# code uses:
#   P(Y=n|.) = { d_{n0} D + B(a, b'+n)/B(a,b) G(n) + d_{n>0} B(a+1, b'+n-1)/B(a,b) [A(T) - sum_{j<n} G(j)] } / L
#   A(s) = Gamma(r+x) alpha^r / (Gamma(r) (alpha+s)^{r+x}),  G(j) = Gamma(r+x+j) alpha^r t^j / (Gamma(r) j! (alpha+T+t)^{r+x+j})
#   BG/NBD:  b' = b + x,     D = d_{x>0} B(a+1, b+x-1)/B(a,b) A(t_x)    (died between t_x and T)
#   MBG/NBD: b' = b + x + 1, D = B(a+1, b+x)/B(a,b) A(t_x)              (coin flip also at time 0)
#   L = B(a, b')/B(a,b) A(T) + D  (the likelihood, FHL eq. 6 / ltv-churn.md section 4)
# Run: /usr/bin/python3 conditional_pmf_reference.py > conditional_pmf_reference.txt
from mpmath import mp, mpf, beta, gamma, loggamma, exp, log, nstr, fsum
mp.dps = 40

def pmf(model, r, al, a, b, t, n, x, tx, T):
    r, al, a, b, t, tx, T = map(mpf, (r, al, a, b, t, tx, T))
    B0 = beta(a, b)
    def A(s): return exp(loggamma(r + x) - loggamma(r) + r * log(al) - (r + x) * log(al + s))
    def G(j): return exp(loggamma(r + x + j) - loggamma(r) - loggamma(j + 1) + r * log(al) + j * log(t) - (r + x + j) * log(al + T + t))
    if model == "bgnbd":
        bp = b + x
        D = beta(a + 1, b + x - 1) / B0 * A(tx) if x > 0 else mpf(0)
    else:
        bp = b + x + 1
        D = beta(a + 1, b + x) / B0 * A(tx)
    L = beta(a, bp) / B0 * A(T) + D
    p = beta(a, bp + n) / B0 * G(n)
    if n == 0:
        p += D
    else:
        p += beta(a + 1, bp + n - 1) / B0 * (A(T) - fsum(G(j) for j in range(n)))
    return p / L

P = (0.243, 4.414, 0.793, 2.426)     # FHL 2005 CDNOW estimates (weeks)
cases = [((0, 0.0, 38.86), 39, [0, 1, 2, 5, 10]),
         ((2, 30.43, 38.86), 39, [0, 1, 2, 3, 5, 10, 20]),
         ((26, 30.86, 31.0), 39, [0, 1, 5, 10, 19, 30, 60]),
         ((1, 1.0, 38.0), 10, [0, 1, 3]),
         ((200, 38.0, 40.0), 5, [0, 10, 20, 25, 40])]
for model in ("bgnbd", "mbgnbd"):
    for (x, tx, T), t, ns in cases:
        for n in ns:
            print(model, x, tx, T, t, n, nstr(pmf(model, *P, t, n, x, tx, T), 20))
