using System.Globalization;
using System.Text;
using TrustMetrics.Cli.Clv;
using TrustMetrics.Clv;

namespace TrustMetrics.Cli.Tests.Clv;

/// <summary>
/// <c>trustmetrics clv evaluate</c>: the JSON contract on a seeded synthetic panel, the baselines against hand computation
/// from the same transactions, and the error contract. The metric values themselves are checked against numpy on CDNOW in the core
/// tests (TrustMetrics.Tests Clv/HoldoutScorecardTests).
/// </summary>
public sealed class ClvEvaluateCommandTests : IDisposable
{
    private readonly CliRunner cli = new();

    public void Dispose() => cli.Dispose();

    /// <summary>400 customers, first purchase in the first 30 days of 2020, each day a purchase with a customer-specific probability, until a random churn day.</summary>
    private string Transactions(out long holdoutTotal, out double ownRateTotal)
    {
        var random = new Random(20261206);
        var text = new StringBuilder("customer,date\n");
        var start = new DateTime(2020, 1, 1);
        var calibrationEnd = new DateTime(2020, 6, 30);
        var end = new DateTime(2020, 12, 31);
        holdoutTotal = 0;
        ownRateTotal = 0;
        double holdoutDays = (end - calibrationEnd).TotalDays;
        for (int c = 0; c < 400; c++)
        {
            var first = start.AddDays(random.Next(30));
            double rate = 0.005 + (0.05 * random.NextDouble());
            var death = first.AddDays(random.Next(30, 500));
            long x = 0;
            var last = first;
            text.Append(CultureInfo.InvariantCulture, $"c{c},{first:yyyy-MM-dd}\n");
            for (var day = first.AddDays(1); day <= end && day < death; day = day.AddDays(1))
            {
                if (random.NextDouble() < rate)
                {
                    text.Append(CultureInfo.InvariantCulture, $"c{c},{day:yyyy-MM-dd}\n");
                    if (day <= calibrationEnd)
                    {
                        x++;
                        last = day;
                    }
                    else
                    {
                        holdoutTotal++;
                    }
                }
            }

            double t = (calibrationEnd - first).TotalDays;
            ownRateTotal += t > 0 ? x / t * holdoutDays : 0;
        }

        return cli.File("tx.csv", text.ToString());
    }

    [Fact]
    public void One_pass_read_gives_the_scorecard_of_the_two_pass_summary()
    {
        // clv evaluate reads the transactions once (TransactionPass, the reader of clv summarize); without --end the holdout ends
        // at the last transaction, learned while reading. The scorecard must be the one of the former two passes (find the last
        // date, then summarize up to it), to the byte: on a plain CSV (the fast reader) and on the raw whitespace-separated CDNOW
        // sample without header (the fast reader declines, the general one reads it). One model: the reading is what is checked.
        string path = Transactions(out _, out _);
        var rows = File.ReadLines(path).Skip(1).Select(l => l.Split(',')).Select(f => (f[0], DateTime.ParseExact(f[1], "yyyy-MM-dd", CultureInfo.InvariantCulture)));
        var plain = CliRunner.Invoke("clv", "evaluate", "--input", path, "--customer", "customer", "--date", "date", "--calibration-end", "2020-06-30",
            "--models", "bgnbd", "--format", "json");
        Assert.True(plain.ExitCode == 0, plain.Error);
        Assert.Equal(TwoPass(rows, new DateTime(2020, 6, 30), ClvTimeUnit.Day, 1), plain.Output.TrimEnd());

        string sample = Path.Combine(AppContext.BaseDirectory, "Data", "CDNOW_sample.txt");
        var cdnow = File.ReadLines(sample).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(f => (f[1], DateTime.ParseExact(f[2], "yyyyMMdd", CultureInfo.InvariantCulture)));
        var raw = CliRunner.Invoke("clv", "evaluate", "--input", sample, "--no-header", "--columns", "id,sample,date,cds,amount", "--customer", "sample",
            "--date", "date", "--calibration-end", "1997-09-30", "--unit", "day", "--multiplier", "7", "--models", "bgnbd", "--format", "json");
        Assert.True(raw.ExitCode == 0, raw.Error);
        Assert.Equal(TwoPass(cdnow, new DateTime(1997, 9, 30), ClvTimeUnit.Day, 7), raw.Output.TrimEnd());
    }

    private static string TwoPass(IEnumerable<(string Id, DateTime When)> rows, DateTime calibration, ClvTimeUnit unit, double multiplier)
    {
        var end = rows.Max(r => r.When);
        var summarizer = new TransactionSummarizer<string>(end, unit, multiplier, StringComparer.Ordinal);
        foreach (var (id, when) in rows)
        {
            summarizer.Add(id, when);
        }

        var card = new HoldoutEvaluator().Evaluate(HoldoutPanel.From(summarizer, calibration), new HoldoutEvaluationOptions([HoldoutModel.BgNbd]));
        return ClvEvaluateCommand.Json(card).TrimEnd();
    }

