namespace TrustMetrics.Survival;

/// <summary>Fits Cox proportional-hazards models (see <see cref="CoxRegression"/>); an interface so the fitter can be injected and mocked.</summary>
public interface ICoxRegression
{
    /// <summary>Fits the model by Newton–Raphson on the partial likelihood (R <c>coxph</c>).</summary>
    /// <param name="data">The validated rows.</param>
    /// <param name="options">Settings; null for R's defaults.</param>
    /// <param name="cancellationToken">Cancels the fit between iterations and blocks.</param>
    /// <param name="maxDegreeOfParallelism">Threads for the risk-set sums: null = all cores, 1 = serial.</param>
    /// <returns>The fit.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">The data hold no event, or a covariate is constant or collinear with others over the risk sets (named).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDegreeOfParallelism"/> is below 1.</exception>
    CoxFit Fit(CoxData data, CoxFitOptions? options = null, CancellationToken cancellationToken = default, int? maxDegreeOfParallelism = null);
}
