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
        var report = MaximumLikelihood.Fit("gammagamma", Names,
            (theta, gradient) => NegativeLogLikelihood(data, theta[0], theta[1], theta[2], gradient),
            [0.1, 0.1, 0.1], [1.0, 1.0, 1.0], data.CustomerCount, data.RowCount, o,
            exactHessian: theta => Hessian(data, theta[0], theta[1], theta[2]), work: work);
        var e = report.Estimates;
        return new ClvFit<GammaGammaModel>(new GammaGammaModel(new GammaGammaParameters(e[0], e[1], e[2])), report, o.ConfidenceLevel, data.SkippedCustomers);
    }

    /// <summary>lnΓ(px+q) − lnΓ(px) − lnΓ(q), the larger argument's log-gamma difference taken without cancellation.</summary>
    internal static double LogGammaTerms(double px, double q) =>
        q >= px ? GammaRatio.LogGammaRatio(q, px) - SpecialFunctions.GammaLn(px) : GammaRatio.LogGammaRatio(px, q) - SpecialFunctions.GammaLn(q);

    /// <summary>One row's ℓ = lnΓ(px+q) − lnΓ(px) − lnΓ(q) − q ln1p(x m̄/γ) − px ln1p(γ/(x m̄)) − ln m̄ (note 025 eq. 1a regrouped).</summary>
    internal static double RowLogLikelihood(double p, double q, double gamma, long x, double m) =>
        LogGammaTerms(p * x, q) - (q * Statistics.PreciseMath.Log1p(x * m / gamma)) - (p * x * Statistics.PreciseMath.Log1p(gamma / (x * m))) - Math.Log(m);

    /// <summary>The exact Hessian of −Σ count·ℓ in (p, q, γ) by <see cref="Dual2"/> automatic differentiation (row-major 3 × 3).</summary>
    internal static double[] Hessian(CompressedSpend data, double p, double q, double gamma)
    {
        var v = DualHessian.Variables([p, q, gamma]);
        var (dp, dq, dg) = (v[0], v[1], v[2]);
        var constant = (dq * Dual2.Log(dg)) - Dual2.LogGamma(dq);
        Dual2 ll = 0;
        for (int i = 0; i < data.RowCount; i++)
        {
            long x = data.Frequency[i];
            double m = data.MonetaryValue[i];
            var px = dp * x;
            var row = Dual2.LogGamma(px + dq) - Dual2.LogGamma(px) + constant + ((px - 1) * Math.Log(m)) + (px * Math.Log(x))
                - ((px + dq) * Dual2.Log(dg + (x * m)));
            ll += row * data.Counts[i];
        }

        return DualHessian.OfNegative(ll, 3);
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
                lgx = LogGammaTerms(px, q);
                psiPxQ = SpecialFunctions.DiGamma(px + q);
                psiPx = SpecialFunctions.DiGamma(px);
                logX = Math.Log(x);
            }

            double w = counts[i], m = ms[i];
            double logM = Math.Log(m), denominator = (x * m) + gamma, logDen = Math.Log(denominator);
            ll += w * (lgx - (q * Statistics.PreciseMath.Log1p(x * m / gamma)) - (px * Statistics.PreciseMath.Log1p(gamma / (x * m))) - logM);
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
