using TrustMetrics.Estimation;
using TrustMetrics.Grouping;
using TrustMetrics.Nps;

namespace TrustMetrics.Sentiment;

/// <summary>The standard <see cref="ISentimentCalculator"/>, sharing the NPS trinomial core; defaults from <see cref="TrustMetricsOptions"/>.</summary>
public sealed class SentimentCalculator : ISentimentCalculator
{
    private readonly TrustMetricsOptions options;

    /// <summary>A calculator with the library defaults (95%, score interval, adjusted-Wald comparison).</summary>
    public SentimentCalculator()
        : this(new TrustMetricsOptions())
    {
    }

    /// <summary>A calculator with the given defaults (validated and copied); it uses the NPS method options.</summary>
    /// <param name="options">Level and methods.</param>
    public SentimentCalculator(TrustMetricsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Snapshot();
    }

    /// <inheritdoc/>
    public SentimentResult Calculate(SentimentTally tally, double? confidenceLevel = null, NpsIntervalMethod? method = null)
    {
        if (tally.IsEmpty)
        {
            throw Guard.Empty("Net sentiment", nameof(tally));
        }

        double level = confidenceLevel ?? options.ConfidenceLevel;
        Guard.ConfidenceLevel(level, nameof(confidenceLevel));
        var chosen = method ?? options.NpsIntervalMethod;
        Guard.Defined(chosen, nameof(method));
        var score = TrinomialNetScore.Estimate(tally.AsTrinomial, level, chosen);

        Estimate? excluding = null;
        long polar = tally.Positive + tally.Negative;
        if (polar > 0)
        {
            // 2p − 1 maps the binomial interval of p onto the net score (survey-metrics.md §3.5); SE doubles likewise.
            var share = ProportionIntervals.Estimate(tally.Positive, polar, level);
            var interval = share.Interval;
            excluding = new Estimate(2 * share.Value - 1, 2 * share.StandardError,
                interval.WithBounds(2 * interval.Lower - 1, 2 * interval.Upper - 1)).Scale(100.0);
        }

        return new SentimentResult(tally, score, excluding);
    }

    /// <inheritdoc/>
    public DifferenceTest Compare(SentimentTally first, SentimentTally second, double? confidenceLevel = null, NpsComparisonMethod? method = null)
    {
        if (first.IsEmpty)
        {
            throw Guard.Empty("A net sentiment comparison", nameof(first));
        }

        if (second.IsEmpty)
        {
            throw Guard.Empty("A net sentiment comparison", nameof(second));
        }

        double level = confidenceLevel ?? options.ConfidenceLevel;
        Guard.ConfidenceLevel(level, nameof(confidenceLevel));
        var chosen = method ?? options.NpsComparisonMethod;
        Guard.Defined(chosen, nameof(method));
        return NpsComparison.Compare(first.AsTrinomial, second.AsTrinomial, level, chosen);
    }

    /// <inheritdoc/>
    public IReadOnlyList<GroupResult<TKey, SentimentResult>> CalculateByGroup<TKey>(IEnumerable<(TKey Group, SentimentLabel Label)> mentions)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(mentions);
        var counter = new GroupCounter<TKey>(3);
        long index = 0;
        foreach (var (group, label) in mentions)
        {
            if (!Enum.IsDefined(label))
            {
                throw new ArgumentOutOfRangeException(nameof(mentions), label, $"mentions[{index}] has label {label}, which is not a sentiment label.");
            }

            counter.Add(group, (int)label);
            index++;
        }

        return counter.Ordered()
            .Select(pair => new GroupResult<TKey, SentimentResult>(pair.Key, Calculate(new SentimentTally(pair.Value[0], pair.Value[1], pair.Value[2]))))
            .ToList();
    }
}
