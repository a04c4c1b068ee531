using TrustMetrics.Cli.Report.Sections;

namespace TrustMetrics.Cli.Report;

/// <summary>The report's sections, in page order: one per metric family in the library.</summary>
internal static class ReportSections
{
    /// <summary>
    /// Every section builder. Extension points: the trust index (issue 5) reads the survey's driver items
    /// (transparency1 … empathy3) and adds dimensions with reliability flags and driver importance; service metrics (issue 6)
    /// read tickets and reviews and add service-time percentiles and review sentiment. Each is one more builder here.
    /// </summary>
    public static IReadOnlyList<IReportSectionBuilder> All { get; } =
    [
        new SurveySection(),
        new ChurnSection(),
        new SurvivalSection(),
        new ClvSection(),
    ];
}
