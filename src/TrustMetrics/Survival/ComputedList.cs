using System.Collections;

namespace TrustMetrics.Survival;

/// <summary>
/// A read-only list whose rows are computed from column arrays when read, so a result over millions of distinct times holds
/// only its columns (no row objects, no interval bounds computed that nobody reads). Immutable and thread-safe.
/// </summary>
internal sealed class ComputedList<T>(int count, Func<int, T> row) : IReadOnlyList<T>
{
    public int Count => count;

    public T this[int index] => (uint)index < (uint)count
        ? row(index)
        : throw new ArgumentOutOfRangeException(nameof(index), index, $"index must lie in [0, {count}); got {index}.");

    public IEnumerator<T> GetEnumerator()
    {
        for (int i = 0; i < count; i++)
        {
            yield return row(i);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
