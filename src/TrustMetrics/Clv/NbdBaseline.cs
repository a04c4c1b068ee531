using TrustMetrics.Statistics;

namespace TrustMetrics.Clv;

/// <summary>
/// The NBD purchase model without drop-out (Ehrenberg; the no-churn limit of BG/NBD as a → 0 and of Pareto/NBD as s → 0): λ ~ Gamma(r, α),
/// Poisson purchases for ever. Per customer ℓ = lnΓ(r+x) − lnΓ(r) + r ln α − (r+x) ln(α+T) (the purchase times' density; t_x does
/// not enter). Fitted with the shared machinery only as the null model of the holdout scorecard's likelihood-ratio tests.
/// </summary>
internal static class NbdBaseline
{
    private static readonly string[] Names = ["r", "alpha"];

    /// <summary>Maximum-likelihood fit of (r, α) on compressed histories.</summary>
    public static ClvFitReport Fit(CompressedHistories data, ClvFitOptions options, ParallelWork work)
    {
        double scale = data.MaxT > 0 ? data.MaxT : 1.0;
        return MaximumLikelihood.Fit("nbd", Names, (theta, gradient) => Negative(data, theta[0], theta[1], gradient, work),
            [0.1, 0.1 + Math.Log(scale)], [1.0, 1.0 / scale], data.CustomerCount, data.RowCount, options, work: work);
    }

    /// <summary>−Σ count·ℓ and its gradient with respect to (r, α).</summary>
    internal static double Negative(CompressedHistories data, double r, double alpha, Span<double> gradient, ParallelWork work = default)
    {
        work.ThrowIfCancellationRequested();
        var x = data.Frequency;
        var T = data.T;
        var counts = data.Counts;
        double value = 0, dr = 0, da = 0;
        double lnAlpha = Math.Log(alpha), digammaR = GammaRatio.Digamma(r);
        for (int i = 0; i < counts.Length; i++)
        {
            double rx = r + x[i], at = alpha + T[i], c = counts[i];
            double lnAt = Math.Log(at);
            value += c * (GammaRatio.LogGammaRatio(r, x[i]) + (r * lnAlpha) - (rx * lnAt));
            dr += c * (GammaRatio.Digamma(rx) - digammaR + lnAlpha - lnAt);
            da += c * ((r / alpha) - (rx / at));
        }

        gradient[0] = -dr;
        gradient[1] = -da;
        return -value;
    }
}
