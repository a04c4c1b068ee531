using System.Globalization;
using System.Text;
using TrustMetrics.Clv;

namespace TrustMetrics.Cli.Tests.Clv;

/// <summary>
/// <c>clv fit --covariates</c>: the customers-file join, covariates read from the summary, treatment contrasts of
/// <c>--categorical</c>, the JSON fields of issue 14, and the errors (missing customer, unknown column, bad cell).
/// The numbers are checked against the core fitter on the same data (the core's own checks: Clv/Covariates tests).
/// </summary>
public sealed class ClvFitCovariatesTests : IDisposable
{
    private static readonly string Summary = Path.Combine(AppContext.BaseDirectory, "Data", "cdnow_customers_summary.csv");
    private static readonly string[] Channels = ["web", "store", "phone"];
    private readonly CliRunner cli = new();

    public void Dispose() => cli.Dispose();

    private static string[] SummaryLines(int take) => [.. File.ReadAllLines(Summary).Skip(1).Take(take)];

    private static (string Channel, double Age) CustomerOf(int i) => (Channels[(i * 7) % 3 == 0 ? 0 : i % 3], ((i * 37) % 50) / 10.0);

    /// <summary>customers.csv (ID,channel,age) for the first <paramref name="take"/> CDNOW customers, in reverse order.</summary>
    private string Customers(int take, int skip = -1)
    {
        var text = new StringBuilder("ID,channel,age\n");
        for (int i = take - 1; i >= 0; i--)
        {
            if (i == skip)
            {
                continue;
            }

            var (channel, age) = CustomerOf(i);
            text.Append(CultureInfo.InvariantCulture, $"{i + 1},{channel},{age}\n");
        }

        return cli.File("customers.csv", text.ToString());
    }

    private string SummaryFile(int take, bool withCovariates)
    {
        var text = new StringBuilder(withCovariates ? "ID,frequency,recency,T,channel,age\n" : "ID,frequency,recency,T\n");
        string[] lines = SummaryLines(take);
        for (int i = 0; i < take; i++)
        {
            var (channel, age) = CustomerOf(i);
            text.Append(lines[i]).Append(withCovariates ? string.Create(CultureInfo.InvariantCulture, $",{channel},{age}") : string.Empty).Append('\n');
        }

        return cli.File(withCovariates ? "summary_cov.csv" : "summary.csv", text.ToString());
    }

    private static CovariateFit CoreFit(string model, int take)
    {
        var (histories, matrix) = CoreData(take);
        return model == "bgnbd" ? new BgNbdCovariateFitter().Fit(histories, matrix) : new ParetoNbdCovariateFitter().Fit(histories, matrix);
    }

    /// <summary>The first <paramref name="take"/> CDNOW histories and their covariates as the CLI builds them (channel contrasts against phone, age).</summary>
    private static (PurchaseHistory[] Histories, CovariateMatrix Matrix) CoreData(int take)
    {
        string[] lines = SummaryLines(take);
        var histories = new PurchaseHistory[take];
        var z = new double[take, 3];
        for (int i = 0; i < take; i++)
        {
            string[] f = lines[i].Split(',');
            histories[i] = new PurchaseHistory(long.Parse(f[1], CultureInfo.InvariantCulture), double.Parse(f[2], CultureInfo.InvariantCulture), double.Parse(f[3], CultureInfo.InvariantCulture));
            var (channel, age) = CustomerOf(i);
            z[i, 0] = channel == "store" ? 1 : 0;
            z[i, 1] = channel == "web" ? 1 : 0;
            z[i, 2] = age;
        }

        return (histories, new CovariateMatrix(["channel=store", "channel=web", "age"], z));
    }

