namespace TrustMetrics.TrustIndex;

/// <summary>
/// The trust index family: a composite 0–100 index of trust drivers built the OECD/JRC Handbook (2008) way, with reliability
/// (Cronbach's alpha), seeded bootstrap intervals, key-driver analysis (Johnson's relative weights, Shapley R²), uncertainty
/// and sensitivity analysis, and the trust breakdown alert. Implementations are stateless and thread-safe. Formulas, defaults
/// and sources: docs/trust-index.md.
/// </summary>
public interface ITrustIndexCalculator
{
    /// <summary>
    /// The index, dimensions and reliability of all respondents and of each segment, with bootstrap intervals; key drivers of
    /// the survey's outcome when it has one; the sensitivity analysis when <see cref="TrustIndexOptions.SensitivityReplicates"/> &gt; 0.
    /// </summary>
    /// <param name="survey">The answers.</param>
    /// <param name="options">Methodological choices; null = the defaults.</param>
    /// <exception cref="ArgumentException">The survey is empty, a dimension names an unknown item, or a choice is undefined for this data
    /// (benefit of the doubt without two segments, PCA weights or key drivers with a constant score).</exception>
    /// <param name="maxDegreeOfParallelism">Most threads the bootstraps may use: null = all cores, 1 = serial on the calling thread.
    /// Results are identical whatever the value (replicates are drawn in fixed, separately seeded blocks).</param>
    /// <param name="cancellationToken">Cancels the bootstraps and the sensitivity analysis.</param>
    /// <exception cref="ArgumentOutOfRangeException">An answer is off the scale (the message names row, item and value), an option is
    /// invalid, or <paramref name="maxDegreeOfParallelism"/> is below 1.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    TrustIndexResult Calculate(TrustSurvey survey, TrustIndexOptions? options = null, int? maxDegreeOfParallelism = null,
        CancellationToken cancellationToken = default);

    /// <summary>Cronbach's alpha (raw, standardised), alpha if deleted and item–total correlations of one item set.</summary>
    /// <param name="responses">Row-major respondents × items (already reverse-coded), NaN = not answered; complete cases are used.</param>
    /// <param name="itemNames">Item names, one per column.</param>
    /// <param name="alphaWarningThreshold">Alpha below this sets <see cref="DimensionReliability.IsBelowThreshold"/>.</param>
    /// <exception cref="ArgumentException">The lengths do not match, a response is ±∞ (the message names row, item and value), or the
    /// threshold is not finite.</exception>
    DimensionReliability Reliability(ReadOnlySpan<double> responses, IReadOnlyList<string> itemNames, double alphaWarningThreshold = 0.7);

    /// <summary>Johnson's relative weights and the exact Shapley decomposition of R² of an outcome on drivers, with bootstrap intervals.</summary>
    /// <param name="drivers">Row-major respondents × drivers; rows with a NaN driver or outcome are left out.</param>
    /// <param name="driverNames">Driver names, one per column, at most <see cref="TrustIndexCalculator.MaxShapleyDrivers"/>.</param>
    /// <param name="outcome">The outcome per respondent.</param>
    /// <param name="outcomeName">Name of the outcome.</param>
    /// <param name="bootstrapReplicates">Replicates (0 = no intervals).</param>
    /// <param name="seed">Seed of the bootstrap.</param>
    /// <param name="confidenceLevel">Interval level; null = the configured default.</param>
    /// <param name="maxDegreeOfParallelism">Most threads the bootstrap may use: null = all cores, 1 = serial; results do not depend on it.</param>
    /// <param name="cancellationToken">Cancels the bootstrap.</param>
    /// <exception cref="ArgumentException">Lengths do not match, a value is ±∞, too few complete rows, a constant column or collinear drivers.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    KeyDriverResult KeyDrivers(ReadOnlySpan<double> drivers, IReadOnlyList<string> driverNames, ReadOnlySpan<double> outcome,
        string outcomeName = "outcome", int bootstrapReplicates = 1000, int seed = 20260501, double? confidenceLevel = null,
        int? maxDegreeOfParallelism = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Importance–performance analysis (Martilla &amp; James 1977) of the dimensions on the survey's outcome: importance = Johnson's
    /// relative weight, performance = mean score or top box on 0–100, bootstrap intervals on both axes from the same resamples
    /// (<see cref="TrustIndexOptions.BootstrapReplicates"/>, <see cref="TrustIndexOptions.Seed"/>), quadrants and their bootstrap stability.
    /// </summary>
    /// <param name="survey">The answers, with an outcome.</param>
    /// <param name="options">Scale, dimensions, missing-answer policy, replicates, seed and level; null = the defaults.</param>
    /// <param name="performance">Performance measure: mean score (default) or top-two box.</param>
    /// <param name="cut">Quadrant cut-points: the drivers' means (default, Martilla &amp; James) or the scale midpoint for performance.</param>
    /// <param name="maxDegreeOfParallelism">Most threads the bootstrap may use: null = all cores, 1 = serial; results do not depend on it.</param>
    /// <param name="cancellationToken">Cancels the bootstrap.</param>
    /// <exception cref="ArgumentException">The survey has no outcome, fewer than p + 2 complete responses, a constant outcome or collinear drivers.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An answer is off the scale, an option or enum value is invalid.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    ImportancePerformanceResult ImportancePerformance(TrustSurvey survey, TrustIndexOptions? options = null, DriverPerformance performance = DriverPerformance.Mean,
        QuadrantCut cut = QuadrantCut.DriverMeans, int? maxDegreeOfParallelism = null, CancellationToken cancellationToken = default);

    /// <summary>Monte Carlo uncertainty and sensitivity analysis of the segments' indices and ranks (see <see cref="SensitivityResult"/>).</summary>
    /// <param name="survey">The answers, normally with segments.</param>
    /// <param name="replicates">Monte Carlo draws, at least 1.</param>
    /// <param name="options">Nominal choices, seed and weight perturbation; null = the defaults.</param>
    /// <param name="cancellationToken">Cancels the draws (checked every 1,024 draws; thousands of draws take milliseconds).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="replicates"/> is below 1.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    SensitivityResult Sensitivity(TrustSurvey survey, int replicates, TrustIndexOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The trust breakdown alert: per segment (and overall), the change of the index and of every dimension from
    /// <paramref name="previous"/> to <paramref name="current"/>, with tests, Hedges' g and Holm-adjusted p-values. Data-derived
    /// normalisation parameters and weights come from the previous period, so both periods are measured on its yardstick.
    /// </summary>
    /// <param name="previous">The earlier (reference) period.</param>
    /// <param name="current">The later period; same items.</param>
    /// <param name="options">Choices; null = the defaults. Needs <see cref="TrustIndexOptions.BootstrapReplicates"/> ≥ 2.</param>
    /// <param name="maxDegreeOfParallelism">Most threads the bootstraps may use: null = all cores, 1 = serial; results do not depend on it.</param>
    /// <param name="cancellationToken">Cancels the bootstraps.</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    TrustBreakdownResult CompareTrustPeriods(TrustSurvey previous, TrustSurvey current, TrustIndexOptions? options = null,
        int? maxDegreeOfParallelism = null, CancellationToken cancellationToken = default);
}
