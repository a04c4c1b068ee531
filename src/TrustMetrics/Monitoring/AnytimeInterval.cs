using System.Globalization;

namespace TrustMetrics.Monitoring;

/// <summary>
/// One interval of a confidence sequence (<see cref="ConfidenceSequence.Interval"/>) or of an anytime-valid difference
/// (<see cref="AnytimeComparison"/>): valid at the current sample size <em>and</em> at every other one simultaneously, with
/// probability ≥ 1 − <see cref="Alpha"/> over the whole stream.
/// </summary>
public sealed class AnytimeInterval
{
    internal AnytimeInterval(double? estimate, double lower, double upper, long count, double alpha)
    {
        Estimate = estimate;
        Lower = lower;
        Upper = upper;
        Count = count;
        Alpha = alpha;
    }

    /// <summary>The point estimate (sample mean, or difference of means); <c>null</c> before the first observation.</summary>
    public double? Estimate { get; }

    /// <summary>Lower end of the interval (the range's lower bound before any observation).</summary>
    public double Lower { get; }

    /// <summary>Upper end of the interval (the range's upper bound before any observation).</summary>
    public double Upper { get; }

    /// <summary>Observations behind the interval (for a difference, both sides together).</summary>
    public long Count { get; }

    /// <summary>The error rate α over the whole stream: P(∃ n: the interval at n misses the true value) ≤ α.</summary>
    public double Alpha { get; }

    /// <summary>"0.25 [0.12, 0.38] (n = 400, anytime α = 0.05)", invariant culture.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{(Estimate is double e ? e.ToString("G6", CultureInfo.InvariantCulture) : "–")} [{Lower:G6}, {Upper:G6}] (n = {Count}, anytime α = {Alpha:G4})");
}
