using TrustMetrics.Estimation;
using TrustMetrics.Statistics;

namespace TrustMetrics.TrustIndex;

/// <summary>The standard <see cref="ITrustIndexCalculator"/>: formulas in docs/trust-index.md; stateless after construction and thread-safe.</summary>
public sealed class TrustIndexCalculator : ITrustIndexCalculator
{
    /// <summary>
    /// Largest number of drivers for the exact Shapley decomposition (2^15 subsets, each R² from a growing Cholesky factor).
    /// Cost doubles per driver: 5 drivers × 1,000 bootstrap replicates take milliseconds, 12 about a second, 15 several.
    /// </summary>
    public const int MaxShapleyDrivers = 15;

    /// <summary>Segment label of the whole sample in a <see cref="TrustBreakdownResult"/>.</summary>
    public const string AllSegments = "(all)";

    /// <summary>Measure name of the composite index in a <see cref="TrustBreakdownResult"/>.</summary>
    public const string IndexMeasure = "index";

    private readonly double confidenceLevel;

    /// <summary>A calculator with the library defaults (95 %).</summary>
    public TrustIndexCalculator()
        : this(new TrustMetricsOptions())
    {
    }

    /// <summary>A calculator whose default confidence level is <see cref="TrustMetricsOptions.ConfidenceLevel"/> (validated and copied).</summary>
    /// <param name="options">Library options.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is invalid.</exception>
    public TrustIndexCalculator(TrustMetricsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        confidenceLevel = options.Snapshot().ConfidenceLevel;
    }

    /// <inheritdoc/>
    public TrustIndexResult Calculate(TrustSurvey survey, TrustIndexOptions? options = null, int? maxDegreeOfParallelism = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(survey);
        var work = ParallelWork.From(cancellationToken, maxDegreeOfParallelism);
        var chosen = Effective(options);
        double level = chosen.ConfidenceLevel!.Value;
        var model = IndexModel.Build(survey, chosen, nameof(survey));
        var normalizer = IndexNormalizer.Create(chosen.Normalization, model.Scores, chosen);
        var (overallWeights, segmentWeights) = model.Weights(chosen.Weighting, normalizer);
        var warnings = new List<string>();

        var (index, dimensions) = Unit(model, model.AllRows, normalizer, overallWeights, chosen, level, 0, AllSegments, warnings, work);
        var segments = new TrustSegmentResult[model.SegmentNames.Length];
        for (int u = 0; u < segments.Length; u++)
        {
            string name = model.SegmentNames[u];
            var (segmentIndex, segmentDimensions) = Unit(model, model.SegmentRows[u], normalizer, segmentWeights[u], chosen, level,
                Statistics.RandomNumbers.StreamOf(name, 1), name, warnings, work);
            segments[u] = new TrustSegmentResult(name, model.SegmentRows[u].Length, segmentIndex, segmentDimensions);
        }

        KeyDriverResult? keyDrivers = null;
        if (model.Scores.Outcome is { } outcome)
        {
            var complete = CorrelationMatrix.CompleteRows(model.Scores.Scores, model.P, model.Scores.Count, outcome, out int n);
            keyDrivers = KeyDriverAnalysis.Run(complete, model.P, n, model.Scores.DimensionNames, survey.OutcomeName, chosen.BootstrapReplicates, chosen.Seed, level,
                work, nameof(survey));
        }

        var sensitivity = chosen.SensitivityReplicates > 0 ? SensitivityAnalysis.Run(model, chosen.SensitivityReplicates, work) : null;
        return new TrustIndexResult(survey.RespondentCount, model.Scores.Count, index, dimensions, segments, keyDrivers, sensitivity, chosen, [.. warnings]);
    }

