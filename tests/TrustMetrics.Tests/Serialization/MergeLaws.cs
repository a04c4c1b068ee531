using TrustMetrics.Serialization;

namespace TrustMetrics.Tests.Serialization;

/// <summary>
/// The laws every accumulator state obeys, checked on tallies built from three data sets xs, ys, zs. Tallies are compared through
/// the JSON of their states, which is canonical (equal data give equal JSON), so types without value equality are covered too.
/// </summary>
internal static class MergeLaws
{
    public static void Hold<TData, TTally, TState>(
        TData[] xs, TData[] ys, TData[] zs,
        Func<TData[], TTally> build, TTally empty, Func<TTally, TTally, TTally> merge,
        Func<TTally, TState> toState, Func<TState, TTally> fromState)
    {
        string Json(TTally t) => AccumulatorJson.Serialize(toState(t));
        var (a, b, c) = (build(xs), build(ys), build(zs));

        // JSON round trip is the identity (and the state survives twice).
        string json = Json(a);
        var back = fromState(AccumulatorJson.Deserialize<TState>(json));
        Assert.Equal(json, Json(back));
        Assert.Equal(json, Json(fromState(AccumulatorJson.Deserialize<TState>(AccumulatorJson.SerializeToUtf8Bytes(toState(back))))));
        if (a is IEquatable<TTally>)
        {
            Assert.Equal(a, back);
        }

        // Associative, commutative, with the empty tally as identity on both sides.
        Assert.Equal(Json(merge(merge(a, b), c)), Json(merge(a, merge(b, c))));
        Assert.Equal(Json(merge(a, b)), Json(merge(b, a)));
        Assert.Equal(json, Json(merge(a, empty)));
        Assert.Equal(json, Json(merge(empty, a)));

        // Merge = concatenation: the tally of xs ++ ys is the merge of the tallies, and merging a deserialised partial changes nothing.
        string whole = Json(build([.. xs, .. ys]));
        Assert.Equal(whole, Json(merge(a, b)));
        Assert.Equal(whole, Json(merge(back, fromState(AccumulatorJson.Deserialize<TState>(Json(b))))));
    }
}
