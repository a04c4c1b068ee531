using BenchmarkDotNet.Running;

// `dotnet run -c Release --project benchmarks/TrustMetrics.Benchmarks -- --filter '*'` runs everything;
// CI runs `-- --filter '*' --job Dry` so the benchmarks keep compiling and running.
// `-- monitor-whole [FILE] [ROUNDS] [--per-answer]` times the monitors over a whole NPS byte file (MonitoringWholeRun).
if (args.Length > 0 && args[0] == "monitor-whole")
{
    TrustMetrics.Benchmarks.MonitoringWholeRun.Run(args);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
