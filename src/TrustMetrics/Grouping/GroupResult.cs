namespace TrustMetrics.Grouping;

/// <summary>The result of one group (segment, channel, month, …) of a breakdown.</summary>
/// <typeparam name="TKey">The group key type.</typeparam>
/// <typeparam name="TResult">The per-group result type.</typeparam>
/// <param name="Group">The group key.</param>
/// <param name="Result">The metric computed over that group's responses.</param>
public readonly record struct GroupResult<TKey, TResult>(TKey Group, TResult Result);
