namespace TrustMetrics.Cli.Tests;

/// <summary>
/// Every command that reads a file × every way a real file goes wrong: the command exits 1 or 2 with one line on standard error
/// naming the file (and line, column and value where there is one), prints nothing on standard output, never a stack trace,
/// and leaves no partial or overwritten file.
/// </summary>
public sealed class CliFuzzTests : IDisposable
{
    private readonly CliRunner cli = new();

    public void Dispose() => cli.Dispose();

    /// <summary>A command with a small valid file: <c>{in}</c> in the arguments is the input; rows use <c>{g}</c> for the group cell.</summary>
    public sealed record Spec(string Name, string Header, string[] Rows, string[] Args, string? ColumnOption, string? GroupRow = null,
        string? BadDateRow = null, string? DecimalCommaRow = null, bool FileOutput = true)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<Spec> Specs() =>
    [
        new("nps", "nps,seg", ["9,a", "3,b", "10,a"], ["nps", "--input", "{in}", "--column", "nps", "--group", "seg"], "--column", "9,{g}", DecimalCommaRow: "\"4,5\",a"),
        new("csat", "csat,seg", ["4,a", "5,b", "2,a"], ["csat", "--input", "{in}", "--column", "csat", "--group", "seg"], "--column", "4,{g}", DecimalCommaRow: "\"4,5\",a"),
        new("ces", "ces,seg", ["5,a", "7,b", "2,a"], ["ces", "--input", "{in}", "--column", "ces", "--group", "seg"], "--column", "5,{g}", DecimalCommaRow: "\"4,5\",a"),
        new("churn", "id,start,end", ["1,2026-01-01,2026-03-01", "2,2026-01-15,", "3,2026-02-01,2026-04-01"],
            ["churn", "--input", "{in}", "--start", "start", "--end", "end", "--id", "id"], "--start", BadDateRow: "4,03/02/2026,"),
        new("survival", "time,event,seg", ["1,1,a", "2,0,b", "3,1,a"], ["survival", "--input", "{in}", "--duration", "time", "--event", "event", "--group", "seg"],
            "--duration", "1,0,{g}", DecimalCommaRow: "\"4,5\",1,a"),
        new("clv summarize", "id,date,amount", ["1,2026-01-01,10.5", "1,2026-02-01,5", "2,2026-01-03,7"],
            ["clv", "summarize", "--input", "{in}", "--customer", "id", "--date", "date", "--amount", "amount"], "--date",
            BadDateRow: "2,5.1.2026,3", DecimalCommaRow: "2,2026-01-05,\"4,5\""),
        new("clv fit", "customer_id,frequency,recency,T,monetary_value", ["1,2,30,40,10.5", "2,0,0,40,0", "3,1,5,38,7.25", "4,3,20,39,12"],
            ["clv", "fit", "--input", "{in}", "--model", "bgnbd"], "--recency-column", DecimalCommaRow: "5,1,\"4,5\",40,3"),
        new("clv predict", "customer_id,frequency,recency,T,monetary_value", ["1,2,30,40,10.5", "2,0,0,40,0", "3,1,5,38,7.25", "4,3,20,39,12"],
            ["clv", "predict", "--input", "{in}", "--horizon", "10"], "--monetary-column", DecimalCommaRow: "5,1,\"4,5\",40,3"),
        new("trust-index", "transparency1,transparency2,consistency1,consistency2,seg",
            ["4,5,3,4,a", "2,3,2,2,b", "5,5,4,5,a", "3,3,3,4,b", "4,4,4,4,a", "1,2,2,1,b"], ["trust-index", "--input", "{in}", "--group", "seg"], "--group",
            "4,4,4,4,{g}", DecimalCommaRow: "\"4,5\",3,3,3,a"),
        new("reviews", "product,rating,seg", ["a,5,x", "b,3,y", "a,4,x"], ["reviews", "--input", "{in}", "--item", "product", "--rating", "rating", "--group", "seg"],
            "--rating", "a,4,{g}", DecimalCommaRow: "a,\"4,5\",x"),
        new("sentiment", "label,seg", ["positive,a", "negative,b", "neutral,a"], ["sentiment", "--input", "{in}", "--label", "label", "--group", "seg"], "--label",
            "positive,{g}"),
        new("service", "opened,first_response,resolved,seg",
            ["2026-01-01T09:00:00Z,2026-01-01T10:00:00Z,2026-01-02T09:00:00Z,a", "2026-01-02T09:00:00Z,,,b", "2026-01-03T09:00:00Z,2026-01-03T09:30:00Z,2026-01-03T12:00:00Z,a"],
            ["service", "--input", "{in}", "--opened", "opened", "--first-response", "first_response", "--resolved", "resolved", "--group", "seg"], "--opened",
            "2026-01-01T09:00:00Z,2026-01-01T10:00:00Z,2026-01-02T09:00:00Z,{g}", BadDateRow: "03/02/2026,,,a"),
        new("funnel", "stage,seg", ["visit,a", "signup,b", "visit,a", "buy,a"], ["funnel", "--input", "{in}", "--stage", "stage", "--group", "seg"], "--stage", "visit,{g}"),
        new("repurchase", "id,date,seg", ["1,2026-01-01,a", "1,2026-02-01,a", "2,2026-01-03,b"],
            ["repurchase", "--input", "{in}", "--customer", "id", "--date", "date", "--group", "seg"], "--date", "{g},2026-01-01,{g}", BadDateRow: "3,03/02/2026,a"),
        new("report", "nps,csat,ces,segment", ["9,4,5,a", "3,2,3,b", "10,5,6,a"], ["report", "--survey", "{in}"], null, FileOutput: false),
    ];

