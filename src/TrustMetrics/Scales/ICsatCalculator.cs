using TrustMetrics.Grouping;

namespace TrustMetrics.Scales;

/// <summary>Customer satisfaction (CSAT): percent satisfied (answers ≥ threshold, default 4–5 on 1–5) and mean answer.</summary>
public interface ICsatCalculator : IScaleMetricCalculator;
