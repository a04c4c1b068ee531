using TrustMetrics.Estimation;

namespace TrustMetrics.Funnel;

/// <summary>The standard <see cref="IFunnelCalculator"/>; level and interval method from <see cref="TrustMetricsOptions"/> (Wilson by default).</summary>
public sealed class FunnelCalculator : IFunnelCalculator
{
    private readonly double confidenceLevel;
    private readonly ProportionIntervalMethod method;

    /// <summary>A calculator with the library defaults.</summary>
    public FunnelCalculator()
        : this(new TrustMetricsOptions())
    {
    }

    /// <summary>A calculator with the given defaults (validated and copied).</summary>
    /// <param name="options">Level and proportion-interval method.</param>
    public FunnelCalculator(TrustMetricsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var valid = options.Snapshot();
        confidenceLevel = valid.ConfidenceLevel;
        method = valid.ProportionIntervalMethod;
    }

    /// <inheritdoc/>
    public FunnelResult Calculate(FunnelTally tally, double? confidenceLevel = null)
    {
        ArgumentNullException.ThrowIfNull(tally);
        long n0 = tally.Count;
        if (n0 == 0)
        {
            throw Guard.Empty("A funnel", nameof(tally));
        }

        double level = confidenceLevel ?? this.confidenceLevel;
        Guard.ConfidenceLevel(level, nameof(confidenceLevel));
        var stages = new FunnelStage[tally.Stages.Count];
        long previous = 0;
        for (int i = 0; i < tally.Stages.Count; i++)
        {
            long reached = tally.Reached(i);
            Estimate? step = i > 0 && previous > 0 ? ProportionIntervals.Estimate(reached, previous, level, method) : null;
            stages[i] = new FunnelStage(tally.Stages[i], reached, step, ProportionIntervals.Estimate(reached, n0, level, method));
            previous = reached;
        }

        return new FunnelResult(tally, stages);
    }

    /// <inheritdoc/>
    public FunnelComparison Compare(FunnelTally first, FunnelTally second, double? confidenceLevel = null)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (!first.Stages.SequenceEqual(second.Stages, StringComparer.Ordinal))
        {
            throw new ArgumentException(
                $"Both funnels must have the same stages in the same order: [{string.Join(", ", first.Stages)}] and [{string.Join(", ", second.Stages)}].", nameof(second));
        }

        if (first.Count == 0)
        {
            throw Guard.Empty("A funnel comparison", nameof(first));
        }

        if (second.Count == 0)
        {
            throw Guard.Empty("A funnel comparison", nameof(second));
        }

        double level = confidenceLevel ?? this.confidenceLevel;
        Guard.ConfidenceLevel(level, nameof(confidenceLevel));
        var names = new List<string>();
        var tests = new List<DifferenceTest>();
        for (int i = 1; i < first.Stages.Count; i++)
        {
            long a0 = first.Reached(i - 1), b0 = second.Reached(i - 1);
            if (a0 == 0 || b0 == 0)
            {
                continue;
            }

            names.Add(first.Stages[i]);
            tests.Add(ProportionComparison.Compare(first.Reached(i), a0, second.Reached(i), b0, level));
        }

        var adjusted = MultipleComparisons.HolmAdjust(tests.Select(t => t.PValue).ToArray());
        var steps = tests.Select((t, i) => new FunnelStageComparison(names[i], t, adjusted[i])).ToArray();
        int last = first.Stages.Count - 1;
        var overall = ProportionComparison.Compare(first.Reached(last), first.Count, second.Reached(last), second.Count, level);
        return new FunnelComparison(steps, overall);
    }
}
