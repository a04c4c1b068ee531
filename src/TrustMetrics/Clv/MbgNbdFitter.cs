using TrustMetrics.Statistics;

namespace TrustMetrics.Clv;

/// <summary>
/// The standard <see cref="IMbgNbdFitter"/>: as <see cref="BgNbdFitter"/> (analytic gradient, BFGS from lifetimes' start, Newton
/// polish, observed-information standard errors) on the MBG/NBD likelihood. Stateless and thread-safe.
/// </summary>
public sealed class MbgNbdFitter : IMbgNbdFitter
{
    private static readonly string[] Names = ["r", "alpha", "a", "b"];

    /// <inheritdoc/>
    public MbgNbdFit Fit(CompressedHistories data, ClvFitOptions? options = null) => Fit(data, options, default);

    /// <summary>The fit under the caller's cancellation token and degree of parallelism (the public overloads pass theirs).</summary>
    internal static MbgNbdFit Fit(CompressedHistories data, ClvFitOptions? options, ParallelWork work)
    {
        ArgumentNullException.ThrowIfNull(data);
        double scale = data.MaxT > 0 ? data.MaxT : 1.0;
        var report = MaximumLikelihood.Fit("mbgnbd", Names,
            (theta, gradient) => BetaGeometricLikelihood.Negative(data, theta[0], theta[1], theta[2], theta[3], 1, gradient, work),
            [0.1, 0.1 + Math.Log(scale), 0.1, 0.1], [1.0, 1.0 / scale, 1.0, 1.0], data.CustomerCount, data.RowCount, options,
            warmStart: PilotFit.Start(data, pilot => Fit(pilot, options, work).Report),
            exactHessian: theta => BetaGeometricLikelihood.Hessian(data, theta[0], theta[1], theta[2], theta[3], 1, work), work: work);
        var e = report.Estimates;
        var se = report.StandardErrors;
        return new MbgNbdFit(new MbgNbdModel(new BgNbdParameters(e[0], e[1], e[2], e[3])), new BgNbdParameters(se[0], se[1], se[2], se[3]), report);
    }
}
