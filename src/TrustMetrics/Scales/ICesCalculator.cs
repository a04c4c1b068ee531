using TrustMetrics.Grouping;

namespace TrustMetrics.Scales;

/// <summary>Customer effort score (CES): percent easy (answers ≥ threshold, default 5–7 on 1–7) and mean answer.</summary>
public interface ICesCalculator : IScaleMetricCalculator;
