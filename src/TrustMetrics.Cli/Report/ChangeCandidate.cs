using TrustMetrics.Estimation;

namespace TrustMetrics.Cli.Report;

/// <summary>The unit a change is measured in: NPS, trust and net-sentiment points, percentage points of a share, or rating stars.</summary>
internal enum FindingUnit
{
    /// <summary>Points of a score (NPS −100..100, trust index 0..100).</summary>
    Points,

    /// <summary>Percentage points of a share (CSAT % satisfied, churn %, tickets answered in time %).</summary>
    PercentagePoints,

    /// <summary>Stars of a 1–5 rating.</summary>
    Stars,
}

/// <summary>
/// One tested change of one group's metric between two consecutive periods, as a section offers it to the key findings:
/// <see cref="Estimate"/> = value at <see cref="To"/> − value at <see cref="From"/> with its interval at the report's level, the
/// raw p and the p adjusted over the section's family of <see cref="Comparisons"/> comparisons (Holm). The key findings keep the
/// changes whose adjusted p is below 1 − level.
/// </summary>
/// <param name="Section">The section id (survey, trust, churn, service, reviews): the anchor of the link.</param>
/// <param name="Anchor">The in-page id the finding links to (a chart or table id, or the section id).</param>
/// <param name="Metric">Stable metric id: nps, csat, ces, trustIndex, trustDimension, churn, firstContactResolution, firstResponseSla, resolutionSla, rating.</param>
/// <param name="Measure">What the metric needs to be named: the trust dimension, the SLA hours; null otherwise.</param>
/// <param name="By">The breakdown column (segment, channel, product); null for everyone.</param>
/// <param name="Group">The group's value in <paramref name="By"/>; ignored when <paramref name="By"/> is null.</param>
/// <param name="From">The earlier period.</param>
/// <param name="To">The later period.</param>
/// <param name="Before">The group's value in <paramref name="From"/> (in the metric's display unit), if known.</param>
/// <param name="After">The group's value in <paramref name="To"/>, if known.</param>
/// <param name="Estimate">The change, value at <paramref name="To"/> − value at <paramref name="From"/>, in <paramref name="Unit"/>.</param>
/// <param name="StandardError">The standard error of the change.</param>
/// <param name="Lower">Lower bound of the change's interval.</param>
/// <param name="Upper">Upper bound of the change's interval.</param>
/// <param name="Level">The interval's confidence level.</param>
/// <param name="P">The raw two-sided p-value.</param>
/// <param name="AdjustedP">The p-value adjusted over the section's family (Holm).</param>
/// <param name="Comparisons">How many comparisons the family holds.</param>
/// <param name="HigherIsBetter">False for churn: a rise is the adverse direction.</param>
/// <param name="Unit">The unit of the change.</param>
internal sealed record ChangeCandidate(
    string Section,
    string Anchor,
    string Metric,
    string? Measure,
    string? By,
    string Group,
    string From,
    string To,
    double? Before,
    double? After,
    double Estimate,
    double StandardError,
    double Lower,
    double Upper,
    double Level,
    double P,
    double AdjustedP,
    int Comparisons,
    bool HigherIsBetter,
    FindingUnit Unit)
{
    /// <summary>True when the change goes the bad way (a fall of a good metric, a rise of churn).</summary>
    public bool Adverse => HigherIsBetter ? Estimate < 0 : Estimate > 0;

    /// <summary>|estimate| / SE: how many standard errors the change is from none (the ranking's measure of a clear signal).</summary>
    public double Strength => StandardError > 0 && double.IsFinite(StandardError) ? Math.Abs(Estimate) / StandardError : double.PositiveInfinity;

    /// <summary>Same metric of the same group (the next change of a dip is its recovery).</summary>
    public bool SameSeries(ChangeCandidate other) =>
        Section == other.Section && Metric == other.Metric && Measure == other.Measure && By == other.By && (By is null || Group == other.Group);

    /// <summary>A candidate from a core difference test whose p-value the section has already adjusted.</summary>
    public static ChangeCandidate FromTest(string section, string anchor, string metric, string? measure, string? by, string group, string from, string to,
        double? before, double? after, DifferenceTest test, double adjustedP, int comparisons, bool higherIsBetter, FindingUnit unit) =>
        new(section, anchor, metric, measure, by, group, from, to, before, after, test.Difference, test.StandardError, test.Interval.Lower, test.Interval.Upper,
            test.Interval.Level, test.PValue, adjustedP, comparisons, higherIsBetter, unit);
}

/// <summary>
/// A family of period-over-period comparisons a section runs together (every group × every consecutive pair of periods × every
/// measure): <see cref="Candidates"/> adjusts their p-values with Holm's step-down method over the whole family, so a flagged
/// change is not the luck of many looks.
/// </summary>
internal sealed class ChangeFamily
{
    private readonly List<(ChangeCandidate Candidate, double P)> items = [];

    /// <summary>Adds one comparison (its adjusted p is filled in by <see cref="Candidates"/>).</summary>
    public void Add(string section, string anchor, string metric, string? measure, string? by, string group, string from, string to,
        double? before, double? after, DifferenceTest test, bool higherIsBetter, FindingUnit unit) =>
        items.Add((ChangeCandidate.FromTest(section, anchor, metric, measure, by, group, from, to, before, after, test, test.PValue, 0, higherIsBetter, unit), test.PValue));

    public int Count => items.Count;

    /// <summary>Every comparison with its Holm-adjusted p over the family (R <c>p.adjust(p, "holm")</c>).</summary>
    public IReadOnlyList<ChangeCandidate> Candidates()
    {
        double[] adjusted = MultipleComparisons.HolmAdjust(items.Select(i => i.P).ToArray());
        return items.Select((item, i) => item.Candidate with { AdjustedP = adjusted[i], Comparisons = items.Count }).ToList();
    }
}
