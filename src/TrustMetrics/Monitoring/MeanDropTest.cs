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
/// The state keeps U = Σx' (not S): S = U − nμ₀' is formed afresh, rounded once, at every observation, so that for NPS answers
/// (x' ∈ {0, ½, 1}, U exact) a batch can count classes instead of adding one by one and still give S bit for bit.
/// </summary>
public sealed class MeanDropTest
{
    private readonly double _inverseWidth;
    private readonly double _unitBaseline;
    private readonly double _logThreshold;
    private long _count;

    /// <summary>U = Σ (x − a)/(b − a), added one by one; S = U − nμ₀' is <see cref="UnitSum"/>.</summary>
    private double _unitValueSum;
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
        _npsUnits = NpsUnits();
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
        _unitValueSum = s.UnitValueSum;
        _maxLogE = s.MaxLogEValue;
        _rejectedAt = s.RejectedAt;
        _npsUnits = NpsUnits();
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
    public double LogEValue => _count == 0 ? 0.0 : MixtureBoundary.LogDropEValue(UnitSum, MixtureBoundary.UnitVarianceProxy * _count, Rho);

    /// <summary>S = U − nμ₀' (the sum of the rescaled observations minus n × the rescaled baseline), rounded once.</summary>
    private double UnitSum => CenteredSum(_count, _unitValueSum, _unitBaseline);

    /// <summary>
    /// S = U − nμ₀' rounded once (a fused multiply-add: correctly rounded on every platform), the one formula of <see cref="Add"/>
    /// and <see cref="AddNpsScores"/>, so both give the same double from the same (n, U).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double CenteredSum(double count, double unitValueSum, double unitBaseline) => Math.FusedMultiplyAdd(-count, unitBaseline, unitValueSum);

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
        _unitValueSum += (value - LowerBound) * _inverseWidth;
        double sum = CenteredSum(_count, _unitValueSum, _unitBaseline);
        double v = MixtureBoundary.UnitVarianceProxy * _count;
        if ((_count & 4095) == 0)
        {
            _halfLogShrinkBound = 0.5 * Math.Log(Rho / (v + Rho));
        }

