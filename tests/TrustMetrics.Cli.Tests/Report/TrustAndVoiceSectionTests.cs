using System.Text.Json;

namespace TrustMetrics.Cli.Tests.Report;

/// <summary>
/// The trust-index, repurchase, service and reviews sections: report.json numbers equal what the single-family commands print on
/// the same sample file, the planted dips are flagged, Korean labels, and sections skipped with a note when a file lacks columns.
/// </summary>
public sealed class TrustAndVoiceSectionTests : IDisposable
{
    private readonly CliRunner cli = new();

    public void Dispose() => cli.Dispose();

    private (CliRunner.Run Run, JsonElement Json, string Folder) Report(string name, params string[] args)
    {
        string folder = cli.PathOf(name);
        var run = CliRunner.Invoke(["report", "--output", folder, .. args]);
        Assert.True(run.ExitCode == 0, run.Error);
        return (run, JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "report.json"))).RootElement, folder);
    }

    private static List<JsonElement> Rows(JsonElement report, string table) => [.. report.GetProperty("tables").GetProperty(table).EnumerateArray()];

    private static IEnumerable<string?> SectionIds(JsonElement report) => report.GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("id").GetString());

    private static void Same(JsonElement expected, JsonElement actual, int precision = 12)
    {
        if (expected.ValueKind == JsonValueKind.Null)
        {
            Assert.Equal(JsonValueKind.Null, actual.ValueKind);
            return;
        }

        Assert.Equal(expected.GetDouble(), actual.GetDouble(), precision);
    }

    [Fact]
    public void Trust_index_alpha_segments_and_drivers_equal_the_trust_index_command()
    {
        string survey = cli.Sample("survey.csv");
        var (_, report, _) = Report("trust", "--survey", survey);
        var command = CliRunner.Invoke("trust-index", "-i", survey, "--group", "segment", "--outcome", "nps", "--bootstrap", "200", "-f", "json").Json();

        var index = Rows(report, "trust_index");
        var all = index.Single(r => r.GetProperty("group").GetString() == "All");
        foreach (string field in new[] { "value", "lower", "upper" })
        {
            Assert.Equal(command.GetProperty("index").GetProperty(field).GetDouble(), all.GetProperty(field == "value" ? "index" : field).GetDouble(), 12);
        }

        foreach (var group in command.GetProperty("groups").EnumerateArray())
        {
            var row = index.Single(r => r.GetProperty("group").GetString() == group.GetProperty("group").GetString());
            Assert.Equal(group.GetProperty("index").GetProperty("value").GetDouble(), row.GetProperty("index").GetDouble(), 12);
            Assert.Equal(group.GetProperty("index").GetProperty("upper").GetDouble(), row.GetProperty("upper").GetDouble(), 12);
        }

        var dimensions = Rows(report, "trust_dimensions").Where(r => r.GetProperty("group").GetString() == "All").ToList();
        foreach (var dimension in command.GetProperty("dimensions").EnumerateArray())
        {
            var row = dimensions.Single(r => r.GetProperty("dimension").GetString() == dimension.GetProperty("name").GetString());
            Same(dimension.GetProperty("cronbachAlpha"), row.GetProperty("cronbachAlpha"));
            Same(dimension.GetProperty("standardizedAlpha"), row.GetProperty("standardizedAlpha"));
            Same(dimension.GetProperty("score"), row.GetProperty("score"));
            Assert.Equal(dimension.GetProperty("lowReliability").GetBoolean(), row.GetProperty("lowReliability").GetBoolean());
            foreach (var item in dimension.GetProperty("items").EnumerateArray())
            {
                var itemRow = Rows(report, "trust_items").Single(r => r.GetProperty("item").GetString() == item.GetProperty("name").GetString());
                Same(item.GetProperty("itemTotalCorrelation"), itemRow.GetProperty("itemTotalCorrelation"));
                Same(item.GetProperty("alphaIfDeleted"), itemRow.GetProperty("alphaIfDeleted"));
            }
        }

        var drivers = Rows(report, "trust_drivers");
        foreach (var driver in command.GetProperty("drivers").EnumerateArray())
        {
            var row = drivers.Single(r => r.GetProperty("driver").GetString() == driver.GetProperty("name").GetString());
            Same(driver.GetProperty("relativeWeight"), row.GetProperty("relativeWeight"));
            Same(driver.GetProperty("shapley"), row.GetProperty("shapley"));
            Same(driver.GetProperty("shapleyInterval").GetProperty("lower"), row.GetProperty("shapleyLower"));
        }
    }

    [Fact]
    public void Trust_breakdown_flags_the_planted_smb_transparency_dip_of_2026_05()
    {
        string survey = cli.Sample("survey.csv");
        var (_, report, _) = Report("trust-breakdown", "--survey", survey);
        var changes = Rows(report, "trust_changes");
        var alerts = changes.Where(c => c.GetProperty("alert").GetBoolean()).ToList();
        var dip = Assert.Single(alerts, a => a.GetProperty("group").GetString() == "SMB" && a.GetProperty("measure").GetString() == "transparency");
        Assert.Equal("2026-04", dip.GetProperty("from").GetString());
        Assert.Equal("2026-05", dip.GetProperty("to").GetString());

        // The raw test is the trust-index command's for the same pair of months; the report adjusts over every pair (more tests, larger p).
        var command = CliRunner.Invoke("trust-index", "-i", survey, "--group", "segment", "--outcome", "nps", "--bootstrap", "200", "--period", "month",
            "--previous", "2026-04", "--current", "2026-05", "-f", "json").Json();
        var expected = command.GetProperty("breakdown").GetProperty("changes").EnumerateArray()
            .Single(c => c.GetProperty("group").GetString() == "SMB" && c.GetProperty("measure").GetString() == "transparency");
        Assert.Equal(expected.GetProperty("difference").GetDouble(), dip.GetProperty("difference").GetDouble(), 12);
        Assert.Equal(expected.GetProperty("pValue").GetDouble(), dip.GetProperty("pValue").GetDouble(), 15);
        Assert.True(dip.GetProperty("holmAdjustedPValue").GetDouble() >= expected.GetProperty("adjustedPValue").GetDouble());
        Assert.Equal(5 * 4 * 6, changes.Count);
    }

    [Fact]
    public void Service_rates_and_percentiles_equal_the_service_command()
    {
        string tickets = cli.Sample("tickets.csv");
        var (_, report, _) = Report("service", "--tickets", tickets);
        Assert.Equal(["service"], SectionIds(report));
        var command = CliRunner.Invoke("service", "-i", tickets, "--opened", "opened", "--first-response", "first_response", "--resolved", "resolved",
            "--first-contact", "first_contact", "--response-sla", "4", "--sla", "24", "--group", "channel", "-f", "json").Json();
        var rates = Rows(report, "service_rates");
        var times = Rows(report, "service_times");
        var units = new List<(string By, string Group, JsonElement Expected)> { ("All", "All", command) };
        units.AddRange(command.GetProperty("groups").EnumerateArray().Select(g => ("channel", g.GetProperty("group").GetString()!, g)));
        foreach (var (by, group, expected) in units)
        {
            var rate = rates.Single(r => r.GetProperty("by").GetString() == by && r.GetProperty("group").GetString() == group);
            Assert.Equal(expected.GetProperty("n").GetInt64(), rate.GetProperty("n").GetInt64());
            Assert.Equal(expected.GetProperty("openBacklog").GetInt64(), rate.GetProperty("openBacklog").GetInt64());
            Same(expected.GetProperty("resolutionRate").GetProperty("value"), rate.GetProperty("resolutionRate"));
            Same(expected.GetProperty("resolutionRate").GetProperty("lower"), rate.GetProperty("resolutionRateLower"));
            Same(expected.GetProperty("firstContactResolution").GetProperty("upper"), rate.GetProperty("firstContactResolutionUpper"));
            Same(expected.GetProperty("slaAttainment").GetProperty("value"), rate.GetProperty("resolutionSlaAttainment"));
            Same(expected.GetProperty("firstResponseSlaAttainment").GetProperty("lower"), rate.GetProperty("firstResponseSlaLower"));
            foreach (string measure in new[] { "timeToFirstResponse", "timeToResolution" })
            {
                var row = times.Single(r => r.GetProperty("by").GetString() == by && r.GetProperty("group").GetString() == group && r.GetProperty("measure").GetString() == measure);
                foreach (string field in new[] { "mean", "p50", "p90", "p95" })
                {
                    Same(expected.GetProperty(measure).GetProperty(field), row.GetProperty(field + "Hours"), 9);
                }
            }
        }
    }

    [Fact]
    public void Reviews_and_net_sentiment_equal_the_reviews_and_sentiment_commands_and_flag_the_air_purifier_dip()
    {
        string reviews = cli.Sample("reviews.csv");
        var (_, report, _) = Report("reviews", "--reviews", reviews);
        var command = CliRunner.Invoke("reviews", "-i", reviews, "--item", "product", "--rating", "rating", "-f", "json").Json();
        var products = Rows(report, "reviews_by_product");
        foreach (var item in command.GetProperty("items").EnumerateArray())
        {
            var row = products.Single(r => r.GetProperty("product").GetString() == item.GetProperty("item").GetString());
            Assert.Equal(item.GetProperty("n").GetInt64(), row.GetProperty("n").GetInt64());
            Same(item.GetProperty("mean").GetProperty("value"), row.GetProperty("mean"));
            Same(item.GetProperty("mean").GetProperty("lower"), row.GetProperty("meanLower"));
            Same(item.GetProperty("bayesianAverage"), row.GetProperty("bayesianAverage"));
            Same(item.GetProperty("positiveShare").GetProperty("value"), row.GetProperty("positiveShare"));
            Same(item.GetProperty("positiveShare").GetProperty("upper"), row.GetProperty("positiveShareUpper"));
            Same(item.GetProperty("dirichletScore"), row.GetProperty("dirichletScore"));
            Assert.Equal(item.GetProperty("distribution").EnumerateArray().Select(c => c.GetInt64()),
                Rows(report, "reviews_distribution").Where(r => r.GetProperty("product").GetString() == item.GetProperty("item").GetString()).Select(r => r.GetProperty("count").GetInt64()));
        }

        // The Dirichlet rank is the order of the reviews command sorted by it.
        var ranked = CliRunner.Invoke("reviews", "-i", reviews, "--item", "product", "--rating", "rating", "--sort", "dirichlet", "-f", "json").Json();
        Assert.Equal(ranked.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("item").GetString()),
            products.OrderBy(r => r.GetProperty("dirichletRank").GetInt64()).Select(r => r.GetProperty("product").GetString()));

        var sentiment = CliRunner.Invoke("sentiment", "-i", reviews, "--label", "sentiment", "--group", "month", "-f", "json").Json();
        var net = Rows(report, "net_sentiment");
        var units = new List<(string By, string Group, JsonElement Expected)> { ("All", "All", sentiment) };
        units.AddRange(sentiment.GetProperty("groups").EnumerateArray().Select(g => ("month", g.GetProperty("group").GetString()!, g)));
        Assert.Equal(units.Count, net.Count);
        foreach (var (by, group, expected) in units)
        {
            var row = net.Single(r => r.GetProperty("by").GetString() == by && r.GetProperty("group").GetString() == group);
            Same(expected.GetProperty("score"), row.GetProperty("score"));
            Same(expected.GetProperty("standardError"), row.GetProperty("standardError"));
            Same(expected.GetProperty("confidenceInterval").GetProperty("lower"), row.GetProperty("lower"));
            Same(expected.GetProperty("confidenceInterval").GetProperty("upper"), row.GetProperty("upper"));
        }

        var drops = Rows(report, "reviews_changes").Where(c => c.GetProperty("significant").GetBoolean() && c.GetProperty("difference").GetDouble() < 0).ToList();
        var dip = Assert.Single(drops);
        Assert.Equal("air_purifier", dip.GetProperty("product").GetString());
        Assert.Equal("2026-03", dip.GetProperty("to").GetString());
    }

    [Fact]
    public void Repurchase_equals_the_repurchase_command()
    {
        string transactions = cli.Sample("transactions.csv");
        var (_, report, _) = Report("repurchase", "--transactions", transactions);
        Assert.Equal(["clv", "customer-value", "repurchase"], SectionIds(report));
        var command = CliRunner.Invoke("repurchase", "-i", transactions, "--customer", "customer_id", "--date", "date", "-f", "json").Json();
        var row = Assert.Single(Rows(report, "repurchase_summary"));
        Assert.Equal(command.GetProperty("customers").GetInt64(), row.GetProperty("customers").GetInt64());
        Assert.Equal(command.GetProperty("repeatCustomers").GetInt64(), row.GetProperty("repeatCustomers").GetInt64());
        Same(command.GetProperty("repeatRate").GetProperty("value"), row.GetProperty("repeatRate"));
        Same(command.GetProperty("repeatRate").GetProperty("lower"), row.GetProperty("repeatRateLower"));
        Same(command.GetProperty("repeatRate").GetProperty("upper"), row.GetProperty("repeatRateUpper"));
        Same(command.GetProperty("interPurchaseDays").GetProperty("p50"), row.GetProperty("interPurchaseMedianDays"));
        Assert.Equal(command.GetProperty("periods").GetArrayLength(), Rows(report, "purchase_frequency").Count);
    }

    [Fact]
    public void Korean_report_labels_the_new_sections_and_keeps_the_numbers()
    {
        var (run, korean, folder) = Report("ko", "--lang", "ko");
        string html = File.ReadAllText(Path.Combine(folder, "report.html"));
        string markdown = File.ReadAllText(Path.Combine(folder, "report.md"));
        foreach (string label in new[] { "신뢰지수 (Trust index)", "재구매 (Repurchase)", "고객 서비스와 불만 처리 (Service and complaints)", "리뷰와 순감성 (Reviews and net sentiment)",
            "제품별 평점 (Ratings by product)", "핵심 동인 (Key drivers)" })
        {
            Assert.Contains(label, html);
            Assert.Contains(label, markdown);
        }

        Assert.Contains("리뷰와 순감성", run.Output);
        var english = Report("en").Json;
        Assert.Equal(english.GetProperty("tables").GetRawText(), korean.GetProperty("tables").GetRawText());
    }

    [Fact]
    public void Sections_are_skipped_with_a_note_when_a_file_lacks_their_columns()
    {
        // The survey without its trust items, tickets without timestamps, reviews without ratings.
        string[] lines = File.ReadAllLines(cli.Sample("survey.csv"));
        string survey = cli.File("plain-survey.csv", string.Concat(lines.Select(l => string.Join(',', l.Split(',').Take(7)) + "\n")));
        string tickets = cli.File("tickets.csv", "ticket_id,segment,channel\nT1,SMB,app\n");
        string reviews = cli.File("reviews.csv", "review_id,product,stars\nR1,robot_vacuum,5\n");
        var (run, report, folder) = Report("skips", "--survey", survey, "--tickets", tickets, "--reviews", reviews);
        Assert.Equal(["survey"], SectionIds(report));
        var notes = report.GetProperty("notes").EnumerateArray().ToList();
        Assert.Equal(["trust", "service", "reviews"], notes.Select(n => n.GetProperty("section").GetString()));
        Assert.Contains("transparency1", notes[0].GetProperty("reason").GetString());
        Assert.Contains("'opened'", notes[1].GetProperty("reason").GetString());
        Assert.Contains("'rating'", notes[2].GetProperty("reason").GetString());
        Assert.Contains("skipped", File.ReadAllText(Path.Combine(folder, "report.md")));
        Assert.Contains("skipped", run.Output);
        Assert.Equal(string.Empty, run.Error);
    }

    [Fact]
    public void A_constant_outcome_leaves_out_the_key_drivers_with_a_note_and_keeps_the_index()
    {
        // Every respondent answers nps = 8: key-driver analysis is undefined, the index is not.
        string[] lines = File.ReadAllLines(cli.Sample("survey.csv"));
        int nps = Array.IndexOf(lines[0].Split(','), "nps");
        string survey = cli.File("constant-nps.csv", lines[0] + "\n" + string.Concat(lines.Skip(1).Select(l =>
        {
            var cells = l.Split(',');
            cells[nps] = "8";
            return string.Join(',', cells) + "\n";
        })));
        var (_, report, _) = Report("constant", "--survey", survey);
        Assert.Contains("trust", SectionIds(report));
        Assert.False(report.GetProperty("tables").TryGetProperty("trust_drivers", out _));
        var note = Assert.Single(report.GetProperty("notes").EnumerateArray());
        Assert.Contains("key drivers", note.GetProperty("reason").GetString());
        Assert.NotEmpty(Rows(report, "trust_index"));
    }
}