    [Theory]
    [InlineData("bgnbd", 2357, "alpha", "ab")]
    [InlineData("paretonbd", 150, "lambda", "mu")]
    public void Joins_the_customers_file_and_writes_the_covariates_and_the_likelihood_ratio(string model, int take, string first, string second)
    {
        var run = CliRunner.Invoke("clv", "fit", "--input", SummaryFile(take, withCovariates: false), "--model", model, "--customer-column", "ID",
            "--customers", Customers(take), "--covariates", "channel,age", "--categorical", "channel", "--format", "json");
        Assert.True(run.ExitCode == 0, run.Error);
        var json = run.Json();
        var covariates = json.GetProperty("covariates").EnumerateArray().ToArray();
        // Treatment contrasts against the first sorted level (phone): channel=store, channel=web, then the numeric age.
        Assert.Equal([first, first, first, second, second, second], covariates.Select(c => c.GetProperty("parameter").GetString()));
        Assert.Equal(["channel=store", "channel=web", "age", "channel=store", "channel=web", "age"], covariates.Select(c => c.GetProperty("term").GetString()));
        var core = CoreFit(model, take);
        for (int j = 0; j < covariates.Length; j++)
        {
            // Same data, same fitter: the CLI only reads and joins.
            Assert.Equal(core.Coefficients[j].Estimate.Value, covariates[j].GetProperty("coef").GetDouble(), 12);
            Assert.Equal(core.Coefficients[j].Estimate.StandardError, covariates[j].GetProperty("se").GetDouble(), 12);
        }

        var lr = json.GetProperty("likelihoodRatio");
        Assert.Equal(6, lr.GetProperty("df").GetInt32());
        Assert.Equal(core.LikelihoodRatio!.Statistic, lr.GetProperty("statistic").GetDouble(), 9);
        Assert.Equal(core.LikelihoodRatio.PValue, lr.GetProperty("p").GetDouble(), 12);
        Assert.Equal(take, json.GetProperty("n").GetInt64());
        Assert.True(json.GetProperty("converged").GetBoolean());
    }

    [Fact]
    public void Predict_with_covariates_plugs_each_customers_parameters_into_the_plain_model()
    {
        const int take = 600;
        var run = CliRunner.Invoke("clv", "predict", "--input", SummaryFile(take, withCovariates: false), "--model", "bgnbd", "--customer-column", "ID",
            "--customers", Customers(take), "--covariates", "channel,age", "--categorical", "channel", "--horizon", "39");
        Assert.True(run.ExitCode == 0, run.Error);
        string[] output = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("customer_id,expected_purchases,p_alive", output[0]);
        Assert.Equal(take + 1, output.Length);
        var core = CoreFit("bgnbd", take);
        double r = core.Estimates["r"].Value, alpha = core.Estimates["alpha"].Value, a = core.Estimates["a"].Value, b = core.Estimates["b"].Value;
        double[] g1 = [.. core.Coefficients.Take(3).Select(c => c.Estimate.Value)], g2 = [.. core.Coefficients.Skip(3).Select(c => c.Estimate.Value)];
        string[] lines = SummaryLines(take);
        var distinct = new HashSet<double>();
        for (int i = 0; i < take; i++)
        {
            // Hand computation (Hardie's covariates note / CLVTools' parameterisation): α_i = α·e^{−γ₁ᵀz}, a_i = a·e^{γ₂ᵀz},
            // b_i = b·e^{γ₂ᵀz}, then the plain BG/NBD formulas (FHL eq. 10, P(alive)) at (r, α_i, a_i, b_i).
            var (channel, age) = CustomerOf(i);
            double[] z = [channel == "store" ? 1 : 0, channel == "web" ? 1 : 0, age];
            double trans = 0, life = 0;
            for (int j = 0; j < 3; j++)
            {
                trans += g1[j] * z[j];
                life += g2[j] * z[j];
            }

            var plain = new BgNbdModel(new BgNbdParameters(r, alpha * Math.Exp(-trans), a * Math.Exp(life), b * Math.Exp(life)));
            string[] f = lines[i].Split(',');
            var h = new PurchaseHistory(long.Parse(f[1], CultureInfo.InvariantCulture), double.Parse(f[2], CultureInfo.InvariantCulture), double.Parse(f[3], CultureInfo.InvariantCulture));
            string[] cells = output[i + 1].Split(',');
            Assert.Equal(f[0], cells[0]);
            double expected = plain.ConditionalExpectedPurchases(39, h), alive = plain.ProbabilityAlive(h);
            double gotExpected = double.Parse(cells[1], CultureInfo.InvariantCulture), gotAlive = double.Parse(cells[2], CultureInfo.InvariantCulture);
            Assert.True(Math.Abs(gotExpected - expected) <= 1e-12 * Math.Abs(expected), $"customer {f[0]}: E[Y] {gotExpected:R} vs {expected:R}");
            Assert.True(Math.Abs(gotAlive - alive) <= 1e-12 * Math.Abs(alive), $"customer {f[0]}: P(alive) {gotAlive:R} vs {alive:R}");
            distinct.Add(alpha * Math.Exp(-trans));
        }

        Assert.True(distinct.Count > 10);   // the customers really have different parameters
    }

