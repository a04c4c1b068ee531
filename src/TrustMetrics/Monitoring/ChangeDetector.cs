using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using TrustMetrics.Nps;
using TrustMetrics.Serialization;

namespace TrustMetrics.Monitoring;

/// <summary>
/// Sequential detection of a drop in a proportion or bounded mean at an unknown time: Page's CUSUM for one drop size, or a
/// generalised-likelihood-ratio (GLR) detector over a grid of drop sizes (the maximum of one CUSUM per size, i.e. the maximum
/// of the log-likelihood ratio over the change point and the grid). The alternative for a drop δ is the exponential tilt of the
/// pre-change distribution with mean μ₀ − δ; the statistic runs on a fine integer lattice, so the threshold for the ARL₀ asked
/// (expected observations to a false alarm) is computed exactly by the Markov chain of Brook &amp; Evans (1972). The GLR gives
/// each of its k CUSUMs the ARL₀ k × target, so its false-alarm rate is at most ≈ 1/target (union bound; conservative).
/// When one fires it reports the estimated change point (the observation after the CUSUM last stood at 0), the post-change mean
/// and the change size, then restarts. Updates are O(1) per drop size and allocate nothing. Sequential: the statistic depends
/// on the order of the observations, so detectors do not merge (the JSON state carries one detector over restarts).
/// </summary>
public sealed class ChangeDetector
{
    private readonly double[] _drops;
    private readonly double[] _thetas;
    private readonly double[] _logMgfs;
    private readonly double[] _steps;
    private readonly long[] _thresholds;
    private readonly long[] _statistics;
    private readonly long[] _runCounts;
    private readonly double[] _runSums;
    private long _count;
    private long _alarms;

    private ChangeDetector(ChangeDetectionMethod method, PreChangeDistribution baseline, double averageRunLength, double[] drops, double[] steps, long[] thresholds,
        EstimatedBaseline? estimated)
    {
        Method = method;
        Estimated = estimated;
        Baseline = baseline;
        AverageRunLength = averageRunLength;
        _drops = drops;
        _steps = steps;
        _thresholds = thresholds;
        _thetas = new double[drops.Length];
        _logMgfs = new double[drops.Length];
        for (int j = 0; j < drops.Length; j++)
        {
            (_thetas[j], _logMgfs[j]) = CusumChain.Tilt(baseline.ValueSpan, baseline.ProbabilitySpan, baseline.Mean - drops[j]);
        }

        _statistics = new long[drops.Length];
        _runCounts = new long[drops.Length];
        _runSums = new double[drops.Length];
        _scratch = new long[drops.Length];

        // Integer-valued baselines (0/1, −1/0/+1, 0–10, 1–5) get a table of the lattice increments per integer value and drop,
        // the same CusumChain.Increment values the update would compute: one lookup instead of a division and a rounding.
        var values = baseline.ValueSpan;
        double span = values[^1] - values[0];
        bool integers = span <= 256;
        foreach (double v in values)
        {
            integers &= v == Math.Floor(v);
        }

        _tableOrigin = values[0];
        _tableRows = integers ? (int)span + 1 : 0;
        _increments = new long[_tableRows * drops.Length];
        for (int r = 0; r < _tableRows; r++)
        {
            for (int j = 0; j < drops.Length; j++)
            {
                _increments[r * drops.Length + j] = CusumChain.Increment(_tableOrigin + r, _thetas[j], _logMgfs[j], _steps[j]);
            }
        }

        _npsRows = NpsRows();
        if (_npsRows is not null)
        {
            // The per-class rows (detractor 0, passive 7, promoter 9) for the block skip of AddNpsScores.
            Span<int> classes = stackalloc int[3 * Lanes];
            for (int j = 0; j < Lanes; j++)
            {
                classes[j] = _npsRows[0 * Lanes + j];
                classes[Lanes + j] = _npsRows[7 * Lanes + j];
                classes[2 * Lanes + j] = _npsRows[9 * Lanes + j];
            }

            _blockScan = CusumBlockScan.Create(classes, thresholds, drops.Length);
        }
    }

    /// <summary>The block skip of <see cref="AddNpsScores"/>; null when unsupported (see <see cref="CusumBlockScan.Create"/>).</summary>
    private readonly CusumBlockScan? _blockScan;

