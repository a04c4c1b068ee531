namespace TrustMetrics.Quantiles;

/// <summary>
/// A mergeable quantile sketch after Karnin, Lang &amp; Liberty (2016), "Optimal Quantile Approximation in Streams" (FOCS), in the
/// lazy-compaction form of Apache DataSketches' KLL sketch: level h holds items of weight 2ʰ; a level over its capacity
/// max(8, ⌈k·(⅔)^(H−1−h)⌉) is sorted and every other item (odd or even by a coin flip) moves up with double weight. Memory is
/// O(k·log(n/k)); a quantile's rank is off by at most <see cref="RankErrorBound"/>·n with 99% confidence.
/// </summary>
/// <remarks>
/// Deterministic: the coin flips come from a SplitMix64 generator seeded at construction, so the same data in the same order
/// with the same seed give the same sketch. Merging two sketches of the same k gives a sketch of the concatenated data with the
/// same error guarantee (count, minimum and maximum exact). Not thread-safe. <see cref="ToJson"/> / <see cref="FromJson"/> carry
/// the whole state (levels, count, extremes, generator state): a sketch read back answers and continues identically.
/// </remarks>
public sealed class KllSketch : Serialization.IAccumulator<KllSketch>
{
    /// <summary>Default k = 200: rank error ≈ 1.65% of n for all quantiles at once (1.33% for one), 99% confidence.</summary>
    public const int DefaultK = 200;

    /// <summary>Default seed of the coin flips.</summary>
    public const ulong DefaultSeed = 0x9E3779B97F4A7C15;

    private const int MinLevelWidth = 8;

    private readonly List<List<double>> levels = [[]];
    private List<double> scratch = [];
    private ulong state;
    private int retained;
    private int[] capacities = [];
    private int totalCapacity;
    private (double[] Values, double[] Cumulative)? view;

    /// <summary>An empty sketch.</summary>
    /// <param name="k">Accuracy parameter ≥ 8 (the largest level's capacity).</param>
    /// <param name="seed">Seed of the coin flips.</param>
    /// <exception cref="ArgumentOutOfRangeException">k &lt; 8 or k &gt; 65,535.</exception>
    public KllSketch(int k = DefaultK, ulong seed = DefaultSeed)
    {
        CheckK(k, nameof(k));
        K = k;
        state = seed;
        UpdateCapacities();
    }

    /// <summary>The accuracy parameter k.</summary>
    public int K { get; }

    /// <summary>Number of values added (n).</summary>
    public long Count { get; private set; }

    /// <summary>Smallest value added (exact); NaN when empty.</summary>
    public double Min { get; private set; } = double.NaN;

    /// <summary>Largest value added (exact); NaN when empty.</summary>
    public double Max { get; private set; } = double.NaN;

    /// <summary>Number of values the sketch keeps (its memory, in doubles).</summary>
    public int RetainedCount => retained;

    /// <summary>Number of levels.</summary>
    public int LevelCount => levels.Count;

    /// <summary>The generator state (for serialisation: a sketch rebuilt with these levels and this state continues identically).</summary>
    internal ulong RandomState => state;

    /// <summary>
    /// Normalised rank error that holds for all quantiles at once with 99% confidence: 2.446/k^0.9433 (Apache DataSketches'
    /// empirical fit of the KLL bound, <c>KllSketch.getNormalizedRankError(k, true)</c>); 0.0165 for k = 200.
    /// </summary>
    public double RankErrorBound => ErrorBound(K);

    /// <summary>The normalised all-quantiles rank error 2.446/k^0.9433 of a sketch with parameter <paramref name="k"/>.</summary>
    /// <param name="k">The accuracy parameter, in [8, 65,535] like the constructor's.</param>
    /// <exception cref="ArgumentOutOfRangeException">k is outside [8, 65,535].</exception>
    public static double ErrorBound(int k)
    {
        CheckK(k, nameof(k));
        return 2.446 / Math.Pow(k, 0.9433);
    }

