using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TrustMetrics.Nps;
using TrustMetrics.Serialization;

namespace TrustMetrics.Monitoring;

/// <summary>
/// An e-process for "the mean has fallen below the baseline μ₀" (H₀: mean ≥ μ₀) on observations in [a, b], checked after every
/// observation: the one-sided normal mixture (Robbins 1970; Howard et al. 2021, §3) over λ &lt; 0 of the Hoeffding
/// supermartingales <c>exp(λS − λ²V/2)</c>, with S = Σ(x' − μ₀') and V = n/4 on the [0, 1] scale:
/// <c>E_n = 2√(ρ/(V+ρ)) · exp(S²/(2(V+ρ))) · Φ(−S/√(V+ρ))</c>. Under H₀ it is a nonnegative supermartingale with E₀ = 1, so
/// by Ville's inequality P(∃n: E_n ≥ 1/α) ≤ α: the test rejects the first time E reaches 1/α, and
/// <see cref="PValue"/> = min(1, 1/max E) is an always-valid p-value. μ₀ must be fixed before the monitored observations
/// (a target, or a baseline from an earlier period; to account for the baseline's own sampling error compare the two
/// sequences with <see cref="AnytimeComparison"/>). Sequential: the running maximum depends on the order, so tests do not merge.
/// </summary>
public sealed class MeanDropTest
{
    private readonly double _inverseWidth;
    private readonly double _unitBaseline;
    private readonly double _logThreshold;
    private long _count;
    private double _unitSum;
    private double _maxLogE;
    private long _rejectedAt;

    /// <summary>An upper bound on ½log(ρ/(V+ρ)) at the current V (its value at an earlier V; 0 before any), for the skip test.</summary>
    private double _halfLogShrinkBound;

    /// <summary>The skip test's safety margin on the log scale, far above the rounding error of log E.</summary>
    private const double SkipMargin = 1e-9;

    /// <summary>A test of "mean below <paramref name="baselineMean"/>" for observations in [<paramref name="lowerBound"/>, <paramref name="upperBound"/>].</summary>
    /// <param name="lowerBound">Smallest possible observation (finite).</param>
    /// <param name="upperBound">Largest possible observation (finite, &gt; <paramref name="lowerBound"/>).</param>
    /// <param name="baselineMean">μ₀, in the range.</param>
    /// <param name="alpha">Error rate over the whole stream, in (0, 1).</param>
    /// <param name="tightestAt">Sample size at which the mixture is tuned (ρ as for <see cref="ConfidenceSequence"/>), ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A bound or μ₀ is not finite, μ₀ is outside the range, α is outside (0, 1) or <paramref name="tightestAt"/> &lt; 1.</exception>
    public MeanDropTest(double lowerBound, double upperBound, double baselineMean, double alpha = 0.05, double tightestAt = 1000)
    {
        var shape = new ConfidenceSequence(lowerBound, upperBound, alpha, tightestAt);
        Guard.Finite(baselineMean);
        if (!(baselineMean >= lowerBound && baselineMean <= upperBound))
        {
            throw new ArgumentOutOfRangeException(nameof(baselineMean), baselineMean,
                $"baselineMean = {Guard.Format(baselineMean)} lies outside [{Guard.Format(lowerBound)}, {Guard.Format(upperBound)}].");
        }

        LowerBound = lowerBound;
        UpperBound = upperBound;
        BaselineMean = baselineMean;
        Alpha = alpha;
        Rho = shape.Rho;
        _inverseWidth = 1.0 / (upperBound - lowerBound);
        _unitBaseline = (baselineMean - lowerBound) * _inverseWidth;
        _logThreshold = -Math.Log(alpha);
        _npsIncrements = NpsIncrements();
    }

