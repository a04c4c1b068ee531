using System.CommandLine;
using TrustMetrics.Cli.Commands;

namespace TrustMetrics.Cli;

/// <summary>The <c>trustmetrics</c> command tree. Exit codes: 0 success, 1 invalid command line, 2 bad input data.</summary>
internal static class TrustMetricsCli
{
    public static RootCommand Create(CliContext context)
    {
        var root = new RootCommand("trustmetrics: customer trust and loyalty metrics (NPS, CSAT, CES) with confidence intervals, from CSV files.")
        {
            NpsCommand.Create(context),
            ScaleCommand.CreateCsat(context),
            ScaleCommand.CreateCes(context),
            ReportCommand.Create(context),
            ChurnCommand.Create(context),
            RetentionCommand.Create(context),
            SurvivalCommand.Create(context),
            ClvCommand.Create(context),
            TrustIndexCommand.Create(context),
            ReviewsCommand.Create(context),
            SentimentCommand.Create(context),
            ServiceCommand.Create(context),
            FunnelCommand.Create(context),
            RepurchaseCommand.Create(context),
        };
        return root;
    }

    public static int Run(string[] args, CliContext context) =>
        Create(context).Parse(args).Invoke(new InvocationConfiguration { Output = context.Output, Error = context.Error });
}
