using TrustMetrics.Cli;

return TrustMetricsCli.Run(args, CliContext.ForConsole());
