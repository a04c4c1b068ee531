using BenchmarkDotNet.Running;

// `dotnet run -c Release --project benchmarks/TrustMetrics.Benchmarks -- --filter '*'` runs everything;
// CI runs `-- --filter '*' --job Dry` so the benchmarks keep compiling and running.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
