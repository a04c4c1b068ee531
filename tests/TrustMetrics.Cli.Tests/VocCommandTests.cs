using System.Text.Json;

namespace TrustMetrics.Cli.Tests;

/// <summary>
/// The voice-of-the-customer commands on small CSVs shaped like the embedded sample's reviews.csv and tickets.csv. JSON field names
/// are the public contract.
/// </summary>
public sealed class VocCommandTests : IDisposable
{
    private const string Reviews =
        "review_id,product,month,rating,sentiment\n" +
        "1,Kettle,2024-01,5,positive\n2,Kettle,2024-01,4,positive\n3,Kettle,2024-02,2,negative\n" +
        "4,Toaster,2024-01,5,positive\n5,Toaster,2024-02,3,neutral\n6,Toaster,2024-02,,neutral\n7,Fan,2024-02,1,negative\n";

    // Response minutes are survey-metrics.md §4.2 data B (12, 15, 15, 20, 31, 45, 60, 90): type 7 p50 25.5, p90 69, p95 79.5 minutes.
    private const string Tickets =
        "ticket_id,segment,channel,opened,first_response,resolved,first_contact\n" +
        "1,Home,email,2024-03-01T00:00:00Z,2024-03-01T00:12:00Z,2024-03-01T01:00:00Z,1\n" +
        "2,Home,phone,2024-03-01T00:00:00Z,2024-03-01T00:15:00Z,2024-03-01T02:00:00Z,0\n" +
        "3,Home,chat,2024-03-01,2024-03-01T00:15:00Z,2024-03-01T03:00:00Z,1\n" +
        "4,Pro,email,2024-03-01T00:00:00Z,2024-03-01T00:20:00Z,2024-03-01T04:00:00Z,\n" +
        "5,Pro,email,2024-03-01T00:00:00Z,2024-03-01T00:31:00Z,2024-03-02T06:00:00Z,0\n" +
        "6,Pro,phone,2024-03-01T00:00:00Z,2024-03-01T00:45:00Z,2024-03-03T02:00:00Z,0\n" +
        "7,Pro,chat,2024-03-01T00:00:00Z,2024-03-01T01:00:00Z,,0\n" +
        "8,Home,email,2024-03-02T16:00:00Z,2024-03-02T17:30:00Z,,\n";

