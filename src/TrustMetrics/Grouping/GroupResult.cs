namespace TrustMetrics.Grouping;

/// <summary>
/// The result of one group (segment, channel, month, …) of a breakdown: the key and the metric computed over that group's
/// responses. Built by the calculators' <c>CalculateByGroup</c>; it deconstructs like a <see cref="KeyValuePair{TKey, TValue}"/>,
/// so <c>foreach (var (group, result) in breakdown)</c> works.
/// </summary>
/// <typeparam name="TKey">The group key type.</typeparam>
/// <typeparam name="TResult">The per-group result type.</typeparam>
public sealed class GroupResult<TKey, TResult>
{
    internal GroupResult(TKey group, TResult result)
    {
        Group = group;
        Result = result;
    }

    /// <summary>The group key.</summary>
    public TKey Group { get; }

    /// <summary>The metric computed over that group's responses.</summary>
    public TResult Result { get; }

    /// <summary>The key and the result, for <c>var (group, result) = item</c>.</summary>
    /// <param name="group">The group key.</param>
    /// <param name="result">The group's result.</param>
    public void Deconstruct(out TKey group, out TResult result)
    {
        group = Group;
        result = Result;
    }

    /// <summary>"key: result" (the result's own one-line summary).</summary>
    public override string ToString() => $"{Group}: {Result}";
}
