using TrustMetrics.Cli.Churn;
using TrustMetrics.Cli.Clv;
using TrustMetrics.Cli.Nps;
using TrustMetrics.Cli.Report;
using TrustMetrics.Cli.Repurchase;
using TrustMetrics.Cli.Reviews;
using TrustMetrics.Cli.Service;
using TrustMetrics.Cli.Survival;
using TrustMetrics.Cli.TrustIndex;
namespace TrustMetrics.Cli;

/// <summary>
/// The report's sections, in page order: one per metric family in the library. This is the composition root: the report shell
/// (Report/) knows sections only through <see cref="IReportSectionBuilder"/>, the family folders know the shell, and only this
/// list names both.
/// </summary>
internal static class ReportSections
{
    /// <summary>
    /// Every section builder: the survey, the trust index (the survey's driver items), churn and survival (customers), CLV and
    /// repurchase (transactions), service (tickets) and reviews. A new family is one more builder here.
    /// </summary>
    public static IReadOnlyList<IReportSectionBuilder> All { get; } =
    [
        new SurveySection(),
        new Scales.WeightingSection(), // runs only with --rake
        new TrustSection(),
        new ChurnSection(),
        new SurvivalSection(),
        new CoxSection(),
        new ClvSection(),
        new CustomerValueSection(),
        new RepurchaseSection(),
        new ServiceSection(),
        new ReviewsSection(),
        new TrustMetrics.Cli.Sentiment.SentimentSection(),
    ];
}
