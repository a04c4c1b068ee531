namespace TrustMetrics.TrustIndex;

/// <summary>
/// The five default trust drivers: transparency, consistency, accountability, expertise and empathy (mapped onto Mayer, Davis
/// &amp; Schoorman's ability, benevolence and integrity in docs/trust-index.md), each measured by items named
/// <c>&lt;driver&gt;1</c> … <c>&lt;driver&gt;k</c>.
/// </summary>
public static class TrustDrivers
{
    /// <summary>The five driver names in their documented order: "transparency", "consistency", "accountability", "expertise", "empathy".</summary>
    public static IReadOnlyList<string> Names { get; } = Array.AsReadOnly<string>(["transparency", "consistency", "accountability", "expertise", "empathy"]);

    /// <summary>The five drivers with items <c>&lt;driver&gt;1</c> … <c>&lt;driver&gt;{itemsPerDriver}</c> (default 3: transparency1, transparency2, transparency3, …).</summary>
    /// <param name="itemsPerDriver">Items per driver, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="itemsPerDriver"/> is below 1.</exception>
    public static IReadOnlyList<TrustDimension> Default(int itemsPerDriver = 3)
    {
        if (itemsPerDriver < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(itemsPerDriver), itemsPerDriver, $"A driver needs at least one item; got {itemsPerDriver}.");
        }

        return Names.Select(name => new TrustDimension(name,
            Enumerable.Range(1, itemsPerDriver).Select(i => name + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray())).ToArray();
    }
}
