using TrustMetrics.Statistics;

namespace TrustMetrics.TrustIndex.Sensitivity;

/// <summary>The default <see cref="ISobolCalculator"/>: Saltelli sampling, Saltelli (2010) first-order and Jansen (1999) total-order estimators.</summary>
public sealed class SobolCalculator : ISobolCalculator
{
    /// <inheritdoc/>
    public SobolResult Analyze(IReadOnlyList<SobolFactor> factors, Func<double[], double> model, int baseSamples, int bootstrapReplicates = 500,
        int seed = 20260501, double confidenceLevel = 0.95, string outputName = "output", int? maxDegreeOfParallelism = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(factors);
        ArgumentNullException.ThrowIfNull(model);
        Guard.NotEmpty(outputName);
        if (factors.Count == 0)
        {
            throw new ArgumentException("A Sobol analysis needs at least one factor.", nameof(factors));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < factors.Count; i++)
        {
            if (factors[i] is null)
            {
                throw new ArgumentNullException(nameof(factors), $"factors[{i}] is null.");
            }

            if (!seen.Add(factors[i].Name))
            {
                throw new ArgumentException($"factors[{i}] repeats the name '{factors[i].Name}'; factor names must be distinct.", nameof(factors));
            }
        }

        CheckCounts(baseSamples, bootstrapReplicates);
        Guard.ConfidenceLevel(confidenceLevel);
        var work = ParallelWork.From(cancellationToken, maxDegreeOfParallelism);
        return SobolEngine.Run([.. factors], [outputName], (x, y) => y[0] = model(x), baseSamples, bootstrapReplicates, seed, confidenceLevel, work)[0];
    }

    /// <inheritdoc/>
    public TrustIndexSobolResult TrustIndex(TrustSurvey survey, int baseSamples = 1024, int bootstrapReplicates = 500, TrustIndexOptions? options = null,
        double? confidenceLevel = null, int? maxDegreeOfParallelism = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(survey);
        CheckCounts(baseSamples, bootstrapReplicates);
        options ??= new TrustIndexOptions();
        double level = confidenceLevel ?? options.ConfidenceLevel ?? 0.95;
        Guard.ConfidenceLevel(level, nameof(confidenceLevel));
        var work = ParallelWork.From(cancellationToken, maxDegreeOfParallelism);
        return TrustIndexSobol.Run(survey, options, baseSamples, bootstrapReplicates, level, work);
    }

    /// <inheritdoc/>
    public TrustIndexUncertaintyResult DecomposeUncertainty(TrustSurvey survey, int baseSamples = 1024, int resamples = 200, int bootstrapReplicates = 200,
        TrustIndexOptions? options = null, double? confidenceLevel = null, int? maxDegreeOfParallelism = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(survey);
        CheckCounts(baseSamples, bootstrapReplicates);
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 2);
        options ??= new TrustIndexOptions();
        options.Validate();
        double level = confidenceLevel ?? options.ConfidenceLevel ?? 0.95;
        Guard.ConfidenceLevel(level, nameof(confidenceLevel));
        var work = ParallelWork.From(cancellationToken, maxDegreeOfParallelism);
        return TrustIndexUncertainty.Run(survey, options, baseSamples, resamples, bootstrapReplicates, level, work);
    }

    private static void CheckCounts(int baseSamples, int bootstrapReplicates)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(baseSamples, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(bootstrapReplicates);
        if (bootstrapReplicates == 1)
        {
            throw new ArgumentOutOfRangeException(nameof(bootstrapReplicates), bootstrapReplicates, "bootstrapReplicates must be 0 (no intervals) or at least 2.");
        }
    }
}
