namespace TrustMetrics.TrustIndex;

/// <summary>A dimension (driver) of the trust index and the survey items that measure it; its score is the mean of its items.</summary>
public sealed class TrustDimension
{
    private readonly string[] items;

    /// <summary>Creates a dimension; the item list is copied.</summary>
    /// <param name="name">Dimension name, for example "transparency"; not blank. Unique within a model.</param>
    /// <param name="items">Names of the items (columns of <see cref="TrustSurvey.ItemNames"/>) that measure it: at least one, not blank, distinct.</param>
    /// <exception cref="ArgumentException">The name is blank, or an item is blank or repeated (the message names its index), or there are no items.</exception>
    public TrustDimension(string name, IReadOnlyList<string> items)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            throw new ArgumentException($"Dimension '{name}' has no items.", nameof(items));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < items.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(items[i]) || !seen.Add(items[i]))
            {
                throw new ArgumentException($"Dimension '{name}': items[{i}] = '{items[i]}' is blank or repeated; item names must be distinct.", nameof(items));
            }
        }

        Name = name;
        this.items = [.. items];
    }

    /// <summary>Dimension name.</summary>
    public string Name { get; }

    /// <summary>Names of the items that measure it, in order.</summary>
    public IReadOnlyList<string> Items => items;
}