    /// <inheritdoc/>
    public DimensionReliability Reliability(ReadOnlySpan<double> responses, IReadOnlyList<string> itemNames, double alphaWarningThreshold = 0.7)
    {
        ArgumentNullException.ThrowIfNull(itemNames);
        if (itemNames.Count == 0 || responses.Length % itemNames.Count != 0)
        {
            throw new ArgumentException($"responses has {responses.Length} values, not a multiple of the {itemNames.Count} items.", nameof(responses));
        }

        Guard.Finite(alphaWarningThreshold);
        for (int k = 0; k < responses.Length; k++)
        {
            if (TrustSurvey.OutOfRange(responses[k]))
            {
                throw new ArgumentOutOfRangeException(nameof(responses), responses[k],
                    $"responses[row {k / itemNames.Count}, item '{itemNames[k % itemNames.Count]}'] = {Guard.Format(responses[k])} is not finite or beyond ±1e100 (use NaN for not answered).");
            }
        }

        return ReliabilityMath.Compute(responses, itemNames.Count, itemNames, new bool[itemNames.Count], alphaWarningThreshold);
    }

    /// <inheritdoc/>
    public KeyDriverResult KeyDrivers(ReadOnlySpan<double> drivers, IReadOnlyList<string> driverNames, ReadOnlySpan<double> outcome,
        string outcomeName = "outcome", int bootstrapReplicates = 1000, int seed = 20260501, double? confidenceLevel = null,
        int? maxDegreeOfParallelism = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(driverNames);
        ArgumentNullException.ThrowIfNull(outcomeName);
        var work = ParallelWork.From(cancellationToken, maxDegreeOfParallelism);
        int p = driverNames.Count;
        if (p == 0 || drivers.Length != outcome.Length * p)
        {
            throw new ArgumentException($"drivers has {drivers.Length} values; expected {outcome.Length} respondents × {p} drivers.", nameof(drivers));
        }

        if (bootstrapReplicates < 0 || bootstrapReplicates == 1)
        {
            throw new ArgumentOutOfRangeException(nameof(bootstrapReplicates), bootstrapReplicates, $"bootstrapReplicates must be 0 or at least 2; got {bootstrapReplicates}.");
        }

        double level = confidenceLevel ?? this.confidenceLevel;
        Guard.ConfidenceLevel(level, nameof(confidenceLevel));
        for (int k = 0; k < drivers.Length; k++)
        {
            if (TrustSurvey.OutOfRange(drivers[k]))
            {
                throw new ArgumentOutOfRangeException(nameof(drivers), drivers[k], $"drivers[row {k / p}, '{driverNames[k % p]}'] = {Guard.Format(drivers[k])} is not finite or beyond ±1e100.");
            }
        }

        for (int r = 0; r < outcome.Length; r++)
        {
            if (TrustSurvey.OutOfRange(outcome[r]))
            {
                throw new ArgumentOutOfRangeException(nameof(outcome), outcome[r], $"outcome[{r}] = {Guard.Format(outcome[r])} is not finite or beyond ±1e100.");
            }
        }

        var complete = CorrelationMatrix.CompleteRows(drivers.ToArray(), p, outcome.Length, outcome.ToArray(), out int n);
        return KeyDriverAnalysis.Run(complete, p, n, driverNames, outcomeName, bootstrapReplicates, seed, level, work, nameof(drivers));
    }

    /// <inheritdoc/>
    public ImportancePerformanceResult ImportancePerformance(TrustSurvey survey, TrustIndexOptions? options = null, DriverPerformance performance = DriverPerformance.Mean,
        QuadrantCut cut = QuadrantCut.DriverMeans, int? maxDegreeOfParallelism = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(survey);
        var work = ParallelWork.From(cancellationToken, maxDegreeOfParallelism);
        var chosen = Effective(options);
        return ImportancePerformanceAnalysis.Run(IndexModel.Build(survey, chosen, nameof(survey)), survey.OutcomeName, performance, cut, chosen.BootstrapReplicates,
            chosen.Seed, chosen.ConfidenceLevel!.Value, work, nameof(survey));
    }

    /// <inheritdoc/>
    public SensitivityResult Sensitivity(TrustSurvey survey, int replicates, TrustIndexOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(survey);
        if (replicates < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(replicates), replicates, $"replicates must be at least 1; got {replicates}.");
        }

