#:project ../../src/TrustMetrics/TrustMetrics.csproj
#:include ../../tests/TrustMetrics.Tests/Clv/Covariates/CovariateSimulator.cs
#:include ../../tests/TrustMetrics.Tests/Clv/PurchasePaths.cs
#:include ../../tests/TrustMetrics.Tests/Churn/ChurnCovariateSimulator.cs
#:property PublishAot=false
#:property TreatWarningsAsErrors=false
// Parameter recovery of the sBG with covariates (issue 14 item 3, churn family): PANELS seeded panels of N customers each, churn
// probability θ_i ~ Beta(α e^{−γ_αᵀz_i}, β e^{−γ_βᵀz_i}) (pymc-marketing's links), lifetime ~ Geometric(θ_i) on 1, 2, …, censored
// after c_i ~ U{1..12} periods; one binary covariate (P = 0.4) and one N(0, 1) score. Fitted by ShiftedBetaGeometricCovariateFitter;
// prints, per parameter, the share of panels whose estimate lies within 2 SE of the truth, and overall.
//   dotnet run -c Release benchmarks/clv/sbg_covariate_recovery.cs -- [PANELS=100] [N=2000]
// The small version runs in tests/TrustMetrics.Tests/Churn/ShiftedBetaGeometricCovariateTests.cs (same simulator, included from
// tests/TrustMetrics.Tests/Churn/ChurnCovariateSimulator.cs; same truth).
using System.Diagnostics;
using System.Globalization;
using TrustMetrics.Churn;
using TrustMetrics.Clv;
using static TrustMetrics.Tests.Churn.ChurnCovariateSimulator;
using static TrustMetrics.Tests.Clv.Covariates.CovariateSimulator;

int panels = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100;
int n = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000;
double[] truth = [0.8, 3.0, 0.5, -0.4, -0.6, 0.3];
string[] labels = ["alpha", "beta", "alpha:channel=web", "alpha:score", "beta:channel=web", "beta:score"];
var within = new int[6];
int converged = 0, rejected = 0;
var clock = Stopwatch.StartNew();
for (int panel = 0; panel < panels; panel++)
{
    var z = Design(n, 10_000 + panel);
    var (t, c) = Simulate(truth, z, 20_000 + panel);
    var fit = new ShiftedBetaGeometricCovariateFitter().Fit(t, c, z);
    converged += fit.Convergence.Converged ? 1 : 0;
    rejected += fit.LikelihoodRatio!.PValue < 0.05 ? 1 : 0;
    var estimates = new[] { fit.Alpha, fit.Beta }.Concat(fit.Coefficients.Select(k => k.Estimate)).ToArray();
    for (int i = 0; i < 6; i++)
    {
        within[i] += Math.Abs(estimates[i].Value - truth[i]) <= 2 * estimates[i].StandardError ? 1 : 0;
    }
}

Console.WriteLine(FormattableString.Invariant($"sbg: {panels} panels x {n} customers, {clock.Elapsed.TotalSeconds:F0} s, converged {converged}/{panels}, LR test p < 0.05 in {rejected}/{panels}"));
for (int i = 0; i < 6; i++)
{
    Console.WriteLine(FormattableString.Invariant($"  {labels[i],-20} truth {truth[i],6}  within 2 SE in {within[i]}/{panels} = {100.0 * within[i] / panels:F0} %"));
}

Console.WriteLine(FormattableString.Invariant($"  all parameters: {within.Sum()}/{6 * panels} = {100.0 * within.Sum() / (6 * panels):F1} %; worst parameter {100.0 * within.Min() / panels:F0} %"));
