#:project ../../src/TrustMetrics/TrustMetrics.csproj
#:include ../../tests/TrustMetrics.Tests/Clv/Covariates/CovariateSimulator.cs
#:include ../../tests/TrustMetrics.Tests/Clv/Covariates/CovariateIntervalCoverage.cs
#:include ../../tests/TrustMetrics.Tests/Clv/PurchasePaths.cs
#:property PublishAot=false
#:property TreatWarningsAsErrors=false
// Coverage of the 90 % holdout-count interval after a BG/NBD fit with one binary covariate (issue 14 items 2 + 3; docs/clv.md §14):
// PANELS seeded panels of N customers (FHL's CDNOW estimates at z = 0, γ₁ = 0.7, γ₂ = 0.5, channel=web with P = 0.4, T uniform
// 27–39 weeks, 39-week holdout), BgNbdCovariateFitter refitted on every panel, intervals from PredictionIntervalCalculator.Compute
// with the covariate fit. Prints one "coverage …" line (overall, per channel, among customers with a holdout purchase).
//   dotnet run -c Release benchmarks/clv/covariate_interval_coverage.cs -- [PANELS=200] [N=400] [SEED=20261206]
// The small version (4 panels × 400, same seed) runs in tests/TrustMetrics.Tests/Clv/Covariates/CovariateIntervalTests.cs.
using System.Diagnostics;
using System.Globalization;
using TrustMetrics.Tests.Clv.Covariates;

int panels = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
int n = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 400;
int seed = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20261206;
var clock = Stopwatch.StartNew();
var result = CovariateIntervalCoverage.Run(panels, n, seed);
Console.WriteLine(FormattableString.Invariant($"{panels} panels x {n} customers, seed {seed}, {clock.Elapsed.TotalSeconds:F0} s"));
Console.WriteLine(result);
