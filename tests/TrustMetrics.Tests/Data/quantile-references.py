# Exact references for TrustMetrics.Statistics.Distributions (tests/TrustMetrics.Tests/DistributionQuantileTests.cs).
# mpmath 1.3.0 at 40 significant digits. Inputs are the doubles the library receives: every tail probability is formed in
# binary64 exactly as the library forms it (alpha = 1 - level is exact for level >= 0.5 and alpha/2 is exact), then mpmath
# inverts the distribution function at that exact binary value: a bracketing bisection to 1e-8, then Newton steps with the
# exact density until the step is below 1e-38 relative.
# Distribution functions: normal via erfc; t, beta via mpmath quad of the density (after the substitution v = t^a, which
# removes the endpoint singularity; mpmath's betainc does not converge at n = 200,000; betainc below a + b = 5000);
# gamma via gammainc.
# Run (tests/TrustMetrics.Tests/Data): python3 quantile-references.py > quantile-references.txt
from mpmath import mp, mpf, betainc, gammainc, erfc, sqrt, tan, pi, log, inf, exp, loggamma, quad, beta as B
mp.dps = 40

def t_density(s, df):
    return exp(loggamma((df + 1)/2) - loggamma(df/2)) / sqrt(df*pi) * (1 + s*s/df)**(-(df + 1)/2)

def t_upper(t, df):
    return quad(lambda s: t_density(s, df), [t, t + 1, t + 10, inf])

def beta_lower(x, a, b):
    if a + b < 5000:
        return betainc(a, b, 0, x, regularized=True)
    # I_x(a, b) = (1/(a B)) * integral_0^{x^a} (1 - v^{1/a})^{b-1} dv
    top = x**a
    return quad(lambda v: (1 - v**(1/a))**(b - 1), [0, top/4, top/2, top]) / (a * B(a, b))

def beta_upper(x, a, b):
    if a + b < 5000:
        return betainc(a, b, x, 1, regularized=True)
    return beta_lower(1 - x, b, a)

def beta_density(x, a, b):
    return x**(a - 1) * (1 - x)**(b - 1) / B(a, b)

def invert(F, f, p, lo, hi, increasing):
    """x with F(x) = p: bisection (geometric where the bracket spans decades) to 1e-8, then Newton with density f."""
    lo, hi, p = mpf(lo), mpf(hi), mpf(p)
    while hi - lo > mpf('1e-8') * hi:
        mid = sqrt(lo*hi) if lo > 0 and hi/lo > 4 else (lo + hi)/2
        if (F(mid) > p) == increasing: hi = mid
        else: lo = mid
    x = (lo + hi)/2
    for _ in range(30):
        step = (F(x) - p) / (f(x) if increasing else -f(x))
        x -= step
        if abs(step) < mpf('1e-38') * abs(x): break
    return x

def half_alpha(level):
    return mpf((1.0 - level) / 2.0)

def t_quantile(q, df):
    df, q = mpf(df), mpf(q)
    if df == 1: return 1/tan(pi*q)
    return invert(lambda t: t_upper(t, df), lambda t: t_density(t, df), q, mpf('1e-6'), 1e7 if df < 10 else 100, False)

def normal_upper(q):
    return invert(lambda x: erfc(x/sqrt(2))/2, lambda x: exp(-x*x/2)/sqrt(2*pi), mpf(q), mpf('1e-9'), 60, False)

def beta_q(a, b, p, upper):
    a, b = mpf(a), mpf(b)
    F = (lambda x: beta_upper(x, a, b)) if upper else (lambda x: beta_lower(x, a, b))
    return invert(F, lambda x: beta_density(x, a, b), p, mpf('1e-30'), 1 - mpf('1e-30'), not upper)

def gamma_q(shape, p, upper):
    shape = mpf(shape)
    F = (lambda x: gammainc(shape, x, inf, regularized=True)) if upper else (lambda x: gammainc(shape, 0, x, regularized=True))
    f = lambda x: exp((shape - 1)*log(x) - x - loggamma(shape))
    return invert(F, f, mpf(p), mpf('1e-30'), 1e5, not upper)

def show(name, value):
    print(f"{name} = {mp.nstr(value, 30)}", flush=True)

print("# Student t: t_{df, 1-alpha/2} at two-sided confidence levels")
for level in (0.9999, 0.99999, 0.999999):
    for df in (1, 2, 3, 7.5, 30, 1e6):
        show(f"t level={level!r} df={df!r}", t_quantile(half_alpha(level), df))
print("# Standard normal: z with P(Z > z) = q")
for level in (0.5, 0.9, 0.95, 0.99, 0.9999, 0.999999):
    show(f"z level={level!r}", normal_upper(half_alpha(level)))
for q in (1e-10, 1e-20, 1e-50, 1e-100, 1e-300):
    show(f"z upper q={q!r}", normal_upper(mpf(q)))
print("# Clopper-Pearson bounds: lower = B^-1(alpha/2; x, n-x+1), upper = B^-1(1-alpha/2; x+1, n-x) (upper tail alpha/2)")
for (x, n) in ((1, 10), (7, 50), (500, 1000), (3, 200000)):
    ha = half_alpha(0.99999)
    show(f"cp level=0.99999 x={x} n={n} lower", beta_q(x, n - x + 1, ha, False))
    show(f"cp level=0.99999 x={x} n={n} upper", beta_q(x + 1, n - x, ha, True))
print("# Jeffreys bounds: Beta(x+1/2, n-x+1/2) quantiles at alpha/2 (lower tail) and alpha/2 (upper tail)")
for (x, n, level) in ((1, 10, 0.99999), (7, 50, 0.99999), (500, 1000, 0.99999), (0, 200000, 0.95), (0, 200000, 0.99999), (5, 200000, 0.95)):
    ha = half_alpha(level)
    a, b = mpf(x) + mpf(1)/2, mpf(n - x) + mpf(1)/2
    if x > 0: show(f"jeffreys level={level!r} x={x} n={n} lower", beta_q(a, b, ha, False))
    show(f"jeffreys level={level!r} x={x} n={n} upper", beta_q(a, b, ha, True))
print("# Gamma (scale 1) quantiles: P(shape, x) = p (lower) and Q(shape, x) = p (upper)")
for shape in (0.5, 1, 2.5, 10, 1000):
    for p in (1e-6, 0.05, 0.5):
        show(f"gamma shape={shape!r} lower p={p!r}", gamma_q(shape, p, False))
        show(f"gamma shape={shape!r} upper p={p!r}", gamma_q(shape, p, True))
print("# Chi-square quantiles = 2 x gamma(df/2) quantiles: upper tail alpha")
for df in (1, 2, 7.5, 100):
    for alpha in (0.05, 1e-6):
        show(f"chisq df={df!r} upper alpha={alpha!r}", 2 * gamma_q(mpf(df)/2, alpha, True))
