using TrustMetrics.Estimation;
using TrustMetrics.Presentation;

namespace TrustMetrics.Funnel;

/// <summary>
/// One stage of a funnel result: users reaching it n_i, conversion from the previous stage c_i = n_i/n_{i−1} with its Wilson
/// interval and drop-off 1 − c_i (null for the first stage), and cumulative conversion n_i/n₀ with its Wilson interval
/// (computed directly, not as a product of the step intervals; survey-metrics.md §6.1). Shares in [0, 1].
/// </summary>
public sealed class FunnelStage
{
    internal FunnelStage(string name, long reached, Estimate? stepConversion, Estimate cumulativeConversion)
    {
        Name = name;
        Reached = reached;
        StepConversion = stepConversion;
        CumulativeConversion = cumulativeConversion;
    }

    /// <summary>Stage name.</summary>
    public string Name { get; }

    /// <summary>n_i, the users who reached the stage.</summary>
    public long Reached { get; }

    /// <summary>n_i/n_{i−1}; null for the first stage or when n_{i−1} = 0.</summary>
    public Estimate? StepConversion { get; }

    /// <summary>n_i/n₀.</summary>
    public Estimate CumulativeConversion { get; }

    /// <summary>Drop-off 1 − c_i; null when the step conversion is.</summary>
    public double? DropOff => StepConversion is Estimate c ? 1.0 - c.Value : null;

    /// <summary>"checkout: 1,200 reached, step 30.0% [28.6%, 31.4%], cumulative 12.0% [11.4%, 12.7%]", invariant culture.</summary>
    public override string ToString() =>
        $"{Name}: {InvariantText.Count(Reached)} reached" +
        (StepConversion is { } step ? $", step {InvariantText.Percent(step.Value)} [{InvariantText.PercentBounds(step.Interval).Replace(" to ", ", ", StringComparison.Ordinal)}]" : "") +
        $", cumulative {InvariantText.Percent(CumulativeConversion.Value)} [{InvariantText.PercentBounds(CumulativeConversion.Interval).Replace(" to ", ", ", StringComparison.Ordinal)}]";
}
