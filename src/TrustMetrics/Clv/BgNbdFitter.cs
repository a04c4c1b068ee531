using TrustMetrics.Statistics;

namespace TrustMetrics.Clv;

/// <summary>
/// The standard BG/NBD <see cref="IClvFitter{TData, TModel}"/> (log-likelihood of Fader, Hardie &amp; Lee 2005 eq. 6 in the
/// log-sum-exp form of lifetimes; ltv-churn.md §3): analytic gradient of the compressed log-likelihood, BFGS on log-parameters from
/// lifetimes' start (log θ = 0.1 in time scaled by 1/max T), Newton polish, standard errors from the observed information.
/// Rows are summed in fixed chunks on all cores when there are many, so results do not depend on the machine. Stateless and thread-safe.
/// </summary>
public sealed class BgNbdFitter : IClvFitter<CompressedHistories, BgNbdModel>
{
    private static readonly string[] Names = ["r", "alpha", "a", "b"];

    /// <inheritdoc/>
    public ClvFit<BgNbdModel> Fit(CompressedHistories data, ClvFitOptions? options = null, CancellationToken cancellationToken = default, int? maxDegreeOfParallelism = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var work = ParallelWork.From(cancellationToken, maxDegreeOfParallelism);
        var o = options ?? ClvFitOptions.Default;
        var report = Report(data, o, work);
        var e = report.Estimates;
        return new ClvFit<BgNbdModel>(new BgNbdModel(new BgNbdParameters(e[0], e[1], e[2], e[3])), report, o.ConfidenceLevel);
    }

    /// <summary>The optimiser's report under the caller's cancellation token and degree of parallelism (also the pilot fits').</summary>
    internal static ClvFitReport Report(CompressedHistories data, ClvFitOptions options, ParallelWork work)
    {
        double scale = data.MaxT > 0 ? data.MaxT : 1.0;
        double[] start = [0.1, 0.1 + Math.Log(scale), 0.1, 0.1];
        return MaximumLikelihood.Fit("bgnbd", Names,
            (theta, gradient) => BetaGeometricLikelihood.Negative(data, theta[0], theta[1], theta[2], theta[3], 0, gradient, work),
            start, [1.0, 1.0 / scale, 1.0, 1.0], data.CustomerCount, data.RowCount, options,
            warmStart: PilotFit.Start(data, pilot => Report(pilot, options, work)),
            exactHessian: theta => BetaGeometricLikelihood.Hessian(data, theta[0], theta[1], theta[2], theta[3], 0, work), work: work,
            newton: (theta, gradient, hessian) => BetaGeometricLikelihood.NegativeWithHessian(data, theta[0], theta[1], theta[2], theta[3], 0, gradient, hessian, work));
    }

    /// <summary>−Σ count·ℓ and its gradient with respect to (r, α, a, b).</summary>
    internal static double NegativeLogLikelihood(CompressedHistories data, double r, double alpha, double a, double b, Span<double> gradient) =>
        BetaGeometricLikelihood.Negative(data, r, alpha, a, b, 0, gradient);
}
