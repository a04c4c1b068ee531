using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Presentation;

namespace TrustMetrics.Estimation;

/// <summary>
/// A point estimate with its standard error and a confidence interval: <c>Value ± …</c> with
/// <c>Interval</c> computed by <c>Interval.Method</c>. Methods that shrink toward a prior (adjusted Wald, Bayesian)
/// centre the interval on the shrunk value, so the interval need not be symmetric around <see cref="Value"/>.
/// Valid by construction: a finite value, a standard error ≥ 0 (or +∞ when the data cannot estimate it) and an interval.
/// Compares by value. Render with <see cref="ResultFormatter"/>.
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class Estimate : ITabularResult, IEquatable<Estimate>
{
    /// <summary>An estimate <paramref name="value"/> with <paramref name="standardError"/> and <paramref name="interval"/>.</summary>
    /// <param name="value">The point estimate, finite.</param>
    /// <param name="standardError">Its standard error: ≥ 0, or +∞ when the sample cannot estimate it (a mean of one response).</param>
    /// <param name="interval">The confidence interval.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is not finite or the standard error is NaN or negative.</exception>
    /// <exception cref="ArgumentNullException">The interval is null.</exception>
    public Estimate(double value, double standardError, ConfidenceInterval interval)
    {
        Guard.Finite(value);
        Guard.NonNegativeOrInfinity(standardError);
        ArgumentNullException.ThrowIfNull(interval);
        Value = value;
        StandardError = standardError;
        Interval = interval;
    }

    /// <summary>The point estimate (maximum-likelihood / sample value).</summary>
    public double Value { get; }

    /// <summary>The estimated standard error of <see cref="Value"/>; <see cref="double.PositiveInfinity"/> when the sample cannot estimate it (a mean of one response).</summary>
    public double StandardError { get; }

    /// <summary>The confidence interval.</summary>
    public ConfidenceInterval Interval { get; }

    /// <summary>Multiplies value, standard error and interval by <paramref name="factor"/> (finite, &gt; 0), for example share → percent.</summary>
    /// <param name="factor">A finite positive scale factor.</param>
    /// <exception cref="ArgumentOutOfRangeException">The factor is not finite and positive.</exception>
    public Estimate Scale(double factor) => new(Value * factor, StandardError * factor, Interval.Scale(factor));

    /// <summary>Equal value, standard error and interval.</summary>
    /// <param name="other">Another estimate.</param>
    public bool Equals(Estimate? other) =>
        other is not null && Value.Equals(other.Value) && StandardError.Equals(other.StandardError) && Interval.Equals(other.Interval);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Estimate);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Value, StandardError, Interval);

    /// <summary>"23.4 (SE 2.7, 95% CI 18.1 to 28.6, wilson)": four significant digits, invariant culture.</summary>
    public override string ToString() =>
        $"{InvariantText.Significant(Value)} (SE {InvariantText.Significant(StandardError)}, {InvariantText.Interval(Interval)})";

    ResultTable ITabularResult.ToTable() =>
        new ResultTable("Estimate", "estimate", "SE", InvariantText.IntervalHeader(Interval), "method")
            .Row(InvariantText.Significant(Value), InvariantText.Significant(StandardError), InvariantText.Bounds(Interval), Interval.Method);
}