    [Fact]
    public void Json_has_the_contract_fields_and_the_baselines_match_hand_computation()
    {
        string path = Transactions(out long holdoutTotal, out double ownRateTotal);
        string charts = cli.PathOf("charts");
        var run = CliRunner.Invoke("clv", "evaluate", "--input", path, "--customer", "customer", "--date", "date", "--calibration-end", "2020-06-30",
            "--end", "2020-12-31", "--models", "bgnbd,mbgnbd", "--format", "json", "--output", charts);
        Assert.Equal(0, run.ExitCode);
        var json = run.Json();
        Assert.Equal("2020-06-30", json.GetProperty("calibrationEnd").GetString());
        Assert.Equal("2020-12-31", json.GetProperty("holdoutEnd").GetString());
        Assert.Equal(400, json.GetProperty("customers").GetInt32());
        var models = json.GetProperty("models");
        Assert.Equal(2, models.GetArrayLength());
        Assert.Equal("bgnbd", models[0].GetProperty("model").GetString());
        Assert.Equal("mbgnbd", models[1].GetProperty("model").GetString());
        foreach (var m in models.EnumerateArray())
        {
            Assert.True(m.GetProperty("parameters").GetProperty("r").GetDouble() > 0);
            double ll = m.GetProperty("logLikelihood").GetDouble();
            Assert.Equal(8 - (2 * ll), m.GetProperty("aic").GetDouble(), 6);                 // AIC = 2k − 2LL, k = 4
            Assert.Equal((4 * Math.Log(400)) - (2 * ll), m.GetProperty("bic").GetDouble(), 6); // BIC = k ln n − 2LL
            var h = m.GetProperty("holdout");
            foreach (string field in new[] { "mae", "rmse", "bias", "brier", "topDecileLift", "predictedTotal" })
            {
                Assert.True(double.IsFinite(h.GetProperty(field).GetDouble()), field);
            }

            Assert.Equal(holdoutTotal, h.GetProperty("actualTotal").GetInt64());
            var bins = m.GetProperty("calibrationBins");
            Assert.Equal(400, bins.EnumerateArray().Sum(b => b.GetProperty("customers").GetInt64()));
            var first = bins[0];
            foreach (string field in new[] { "frequency", "customers", "predicted", "actual" })
            {
                Assert.True(first.TryGetProperty(field, out _), field);
            }

            var tracking = m.GetProperty("tracking");
            Assert.Equal(366, tracking.GetArrayLength());   // 2020-01-01 … 2020-12-31, one point per day
            var lastPoint = tracking[tracking.GetArrayLength() - 1];
            Assert.True(lastPoint.GetProperty("expectedCumulative").GetDouble() > 0);
            Assert.True(lastPoint.GetProperty("actualCumulative").GetInt64() >= holdoutTotal);
            Assert.Equal(2, m.GetProperty("likelihoodRatio").GetProperty("df").GetInt32());
        }

        var baselines = json.GetProperty("baselines");
        Assert.Equal("own-rate", baselines[0].GetProperty("model").GetString());
        Assert.Equal("population-rate", baselines[1].GetProperty("model").GetString());
        // Own-rate baseline total Σ (x/T)·t* computed here from the generated transactions (hand computation, same definition).
        Assert.Equal(ownRateTotal, baselines[0].GetProperty("holdout").GetProperty("predictedTotal").GetDouble(), 6);
        Assert.Equal(holdoutTotal, baselines[1].GetProperty("holdout").GetProperty("actualTotal").GetInt64());
        Assert.Equal(1.0, baselines[1].GetProperty("holdout").GetProperty("topDecileLift").GetDouble(), 12);   // everyone tied
        Assert.True(File.Exists(Path.Combine(charts, "tracking.svg")));
        Assert.True(File.Exists(Path.Combine(charts, "calibration.svg")));
    }

    [Fact]
    public void Text_and_markdown_name_every_model_and_baseline()
    {
        string path = Transactions(out _, out _);
        foreach (string format in new[] { "text", "markdown" })
        {
            var run = CliRunner.Invoke("clv", "evaluate", "--input", path, "--customer", "customer", "--date", "date", "--calibration-end", "2020-06-30",
                "--unit", "day", "--multiplier", "7", "--models", "bgnbd", "--format", format);
            Assert.Equal(0, run.ExitCode);
            Assert.Contains("BG/NBD", run.Output);
            Assert.Contains("own rate", run.Output);
            Assert.Contains("population rate", run.Output);
        }
    }

    [Fact]
    public void Bad_options_stop_naming_them()
    {
        string path = Transactions(out _, out _);
        var unknown = CliRunner.Invoke("clv", "evaluate", "--input", path, "--customer", "customer", "--date", "date", "--calibration-end", "2020-06-30", "--models", "bgbb");
        Assert.Equal(1, unknown.ExitCode); // a value outside --models' choices: a bad command line
        Assert.Contains("bgbb", unknown.Error);
        var empty = CliRunner.Invoke("clv", "evaluate", "--input", path, "--customer", "customer", "--date", "date", "--calibration-end", "2020-12-31", "--end", "2020-12-31");
        Assert.Equal(2, empty.ExitCode);
        Assert.Contains("holdout window is empty", empty.Error);
        var notDate = CliRunner.Invoke("clv", "evaluate", "--input", path, "--customer", "customer", "--date", "date", "--calibration-end", "June");
        Assert.Equal(2, notDate.ExitCode);
    }
}
