namespace TrustMetrics.Statistics;

/// <summary>
/// Distribution functions and quantiles of the normal, Student t, χ², beta and gamma distributions, accurate to about 1e-14
/// relative (1e-12 promised and tested against mpmath at 30 digits: tests/TrustMetrics.Tests/Data/quantile-references.py) for
/// any probability in (0, 1) and any parameters ≥ ½, and never throwing a MathNet exception.
/// </summary>
/// <remarks>
/// <para>Every tail is computed directly (never as 1 − the other tail when that loses digits), and every quantile takes the
/// tail probability it inverts, so a two-sided 99.9999 % interval passes α/2 = 5e-7 exactly instead of 0.9999995.</para>
/// <para>The beta and gamma distribution functions use Loader's (2000) saddle-point form of the density factor
/// x^a(1−x)^b/B(a, b) = √(ab/(2πn))·exp(δ(n) − δ(a) − δ(b) − bd0(a, nx) − bd0(b, n(1−x))) (δ = Stirling error, n = a + b),
/// so no large log-gamma values cancel, then the continued fraction of Numerical Recipes §6.4 (modified Lentz) on the side where
/// it converges; the gamma function likewise with e^{−x}x^a/Γ(a+1) = exp(−δ(a) − bd0(a, x))/√(2πa), the series for P and the
/// continued fraction for Q. Quantiles: a starting value (closed form, Wichura's AS 241 for the normal, MathNet's inversion
/// otherwise) polished by safeguarded Newton steps on the logarithm of the smaller tail, bracketed so they cannot diverge.
/// The t with 1 degree of freedom (Cauchy) and 2 degrees of freedom have closed forms.</para>
/// </remarks>
internal static class Distributions
{
    private const double TwoPi = 2.0 * Math.PI;

    // ---------------------------------------------------------------- normal

    /// <summary>Φ(x), the standard normal distribution function, as ½·erfc(−x/√2).</summary>
    public static double NormalCdf(double x) => 0.5 * MathNet.Numerics.SpecialFunctions.Erfc(-x / Math.Sqrt(2.0));

    /// <summary>Φ⁻¹(p) for p in (0, 1): Wichura's AS 241 (PPND16, about 1e-16 relative) polished by one Newton step on erfc.</summary>
    public static double NormalQuantile(double p)
    {
        if (!(p > 0 && p < 1))
        {
            return p == 0 ? double.NegativeInfinity : p == 1 ? double.PositiveInfinity : double.NaN;
        }

        return p <= 0.5 ? -NormalUpperQuantile(p) : NormalUpperQuantile(1.0 - p);
    }

    /// <summary>The x with P(Z &gt; x) = <paramref name="q"/> (q in (0, 1)): the upper-tail quantile, exact for tiny q.</summary>
    public static double NormalUpperQuantile(double q)
    {
        if (!(q > 0 && q < 1))
        {
            return q == 0 ? double.PositiveInfinity : q == 1 ? double.NegativeInfinity : double.NaN;
        }

        if (q > 0.5)
        {
            return -NormalUpperQuantile(1.0 - q);
        }

        double x = -Ppnd16(q);
        if (x > 0 && x < 38)
        {
            // Newton on ln Q(x) − ln q with Q(x) = ½·erfc(x/√2): dx = (ln Q − ln q)·Q/φ.
            double tail = 0.5 * MathNet.Numerics.SpecialFunctions.Erfc(x / Math.Sqrt(2.0));
            double density = Math.Exp(-0.5 * x * x) / Math.Sqrt(TwoPi);
            if (tail > 0 && density > 0)
            {
                double step = Math.Log(tail / q) * tail / density;
                if (Math.Abs(step) < 1e-6 * Math.Max(1.0, x))
                {
                    x += step;
                }
            }
        }

        return x;
    }

