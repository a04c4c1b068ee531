using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Grouping;
using TrustMetrics.Presentation;

namespace TrustMetrics.Survival;

/// <summary>Kaplan–Meier curves of several groups (segments) and the log-rank test between them.</summary>
/// <typeparam name="TKey">The group key type.</typeparam>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class SurvivalComparison<TKey> : ITabularResult
{
    internal SurvivalComparison(GroupResult<TKey, KaplanMeierResult>[] groups, LogRankResult<TKey>? logRank)
    {
        Groups = Array.AsReadOnly(groups);
        LogRank = logRank;
    }

    /// <summary>One curve per group, in the analyzer's group order (ordinal for strings, <see cref="Comparer{T}.Default"/> otherwise).</summary>
    public IReadOnlyList<GroupResult<TKey, KaplanMeierResult>> Groups { get; }

    /// <summary>The log-rank test across all groups; null when there is only one group.</summary>
    public LogRankResult<TKey>? LogRank { get; }

    /// <summary>"Kaplan–Meier by group: 2 groups, log-rank χ² = 122.249 (df 1), p = 2.04E-28" (invariant culture).</summary>
    public override string ToString() =>
        $"Kaplan–Meier by group: {InvariantText.Count(Groups.Count)} groups" + (LogRank is { } test ? $", {test}" : ", no log-rank test");

    ResultTable ITabularResult.ToTable()
    {
        double level = Groups.Count > 0 ? Groups[0].Result.ConfidenceLevel : 0.95;
        var table = new ResultTable("Survival by group", "group", "n", "events", "censored", "median", $"{InvariantText.Level(level)} CI of the median");
        foreach (var (group, km) in Groups)
        {
            var m = km.Median;
            table.Row(InvariantText.Key(group), InvariantText.Count(km.Count), InvariantText.Count(km.EventCount), InvariantText.Count(km.CensoredCount),
                m.Time is { } t ? InvariantText.Number(t, "G6") : "not reached",
                $"{InvariantText.Optional(m.Lower, "G6")} to {InvariantText.Optional(m.Upper, "G6")}");
        }

        return LogRank is { } test ? table.Note(test.ToString()) : table;
    }
}
