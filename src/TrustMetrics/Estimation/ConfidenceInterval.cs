namespace TrustMetrics.Estimation;

/// <summary>
/// A two-sided confidence interval [<see cref="Lower"/>, <see cref="Upper"/>] at confidence <see cref="Level"/>,
/// computed by the method named in <see cref="Method"/> (for example "wilson", "score", "t"). Valid by construction:
/// no NaN bound, <c>Lower ≤ Upper</c>, a level strictly between 0 and 1 and a non-empty method name; a bound may be
/// −∞ (lower) or +∞ (upper) where the data cannot limit it (the t interval of a single value). Compares by value.
/// </summary>
public sealed class ConfidenceInterval : IEquatable<ConfidenceInterval>
{
    /// <summary>An interval [<paramref name="lower"/>, <paramref name="upper"/>] at <paramref name="level"/> from <paramref name="method"/>.</summary>
    /// <param name="lower">Lower bound, in the same unit as the estimate; a number or −∞.</param>
    /// <param name="upper">Upper bound, ≥ <paramref name="lower"/>; a number or +∞.</param>
    /// <param name="level">Nominal coverage, strictly between 0 and 1 (0.95 for a 95% interval).</param>
    /// <param name="method">Machine-readable name of the interval method, not empty.</param>
    /// <exception cref="ArgumentOutOfRangeException">A bound is NaN or infinite on the wrong side, lower &gt; upper, or the level is outside (0, 1).</exception>
    /// <exception cref="ArgumentException">The method is null, empty or white space.</exception>
    public ConfidenceInterval(double lower, double upper, double level, string method)
    {
        Guard.LowerBound(lower);
        Guard.UpperBound(upper);
        Guard.Ordered(lower, upper);
        Guard.ConfidenceLevel(level);
        Guard.NotEmpty(method);
        Lower = lower;
        Upper = upper;
        Level = level;
        Method = method;
    }

    /// <summary>Lower bound, in the same unit as the estimate (a number or −∞).</summary>
    public double Lower { get; }

    /// <summary>Upper bound, in the same unit as the estimate (a number or +∞).</summary>
    public double Upper { get; }

    /// <summary>Nominal coverage, strictly between 0 and 1 (0.95 for a 95% interval).</summary>
    public double Level { get; }

    /// <summary>Machine-readable name of the interval method.</summary>
    public string Method { get; }

    /// <summary>Upper − Lower (+∞ for an unbounded interval); half of it is the margin of error of a symmetric interval.</summary>
    public double Width => Upper - Lower;

    /// <summary>True when Lower ≤ <paramref name="value"/> ≤ Upper.</summary>
    /// <param name="value">The value to test.</param>
    public bool Contains(double value) => Lower <= value && value <= Upper;

    /// <summary>Multiplies both bounds by <paramref name="factor"/> (&gt; 0), for example to turn shares into percentages.</summary>
    /// <param name="factor">A finite positive scale factor.</param>
    /// <exception cref="ArgumentOutOfRangeException">The factor is not finite and positive.</exception>
    public ConfidenceInterval Scale(double factor)
    {
        Guard.Positive(factor);
        return new(Lower * factor, Upper * factor, Level, Method);
    }

    /// <summary>The same level and method with other bounds (for transformed intervals such as 2p − 1).</summary>
    internal ConfidenceInterval WithBounds(double lower, double upper) => new(lower, upper, Level, Method);

    /// <summary>Equal bounds, level and method (ordinal).</summary>
    /// <param name="other">Another interval.</param>
    public bool Equals(ConfidenceInterval? other) =>
        other is not null && Lower.Equals(other.Lower) && Upper.Equals(other.Upper) && Level.Equals(other.Level) &&
        string.Equals(Method, other.Method, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ConfidenceInterval);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Lower, Upper, Level, Method);

    /// <summary>"95% CI 18.1 to 28.6, wilson": bounds to four significant digits, invariant culture.</summary>
    public override string ToString() => Presentation.InvariantText.Interval(this);
}
