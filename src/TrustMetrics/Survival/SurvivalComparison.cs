using TrustMetrics.Grouping;

namespace TrustMetrics.Survival;

/// <summary>Kaplan–Meier curves of several groups (segments) and the log-rank test between them.</summary>
/// <typeparam name="TKey">The group key type.</typeparam>
/// <param name="Groups">One curve per group, in the analyzer's group order (ordinal for strings, <see cref="Comparer{T}.Default"/> otherwise).</param>
/// <param name="LogRank">The log-rank test across all groups; null when there is only one group.</param>
public sealed record SurvivalComparison<TKey>(IReadOnlyList<GroupResult<TKey, KaplanMeierResult>> Groups, LogRankResult<TKey>? LogRank);
