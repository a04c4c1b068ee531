namespace TrustMetrics.Cli.Tests.Survival;

/// <summary>
/// The columnar fast reader of <c>trustmetrics cox</c> (CoxColumns) must give exactly what the general input layer (CsvTable)
/// gives: the same fit to the last digit on the same numbers however the file is written, and on anything it does not handle
/// the general path's own error messages. A quote character anywhere makes the fast path hand over, which is how these
/// tests obtain the general path's output for comparison.
/// </summary>
public sealed class CoxColumnsTests : IDisposable
{
    private const string Covariates = "fin,age,race,wexp,mar,paro,prio";

    private readonly CliRunner cli = new();

    public void Dispose() => cli.Dispose();

    private static string[] Rossi() => File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "rossi.csv"));

    private static CliRunner.Run Fit(string file, params string[] extra) =>
        CliRunner.Invoke(["cox", "--input", file, "--duration", "week", "--event", "arrest", "--covariates", Covariates, "--format", "json", .. extra]);

    [Fact]
    public void Fast_path_equals_the_general_input_layer()
    {
        var lines = Rossi();
        string plain = cli.File("plain.csv", string.Join('\n', lines) + "\n");
        // The same table with one quoted cell: read by CsvTable (the fast path never reads quotes).
        var quoted = (string[])lines.Clone();
        quoted[1] = "\"" + quoted[1].Split(',')[0] + "\"," + string.Join(',', quoted[1].Split(',').Skip(1));
        string general = cli.File("quoted.csv", string.Join('\n', quoted) + "\n");
        // Semicolons, CRLF, a BOM, spaces around cells, true/false events, numbers written as 2.0e1 or +3, no final line feed.
        var odd = lines.Select((line, i) =>
        {
            var cells = line.Split(',');
            if (i > 0)
            {
                cells[1] = cells[1] == "1" ? "TRUE" : "false";
                cells[0] = i % 3 == 0 ? cells[0] + ".0e0" : " " + cells[0] + " ";
                cells[8] = "+" + cells[8];
            }

            return string.Join(';', cells);
        });
        string oddFile = cli.File("odd.csv", string.Join("\r\n", odd), bom: true);

        var a = Fit(plain);
        var b = Fit(general);
        var c = Fit(oddFile);
        Assert.True(a.ExitCode == 0, a.Error);
        Assert.True(b.ExitCode == 0, b.Error);
        Assert.True(c.ExitCode == 0, c.Error);
        Assert.Equal(b.Output, a.Output);
        Assert.Equal(b.Output, c.Output);
        Assert.Equal(432, a.Json().GetProperty("n").GetInt32());
        // R survival 3.5-3 (tests/TrustMetrics.Tests/Survival/Cox/Data/cox_reference.txt, rossi): loglik −658.7476594
        double ll = a.Json().GetProperty("logLikelihood").GetProperty("model").GetDouble();
        Assert.True(Math.Abs(ll - -658.74765944608657) <= 1e-8 * 658.75, $"loglik {ll:R}");
    }

    /// <summary>Rossi split into two (start, stop] rows per subject (the event on the second) with a case weight column.</summary>
    private static string[] RossiIntervals(out string header)
    {
        var lines = Rossi();
        header = "id,start,stop,arrest,w," + string.Join(',', lines[0].Split(',').Skip(2));
        var rows = new List<string>();
        for (int i = 1; i < lines.Length; i++)
        {
            var cells = lines[i].Split(',');
            int week = int.Parse(cells[0], System.Globalization.CultureInfo.InvariantCulture);
            string rest = string.Join(',', cells.Skip(2));
            string w = (1 + (i % 3)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (week > 1)
            {
                rows.Add($"{i},0,{week / 2},0,{w},{rest}");
                rows.Add($"{i},{week / 2},{week},{cells[1]},{w},{rest}");
            }
            else
            {
                rows.Add($"{i},0,{week},{cells[1]},{w},{rest}");
            }
        }

        return [.. rows];
    }

    [Fact]
    public void Counting_process_rows_with_weights_read_straight_into_the_sorted_layout_equal_the_input_layer()
    {
        // The sorted reader (two passes, no column copy) against CsvTable (a quoted cell makes the fast paths hand over).
        var rows = RossiIntervals(out string header);
        string plain = cli.File("tv.csv", header + "\n" + string.Join('\n', rows) + "\n");
        var quoted = (string[])rows.Clone();
        quoted[0] = "\"" + quoted[0].Split(',')[0] + "\"," + string.Join(',', quoted[0].Split(',').Skip(1));
        string general = cli.File("tv_quoted.csv", header + "\n" + string.Join('\n', quoted) + "\n");
        string[] args = ["--start", "start", "--weight", "w"];
        var a = CliRunner.Invoke(["cox", "--input", plain, "--duration", "stop", "--event", "arrest", "--covariates", Covariates, "--format", "json", .. args]);
        var b = CliRunner.Invoke(["cox", "--input", general, "--duration", "stop", "--event", "arrest", "--covariates", Covariates, "--format", "json", .. args]);
        Assert.True(a.ExitCode == 0, a.Error);
        Assert.True(b.ExitCode == 0, b.Error);
        Assert.Equal(b.Output, a.Output);
        Assert.Equal(rows.Length, a.Json().GetProperty("n").GetInt32());

        // A row whose start is not below its stop: the same message either way (the sorted reader hands over to the general path).
        var bad = (string[])rows.Clone();
        var cells = bad[3].Split(',');
        cells[1] = cells[2];
        bad[3] = string.Join(',', cells);
        var c = CliRunner.Invoke(["cox", "--input", cli.File("tv_bad.csv", header + "\n" + string.Join('\n', bad) + "\n"), "--duration", "stop", "--event", "arrest",
            "--covariates", Covariates, .. args]);
        bad[0] = quoted[0];
        var d = CliRunner.Invoke(["cox", "--input", cli.File("tv_bad_quoted.csv", header + "\n" + string.Join('\n', bad) + "\n"), "--duration", "stop", "--event", "arrest",
            "--covariates", Covariates, .. args]);
        Assert.NotEqual(0, c.ExitCode);
        Assert.Equal(d.ExitCode, c.ExitCode);
        Assert.Equal(d.Error, c.Error);
        Assert.Contains("start[3]", c.Error);
    }

    [Theory]
    [InlineData("abc", "line 3, column 'age': 'abc' is not a finite number.")]
    [InlineData("4,5", "'age'")]
    [InlineData("", "line 3, column 'age': '' is not a finite number.")]
    public void Bad_cells_get_the_input_layers_messages(string cell, string expected)
    {
        var lines = Rossi();
        var cells = lines[2].Split(',');
        cells[3] = cell.Contains(',') ? $"\"{cell}\"" : cell;
        lines[2] = string.Join(',', cells);
        var run = Fit(cli.File("bad.csv", string.Join('\n', lines) + "\n"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error);
    }

    [Fact]
    public void Rows_with_missing_fields_and_bad_event_flags_are_refused_as_by_the_input_layer()
    {
        var lines = Rossi();
        lines[5] = string.Join(',', lines[5].Split(',').Take(8));
        var run = Fit(cli.File("short.csv", string.Join('\n', lines) + "\n"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("line 6: malformed row: expected 9 fields", run.Error);

        lines = Rossi();
        var cells = lines[7].Split(',');
        cells[1] = "2";
        lines[7] = string.Join(',', cells);
        run = Fit(cli.File("flag.csv", string.Join('\n', lines) + "\n"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("line 8, column 'arrest': '2' is not an event flag", run.Error);
    }

    [Fact]
    public void Blank_lines_are_skipped_as_by_the_input_layer()
    {
        var lines = Rossi().ToList();
        lines.Insert(10, "");
        var withBlank = Fit(cli.File("blank.csv", string.Join('\n', lines) + "\n\n"));
        var plain = Fit(cli.File("plain.csv", string.Join('\n', Rossi()) + "\n"));
        Assert.True(withBlank.ExitCode == 0, withBlank.Error);
        Assert.Equal(plain.Output, withBlank.Output);
    }

    [Fact]
    public void Every_number_spelling_is_read_bit_for_bit_as_by_the_number_rule()
    {
        // Reference: the one number rule (Input/Numbers.TryParse: long.TryParse, then double.Parse, invariant culture), which
        // the general path applies cell by cell. An integer "-0" is +0 there (long.TryParse) while "-0.0" is -0 (double.Parse),
        // so the fast path must not read "-0" itself; the rest are spellings the shared FastNumbers parser takes or declines.
        string[] cells =
        [
            "-0", "-00", "-0.0", "0", "0.000000", "-0.000000", "007", "24.", ".5", "-.5", "+3", " 12 ", "1.5e3", "1E-2",
            "123456789012345", "1234567890123456", "12345678901234567890", "0.1", "-2.675", "0.30000000000000004",
            "1.00000000000000000000", "9007199254740993", "000000000000000000000000001.25", "-1.606418",
        ];
        string file = cli.File("spellings.csv", "t,e,x\n" + string.Join('\n', cells.Select(c => "1,1," + c)) + "\n");
        var source = TrustMetrics.Cli.Input.SurveySource.FromFile(file);
        var read = TrustMetrics.Cli.Survival.CoxColumns.TryRead(source, ["t", "e", "x"], [0, 2], 1);
        Assert.NotNull(read);
        var x = read.Value.Numeric[1];
        for (int i = 0; i < cells.Length; i++)
        {
            Assert.True(TrustMetrics.Cli.Input.Numbers.TryParse(cells[i].Trim(), out double expected), cells[i]);
            Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(x[i]), $"'{cells[i]}': {x[i]:R} vs {expected:R}");
        }
    }
}
