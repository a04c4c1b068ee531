using TrustMetrics.Estimation;
using TrustMetrics.Grouping;
using TrustMetrics.Scales;

namespace TrustMetrics.Reviews;

/// <summary>The standard <see cref="IRatingCalculator"/>: scale, positive threshold and level from <see cref="TrustMetricsOptions"/>.</summary>
public sealed class RatingCalculator : IRatingCalculator
{
    private readonly double confidenceLevel;

    /// <summary>A calculator with the library defaults (1–5 stars, positive = 4–5, 95%).</summary>
    public RatingCalculator()
        : this(new TrustMetricsOptions())
    {
    }

    /// <summary>A calculator with the given defaults (validated and copied).</summary>
    /// <param name="options">Level, rating scale and positive threshold.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is invalid.</exception>
    public RatingCalculator(TrustMetricsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var valid = options.Snapshot();
        Scale = valid.RatingScale;
        PositiveThreshold = valid.RatingPositiveThreshold;
        confidenceLevel = valid.ConfidenceLevel;
    }

    /// <inheritdoc/>
    public RatingScale Scale { get; }

    /// <inheritdoc/>
    public int PositiveThreshold { get; }

    /// <inheritdoc/>
    public RatingResult Calculate(ScaleTally tally, RatingPrior? prior = null, double? confidenceLevel = null)
    {
        CheckScale(tally, nameof(tally));
        if (tally.Count == 0)
        {
            throw Guard.Empty("A rating summary", nameof(tally));
        }

        double level = confidenceLevel ?? this.confidenceLevel;
        Guard.ConfidenceLevel(level, nameof(confidenceLevel));
        double mean = tally.Mean;
        var chosen = prior ?? new RatingPrior(mean, 0.0);

        var meanEstimate = MeanIntervals.StudentT(tally.Count, mean, tally.SampleVariance, level, Scale.Min, Scale.Max);
        var positive = ProportionIntervals.Estimate(tally.CountAtLeast(PositiveThreshold), tally.Count, level);
        double bayesian = RatingAggregation.BayesianAverage(mean, tally.Count, chosen);
        double dirichlet = RatingAggregation.DirichletScore(tally.Counts, Scale.Min, CriticalValues.OneSidedZ(level));
        return new RatingResult(tally, PositiveThreshold, meanEstimate, positive, chosen, bayesian, dirichlet);
    }

    /// <inheritdoc/>
    public RatingRanking<TKey> Rank<TKey>(IEnumerable<KeyValuePair<TKey, ScaleTally>> items, RatingRankKey key = RatingRankKey.BayesianAverage,
        RatingPrior? prior = null, double? confidenceLevel = null)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(items);
        Guard.Defined(key);
        var list = items.ToList();
        foreach (var (item, tally) in list)
        {
            CheckScale(tally, nameof(items));
            if (tally.Count == 0)
            {
                throw new ArgumentException($"Item {item} has no ratings; leave it out of the ranking.", nameof(items));
            }
        }

        if (list.Count == 0)
        {
            return new RatingRanking<TKey>([], key, prior);
        }

        var shared = prior ?? RatingPrior.Pooled(list.Select(pair => pair.Value));
        var results = list.Select(pair => (pair.Key, Result: Calculate(pair.Value, shared, confidenceLevel))).ToList();
        Func<RatingResult, double> sortKey = key switch
        {
            RatingRankKey.WilsonLowerBound => r => r.WilsonLowerBound,
            RatingRankKey.DirichletScore => r => r.DirichletScore,
            RatingRankKey.Mean => r => r.Mean.Value,
            _ => r => r.BayesianAverage,
        };

        // OrderByDescending is stable: ties keep the input order.
        var ranked = results.OrderByDescending(r => sortKey(r.Result))
            .Select(r => KeyValuePair.Create(r.Key, r.Result))
            .ToArray();
        return new RatingRanking<TKey>(ranked, key, shared);
    }

    /// <inheritdoc/>
    public RatingRanking<TKey> RankRatings<TKey>(IEnumerable<(TKey Item, int Rating)> ratings, RatingRankKey key = RatingRankKey.BayesianAverage,
        RatingPrior? prior = null)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(ratings);
        var counter = new GroupCounter<TKey>(Scale.Points);
        long index = 0;
        foreach (var (item, rating) in ratings)
        {
            if (!Scale.Contains(rating))
            {
                throw ScaleTally.OffScale(Scale, nameof(ratings), index, rating);
            }

            counter.Add(item, rating - Scale.Min);
            index++;
        }

        return Rank(counter.Ordered().Select(pair => KeyValuePair.Create(pair.Key, ScaleTally.FromCounts(Scale, pair.Value))), key, prior);
    }

    /// <inheritdoc/>
    public RatingComparison Compare(ScaleTally first, ScaleTally second, double? confidenceLevel = null)
    {
        CheckScale(first, nameof(first));
        CheckScale(second, nameof(second));
        CheckComparable(first, nameof(first));
        CheckComparable(second, nameof(second));
        double level = confidenceLevel ?? this.confidenceLevel;
        var mean = MeanIntervals.Welch(first.Count, first.Mean, first.SampleVariance, second.Count, second.Mean, second.SampleVariance, level);
        var positive = ProportionComparison.Compare(first.CountAtLeast(PositiveThreshold), first.Count, second.CountAtLeast(PositiveThreshold), second.Count, level);
        return new RatingComparison(mean, positive);
    }

    private static void CheckComparable(ScaleTally tally, string paramName)
    {
        if (tally.Count < 2)
        {
            throw new ArgumentException($"Comparing two rating samples needs at least 2 ratings in each; {paramName} has {tally.Count}.", paramName);
        }
    }

    private void CheckScale(ScaleTally tally, string paramName)
    {
        ArgumentNullException.ThrowIfNull(tally, paramName);
        if (tally.Scale != Scale)
        {
            throw new ArgumentException($"The tally is on scale {tally.Scale} but this rating calculator uses {Scale}.", paramName);
        }
    }
}
