using System.Text.Json;

namespace TrustMetrics.Cli.Tests;

/// <summary>
/// <c>--group</c> on the funnel and repurchase commands: every group's object equals what the command prints for that group's rows
/// alone (the per-group subset file), the overall fields stay exactly as without <c>--group</c>, blank group cells form the group
/// "(blank)" as in nps, and a customer whose rows name two groups is bad data.
/// </summary>
public sealed class VocGroupTests : IDisposable
{
    // Segment "Pro" sees "cart" before "visit" in file order, so its own first-appearance order would differ from the file's.
    private const string Users =
        "user,segment,variant,stage\n" +
        "1,Home,A,visit\n2,Home,A,cart\n3,Home,A,purchase\n4,Home,B,visit\n5,Home,B,visit\n6,Home,B,cart\n" +
        "7,Pro,A,cart\n8,Pro,A,purchase\n9,Pro,B,visit\n10,Pro,B,purchase\n11,Pro,B,\n" +
        "12,,A,visit\n13,,A,cart\n14,Home,A,purchase\n15,Pro,A,visit\n";

    private const string Transactions =
        "customer_id,segment,date\n" +
        "c1,Home,2024-01-01\nc1,Home,2024-01-11\nc1,Home,2024-02-10\nc2,Home,2024-01-05\n" +
        "c3,Pro,2024-03-20\nc3,Pro,2024-01-20\nc4,Pro,2024-02-01\nc4,Pro,2024-02-01\nc4,Pro,2024-04-15\n" +
        "c5,,2024-02-02\nc5,,2024-03-03\nc6,Home,2024-04-30\n";

    private static readonly string[] FunnelFields = ["n", "overallConversion", "stages", "variants", "comparison"];

    private static readonly string[] RepurchaseFields =
        ["customers", "repeatCustomers", "repeatRate", "transactions", "purchasesPerCustomer", "interPurchaseDays", "periods"];

    private readonly CliRunner cli = new();

    public void Dispose() => cli.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Funnel_groups_equal_the_command_on_each_group_subset(bool withVariant)
    {
        string file = cli.File("users.csv", Users);
        string[] variant = withVariant ? ["--variant", "variant"] : [];
        string[] args = ["funnel", "--input", file, "--stage", "stage", "--stages", "visit,cart,purchase", .. variant, "--format", "json"];
        var grouped = CliRunner.Invoke([.. args, "--group", "segment"]).Json();
        var plain = CliRunner.Invoke(args).Json();

        // The overall result and its fields are unchanged by --group.
        foreach (var property in plain.EnumerateObject())
        {
            Assert.Equal(Compact(property.Value), Compact(grouped.GetProperty(property.Name)));
        }

        Assert.Equal("segment", grouped.GetProperty("groupBy").GetString());
        var groups = grouped.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(["(blank)", "Home", "Pro"], groups.Select(g => g.GetProperty("group").GetString()));
        foreach (var group in groups)
        {
            string label = group.GetProperty("group").GetString()!;
            string subset = cli.File($"users-{label}.csv", Subset(Users, "segment", label == "(blank)" ? string.Empty : label));
            var alone = CliRunner.Invoke(["funnel", "--input", subset, "--stage", "stage", "--stages", "visit,cart,purchase", .. variant, "--format", "json"]).Json();
            foreach (string field in FunnelFields.Where(f => withVariant || f is not ("variants" or "comparison")))
            {
                if (alone.TryGetProperty(field, out var expected))
                {
                    Assert.Equal(Compact(expected), Compact(group.GetProperty(field)));
                }
                else
                {
                    Assert.False(group.TryGetProperty(field, out _), $"{label}: {field}");
                }
            }

            Assert.Equal(withVariant, group.TryGetProperty("variants", out _));
        }

        // Home and Pro both hold variants A and B, so each has its own comparison; the blank group only A.
        Assert.Equal(withVariant, groups[1].TryGetProperty("comparison", out _));
        Assert.False(groups[0].TryGetProperty("comparison", out _));
    }

    [Fact]
    public void Funnel_groups_share_the_whole_files_stage_order_and_list_a_row_per_group()
    {
        string file = cli.File("users.csv", Users);
        var json = CliRunner.Invoke("funnel", "--input", file, "--stage", "stage", "--group", "segment", "--format", "json").Json();
        Assert.Equal(1, json.GetProperty("missing").GetInt64());
        foreach (var group in json.GetProperty("groups").EnumerateArray())
        {
            Assert.Equal(["visit", "cart", "purchase"], group.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("stage").GetString()));
        }