    private readonly CliRunner cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public void Reviews_json_has_the_contract_fields()
    {
        string file = cli.File("reviews.csv", Reviews);
        var run = CliRunner.Invoke("reviews", "--input", file, "--item", "product", "--rating", "rating", "--format", "json");
        Assert.Equal(0, run.ExitCode);
        var json = run.Json();
        // Default prior: C = mean of all 6 ratings = 20/6, m = median ratings per item = 2.
        Assert.Equal(20.0 / 6, json.GetProperty("prior").GetProperty("mean").GetDouble(), 12);
        Assert.Equal(2.0, json.GetProperty("prior").GetProperty("weight").GetDouble());
        var items = json.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["Fan", "Kettle", "Toaster"], items.Select(i => i.GetProperty("item").GetString()));
        var kettle = items[1];
        Assert.Equal(3, kettle.GetProperty("n").GetInt64());
        Assert.Equal(11.0 / 3, kettle.GetProperty("mean").GetProperty("value").GetDouble(), 12);
        Assert.True(kettle.GetProperty("mean").TryGetProperty("lower", out _));
        Assert.True(kettle.GetProperty("mean").TryGetProperty("upper", out _));
        // (3·11/3 + 2·20/6)/(3 + 2) = (11 + 20/3)/5.
        Assert.Equal((11 + 20.0 / 3) / 5, kettle.GetProperty("bayesianAverage").GetDouble(), 12);
        var share = kettle.GetProperty("positiveShare");
        Assert.Equal(2.0 / 3, share.GetProperty("value").GetDouble(), 12);
        // Wilson lower bound of 2/3: survey-metrics.md §3.2 row (2, 1) = 0.2076596008.
        Assert.Equal(0.2076596008, share.GetProperty("lower").GetDouble(), 9);
        Assert.Equal("wilson", share.GetProperty("method").GetString());
        Assert.Equal([0L, 1, 0, 1, 1], kettle.GetProperty("distribution").EnumerateArray().Select(e => e.GetInt64()));
    }

    [Fact]
    public void Reviews_prior_scale_positive_sort_and_group_options()
    {
        string file = cli.File("reviews.csv", Reviews);
        var json = CliRunner.Invoke("reviews", "--input", file, "--item", "product", "--rating", "rating", "--prior-mean", "3", "--prior-weight", "10",
            "--positive", "5", "--sort", "bayesian", "--group", "month", "--format", "json").Json();
        var items = json.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["Toaster", "Kettle", "Fan"], items.Select(i => i.GetProperty("item").GetString()));
        Assert.Equal((8 + 30) / 12.0, items[0].GetProperty("bayesianAverage").GetDouble(), 12);
        Assert.Equal(0.5, items[0].GetProperty("positiveShare").GetProperty("value").GetDouble(), 12);
        var groups = json.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(["2024-01", "2024-02"], groups.Select(g => g.GetProperty("group").GetString()));
        Assert.Equal(2, groups[0].GetProperty("items").GetArrayLength());
        var markdown = CliRunner.Invoke("reviews", "--input", file, "--item", "product", "--rating", "rating", "--format", "markdown");
        Assert.Equal(0, markdown.ExitCode);
        Assert.Contains("| Kettle |", markdown.Output);
    }

    [Fact]
    public void Reviews_bad_rating_names_file_line_column_and_value()
    {
        string file = cli.File("bad.csv", "product,rating\nA,5\nA,6\n");
        var run = CliRunner.Invoke("reviews", "--input", file, "--item", "product", "--rating", "rating");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("line 3, column 'rating': '6'", run.Error);
        Assert.Equal(string.Empty, run.Output);
    }

    [Fact]
    public void Sentiment_json_is_shaped_like_nps_with_the_section_3_5_values()
    {
        // survey-metrics.md §3.5: (neg, neu, pos) = (20, 100, 80) → NSS 30, SE 4.527692569 points.
        var rows = Enumerable.Repeat("negative", 20).Concat(Enumerable.Repeat("neutral", 100)).Concat(Enumerable.Repeat("positive", 80));
        string file = cli.File("s.csv", "id,label\n" + string.Concat(rows.Select((l, i) => $"{i},{l}\n")));
        var json = CliRunner.Invoke("sentiment", "--input", file, "--label", "label", "--format", "json", "--method", "wald").Json();
        Assert.Equal("sentiment", json.GetProperty("metric").GetString());
        Assert.Equal(200, json.GetProperty("n").GetInt64());
        Assert.Equal(80, json.GetProperty("positive").GetInt64());
        Assert.Equal(30.0, json.GetProperty("score").GetDouble(), 9);
        Assert.Equal(4.527692569, json.GetProperty("standardError").GetDouble(), 8);
        var ci = json.GetProperty("confidenceInterval");
        Assert.Equal(21.12588563, ci.GetProperty("lower").GetDouble(), 7);
        Assert.Equal("wald", ci.GetProperty("method").GetString());
        Assert.Equal(60.0, json.GetProperty("excludingNeutral").GetProperty("value").GetDouble(), 9);
    }

    [Fact]
    public void Sentiment_custom_labels_groups_and_unknown_labels()
    {
        string file = cli.File("reviews.csv", Reviews);
        var json = CliRunner.Invoke("sentiment", "--input", file, "--label", "sentiment", "--group", "product", "--format", "json").Json();
        Assert.Equal(7, json.GetProperty("n").GetInt64());
        Assert.Equal(["Fan", "Kettle", "Toaster"], json.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("group").GetString()));

        string custom = cli.File("c.csv", "label\ngood\nbad\nmeh\ngood\n");
        var ok = CliRunner.Invoke("sentiment", "--input", custom, "--label", "label", "--positive", "good", "--neutral", "meh", "--negative", "bad", "--format", "json");
        Assert.Equal(25.0, ok.Json().GetProperty("score").GetDouble(), 9);
        var bad = CliRunner.Invoke("sentiment", "--input", custom, "--label", "label");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("line 2, column 'label': 'good'", bad.Error);
    }

    [Fact]
    public void Service_json_has_the_contract_fields_in_hours()
    {
        string file = cli.File("tickets.csv", Tickets);
        var run = CliRunner.Invoke("service", "--input", file, "--opened", "opened", "--first-response", "first_response", "--resolved", "resolved",
            "--first-contact", "first_contact", "--sla", "24", "--format", "json");
        Assert.Equal(0, run.ExitCode);
        var json = run.Json();
        Assert.Equal(8, json.GetProperty("n").GetInt64());
        var rate = json.GetProperty("resolutionRate");
        Assert.Equal(0.75, rate.GetProperty("value").GetDouble(), 12);
        Assert.Equal(0.40927543031016883, rate.GetProperty("lower").GetDouble(), 10); // Wilson 6/8
        Assert.Equal(0.9285207872478909, rate.GetProperty("upper").GetDouble(), 10);
        Assert.Equal(2.0 / 6, json.GetProperty("firstContactResolution").GetProperty("value").GetDouble(), 12);
        var response = json.GetProperty("timeToFirstResponse");
        Assert.Equal(36.0 / 60, response.GetProperty("mean").GetDouble(), 9);
        Assert.Equal(25.5 / 60, response.GetProperty("p50").GetDouble(), 9);
        Assert.Equal(69.0 / 60, response.GetProperty("p90").GetDouble(), 9);
        Assert.Equal(79.5 / 60, response.GetProperty("p95").GetDouble(), 9);
        var resolution = json.GetProperty("timeToResolution");
        Assert.Equal(6, resolution.GetProperty("n").GetInt64());
        Assert.Equal(15.0, resolution.GetProperty("mean").GetDouble(), 9);
        Assert.Equal(3.5, resolution.GetProperty("p50").GetDouble(), 9);
        // As of 2024-03-03T02:00Z (latest timestamp): 4 met, 2 late, ticket 7 open 50 h (missed), ticket 8 open 10 h (undecided).
        Assert.Equal(4.0 / 7, json.GetProperty("slaAttainment").GetProperty("value").GetDouble(), 12);
        Assert.Equal(2, json.GetProperty("openBacklog").GetInt64());
    }

    [Fact]
    public void Service_percentile_type_and_group()
    {
        string file = cli.File("tickets.csv", Tickets);
        var json = CliRunner.Invoke("service", "--input", file, "--opened", "opened", "--first-response", "first_response", "--resolved", "resolved",
            "--percentile-type", "1", "--group", "segment", "--format", "json").Json();
        Assert.Equal(1.5, json.GetProperty("timeToFirstResponse").GetProperty("p90").GetDouble(), 9); // type 1: 90 minutes
        Assert.Equal(JsonValueKind.Null, json.GetProperty("slaAttainment").ValueKind);
        var groups = json.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(["Home", "Pro"], groups.Select(g => g.GetProperty("group").GetString()));
        Assert.Equal(4, groups[1].GetProperty("n").GetInt64());
        var text = CliRunner.Invoke("service", "--input", file, "--opened", "opened", "--first-response", "first_response", "--resolved", "resolved");
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("Times (hours)", text.Output);
    }

    [Theory]
    [InlineData("1,A,x,2024-03-01T00:00:00Z,yesterday,,\n", "line 2, column 'first_response': 'yesterday'")]
    [InlineData("1,A,x,2024-03-02T00:00:00Z,2024-03-01T00:00:00Z,,\n", "line 2, column 'first_response': '2024-03-01T00:00:00Z' is before")]
    [InlineData("1,A,x,2024-03-01,,,1\n", "line 2, column 'first_contact': '1' says resolved on first contact")]
    [InlineData("1,A,x,2024-03-01,,,maybe\n", "line 2, column 'first_contact': 'maybe'")]
    [InlineData("1,A,x,,,,\n", "line 2, column 'opened': ''")]
    public void Service_bad_cells_exit_2_naming_file_line_column_and_value(string row, string expected)
    {
        string file = cli.File("t.csv", "ticket_id,segment,channel,opened,first_response,resolved,first_contact\n" + row);
        var run = CliRunner.Invoke("service", "--input", file, "--opened", "opened", "--first-response", "first_response", "--resolved", "resolved",
            "--first-contact", "first_contact");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(file, run.Error);
        Assert.Contains(expected, run.Error);
    }

    [Fact]
    public void Funnel_from_furthest_stage_with_variants_and_comparison()
    {
        // Variant A: 10 users, 6 reach cart, 3 buy; variant B: 10 users, 4 reach cart, 1 buys.
        var rows = new List<string>();
        void Add(string variant, string stage, int count) => rows.AddRange(Enumerable.Repeat($"{variant},{stage}", count));
        Add("A", "visit", 4); Add("A", "cart", 3); Add("A", "purchase", 3);
        Add("B", "visit", 6); Add("B", "cart", 3); Add("B", "purchase", 1);
        string file = cli.File("f.csv", "variant,stage\n" + string.Join("\n", rows) + "\n");
        var json = CliRunner.Invoke("funnel", "--input", file, "--stage", "stage", "--stages", "visit,cart,purchase", "--variant", "variant", "--format", "json").Json();
        Assert.Equal(20, json.GetProperty("n").GetInt64());
        var stages = json.GetProperty("stages").EnumerateArray().ToList();
        Assert.Equal([20L, 10, 4], stages.Select(s => s.GetProperty("reached").GetInt64()));
        Assert.Equal(0.5, stages[1].GetProperty("stepConversion").GetProperty("value").GetDouble(), 12);
        Assert.Equal(0.6, stages[2].GetProperty("dropOff").GetDouble(), 12);
        Assert.Equal(0.2, json.GetProperty("overallConversion").GetProperty("value").GetDouble(), 12);
        var comparison = json.GetProperty("comparison");
        Assert.Equal("A", comparison.GetProperty("first").GetString());
        Assert.Equal(2, comparison.GetProperty("steps").GetArrayLength());
        Assert.True(comparison.GetProperty("steps")[0].TryGetProperty("holmPValue", out _));
        Assert.Equal(0.2, comparison.GetProperty("overall").GetProperty("difference").GetDouble(), 12);
    }

    [Fact]
    public void Funnel_stage_order_defaults_to_first_appearance_and_unknown_stages_are_named()
    {
        string file = cli.File("f.csv", "stage\nvisit\ncart\nvisit\n\n");
        var json = CliRunner.Invoke("funnel", "--input", file, "--stage", "stage", "--format", "json").Json();
        Assert.Equal(["visit", "cart"], json.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("stage").GetString()));
        var bad = CliRunner.Invoke("funnel", "--input", file, "--stage", "stage", "--stages", "visit,checkout");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("line 3, column 'stage': 'cart' is not one of --stages", bad.Error);
    }

    [Fact]
    public void Repurchase_from_the_clv_transaction_shape()
    {
        string file = cli.File("tx.csv",
            "customer_id,date\nc1,2024-01-01\nc1,2024-01-11\nc1,2024-02-10\nc1,2024-02-10\nc2,2024-01-05\nc3,2024-03-20\nc3,2024-01-20\n");
        var json = CliRunner.Invoke("repurchase", "--input", file, "--customer", "customer_id", "--date", "date", "--format", "json").Json();
        Assert.Equal(3, json.GetProperty("customers").GetInt64());
        Assert.Equal(2, json.GetProperty("repeatCustomers").GetInt64());
        Assert.Equal(2.0 / 3, json.GetProperty("repeatRate").GetProperty("value").GetDouble(), 12);
        Assert.Equal(0.2076596008, json.GetProperty("repeatRate").GetProperty("lower").GetDouble(), 9);
        var gaps = json.GetProperty("interPurchaseDays");
        Assert.Equal(30.0, gaps.GetProperty("p50").GetDouble(), 9);
        Assert.Equal(3, gaps.GetProperty("n").GetInt64());
        var periods = json.GetProperty("periods").EnumerateArray().ToList();
        Assert.Equal("2024-01-01", periods[0].GetProperty("start").GetString());
        Assert.Equal(4.0 / 3, periods[0].GetProperty("frequency").GetDouble(), 12);

        string bad = cli.File("bad.csv", "customer_id,date\nc1,2024-13-01\n");
        var run = CliRunner.Invoke("repurchase", "--input", bad, "--customer", "customer_id", "--date", "date");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("line 2, column 'date': '2024-13-01'", run.Error);
    }
}
