using TrustMetrics.Estimation;
using TrustMetrics.Presentation;

namespace TrustMetrics.Funnel;

/// <summary>
/// One stage of a funnel result: users reaching it n_i, conversion from the previous stage c_i = n_i/n_{i−1} with its Wilson
/// interval and drop-off 1 − c_i (null for the first stage), and cumulative conversion n_i/n₀ with its Wilson interval
/// (computed directly, not as a product of the step intervals; survey-metrics.md §6.1). Shares in [0, 1].
/// </summary>
/// <param name="Name">Stage name.</param>
/// <param name="Reached">n_i.</param>
/// <param name="StepConversion">n_i/n_{i−1}; null for the first stage or when n_{i−1} = 0.</param>
/// <param name="CumulativeConversion">n_i/n₀.</param>
public sealed record FunnelStage(string Name, long Reached, Estimate? StepConversion, Estimate CumulativeConversion)
{
    /// <summary>Drop-off 1 − c_i; null when the step conversion is.</summary>
    public double? DropOff => StepConversion is Estimate c ? 1.0 - c.Value : null;

    /// <summary>"checkout: 1,200 reached, step 30.0% [28.6%, 31.4%], cumulative 12.0% [11.4%, 12.7%]", invariant culture.</summary>
    public override string ToString() =>
        $"{Name}: {InvariantText.Count(Reached)} reached" +
        (StepConversion is { } step ? $", step {InvariantText.Percent(step.Value)} [{InvariantText.PercentBounds(step.Interval).Replace(" to ", ", ", StringComparison.Ordinal)}]" : "") +
        $", cumulative {InvariantText.Percent(CumulativeConversion.Value)} [{InvariantText.PercentBounds(CumulativeConversion.Interval).Replace(" to ", ", ", StringComparison.Ordinal)}]";
}
