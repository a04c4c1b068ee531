using System.Globalization;
using System.Runtime.CompilerServices;
using TrustMetrics.Nps;
using TrustMetrics.Serialization;

namespace TrustMetrics.Monitoring;

/// <summary>
/// A confidence sequence for the mean of observations bounded in [a, b] (a proportion: [0, 1]; NPS: the −1/0/+1 mean;
/// CSAT: [1, 5]): intervals <c>x̄ₙ ± (b − a)·u(n/4)/n</c> that cover the true mean at <em>every</em> n simultaneously with
/// probability ≥ 1 − α, so they may be checked after every response. u is the two-sided normal-mixture boundary of Robbins
/// (1970) / Howard et al. (2021, Ann. Stat. 49(2), §3): <c>u(v) = √(2(v+ρ)(log(1/α) + ½ log((v+ρ)/ρ)))</c>, with Hoeffding's
/// variance proxy 1/4 of a [0, 1] variable. Assumptions: observations independent (or a martingale difference sequence) with a
/// common mean, each in [a, b]; nothing else about their distribution. ρ is fixed in advance so that the interval is tightest at
/// <see cref="TightestAt"/> observations. The sufficient statistic is (n, Σx), so sequences of shards or days merge by addition
/// (<see cref="Merge"/>) and the merged interval is exactly the interval of the concatenated stream. Updates are O(1) and
/// allocate nothing.
/// </summary>
public sealed class ConfidenceSequence : IAccumulator<ConfidenceSequence>
{
    private readonly double _inverseWidth;
    private readonly double _logInverseAlpha;
    private long _count;
    private double _unitSum;

    /// <summary>A confidence sequence for the mean of observations in [<paramref name="lowerBound"/>, <paramref name="upperBound"/>].</summary>
    /// <param name="lowerBound">The smallest value an observation can take (finite).</param>
    /// <param name="upperBound">The largest value (finite, &gt; <paramref name="lowerBound"/>).</param>
    /// <param name="alpha">Error rate over the whole stream, in (0, 1); default 0.05.</param>
    /// <param name="tightestAt">Sample size at which the boundary is optimised (ρ chosen for it), ≥ 1; default 1,000.</param>
    /// <exception cref="ArgumentOutOfRangeException">A bound is not finite, the bounds are not increasing, α is outside (0, 1) or <paramref name="tightestAt"/> &lt; 1.</exception>
    public ConfidenceSequence(double lowerBound, double upperBound, double alpha = 0.05, double tightestAt = 1000)
    {
        Guard.Finite(lowerBound);
        Guard.Finite(upperBound);
        CheckRange(lowerBound, upperBound);
        Guard.ConfidenceLevel(alpha);
        Guard.Finite(tightestAt);
        if (!(tightestAt >= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(tightestAt), tightestAt, $"tightestAt must be ≥ 1 observation; got {Guard.Format(tightestAt)}.");
        }

        LowerBound = lowerBound;
        UpperBound = upperBound;
        Alpha = alpha;
        TightestAt = tightestAt;
        _inverseWidth = 1.0 / (upperBound - lowerBound);
        _logInverseAlpha = -Math.Log(alpha);
        Rho = MixtureBoundary.OptimalRho(MixtureBoundary.UnitVarianceProxy * tightestAt, _logInverseAlpha);
    }

    private ConfidenceSequence(ConfidenceSequenceState state)
    {
        LowerBound = state.LowerBound;
        UpperBound = state.UpperBound;
        Alpha = state.Alpha;
        Rho = state.Rho;
        TightestAt = Rho / MixtureBoundary.UnitVarianceProxy;
        _inverseWidth = 1.0 / (UpperBound - LowerBound);
        _logInverseAlpha = -Math.Log(Alpha);
        _count = state.Count;
        _unitSum = state.UnitSum;
    }