    private string Write(string name, string header, IEnumerable<string> rows) => cli.File(name, header + "\n" + string.Join("\n", rows) + "\n");

    private static string[] Args(Spec spec, string input, string? output)
    {
        var args = spec.Args.Select(a => a == "{in}" ? input : a).ToList();
        if (output is not null)
        {
            args.AddRange(["--output", output]);
        }

        return [.. args];
    }

    /// <summary>One failing run: exit 1 or 2, one "error:" line containing every fragment, nothing on stdout, no output file.</summary>
    private static void AssertFails(Spec spec, string[] args, string? output, params string[] fragments)
    {
        var run = CliRunner.Invoke(args);
        string label = spec.Name + " " + string.Join(' ', args) + " → " + run.ExitCode + ": " + run.Error;
        Assert.True(run.ExitCode is 1 or 2, label);
        Assert.Equal(string.Empty, run.Output);
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, label);
        Assert.StartsWith("error: ", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        foreach (string fragment in fragments)
        {
            Assert.True(lines[0].Contains(fragment, StringComparison.Ordinal), label + "\nmissing: " + fragment);
        }

        if (output is not null)
        {
            Assert.False(File.Exists(output) || Directory.Exists(output), label + ": an output was written");
        }
    }

    private string Output(Spec spec) => cli.PathOf(spec.Name.Replace(' ', '-') + (spec.FileOutput ? "-out.txt" : "-report"));

