using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using TrustMetrics.Statistics;

namespace TrustMetrics.Survival;

/// <summary>
/// Harrell's concordance of a Cox fit with its standard error, as R <c>concordance(fit)</c> (survival 3.5-3, timewt "n"): over
/// comparable pairs — an event row i and a row j at risk at its time (a row censored at that very time counts as at risk; rows
/// with an event at the same time are tied in time and left out) within a stratum — C = (concordant + tied/2)/(concordant +
/// discordant + tied), concordant when the event row has the higher linear predictor, pairs weighted wᵢwⱼ. The variance is R's
/// infinitesimal jackknife Σ dfbetaᵢ²/4 with dfbetaᵢ = wᵢ·((Cᵢ − Dᵢ)/N − (S/N)·(Cᵢ + Dᵢ + Tᵢ)), Cᵢ, Dᵢ, Tᵢ the weighted
/// concordant, discordant and tied pairs row i belongs to, N the pair total and S = (C − D)/N Somers' d.
/// Counted in O(n log n) with Fenwick trees over the ranks of the linear predictor (R uses a balanced binary tree for the same
/// counts), the event side and the at-risk side on one core each; unweighted data count in integers.
/// </summary>
public sealed class CoxConcordance
{
    internal CoxConcordance(double? value, double? standardError, double concordant, double discordant, double tiedRisk)
    {
        Value = value;
        StandardError = standardError;
        Concordant = concordant;
        Discordant = discordant;
        TiedRisk = tiedRisk;
    }

    /// <summary>Harrell's C in [0, 1]; 0.5 is no discrimination. Null when no pair is comparable.</summary>
    public double? Value { get; }

    /// <summary>Standard error of C (R <c>sqrt(concordance(fit)$var)</c>); null when no pair is comparable.</summary>
    public double? StandardError { get; }

    /// <summary>Weighted number of concordant pairs.</summary>
    public double Concordant { get; }

    /// <summary>Weighted number of discordant pairs.</summary>
    public double Discordant { get; }

    /// <summary>Weighted number of pairs tied on the linear predictor.</summary>
    public double TiedRisk { get; }

    /// <summary>"C = 0.640 (SE 0.0271)" (invariant culture).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"C = {Value:0.000} (SE {StandardError:G3})");

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static CoxConcordance Compute(CoxData data, double[] eta, ParallelWork work = default)
    {
        int n = data.N;
        // Per row, its own-event pairs (I) and its at-risk pairs (J): concordant − discordant and all comparable pairs.
        var diffI = new double[n];
        var allI = new double[n];
        var diffJ = new double[n];
        var allJ = new double[n];
        double concordant = 0, discordant = 0, tied = 0;
        var w = data.Weight;
        var rank = new int[n];
        for (int s = 0; s < data.StratumCount; s++)
        {
            int b = data.StratumBegin[s], e = data.StratumBegin[s + 1];
            int size = Ranks(eta, b, e, rank, work);

            // (a) each event row's own pairs and (b) each row's pairs as the at-risk member are independent: one thread each.
            // Without weights every count is an integer: the trees hold int (half the memory traffic, the same exact sums).
            double ca = 0, da = 0, ta = 0;
            bool weighted = data.HasWeights;
            work.For(2, e - b >= 50_000, part =>
            {
                if (part == 0)
                {
                    (ca, da, ta) = weighted ? EventSide<double>(data, rank, b, e, size, diffI, allI) : EventSide<int>(data, rank, b, e, size, diffI, allI);
                }
                else if (weighted)
                {
                    RiskSide<double>(data, rank, b, e, size, diffJ, allJ);
                }
                else
                {
                    RiskSide<int>(data, rank, b, e, size, diffJ, allJ);
                }
            });
            concordant += ca;
            discordant += da;
            tied += ta;
        }

        double npair = concordant + discordant + tied;
        if (!(npair > 0))
        {
            return new CoxConcordance(null, null, concordant, discordant, tied);
        }

        double somer = (concordant - discordant) / npair;
        double variance = 0;
        for (int r = 0; r < n; r++)
        {
            double dfbeta = w[r] * (((diffI[r] + diffJ[r]) / npair) - (somer / npair * (allI[r] + allJ[r])));
            variance += dfbeta * dfbeta;
        }

        return new CoxConcordance((somer + 1) / 2, Math.Sqrt(variance / 4), concordant, discordant, tied);
    }

