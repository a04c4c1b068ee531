using TrustMetrics.Estimation;

namespace TrustMetrics.Funnel;

/// <summary>A funnel's stages and its overall conversion n_K/n₀ (= the last stage's cumulative conversion).</summary>
/// <param name="Tally">The counts.</param>
/// <param name="Stages">One entry per stage, in order.</param>
public sealed record FunnelResult(FunnelTally Tally, IReadOnlyList<FunnelStage> Stages)
{
    /// <summary>Overall conversion n_K/n₀ with its Wilson interval.</summary>
    public Estimate Overall => Stages[^1].CumulativeConversion;
}