    [Theory]
    [MemberData(nameof(Specs))]
    public void Valid_file_succeeds(Spec spec)
    {
        string input = Write("ok.csv", spec.Header, spec.Rows);
        var run = CliRunner.Invoke(Args(spec, input, Output(spec)));
        Assert.True(run.ExitCode == 0, spec.Name + ": " + run.Error);
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Missing_file(Spec spec)
    {
        string input = cli.PathOf("no-such-file.csv");
        AssertFails(spec, Args(spec, input, Output(spec)), Output(spec), "no-such-file.csv", "not found");
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Empty_file(Spec spec)
    {
        string input = cli.File("empty.csv", string.Empty);
        AssertFails(spec, Args(spec, input, Output(spec)), Output(spec), "empty.csv", "empty");
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Binary_file(Spec spec)
    {
        string input = cli.PathOf("binary.csv");
        File.WriteAllBytes(input, [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0xFF, 0xFE, 0x00, 0x01, 0x02, 0x0A, 0x00, 0x9C]);
        AssertFails(spec, Args(spec, input, Output(spec)), Output(spec), "binary.csv", "binary");
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Ragged_row(Spec spec)
    {
        string ragged = string.Join(',', spec.Rows[0].Split(',').SkipLast(1));
        string input = Write("ragged.csv", spec.Header, [spec.Rows[0], ragged, .. spec.Rows.Skip(1)]);
        AssertFails(spec, Args(spec, input, Output(spec)), Output(spec), "ragged.csv", "line 3");
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Wrong_column(Spec spec)
    {
        if (spec.ColumnOption is not { } option)
        {
            return;
        }

        string input = Write("wrong.csv", spec.Header, spec.Rows);
        var args = Args(spec, input, Output(spec)).ToList();
        int at = args.IndexOf(option);
        if (at >= 0)
        {
            args[at + 1] = "no_such_column";
        }
        else
        {
            args.AddRange([option, "no_such_column"]);
        }

        AssertFails(spec, [.. args], Output(spec), "wrong.csv", "'no_such_column'");
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Ambiguous_date(Spec spec)
    {
        if (spec.BadDateRow is not { } row)
        {
            return;
        }

        string input = Write("dates.csv", spec.Header, [.. spec.Rows, row]);
        string value = row.Contains("03/02/2026", StringComparison.Ordinal) ? "03/02/2026" : "5.1.2026";
        AssertFails(spec, Args(spec, input, Output(spec)), Output(spec), "dates.csv", $"line {spec.Rows.Length + 2}", $"'{value}'", "--date-format");
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Decimal_comma(Spec spec)
    {
        if (spec.DecimalCommaRow is not { } row)
        {
            return;
        }

        string input = Write("comma.csv", spec.Header, [.. spec.Rows, row]);
        AssertFails(spec, Args(spec, input, Output(spec)), Output(spec), "comma.csv", $"line {spec.Rows.Length + 2}", "'4,5'", "4.5");
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Output_equal_to_input_is_refused_and_the_input_kept(Spec spec)
    {
        string input = Write("same.csv", spec.Header, spec.Rows);
        byte[] before = File.ReadAllBytes(input);
        var run = CliRunner.Invoke(Args(spec, input, input));
        Assert.True(run.ExitCode is 1 or 2, spec.Name + ": " + run.Error);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("same.csv", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(input));
        Assert.Empty(Directory.GetFiles(cli.Folder, ".*tmp*"));
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Missing_output_folder_is_created(Spec spec)
    {
        // The choice documented in docs/cli.md: a missing parent folder of --output is created (as mkdir -p).
        string input = Write("in.csv", spec.Header, spec.Rows);
        string output = Path.Combine(cli.Folder, "new", "nested", spec.FileOutput ? "out.txt" : "report");
        var run = CliRunner.Invoke(Args(spec, input, output));
        Assert.True(run.ExitCode == 0, spec.Name + ": " + run.Error);
        Assert.True(File.Exists(output) || Directory.Exists(output), spec.Name);
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Huge_group_count(Spec spec)
    {
        if (spec.GroupRow is not { } template)
        {
            return;
        }

        var rows = Enumerable.Range(0, 1_001).Select(i => template.Replace("{g}", "g" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        string input = Write("groups.csv", spec.Header, rows);
        AssertFails(spec, Args(spec, input, Output(spec)), Output(spec), "groups.csv", "line 1002", "'g1000'", "--max-groups");

        // --max-groups lifts the cap (a one-stage funnel of 1,001 groups then fails for its own reason, not the cap).
        var lifted = CliRunner.Invoke([.. Args(spec, input, Output(spec)), "--max-groups", "2000"]);
        Assert.DoesNotContain("--max-groups", lifted.Error, StringComparison.Ordinal);
        Assert.True(lifted.ExitCode == 0 || spec.Name == "funnel", spec.Name + ": " + lifted.Error);
    }
}
