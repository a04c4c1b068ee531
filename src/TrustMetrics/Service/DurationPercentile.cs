namespace TrustMetrics.Service;

/// <summary>One percentile of a duration distribution (part of a <see cref="DurationSummary"/>).</summary>
public sealed class DurationPercentile
{
    internal DurationPercentile(double probability, TimeSpan value)
    {
        Probability = probability;
        Value = value;
    }

    /// <summary>p in [0, 1] (0.9 for the 90th percentile).</summary>
    public double Probability { get; }

    /// <summary>The duration at p.</summary>
    public TimeSpan Value { get; }

    /// <summary>"P90 12 h", invariant culture.</summary>
    public override string ToString() => $"{Presentation.InvariantText.PercentileLabel(Probability)} {Presentation.InvariantText.Duration(Value)}";
}
