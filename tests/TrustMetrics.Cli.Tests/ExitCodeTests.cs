namespace TrustMetrics.Cli.Tests;

/// <summary>The one exception-to-exit-code map (ExitCodes): 1 command line, 2 data; one line on stderr, the full exception only with --verbose.</summary>
public sealed class ExitCodeTests
{
    [Fact]
    public void Missing_input_file_is_exit_2_with_one_line_and_no_stack_trace()
    {
        var run = CliRunner.Invoke("nps", "--input", "/no/such/folder/survey.csv", "--column", "nps");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        string line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        Assert.Contains("survey.csv", line);
        Assert.DoesNotContain("   at ", run.Error);
    }

    [Fact]
    public void Verbose_adds_the_full_exception()
    {
        using var cli = new CliRunner();
        string input = cli.File("t.csv", "time,event\n1,1\n2,maybe\n");
        var quiet = CliRunner.Invoke("survival", "--input", input, "--duration", "time", "--event", "event");
        var run = CliRunner.Invoke("survival", "--input", input, "--duration", "time", "--event", "event", "--verbose");
        Assert.Equal(2, quiet.ExitCode);
        Assert.DoesNotContain("   at ", quiet.Error);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: ", run.Error);
        Assert.Contains("line 3, column 'event': 'maybe'", run.Error);
        Assert.Contains("   at ", run.Error);
    }

    /// <summary>
    /// Values out of range and options that cannot be combined, which the commands check themselves after parsing
    /// (CommandLineException), are a bad command line like a parse error: exit 1, one line naming the option, no stack trace.
    /// </summary>
    [Theory]
    [InlineData("--interval", "clv", "predict", "--input", "SAMPLE:transactions.csv", "--horizon", "39", "--interval", "1.5")]
    [InlineData("--pairwise", "survival", "--input", "SAMPLE:customers.csv", "--duration", "tenure", "--event", "churned", "--pairwise")]
    [InlineData("--percentile-type", "service", "--input", "SAMPLE:tickets.csv", "--opened", "opened", "--first-response", "first_response", "--resolved", "resolved", "--percentile-type", "12")]
    [InlineData("--stages", "funnel", "--input", "SAMPLE:customers.csv", "--stage", "segment", "--stages", "only")]
    [InlineData("--rake", "nps", "--input", "SAMPLE:survey.csv", "--column", "nps", "--rake", "SAMPLE:survey.csv", "--group", "segment")]
    [InlineData("--models", "clv", "evaluate", "--input", "SAMPLE:transactions.csv", "--customer", "customer_id", "--date", "date", "--calibration-end", "2026-03-31", "--models", "bgnbd,nope")]
    [InlineData("--vip", "clv", "segment", "--input", "SAMPLE:transactions.csv", "--vip", "1.5")]
    public void Options_the_command_refuses_are_exit_1_naming_the_option(string option, params string[] args)
    {
        using var cli = new CliRunner();
        var run = CliRunner.Invoke([.. args.Select(a => a.StartsWith("SAMPLE:", StringComparison.Ordinal) ? cli.Sample(a["SAMPLE:".Length..]) : a)]);
        Assert.True(run.ExitCode == 1, $"exit {run.ExitCode}: {run.Error}");
        string line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        Assert.Contains(option, line, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Output);
    }

    [Fact]
    public void Unknown_option_is_exit_1()
    {
        var run = CliRunner.Invoke("nps", "--input", "x.csv", "--column", "nps", "--no-such-option");
        Assert.Equal(1, run.ExitCode);
    }
}
