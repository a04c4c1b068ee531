using System.Text;

namespace TrustMetrics.Cli.Tests.Clv;

/// <summary>
/// <c>clv predict</c>'s fast path (a plain summary without monetary values: <c>ClvPredictFast</c>) writes byte for byte what the
/// general path writes: the same CDNOW customers once as a plain file (fast path) and once with every id quoted (which the fast
/// reader declines, so the general reader and writer run), with ids that need the general rules (surrounding spaces, non-ASCII).
/// </summary>
public sealed class ClvPredictFastTests : IDisposable
{
    private static readonly string Cdnow = Path.Combine(AppContext.BaseDirectory, "Data", "cdnow_customers_summary.csv");
    private readonly CliRunner cli = new();

    public void Dispose() => cli.Dispose();

    private (string Plain, string Quoted) Files()
    {
        var plain = new StringBuilder("customer_id,frequency,recency,T\n");
        var quoted = new StringBuilder("customer_id,frequency,recency,T\n");
        foreach (var (line, i) in File.ReadAllLines(Cdnow).Skip(1).Select((l, i) => (l, i)))
        {
            var f = line.Split(',');
            string id = i == 4 ? " c5 " : i == 5 ? "é6" : i == 6 ? "a b" : "c" + f[0];
            plain.Append(id).Append(',').Append(f[1]).Append(',').Append(f[2]).Append(',').Append(f[3]).Append('\n');
            quoted.Append('"').Append(id).Append("\",").Append(f[1]).Append(',').Append(f[2]).Append(',').Append(f[3]).Append('\n');
        }

        return (cli.File("plain.csv", plain.ToString()), cli.File("quoted.csv", quoted.ToString()));
    }

    [Theory]
    [InlineData("bgnbd", true)]
    [InlineData("mbgnbd", true)]
    [InlineData("bgnbd", false)]
    [InlineData("paretonbd", false)]
    public void Fast_path_writes_the_general_paths_bytes(string model, bool interval)
    {
        var (plain, quoted) = Files();
        string[] interval09 = interval ? ["--interval", "0.9"] : [];
        string[] Args(string input, params string[] output) => [.. new[] { "clv", "predict", "--input", input, "--model", model, "--horizon", "39" }, .. output, .. interval09];
        var fast = CliRunner.Invoke(Args(plain, "--output", cli.PathOf("fast.csv")));
        var general = CliRunner.Invoke(Args(quoted, "--output", cli.PathOf("general.csv")));
        Assert.True(fast.ExitCode == 0, fast.Error);
        Assert.True(general.ExitCode == 0, general.Error);
        byte[] expected = File.ReadAllBytes(cli.PathOf("general.csv"));
        Assert.Equal(expected, File.ReadAllBytes(cli.PathOf("fast.csv")));
        Assert.Contains("\nc5,", Encoding.UTF8.GetString(expected), StringComparison.Ordinal);

        // Standard output: the same text.
        var stdout = CliRunner.Invoke(Args(plain));
        Assert.True(stdout.ExitCode == 0, stdout.Error);
        Assert.Equal(Encoding.UTF8.GetString(expected), stdout.Output);
    }
}
