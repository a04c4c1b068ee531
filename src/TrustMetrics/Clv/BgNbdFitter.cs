using TrustMetrics.Statistics;

namespace TrustMetrics.Clv;

/// <summary>
/// The standard <see cref="IBgNbdFitter"/>: analytic gradient of the compressed log-likelihood, BFGS on log-parameters from
/// lifetimes' start (log θ = 0.1 in time scaled by 1/max T), Newton polish, standard errors from the observed information.
/// Rows are summed in fixed chunks on all cores when there are many, so results do not depend on the machine. Stateless and thread-safe.
/// </summary>
public sealed class BgNbdFitter : IBgNbdFitter
{
    private static readonly string[] Names = ["r", "alpha", "a", "b"];

    /// <inheritdoc/>
    public BgNbdFit Fit(CompressedHistories data, ClvFitOptions? options = null) => Fit(data, options, default);

    /// <summary>The fit under the caller's cancellation token and degree of parallelism (the public overloads pass theirs).</summary>
    internal static BgNbdFit Fit(CompressedHistories data, ClvFitOptions? options, ParallelWork work)
    {
        ArgumentNullException.ThrowIfNull(data);
        double scale = data.MaxT > 0 ? data.MaxT : 1.0;
        double[] start = [0.1, 0.1 + Math.Log(scale), 0.1, 0.1];
        var report = MaximumLikelihood.Fit("bgnbd", Names,
            (theta, gradient) => BetaGeometricLikelihood.Negative(data, theta[0], theta[1], theta[2], theta[3], 0, gradient, work),
            start, [1.0, 1.0 / scale, 1.0, 1.0], data.CustomerCount, data.RowCount, options,
            warmStart: PilotFit.Start(data, pilot => Fit(pilot, options, work).Report),
            exactHessian: theta => BetaGeometricLikelihood.Hessian(data, theta[0], theta[1], theta[2], theta[3], 0, work), work: work);
        var e = report.Estimates;
        var se = report.StandardErrors;
        return new BgNbdFit(new BgNbdModel(new BgNbdParameters(e[0], e[1], e[2], e[3])), new BgNbdParameters(se[0], se[1], se[2], se[3]), report);
    }

    /// <summary>−Σ count·ℓ and its gradient with respect to (r, α, a, b).</summary>
    internal static double NegativeLogLikelihood(CompressedHistories data, double r, double alpha, double a, double b, Span<double> gradient) =>
        BetaGeometricLikelihood.Negative(data, r, alpha, a, b, 0, gradient);
}
