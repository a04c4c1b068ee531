namespace TrustMetrics.Estimation;

/// <summary>
/// A two-sided confidence interval [<see cref="Lower"/>, <see cref="Upper"/>] at confidence <see cref="Level"/>,
/// computed by the method named in <see cref="Method"/> (for example "wilson", "score", "t").
/// </summary>
/// <param name="Lower">Lower bound, in the same unit as the estimate.</param>
/// <param name="Upper">Upper bound, in the same unit as the estimate.</param>
/// <param name="Level">Nominal coverage, strictly between 0 and 1 (0.95 for a 95% interval).</param>
/// <param name="Method">Machine-readable name of the interval method.</param>
public readonly record struct ConfidenceInterval(double Lower, double Upper, double Level, string Method)
{
    /// <summary>Upper − Lower.</summary>
    public double Width => Upper - Lower;

    /// <summary>Half the width: the margin of error when the interval is symmetric.</summary>
    public double HalfWidth => (Upper - Lower) / 2.0;

    /// <summary>True when Lower ≤ <paramref name="value"/> ≤ Upper.</summary>
    /// <param name="value">The value to test.</param>
    public bool Contains(double value) => Lower <= value && value <= Upper;

    /// <summary>Multiplies both bounds by <paramref name="factor"/> (&gt; 0), for example to turn shares into percentages.</summary>
    /// <param name="factor">A positive scale factor.</param>
    public ConfidenceInterval Scale(double factor) => this with { Lower = Lower * factor, Upper = Upper * factor };

    /// <summary>"95% CI 18.1 to 28.6, wilson": bounds to four significant digits, invariant culture.</summary>
    public override string ToString() => Presentation.InvariantText.Interval(this);
}
