using System.Globalization;
using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Presentation;

namespace TrustMetrics.Survival;

/// <summary>
/// One pair of a pairwise log-rank comparison: the (weighted, stratified) log-rank test of <see cref="First"/> against
/// <see cref="Second"/> on their own subjects, with its raw and Holm-adjusted p-values.
/// </summary>
/// <typeparam name="TKey">The group key type.</typeparam>
public sealed class LogRankPair<TKey>
{
    internal LogRankPair(TKey first, TKey second, LogRankResult<TKey> test, double adjustedPValue)
    {
        First = first;
        Second = second;
        Test = test;
        AdjustedPValue = adjustedPValue;
    }

    /// <summary>The first group of the pair (earlier in the group order).</summary>
    public TKey First { get; }

    /// <summary>The second group of the pair.</summary>
    public TKey Second { get; }

    /// <summary>The two-group test on the pair's subjects only (R <c>survdiff</c> on the subset).</summary>
    public LogRankResult<TKey> Test { get; }

    /// <summary>χ² of the pair (1 df, or 0 df and χ² = 0 when no event happened while both were at risk).</summary>
    public double ChiSquare => Test.ChiSquare;

    /// <summary>The unadjusted p-value of the pair.</summary>
    public double PValue => Test.PValue;

    /// <summary>The p-value adjusted for all pairs by Holm's step-down method (Holm 1979; R <c>p.adjust(p, "holm")</c>).</summary>
    public double AdjustedPValue { get; }
}

/// <summary>
/// Pairwise log-rank tests between every two of k groups (k(k − 1)/2 pairs, as R survminer's <c>pairwise_survdiff</c>: each pair
/// tested on its own subjects), p-values adjusted by Holm's method, which keeps the family-wise error rate without assuming
/// independence.
/// </summary>
/// <typeparam name="TKey">The group key type.</typeparam>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class PairwiseLogRankResult<TKey> : ITabularResult
{
    internal PairwiseLogRankResult(LogRankPair<TKey>[] pairs, LogRankWeights weights)
    {
        Pairs = Array.AsReadOnly(pairs);
        Weights = weights;
    }

    /// <summary>The pairs in order (g₁, g₂), (g₁, g₃), …, (g₂, g₃), … of the groups as given.</summary>
    public IReadOnlyList<LogRankPair<TKey>> Pairs { get; }

    /// <summary>The weights of every pair's test.</summary>
    public LogRankWeights Weights { get; }

    /// <summary>The adjustment method: "holm".</summary>
    public string Adjustment => "holm";

    /// <summary>"Pairwise log-rank: 3 pairs, Holm-adjusted; smallest adjusted p = 0.0123" (invariant culture).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"Pairwise {Weights}: {Pairs.Count} pairs, Holm-adjusted; smallest adjusted p = {Pairs.Min(p => p.AdjustedPValue):G3}");

    ResultTable ITabularResult.ToTable()
    {
        var table = new ResultTable($"Pairwise {Weights} tests (Holm)", "pair", "χ²", "df", "p", "Holm p");
        foreach (var pair in Pairs)
        {
            table.Row($"{InvariantText.Key(pair.First)} vs {InvariantText.Key(pair.Second)}", InvariantText.Number(pair.ChiSquare, "0.###"),
                InvariantText.Count(pair.Test.DegreesOfFreedom), InvariantText.Number(pair.PValue, "G3"), InvariantText.Number(pair.AdjustedPValue, "G3"));
        }

        return table.Note(ToString());
    }
}
