using TrustMetrics.Grouping;
using TrustMetrics.Survival;

namespace TrustMetrics.Cli.Survival;

/// <summary>
/// Kaplan–Meier by group for the command and the report section. When no event happens while two or more groups are at risk
/// (a segment where nobody has churned yet, or no churn at all) the core's log-rank test answers as R's <c>survdiff</c>
/// (survival 3.5-3): χ² = 0 and p = 1 (R prints p as NA), and the curves are still drawn.
/// </summary>
internal static class GroupedSurvival
{
    /// <summary>The curves by group and the log-rank test (χ² = 0, p = 1 when no event can be compared).</summary>
    public static SurvivalComparison<string> Compare(SurvivalAnalyzer analyzer, IReadOnlyList<(string Group, double Duration, bool Event)> subjects,
        double confidence, SurvivalIntervalMethod method)
    {
        return analyzer.KaplanMeierByGroup(subjects, confidence, method);
    }
}