    /// <summary>A confidence sequence for a proportion (observations 0 or 1, any value in [0, 1] allowed).</summary>
    /// <param name="alpha">Error rate over the whole stream.</param>
    /// <param name="tightestAt">Sample size at which the boundary is tightest.</param>
    /// <exception cref="ArgumentOutOfRangeException">α is outside (0, 1) or <paramref name="tightestAt"/> &lt; 1.</exception>
    public static ConfidenceSequence ForProportion(double alpha = 0.05, double tightestAt = 1000) => new(0, 1, alpha, tightestAt);

    /// <summary>A confidence sequence for NPS as the mean of −1 (detractor), 0 (passive), +1 (promoter); ×100 gives points.</summary>
    /// <param name="alpha">Error rate over the whole stream.</param>
    /// <param name="tightestAt">Sample size at which the boundary is tightest.</param>
    /// <exception cref="ArgumentOutOfRangeException">α is outside (0, 1) or <paramref name="tightestAt"/> &lt; 1.</exception>
    public static ConfidenceSequence ForNps(double alpha = 0.05, double tightestAt = 1000) => new(-1, 1, alpha, tightestAt);

    /// <summary>Lower end a of the range of one observation.</summary>
    public double LowerBound { get; }

    /// <summary>Upper end b of the range.</summary>
    public double UpperBound { get; }

    /// <summary>Error rate over the whole stream.</summary>
    public double Alpha { get; }

    /// <summary>Sample size at which the boundary is tightest (= ρ / (1/4)).</summary>
    public double TightestAt { get; }

    /// <summary>Mixture precision ρ of the boundary, on the [0, 1] scale.</summary>
    internal double Rho { get; }

    /// <summary>Observations so far.</summary>
    public long Count => _count;

    /// <summary>Σ of the observations rescaled to [0, 1].</summary>
    internal double UnitSum => _unitSum;

    /// <summary>The sample mean; <c>null</c> before the first observation.</summary>
    public double? Mean => _count == 0 ? null : LowerBound + (UpperBound - LowerBound) * (_unitSum / _count);

    /// <summary>Adds one observation. O(1), allocation-free.</summary>
    /// <param name="value">A value in [<see cref="LowerBound"/>, <see cref="UpperBound"/>].</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN or outside the range.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(double value)
    {
        if (!(value >= LowerBound && value <= UpperBound))
        {
            throw OutOfRange(value);
        }

        _count++;
        _unitSum += (value - LowerBound) * _inverseWidth;
    }

    /// <summary>Adds one 0–10 NPS answer as −1/0/+1 (the sequence must be <see cref="ForNps"/>'s range [−1, 1]).</summary>
    /// <param name="score">A score in 0–10.</param>
    /// <exception cref="ArgumentOutOfRangeException">The score is outside 0–10, or its −1/0/+1 value lies outside this sequence's range.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddNpsScore(int score) => Add(NpsValue(score));

    /// <summary>
    /// Adds a batch of one-byte 0–10 NPS answers as −1/0/+1, in order: the same state, bit for bit, as <see cref="AddNpsScore"/>
    /// on each. When the running sum and the three rescaled values are multiples of 2⁻ᵐ whose sum stays below 2⁵³⁻ᵐ (always so
    /// for <see cref="ForNps"/>: 0, ½, 1), every partial sum of the one-by-one updates is exact, so the batch counts the classes
    /// (vectorised, as <see cref="NpsTally.FromScores(ReadOnlySpan{byte})"/>) and adds count × value exactly; otherwise it adds
    /// one by one in registers. Allocation-free.
    /// </summary>
    /// <param name="scores">Scores 0–10, one byte each.</param>
    /// <exception cref="ArgumentOutOfRangeException">A score is outside 0–10, or its value outside this sequence's range; nothing is added then.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddNpsScores(ReadOnlySpan<byte> scores)
    {
        NpsBatch.CheckRange(scores, LowerBound, UpperBound, nameof(scores));
        if (scores.IsEmpty)
        {
            return;
        }

        double low = (NpsBatch.Values[0] - LowerBound) * _inverseWidth;
        double mid = (NpsBatch.Values[7] - LowerBound) * _inverseWidth;
        double high = (NpsBatch.Values[10] - LowerBound) * _inverseWidth;
        if (ExactScale(scores.Length, low, mid, high, _unitSum) is int m)
        {
            var tally = NpsTally.FromScores(scores); // throws on a score outside 0–10 before anything is added
            long total = (long)Math.ScaleB(_unitSum, m) + tally.Detractors * (long)Math.ScaleB(low, m) + tally.Passives * (long)Math.ScaleB(mid, m)
                + tally.Promoters * (long)Math.ScaleB(high, m);
            _unitSum = Math.ScaleB(total, -m);
        }
        else
        {
            NpsBatch.Check(scores, LowerBound, UpperBound, nameof(scores));
            Span<double> unit = stackalloc double[NpsScale.MaxScore + 1];
            for (int s = 0; s < unit.Length; s++)
            {
                unit[s] = (NpsBatch.Values[s] - LowerBound) * _inverseWidth;
            }

            double sum = _unitSum;
            foreach (byte s in scores)
            {
                sum += unit[s];
            }

            _unitSum = sum;
        }

        _count += scores.Length;
    }

