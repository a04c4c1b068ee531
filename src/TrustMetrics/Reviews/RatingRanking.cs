using System.Collections;
using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Presentation;

namespace TrustMetrics.Reviews;

/// <summary>
/// Items ranked best first by <see cref="Key"/>, each with its <see cref="RatingResult"/> under the shared <see cref="Prior"/>: a
/// read-only list of (item, result) pairs — the item at index i has rank i + 1 — that <see cref="ResultFormatter"/> renders as a
/// table (notebooks, markdown, HTML). <c>foreach (var (item, result) in ranking)</c> reads it in rank order.
/// </summary>
/// <typeparam name="TKey">Item key type.</typeparam>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class RatingRanking<TKey> : IReadOnlyList<KeyValuePair<TKey, RatingResult>>, ITabularResult
{
    private readonly KeyValuePair<TKey, RatingResult>[] items;

    internal RatingRanking(KeyValuePair<TKey, RatingResult>[] items, RatingRankKey key, RatingPrior? prior)
    {
        this.items = items;
        Key = key;
        Prior = prior;
    }

    /// <summary>What the items are sorted by (descending).</summary>
    public RatingRankKey Key { get; }

    /// <summary>The prior shared by every item's Bayesian average; null when the ranking is empty.</summary>
    public RatingPrior? Prior { get; }

    /// <inheritdoc/>
    public int Count => items.Length;

    /// <summary>The item of rank <paramref name="index"/> + 1 and its result.</summary>
    /// <param name="index">0 for the best item.</param>
    public KeyValuePair<TKey, RatingResult> this[int index] => items[index];

    /// <summary>The items with their 1-based ranks, best first.</summary>
    internal IEnumerable<RatedItem<TKey>> Ranked => items.Select((pair, index) => new RatedItem<TKey>(index + 1, pair.Key, pair.Value));

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<TKey, RatingResult>> GetEnumerator() => ((IEnumerable<KeyValuePair<TKey, RatingResult>>)items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>"Ranking of 5 items by BayesianAverage: 1. rice_cooker (4.33), 2. refrigerator (4.21), …", invariant culture.</summary>
    public override string ToString() =>
        $"Ranking of {InvariantText.Count(Count)} items by {Key}" + (Count == 0 ? "" : ": " +
            string.Join(", ", items.Take(3).Select((i, k) => $"{InvariantText.Count(k + 1)}. {InvariantText.Key(i.Key)} ({InvariantText.Number(SortValue(i.Value), "0.00")})")) +
            (Count > 3 ? ", …" : ""));

    ResultTable ITabularResult.ToTable()
    {
        var level = Count > 0 ? items[0].Value.Mean.Interval : new Estimation.ConfidenceInterval(0, 0, 0.95, "none");
        var table = RatingTables.Create($"Ratings ranked by {Key}", level, rank: true);
        for (int i = 0; i < Math.Min(Count, ResultTable.MaxRows); i++)
        {
            RatingTables.AddRow(table, i + 1, InvariantText.Key(items[i].Key), items[i].Value);
        }

        if (Count > ResultTable.MaxRows)
        {
            table.Note(ResultTable.Truncated(ResultTable.MaxRows, Count, "the ranking itself"));
        }

        return Count == 0
            ? table.Note("No items.")
            : RatingTables.Notes(table, items[0].Value.Tally.Scale, items[0].Value.PositiveThreshold, Prior);
    }

    private double SortValue(RatingResult result) => Key switch
    {
        RatingRankKey.WilsonLowerBound => result.WilsonLowerBound,
        RatingRankKey.DirichletScore => result.DirichletScore,
        RatingRankKey.Mean => result.Mean.Value,
        _ => result.BayesianAverage,
    };
}
