using TrustMetrics.Grouping;
using TrustMetrics.Survival;

namespace TrustMetrics.Cli.Survival;

/// <summary>
/// Kaplan–Meier by group for the command and the report section, with R's answer where the library's log-rank test refuses:
/// when no event happens while two or more groups are at risk (a segment where nobody has churned yet, or no churn at all),
/// R's <c>survdiff</c> (survival 3.5-3) reports every group with 0 observed and 0 expected events and χ² = 0, whose p-value
/// is 1; the curves are still drawn. Here the same: each group's curve, observed = expected = 0, χ² = 0 on k − 1 df, p = 1.
/// </summary>
internal static class GroupedSurvival
{
    /// <summary>The curves by group and the log-rank test (χ² = 0, p = 1 when no event can be compared).</summary>
    public static SurvivalComparison<string> Compare(SurvivalAnalyzer analyzer, IReadOnlyList<(string Group, double Duration, bool Event)> subjects,
        double confidence, SurvivalIntervalMethod method)
    {
        try
        {
            return analyzer.KaplanMeierByGroup(subjects, confidence, method);
        }
        catch (ArgumentException) when (subjects.Select(s => s.Group).Distinct(StringComparer.Ordinal).Count() >= 2 && NoComparableEvent(subjects))
        {
            var groups = subjects.GroupBy(s => s.Group, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
            var curves = groups.Select(g => new GroupResult<string, KaplanMeierResult>(g.Key,
                analyzer.KaplanMeier(SurvivalTally.FromDurations(g.Select(s => (s.Duration, s.Event))), confidence, method))).ToArray();
            var rows = groups.Select(g => new LogRankGroup<string>(g.Key, g.LongCount(), 0, 0, 0)).ToArray();
            return new SurvivalComparison<string>(curves, new LogRankResult<string>(rows, 0, groups.Count - 1, 1));
        }
    }

    // True when no event time has two or more groups at risk: every event happens after all other groups have left the risk set.
    private static bool NoComparableEvent(IReadOnlyList<(string Group, double Duration, bool Event)> subjects)
    {
        var lastTime = subjects.GroupBy(s => s.Group, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Max(s => s.Duration), StringComparer.Ordinal);
        return subjects.Where(s => s.Event).All(e => lastTime.Count(pair => pair.Key != e.Group && pair.Value >= e.Duration) == 0);
    }
}