    private MeanDropTest(MeanDropTestState s)
    {
        LowerBound = s.LowerBound;
        UpperBound = s.UpperBound;
        BaselineMean = s.BaselineMean;
        Alpha = s.Alpha;
        Rho = s.Rho;
        _inverseWidth = 1.0 / (UpperBound - LowerBound);
        _unitBaseline = (BaselineMean - LowerBound) * _inverseWidth;
        _logThreshold = -Math.Log(Alpha);
        _count = s.Count;
        _unitSum = s.UnitSum;
        _maxLogE = s.MaxLogEValue;
        _rejectedAt = s.RejectedAt;
        _npsIncrements = NpsIncrements();
    }

    /// <summary>Lower end of the range.</summary>
    public double LowerBound { get; }

    /// <summary>Upper end of the range.</summary>
    public double UpperBound { get; }

    /// <summary>The baseline μ₀.</summary>
    public double BaselineMean { get; }

    /// <summary>Error rate over the whole stream.</summary>
    public double Alpha { get; }

    internal double Rho { get; }

    /// <summary>Observations so far.</summary>
    public long Count => _count;

    /// <summary>log E_n now (0 before the first observation).</summary>
    public double LogEValue => _count == 0 ? 0.0 : MixtureBoundary.LogDropEValue(_unitSum, MixtureBoundary.UnitVarianceProxy * _count, Rho);

    /// <summary>Always-valid p-value: min(1, 1 / max_{k ≤ n} E_k).</summary>
    public double PValue => Math.Exp(-_maxLogE);

    /// <summary>True once E has reached 1/α: the mean is below μ₀ at error rate α over the whole stream.</summary>
    public bool Rejected => _rejectedAt > 0;

    /// <summary>The observation (1-based) at which the test first rejected; <c>null</c> while it has not.</summary>
    public long? RejectedAt => _rejectedAt > 0 ? _rejectedAt : null;

