using System.Text.Json;

namespace TrustMetrics.Cli.Tests.TrustIndex;

/// <summary>The <c>omega</c> object of <c>trust-index --format json</c> (issue 15 item 7): value, estimator "ml", bootstrap bounds.</summary>
public sealed class TrustIndexOmegaTests
{
    private static readonly string Items = Path.Combine(AppContext.BaseDirectory, "Data", "trust_items.csv");

    [Fact]
    public void Every_dimension_has_omega_with_estimator_and_bounds()
    {
        var run = CliRunner.Invoke("trust-index", "--input", Items, "--bootstrap", "100", "--format", "json");
        Assert.True(run.ExitCode == 0, run.Error);
        foreach (var d in run.Json().GetProperty("dimensions").EnumerateArray())
        {
            var omega = d.GetProperty("omega");
            Assert.Equal("ml", omega.GetProperty("estimator").GetString());
            double value = omega.GetProperty("value").GetDouble();
            // Three items per dimension: a one-factor model with three items fits exactly, and ω ≥ α for congeneric items.
            Assert.InRange(value, d.GetProperty("cronbachAlpha").GetDouble() - 0.02, 1);
            Assert.True(omega.GetProperty("lower").GetDouble() <= value && value <= omega.GetProperty("upper").GetDouble());
        }
    }

    [Fact]
    public void Two_item_dimensions_give_a_null_omega_with_a_note()
    {
        string file = Path.Combine(Path.GetTempPath(), $"omega-{Guid.NewGuid():N}.csv");
        File.WriteAllText(file, "t1,t2\n5,4\n4,4\n2,1\n3,3\n1,2\n4,5\n");
        try
        {
            var run = CliRunner.Invoke("trust-index", "--input", file, "--dimension", "t=t1,t2", "--format", "json");
            Assert.True(run.ExitCode == 0, run.Error);
            var omega = run.Json().GetProperty("dimensions")[0].GetProperty("omega");
            Assert.Equal(JsonValueKind.Null, omega.GetProperty("value").ValueKind);
            Assert.Contains("three items", omega.GetProperty("note").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
