using TrustMetrics.Cli.Report.Sections;

namespace TrustMetrics.Cli.Report;

/// <summary>The report's sections, in page order: one per metric family in the library.</summary>
internal static class ReportSections
{
    /// <summary>
    /// Every section builder: the survey, the trust index (the survey's driver items), churn and survival (customers), CLV and
    /// repurchase (transactions), service (tickets) and reviews. A new family is one more builder here.
    /// </summary>
    public static IReadOnlyList<IReportSectionBuilder> All { get; } =
    [
        new SurveySection(),
        new TrustSection(),
        new ChurnSection(),
        new SurvivalSection(),
        new ClvSection(),
        new RepurchaseSection(),
        new ServiceSection(),
        new ReviewsSection(),
    ];
}