    /// <summary>AS 241 (Wichura 1988), PPND16: Φ⁻¹(p) for p ≤ ½ here, about 16 digits.</summary>
    private static double Ppnd16(double p)
    {
        double q = p - 0.5;
        if (Math.Abs(q) <= 0.425)
        {
            double r = 0.180625 - q * q;
            return q * (((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) * r
                    + 45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r + 133.14166789178437745) * r
                    + 3.387132872796366608)
                / (((((((5226.495278852545925 * r + 28729.085735721942674) * r + 39307.89580009271061) * r
                    + 21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r + 42.313330701600911252) * r
                    + 1.0);
        }

        double rr = Math.Sqrt(-Math.Log(q < 0 ? p : 1.0 - p));
        double value;
        if (rr <= 5.0)
        {
            rr -= 1.6;
            value = (((((((7.7454501427834140764e-4 * rr + 0.0227238449892691845833) * rr + 0.24178072517745061177) * rr
                    + 1.27045825245236838258) * rr + 3.64784832476320460504) * rr + 5.7694972214606914055) * rr
                    + 4.6303378461565452959) * rr + 1.42343711074968357734)
                / (((((((1.05075007164441684324e-9 * rr + 5.475938084995344946e-4) * rr + 0.0151986665636164571966) * rr
                    + 0.14810397642748007459) * rr + 0.68976733498510000455) * rr + 1.6763848301838038494) * rr
                    + 2.05319162663775882187) * rr + 1.0);
        }
        else
        {
            rr -= 5.0;
            value = (((((((2.01033439929228813265e-7 * rr + 2.71155556874348757815e-5) * rr + 0.0012426609473880784386) * rr
                    + 0.026532189526576123093) * rr + 0.29656057182850489123) * rr + 1.7848265399172913358) * rr
                    + 5.4637849111641143699) * rr + 6.6579046435011037772)
                / (((((((2.04426310338993978564e-15 * rr + 1.4215117583164458887e-7) * rr + 1.8463183175100546818e-5) * rr
                    + 7.868691311456132591e-4) * rr + 0.0148753612908506148525) * rr + 0.13692988092273580531) * rr
                    + 0.59983220655588793769) * rr + 1.0);
        }

        return q < 0 ? -value : value;
    }

    // ---------------------------------------------------------------- Student t

    /// <summary>P(T_df &gt; t), the upper tail of Student's t with <paramref name="degreesOfFreedom"/> (&gt; 0, any real) degrees of freedom.</summary>
    public static double StudentTUpperTail(double t, double degreesOfFreedom)
    {
        if (double.IsNaN(t) || !(degreesOfFreedom > 0))
        {
            return double.NaN;
        }

        if (double.IsInfinity(t))
        {
            return t > 0 ? 0.0 : 1.0;
        }

        if (double.IsPositiveInfinity(degreesOfFreedom))
        {
            return NormalCdf(-t);
        }

        double t2 = t * t;
        // P(|T| > |t|) = I_{df/(df+t²)}(df/2, ½), the lower tail of Beta(df/2, ½); use the side that keeps its digits.
        double x = degreesOfFreedom / (degreesOfFreedom + t2), y = t2 / (degreesOfFreedom + t2);
        var (lower, upper) = x < 0.5
            ? BetaTails(x, y, degreesOfFreedom / 2.0, 0.5)
            : Swap(BetaTails(y, x, 0.5, degreesOfFreedom / 2.0));
        double twoSided = lower;
        return t >= 0 ? 0.5 * twoSided : 1.0 - (0.5 * twoSided);

        static (double, double) Swap((double A, double B) v) => (v.B, v.A);
    }

    /// <summary>The t with P(T_df &gt; t) = <paramref name="q"/>, q in (0, 1): the upper-tail quantile (t_{df, 1−q}).</summary>
    public static double StudentTUpperQuantile(double q, double degreesOfFreedom)
    {
        if (!(q > 0 && q < 1) || !(degreesOfFreedom > 0))
        {
            return !(degreesOfFreedom > 0) || double.IsNaN(q) ? double.NaN : q == 0 ? double.PositiveInfinity : double.NegativeInfinity;
        }

        if (q > 0.5)
        {
            return -StudentTUpperQuantile(1.0 - q, degreesOfFreedom);
        }

        if (q == 0.5)
        {
            return 0.0;
        }

        if (double.IsPositiveInfinity(degreesOfFreedom))
        {
            return NormalUpperQuantile(q);
        }

        if (degreesOfFreedom == 1.0)
        {
            // Cauchy: t = tan(π(½ − q)) = 1/tan(πq), exact for tiny q.
            return 1.0 / Math.Tan(Math.PI * q);
        }

        if (degreesOfFreedom == 2.0)
        {
            // P(T > t) = ½(1 − t/√(2 + t²)) ⇒ t = (1 − 2q)/√(2q(1 − q)).
            return (1.0 - 2.0 * q) / Math.Sqrt(2.0 * q * (1.0 - q));
        }

        double twoSided = 2.0 * q;
        if (twoSided <= 0.5)
        {
            // x = df/(df + t²) is the lower quantile of Beta(df/2, ½) at 2q; t = √(df·(1 − x)/x).
            double x = BetaQuantile(degreesOfFreedom / 2.0, 0.5, twoSided, upper: false, out double oneMinusX);
            return Math.Sqrt(degreesOfFreedom * oneMinusX / x);
        }

        // y = t²/(df + t²) is the lower quantile of Beta(½, df/2) at 1 − 2q; t = √(df·y/(1 − y)).
        double y = BetaQuantile(0.5, degreesOfFreedom / 2.0, 1.0 - twoSided, upper: false, out double oneMinusY);
        return Math.Sqrt(degreesOfFreedom * y / oneMinusY);
    }

    // ---------------------------------------------------------------- beta

    /// <summary>I_x(a, b), the regularized incomplete beta function (beta distribution function), a, b &gt; 0.</summary>
    public static double BetaCdf(double x, double a, double b) =>
        x <= 0 ? 0.0 : x >= 1 ? 1.0 : BetaTails(x, 1.0 - x, a, b).Lower;

    /// <summary>
    /// Both tails (I_x(a, b), 1 − I_x(a, b)) at x with y = 1 − x given separately (so a y near 0 keeps its digits): the continued
    /// fraction on the side where it converges, the other tail as its complement (never a cancellation: the side computed is
    /// the smaller one up to the mode).
    /// </summary>
    public static (double Lower, double Upper) BetaTails(double x, double y, double a, double b)
    {
        if (x <= 0)
        {
            return (0.0, 1.0);
        }

        if (y <= 0)
        {
            return (1.0, 0.0);
        }

        if (x * (a + b + 2.0) < a + 1.0)
        {
            double lower = SmallBetaTail(x, y, a, b);
            return (lower, 1.0 - lower);
        }

        double upper = SmallBetaTail(y, x, b, a);
        return (1.0 - upper, upper);
    }

    /// <summary>
    /// I_z(p, q) on the side where it is the smaller tail (z &lt; (p+1)/(p+q+2)), w = 1 − z. The continued fraction, except where
    /// z is near 1 and the tail is not small: there the continued fraction loses digits to cancellation (1e-11 at Beta(½, 200000½)),
    /// so the tail is 1 − I_w(q, p) with I_w from the positive power series
    /// I_w(q, p) = w^q(1 − w)^p/(q·B(q, p))·₂F₁(p + q, 1; q + 1; w) (Abramowitz &amp; Stegun 26.5.23), exact when it is ≥ 1e-3.
    /// </summary>
    private static double SmallBetaTail(double z, double w, double p, double q)
    {
        if (w < 0.5 && (p + q) * w / (1.0 - w) < 600.0)
        {
            double complement = 1.0 - BetaPowerSeries(w, z, q, p);
            if (complement >= 1e-3)
            {
                return complement;
            }
        }

        return BetaFactor(z, w, p, q) * BetaContinuedFraction(z, w, p, q) / p;
    }

    /// <summary>I_x(a, b) = x^a·y^b/(a·B(a, b))·Σₖ (a+b)ₖ/(a+1)ₖ·xᵏ, all terms positive (no cancellation).</summary>
    private static double BetaPowerSeries(double x, double y, double a, double b)
    {
        double sum = 1.0, term = 1.0;
        for (int k = 0; k < 10_000_000; k++)
        {
            term *= (a + b + k) * x / (a + 1.0 + k);
            sum += term;
            if (term < sum * 1e-17)
            {
                break;
            }
        }

        return BetaFactor(x, y, a, b) * sum / a;
    }

    /// <summary>The beta density f(x) = x^(a−1)(1 − x)^(b−1)/B(a, b), with y = 1 − x.</summary>
    public static double BetaDensity(double x, double y, double a, double b) =>
        x <= 0 || y <= 0 ? 0.0 : BetaFactor(x, y, a, b) / (x * y);

    /// <summary>
    /// The beta quantile: the x with I_x(a, b) = p (lower tail) or 1 − I_x(a, b) = p (<paramref name="upper"/>), p in (0, 1).
    /// </summary>
    public static double BetaQuantile(double a, double b, double p, bool upper) =>
        BetaQuantile(a, b, p, upper, out _);

    /// <summary>
    /// The beta quantile x and, in <paramref name="oneMinusX"/>, 1 − x to full relative precision (needed when x is near 1).
    /// Safeguarded Newton on ln(tail): the tail inverted is the smaller one, so its logarithm is well conditioned.
    /// </summary>
    public static double BetaQuantile(double a, double b, double p, bool upper, out double oneMinusX)
    {
        if (!(a > 0 && b > 0) || double.IsNaN(p) || double.IsInfinity(a) || double.IsInfinity(b))
        {
            oneMinusX = double.NaN;
            return double.NaN;
        }

        if (p <= 0 || p >= 1)
        {
            bool atZero = (p <= 0) != upper;
            oneMinusX = atZero ? 1.0 : 0.0;
            return atZero ? 0.0 : 1.0;
        }

        if (p > 0.5)
        {
            p = 1.0 - p;
            upper = !upper;
        }

        // Work on the side whose quantile is the smaller number: x for the lower tail when the quantile is below ½, else y = 1 − x
        // as the lower tail of Beta(b, a). Mirroring keeps full relative precision of whichever of x, 1 − x is small.
        double start = StartingBetaQuantile(a, b, p, upper);
        bool mirror = start > 0.5;
        double aa = mirror ? b : a, bb = mirror ? a : b;
        bool up = mirror ? !upper : upper;
        double z = mirror ? 1.0 - start : start;
        z = SolveBeta(aa, bb, p, up, z);
        oneMinusX = mirror ? z : 1.0 - z;
        return mirror ? 1.0 - z : z;
    }

    private static double StartingBetaQuantile(double a, double b, double p, bool upper)
    {
        try
        {
            double guess = MathNet.Numerics.Distributions.Beta.InvCDF(a, b, upper ? 1.0 - p : p);
            if (guess > 0 && guess < 1)
            {
                return guess;
            }
        }
        catch (ArithmeticException)
        {
            // MathNet's NonConvergenceException derives from ArithmeticException: fall back to the bracket's midpoint.
        }

        return a / (a + b);
    }

    /// <summary>Newton in log space on the tail of Beta(a, b) at z, bracketed in (0, 1), until the step is below 1e-16·z.</summary>
    private static double SolveBeta(double a, double b, double p, bool upper, double z)
    {
        double logP = Math.Log(p), lo = 0.0, hi = 1.0;
        for (int iteration = 0; iteration < 200; iteration++)
        {
            double y = 1.0 - z;
            var (lower, upperTail) = BetaTails(z, y, a, b);
            double tail = upper ? upperTail : lower;
            double g = Math.Log(tail) - logP;
            // Lower tail increases with z; upper decreases.
            bool tooBig = upper ? g < 0 : g > 0;
            if (g == 0)
            {
                return z;
            }

            if (tooBig)
            {
                hi = Math.Min(hi, z);
            }
            else
            {
                lo = Math.Max(lo, z);
            }

            double density = BetaDensity(z, y, a, b);
            double derivative = (upper ? -density : density) / tail;
            double next = z - g / derivative;
            if (!(next > lo && next < hi) || double.IsNaN(next))
            {
                next = lo > 0 && hi / lo > 4 ? Math.Sqrt(lo * hi) : 0.5 * (lo + hi);
            }

            if (Math.Abs(next - z) <= 2e-16 * z || next == z)
            {
                return next;
            }

            z = next;
        }

        return z;
    }

    /// <summary>
    /// x^a·y^b/B(a, b) with y = 1 − x, by Loader's saddle-point form (no cancelling log-gammas):
    /// √(ab/(2πn))·exp(δ(n) − δ(a) − δ(b) − bd0(a, nx) − bd0(b, ny)), n = a + b.
    /// </summary>
    private static double BetaFactor(double x, double y, double a, double b)
    {
        double n = a + b;
        // a − n·x = −(b − n·y): take the difference from the smaller of x, y (the one given exactly), since y^b with b = 2e5
        // would amplify the rounding of 1 − x into 1e-11.
        double differenceA = x <= y ? a - (n * x) : (n * y) - b;
        double meanA = x <= y ? n * x : a - differenceA, meanB = x <= y ? b + differenceA : n * y;
        double exponent = StirlingError(n) - StirlingError(a) - StirlingError(b)
            - Deviance(a, meanA, differenceA) - Deviance(b, meanB, -differenceA);
        return Math.Sqrt(a * b / (TwoPi * n)) * Math.Exp(exponent);
    }

    /// <summary>Continued fraction of I_x(a, b) (Numerical Recipes 3rd ed. §6.4, modified Lentz), converging for x &lt; (a+1)/(a+b+2).</summary>
    private static double BetaContinuedFraction(double x, double y, double a, double b)
    {
        const double Tiny = 1e-300;
        double qab = a + b, qap = a + 1.0, qam = a - 1.0;
        // 1 − (a+b)x/(a+1), written with y = 1 − x when x is near 1 (where the x form cancels).
        double c = 1.0, d = x <= y ? 1.0 - (qab * x / qap) : (1.0 - b + (qab * y)) / qap;
        d = Math.Abs(d) < Tiny ? Tiny : d;
        d = 1.0 / d;
        double h = d;
        for (int m = 1; m < 1_000_000; m++)
        {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1.0 + (aa * d);
            d = Math.Abs(d) < Tiny ? Tiny : d;
            c = 1.0 + (aa / c);
            c = Math.Abs(c) < Tiny ? Tiny : c;
            d = 1.0 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1.0 + (aa * d);
            d = Math.Abs(d) < Tiny ? Tiny : d;
            c = 1.0 + (aa / c);
            c = Math.Abs(c) < Tiny ? Tiny : c;
            d = 1.0 / d;
            double delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1.0) <= 1e-16)
            {
                break;
            }
        }

        return h;
    }

    // ---------------------------------------------------------------- gamma and χ²

    /// <summary>Both tails (P(a, x), Q(a, x)) of the regularized incomplete gamma function, shape a &gt; 0.</summary>
    public static (double Lower, double Upper) GammaTails(double x, double a)
    {
        if (x <= 0)
        {
            return (0.0, 1.0);
        }

        if (double.IsPositiveInfinity(x))
        {
            return (1.0, 0.0);
        }

        double factor = PoissonFactor(a, x); // x^a e^{−x}/Γ(a+1)
        if (x < a + 1.0)
        {
            // P = x^a e^{−x}/Γ(a+1) · Σ_k x^k/((a+1)…(a+k)).
            double sum = 1.0, term = 1.0;
            for (int k = 1; k < 1_000_000; k++)
            {
                term *= x / (a + k);
                sum += term;
                if (term < sum * 1e-17)
                {
                    break;
                }
            }

            double lower = factor * sum;
            return (lower, 1.0 - lower);
        }

        // Q = x^a e^{−x}/Γ(a) · 1/(x + 1 − a − 1·(1 − a)/(x + 3 − a − …)) (Numerical Recipes §6.2, modified Lentz).
        const double Tiny = 1e-300;
        double bb = x + 1.0 - a, c = 1.0 / Tiny, d = 1.0 / bb, h = d;
        for (int i = 1; i < 1_000_000; i++)
        {
            double an = -i * (i - a);
            bb += 2.0;
            d = (an * d) + bb;
            d = Math.Abs(d) < Tiny ? Tiny : d;
            c = bb + (an / c);
            c = Math.Abs(c) < Tiny ? Tiny : c;
            d = 1.0 / d;
            double delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1.0) <= 1e-16)
            {
                break;
            }
        }