    private static void CheckK(int k, string paramName)
    {
        if (k < MinLevelWidth || k > ushort.MaxValue)
        {
            throw new ArgumentOutOfRangeException(paramName, k, $"k must lie in [{MinLevelWidth}, {ushort.MaxValue}]; got {k}.");
        }
    }

    /// <summary>The values of level <paramref name="level"/> (each of weight 2^level); sorted for levels above 0.</summary>
    /// <param name="level">0 ≤ level &lt; <see cref="LevelCount"/>.</param>
    internal IReadOnlyList<double> Level(int level) => levels[level];

    /// <summary>Adds one value.</summary>
    /// <param name="value">Any value but NaN.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN.</exception>
    public void Add(double value)
    {
        if (double.IsNaN(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"A NaN cannot be ranked (value number {Count}).");
        }

        if (Count == 0)
        {
            Min = Max = value;
        }
        else
        {
            Min = Math.Min(Min, value);
            Max = Math.Max(Max, value);
        }

        Count++;
        levels[0].Add(value);
        retained++;
        view = null;
        if (retained >= totalCapacity)
        {
            Compress();
        }
    }

    /// <summary>Adds values.</summary>
    /// <param name="values">Values, no NaN.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN; the message names its index.</exception>
    public void AddRange(ReadOnlySpan<double> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (double.IsNaN(values[i]))
            {
                throw new ArgumentOutOfRangeException(nameof(values), values[i], $"values[{i}] is NaN and cannot be ranked.");
            }

            Add(values[i]);
        }
    }

    /// <summary>
    /// Merges <paramref name="other"/> into this sketch and returns this sketch (the other is not changed): the sketch of both
    /// inputs with the same error guarantee. Unlike the immutable tallies, a sketch is merged in place.
    /// </summary>
    /// <param name="other">A sketch with the same k.</param>
    /// <exception cref="ArgumentException">k differs.</exception>
    public KllSketch Merge(KllSketch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.K != K)
        {
            throw new ArgumentException($"Cannot merge a sketch with k = {other.K} into one with k = {K}.", nameof(other));
        }

        if (other.Count == 0)
        {
            return this;
        }

        Min = Count == 0 ? other.Min : Math.Min(Min, other.Min);
        Max = Count == 0 ? other.Max : Math.Max(Max, other.Max);
        Count += other.Count;
        while (levels.Count < other.levels.Count)
        {
            levels.Add([]);
        }

        UpdateCapacities();
        retained += other.retained;

        levels[0].AddRange(other.levels[0]);
        for (int h = 1; h < other.levels.Count; h++)
        {
            levels[h] = MergeSorted(levels[h], other.levels[h]);
        }

        view = null;
        Compress();
        return this;
    }

    /// <summary>The sketch as compact versioned JSON (k, count, extremes, generator state and levels; NaN extremes when empty).</summary>
    public string ToJson() => Serialization.AccumulatorJson.Serialize(ToState());

    /// <summary>Reads and validates a sketch written by <see cref="ToJson"/>: it answers and continues exactly as the original.</summary>
    /// <param name="json">The JSON document.</param>
    /// <exception cref="ArgumentException">The JSON is malformed, of an unknown version or holds an invalid field (named with its value).</exception>
    public static KllSketch FromJson(string json) => FromState(Serialization.AccumulatorJson.Deserialize<KllSketchState>(json));

    /// <summary>The serialisable, versioned state of this sketch (version <see cref="KllSketchState.CurrentVersion"/>): a copy, later additions do not change it.</summary>
    internal KllSketchState ToState() =>
        new(KllSketchState.CurrentVersion, K, Count, Min, Max, state, levels.Select(level => level.ToArray()).ToArray());

    /// <summary>
    /// The sketch a state describes: it answers every query as the original did and, given the same further values, continues
    /// identically (same levels, same coin flips).
    /// </summary>
    /// <param name="state">A state of version <see cref="KllSketchState.CurrentVersion"/>.</param>
    /// <exception cref="ArgumentException">The version or k is invalid, a level is missing, holds NaN, is unsorted (above level 0) or lies outside [Min, Max], or the weights Σ 2ʰ·|level h| differ from Count; the message names the field and value.</exception>
    internal static KllSketch FromState(KllSketchState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        const string type = nameof(KllSketchState);
        Serialization.StateGuard.Version(state.Version, KllSketchState.CurrentVersion, type);
        if (state.K < MinLevelWidth || state.K > ushort.MaxValue)
        {
            throw Serialization.StateGuard.Invalid(type, nameof(state.K), $"{state.K} is not in [{MinLevelWidth}, {ushort.MaxValue}].");
        }

        var source = Serialization.StateGuard.Required(state.Levels, type, nameof(state.Levels));
        if (source.Length == 0 || source.Length > 62)
        {
            throw Serialization.StateGuard.Invalid(type, nameof(state.Levels), $"{source.Length} levels; a sketch has between 1 and 62.");
        }

        bool empty = state.Count == 0;
        if (state.Count < 0 || (!empty && !(state.Min <= state.Max)) || (empty && !(double.IsNaN(state.Min) && double.IsNaN(state.Max))))
        {
            throw Serialization.StateGuard.Invalid(type, "Count/Min/Max",
                $"Count = {state.Count}, Min = {Guard.Format(state.Min)}, Max = {Guard.Format(state.Max)}: an empty sketch has NaN extremes, a non-empty one Min ≤ Max.");
        }

        var sketch = new KllSketch(state.K, state.RandomState);
        long weight = 0;
        for (int h = 0; h < source.Length; h++)
        {
            var values = Serialization.StateGuard.Required(source[h], type, $"{nameof(state.Levels)}[{h}]");
            for (int i = 0; i < values.Length; i++)
            {
                double v = values[i];
                if (!(v >= state.Min && v <= state.Max) || (h > 0 && i > 0 && v < values[i - 1]))
                {
                    throw Serialization.StateGuard.Invalid(type, $"{nameof(state.Levels)}[{h}][{i}]",
                        $"{Guard.Format(v)} is NaN, outside [Min, Max] or out of order (levels above 0 are sorted).");
                }
            }

            weight = checked(weight + ((long)values.Length << h));
            if (h > 0)
            {
                sketch.levels.Add([]);
            }

            sketch.levels[h].AddRange(values);
        }

        if (weight != state.Count)
        {
            throw Serialization.StateGuard.Invalid(type, nameof(state.Count), $"{state.Count} differs from the levels' total weight Σ 2^h·|level h| = {weight}.");
        }

        sketch.Count = state.Count;
        sketch.Min = state.Min;
        sketch.Max = state.Max;
        sketch.retained = source.Sum(level => level.Length);
        sketch.UpdateCapacities();
        return sketch;
    }

    /// <summary>
    /// The value whose estimated rank first reaches p·n (the inverse of the estimated CDF, like type 1); p = 0 and 1 give the exact
    /// minimum and maximum.
    /// </summary>
    /// <param name="probability">p in [0, 1].</param>
    /// <exception cref="InvalidOperationException">The sketch is empty.</exception>
    public double Quantile(double probability)
    {
        Guard.Probability(probability);
        if (Count == 0)
        {
            throw new InvalidOperationException("A quantile of an empty sketch is undefined: no value was added.");
        }

        if (probability == 0)
        {
            return Min;
        }

        if (probability == 1)
        {
            return Max;
        }

        var (values, cumulative) = View();
        double target = probability * Count;
        int index = Array.BinarySearch(cumulative, target);
        index = index >= 0 ? index : ~index;
        return values[Math.Min(index, values.Length - 1)];
    }

    /// <summary>Estimated share of values ≤ <paramref name="value"/>.</summary>
    /// <param name="value">Any value but NaN.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN.</exception>
    /// <exception cref="InvalidOperationException">The sketch is empty.</exception>
    public double Rank(double value)
    {
        Guard.NotNaN(value);
        if (Count == 0)
        {
            throw new InvalidOperationException("The rank in an empty sketch is undefined: no value was added.");
        }

        var (values, cumulative) = View();
        int index = UpperBound(values, value);
        return index == 0 ? 0.0 : cumulative[index - 1] / Count;
    }

    private (double[] Values, double[] Cumulative) View()
    {
        if (view is { } cached)
        {
            return cached;
        }

        int total = RetainedCount;
        var items = new (double Value, long Weight)[total];
        int w = 0;
        for (int h = 0; h < levels.Count; h++)
        {
            long weight = 1L << h;
            foreach (double v in levels[h])
            {
                items[w++] = (v, weight);
            }
        }

        Array.Sort(items, static (a, b) => a.Value.CompareTo(b.Value));
        var values = new double[total];
        var cumulative = new double[total];
        double running = 0;
        for (int i = 0; i < total; i++)
        {
            running += items[i].Weight;
            values[i] = items[i].Value;
            cumulative[i] = running;
        }

        view = (values, cumulative);
        return view.Value;
    }

    private static int UpperBound(double[] sorted, double value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            int mid = (low + high) >>> 1;
            if (sorted[mid] <= value)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    /// <summary>Capacity of level h is max(8, ⌈k·(⅔)^depth⌉), depth = H − 1 − h; recomputed only when a level is added.</summary>
    private void UpdateCapacities()
    {
        capacities = new int[levels.Count];
        totalCapacity = 0;
        for (int h = 0; h < levels.Count; h++)
        {
            int depth = levels.Count - 1 - h;
            capacities[h] = Math.Max(MinLevelWidth, (int)Math.Ceiling(K * Math.Pow(2.0 / 3.0, depth)));
            totalCapacity += capacities[h];
        }
    }

    /// <summary>Compacts the lowest full level until the sketch fits its total capacity (DataSketches' lazy schedule).</summary>
    private void Compress()
    {
        while (retained >= totalCapacity)
        {
            // Some level is at or over its capacity whenever the total is (pigeonhole).
            int h = 0;
            while (levels[h].Count < capacities[h])
            {
                h++;
            }

            if (h + 1 == levels.Count)
            {
                levels.Add([]);
                UpdateCapacities();
            }

            CompactLevel(h);
        }
    }

    private void CompactLevel(int h)
    {
        var level = levels[h];
        if (h == 0)
        {
            level.Sort();
        }

        // An odd item stays behind (the smallest), so the promoted pairs have equal weight. The promoted items (every other one
        // from a random start) merge with the sorted level above into a scratch list that then takes its place, so steady-state
        // compaction allocates nothing.
        int start = level.Count % 2;
        int first = start + (int)(NextRandom() & 1);
        var above = levels[h + 1];
        scratch.Clear();
        int i = first, j = 0;
        while (i < level.Count && j < above.Count)
        {
            if (level[i] <= above[j])
            {
                scratch.Add(level[i]);
                i += 2;
            }
            else
            {
                scratch.Add(above[j++]);
            }
        }

        for (; i < level.Count; i += 2)
        {
            scratch.Add(level[i]);
        }

        for (; j < above.Count; j++)
        {
            scratch.Add(above[j]);
        }

        int promoted = scratch.Count - above.Count;
        retained -= level.Count - start - promoted;
        levels[h + 1] = scratch;
        above.Clear();
        scratch = above;
        level.RemoveRange(start, level.Count - start);
    }

    private static List<double> MergeSorted(List<double> a, List<double> b)
    {
        var merged = new List<double>(a.Count + b.Count);
        int i = 0, j = 0;
        while (i < a.Count && j < b.Count)
        {
            merged.Add(a[i] <= b[j] ? a[i++] : b[j++]);
        }

        while (i < a.Count)
        {
            merged.Add(a[i++]);
        }

        while (j < b.Count)
        {
            merged.Add(b[j++]);
        }

        return merged;
    }

    /// <summary>SplitMix64 (Steele, Lea &amp; Flood 2014): one 64-bit state, full period, good enough for fair coin flips.</summary>
    private ulong NextRandom()
    {
        ulong z = state += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
