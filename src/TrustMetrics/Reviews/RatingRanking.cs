using System.Collections;
using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Presentation;

namespace TrustMetrics.Reviews;

/// <summary>
/// Items ranked best first by <see cref="Key"/>, each with its <see cref="RatingResult"/> under the shared <see cref="Prior"/>: a
/// read-only list of <see cref="RatedItem{TKey}"/> that also renders itself as a table (notebooks, markdown, HTML).
/// </summary>
/// <typeparam name="TKey">Item key type.</typeparam>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class RatingRanking<TKey> : IReadOnlyList<RatedItem<TKey>>, ITabularResult
{
    private readonly IReadOnlyList<RatedItem<TKey>> items;

    /// <summary>A ranking of <paramref name="items"/> (already in rank order) by <paramref name="key"/> under <paramref name="prior"/>.</summary>
    /// <param name="items">The ranked items, best first.</param>
    /// <param name="key">What the items were sorted by.</param>
    /// <param name="prior">The prior every item's Bayesian average used; null for an empty ranking.</param>
    public RatingRanking(IReadOnlyList<RatedItem<TKey>> items, RatingRankKey key, RatingPrior? prior)
    {
        ArgumentNullException.ThrowIfNull(items);
        this.items = items;
        Key = key;
        Prior = prior;
    }

    /// <summary>What the items are sorted by (descending).</summary>
    public RatingRankKey Key { get; }

    /// <summary>The prior shared by every item's Bayesian average; null when the ranking is empty.</summary>
    public RatingPrior? Prior { get; }

    /// <inheritdoc/>
    public int Count => items.Count;

    /// <inheritdoc/>
    public RatedItem<TKey> this[int index] => items[index];

    /// <inheritdoc/>
    public IEnumerator<RatedItem<TKey>> GetEnumerator() => items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>"Ranking of 5 items by BayesianAverage: 1. rice_cooker (4.33), 2. refrigerator (4.21), …", invariant culture.</summary>
    public override string ToString() =>
        $"Ranking of {InvariantText.Count(Count)} items by {Key}" + (Count == 0 ? "" : ": " +
            string.Join(", ", items.Take(3).Select(i => $"{InvariantText.Count(i.Rank)}. {InvariantText.Key(i.Item)} ({InvariantText.Number(SortValue(i.Result), "0.00")})")) +
            (Count > 3 ? ", …" : ""));

    /// <summary>One row per item in rank order (n, mean, Bayesian average, positive share, Wilson lower bound, Dirichlet score) as an HTML table (one well-formed <c>&lt;div&gt;</c>, text HTML-escaped, invariant culture).</summary>
    public string ToHtml() => ((ITabularResult)this).ToTable().ToHtml();

    /// <summary>The same table as <see cref="ToHtml"/> as a markdown pipe table (cells escaped, invariant culture).</summary>
    public string ToMarkdown() => ((ITabularResult)this).ToTable().ToMarkdown();

    ResultTable ITabularResult.ToTable()
    {
        var level = Count > 0 ? items[0].Result.Mean.Interval : new Estimation.ConfidenceInterval(0, 0, 0.95, "none");
        var table = RatingTables.Create($"Ratings ranked by {Key}", level, rank: true);
        foreach (var item in items.Take(ResultTable.MaxRows))
        {
            RatingTables.AddRow(table, item.Rank, InvariantText.Key(item.Item), item.Result);
        }

        if (Count > ResultTable.MaxRows)
        {
            table.Note(ResultTable.Truncated(ResultTable.MaxRows, Count, "the ranking itself"));
        }

        return Count == 0
            ? table.Note("No items.")
            : RatingTables.Notes(table, items[0].Result.Tally.Scale, items[0].Result.PositiveThreshold, Prior);
    }

    private double SortValue(RatingResult result) => Key switch
    {
        RatingRankKey.WilsonLowerBound => result.WilsonLowerBound,
        RatingRankKey.DirichletScore => result.DirichletScore,
        RatingRankKey.Mean => result.Mean.Value,
        _ => result.BayesianAverage,
    };
}