        // Pro: 5 users with a stage (visit 2, cart 1, purchase 2) → reached 5, 3, 2.
        var pro = json.GetProperty("groups")[2];
        Assert.Equal([5L, 3, 2], pro.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("reached").GetInt64()));

        var markdown = CliRunner.Invoke("funnel", "--input", file, "--stage", "stage", "--group", "segment", "--format", "markdown");
        Assert.Equal(0, markdown.ExitCode);
        Assert.Contains("## Funnel by segment", markdown.Output);
        Assert.Contains("| segment | Users | → cart % | → purchase % | Overall % | 95% CI |", markdown.Output);
        foreach (string row in new[] { "| All | 14 |", "| (blank) | 2 |", "| Home | 7 |", "| Pro | 5 |" })
        {
            Assert.Contains(row, markdown.Output);
        }

        var text = CliRunner.Invoke("funnel", "--input", file, "--stage", "stage", "--variant", "variant", "--group", "segment");
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("Funnel by segment", text.Output);
        foreach (string label in new[] { "(blank) / A", "Home / A", "Home / B", "Pro / A", "Pro / B", "segment = Home: A − B", "segment = Pro: A − B" })
        {
            Assert.Contains(label, text.Output);
        }

        Assert.DoesNotContain("segment = (blank):", text.Output);
        var missing = CliRunner.Invoke("funnel", "--input", file, "--stage", "stage", "--group", "region");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("no column named 'region'", missing.Error);
    }

    [Fact]
    public void Repurchase_groups_equal_the_command_on_each_group_subset()
    {
        string file = cli.File("tx.csv", Transactions);
        string[] args = ["repurchase", "--input", file, "--customer", "customer_id", "--date", "date", "--format", "json"];
        var grouped = CliRunner.Invoke([.. args, "--group", "segment"]).Json();
        var plain = CliRunner.Invoke(args).Json();
        foreach (var property in plain.EnumerateObject())
        {
            Assert.Equal(Compact(property.Value), Compact(grouped.GetProperty(property.Name)));
        }

        Assert.Equal("segment", grouped.GetProperty("groupBy").GetString());
        var groups = grouped.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(["(blank)", "Home", "Pro"], groups.Select(g => g.GetProperty("group").GetString()));
        foreach (var group in groups)
        {
            string label = group.GetProperty("group").GetString()!;
            string subset = cli.File($"tx-{label}.csv", Subset(Transactions, "segment", label == "(blank)" ? string.Empty : label));
            var alone = CliRunner.Invoke("repurchase", "--input", subset, "--customer", "customer_id", "--date", "date", "--format", "json").Json();
            foreach (string field in RepurchaseFields)
            {
                Assert.Equal(Compact(alone.GetProperty(field)), Compact(group.GetProperty(field)));
            }
        }

        // Home: c1 (3 days), c2 and c6 (one day each) → 1 repeat customer of 3; Pro: c3 and c4 both repeat (c4's two rows on one day count once).
        Assert.Equal(3, groups[1].GetProperty("customers").GetInt64());
        Assert.Equal(1, groups[1].GetProperty("repeatCustomers").GetInt64());
        Assert.Equal(2, groups[2].GetProperty("repeatCustomers").GetInt64());
        Assert.Equal(5, groups[2].GetProperty("transactions").GetInt64());
    }

    [Fact]
    public void Repurchase_text_and_markdown_list_a_row_per_group()
    {
        string file = cli.File("tx.csv", Transactions);
        var markdown = CliRunner.Invoke("repurchase", "--input", file, "--customer", "customer_id", "--date", "date", "--group", "segment", "--format", "markdown");
        Assert.Equal(0, markdown.ExitCode);
        Assert.Contains("## Repurchase by segment", markdown.Output);
        foreach (string row in new[] { "| All | 6 | 4 |", "| (blank) | 1 | 1 |", "| Home | 3 | 1 |", "| Pro | 2 | 2 |" })
        {
            Assert.Contains(row, markdown.Output);
        }

        var text = CliRunner.Invoke("repurchase", "--input", file, "--customer", "customer_id", "--date", "date", "--group", "segment");
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("Repurchase by segment", text.Output);
        Assert.Contains("(blank)", text.Output);
        Assert.Contains("Pro", text.Output);
    }

    [Theory]
    [InlineData("c1,Home,2024-01-01\nc2,Pro,2024-01-02\nc1,Pro,2024-01-03\n", "line 4, column 'segment': 'Pro' disagrees with 'Home' on line 2 for customer 'c1'")]
    [InlineData("c1,,2024-01-01\nc1,Home,2024-01-03\n", "line 3, column 'segment': 'Home' disagrees with '(blank)' on line 2 for customer 'c1'")]
    public void Repurchase_customer_in_two_groups_exits_2_naming_file_line_column_and_both_values(string rows, string expected)
    {
        string file = cli.File("bad.csv", "customer_id,segment,date\n" + rows);
        var run = CliRunner.Invoke("repurchase", "--input", file, "--customer", "customer_id", "--date", "date", "--group", "segment", "--format", "json");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(file, run.Error);
        Assert.Contains(expected, run.Error);
        Assert.Equal(string.Empty, run.Output);

        // Without --group the same file is fine: the group column is only read when asked for.
        Assert.Equal(0, CliRunner.Invoke("repurchase", "--input", file, "--customer", "customer_id", "--date", "date").ExitCode);
    }

    /// <summary>Whitespace-free JSON of an element, so values at different nesting depths compare equal.</summary>
    private static string Compact(JsonElement element) => JsonSerializer.Serialize(element);

    /// <summary>The header and the rows whose <paramref name="column"/> cell is <paramref name="value"/> (no quoting in these fixtures).</summary>
    private static string Subset(string csv, string column, string value)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        int index = Array.IndexOf(lines[0].Split(','), column);
        return string.Join('\n', lines.Take(1).Concat(lines.Skip(1).Where(l => l.Split(',')[index] == value))) + "\n";
    }
}
