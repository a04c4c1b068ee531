#:project ../../src/TrustMetrics/TrustMetrics.csproj
#:property PublishAot=false
#:property TreatWarningsAsErrors=false
// Parameter recovery of the sBG with covariates (issue 14 item 3, churn family): PANELS seeded panels of N customers each, churn
// probability θ_i ~ Beta(α e^{−γ_αᵀz_i}, β e^{−γ_βᵀz_i}) (pymc-marketing's links), lifetime ~ Geometric(θ_i) on 1, 2, …, censored
// after c_i ~ U{1..12} periods; one binary covariate (P = 0.4) and one N(0, 1) score. Fitted by ShiftedBetaGeometricCovariateFitter;
// prints, per parameter, the share of panels whose estimate lies within 2 SE of the truth, and overall.
//   dotnet run -c Release benchmarks/clv/sbg_covariate_recovery.cs -- [PANELS=100] [N=2000]
// The small version runs in tests/TrustMetrics.Tests/Churn/ShiftedBetaGeometricCovariateTests.cs (same simulator, same truth).
using System.Diagnostics;
using System.Globalization;
using MathNet.Numerics.Distributions;
using TrustMetrics.Churn;
using TrustMetrics.Clv;

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

static CovariateMatrix Design(int customers, int seed)
{
    var random = new Random(seed);
    var z = new double[customers, 2];
    for (int i = 0; i < customers; i++)
    {
        z[i, 0] = random.NextDouble() < 0.4 ? 1 : 0;
        z[i, 1] = Normal.Sample(random, 0, 1);
    }

    return new CovariateMatrix(["channel=web", "score"], z);
}

static (int[] T, bool[] C) Simulate(double[] truth, CovariateMatrix z, int seed)
{
    var random = new Random(seed);
    int n = z.CustomerCount;
    var t = new int[n];
    var c = new bool[n];
    for (int i = 0; i < n; i++)
    {
        double a = truth[0] * Math.Exp(-((truth[2] * z[i, 0]) + (truth[3] * z[i, 1])));
        double b = truth[1] * Math.Exp(-((truth[4] * z[i, 0]) + (truth[5] * z[i, 1])));
        double p = Beta.Sample(random, a, b);
        int horizon = 1 + random.Next(12);
        int life = 1;
        while (life <= horizon && random.NextDouble() >= p)
        {
            life++;
        }

        (t[i], c[i]) = life <= horizon ? (life, true) : (horizon, false);
    }

    return (t, c);
}