        double upper = factor * a * h;
        return (1.0 - upper, upper);
    }

    /// <summary>The gamma quantile (scale 1): the x with P(a, x) = p, or Q(a, x) = p when <paramref name="upper"/>; p in (0, 1).</summary>
    public static double GammaQuantile(double shape, double p, bool upper)
    {
        if (!(shape > 0) || double.IsInfinity(shape) || double.IsNaN(p))
        {
            return double.NaN;
        }

        if (p <= 0 || p >= 1)
        {
            return (p <= 0) != upper ? 0.0 : double.PositiveInfinity;
        }

        if (p > 0.5)
        {
            p = 1.0 - p;
            upper = !upper;
        }

        double z = StartingGammaQuantile(shape, p, upper);
        double logP = Math.Log(p), lo = 0.0, hi = double.PositiveInfinity;
        for (int iteration = 0; iteration < 300; iteration++)
        {
            var (lower, upperTail) = GammaTails(z, shape);
            double tail = upper ? upperTail : lower;
            double g = Math.Log(tail) - logP;
            if (g == 0)
            {
                return z;
            }

            bool tooBig = upper ? g < 0 : g > 0;
            if (tooBig)
            {
                hi = Math.Min(hi, z);
            }
            else
            {
                lo = Math.Max(lo, z);
            }

            double density = PoissonFactor(shape, z) * shape / z; // x^{a−1}e^{−x}/Γ(a)
            double derivative = (upper ? -density : density) / tail;
            double next = z - g / derivative;
            if (!(next > lo && next < hi) || double.IsNaN(next))
            {
                next = double.IsPositiveInfinity(hi) ? 2.0 * Math.Max(z, lo) + 1.0
                    : lo > 0 && hi / lo > 4 ? Math.Sqrt(lo * hi) : 0.5 * (lo + hi);
            }

            if (Math.Abs(next - z) <= 2e-16 * z || next == z)
            {
                return next;
            }

            z = next;
        }

        return z;
    }

    /// <summary>The χ² quantile: the x with P(χ²_df ≤ x) = p, or P(χ²_df &gt; x) = p when <paramref name="upper"/>.</summary>
    public static double ChiSquareQuantile(double degreesOfFreedom, double p, bool upper) =>
        2.0 * GammaQuantile(degreesOfFreedom / 2.0, p, upper);

    private static double StartingGammaQuantile(double shape, double p, bool upper)
    {
        try
        {
            double guess = MathNet.Numerics.Distributions.Gamma.InvCDF(shape, 1.0, upper ? 1.0 - p : p);
            if (guess > 0 && double.IsFinite(guess))
            {
                return guess;
            }
        }
        catch (ArithmeticException)
        {
            // Fall back to the mean; the bracketed Newton iteration gets there.
        }

        return shape;
    }

    /// <summary>x^a·e^{−x}/Γ(a + 1) = exp(−δ(a) − bd0(a, x))/√(2πa) (Loader 2000, dpois_raw).</summary>
    private static double PoissonFactor(double a, double x) =>
        Math.Exp(-StirlingError(a) - Deviance(a, x)) / Math.Sqrt(TwoPi * a);

    // ---------------------------------------------------------------- Loader's helpers

    /// <summary>
    /// δ(z) = ln Γ(z + 1) − (z + ½)·ln z + z − ½·ln 2π, the error of Stirling's formula (Loader 2000, stirlerr): the asymptotic
    /// series for z &gt; 15, the definition (MathNet's log-gamma, moderate sizes so no cancellation) below.
    /// </summary>
    internal static double StirlingError(double z)
    {
        const double S0 = 1.0 / 12.0, S1 = 1.0 / 360.0, S2 = 1.0 / 1260.0, S3 = 1.0 / 1680.0, S4 = 1.0 / 1188.0;
        if (z <= 15.0)
        {
            return MathNet.Numerics.SpecialFunctions.GammaLn(z + 1.0) - ((z + 0.5) * Math.Log(z)) + z - (0.5 * Math.Log(TwoPi));
        }

        double nn = z * z;
        if (z > 500)
        {
            return (S0 - (S1 / nn)) / z;
        }

        if (z > 80)
        {
            return (S0 - ((S1 - (S2 / nn)) / nn)) / z;
        }

        if (z > 35)
        {
            return (S0 - ((S1 - ((S2 - (S3 / nn)) / nn)) / nn)) / z;
        }

        return (S0 - ((S1 - ((S2 - ((S3 - (S4 / nn)) / nn)) / nn)) / nn)) / z;
    }

    /// <summary>bd0(x, m) = x·ln(x/m) + m − x, the deviance term (Loader 2000), by its series when x is near m.</summary>
    internal static double Deviance(double x, double m) => Deviance(x, m, x - m);

    /// <summary>bd0(x, m) with the difference x − m given (computed where it keeps its digits).</summary>
    private static double Deviance(double x, double m, double difference)
    {
        if (Math.Abs(difference) < 0.1 * (x + m))
        {
            double v = difference / (x + m);
            double s = difference * v;
            double ej = 2 * x * v;
            v *= v;
            for (int j = 1; j < 1000; j++)
            {
                ej *= v;
                double s1 = s + (ej / ((2 * j) + 1));
                if (s1 == s)
                {
                    return s1;
                }

                s = s1;
            }

            return s;
        }

        return (x * Math.Log(x / m)) - difference;
    }
}
