using MathNet.Numerics;
using TrustMetrics.Statistics;

namespace TrustMetrics.Clv;

/// <summary>
/// The standard Gamma–Gamma <see cref="IClvFitter{TData, TModel}"/> (Fader &amp; Hardie 2013 note 025 eq. 1a; ltv-churn.md §7): analytic gradient, BFGS on log(p, q, γ) from lifetimes' start (0.1), Newton polish,
/// standard errors from the observed information. No time scaling (spend has none). Stateless and thread-safe.
/// </summary>
public sealed class GammaGammaFitter : IClvFitter<CompressedSpend, GammaGammaModel>
{
    private static readonly string[] Names = ["p", "q", "gamma"];

    /// <inheritdoc/>
    /// <remarks>The fit of a spend model runs serially; <paramref name="maxDegreeOfParallelism"/> is checked and otherwise has no effect. Customers without repeat purchases, left out of <see cref="CompressedSpend"/>, are named in the fit's table note.</remarks>
    public ClvFit<GammaGammaModel> Fit(CompressedSpend data, ClvFitOptions? options = null, CancellationToken cancellationToken = default, int? maxDegreeOfParallelism = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var work = ParallelWork.From(cancellationToken, maxDegreeOfParallelism);
        var o = options ?? ClvFitOptions.Default;
        work.ThrowIfCancellationRequested();
        // TODO(merge clvnum): pass `work` to MaximumLikelihood.Fit and the likelihood sums (cancellation between evaluations, degree of parallelism).
        var report = MaximumLikelihood.Fit("gammagamma", Names,
            (theta, gradient) => NegativeLogLikelihood(data, theta[0], theta[1], theta[2], gradient),
            [0.1, 0.1, 0.1], [1.0, 1.0, 1.0], data.CustomerCount, data.RowCount, o);
        var e = report.Estimates;
        return new ClvFit<GammaGammaModel>(new GammaGammaModel(new GammaGammaParameters(e[0], e[1], e[2])), report, o.ConfidenceLevel, data.SkippedCustomers);
    }

    /// <summary>−Σ count·ℓ and its gradient with respect to (p, q, γ).</summary>
    internal static double NegativeLogLikelihood(CompressedSpend data, double p, double q, double gamma, Span<double> gradient)
    {
        var xs = data.Frequency;
        var ms = data.MonetaryValue;
        var counts = data.Counts;
        double logGamma = Math.Log(gamma), lgq = SpecialFunctions.GammaLn(q), psiQ = SpecialFunctions.DiGamma(q);
        double ll = 0, gp = 0, gq = 0, gg = 0;
        long lastX = -1;
        double x = 0, px = 0, lgx = 0, psiPxQ = 0, psiPx = 0, logX = 0;
        for (int i = 0; i < counts.Length; i++)
        {
            if (xs[i] != lastX)
            {
                lastX = xs[i];
                x = lastX;
                px = p * x;
                lgx = SpecialFunctions.GammaLn(px + q) - SpecialFunctions.GammaLn(px) - lgq;
                psiPxQ = SpecialFunctions.DiGamma(px + q);
                psiPx = SpecialFunctions.DiGamma(px);
                logX = Math.Log(x);
            }

            double w = counts[i], m = ms[i];
            double logM = Math.Log(m), denominator = (x * m) + gamma, logDen = Math.Log(denominator);
            ll += w * (lgx + (q * logGamma) + ((px - 1) * logM) + (px * logX) - ((px + q) * logDen));
            gp += w * x * (psiPxQ - psiPx + logM + logX - logDen);
            gq += w * (psiPxQ - psiQ + logGamma - logDen);
            gg += w * ((q / gamma) - ((px + q) / denominator));
        }

        gradient[0] = -gp;
        gradient[1] = -gq;
        gradient[2] = -gg;
        return -ll;
    }
}