    /// <summary>Adds one observation and updates the running maximum of E. O(1), allocation-free.</summary>
    /// <param name="value">A value in [<see cref="LowerBound"/>, <see cref="UpperBound"/>].</param>
    /// <returns>True when this observation makes the test reject for the first time.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN or outside the range.</exception>
    public bool Add(double value)
    {
        if (!(value >= LowerBound && value <= UpperBound))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value,
                $"value = {Guard.Format(value)} lies outside the range [{Guard.Format(LowerBound)}, {Guard.Format(UpperBound)}].");
        }

        _count++;
        _unitSum += (value - LowerBound) * _inverseWidth - _unitBaseline;
        double v = MixtureBoundary.UnitVarianceProxy * _count;
        if ((_count & 4095) == 0)
        {
            _halfLogShrinkBound = 0.5 * Math.Log(Rho / (v + Rho));
        }

        // A cheap sufficient test first: log E = log 2 + ½log(ρ/(V+ρ)) + log(exp(z²/2)Φ(−z)), z = S/√(V+ρ), with exp(z²/2)Φ(−z) ≤ ½ for z ≥ 0 and
        // ≤ exp(z²/2) for z < 0, and ½log(ρ/(V+ρ)) falls with V (so its value at an earlier V bounds it). When that bound stays
        // below the running maximum, E cannot raise it and the log and normal tail are skipped: the maximum, the p-value and the
        // rejection time are exactly those of evaluating E at every observation.
        double bound = _unitSum >= 0
            ? _halfLogShrinkBound
            : MixtureBoundary.Log2 + _halfLogShrinkBound + _unitSum * _unitSum / (2.0 * (v + Rho));
        if (bound > _maxLogE - SkipMargin)
        {
            double logE = MixtureBoundary.LogDropEValue(_unitSum, v, Rho);
            _halfLogShrinkBound = 0.5 * Math.Log(Rho / (v + Rho));
            if (logE > _maxLogE)
            {
                _maxLogE = logE;
            }
        }

        if (_rejectedAt == 0 && _maxLogE >= _logThreshold)
        {
            _rejectedAt = _count;
            return true;
        }

        return false;
    }

    /// <summary>
    /// Adds a batch of one-byte 0–10 NPS answers as −1/0/+1, in order, keeping the state in registers: the count, the running sum
    /// (the same additions in the same order as <see cref="Add"/>, so bit for bit the same), the running maximum of log E, the
    /// p-value and the rejection time are exactly those of <see cref="Add"/> on each answer. The skip test is one compare per
    /// answer: within a block of at most 4,096 answers, log E can exceed the running maximum M only if S &lt; −√(2(V₀+ρ)(M − 10⁻⁹ − log 2 − h)),
    /// V₀ the intrinsic time at the block's start and h = ½log(ρ/(V₀+ρ)) (the bound of <see cref="Add"/> with V₀ ≤ V; the square
    /// root's argument is shrunk by 10⁻¹² relative so rounding only makes the test evaluate more often); below that limit E is
    /// evaluated exactly as <see cref="Add"/> does. O(1) per answer, allocation-free.
    /// </summary>
    /// <param name="scores">Scores 0–10, one byte each.</param>
    /// <returns>True when the test rejects for the first time within this batch (<see cref="RejectedAt"/> tells at which answer).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A score is outside 0–10, or its value outside this test's range; nothing is added then.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool AddNpsScores(ReadOnlySpan<byte> scores)
    {
        if (scores.IsEmpty)
        {
            return false;
        }

        // One increment per byte value, NaN for a byte that is no 0–10 score or whose value lies outside the range: the sum turns
        // NaN there, the skip test fails, and the slow path throws before anything is stored (the state lives in locals).
        ref double increment = ref MemoryMarshal.GetArrayDataReference(_npsIncrements);
        ref byte first = ref MemoryMarshal.GetReference(scores);
        long start = _count;
        long rejectedAt = _rejectedAt;
        double sum = _unitSum, max = _maxLogE, h = _halfLogShrinkBound, rho = Rho;
        if (rejectedAt == 0 && max >= _logThreshold)
        {
            rejectedAt = start + 1; // a state read back at or above the threshold rejects at the next answer, as Add does
        }

        int i = 0, length = scores.Length;
        while (i < length)
        {
            long count = start + i;
            double vNow = MixtureBoundary.UnitVarianceProxy * count;
            if (count > 0)
            {
                h = 0.5 * Math.Log(rho / (vNow + rho));
            }

            double room = (max - SkipMargin - MixtureBoundary.Log2 - h) * (1 - 1e-12);
            double limit = h > max - SkipMargin ? double.PositiveInfinity : room <= 0 ? 0.0 : -Math.Sqrt(2.0 * (vNow + rho) * room);
            int end = Math.Min(length, i + 4096);
            i = SkipRun(ref first, i, end, ref increment, limit, ref sum);
            if (i < end)
            {
                if (double.IsNaN(sum))
                {
                    throw NpsBatch.Invalid(scores, i, LowerBound, UpperBound, nameof(scores));
                }

                // log E might exceed the maximum: evaluate it as Add does.
                long n = start + i + 1;
                double v = MixtureBoundary.UnitVarianceProxy * n;
                double logE = MixtureBoundary.LogDropEValue(sum, v, rho);
                if (logE > max)
                {
                    max = logE;
                }

                if (rejectedAt == 0 && max >= _logThreshold)
                {
                    rejectedAt = n;
                }

                i++;
            }
        }

        _count = start + length;
        _unitSum = sum;
        _maxLogE = max;
        _halfLogShrinkBound = 0.5 * Math.Log(rho / (MixtureBoundary.UnitVarianceProxy * _count + rho));
        bool rejectedNow = _rejectedAt == 0 && rejectedAt > 0;
        _rejectedAt = rejectedAt;
        return rejectedNow;
    }

    /// <summary>Per byte value 0–255 the increment of the sum, (v − a)/(b − a) − μ₀' as in <see cref="Add"/>; NaN for an invalid byte (2 KB, built with the test).</summary>
    private readonly double[] _npsIncrements;

    private double[] NpsIncrements()
    {
        var increments = new double[256];
        for (int s = 0; s < increments.Length; s++)
        {
            increments[s] = NpsBatch.InRange(s, LowerBound, UpperBound) ? (NpsBatch.Values[s] - LowerBound) * _inverseWidth - _unitBaseline : double.NaN;
        }

        return increments;
    }

    /// <summary>
    /// Adds answers <paramref name="i"/>…<paramref name="end"/> − 1 to <paramref name="sum"/> until the sum falls below
    /// <paramref name="limit"/> or turns NaN; returns the index of that answer (included in the sum), else <paramref name="end"/>.
    /// A leaf method, so the sum stays in a register (in the caller, live across calls, it would be spilled to the stack).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static int SkipRun(ref byte first, int i, int end, ref double increments, double limit, ref double sum)
    {
        double s = sum;
        for (; i < end; i++)
        {
            s += Unsafe.Add(ref increments, Unsafe.Add(ref first, i));
            if (!(s >= limit))
            {
                break;
            }
        }

        sum = s;
        return i;
    }

    /// <summary>The versioned state as compact JSON.</summary>
    public string ToJson() => System.Text.Json.JsonSerializer.Serialize(
        new MeanDropTestState(MeanDropTestState.CurrentVersion, LowerBound, UpperBound, BaselineMean, Alpha, Rho, _count, _unitSum, _maxLogE, _rejectedAt),
        MonitoringJsonContext.Default.MeanDropTestState);

    /// <summary>Reads a test written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The JSON document.</param>
    /// <exception cref="ArgumentException">The JSON is malformed, of an unknown version or holds an invalid field; the message names the field and value.</exception>
    public static MeanDropTest FromJson(string json)
    {
        var s = MonitoringJson.Deserialize(json, MonitoringJsonContext.Default.MeanDropTestState);
        const string type = nameof(MeanDropTestState);
        var shape = ConfidenceSequence.FromState(new ConfidenceSequenceState(s.Version, s.LowerBound, s.UpperBound, s.Alpha, s.Rho, 0, 0));
        MonitoringJson.Finite(s.BaselineMean, type, nameof(s.BaselineMean));
        if (!(s.BaselineMean >= shape.LowerBound && s.BaselineMean <= shape.UpperBound))
        {
            throw StateGuard.Invalid(type, nameof(s.BaselineMean), $"{Guard.Format(s.BaselineMean)} lies outside the range.");
        }

        StateGuard.NonNegative(s.Count, type, nameof(s.Count));
        MonitoringJson.Finite(s.UnitSum, type, nameof(s.UnitSum));
        if (Math.Abs(s.UnitSum) > s.Count)
        {
            throw StateGuard.Invalid(type, nameof(s.UnitSum), $"|{Guard.Format(s.UnitSum)}| exceeds Count = {s.Count}.");
        }

        MonitoringJson.Finite(s.MaxLogEValue, type, nameof(s.MaxLogEValue));
        if (s.MaxLogEValue < 0)
        {
            throw StateGuard.Invalid(type, nameof(s.MaxLogEValue), $"{Guard.Format(s.MaxLogEValue)} is negative: E₀ = 1, so the running maximum of log E is ≥ 0.");
        }

        if (s.RejectedAt < 0 || s.RejectedAt > s.Count)
        {
            throw StateGuard.Invalid(type, nameof(s.RejectedAt), string.Create(CultureInfo.InvariantCulture, $"{s.RejectedAt} must lie in [0, Count = {s.Count}]."));
        }

        return new MeanDropTest(s);
    }

    /// <summary>"mean drop below 0.3: p = 0.41 after 1200 (not rejected)".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"mean drop below {BaselineMean:G6}: p = {PValue:G4} after {_count}{(Rejected ? $" (rejected at {_rejectedAt})" : " (not rejected)")}");
}
