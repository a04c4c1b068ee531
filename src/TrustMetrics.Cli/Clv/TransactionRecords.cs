using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;
using TrustMetrics.Cli.Report;

namespace TrustMetrics.Cli.Clv;

/// <summary>
/// transactions.csv (customer_id, date, amount), read once per report through <see cref="ClvInput.Transactions(SurveySource, string, string, string?, Action{long}?)"/>
/// — the reader <c>clv summarize</c> and <c>repurchase</c> use — and shared by the CLV and repurchase sections.
/// </summary>
internal sealed record TransactionRecords(SurveySource Source, IReadOnlyList<(string Id, DateTime When, double Amount)> Rows, DateTime End)
{
    public static TransactionRecords For(ReportContext context) =>
        context.Shared(ReportInputs.Transactions, () => Read(context.Inputs[ReportInputs.Transactions]!, context.Progress));

    public static TransactionRecords Read(SurveySource source, IReportProgress progress)
    {
        using var step = progress.Start($"Reading {source.DisplayName}", "rows");
        var rows = ClvInput.Transactions(source, "customer_id", "date", "amount", step.Report).ToList();
        return new TransactionRecords(source, rows, rows.Max(r => r.When));
    }
}
