using TrustMetrics.Grouping;

namespace TrustMetrics.Scales;

/// <summary>
/// A metric over answers on a rating scale: percent at or above a threshold (top box) and the mean answer, each with an
/// interval. Implementations are stateless and thread-safe. An empty sample throws <see cref="ArgumentException"/>.
/// </summary>
public interface IScaleMetricCalculator
{
    /// <summary>The metric of a tally.</summary>
    /// <param name="tally">A non-empty tally on the calculator's scale (<see cref="ScaleMetricCalculator.Scale"/>).</param>
    /// <param name="confidenceLevel">Interval level; null uses the configured default.</param>
    /// <param name="method">Interval method of the top-box share; null uses the configured default.</param>
    ScaleMetricResult Calculate(ScaleTally tally, double? confidenceLevel = null, Estimation.ProportionIntervalMethod? method = null);

    /// <summary>The metric of answers: an array, a list or a stream (one pass, no buffering).</summary>
    /// <param name="scores">Answers on the calculator's scale.</param>
    ScaleMetricResult Calculate(IEnumerable<int> scores);

    /// <summary>Compares two independent samples (first − second).</summary>
    /// <param name="first">First sample, on the calculator's scale.</param>
    /// <param name="second">Second sample, on the calculator's scale.</param>
    /// <param name="confidenceLevel">Interval level; null uses the configured default.</param>
    ScaleComparison Compare(ScaleTally first, ScaleTally second, double? confidenceLevel = null);

    /// <summary>The metric per group in one pass over (group, answer) pairs; groups in ordinal key order.</summary>
    /// <typeparam name="TKey">Group key type.</typeparam>
    /// <param name="responses">(group, answer) pairs.</param>
    IReadOnlyList<GroupResult<TKey, ScaleMetricResult>> CalculateByGroup<TKey>(IEnumerable<(TKey Group, int Score)> responses)
        where TKey : notnull;
}