    private int[]? NpsRows()
    {
        const long limit = 1 << 29;
        if (_drops.Length > Lanes || _thresholds.Any(h => h >= limit))
        {
            return null;
        }

        var rows = new int[(byte.MaxValue + 2) * Lanes];
        rows.AsSpan(0, (byte.MaxValue + 1) * Lanes).Fill((int)limit);
        for (int s = 0; s <= NpsScale.MaxScore; s++)
        {
            var increments = IncrementsOf(NpsBatch.Values[s]);
            for (int j = 0; j < Lanes; j++)
            {
                long d = j < increments.Length ? increments[j] : -1;
                if (Math.Abs(d) >= limit)
                {
                    return null;
                }

                rows[s * Lanes + j] = (int)d;
            }
        }

        for (int j = 0; j < Lanes; j++)
        {
            rows[(byte.MaxValue + 1) * Lanes + j] = j < _thresholds.Length ? (int)_thresholds[j] - 1 : int.MaxValue;
        }

        return rows;
    }

    private readonly long[] _scratch;
    private readonly long[] _increments;

    /// <summary>
    /// For <see cref="AddNpsScores"/>: per byte value 0–255 a row of <see cref="Lanes"/> 32-bit lattice increments (for a score
    /// 0–10 the values <see cref="IncrementsOf"/> gives for its −1/0/+1 value, lanes beyond the drops −1; for an invalid byte
    /// 2²⁹ in every lane, which trips the threshold test so the batch can refuse it before storing anything), then one row of
    /// thresholds − 1 (unused lanes int.MaxValue); 8 KB. Null when there are more drops than lanes or an increment or threshold
    /// does not fit below 2²⁹.
    /// </summary>
    private readonly int[]? _npsRows;

    /// <summary>Lanes of one Vector256&lt;int&gt;: the CUSUMs one batch update runs side by side.</summary>
    private const int Lanes = 8;
    private readonly double _tableOrigin;
    private readonly int _tableRows;

    /// <summary>The lattice increments of <paramref name="value"/>, one per drop: a table row for an integer in the table's range, else computed.</summary>
    private ReadOnlySpan<long> IncrementsOf(double value)
    {
        double offset = value - _tableOrigin;
        if (offset >= 0 && offset < _tableRows)
        {
            int row = (int)offset;
            if (row == offset)
            {
                return new ReadOnlySpan<long>(_increments, row * _drops.Length, _drops.Length);
            }
        }

        for (int j = 0; j < _scratch.Length; j++)
        {
            _scratch[j] = CusumChain.Increment(value, _thetas[j], _logMgfs[j], _steps[j]);
        }

        return _scratch;
    }

