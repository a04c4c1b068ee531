using System.Globalization;
using System.Text.Json;

namespace TrustMetrics.Cli.Tests.Report;

/// <summary>
/// The "Customer value" section (issue 14 item 4): its tiers, RFM segments and per-customer values equal
/// <c>trustmetrics clv summarize --unit day --multiplier 7</c> then <c>clv segment</c> on the same transactions (the reference is the
/// CLI command, itself checked against numpy/scipy in ValueSegmentTests), the P(alive) heatmap exists and is the BG/NBD matrix,
/// Korean labels change no number, and the output does not depend on the culture.
/// </summary>
public sealed class CustomerValueSectionTests : IDisposable
{
    private readonly CliRunner cli = new();

    public void Dispose() => cli.Dispose();

    private string Report(string name, params string[] args)
    {
        string folder = cli.PathOf(name);
        var run = CliRunner.Invoke(["report", "--output", folder, "--transactions", cli.Sample("transactions.csv"), .. args]);
        Assert.True(run.ExitCode == 0, run.Error);
        return folder;
    }

    private static JsonElement Json(string folder) => JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "report.json"))).RootElement;

    private static List<JsonElement> Rows(JsonElement report, string table) => [.. report.GetProperty("tables").GetProperty(table).EnumerateArray()];

    [Fact]
    public void Segments_and_customers_equal_clv_segment_on_the_weekly_summary()
    {
        string folder = Report("en");
        var report = Json(folder);
        string summary = cli.PathOf("summary.csv");
        Assert.Equal(0, CliRunner.Invoke("clv", "summarize", "-i", cli.Sample("transactions.csv"), "--customer", "customer_id", "--date", "date", "--amount", "amount",
            "--unit", "day", "--multiplier", "7", "-o", summary).ExitCode);
        var segment = CliRunner.Invoke("clv", "segment", "-i", summary, "-f", "json");
        Assert.True(segment.ExitCode == 0, segment.Error);
        var command = segment.Json();

        var rows = Rows(report, "customer_value_segments");
        var expected = command.GetProperty("segments").EnumerateArray().ToList();
        Assert.Equal(expected.Select(s => s.GetProperty("segment").GetString()), rows.Select(r => r.GetProperty("segment").GetString()));
        foreach (var (want, got) in expected.Zip(rows))
        {
            Assert.Equal(want.GetProperty("customers").GetInt64(), got.GetProperty("customers").GetInt64());
            foreach (var (field, column) in new[] { ("meanClv", "meanClv"), ("lower", "lower"), ("upper", "upper") })
            {
                Assert.Equal(want.GetProperty(field).GetDouble(), got.GetProperty(column).GetDouble(), 9);
            }
        }

        // Every customer: the same RFM code, segment, tier, CLV and P(alive) as the command's JSON.
        var customers = command.GetProperty("customers").EnumerateArray().ToDictionary(c => c.GetProperty("customer_id").GetString()!);
        var lines = File.ReadAllLines(Path.Combine(folder, "data", "customer_value_customers.csv"));
        Assert.Equal("customerId,rfm,segment,tier,clv,pAlive,pastValue", lines[0]);
        Assert.Equal(customers.Count, lines.Length - 1);
        foreach (var fields in lines.Skip(1).Select(l => l.Split(',')))
        {
            var c = customers[fields[0]];
            Assert.Equal(c.GetProperty("rfm").GetString(), fields[1]);
            Assert.Equal(c.GetProperty("segment").GetString(), fields[2]);
            Assert.Equal(c.GetProperty("tier").GetString(), fields[3]);
            Assert.Equal(c.GetProperty("clv").GetDouble(), double.Parse(fields[4], CultureInfo.InvariantCulture), 9);
            Assert.Equal(c.GetProperty("pAlive").GetDouble(), double.Parse(fields[5], CultureInfo.InvariantCulture), 12);
        }

        // The headline's figures: the VIP count and their share of the total predicted value.
        var vip = customers.Values.Where(c => c.GetProperty("tier").GetString() == "vip").ToList();
        double share = vip.Sum(c => c.GetProperty("clv").GetDouble()) / customers.Values.Sum(c => c.GetProperty("clv").GetDouble());
        var vipRow = rows.Single(r => r.GetProperty("segment").GetString() == "vip");
        Assert.Equal(share, vipRow.GetProperty("valueShare").GetDouble(), 9);
        long atRisk = customers.Values.Count(c => c.GetProperty("tier").GetString() == "at-risk vip");
        var section = report.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "customer-value");
        string headline = section.GetProperty("headline").GetString()!;
        Assert.Contains($"The top 10% of customers ({vip.Count})", headline, StringComparison.Ordinal);
        Assert.Contains("bring " + (100 * share).ToString("F0", CultureInfo.InvariantCulture) + "% of the next 12 months' value", headline, StringComparison.Ordinal);
        Assert.Contains($"; {atRisk} more customers", headline, StringComparison.Ordinal);
    }

    [Fact]
    public void The_heatmap_is_the_bgnbd_p_alive_matrix_and_is_drawn()
    {
        string folder = Report("chart");
        var report = Json(folder);
        Assert.True(File.Exists(Path.Combine(folder, "charts", "p-alive-matrix.svg")));
        string svg = File.ReadAllText(Path.Combine(folder, "charts", "p-alive-matrix.svg"));
        Assert.StartsWith("<svg", svg, StringComparison.Ordinal);
        Assert.Contains("P(alive) by purchases and last purchase", svg, StringComparison.Ordinal);
        Assert.Contains("charts/p-alive-matrix.svg", File.ReadAllText(Path.Combine(folder, "report.md")), StringComparison.Ordinal);
        Assert.Contains("id=\"customer-value\"", File.ReadAllText(Path.Combine(folder, "report.html")), StringComparison.Ordinal);

        // BG/NBD (Fader, Hardie & Lee 2005, eq. 3 — closed form): P(alive | x = 0) = 1; for x > 0 P(alive) rises with recency.
        var matrix = Rows(report, "customer_value_alive_matrix");
        Assert.All(matrix, m => Assert.InRange(m.GetProperty("pAlive").GetDouble(), 0, 1));
        Assert.Equal(1.0, matrix.Single(m => m.GetProperty("frequency").GetInt64() == 0).GetProperty("pAlive").GetDouble(), 12);
        var one = matrix.Where(m => m.GetProperty("frequency").GetInt64() == 1).Select(m => m.GetProperty("pAlive").GetDouble()).ToList();
        Assert.Equal(one.Order(), one);
        var parameters = Rows(report, "clv_parameters").Where(r => r.GetProperty("model").GetString() == "bgnbd")
            .ToDictionary(r => r.GetProperty("parameter").GetString()!, r => r.GetProperty("estimate").GetDouble());
        double r = parameters["r"], alpha = parameters["alpha"], a = parameters["a"], b = parameters["b"];
        foreach (var m in matrix.Where(m => m.GetProperty("frequency").GetInt64() > 0))
        {
            double x = m.GetProperty("frequency").GetInt64(), tx = m.GetProperty("recency").GetDouble(), t = m.GetProperty("T").GetDouble();
            double closed = 1 / (1 + a / (b + x - 1) * Math.Pow((alpha + t) / (alpha + tx), r + x));
            Assert.Equal(closed, m.GetProperty("pAlive").GetDouble(), 9);
        }

        // The observed customers counted in the grid: every customer with at most the drawn number of repeat purchases.
        long counted = matrix.Sum(m => m.GetProperty("customers").GetInt64());
        Assert.InRange(counted, 1, Rows(report, "customer_value_segments").Where(s => s.GetProperty("kind").GetString() == "tier").Sum(s => s.GetProperty("customers").GetInt64()));
    }

    [Fact]
    public void The_vip_difference_is_welchs_interval_over_the_customers_in_both_languages()
    {
        string folder = Report("vip-difference");
        var row = Rows(Json(folder), "customer_value_vip_difference").Single();
        // Reference: Welch's unequal-variance t interval computed here from the per-customer CLVs of data/customer_value_customers.csv
        // (closed form: SE = √(s₁²/n₁ + s₂²/n₂), Welch–Satterthwaite df, t quantile from MathNet's StudentT.InvCDF, an implementation
        // independent of the core's CriticalValues), VIP tier against every other customer.
        var rows = File.ReadAllLines(Path.Combine(folder, "data", "customer_value_customers.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        double[] vip = [.. rows.Where(f => f[3] == "vip").Select(f => double.Parse(f[4], CultureInfo.InvariantCulture))];
        double[] other = [.. rows.Where(f => f[3] != "vip").Select(f => double.Parse(f[4], CultureInfo.InvariantCulture))];
        static (double Mean, double Variance) Moments(double[] x)
        {
            double mean = x.Average();
            return (mean, x.Sum(v => (v - mean) * (v - mean)) / (x.Length - 1));
        }

        var (m1, v1) = Moments(vip);
        var (m2, v2) = Moments(other);
        double a = v1 / vip.Length, b = v2 / other.Length, se = Math.Sqrt(a + b);
        double df = (a + b) * (a + b) / ((a * a / (vip.Length - 1)) + (b * b / (other.Length - 1)));
        double half = MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, df, 0.975) * se;
        Assert.Equal(vip.Length, row.GetProperty("vipCustomers").GetInt64());
        Assert.Equal(other.Length, row.GetProperty("otherCustomers").GetInt64());
        // The CSV holds round-trip values; the tolerance covers only a different summation order.
        Assert.Equal(m1 - m2, row.GetProperty("difference").GetDouble(), 1e-9 * Math.Abs(m1 - m2));
        Assert.Equal(se, row.GetProperty("standardError").GetDouble(), 1e-9 * se);
        Assert.Equal(df, row.GetProperty("degreesOfFreedom").GetDouble(), 1e-6 * df);
        Assert.Equal(m1 - m2 - half, row.GetProperty("lower").GetDouble(), 1e-8 * Math.Abs(m1 - m2));
        Assert.Equal(m1 - m2 + half, row.GetProperty("upper").GetDouble(), 1e-8 * Math.Abs(m1 - m2));
        Assert.True(m1 - m2 - half > 0, "VIPs are the top of predicted CLV: their mean exceeds the others'.");

        string difference = (m1 - m2).ToString("F2", CultureInfo.InvariantCulture);
        Assert.Contains("VIPs' mean CLV exceeds the other customers' by " + difference, File.ReadAllText(Path.Combine(folder, "report.md")), StringComparison.Ordinal);
        string ko = Report("vip-difference-ko", "--lang", "ko");
        Assert.Contains("VIP의 평균 CLV가 나머지 고객보다 " + difference + " 높음", File.ReadAllText(Path.Combine(ko, "report.md")), StringComparison.Ordinal);
        Assert.Equal(row.GetRawText(), Rows(Json(ko), "customer_value_vip_difference").Single().GetRawText());
    }

    [Fact]
    public void Korean_labels_leave_every_number_unchanged_and_cover_the_english_keys()
    {
        Assert.Empty(Cli.Clv.CustomerValueLabels.EnglishKeys.Except(Cli.Clv.CustomerValueLabels.KoreanKeys));
        Assert.Empty(Cli.Clv.CustomerValueLabels.KoreanKeys.Except(Cli.Clv.CustomerValueLabels.EnglishKeys));
        string en = Report("en-labels"), ko = Report("ko-labels", "--lang", "ko");
        Assert.Equal(Json(en).GetProperty("tables").GetProperty("customer_value_segments").GetRawText(), Json(ko).GetProperty("tables").GetProperty("customer_value_segments").GetRawText());
        Assert.Contains("고객 가치 (Customer value)", File.ReadAllText(Path.Combine(ko, "report.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void Data_and_chart_do_not_depend_on_the_culture()
    {
        string invariant = Report("invariant");
        string german = TestCulture.Run("de-DE", () => Report("de"));

        foreach (string name in new[] { "data/customer_value_segments.csv", "data/customer_value_alive_matrix.csv", "data/customer_value_customers.csv", "charts/p-alive-matrix.svg" })
        {
            Assert.Equal(File.ReadAllText(Path.Combine(invariant, name)), File.ReadAllText(Path.Combine(german, name)));
        }

        Assert.Equal(Part(invariant), Part(german));
    }

    /// <summary>The section's part of report.md: from its heading to the next section's.</summary>
    private static string Part(string folder)
    {
        string markdown = File.ReadAllText(Path.Combine(folder, "report.md"));
        int start = markdown.IndexOf("## Customer value", StringComparison.Ordinal);
        Assert.True(start >= 0);
        int end = markdown.IndexOf("\n## ", start + 3, StringComparison.Ordinal);
        return end < 0 ? markdown[start..] : markdown[start..end];
    }
}