        // A cheap sufficient test first: log E = log 2 + ½log(ρ/(V+ρ)) + log(exp(z²/2)Φ(−z)), z = S/√(V+ρ), with exp(z²/2)Φ(−z) ≤ ½ for z ≥ 0 and
        // ≤ exp(z²/2) for z < 0, and ½log(ρ/(V+ρ)) falls with V (so its value at an earlier V bounds it). When that bound stays
        // below the running maximum, E cannot raise it and the log and normal tail are skipped: the maximum, the p-value and the
        // rejection time are exactly those of evaluating E at every observation.
        double bound = sum >= 0
            ? _halfLogShrinkBound
            : MixtureBoundary.Log2 + _halfLogShrinkBound + sum * sum / (2.0 * (v + Rho));
        if (bound > _maxLogE - SkipMargin)
        {
            double logE = MixtureBoundary.LogDropEValue(sum, v, Rho);
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
    /// U, the running maximum of log E, the p-value and the rejection time are exactly those of <see cref="Add"/> on each answer.
    /// Within a stretch of answers, log E can exceed the running maximum M only if S &lt; L = −√(2(V₀+ρ)(M − 10⁻⁹ − log 2 − h)),
    /// V₀ the intrinsic time at the stretch's start and h = ½log(ρ/(V₀+ρ)) (the bound of <see cref="Add"/> with V₀ ≤ V; the
    /// square root's argument is shrunk by 10⁻¹² relative so rounding only makes the test evaluate more often). When S₀ + B·d
    /// stays above L (d the most negative increment, with a slack far above the rounding of S), no answer of the next B can
    /// reach L: when the rescaled values and U are dyadic (always so on [−1, 1]: 0, ½, 1; see
    /// <see cref="ConfidenceSequence.AddNpsScores"/>), U after them is the class counts × values (vectorised count, as
    /// <see cref="NpsTally.FromScores(ReadOnlySpan{byte})"/>), exactly the one-by-one sum. Otherwise, and near L, answers go one
    /// by one (one add, one fused multiply-add and one compare each), and log E is evaluated as <see cref="Add"/> does whenever
    /// S &lt; L. O(1) per answer, allocation-free.
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

        // One rescaled value per byte value, NaN for a byte that is no 0–10 score or whose value lies outside the range: U turns
        // NaN there, the skip test fails, and the slow path throws before anything is stored (the state lives in locals).
        ref double unit = ref MemoryMarshal.GetArrayDataReference(_npsUnits);
        ref byte first = ref MemoryMarshal.GetReference(scores);
        long start = _count;
        long rejectedAt = _rejectedAt;
        double total = _unitValueSum, max = _maxLogE, rho = Rho, baseline = _unitBaseline;
        if (rejectedAt == 0 && max >= _logThreshold)
        {
            rejectedAt = start + 1; // a state read back at or above the threshold rejects at the next answer, as Add does
        }

        double low = _npsUnits[0], mid = _npsUnits[NpsScale.MaxDetractorScore + 1], high = _npsUnits[NpsScale.MinPromoterScore];
        int? scale = ConfidenceSequence.ExactScale(scores.Length, low, mid, high, total); // null when a class is NaN (outside the range)
        double lowest = Math.Min(low, Math.Min(mid, high)) - baseline;
        int i = 0, length = scores.Length;
        long counted = 0;
        while (i < length)
        {
            long count = start + i;
            double vNow = MixtureBoundary.UnitVarianceProxy * count;
            double h = 0.5 * Math.Log(rho / (vNow + rho));
            double room = (max - SkipMargin - MixtureBoundary.Log2 - h) * (1 - 1e-12);
            double limit = h > max - SkipMargin ? double.PositiveInfinity : room <= 0 ? 0.0 : -Math.Sqrt(2.0 * (vNow + rho) * room);
            if (scale is int m && limit < 0)
            {
                // S₀ − L over the most negative increment: how many answers cannot reach L (slack 10⁻⁹ × n ≫ the rounding of S).
                double headroom = CenteredSum(count, total, baseline) - limit - 1e-9 * (count + CountedBlock + 1.0);
                int take = headroom <= 0 ? 0 : lowest >= 0 ? CountedBlock : (int)Math.Min(CountedBlock, headroom / -lowest);
                take = Math.Min(take, length - i) & ~63;
                if (take >= MinCountedBlock)
                {
                    var tally = CountBlock(scores, i, take);
                    long scaled = (long)Math.ScaleB(total, m) + tally.Detractors * (long)Math.ScaleB(low, m)
                        + tally.Passives * (long)Math.ScaleB(mid, m) + tally.Promoters * (long)Math.ScaleB(high, m);
                    total = Math.ScaleB((double)scaled, -m);
                    counted += take;
                    i += take;
                    continue;
                }
            }

            int end = Math.Min(length, i + (scale is null ? 4096 : MinCountedBlock));
            i = SkipRun(ref first, i, end, ref unit, start, baseline, limit, ref total);
            if (i < end)
            {
                if (double.IsNaN(total))
                {
                    throw NpsBatch.Invalid(scores, i, LowerBound, UpperBound, nameof(scores));
                }

                // log E might exceed the maximum: evaluate it as Add does.
                long n = start + i + 1;
                double v = MixtureBoundary.UnitVarianceProxy * n;
                double logE = MixtureBoundary.LogDropEValue(CenteredSum(n, total, baseline), v, rho);
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
        _unitValueSum = total;
        _maxLogE = max;
        _halfLogShrinkBound = 0.5 * Math.Log(rho / (MixtureBoundary.UnitVarianceProxy * _count + rho));
        bool rejectedNow = _rejectedAt == 0 && rejectedAt > 0;
        _rejectedAt = rejectedAt;
        CountedAnswers += counted;
        return rejectedNow;
    }

    /// <summary>Answers that <see cref="AddNpsScores"/> took in counted blocks (not one by one), for tests: the fast path is taken.</summary>
    internal long CountedAnswers { get; private set; }

    /// <summary>The most answers counted at once (the limit L is recomputed, tighter, between blocks).</summary>
    private const int CountedBlock = 1 << 14;

    /// <summary>The fewest answers worth counting as a block; nearer L, this many go one by one before the next try.</summary>
    private const int MinCountedBlock = 256;

    /// <summary>Per byte value 0–255 the rescaled value (v − a)/(b − a) as in <see cref="Add"/>; NaN for an invalid byte (2 KB, built with the test).</summary>
    private readonly double[] _npsUnits;

    private double[] NpsUnits()
    {
        var units = new double[256];
        for (int s = 0; s < units.Length; s++)
        {
            units[s] = NpsBatch.InRange(s, LowerBound, UpperBound) ? (NpsBatch.Values[s] - LowerBound) * _inverseWidth : double.NaN;
        }

        return units;
    }

    /// <summary>The class counts of <paramref name="length"/> answers from <paramref name="at"/>; a byte above 10 throws naming its index in the whole batch.</summary>
    private NpsTally CountBlock(ReadOnlySpan<byte> scores, int at, int length)
    {
        var block = scores.Slice(at, length);
        try
        {
            return NpsTally.FromScores(block);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw NpsBatch.Invalid(scores, at + block.IndexOfAnyInRange((byte)(NpsScale.MaxScore + 1), byte.MaxValue), LowerBound, UpperBound, nameof(scores));
        }
    }

    /// <summary>
    /// Adds answers <paramref name="i"/>…<paramref name="end"/> − 1 to U (<paramref name="total"/>) until S = U − nμ₀' (n counted
    /// from <paramref name="start"/>) falls below <paramref name="limit"/> or turns NaN; returns the index of that answer (included
    /// in U), else <paramref name="end"/>. A leaf method, so U stays in a register (in the caller it would be spilled to the stack).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static int SkipRun(ref byte first, int i, int end, ref double units, long start, double baseline, double limit, ref double total)
    {
        double u = total;
        double n = start + i; // exact below 2⁵³, as the count Add converts
        for (; i < end; i++)
        {
            u += Unsafe.Add(ref units, Unsafe.Add(ref first, i));
            n += 1.0;
            if (!(CenteredSum(n, u, baseline) >= limit))
            {
                break;
            }
        }

        total = u;
        return i;
    }

    /// <summary>The versioned state as compact JSON (version 2: U = Σx' kept, S written beside it for reading).</summary>
    public string ToJson() => System.Text.Json.JsonSerializer.Serialize(
        new MeanDropTestState(MeanDropTestState.CurrentVersion, LowerBound, UpperBound, BaselineMean, Alpha, Rho, _count, UnitSum, _maxLogE, _rejectedAt,
            _unitValueSum),
        MonitoringJsonContext.Default.MeanDropTestState);

    /// <summary>
    /// Reads a test written by <see cref="ToJson"/>: version 2, or version 1 (which kept S only: U is taken as S + nμ₀', rounded
    /// once, so the test goes on from S up to its last bit).
    /// </summary>
    /// <param name="json">The JSON document.</param>
    /// <exception cref="ArgumentException">The JSON is malformed, of an unknown version or holds an invalid field; the message names the field and value.</exception>
    public static MeanDropTest FromJson(string json)
    {
        var s = MonitoringJson.Deserialize(json, MonitoringJsonContext.Default.MeanDropTestState);
        const string type = nameof(MeanDropTestState);
        if (s.Version != 1)
        {
            StateGuard.Version(s.Version, MeanDropTestState.CurrentVersion, type);
        }

        var shape = ConfidenceSequence.FromState(new ConfidenceSequenceState(ConfidenceSequenceState.CurrentVersion, s.LowerBound, s.UpperBound, s.Alpha, s.Rho, 0, 0));
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

        double unitBaseline = (s.BaselineMean - s.LowerBound) / (s.UpperBound - s.LowerBound);
        if (s.Version == 1)
        {
            s = s with { UnitValueSum = Math.Clamp(Math.FusedMultiplyAdd(s.Count, unitBaseline, s.UnitSum), 0.0, s.Count) };
        }
        else
        {
            MonitoringJson.Finite(s.UnitValueSum, type, nameof(s.UnitValueSum));
            if (!(s.UnitValueSum >= 0 && s.UnitValueSum <= s.Count))
            {
                throw StateGuard.Invalid(type, nameof(s.UnitValueSum), $"{Guard.Format(s.UnitValueSum)} must lie in [0, Count = {s.Count}].");
            }
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

        var test = new MeanDropTest(s);
        if (s.Version != 1 && test.UnitSum != s.UnitSum)
        {
            throw StateGuard.Invalid(type, nameof(s.UnitSum), $"{Guard.Format(s.UnitSum)} differs from UnitValueSum − Count × the rescaled baseline = {Guard.Format(test.UnitSum)}.");
        }

        return test;
    }

    /// <summary>"mean drop below 0.3: p = 0.41 after 1200 (not rejected)".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"mean drop below {BaselineMean:G6}: p = {PValue:G4} after {_count}{(Rejected ? $" (rejected at {_rejectedAt})" : " (not rejected)")}");
}
