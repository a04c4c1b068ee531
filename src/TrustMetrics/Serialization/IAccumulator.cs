namespace TrustMetrics.Serialization;

/// <summary>
/// The one accumulator contract of the library: a tally (or sketch) is built anywhere — per shard, per day, per file — and
/// merged; its state travels as small, versioned JSON (camelCase, a <c>version</c> field first) and is read back with
/// validation. For every accumulator <c>a</c>, <c>b</c>: <c>a.Merge(b)</c> equals the accumulator of the concatenated input,
/// and <c>FromJson(a.ToJson())</c> equals <c>a</c>.
/// </summary>
/// <typeparam name="TSelf">The accumulator type itself.</typeparam>
public interface IAccumulator<TSelf> where TSelf : IAccumulator<TSelf>
{
    /// <summary>The accumulator of both inputs together (associative; commutative where the statistic ignores order).</summary>
    /// <param name="other">An accumulator of the same kind and settings.</param>
    /// <exception cref="ArgumentException">The two were built with incompatible settings; the message names them.</exception>
    TSelf Merge(TSelf other);

    /// <summary>The versioned state as compact JSON, for storage or to send to the process that merges.</summary>
    string ToJson();

    /// <summary>Reads and validates a state written by <see cref="ToJson"/> (this version or an older one).</summary>
    /// <param name="json">The JSON document.</param>
    /// <exception cref="ArgumentException">The JSON is malformed, of an unknown version or holds an invalid value; the message names the field and value.</exception>
    static abstract TSelf FromJson(string json);
}