    /// <summary>
    /// The smallest m ≤ 40 for which the start and the three increments (all ≥ 0) are integers × 2⁻ᵐ and start + n × max stays
    /// ≤ 2⁵³ × 2⁻ᵐ, so that every partial sum is representable and floating-point addition in any order is exact; null if none.
    /// </summary>
    internal static int? ExactScale(long n, double a, double b, double c, double start)
    {
        for (int m = 0; m <= 40; m++)
        {
            if (IsScaledInteger(a, m) && IsScaledInteger(b, m) && IsScaledInteger(c, m) && IsScaledInteger(start, m))
            {
                double largest = Math.Max(a, Math.Max(b, c));
                return Math.ScaleB(start + n * largest, m) <= 9007199254740992.0 / 2 ? m : null;
            }
        }

        return null;
    }

    private static bool IsScaledInteger(double x, int m)
    {
        double scaled = Math.ScaleB(x, m);
        return x >= 0 && scaled == Math.Floor(scaled);
    }

    /// <summary>The −1/0/+1 value of a 0–10 score.</summary>
    internal static double NpsValue(int score) => (uint)score > 10
        ? throw new ArgumentOutOfRangeException(nameof(score), score, $"An NPS score is 0–10; got {score}.")
        : score <= 6 ? -1.0 : score <= 8 ? 0.0 : 1.0;

    /// <summary>The current interval at this sequence's α, clipped to the range.</summary>
    public AnytimeInterval Interval() => IntervalAt(_logInverseAlpha, Alpha);

    /// <summary>The interval at level <paramref name="alpha"/> (with this sequence's ρ), e.g. α/2 for each side of a comparison.</summary>
    internal AnytimeInterval IntervalAt(double logInverseAlpha, double alpha)
    {
        if (_count == 0)
        {
            return new AnytimeInterval(null, LowerBound, UpperBound, 0, alpha);
        }

        double width = UpperBound - LowerBound;
        double mean = _unitSum / _count;
        double radius = MixtureBoundary.UnitMeanRadius(_count, Rho, logInverseAlpha);
        return new AnytimeInterval(LowerBound + width * mean,
            LowerBound + width * Math.Max(0.0, mean - radius), LowerBound + width * Math.Min(1.0, mean + radius), _count, alpha);
    }

    /// <summary>Half-width on the [0, 1] scale at level exp(−<paramref name="logInverseAlpha"/>) (unclipped; +∞ when empty).</summary>
    internal double UnitRadius(double logInverseAlpha) => MixtureBoundary.UnitMeanRadius(_count, Rho, logInverseAlpha);