        var chosen = Effective(options);
        return SensitivityAnalysis.Run(IndexModel.Build(survey, chosen, nameof(survey)), replicates, ParallelWork.From(cancellationToken, 1));
    }

    /// <inheritdoc/>
    public TrustBreakdownResult CompareTrustPeriods(TrustSurvey previous, TrustSurvey current, TrustIndexOptions? options = null,
        int? maxDegreeOfParallelism = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        var work = ParallelWork.From(cancellationToken, maxDegreeOfParallelism);
        var chosen = Effective(options);
        return PeriodComparison.Run(IndexModel.Build(previous, chosen, nameof(previous)), IndexModel.Build(current, chosen, nameof(current)), chosen, work);
    }

    private TrustIndexOptions Effective(TrustIndexOptions? options)
    {
        var chosen = options ?? new TrustIndexOptions();
        chosen.Validate();
        return chosen.ConfidenceLevel is null ? new TrustIndexOptions(chosen) { ConfidenceLevel = confidenceLevel } : chosen;
    }

    /// <summary>Index and dimension results of one unit (the whole sample or a segment), bootstrap included.</summary>
    private static (Estimate Index, DimensionResult[] Dimensions) Unit(IndexModel model, int[] rows, IndexNormalizer normalizer, double[] weights,
        TrustIndexOptions options, double level, ulong stream, string label, List<string> warnings, ParallelWork work)
    {
        int p = model.P;
        var means = model.Means(rows);
        double value = IndexModel.IndexOf(means, normalizer, weights, options.Aggregation);
        double[]? indexReps = null, dimensionReps = null;
        if (options.BootstrapReplicates > 0)
        {
            (indexReps, dimensionReps) = IndexBootstrap.Run(model, rows, normalizer, weights, options.Aggregation, options.BootstrapReplicates, options.Seed, stream, work);
        }

        var dimensions = new DimensionResult[p];
        var column = new double[options.BootstrapReplicates];
        ulong omegaStream = unchecked(((ulong)(uint)options.Seed << 32) ^ stream ^ 0x6F6D656761UL); // omega's own streams
        for (int j = 0; j < p; j++)
        {
            double score = normalizer.Normalize(j, means[j]);
            Estimate? estimate;
            if (double.IsNaN(score))
            {
                estimate = null; // nobody in the unit has a score on this dimension: undefined
            }
            else if (dimensionReps is null)
            {
                estimate = Percentiles.PointOnly(score, level);
            }
            else
            {
                for (int b = 0; b < column.Length; b++)
                {
                    column[b] = dimensionReps[(b * p) + j];
                }

                estimate = Percentiles.Bootstrap(score, column, level);
            }

            int omegaSeed = unchecked((int)Statistics.RandomNumbers.SplitMix64(ref omegaStream));
            var reliability = ReliabilityMath.Compute(model.Scores.ItemValuesOf(j, rows), model.Scores.ItemNames[j].Length, model.Scores.ItemNames[j],
                model.Scores.Reversed[j], options.AlphaWarningThreshold, options.BootstrapReplicates, omegaSeed, level, work);
            string name = model.Scores.DimensionNames[j];
            if (reliability.IsBelowThreshold)
            {
                warnings.Add($"{label}: Cronbach's alpha of '{name}' is {reliability.CronbachAlpha!.Value.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)}, below {options.AlphaWarningThreshold.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
            }

            long count = model.CountOf(rows, j);
            if (count == 0)
            {
                warnings.Add($"{label}: nobody has a score on '{name}'; it is left out of the index and the other weights rescaled.");
            }

            dimensions[j] = new DimensionResult(name, count, count > 0 ? means[j] : null, estimate, weights[j], reliability);
        }

        var index = indexReps is null ? Percentiles.PointOnly(value, level) : Percentiles.Bootstrap(value, indexReps, level);
        return (index, dimensions);
    }
}
