using System.Globalization;
using TrustMetrics.Churn;
using TrustMetrics.Clv;

namespace TrustMetrics.Cli.Tests.Churn;

/// <summary>
/// <c>retention --input … --covariates … --categorical …</c>: the sBG with covariates on one row per customer. The reference for the
/// numbers is the core fitter on the same data (itself checked against mpmath in ShiftedBetaGeometricCovariateTests); here the
/// reading, the treatment contrast and the JSON fields ("covariates", "likelihoodRatio" as in clv fit) are checked.
/// </summary>
public sealed class RetentionCovariatesTests : IDisposable
{
    // 1,500 customers simulated from the sBG with covariates (seed 7): θ_i ~ Beta(0.8·e^{−(0.5·web − 0.4·score)}, 3·e^{−(−0.6·web + 0.3·score)}),
    // lifetime ~ Geometric(θ_i), censored after U{1..12} periods (the core tests' simulator, written out as the CLI reads it).
    private static readonly string Customers = Simulate();

    private static string Simulate()
    {
        var random = new Random(7);
        var text = new System.Text.StringBuilder("id,period,churned,channel,score\n");
        for (int i = 0; i < 1500; i++)
        {
            bool web = random.NextDouble() < 0.4;
            double score = Math.Round(MathNet.Numerics.Distributions.Normal.Sample(random, 0, 1), 3);
            double w = web ? 1 : 0;
            double p = MathNet.Numerics.Distributions.Beta.Sample(random, 0.8 * Math.Exp(-((0.5 * w) - (0.4 * score))), 3.0 * Math.Exp(-((-0.6 * w) + (0.3 * score))));
            int horizon = 1 + random.Next(12), life = 1;
            while (life <= horizon && random.NextDouble() >= p)
            {
                life++;
            }

            var (t, churned) = life <= horizon ? (life, 1) : (horizon, 0);
            text.Append(CultureInfo.InvariantCulture, $"{i + 1},{t},{churned},{(web ? "web" : "store")},{score}\n");
        }

        return text.ToString();
    }

    private readonly CliRunner cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public void Json_equals_the_core_fit_with_a_treatment_contrast()
    {
        string path = cli.PathOf("customers.csv");
        File.WriteAllText(path, Customers);
        var run = CliRunner.Invoke("retention", "--input", path, "--covariates", "channel,score", "--categorical", "channel", "--format", "json");
        Assert.True(run.ExitCode == 0, run.Error);
        var json = run.Json();

        var lines = Customers.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToList();
        var z = new double[lines.Count, 2];
        for (int i = 0; i < lines.Count; i++)
        {
            z[i, 0] = lines[i][3] == "web" ? 1 : 0;
            z[i, 1] = double.Parse(lines[i][4], CultureInfo.InvariantCulture);
        }

        var fit = new ShiftedBetaGeometricCovariateFitter().Fit([.. lines.Select(f => int.Parse(f[1], CultureInfo.InvariantCulture))], [.. lines.Select(f => f[2] == "1")],
            new CovariateMatrix(["channel=web", "score"], z));
        Assert.Equal(fit.Alpha.Value, json.GetProperty("parameters").GetProperty("alpha").GetDouble(), 12);
        Assert.Equal(fit.Beta.Value, json.GetProperty("parameters").GetProperty("beta").GetDouble(), 12);
        Assert.Equal(fit.LogLikelihood, json.GetProperty("logLikelihood").GetDouble(), 9);
        var covariates = json.GetProperty("covariates").EnumerateArray().ToList();
        Assert.Equal(["alpha:channel=web", "alpha:score", "beta:channel=web", "beta:score"],
            covariates.Select(c => c.GetProperty("parameter").GetString() + ":" + c.GetProperty("term").GetString()));
        for (int j = 0; j < 4; j++)
        {
            Assert.Equal(fit.Coefficients[j].Estimate.Value, covariates[j].GetProperty("coef").GetDouble(), 12);
            Assert.Equal(fit.Coefficients[j].Estimate.StandardError, covariates[j].GetProperty("se").GetDouble(), 12);
        }

        var lr = json.GetProperty("likelihoodRatio");
        Assert.Equal(4, lr.GetProperty("df").GetInt32());
        Assert.Equal(fit.LikelihoodRatio!.Statistic, lr.GetProperty("statistic").GetDouble(), 9);
        Assert.Equal(fit.LikelihoodRatio.PValue, lr.GetProperty("p").GetDouble(), 12);
        Assert.True(json.GetProperty("converged").GetBoolean());

        var text = CliRunner.Invoke("retention", "--input", path, "--covariates", "channel,score", "--categorical", "channel");
        Assert.True(text.ExitCode == 0, text.Error);
        Assert.Contains("channel=web", text.Output, StringComparison.Ordinal);
        Assert.Contains("Likelihood-ratio test", text.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_input_exits_naming_the_problem()
    {
        string path = cli.PathOf("customers.csv");
        File.WriteAllText(path, Customers);
        var noCovariates = CliRunner.Invoke("retention", "--input", path);
        Assert.Equal(1, noCovariates.ExitCode); // options that need each other: a bad command line
        Assert.Contains("--covariates", noCovariates.Error, StringComparison.Ordinal);
        var notCovariate = CliRunner.Invoke("retention", "--input", path, "--covariates", "score", "--categorical", "channel");
        Assert.Equal(1, notCovariate.ExitCode);
        Assert.Contains("--categorical channel", notCovariate.Error, StringComparison.Ordinal);
        string bad = cli.PathOf("bad.csv");
        File.WriteAllText(bad, "id,period,churned,score\n1,0,1,0.5\n2,3,0,1.5\n");
        var zero = CliRunner.Invoke("retention", "--input", bad, "--covariates", "score");
        Assert.Equal(2, zero.ExitCode);
        Assert.Contains("period 1 or later", zero.Error, StringComparison.Ordinal);
        var both = CliRunner.Invoke("retention", "--input", path, "--covariates", "score", "--survivors", "100,50,40");
        Assert.Equal(1, both.ExitCode);
        var neither = CliRunner.Invoke("retention");
        Assert.Equal(1, neither.ExitCode);
    }
}
