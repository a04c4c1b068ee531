using System.CommandLine;
using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Churn;
using TrustMetrics.Cli.Clv;
using TrustMetrics.Cli.Funnel;
using TrustMetrics.Cli.Nps;
using TrustMetrics.Cli.Report;
using TrustMetrics.Cli.Repurchase;
using TrustMetrics.Cli.Reviews;
using TrustMetrics.Cli.Scales;
using TrustMetrics.Cli.Sentiment;
using TrustMetrics.Cli.Service;
using TrustMetrics.Cli.Survival;
using TrustMetrics.Cli.TrustIndex;

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
            ReportCommand.Create(context, ReportSections.All),
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
            Monitoring.MonitorCommand.Create(context),
        };
        return root;
    }

    /// <summary>Parses and runs; every exception becomes one line on standard error and exit code 2 (<see cref="ExitCodes"/>).</summary>
    public static int Run(string[] args, CliContext context)
    {
        var root = Create(context);
        var verbose = new Option<bool>("--verbose")
        {
            Description = "On failure, print the full exception after the one-line error (for bug reports).",
            Recursive = true,
        };
        root.Add(verbose);
        var inputOptions = new InputSettings.Options();
        inputOptions.AddTo(root);
        var parse = root.Parse(args);
        var (settings, problem) = inputOptions.Get(parse);
        if (parse.Errors.Count == 0 && problem is not null)
        {
            context.Error.WriteLine("error: " + problem);
            return ExitCodes.CommandLine;
        }

        try
        {
            using var scope = (settings ?? InputSettings.Default).Use();
            return parse.Invoke(new InvocationConfiguration { Output = context.Output, Error = context.Error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e)
        {
            return ExitCodes.Report(e, context.Error, parse.GetValue(verbose));
        }
    }
}
