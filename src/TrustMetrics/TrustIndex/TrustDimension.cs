namespace TrustMetrics.TrustIndex;

/// <summary>A dimension (driver) of the trust index and the survey items that measure it; its score is the mean of its items.</summary>
/// <param name="Name">Dimension name, for example "transparency". Unique within a model.</param>
/// <param name="Items">Names of the items (columns of <see cref="TrustSurvey.ItemNames"/>) that measure it; at least one.</param>
public sealed record TrustDimension(string Name, IReadOnlyList<string> Items);
