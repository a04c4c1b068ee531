using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Grouping;
using TrustMetrics.Presentation;

namespace TrustMetrics.Survival;

/// <summary>Kaplan–Meier curves of several groups (segments) and the log-rank test between them.</summary>
/// <typeparam name="TKey">The group key type.</typeparam>
/// <param name="Groups">One curve per group, in the analyzer's group order (ordinal for strings, <see cref="Comparer{T}.Default"/> otherwise).</param>
/// <param name="LogRank">The log-rank test across all groups; null when there is only one group.</param>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed record SurvivalComparison<TKey>(IReadOnlyList<GroupResult<TKey, KaplanMeierResult>> Groups, LogRankResult<TKey>? LogRank) : ITabularResult
{
    /// <summary>"Kaplan–Meier by group: 2 groups, log-rank χ² = 122.249 (df 1), p = 2.04E-28" (invariant culture).</summary>
    public override string ToString() =>
        $"Kaplan–Meier by group: {InvariantText.Count(Groups.Count)} groups" + (LogRank is { } test ? $", {test}" : ", no log-rank test");

    /// <summary>Size, events and median survival per group, with the log-rank test as an HTML table (one well-formed <c>&lt;div&gt;</c>, text HTML-escaped, invariant culture) for notebooks and web pages.</summary>
    public string ToHtml() => ((ITabularResult)this).ToTable().ToHtml();

    /// <summary>Size, events and median survival per group, with the log-rank test as a markdown pipe table (cells escaped, invariant culture) to paste into issues, wikis and docs.</summary>
    public string ToMarkdown() => ((ITabularResult)this).ToTable().ToMarkdown();

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