    [Theory]
    [InlineData("bgnbd", 600)]
    [InlineData("paretonbd", 150)]
    public void Predict_interval_with_covariates_writes_the_core_intervals_of_each_customer(string model, int take)
    {
        // The CLI reads and joins as clv fit does, then writes PredictionIntervalCalculator.Compute(CovariateFit, …) on the same fit.
        var run = CliRunner.Invoke("clv", "predict", "--input", SummaryFile(take, withCovariates: false), "--model", model, "--customer-column", "ID",
            "--customers", Customers(take), "--covariates", "channel,age", "--categorical", "channel", "--horizon", "39", "--interval", "0.9");
        Assert.True(run.ExitCode == 0, run.Error);
        string[] output = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("customer_id,expected_purchases,p_alive,expected_purchases_lower,expected_purchases_upper,p_alive_lower,p_alive_upper,purchases_lower,purchases_upper", output[0]);
        Assert.Equal(take + 1, output.Length);
        var (histories, matrix) = CoreData(take);
        var fit = CoreFit(model, take);
        var intervals = new PredictionIntervalCalculator().Compute(fit, histories, matrix, 39, 0.9);
        Assert.True(intervals.ParameterUncertainty);
        for (int i = 0; i < take; i++)
        {
            double[] cells = [.. output[i + 1].Split(',').Skip(1).Select(c => double.Parse(c, CultureInfo.InvariantCulture))];
            double[] core = [intervals.ExpectedPurchases[i], intervals.ProbabilityAlive[i], intervals.ExpectedPurchasesLower![i], intervals.ExpectedPurchasesUpper![i],
                intervals.ProbabilityAliveLower![i], intervals.ProbabilityAliveUpper![i], intervals.PurchasesLower[i], intervals.PurchasesUpper[i]];
            for (int c = 0; c < core.Length; c++)
            {
                Assert.True(Math.Abs(cells[c] - core[c]) <= 1e-12 * Math.Abs(core[c]), $"customer {i + 1}, column {c + 1}: {cells[c]:R} vs {core[c]:R}");
            }
        }

        var refused = CliRunner.Invoke("clv", "predict", "--input", SummaryFile(take, withCovariates: true), "--model", model, "--covariates", "channel,age",
            "--categorical", "channel", "--horizon", "39", "--interval", "1.5");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("--interval", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Predict_interval_with_covariates_and_monetary_values_writes_the_core_clv_intervals()
    {
        // 300 CDNOW customers with spends (x, t_x, T, zbar) and a two-level channel (web or other) in the summary itself; the CLV
        // interval columns must be PredictionIntervalCalculator.ComputeValue(CovariateFit, …) on the same fits. (With the three-level
        // channel these 300 customers put the "ab" store coefficient on a boundary, SE ≈ 3e4: no parameter uncertainty for anyone.)
        const int take = 300;
        string[] source = [.. File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "cdnow_customers_summary_with_transactions.csv")).Skip(1).Take(take)];
        var text = new StringBuilder("ID,x,t_x,T,zbar,channel\n");
        for (int i = 0; i < take; i++)
        {
            text.Append(source[i]).Append(',').Append(CustomerOf(i).Channel == "web" ? "web" : "other").Append('\n');
        }

        var run = CliRunner.Invoke("clv", "predict", "--input", cli.File("spend_cov.csv", text.ToString()), "--model", "bgnbd", "--covariates", "channel",
            "--categorical", "channel", "--horizon", "39", "--frequency-column", "x", "--recency-column", "t_x", "--monetary-column", "zbar", "--unit", "week",
            "--months", "12", "--discount", "0.01", "--margin", "0.5", "--interval", "0.9");
        Assert.True(run.ExitCode == 0, run.Error);
        string[] output = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith(",purchases_lower,purchases_upper,clv_lower,clv_upper", output[0], StringComparison.Ordinal);
        var histories = new PurchaseHistory[take];
        var monetary = new double[take];
        var z = new double[take, 1];
        for (int i = 0; i < take; i++)
        {
            string[] f = source[i].Split(',');
            histories[i] = new PurchaseHistory(long.Parse(f[1], CultureInfo.InvariantCulture), D(f[2]), D(f[3]));
            monetary[i] = D(f[4]);
            z[i, 0] = CustomerOf(i).Channel == "web" ? 1 : 0;
        }

        var matrix = new CovariateMatrix(["channel=web"], z);
        var fit = new BgNbdCovariateFitter().Fit(histories, matrix);
        var spendFit = new GammaGammaFitter().Fit(CompressedSpend.From(histories.Select((h, i) => (h.Frequency, monetary[i])).Where(r => r.Frequency > 0)));
        var core = new PredictionIntervalCalculator().ComputeValue(fit, spendFit, histories, matrix, monetary, 12, 0.01, CustomerLifetimeValue.WeeksPerMonth, 0.5, 0.9);
        Assert.True(core.PurchaseParameterUncertainty);
        for (int i = 0; i < take; i++)
        {
            string[] cells = output[i + 1].Split(',');
            Assert.Equal(core.Value[i], D(cells[4]), 9);
            Assert.Equal(core.Lower[i], D(cells[^2]));
            Assert.Equal(core.Upper[i], D(cells[^1]));
        }

        static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Reads_the_covariates_from_the_summary_without_customers_file()
    {
        var joined = CliRunner.Invoke("clv", "fit", "--input", SummaryFile(600, withCovariates: false), "--model", "bgnbd", "--customer-column", "ID",
            "--customers", Customers(600), "--covariates", "channel,age", "--categorical", "channel", "--format", "json");
        var own = CliRunner.Invoke("clv", "fit", "--input", SummaryFile(600, withCovariates: true), "--model", "bgnbd",
            "--covariates", "channel,age", "--categorical", "channel", "--format", "json");
        Assert.True(own.ExitCode == 0, own.Error);
        Assert.Equal(joined.Output, own.Output);
        var text = CliRunner.Invoke("clv", "fit", "--input", SummaryFile(600, withCovariates: true), "--model", "bgnbd", "--covariates", "channel,age", "--categorical", "channel");
        Assert.Contains("Likelihood ratio vs no covariates", text.Output, StringComparison.Ordinal);
        Assert.Contains("channel=web", text.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_summary_customer_missing_from_the_customers_file_is_an_error_naming_it()
    {
        var run = CliRunner.Invoke("clv", "fit", "--input", SummaryFile(100, withCovariates: false), "--model", "bgnbd", "--customer-column", "ID",
            "--customers", Customers(100, skip: 41), "--covariates", "channel", "--categorical", "channel");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("customer '42'", run.Error, StringComparison.Ordinal);
    }

    /// <summary>Options that contradict each other are a bad command line (exit 1); a covariate or id column the file lacks is bad data (exit 2).</summary>
    [Theory]
    [InlineData("--covariates", "channel", "--categorical", "region", 1)]
    [InlineData("--covariates", "nope", "--categorical", "nope", 2)]
    [InlineData("--covariates", "channel", "--model", "mbgnbd", 1)]
    [InlineData("--covariates", "channel", "--penalizer", "0.1", 1)]
    [InlineData("--covariates", "channel", "--customer-column", "ID", 2)]
    public void Refuses_bad_covariate_options_naming_them(string o1, string v1, string o2, string v2, int exitCode)
    {
        string[] args = ["clv", "fit", "--input", SummaryFile(100, withCovariates: true), o1, v1, o2, v2];
        if (!args.Contains("--model"))
        {
            args = [.. args, "--model", "bgnbd"];
        }

        var run = CliRunner.Invoke(args);
        Assert.Equal(exitCode, run.ExitCode);
        Assert.NotEmpty(run.Error);
    }

    [Fact]
    public void A_categorical_column_without_categorical_is_a_cell_error()
    {
        var run = CliRunner.Invoke("clv", "fit", "--input", SummaryFile(100, withCovariates: true), "--model", "bgnbd", "--covariates", "channel");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--categorical", run.Error, StringComparison.Ordinal);
    }
}
