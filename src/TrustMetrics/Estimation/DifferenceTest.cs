using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Presentation;

namespace TrustMetrics.Estimation;

/// <summary>
/// Comparison of two independent samples: <c>Difference = first − second</c>, its standard error, the test statistic
/// (z, or Welch's t when <see cref="DegreesOfFreedom"/> is set), the two-sided p-value <c>2·P(T ≥ |statistic|)</c>
/// and a confidence interval for the difference. Built by the library only; render with <see cref="ResultFormatter"/>.
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class DifferenceTest : ITabularResult
{
    internal DifferenceTest(double difference, double standardError, double statistic, double? degreesOfFreedom, double pValue,
        ConfidenceInterval interval, string test)
    {
        Guard.Finite(difference);
        Guard.NonNegativeOrInfinity(standardError);
        Guard.NotNaN(statistic);
        Guard.Probability(pValue);
        ArgumentNullException.ThrowIfNull(interval);
        Guard.NotEmpty(test);
        Difference = difference;
        StandardError = standardError;
        Statistic = statistic;
        DegreesOfFreedom = degreesOfFreedom;
        PValue = pValue;
        Interval = interval;
        Test = test;
    }

    /// <summary>first − second, with its sign kept (negative means the second sample scored higher).</summary>
    public double Difference { get; }

    /// <summary>Standard error of the difference.</summary>
    public double StandardError { get; }

    /// <summary>The test statistic of H0: no difference (±∞ when both samples are constant and differ).</summary>
    public double Statistic { get; }

    /// <summary>Degrees of freedom of a t statistic (Welch–Satterthwaite); null for a z statistic.</summary>
    public double? DegreesOfFreedom { get; }

    /// <summary>Two-sided p-value of H0: no difference.</summary>
    public double PValue { get; }

    /// <summary>Confidence interval of the difference.</summary>
    public ConfidenceInterval Interval { get; }

    /// <summary>Machine-readable name of the test, for example "z-wald", "z-pooled", "welch-t".</summary>
    public string Test { get; }

    /// <summary>True when <see cref="PValue"/> is below 1 − level of the interval, i.e. the interval excludes zero for symmetric methods.</summary>
    public bool IsSignificant => PValue < 1.0 - Interval.Level;

    /// <summary>Multiplies difference, standard error and interval by <paramref name="factor"/> (statistic and p-value are scale-free).</summary>
    /// <param name="factor">A finite positive scale factor.</param>
    /// <exception cref="ArgumentOutOfRangeException">The factor is not finite and positive.</exception>
    internal DifferenceTest Scale(double factor)
    {
        Guard.Positive(factor);
        return new(Difference * factor, StandardError * factor, Statistic, DegreesOfFreedom, PValue, Interval.Scale(factor), Test);
    }

    /// <summary>"difference 5.2 (SE 2.1, 95% CI 1.1 to 9.3), z = 2.476, p = 0.0133 (z-wald)": invariant culture.</summary>
    public override string ToString() =>
        $"difference {InvariantText.Significant(Difference)} (SE {InvariantText.Significant(StandardError)}, " +
        $"{InvariantText.IntervalHeader(Interval)} {InvariantText.Bounds(Interval)}), " +
        $"{DifferenceTable.Statistic(this)}, p = {InvariantText.PValue(PValue)} ({Test})";

    ResultTable ITabularResult.ToTable() => DifferenceTable.Create("Difference (first − second)", Interval).AddRow("difference", this);
}
