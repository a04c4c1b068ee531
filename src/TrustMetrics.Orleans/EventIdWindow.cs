using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace TrustMetrics.Orleans;

/// <summary>
/// The ids a key has counted, as 64-bit XxHash3 hashes in arrival order with a set for lookups, capped at a maximum (oldest
/// forgotten first). A hash instead of the id keeps the stored state at 8 bytes per event; two distinct ids of one key collide with
/// probability about m²/2⁶⁵ for m remembered ids (3·10⁻⁸ at a million), in which case the second event would be skipped.
/// </summary>
internal sealed class EventIdWindow
{
    private readonly Queue<ulong> order;
    private readonly HashSet<ulong> seen;
    private readonly int capacity;

    public EventIdWindow(ulong[] remembered, int capacity)
    {
        this.capacity = capacity;
        order = new Queue<ulong>(remembered);
        seen = [.. remembered];
    }

    public static ulong Hash(string eventId) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(eventId.AsSpan()));

    public bool Contains(ulong id) => seen.Contains(id);

    public void Add(ulong id)
    {
        if (!seen.Add(id))
        {
            return;
        }

        order.Enqueue(id);
        while (order.Count > capacity)
        {
            seen.Remove(order.Dequeue());
        }
    }

    public ulong[] ToArray() => order.ToArray();
}
