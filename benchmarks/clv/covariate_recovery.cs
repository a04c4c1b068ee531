#:project ../../src/TrustMetrics/TrustMetrics.csproj
#:include ../../tests/TrustMetrics.Tests/Clv/Covariates/CovariateSimulator.cs
#:include ../../tests/TrustMetrics.Tests/Clv/PurchasePaths.cs
#:property PublishAot=false
#:property TreatWarningsAsErrors=false
// Parameter recovery of the covariate fits (issue 14 item 3): PANELS seeded panels of N customers each, simulated from BG/NBD and
// Pareto/NBD with CLVTools' covariate links (one binary covariate P = 0.4, one N(0, 1) score), fitted by BgNbdCovariateFitter and
// ParetoNbdCovariateFitter; prints, per parameter, the share of panels whose estimate lies within 2 SE of the truth, and overall.
//   dotnet run -c Release benchmarks/clv/covariate_recovery.cs -- [PANELS=100] [N=2000]
// The small version runs in tests/TrustMetrics.Tests/Clv/Covariates/CovariateFitTests.cs (same simulator, included from
// tests/TrustMetrics.Tests/Clv/Covariates/CovariateSimulator.cs; same truths).
using System.Diagnostics;
using System.Globalization;
using TrustMetrics.Clv;
using static TrustMetrics.Tests.Clv.Covariates.CovariateSimulator;

int panels = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100;
int n = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000;
double[] bgTruth = [0.6, 4.0, 0.8, 2.5, 0.5, 0.3, -0.4, 0.3];
double[] paretoTruth = [0.6, 4.0, 0.8, 12.0, 0.5, 0.3, 0.6, -0.3];
foreach (var (name, truth, fitter) in new (string, double[], IClvCovariateFitter)[]
         { ("bgnbd", bgTruth, new BgNbdCovariateFitter()), ("paretonbd", paretoTruth, new ParetoNbdCovariateFitter()) })
{
    var within = new int[8];
    int converged = 0, rejected = 0;
    string[] labels = [];
    var clock = Stopwatch.StartNew();
    for (int panel = 0; panel < panels; panel++)
    {
        var z = Design(n, 10_000 + panel);
        var h = name == "bgnbd" ? BgNbd(truth, z, 20_000 + panel) : ParetoNbd(truth, z, 20_000 + panel);
        var fit = fitter.Fit(h, z);
        converged += fit.Convergence.Converged ? 1 : 0;
        rejected += fit.LikelihoodRatio!.PValue < 0.05 ? 1 : 0;
        labels = [.. fit.ParameterNames, .. fit.Coefficients.Select(c => c.Parameter + ":" + c.Term)];
        for (int i = 0; i < 8; i++)
        {
            var e = i < 4 ? fit.Estimates[fit.ParameterNames[i]] : fit.Coefficients[i - 4].Estimate;
            within[i] += Math.Abs(e.Value - truth[i]) <= 2 * e.StandardError ? 1 : 0;
        }
    }

    Console.WriteLine(FormattableString.Invariant($"{name}: {panels} panels x {n} customers, {clock.Elapsed.TotalSeconds:F0} s, converged {converged}/{panels}, LR test p < 0.05 in {rejected}/{panels}"));
    for (int i = 0; i < 8; i++)
    {
        Console.WriteLine(FormattableString.Invariant($"  {labels[i],-20} truth {truth[i],6}  within 2 SE in {within[i]}/{panels} = {100.0 * within[i] / panels:F0} %"));
    }

    Console.WriteLine(FormattableString.Invariant($"  all parameters: {within.Sum()}/{8 * panels} = {100.0 * within.Sum() / (8 * panels):F1} %; worst parameter {100.0 * within.Min() / panels:F0} %"));
}
