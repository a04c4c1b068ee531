using TrustMetrics.Statistics;

namespace TrustMetrics.Clv;

/// <summary>
/// The standard MBG/NBD <see cref="IClvFitter{TData, TModel}"/>: as <see cref="BgNbdFitter"/> (analytic gradient, BFGS from lifetimes' start, Newton
/// polish, observed-information standard errors) on the MBG/NBD likelihood. Stateless and thread-safe.
/// </summary>
public sealed class MbgNbdFitter : IClvFitter<CompressedHistories, MbgNbdModel>
{
    private static readonly string[] Names = ["r", "alpha", "a", "b"];

    /// <inheritdoc/>
    public ClvFit<MbgNbdModel> Fit(CompressedHistories data, ClvFitOptions? options = null, CancellationToken cancellationToken = default, int? maxDegreeOfParallelism = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var work = ParallelWork.From(cancellationToken, maxDegreeOfParallelism);
        var o = options ?? ClvFitOptions.Default;
        var report = Report(data, o, work);
        var e = report.Estimates;
        return new ClvFit<MbgNbdModel>(new MbgNbdModel(new BgNbdParameters(e[0], e[1], e[2], e[3])), report, o.ConfidenceLevel);
    }

    /// <summary>The optimiser's report under the caller's cancellation token and degree of parallelism (also the pilot fits').</summary>
    internal static ClvFitReport Report(CompressedHistories data, ClvFitOptions options, ParallelWork work)
    {
        double scale = data.MaxT > 0 ? data.MaxT : 1.0;
        return MaximumLikelihood.Fit("mbgnbd", Names,
            (theta, gradient) => BetaGeometricLikelihood.Negative(data, theta[0], theta[1], theta[2], theta[3], 1, gradient, work),
            [0.1, 0.1 + Math.Log(scale), 0.1, 0.1], [1.0, 1.0 / scale, 1.0, 1.0], data.CustomerCount, data.RowCount, options,
            warmStart: PilotFit.Start(data, pilot => Report(pilot, options, work)),
            exactHessian: theta => BetaGeometricLikelihood.Hessian(data, theta[0], theta[1], theta[2], theta[3], 1, work), work: work,
            newton: (theta, gradient, hessian) => BetaGeometricLikelihood.NegativeWithHessian(data, theta[0], theta[1], theta[2], theta[3], 1, gradient, hessian, work));
    }
}
