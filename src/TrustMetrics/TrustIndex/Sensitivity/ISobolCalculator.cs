namespace TrustMetrics.TrustIndex.Sensitivity;

/// <summary>
/// Variance-based (Sobol') sensitivity analysis: Saltelli sampling, first-order indices by the Saltelli et al. (2010)
/// estimator, total-order indices by Jansen's (1999), percentile bootstrap intervals over the base rows; a general entry for any
/// model of independent factors and the trust index's methodological choices. Formulas and sources:
/// docs/trust-index-sensitivity.md. Implementations are stateless and thread-safe.
/// </summary>
public interface ISobolCalculator
{
    /// <summary>First- and total-order Sobol indices of <paramref name="model"/> (formulas on <see cref="SobolResult"/>).</summary>
    /// <param name="factors">The independent input factors, at least one, names distinct.</param>
    /// <param name="model">The model: factor values (level indices for discrete factors), in factor order, to one finite output.
    /// Called N·(k + 2) times on the calling thread with a reused array: copy it to keep it.</param>
    /// <param name="baseSamples">N, the rows of each base matrix, at least 2.</param>
    /// <param name="bootstrapReplicates">Bootstrap replicates of the base rows for the intervals (0 = none, else at least 2).</param>
    /// <param name="seed">Seed of the sampling and the bootstrap.</param>
    /// <param name="confidenceLevel">Level of the intervals, in (0, 1).</param>
    /// <param name="outputName">Name of the output, used in the result.</param>
    /// <param name="maxDegreeOfParallelism">Most threads the bootstrap may use: null = all cores, 1 = serial; results do not depend on it.</param>
    /// <param name="cancellationToken">Cancels the model runs and the bootstrap.</param>
    /// <exception cref="ArgumentException">No factor, repeated names, or the model returned a non-finite value (the message names the point).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count or the level is out of range.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    SobolResult Analyze(IReadOnlyList<SobolFactor> factors, Func<double[], double> model, int baseSamples, int bootstrapReplicates = 500,
        int seed = 20260501, double confidenceLevel = 0.95, string outputName = "output", int? maxDegreeOfParallelism = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Sobol indices of the trust index's methodological choices (normalisation, weighting, aggregation, missing-answer policy)
    /// on the whole sample's index and on each segment's index and rank (see <see cref="TrustIndexSobolResult"/>).
    /// </summary>
    /// <param name="survey">The answers, normally with segments.</param>
    /// <param name="baseSamples">N, at least 2; the model runs are N·6 and cost (segments + 1)·p operations each.</param>
    /// <param name="bootstrapReplicates">Bootstrap replicates of the base rows (0 = none, else at least 2).</param>
    /// <param name="options">Items, dimensions, scale, user weights, target and <see cref="TrustIndexOptions.Seed"/>; the four
    /// choices analysed are taken over all their applicable levels; null = the defaults.</param>
    /// <param name="confidenceLevel">Level of the intervals; null = <see cref="TrustIndexOptions.ConfidenceLevel"/> or 0.95.</param>
    /// <param name="maxDegreeOfParallelism">Most threads the bootstrap may use: null = all cores, 1 = serial; results do not depend on it.</param>
    /// <param name="cancellationToken">Cancels the model runs and the bootstrap.</param>
    /// <exception cref="ArgumentException">The survey is empty or a dimension names an unknown item.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count or the level is out of range, or an answer is off the scale.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    TrustIndexSobolResult TrustIndex(TrustSurvey survey, int baseSamples = 1024, int bootstrapReplicates = 500, TrustIndexOptions? options = null,
        double? confidenceLevel = null, int? maxDegreeOfParallelism = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sampling and method in one decomposition: the respondent bootstrap resample as a fifth factor beside the four
    /// methodological choices; per unit the law-of-total-variance split (how much of the index's uncertainty is sampling, how
    /// much is method) and the Sobol indices of the five factors (see <see cref="TrustIndexUncertaintyResult"/>).
    /// </summary>
    /// <param name="survey">The answers, normally with segments.</param>
    /// <param name="baseSamples">N of the Saltelli design over the five factors, at least 2 (N·7 grid lookups).</param>
    /// <param name="resamples">R, the respondent bootstrap resamples (levels of the sampling factor), at least 2; the cost is
    /// R·n·p per missing-answer policy for the resample means plus L·R·(segments + 1)·p for the grid.</param>
    /// <param name="bootstrapReplicates">Bootstrap replicates of the intervals (0 = none, else at least 2).</param>
    /// <param name="options">Items, dimensions, scale, user weights, target, nominal choices and <see cref="TrustIndexOptions.Seed"/>; null = the defaults.</param>
    /// <param name="confidenceLevel">Level of the intervals; null = <see cref="TrustIndexOptions.ConfidenceLevel"/> or 0.95.</param>
    /// <param name="maxDegreeOfParallelism">Most threads the resampling and bootstraps may use: null = all cores, 1 = serial; results do not depend on it.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <exception cref="ArgumentException">The survey is empty, a dimension names an unknown item, or the index is undefined under a method.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count or the level is out of range, or an answer is off the scale.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    TrustIndexUncertaintyResult DecomposeUncertainty(TrustSurvey survey, int baseSamples = 1024, int resamples = 200, int bootstrapReplicates = 200,
        TrustIndexOptions? options = null, double? confidenceLevel = null, int? maxDegreeOfParallelism = null, CancellationToken cancellationToken = default);
}