    /// <summary>The sequence of both streams together: counts and sums add (exact: the interval depends on the data through (n, Σx) only).</summary>
    /// <param name="other">A sequence with the same range, α and ρ.</param>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="ArgumentException">The settings differ; the message names both.</exception>
    public ConfidenceSequence Merge(ConfidenceSequence other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.LowerBound != LowerBound || other.UpperBound != UpperBound || other.Alpha != Alpha || other.Rho != Rho)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Cannot merge a confidence sequence on [{LowerBound:R}, {UpperBound:R}] (α = {Alpha:R}, tightest at {TightestAt:R}) with one on [{other.LowerBound:R}, {other.UpperBound:R}] (α = {other.Alpha:R}, tightest at {other.TightestAt:R})."),
                nameof(other));
        }

        if (_count > long.MaxValue - other._count)
        {
            throw new ArgumentOutOfRangeException(nameof(other), $"Merging overflows the count ({_count} + {other._count}).");
        }

        return new ConfidenceSequence(ToState() with { Count = _count + other._count, UnitSum = _unitSum + other._unitSum });
    }

    /// <summary>The versioned state as compact JSON: <c>{"version":1,"lowerBound":-1,"upperBound":1,"alpha":0.05,"rho":…,"count":…,"unitSum":…}</c>.</summary>
    public string ToJson() => System.Text.Json.JsonSerializer.Serialize(ToState(), MonitoringJsonContext.Default.ConfidenceSequenceState);

    /// <summary>Reads a sequence written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The JSON document.</param>
    /// <exception cref="ArgumentException">The JSON is malformed, of an unknown version or holds an invalid field; the message names the field and value.</exception>
    public static ConfidenceSequence FromJson(string json) => FromState(MonitoringJson.Deserialize(json, MonitoringJsonContext.Default.ConfidenceSequenceState));

    internal ConfidenceSequenceState ToState() => new(ConfidenceSequenceState.CurrentVersion, LowerBound, UpperBound, Alpha, Rho, _count, _unitSum);

    internal static ConfidenceSequence FromState(ConfidenceSequenceState state)
    {
        const string type = nameof(ConfidenceSequenceState);
        StateGuard.Version(state.Version, ConfidenceSequenceState.CurrentVersion, type);
        MonitoringJson.Finite(state.LowerBound, type, nameof(state.LowerBound));
        MonitoringJson.Finite(state.UpperBound, type, nameof(state.UpperBound));
        if (!(state.UpperBound > state.LowerBound))
        {
            throw StateGuard.Invalid(type, nameof(state.UpperBound), $"{Guard.Format(state.UpperBound)} must exceed LowerBound = {Guard.Format(state.LowerBound)}.");
        }

        if (!(state.Alpha > 0 && state.Alpha < 1))
        {
            throw StateGuard.Invalid(type, nameof(state.Alpha), $"{Guard.Format(state.Alpha)} must lie in (0, 1).");
        }

        MonitoringJson.Finite(state.Rho, type, nameof(state.Rho), positive: true);
        StateGuard.NonNegative(state.Count, type, nameof(state.Count));
        if (!(state.UnitSum >= 0 && state.UnitSum <= state.Count))
        {
            throw StateGuard.Invalid(type, nameof(state.UnitSum), $"{Guard.Format(state.UnitSum)} must lie in [0, Count = {state.Count}].");
        }

        return new ConfidenceSequence(state);
    }

    /// <summary>"0.25 [0.12, 0.38] (n = 400, anytime α = 0.05)": the current interval.</summary>
    public override string ToString() => Interval().ToString();

    private static void CheckRange(double lowerBound, double upperBound)
    {
        if (!(upperBound > lowerBound))
        {
            throw new ArgumentOutOfRangeException(nameof(upperBound), upperBound,
                $"upperBound = {Guard.Format(upperBound)} must exceed lowerBound = {Guard.Format(lowerBound)}.");
        }
    }

    private ArgumentOutOfRangeException OutOfRange(double value) => new(nameof(value), value,
        $"value = {Guard.Format(value)} lies outside the range [{Guard.Format(LowerBound)}, {Guard.Format(UpperBound)}] of this confidence sequence.");
}