    /// <summary>
    /// Dense ranks (1…size) of η over the sorted rows [b, e): one sort of (η, row) pairs — on large strata the two halves sorted at
    /// once and merged while ranking — no hashing. The ranks depend only on the sorted values (equal values share a rank), not on
    /// how ties are ordered, so any correct sort gives the same ranks.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Ranks(double[] eta, int b, int e, int[] rank, ParallelWork work)
    {
        int len = e - b;
        var keys = eta.AsSpan(b, len).ToArray();
        var rows = new int[len];
        for (int i = 0; i < len; i++) rows[i] = b + i;
        int size = 0;
        if (len < 100_000 || !work.MayParallelize)
        {
            SortByKey(keys, rows, 0, len);
            for (int i = 0; i < len; i++)
            {
                if (i == 0 || keys[i] != keys[i - 1]) size++;
                rank[rows[i]] = size;
            }

            return size;
        }

        int half = len / 2;
        work.For(2, true, part =>
        {
            if (part == 0) SortByKey(keys, rows, 0, half);
            else SortByKey(keys, rows, half, len - half);
        });
        int a = 0, c = half;
        double previous = 0;
        while (a < half || c < len)
        {
            int k = c >= len || (a < half && keys[a] <= keys[c]) ? a++ : c++;
            if (size == 0 || keys[k] != previous) size++;
            previous = keys[k];
            rank[rows[k]] = size;
        }

        return size;
    }

    /// <summary>
    /// Sorts keys[from, from + count) ascending with rows alongside. Large ranges: a least-significant-digit radix sort (11-bit
    /// digits) of the order-preserving 64-bit image of each finite double (sign bit flipped for positives, all bits for negatives),
    /// skipping digits all keys share; O(n), no comparisons, compiled once. Small ranges: <see cref="Array.Sort{TKey, TValue}(TKey[], TValue[], int, int)"/>.
    /// The sorted keys are the same doubles, bit for bit (−0 just before +0).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SortByKey(double[] keys, int[] rows, int from, int count)
    {
        if (count < 4096)
        {
            Array.Sort(keys, rows, from, count);
            return;
        }

        const int Bits = 11, Buckets = 1 << Bits, Passes = (64 + Bits - 1) / Bits;
        const ulong Sign = 1UL << 63;
        var a = new ulong[count];
        var b = new ulong[count];
        var ra = rows.AsSpan(from, count).ToArray();
        var rb = new int[count];
        var histogram = new int[Passes * Buckets];
        for (int i = 0; i < count; i++)
        {
            ulong bits = (ulong)BitConverter.DoubleToInt64Bits(keys[from + i]);
            ulong key = (bits & Sign) != 0 ? ~bits : bits | Sign;
            a[i] = key;
            for (int d = 0; d < Passes; d++) histogram[(d * Buckets) + (int)((key >> (d * Bits)) & (Buckets - 1))]++;
        }

        for (int d = 0; d < Passes; d++)
        {
            var counts = histogram.AsSpan(d * Buckets, Buckets);
            int shift = d * Bits;
            if (counts[(int)((a[0] >> shift) & (Buckets - 1))] == count) continue; // every key has this digit: nothing moves
            int total = 0;
            for (int c = 0; c < Buckets; c++)
            {
                int n = counts[c];
                counts[c] = total;
                total += n;
            }

            for (int i = 0; i < count; i++)
            {
                ulong key = a[i];
                int to = counts[(int)((key >> shift) & (Buckets - 1))]++;
                b[to] = key;
                rb[to] = ra[i];
            }

            (a, b) = (b, a);
            (ra, rb) = (rb, ra);
        }

        for (int i = 0; i < count; i++)
        {
            ulong key = a[i];
            keys[from + i] = BitConverter.Int64BitsToDouble((long)((key & Sign) != 0 ? key & ~Sign : ~key));
        }

        ra.CopyTo(rows.AsSpan(from, count));
    }

