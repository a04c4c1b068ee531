using System.Text.Json;

namespace TrustMetrics.Cli.Tests.TrustIndex;

/// <summary><c>trust-index --sobol N</c> (issue 15 item 8): the <c>sobol</c> JSON object of the sampling-vs-method decomposition.</summary>
public sealed class TrustIndexSobolTests
{
    private static readonly string Items = Path.Combine(AppContext.BaseDirectory, "Data", "trust_items.csv");

    [Fact]
    public void Sobol_object_has_factors_and_segment_shares()
    {
        var run = CliRunner.Invoke("trust-index", "--input", Items, "--group", "segment", "--bootstrap", "100", "--sobol", "128", "--format", "json");
        Assert.True(run.ExitCode == 0, run.Error);
        var json = run.Json();
        var sobol = json.GetProperty("sobol");
        Assert.Equal(128, sobol.GetProperty("n").GetInt32());
        Assert.Equal(200, sobol.GetProperty("resamples").GetInt32());
        Assert.Equal(["normalisation", "weighting", "aggregation", "missing answers", "sampling"],
            sobol.GetProperty("factors").EnumerateArray().Select(f => f.GetProperty("factor").GetString()));
        var segments = sobol.GetProperty("segments").EnumerateArray().ToList();
        Assert.Equal("(all)", segments[0].GetProperty("segment").GetString());
        Assert.Equal(json.GetProperty("groups").GetArrayLength() + 1, segments.Count);
        // The nominal index is the command's own index (same options, full sample).
        Assert.Equal(json.GetProperty("index").GetProperty("value").GetDouble(), segments[0].GetProperty("nominalIndex").GetDouble(), 9);
        foreach (var s in segments)
        {
            double sampling = s.GetProperty("samplingShare").GetDouble(), method = s.GetProperty("methodShare").GetDouble();
            Assert.Equal(1, sampling + method, 9);
            Assert.InRange(sampling, s.GetProperty("samplingShareLower").GetDouble() - 1e-12, s.GetProperty("samplingShareUpper").GetDouble() + 1e-12);
            Assert.Equal(s.GetProperty("variance").GetDouble(), s.GetProperty("samplingVariance").GetDouble() + s.GetProperty("methodVariance").GetDouble(), 9);
            // Ranks are of segments only: the whole sample ("(all)") has no rankFactors.
            Assert.Equal(s.GetProperty("segment").GetString() != "(all)", s.TryGetProperty("rankFactors", out var ranks) && ranks.ValueKind == JsonValueKind.Array);
        }
    }

    [Fact]
    public void Without_the_option_there_is_no_sobol_object_and_text_shows_the_tables()
    {
        var plain = CliRunner.Invoke("trust-index", "--input", Items, "--bootstrap", "0", "--format", "json");
        Assert.True(plain.ExitCode == 0, plain.Error);
        Assert.False(plain.Json().TryGetProperty("sobol", out _));
        var text = CliRunner.Invoke("trust-index", "--input", Items, "--group", "segment", "--bootstrap", "0", "--sobol", "64", "--format", "markdown");
        Assert.True(text.ExitCode == 0, text.Error);
        Assert.Contains("Index uncertainty: sampling vs method", text.Output, StringComparison.Ordinal);
        Assert.Contains("Sobol indices", text.Output, StringComparison.Ordinal);
    }
}
