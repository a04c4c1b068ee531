namespace TrustMetrics.Cli.Report;

/// <summary>
/// One metric family's part of <c>trustmetrics report</c>. A builder names the inputs it reads; the report runs it when all of
/// them are available (given on the command line, or the embedded sample when no file is given at all). To add a family,
/// implement this interface in the family's folder and add the builder to <c>ReportSections.All</c> (the composition root beside
/// <c>TrustMetricsCli</c>): the report shell knows sections only through this interface.
/// </summary>
internal interface IReportSectionBuilder
{
    /// <summary>Stable id: the HTML anchor and the key of the section in report.json (survey, churn, survival, clv, …).</summary>
    string Id { get; }

    /// <summary>The inputs it needs, by name (survey, transactions, customers, tickets, reviews).</summary>
    IReadOnlyList<string> Inputs { get; }

    /// <summary>
    /// Computes the section; bad data throws <see cref="Input.InputException"/> naming file, line, column and value. Returns null
    /// when the input lacks what the section needs (a survey without trust-driver items, tickets without timestamps) after
    /// saying why with <see cref="ReportContext.Skip"/>: the rest of the report goes on.
    /// </summary>
    ReportSection? Build(ReportContext context);
}