    /// <summary>Page's CUSUM for a drop of <paramref name="drop"/> in the mean, with its threshold computed for <paramref name="averageRunLength"/>.</summary>
    /// <param name="baseline">The pre-change distribution (e.g. the baseline period's frequencies).</param>
    /// <param name="drop">The drop δ &gt; 0 to detect fastest, in mean units (NPS as −1/0/+1: 0.1 = 10 points); μ₀ − δ must exceed the smallest value.</param>
    /// <param name="averageRunLength">ARL₀: expected observations to a false alarm, ≥ 2; default 1,000,000.</param>
    /// <exception cref="ArgumentNullException"><paramref name="baseline"/> is null.</exception>
    /// <param name="estimated">
    /// <c>null</c> (default): <paramref name="baseline"/> is the known pre-change distribution and the threshold is exact for the
    /// ARL₀. Otherwise the baseline was estimated from <see cref="EstimatedBaseline.Answers"/> answers and the threshold is the
    /// guaranteed-conditional-performance one of Gandy &amp; Kvaløy (2013): h = h(p̂; p̂)·exp(c), c the bootstrap quantile of
    /// log h(p̂; p̂*) − log h(p̂*; p̂*), so that P(ARL₀ | p̂ ≥ target) ≈ <see cref="EstimatedBaseline.Guarantee"/> (see <see cref="EstimatedBaseline"/>).
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">δ is not positive and finite or too large for the values, or the ARL₀ is not finite and ≥ 2.</exception>
    public static ChangeDetector Cusum(PreChangeDistribution baseline, double drop, double averageRunLength = 1_000_000, EstimatedBaseline? estimated = null)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        Guard.Positive(drop);
        CheckDrop(baseline, drop, nameof(drop));
        CheckArl(averageRunLength);
        return Build(ChangeDetectionMethod.Cusum, baseline, averageRunLength, [drop], averageRunLength, estimated);
    }

    /// <summary>The GLR detector over a grid of drops (default: 5, 7.5, 10, 15, 20, 30 % of the value range, those the values allow; NPS: 10 to 60 points).</summary>
    /// <param name="baseline">The pre-change distribution.</param>
    /// <param name="averageRunLength">ARL₀ of the whole detector, ≥ 2; default 1,000,000.</param>
    /// <param name="drops">The grid of drops δ &gt; 0 (mean units); <c>null</c> = the default grid.</param>
    /// <exception cref="ArgumentNullException"><paramref name="baseline"/> is null.</exception>
    /// <param name="estimated">
    /// <c>null</c> (default): the baseline is known. Otherwise it was estimated from <see cref="EstimatedBaseline.Answers"/> answers and
    /// each CUSUM of the grid gets the Gandy &amp; Kvaløy (2013) guaranteed-performance threshold for its ARL₀ k × target (see
    /// <see cref="EstimatedBaseline"/>).
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">A drop is not positive and finite or too large, or the ARL₀ is not finite and ≥ 2.</exception>
    public static ChangeDetector Glr(PreChangeDistribution baseline, double averageRunLength = 1_000_000, IReadOnlyList<double>? drops = null, EstimatedBaseline? estimated = null)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        CheckArl(averageRunLength);
        double[] grid;
        if (drops is null)
        {
            double range = baseline.ValueSpan[^1] - baseline.ValueSpan[0];
            grid = new[] { 0.05, 0.075, 0.1, 0.15, 0.2, 0.3 }.Select(f => f * range)
                .Where(d => baseline.Mean - d > baseline.ValueSpan[0] + 1e-6 * range).ToArray();
            if (grid.Length == 0)
            {
                throw new ArgumentOutOfRangeException(nameof(baseline), baseline.Mean, "The baseline mean sits at the smallest value: no drop is possible.");
            }
        }
        else
        {
            grid = drops.ToArray();
            if (grid.Length == 0)
            {
                throw new ArgumentOutOfRangeException(nameof(drops), "drops must hold at least one drop size.");
            }

            for (int i = 0; i < grid.Length; i++)
            {
                if (!(double.IsFinite(grid[i]) && grid[i] > 0))
                {
                    throw new ArgumentOutOfRangeException(nameof(drops), grid[i], $"drops[{i}] must be a finite number > 0; got {Guard.Format(grid[i])}.");
                }

                CheckDrop(baseline, grid[i], nameof(drops));
            }
        }

        return Build(ChangeDetectionMethod.Glr, baseline, averageRunLength, grid, averageRunLength * grid.Length, estimated);
    }

    private static ChangeDetector Build(ChangeDetectionMethod method, PreChangeDistribution baseline, double arl, double[] drops, double arlEach, EstimatedBaseline? estimated)
    {
        var steps = new double[drops.Length];
        var thresholds = new long[drops.Length];
        GuaranteedThreshold.Bootstrap? bootstrap = null; // drawn once, on the first cache miss, for every drop
        for (int j = 0; j < drops.Length; j++)
        {
            double drop = drops[j];
            (steps[j], thresholds[j]) = ThresholdCache.Get(baseline, drop, arlEach, () =>
            {
                var (theta, logMgf) = CusumChain.Tilt(baseline.ValueSpan, baseline.ProbabilitySpan, baseline.Mean - drop);
                double step = CusumChain.Step(baseline.ValueSpan, baseline.ProbabilitySpan, theta, logMgf);
                var increments = new long[baseline.ValueSpan.Length];
                for (int k = 0; k < increments.Length; k++)
                {
                    increments[k] = CusumChain.Increment(baseline.ValueSpan[k], theta, logMgf, step);
                }

                return (step, CusumChain.Threshold(increments, baseline.ProbabilitySpan.ToArray(), arlEach, step));
            });
            if (estimated is not null)
            {
                long known = thresholds[j];
                thresholds[j] = ThresholdCache.Get(baseline, drop, arlEach,
                    () => (steps[j], GuaranteedThreshold.Adjust(bootstrap ??= new GuaranteedThreshold.Bootstrap(baseline, estimated), drop, arlEach, known)),
                    string.Create(CultureInfo.InvariantCulture, $"estimated {estimated.Answers} {estimated.Guarantee:R} {estimated.Replicates}")).Threshold;
            }
        }

        return new ChangeDetector(method, baseline, arl, drops, steps, thresholds, estimated);
    }

    private static void CheckDrop(PreChangeDistribution baseline, double drop, string paramName)
    {
        double range = baseline.ValueSpan[^1] - baseline.ValueSpan[0];
        if (!(baseline.Mean - drop > baseline.ValueSpan[0] + 1e-6 * range))
        {
            throw new ArgumentOutOfRangeException(paramName, drop,
                $"A drop of {Guard.Format(drop)} from the baseline mean {Guard.Format(baseline.Mean)} reaches the smallest value {Guard.Format(baseline.ValueSpan[0])}.");
        }
    }

    private static void CheckArl(double averageRunLength)
    {
        if (!(double.IsFinite(averageRunLength) && averageRunLength >= 2 && averageRunLength <= 1e12))
        {
            throw new ArgumentOutOfRangeException(nameof(averageRunLength), averageRunLength,
                $"averageRunLength must be a finite number of observations in [2, 1e12]; got {Guard.Format(averageRunLength)}.");
        }
    }

    /// <summary>CUSUM or GLR.</summary>
    public ChangeDetectionMethod Method { get; }

    /// <summary>The pre-change distribution.</summary>
    public PreChangeDistribution Baseline { get; }

    /// <summary>The ARL₀ asked (observations to a false alarm).</summary>
    public double AverageRunLength { get; }

    /// <summary>
    /// How the baseline was obtained: <c>null</c> = known (thresholds exact for the ARL₀); else estimated from n answers, and the
    /// thresholds guarantee the ARL₀ with the stated probability over the baseline sample (Gandy &amp; Kvaløy 2013; <see cref="EstimatedBaseline"/>).
    /// </summary>
    public EstimatedBaseline? Estimated { get; }

    /// <summary>The drop sizes monitored (one for CUSUM).</summary>
    public IReadOnlyList<double> Drops => _drops;

    /// <summary>Each drop's threshold on the log-likelihood-ratio scale (H·w).</summary>
    public IReadOnlyList<double> Thresholds => _thresholds.Select((h, j) => h * _steps[j]).ToArray();

    /// <summary>Observations so far.</summary>
    public long Count => _count;

    /// <summary>Alarms raised so far.</summary>
    public long Alarms => _alarms;

    /// <summary>The last alarm; <c>null</c> before the first.</summary>
    public ChangeAlarm? LastAlarm { get; private set; }

    /// <summary>Adds one observation; O(number of drops), allocation-free unless it raises an alarm.</summary>
    /// <param name="value">A finite observation (values outside the baseline's support are scored by the same tilt).</param>
    /// <returns>True when this observation raises an alarm (then <see cref="LastAlarm"/> describes it and the detector restarts).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN or infinite.</exception>
    public bool Add(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"value must be a finite number; got {Guard.Format(value)}.");
        }

        _count++;
        var increments = IncrementsOf(value);
        var statistics = _statistics.AsSpan();
        var runCounts = _runCounts.AsSpan(0, statistics.Length);
        var runSums = _runSums.AsSpan(0, statistics.Length);
        var thresholds = _thresholds.AsSpan(0, statistics.Length);
        increments = increments[..statistics.Length];

        // One branch-free pass over the drops (W = max(0, W + d); the run restarts when W returns to 0); the alarm is resolved
        // only when some statistic reached its threshold.
        bool reached = false;
        for (int j = 0; j < statistics.Length; j++)
        {
            long w = statistics[j] + increments[j];
            bool up = w > 0;
            statistics[j] = up ? w : 0;
            runCounts[j] = up ? runCounts[j] + 1 : 0;
            runSums[j] = up ? runSums[j] + value : 0;
            reached |= w >= thresholds[j];
        }

        return reached && ResolveAlarm();
    }

    /// <summary>Some statistic reached its threshold: the one with the largest excess H·w fires (the first on ties), the alarm is recorded and the detector restarts.</summary>
    private bool ResolveAlarm()
    {
        var statistics = _statistics;
        var thresholds = _thresholds;
        int fired = -1;
        double bestExcess = double.NegativeInfinity;
        for (int j = 0; j < statistics.Length; j++)
        {
            if (statistics[j] >= thresholds[j])
            {
                double excess = (statistics[j] - thresholds[j]) * _steps[j];
                if (excess > bestExcess)
                {
                    bestExcess = excess;
                    fired = j;
                }
            }
        }

        if (fired < 0)
        {
            return false;
        }

        LastAlarm = new ChangeAlarm(Method, _count, _count - _runCounts[fired] + 1, Baseline.Mean, _runSums[fired] / _runCounts[fired], _drops[fired]);
        _alarms++;
        Array.Clear(_statistics);
        Array.Clear(_runCounts);
        Array.Clear(_runSums);
        return true;
    }

    /// <summary>
    /// Adds one-byte 0–10 NPS answers as −1/0/+1, in order, until one raises an alarm: the same statistics, run counts, run sums,
    /// alarms and <see cref="LastAlarm"/>, bit for bit, as <see cref="Add"/> on each answer. The CUSUMs (one, or the GLR's grid of
    /// up to 8) run side by side in the 32-bit lanes of one 256-bit vector — per answer one table row added, a max with 0, a
    /// compare with the thresholds; the run counts and run sums are rebuilt at the end from each CUSUM's last return to 0, found
    /// backwards (the same additions in the same order). Whole chunks of 2,048 answers that reach no threshold are first skipped
    /// block by block (<c>CusumBlockScan</c>: one table lookup per 8 answers for CUSUM, per 4 for GLR; the same statistics
    /// exactly). O(drops) per answer,
    /// allocation-free (an alarm allocates its <see cref="ChangeAlarm"/>). Read every alarm with
    /// <c>while (detector.AddNpsScores(scores, out int used)) { Handle(detector.LastAlarm); scores = scores[used..]; }</c>.
    /// </summary>
    /// <param name="scores">Scores 0–10, one byte each.</param>
    /// <param name="consumed">How many scores were added: up to and including the alarm's, else all.</param>
    /// <returns>True when the answer at <paramref name="consumed"/> − 1 raised an alarm (then the detector has restarted).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A score is outside 0–10; nothing is added then.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool AddNpsScores(ReadOnlySpan<byte> scores, out int consumed)
    {
        if (_npsRows is null || !Vector256.IsHardwareAccelerated)
        {
            NpsBatch.Check(scores, double.NegativeInfinity, double.PositiveInfinity, nameof(scores));
            for (int t = 0; t < scores.Length; t++)
            {
                if (Add(NpsBatch.Values[scores[t]]))
                {
                    consumed = t + 1;
                    return true;
                }
            }

            consumed = scores.Length;
            return false;
        }

        int k = _drops.Length;
        Span<int> lanes = stackalloc int[Lanes];
        lanes.Clear();
        for (int j = 0; j < k; j++)
        {
            lanes[j] = (int)_statistics[j];
        }

        ref int rows = ref MemoryMarshal.GetArrayDataReference(_npsRows);
        ref byte first = ref MemoryMarshal.GetReference(scores);
        var w = Vector256.Create<int>(lanes);
        var limits = Vector256.LoadUnsafe(ref rows, (nuint)((byte.MaxValue + 1) * Lanes));
        int i = 0, length = scores.Length;
        bool alarm = false;
        var scan = _blockScan;
        while (i < length && !alarm)
        {
            // Whole chunks that raise no alarm and hold only scores 0–10 are skipped block by block (CusumBlockScan, exactly the
            // same statistics); the next chunk (or the rest) goes answer by answer.
            int end = length;
            if (scan is not null)
            {
                // A copy goes by reference, so w itself stays in a register in the per-answer loop.
                var skipped = w;
                i += scan.Skip(scores[i..], ref skipped);
                w = skipped;
                end = Math.Min(length, i + CusumBlockScan.Chunk);
            }

            for (; i < end; i++)
            {
                w = Vector256.Max(w + Vector256.LoadUnsafe(ref rows, (nuint)Unsafe.Add(ref first, i) * Lanes), Vector256<int>.Zero);
                if (Vector256.GreaterThanAny(w, limits))
                {
                    if (scores[i] > NpsScale.MaxScore)
                    {
                        throw NpsScale.OutOfRange(nameof(scores), i, scores[i]);
                    }

                    alarm = true;
                    i++;
                    break;
                }
            }
        }

        // i answers were added. Each lane's run since its last return to 0 is found backwards: while Wₜ &gt; 0, Wₜ = Wₜ₋₁ + dₜ
        // (the max with 0 did not bite), so Wₜ₋₁ = Wₜ − dₜ, down to the answer after which W was 0 (1-based index z), or to the
        // batch's start (z = 0: the run goes on from the earlier state). The run count and the run sum then follow by the same
        // additions, in the same order, as Add makes.
        for (int j = 0; j < k; j++)
        {
            long wj = w[j];
            int z = i;
            while (wj > 0 && z > 0)
            {
                wj -= Unsafe.Add(ref rows, scores[z - 1] * Lanes + j);
                z--;
            }

            _statistics[j] = w[j];
            _runCounts[j] = z > 0 ? i - z : _runCounts[j] + i;
            double sum = z > 0 ? 0 : _runSums[j];
            foreach (byte s in scores[z..i])
            {
                sum += NpsBatch.Values[s];
            }

            _runSums[j] = sum;
        }

        _count += i;
        consumed = i;
        return alarm && ResolveAlarm();
    }

    /// <summary>The versioned state as compact JSON (settings, thresholds and the running statistics; the last alarm is not kept).</summary>
    public string ToJson() => System.Text.Json.JsonSerializer.Serialize(
        new ChangeDetectorState(ChangeDetectorState.CurrentVersion, Method, [.. Baseline.ValueSpan], [.. Baseline.ProbabilitySpan], AverageRunLength,
            [.. _drops], [.. _steps], [.. _thresholds], [.. _statistics], [.. _runCounts], [.. _runSums], _count, _alarms,
            Estimated?.Answers, Estimated?.Guarantee, Estimated?.Replicates),
        MonitoringJsonContext.Default.ChangeDetectorState);

    /// <summary>Reads a detector written by <see cref="ToJson"/> (thresholds are read, not recomputed).</summary>
    /// <param name="json">The JSON document.</param>
    /// <exception cref="ArgumentException">The JSON is malformed, of an unknown version or holds an invalid field; the message names the field and value.</exception>
    public static ChangeDetector FromJson(string json)
    {
        var s = MonitoringJson.Deserialize(json, MonitoringJsonContext.Default.ChangeDetectorState);
        const string type = nameof(ChangeDetectorState);
        StateGuard.Version(s.Version, ChangeDetectorState.CurrentVersion, type);
        if (!Enum.IsDefined(s.Method))
        {
            throw StateGuard.Invalid(type, nameof(s.Method), $"{s.Method} is not a ChangeDetectionMethod.");
        }

        var values = StateGuard.Required(s.Values, type, nameof(s.Values));
        var probabilities = StateGuard.Required(s.Probabilities, type, nameof(s.Probabilities));
        StateGuard.SameLength(values.Length, probabilities.Length, type, nameof(s.Values), nameof(s.Probabilities));
        if (values.Length < 2)
        {
            throw StateGuard.Invalid(type, nameof(s.Values), "at least two values are required.");
        }

        double total = 0;
        for (int i = 0; i < values.Length; i++)
        {
            MonitoringJson.Finite(values[i], type, $"{nameof(s.Values)}[{i}]");
            if (i > 0 && !(values[i] > values[i - 1]))
            {
                throw StateGuard.Invalid(type, $"{nameof(s.Values)}[{i}]", $"{Guard.Format(values[i])} must exceed the previous value: values increase.");
            }

            MonitoringJson.Finite(probabilities[i], type, $"{nameof(s.Probabilities)}[{i}]", positive: true);
            total += probabilities[i];
        }

        if (Math.Abs(total - 1) > 1e-9)
        {
            throw StateGuard.Invalid(type, nameof(s.Probabilities), $"they sum to {Guard.Format(total)}, not 1.");
        }

        if (!(double.IsFinite(s.AverageRunLength) && s.AverageRunLength >= 2 && s.AverageRunLength <= 1e12))
        {
            throw StateGuard.Invalid(type, nameof(s.AverageRunLength), $"{Guard.Format(s.AverageRunLength)} must lie in [2, 1e12].");
        }

        var drops = StateGuard.Required(s.Drops, type, nameof(s.Drops));
        int k = drops.Length;
        if (k == 0 || (s.Method == ChangeDetectionMethod.Cusum && k != 1))
        {
            throw StateGuard.Invalid(type, nameof(s.Drops), string.Create(CultureInfo.InvariantCulture, $"{k} drops: CUSUM has exactly one, GLR at least one."));
        }

        var steps = StateGuard.Required(s.Steps, type, nameof(s.Steps));
        var thresholds = StateGuard.Required(s.Thresholds, type, nameof(s.Thresholds));
        var statistics = StateGuard.Required(s.Statistics, type, nameof(s.Statistics));
        var runCounts = StateGuard.Required(s.RunCounts, type, nameof(s.RunCounts));
        var runSums = StateGuard.Required(s.RunSums, type, nameof(s.RunSums));
        StateGuard.SameLength(k, steps.Length, type, nameof(s.Drops), nameof(s.Steps));
        StateGuard.SameLength(k, thresholds.Length, type, nameof(s.Drops), nameof(s.Thresholds));
        StateGuard.SameLength(k, statistics.Length, type, nameof(s.Drops), nameof(s.Statistics));
        StateGuard.SameLength(k, runCounts.Length, type, nameof(s.Drops), nameof(s.RunCounts));
        StateGuard.SameLength(k, runSums.Length, type, nameof(s.Drops), nameof(s.RunSums));
        StateGuard.NonNegative(s.Count, type, nameof(s.Count));
        StateGuard.NonNegative(s.Alarms, type, nameof(s.Alarms));
        var baseline = PreChangeDistribution.FromProbabilities(values, probabilities);
        double range = values[^1] - values[0];
        for (int j = 0; j < k; j++)
        {
            MonitoringJson.Finite(drops[j], type, $"{nameof(s.Drops)}[{j}]", positive: true);
            if (!(baseline.Mean - drops[j] > values[0] + 1e-6 * range))
            {
                throw StateGuard.Invalid(type, $"{nameof(s.Drops)}[{j}]", $"{Guard.Format(drops[j])} reaches the smallest value.");
            }

            MonitoringJson.Finite(steps[j], type, $"{nameof(s.Steps)}[{j}]", positive: true);
            if (thresholds[j] < 1)
            {
                throw StateGuard.Invalid(type, $"{nameof(s.Thresholds)}[{j}]", $"{thresholds[j]} must be ≥ 1.");
            }

            if (statistics[j] < 0 || statistics[j] >= thresholds[j])
            {
                throw StateGuard.Invalid(type, $"{nameof(s.Statistics)}[{j}]", $"{statistics[j]} must lie in [0, threshold {thresholds[j]}).");
            }

            if (runCounts[j] < 0 || runCounts[j] > s.Count || (statistics[j] == 0) != (runCounts[j] == 0))
            {
                throw StateGuard.Invalid(type, $"{nameof(s.RunCounts)}[{j}]", $"{runCounts[j]} must lie in [0, Count] and be 0 exactly when the statistic is.");
            }

            MonitoringJson.Finite(runSums[j], type, $"{nameof(s.RunSums)}[{j}]");
        }

        EstimatedBaseline? estimated = null;
        if (s.BaselineAnswers is not null || s.Guarantee is not null || s.Replicates is not null)
        {
            if (s.BaselineAnswers is not long answers || s.Guarantee is not double guarantee || s.Replicates is not int replicates)
            {
                throw StateGuard.Invalid(type, nameof(s.BaselineAnswers), "baselineAnswers, guarantee and replicates are given together or not at all.");
            }

            if (answers < 2 || !(guarantee > 0 && guarantee < 1) || replicates < 50 || replicates > 100_000)
            {
                throw StateGuard.Invalid(type, nameof(s.BaselineAnswers),
                    string.Create(CultureInfo.InvariantCulture, $"answers {answers} (≥ 2), guarantee {guarantee:G} (in (0, 1)) or replicates {replicates} (in [50, 100000]) out of range."));
            }

            estimated = new EstimatedBaseline(answers, guarantee, replicates);
        }

        var detector = new ChangeDetector(s.Method, baseline, s.AverageRunLength, drops, steps, thresholds, estimated);
        statistics.CopyTo(detector._statistics, 0);
        runCounts.CopyTo(detector._runCounts, 0);
        runSums.CopyTo(detector._runSums, 0);
        detector._count = s.Count;
        detector._alarms = s.Alarms;
        return detector;
    }

    /// <summary>"Cusum (ARL₀ 1000000, 1 drop) after 5000 observations, 0 alarms".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Method} (ARL₀ {AverageRunLength:G}, {_drops.Length} drop{(_drops.Length == 1 ? "" : "s")}) after {_count} observations, {_alarms} alarm{(_alarms == 1 ? "" : "s")}");
}
