using TrustMetrics.Estimation;
using TrustMetrics.Grouping;

namespace TrustMetrics.Scales;

/// <summary>The shared implementation behind <see cref="CsatCalculator"/> and <see cref="CesCalculator"/>.</summary>
public abstract class ScaleMetricCalculator : IScaleMetricCalculator
{
    private readonly string metric;
    private readonly double confidenceLevel;
    private readonly ProportionIntervalMethod method;

    /// <summary>Creates a calculator for <paramref name="metric"/>; <paramref name="select"/> picks its scale and threshold from the validated options.</summary>
    /// <param name="metric">Machine-readable metric name ("csat", "ces").</param>
    /// <param name="options">Options supplying level, interval method, scale and threshold.</param>
    /// <param name="select">Which scale and threshold of the options this metric uses.</param>
    private protected ScaleMetricCalculator(string metric, TrustMetricsOptions options, Func<TrustMetricsOptions, (RatingScale, int)> select)
    {
        ArgumentNullException.ThrowIfNull(options);
        var valid = options.Snapshot();
        this.metric = metric;
        (Scale, Threshold) = select(valid);
        confidenceLevel = valid.ConfidenceLevel;
        method = valid.ProportionIntervalMethod;
    }

    /// <summary>The answer scale this calculator uses (from the options; a result carries it as <c>Tally.Scale</c>).</summary>
    public RatingScale Scale { get; }

    /// <summary>The lowest answer counted in the top box (a result carries it as <see cref="ScaleMetricResult.Threshold"/>).</summary>
    public int Threshold { get; }

    /// <inheritdoc/>
    public ScaleMetricResult Calculate(ScaleTally tally, double? confidenceLevel = null, ProportionIntervalMethod? method = null)
    {
        CheckScale(tally, nameof(tally));
        if (tally.Count == 0)
        {
            throw Guard.Empty(metric.ToUpperInvariant(), nameof(tally));
        }

        double level = confidenceLevel ?? this.confidenceLevel;
        Guard.ConfidenceLevel(level, nameof(confidenceLevel));
        var chosen = method ?? this.method;
        Guard.Defined(chosen, nameof(method));

        var topBox = ProportionIntervals.Estimate(tally.CountAtLeast(Threshold), tally.Count, level, chosen).Scale(100.0);
        var mean = MeanIntervals.StudentT(tally.Count, tally.Mean, tally.SampleVariance, level, Scale.Min, Scale.Max);
        return new ScaleMetricResult(metric, tally, Threshold, topBox, mean);
    }

    /// <inheritdoc/>
    public ScaleMetricResult Calculate(IEnumerable<int> scores) => Calculate(ScaleTally.FromScores(Scale, scores));

    /// <inheritdoc/>
    public ScaleComparison Compare(ScaleTally first, ScaleTally second, double? confidenceLevel = null)
    {
        CheckScale(first, nameof(first));
        CheckScale(second, nameof(second));
        CheckComparable(first, nameof(first));
        CheckComparable(second, nameof(second));
        double level = confidenceLevel ?? this.confidenceLevel;
        Guard.ConfidenceLevel(level, nameof(confidenceLevel));
        var topBox = ProportionComparison.Compare(first.CountAtLeast(Threshold), first.Count, second.CountAtLeast(Threshold), second.Count, level);
        var mean = MeanIntervals.Welch(first.Count, first.Mean, first.SampleVariance, second.Count, second.Mean, second.SampleVariance, level);
        return new ScaleComparison(topBox.Scale(100.0), mean);
    }

    /// <inheritdoc/>
    public IReadOnlyList<GroupResult<TKey, ScaleMetricResult>> CalculateByGroup<TKey>(IEnumerable<(TKey Group, int Score)> responses)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(responses);
        var counter = new GroupCounter<TKey>(Scale.Points);
        long index = 0;
        foreach (var (group, score) in responses)
        {
            if (!Scale.Contains(score))
            {
                throw ScaleTally.OffScale(Scale, nameof(responses), index, score);
            }

            counter.Add(group, score - Scale.Min);
            index++;
        }

        return counter.Ordered()
            .Select(pair => new GroupResult<TKey, ScaleMetricResult>(pair.Key, Calculate(ScaleTally.FromCounts(Scale, pair.Value))))
            .ToList();
    }

    // The mean difference needs a variance estimate from each sample, so a comparison needs two answers per sample.
    private void CheckComparable(ScaleTally tally, string paramName)
    {
        if (tally.Count < 2)
        {
            throw new ArgumentException(
                $"Comparing two {metric.ToUpperInvariant()} samples needs at least 2 answers in each; {paramName} has {tally.Count}.", paramName);
        }
    }

    private void CheckScale(ScaleTally tally, string paramName)
    {
        ArgumentNullException.ThrowIfNull(tally, paramName);
        if (tally.Scale != Scale)
        {
            throw new ArgumentException($"The tally is on scale {tally.Scale} but this {metric.ToUpperInvariant()} calculator uses {Scale}.", paramName);
        }
    }
}
