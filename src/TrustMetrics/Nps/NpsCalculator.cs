using TrustMetrics.Estimation;
using TrustMetrics.Grouping;

namespace TrustMetrics.Nps;

/// <summary>The standard <see cref="INpsCalculator"/>: formulas in docs/nps.md; stateless after construction and thread-safe.</summary>
public sealed class NpsCalculator : INpsCalculator
{
    private readonly TrustMetricsOptions options;

    /// <summary>A calculator with the library defaults (95%, score interval, adjusted-Wald comparison).</summary>
    public NpsCalculator()
        : this(new TrustMetricsOptions())
    {
    }

    /// <summary>A calculator with the given defaults (validated and copied).</summary>
    /// <param name="options">Defaults for level and methods.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is invalid.</exception>
    public NpsCalculator(TrustMetricsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Snapshot();
    }

    /// <inheritdoc/>
    public NpsResult Calculate(NpsTally tally, double? confidenceLevel = null, NpsIntervalMethod? method = null)
    {
        if (tally.Count == 0)
        {
            throw Guard.Empty("NPS", nameof(tally));
        }

        double level = confidenceLevel ?? options.ConfidenceLevel;
        Guard.ConfidenceLevel(level, nameof(confidenceLevel));
        var chosen = method ?? options.NpsIntervalMethod;
        Guard.Defined(chosen, nameof(method));

        return new NpsResult(tally, TrinomialNetScore.Estimate(tally, level, chosen));
    }

    /// <inheritdoc/>
    public NpsResult Calculate(IEnumerable<int> scores) => Calculate(NonEmpty(NpsTally.FromScores(scores), nameof(scores)));

    /// <inheritdoc/>
    public WeightedNpsResult CalculateWeighted(WeightedNpsTally tally, double? confidenceLevel = null)
    {
        if (tally.Counts.Count == 0)
        {
            throw Guard.Empty("Weighted NPS", nameof(tally));
        }

        // The tally's constructor keeps every sum finite and ≥ 0, so only all-zero weights remain to refuse.
        if (!(tally.TotalWeight > 0))
        {
            throw new ArgumentException(
                $"Weighted NPS needs a positive total weight; every one of the {tally.Counts.Count} responses has weight 0.", nameof(tally));
        }

        double level = confidenceLevel ?? options.ConfidenceLevel;
        Guard.ConfidenceLevel(level, nameof(confidenceLevel));

        double total = tally.TotalWeight, n = tally.Counts.Count;
        double pP = tally.PromoterWeight / total, pD = tally.DetractorWeight / total, score = pP - pD;
        // Σw²(y − NPS)²/(Σw)², with each Σw² divided by Σw twice so that large weights cannot overflow (Σw)².
        double sumSquaredDeviations =
            tally.PromoterWeightSquares / total / total * Square(1.0 - score)
            + tally.PassiveWeightSquares / total / total * Square(score)
            + tally.DetractorWeightSquares / total / total * Square(-1.0 - score);
        // n = 1 leaves no degrees of freedom: the linearization SE is unknown, reported as +∞ with the whole range as interval.
        double linearization = n > 1 ? Math.Sqrt(n / (n - 1) * sumSquaredDeviations) : double.PositiveInfinity;
        // n_eff = (Σw)²/Σw² is +∞ when every Σw² underflowed to 0 (tiny weights); the Kish SE is then 0 rather than NaN.
        double effective = tally.EffectiveSampleSize;
        double kish = effective > 0 ? Math.Sqrt(Math.Max(0.0, pP + pD - score * score) / effective) : 0.0;
        double half = CriticalValues.TwoSidedZ(level) * linearization;
        var interval = new ConfidenceInterval(Math.Max(-1.0, score - half), Math.Min(1.0, score + half), level, "wald-linearization");
        return new WeightedNpsResult(tally, new Estimate(score, linearization, interval).Scale(100.0), kish * 100.0);
    }

    /// <inheritdoc/>
    public DifferenceTest Compare(NpsTally first, NpsTally second, double? confidenceLevel = null, NpsComparisonMethod? method = null) =>
        NpsComparison.Compare(first, second, confidenceLevel ?? options.ConfidenceLevel, method ?? options.NpsComparisonMethod);

    /// <inheritdoc/>
    public IReadOnlyList<GroupResult<TKey, NpsResult>> CalculateByGroup<TKey>(IEnumerable<(TKey Group, int Score)> responses)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(responses);
        var counter = new GroupCounter<TKey>(3);
        long index = 0;
        foreach (var (group, score) in responses)
        {
            if ((uint)score > NpsScale.MaxScore)
            {
                throw NpsScale.OutOfRange(nameof(responses), index, score);
            }

            counter.Add(group, (int)NpsScale.Classify(score));
            index++;
        }

        return counter.Ordered()
            .Select(pair => new GroupResult<TKey, NpsResult>(pair.Key, Calculate(new NpsTally(pair.Value[0], pair.Value[1], pair.Value[2]))))
            .ToList();
    }

    private static NpsTally NonEmpty(NpsTally tally, string paramName) => tally.Count == 0 ? throw Guard.Empty("NPS", paramName) : tally;

    private static double Square(double x) => x * x;
}
