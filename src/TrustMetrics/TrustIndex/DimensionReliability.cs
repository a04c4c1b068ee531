namespace TrustMetrics.TrustIndex;

/// <summary>
/// Internal consistency of a dimension's items (complete cases, sample variances with n − 1): raw Cronbach's alpha
/// α = k/(k−1)·(1 − Σ s_i²/s_T²) (Cronbach 1951) and standardised alpha α_std = k·r̄/(1 + (k−1)·r̄) with r̄ the mean
/// inter-item correlation. Undefined values are null with <see cref="UndefinedReason"/> saying why — a single item, fewer than
/// two complete responses, a total score without variance (raw), or an item without variance (standardised). Equal,
/// non-constant items give α = α_std = 1.
/// </summary>
/// <param name="CompleteCases">Respondents who answered every item of the dimension (the rows the statistics use).</param>
/// <param name="CronbachAlpha">Raw alpha, or null when undefined. Can be negative.</param>
/// <param name="StandardizedAlpha">Standardised alpha, or null when undefined.</param>
/// <param name="MeanInterItemCorrelation">r̄, or null when undefined.</param>
/// <param name="UndefinedReason">Why a coefficient is null; null when both are defined.</param>
/// <param name="IsBelowThreshold">True when raw alpha is defined and below the warning threshold (default 0.7).</param>
/// <param name="Items">Per-item statistics in the dimension's item order.</param>
public sealed record DimensionReliability(
    long CompleteCases,
    double? CronbachAlpha,
    double? StandardizedAlpha,
    double? MeanInterItemCorrelation,
    string? UndefinedReason,
    bool IsBelowThreshold,
    IReadOnlyList<ItemStatistics> Items);
