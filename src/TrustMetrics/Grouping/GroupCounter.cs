using System.Runtime.InteropServices;

namespace TrustMetrics.Grouping;

/// <summary>
/// One-pass group-by for bucketed counts: each key owns a small <c>long[]</c> of buckets. Used by every breakdown so the
/// grouping logic (key order, one dictionary probe per row) lives in one place.
/// </summary>
internal sealed class GroupCounter<TKey>(int buckets) where TKey : notnull
{
    private readonly Dictionary<TKey, long[]> groups = [];

    public void Add(TKey key, int bucket)
    {
        ref long[]? slot = ref CollectionsMarshal.GetValueRefOrAddDefault(groups, key, out _);
        slot ??= new long[buckets];
        slot[bucket]++;
    }

    /// <summary>The groups in a stable order: ordinal for strings, <see cref="Comparer{T}.Default"/> otherwise.</summary>
    public IEnumerable<KeyValuePair<TKey, long[]>> Ordered()
    {
        var comparer = typeof(TKey) == typeof(string) ? (IComparer<TKey>)(object)StringComparer.Ordinal : Comparer<TKey>.Default;
        return groups.OrderBy(pair => pair.Key, comparer);
    }
}
