#:project ../../src/TrustMetrics/TrustMetrics.csproj
#:property PublishAot=false
#:property TreatWarningsAsErrors=false
// Parameter recovery of the covariate fits (issue 14 item 3): PANELS seeded panels of N customers each, simulated from BG/NBD and
// Pareto/NBD with CLVTools' covariate links (one binary covariate P = 0.4, one N(0, 1) score), fitted by BgNbdCovariateFitter and
// ParetoNbdCovariateFitter; prints, per parameter, the share of panels whose estimate lies within 2 SE of the truth, and overall.
//   dotnet run -c Release benchmarks/clv/covariate_recovery.cs -- [PANELS=100] [N=2000]
// The small version runs in tests/TrustMetrics.Tests/Clv/Covariates/CovariateFitTests.cs (same simulator, same truths).
using System.Diagnostics;
using System.Globalization;
using MathNet.Numerics.Distributions;
using TrustMetrics.Clv;

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

static (double Trans, double Life) Linear(double[] theta, CovariateMatrix z, int i) =>
    ((z[i, 0] * theta[4]) + (z[i, 1] * theta[5]), (z[i, 0] * theta[6]) + (z[i, 1] * theta[7]));

static PurchaseHistory[] BgNbd(double[] theta, CovariateMatrix z, int seed)
{
    var random = new Random(seed);
    var result = new PurchaseHistory[z.CustomerCount];
    for (int i = 0; i < result.Length; i++)
    {
        var (trans, life) = Linear(theta, z, i);
        double T = 30 + (random.NextDouble() * 22);
        double lambda = Gamma.Sample(random, theta[0], theta[1] * Math.Exp(-trans));
        double p = Beta.Sample(random, theta[2] * Math.Exp(life), theta[3] * Math.Exp(life));
        double t = 0, tx = 0;
        long x = 0;
        while (true)
        {
            t += -Math.Log(1 - random.NextDouble()) / lambda;
            if (t > T)
            {
                break;
            }

            x++;
            tx = t;
            if (random.NextDouble() < p)
            {
                break;
            }
        }

        result[i] = new PurchaseHistory(x, x == 0 ? 0 : tx, T);
    }

    return result;
}

static PurchaseHistory[] ParetoNbd(double[] theta, CovariateMatrix z, int seed)
{
    var random = new Random(seed);
    var result = new PurchaseHistory[z.CustomerCount];
    for (int i = 0; i < result.Length; i++)
    {
        var (trans, life) = Linear(theta, z, i);
        double T = 30 + (random.NextDouble() * 22);
        double lambda = Gamma.Sample(random, theta[0], theta[1] * Math.Exp(-trans));
        double mu = Gamma.Sample(random, theta[2], theta[3] * Math.Exp(-life));
        double end = Math.Min(T, -Math.Log(1 - random.NextDouble()) / mu);
        double t = 0, tx = 0;
        long x = 0;
        while (true)
        {
            t += -Math.Log(1 - random.NextDouble()) / lambda;
            if (t > end)
            {
                break;
            }

            x++;
            tx = t;
        }

        result[i] = new PurchaseHistory(x, x == 0 ? 0 : tx, T);
    }

    return result;
}
