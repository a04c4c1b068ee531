using TrustMetrics.Estimation;
using TrustMetrics.Grouping;

namespace TrustMetrics.Nps;

/// <summary>
/// Net Promoter Score: NPS = 100·(promoters − detractors)/n on [−100, 100] with standard error and interval.
/// Implementations are stateless and thread-safe. An empty sample throws <see cref="ArgumentException"/>.
/// </summary>
public interface INpsCalculator
{
    /// <summary>NPS of a tally with its standard error and interval.</summary>
    /// <param name="tally">A non-empty tally.</param>
    /// <param name="confidenceLevel">Interval level; null uses the configured default.</param>
    /// <param name="method">Interval method; null uses the configured default.</param>
    /// <exception cref="ArgumentException">The tally is empty.</exception>
    NpsResult Calculate(NpsTally tally, double? confidenceLevel = null, NpsIntervalMethod? method = null);

    /// <summary>NPS of 0–10 scores: an array, a list or a stream (one pass, no buffering). Spans of <see cref="int"/> or
    /// <see cref="byte"/> go through <see cref="NpsTally.FromScores(ReadOnlySpan{byte})"/> and <see cref="Calculate(NpsTally, double?, NpsIntervalMethod?)"/>.</summary>
    /// <param name="scores">Scores in 0–10.</param>
    NpsResult Calculate(IEnumerable<int> scores);

    /// <summary>Survey-weighted NPS with the linearization standard error and Kish's effective sample size.</summary>
    /// <param name="tally">A weighted tally with positive total weight (build it from scores and weights with <see cref="WeightedNpsTally.FromScores(ReadOnlySpan{int}, ReadOnlySpan{double})"/>).</param>
    /// <exception cref="ArgumentException">The tally is empty or every weight is 0.</exception>
    /// <param name="confidenceLevel">Interval level; null uses the configured default.</param>
    WeightedNpsResult CalculateWeighted(WeightedNpsTally tally, double? confidenceLevel = null);

    /// <summary>
    /// Compares two independent samples (before/after, segment A/B): Δ = NPS₁ − NPS₂ in points, SE = 100·√(V₁/n₁ + V₂/n₂),
    /// z = Δ/SE, p = 2Φ(−|z|), CI = Δ ± z_{α/2}·SE. With <see cref="NpsComparisonMethod.AdjustedWald"/> each sample first gets
    /// ¾/1½/¾ pseudo-responses and Δ, SE, z and the interval refer to the adjusted scores (brendan-r/NPS <c>nps_test_</c>,
    /// MeasuringU "How to Statistically Compare Two Net Promoter Scores"); the sign of Δ is kept.
    /// </summary>
    /// <exception cref="ArgumentException">Either tally is empty, or the level or method is invalid.</exception>
    /// <param name="first">First sample.</param>
    /// <param name="second">Second sample.</param>
    /// <param name="confidenceLevel">Interval level; null uses the configured default.</param>
    /// <param name="method">Comparison method; null uses the configured default.</param>
    DifferenceTest Compare(NpsTally first, NpsTally second, double? confidenceLevel = null, NpsComparisonMethod? method = null);

    /// <summary>NPS per group in one pass over (group, score) pairs; groups in ordinal key order.</summary>
    /// <typeparam name="TKey">Group key type.</typeparam>
    /// <param name="responses">(group, score) pairs, scores in 0–10.</param>
    IReadOnlyList<GroupResult<TKey, NpsResult>> CalculateByGroup<TKey>(IEnumerable<(TKey Group, int Score)> responses)
        where TKey : notnull;
}
