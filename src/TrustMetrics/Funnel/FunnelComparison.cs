using TrustMetrics.Estimation;

namespace TrustMetrics.Funnel;

/// <summary>Two funnels (variants A/B or two periods) compared step by step (Holm-adjusted) and overall.</summary>
/// <param name="Steps">One comparison per step (stage 1 … K), skipping steps where either funnel has nobody at the previous stage.</param>
/// <param name="Overall">The overall conversion n_K/n₀ compared (pooled z, Newcombe interval).</param>
public sealed record FunnelComparison(IReadOnlyList<FunnelStageComparison> Steps, DifferenceTest Overall);