    /// <summary>Each event row's own pairs: the rows at risk at its time t (start &lt; t, and stop &gt; t or censored at t).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (double Concordant, double Discordant, double Tied) EventSide<T>(CoxData data, int[] rank, int b, int e, int size,
        double[] diffI, double[] allI)
        where T : unmanaged, INumber<T>
    {
        var w = data.Weight;
        var atRisk = new Fenwick<T>(size);
        double concordant = 0, discordant = 0, tied = 0;
        int addPtr = e, remPtr = e;
        int s = data.RowStratum[b];
        for (int m = data.SlotBegin[s + 1] - 1; m >= data.SlotBegin[s]; m--)
        {
            double t = data.SlotTime[m];
            while (addPtr > b && (data.Stop[addPtr - 1] > t || (data.Stop[addPtr - 1] == t && data.Event[addPtr - 1] == 0)))
            {
                addPtr--;
                atRisk.Add(rank[addPtr], T.CreateTruncating(w[addPtr]));
            }

            if (data.StartOrder is { } so)
            {
                while (remPtr > b && data.Start![so[remPtr - 1]] >= t)
                {
                    remPtr--;
                    atRisk.Add(rank[so[remPtr]], -T.CreateTruncating(w[so[remPtr]]));
                }
            }

            T total = atRisk.Total;
            for (int r = data.SlotDeathBegin[m]; r < data.SlotDeathBegin[m] + data.SlotDeathCount[m]; r++)
            {
                T belowT = atRisk.Prefix(rank[r] - 1);
                T equalT = atRisk.Point(rank[r]);
                double below = double.CreateTruncating(belowT);
                double equal = double.CreateTruncating(equalT);
                double above = double.CreateTruncating(total - belowT - equalT);
                diffI[r] += below - above;
                allI[r] += below + above + equal;
                concordant += w[r] * below;
                discordant += w[r] * above;
                tied += w[r] * equal;
            }
        }

        return (concordant, discordant, tied);
    }

    /// <summary>
    /// Each row's pairs as the at-risk member: the events at times in (start, stop) (or (start, stop] when censored). The queries
    /// are taken in (time, inclusive) order — the rows are already sorted by stop time with events (exclusive) before censorings
    /// (inclusive) at equal times, and the start-time queries (inclusive) come in <see cref="CoxData.StartOrder"/>, so one merge
    /// replaces a sort; queries with equal keys see the same event set, so their relative order does not matter.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RiskSide<T>(CoxData data, int[] rank, int b, int e, int size, double[] diffJ, double[] allJ)
        where T : unmanaged, INumber<T>
    {
        var w = data.Weight;
        var events = new Fenwick<T>(size);
        int s = data.RowStratum[b];
        int slot = data.SlotBegin[s], endSlot = data.SlotBegin[s + 1];
        var start = data.Start;
        var so = data.StartOrder;
        int stopPtr = b, startPtr = b;
        while (stopPtr < e || (start is not null && startPtr < e))
        {
            bool takeStop;
            if (start is null || startPtr >= e) takeStop = true;
            else if (stopPtr >= e) takeStop = false;
            else
            {
                double ts = data.Stop[stopPtr], tb = start[so![startPtr]];
                takeStop = ts < tb || (ts == tb && data.Event[stopPtr] != 0);
            }

            int row;
            double time, sign;
            bool inclusive;
            if (takeStop)
            {
                row = stopPtr++;
                time = data.Stop[row];
                inclusive = data.Event[row] == 0;
                sign = 1;
            }
            else
            {
                row = so![startPtr++];
                time = start![row];
                inclusive = true;
                sign = -1;
            }

            while (slot < endSlot && (data.SlotTime[slot] < time || (inclusive && data.SlotTime[slot] == time)))
            {
                for (int r = data.SlotDeathBegin[slot]; r < data.SlotDeathBegin[slot] + data.SlotDeathCount[slot]; r++) events.Add(rank[r], T.CreateTruncating(w[r]));
                slot++;
            }

            // The row is concordant with the events ranked above it (their η is higher), discordant with those below.
            T belowT = events.Prefix(rank[row] - 1);
            T equalT = events.Point(rank[row]);
            T aboveT = events.Total - belowT - equalT;
            double below = double.CreateTruncating(belowT), above = double.CreateTruncating(aboveT), equal = double.CreateTruncating(equalT);
            diffJ[row] += sign * (above - below);
            allJ[row] += sign * (above + below + equal);
        }
    }

    /// <summary>A Fenwick tree over ranks 1…size with the plain per-rank values beside it (one prefix walk per query).</summary>
    private sealed class Fenwick<T>(int size)
        where T : unmanaged, INumber<T>
    {
        private readonly T[] tree = new T[size + 1];
        private readonly T[] point = new T[size + 1];

        public T Total { get; private set; } = T.Zero;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(int index, T value)
        {
            Total += value;
            point[index] += value;
            var t = tree;
            for (int i = index; i < t.Length; i += i & -i) t[i] += value;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Point(int index) => point[index];

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Prefix(int index)
        {
            T s = T.Zero;
            var t = tree;
            for (int i = index; i > 0; i -= i & -i) s += t[i];
            return s;
        }
    }
}
