using MathNet.Numerics;

namespace TrustMetrics.Clv;

/// <summary>
/// The standard <see cref="IGammaGammaFitter"/>: analytic gradient, BFGS on log(p, q, γ) from lifetimes' start (0.1), Newton polish,
/// standard errors from the observed information. No time scaling (spend has none). Stateless and thread-safe.
/// </summary>
public sealed class GammaGammaFitter : IGammaGammaFitter
{
    private static readonly string[] Names = ["p", "q", "gamma"];

    /// <inheritdoc/>
    public GammaGammaFit Fit(CompressedSpend data, ClvFitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var report = MaximumLikelihood.Fit("gammagamma", Names,
            (theta, gradient) => NegativeLogLikelihood(data, theta[0], theta[1], theta[2], gradient),
            [0.1, 0.1, 0.1], [1.0, 1.0, 1.0], data.CustomerCount, data.RowCount, options);
        var e = report.Estimates;
        var se = report.StandardErrors;
        return new GammaGammaFit(new GammaGammaModel(new GammaGammaParameters(e[0], e[1], e[2])), new GammaGammaParameters(se[0], se[1], se[2]), report, data.SkippedCustomers);
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
