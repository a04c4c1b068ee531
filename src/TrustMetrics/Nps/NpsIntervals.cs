using MathNet.Numerics;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.RootFinding;
using TrustMetrics.Estimation;

namespace TrustMetrics.Nps;

/// <summary>The NPS interval estimators on the share scale [−1, 1]. Test vectors: shared reference notes §1.4–1.5.</summary>
internal static class NpsIntervals
{
    /// <summary>Pseudo-responses of the adjusted Wald interval (detractor, passive, promoter), Rocks (2016).</summary>
    internal const double AdjustDetractors = 0.75, AdjustPassives = 1.5, AdjustPromoters = 0.75;

    public static string Name(NpsIntervalMethod method) => method switch
    {
        NpsIntervalMethod.Score => "score",
        NpsIntervalMethod.AdjustedWald => "adjusted-wald",
        NpsIntervalMethod.Wald => "wald",
        NpsIntervalMethod.Bayesian => "bayesian",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, $"Unknown NPS interval method {method}."),
    };

    /// <summary>Trinomial variance per response: V = pP + pD − (pP − pD)².</summary>
    public static double Variance(double detractors, double promoters, double n)
    {
        double pD = detractors / n, pP = promoters / n;
        return Math.Max(0.0, pP + pD - (pP - pD) * (pP - pD));
    }

    public static (double Lower, double Upper) Compute(NpsTally tally, double level, NpsIntervalMethod method) => method switch
    {
        NpsIntervalMethod.Score => Score(tally, level),
        NpsIntervalMethod.AdjustedWald => AdjustedWald(tally, level),
        NpsIntervalMethod.Wald => Wald(tally.Detractors, tally.Promoters, tally.Count, level),
        NpsIntervalMethod.Bayesian => Bayesian(tally, level),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, $"Unknown NPS interval method {method}."),
    };

    public static (double Lower, double Upper) Wald(double detractors, double promoters, double n, double level)
    {
        double nps = (promoters - detractors) / n;
        double half = CriticalValues.TwoSidedZ(level) * Math.Sqrt(Variance(detractors, promoters, n) / n);
        return Clip(nps - half, nps + half);
    }

    public static (double Lower, double Upper) AdjustedWald(NpsTally t, double level) =>
        Wald(t.Detractors + AdjustDetractors, t.Promoters + AdjustPromoters, t.Count + AdjustDetractors + AdjustPassives + AdjustPromoters, level);

    /// <summary>
    /// Tango's score interval: {Δ : |S(Δ)| &lt; z}, S(Δ) = (P − D − nΔ)/√(n(2q̃ + Δ(1 − Δ))), where q̃ is the restricted
    /// MLE of pD under pP − pD = Δ, the positive root of 2n·q² + B·q + C with B = −D − P + (2n − P + D)Δ, C = −DΔ(1 − Δ).
    /// S is decreasing in Δ, so each bound is one bracketed root (MathNet's Brent).
    /// </summary>
    public static (double Lower, double Upper) Score(NpsTally t, double level)
    {
        double n = t.Count, d = t.Detractors, p = t.Promoters, z = CriticalValues.TwoSidedZ(level);
        double nps = (p - d) / n;

        double S(double delta)
        {
            double a = 2.0 * n, b = -d - p + (2.0 * n - p + d) * delta, c = -d * delta * (1.0 - delta);
            double q = (Math.Sqrt(Math.Max(0.0, b * b - 4.0 * a * c)) - b) / (2.0 * a);
            double variance = n * (2.0 * q + delta * (1.0 - delta));
            double numerator = p - d - n * delta;
            // At Δ = ±1 the variance can vanish; the statistic then diverges with the numerator's sign. When the numerator
            // vanishes too (Δ = 1 with every respondent a promoter, Δ = −1 with every respondent a detractor) Δ is the MLE
            // itself and the statistic is 0: CopySign(1e300, +0.0) would report +∞ there and put both bracket ends on the
            // same side, collapsing the interval of an all-promoter sample to [1, 1].
            if (numerator == 0)
            {
                return 0.0;
            }

            return variance <= 0 ? Math.CopySign(1e300, numerator) : numerator / Math.Sqrt(variance);
        }

        double lower = t.Detractors == t.Count ? -1.0 : FindRoot(delta => S(delta) - z, -1.0, nps);
        double upper = t.Promoters == t.Count ? 1.0 : FindRoot(delta => S(delta) + z, nps, 1.0);
        return (lower, upper);
    }

    /// <summary>
    /// Equal-tailed Dirichlet(1 + D, 1 + Pa, 1 + P) interval of θP − θD. Its CDF is one smooth integral:
    /// F(t) = ∫ f_B(s; αD, αPa + αP) · F_B((t + s)/(1 − s); αP, αPa) ds over s ∈ [max(0, −t), (1 − t)/2] plus
    /// 1 − F_B((1 − t)/2; αD, αPa + αP), because the inner CDF is 0 below the range and 1 above it.
    /// </summary>
    public static (double Lower, double Upper) Bayesian(NpsTally t, double level)
    {
        double aD = 1.0 + t.Detractors, aPa = 1.0 + t.Passives, aP = 1.0 + t.Promoters;
        var outer = new Beta(aD, aPa + aP);
        var inner = new Beta(aP, aPa);

        // θD's posterior is concentrated within a few standard deviations of its mean when n is large; integrating only
        // over mean ± 40 SD (where the omitted mass is far below double precision) keeps the adaptive rule from spending
        // its budget on a flat zero integrand.
        double spread = 40.0 * outer.StdDev;
        double windowLow = Math.Max(0.0, outer.Mean - spread), windowHigh = Math.Min(1.0, outer.Mean + spread);

        double Cdf(double x)
        {
            if (x <= -1.0)
            {
                return 0.0;
            }

            if (x >= 1.0)
            {
                return 1.0;
            }

            double from = Math.Max(0.0, -x), to = (1.0 - x) / 2.0;
            double a = Math.Max(from, windowLow), b = Math.Min(to, windowHigh);
            double integral = a < b
                ? Integrate.GaussKronrod(
                    s => outer.Density(s) * inner.CumulativeDistribution(Math.Clamp((x + s) / (1.0 - s), 0.0, 1.0)),
                    a, b, 1e-10, 12, 15)
                : 0.0;
            return integral + (1.0 - outer.CumulativeDistribution(to));
        }

        double alpha = 1.0 - level;
        return (FindRoot(x => Cdf(x) - alpha / 2.0, -1.0, 1.0), FindRoot(x => Cdf(x) - (1.0 - alpha / 2.0), -1.0, 1.0));
    }

    private static double FindRoot(Func<double, double> f, double lower, double upper)
    {
        double fl = f(lower), fu = f(upper);
        if (fl == 0)
        {
            return lower;
        }

        if (fu == 0 || Math.Sign(fl) == Math.Sign(fu))
        {
            // The root sits at the bracket's end (e.g. Δ = NPS when z is tiny): the end is the answer.
            return Math.Abs(fl) < Math.Abs(fu) ? lower : upper;
        }

        return Brent.FindRoot(f, lower, upper, 1e-12, 200);
    }

    private static (double, double) Clip(double lower, double upper) => (Math.Max(-1.0, lower), Math.Min(1.0, upper));
}
