using System.Numerics;
using System.Runtime.InteropServices;
using TrustMetrics.Serialization;

namespace TrustMetrics.Nps;

/// <summary>
/// Counts of detractors, passives and promoters: the sufficient statistic of NPS. Tallies merge by addition, so
/// tallies of partitions (shards, days, files) added together equal the tally of the whole — build them anywhere, combine later
/// (<see cref="Merge"/>, <c>+</c>), store them as JSON (<see cref="ToJson"/>, <see cref="FromJson"/>). Counts are never negative:
/// the constructor refuses them, and the default value is the empty tally.
/// </summary>
public readonly struct NpsTally
    : IAccumulator<NpsTally>, IEquatable<NpsTally>, IAdditionOperators<NpsTally, NpsTally, NpsTally>, IAdditiveIdentity<NpsTally, NpsTally>
{
    /// <summary>A tally of the given counts, e.g. computed in SQL (<c>COUNT(*) FILTER (WHERE score &lt;= 6)</c>, …).</summary>
    /// <param name="detractors">Responses scoring 0–6, ≥ 0.</param>
    /// <param name="passives">Responses scoring 7–8, ≥ 0.</param>
    /// <param name="promoters">Responses scoring 9–10, ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, or the total exceeds <see cref="long.MaxValue"/>; the message names the count and value.</exception>
    public NpsTally(long detractors, long passives, long promoters)
    {
        Guard.NonNegative(detractors);
        Guard.NonNegative(passives);
        Guard.NonNegative(promoters);
        if (detractors > long.MaxValue - passives || detractors + passives > long.MaxValue - promoters)
        {
            throw new ArgumentOutOfRangeException(nameof(promoters), promoters,
                $"The total {detractors} + {passives} + {promoters} exceeds {long.MaxValue}.");
        }

        Detractors = detractors;
        Passives = passives;
        Promoters = promoters;
    }

    /// <summary>Responses scoring 0–6.</summary>
    public long Detractors { get; }

    /// <summary>Responses scoring 7–8.</summary>
    public long Passives { get; }

    /// <summary>Responses scoring 9–10.</summary>
    public long Promoters { get; }

    /// <summary>The empty tally (all counts 0), same as <c>default</c>.</summary>
    public static NpsTally Empty => default;

    /// <inheritdoc cref="Empty"/>
    static NpsTally IAdditiveIdentity<NpsTally, NpsTally>.AdditiveIdentity => default;

    /// <summary>n = detractors + passives + promoters.</summary>
    public long Count => Detractors + Passives + Promoters;

    /// <summary>True when the tally holds no response (users test <c>Count == 0</c>).</summary>
    internal bool IsEmpty => Count == 0;

    /// <summary>Merges two tallies: counts add. Associative, commutative, with <see cref="Empty"/> as identity.</summary>
    /// <param name="left">A tally.</param>
    /// <param name="right">Another tally.</param>
    /// <exception cref="ArgumentOutOfRangeException">A merged count would exceed <see cref="long.MaxValue"/>.</exception>
    public static NpsTally operator +(NpsTally left, NpsTally right) =>
        new(Sum(left.Detractors, right.Detractors, "detractors"), Sum(left.Passives, right.Passives, "passives"), Sum(left.Promoters, right.Promoters, "promoters"));

    /// <summary>True when both tallies hold the same three counts.</summary>
    /// <param name="left">A tally.</param>
    /// <param name="right">Another tally.</param>
    public static bool operator ==(NpsTally left, NpsTally right) => left.Equals(right);

    /// <summary>True when the tallies differ in a count.</summary>
    /// <param name="left">A tally.</param>
    /// <param name="right">Another tally.</param>
    public static bool operator !=(NpsTally left, NpsTally right) => !left.Equals(right);

    /// <summary>Merges <paramref name="other"/> into a new tally (same as <c>+</c>).</summary>
    /// <param name="other">The tally to merge.</param>
    public NpsTally Merge(NpsTally other) => this + other;

    /// <summary>The versioned state as compact JSON: <c>{"version":1,"detractors":12,"passives":30,"promoters":58}</c>.</summary>
    public string ToJson() => System.Text.Json.JsonSerializer.Serialize(ToState(), AccumulatorJsonContext.Default.NpsTallyState);

    /// <summary>Reads a tally written by <see cref="ToJson"/>; <c>FromJson(t.ToJson()) == t</c>.</summary>
    /// <param name="json">The JSON document.</param>
    /// <exception cref="ArgumentException">The JSON is malformed, of an unknown version or holds a negative count; the message names the field and value.</exception>
    public static NpsTally FromJson(string json) => FromState(AccumulatorJson.Deserialize<NpsTallyState>(json));

    /// <inheritdoc/>
    public bool Equals(NpsTally other) => Detractors == other.Detractors && Passives == other.Passives && Promoters == other.Promoters;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is NpsTally other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Detractors, Passives, Promoters);

    /// <summary>"12 detractors, 30 passives, 58 promoters" (invariant culture).</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Detractors} detractors, {Passives} passives, {Promoters} promoters");

    /// <summary>The serialisable, versioned state of this tally (version <see cref="NpsTallyState.CurrentVersion"/>).</summary>
    internal NpsTallyState ToState() => new(NpsTallyState.CurrentVersion, Detractors, Passives, Promoters);

    /// <summary>The tally a state describes; <c>FromState(t.ToState()) == t</c>.</summary>
    /// <param name="state">A state of version <see cref="NpsTallyState.CurrentVersion"/>.</param>
    /// <exception cref="ArgumentException">The version is unknown or a count is negative; the message names the field and value.</exception>
    internal static NpsTally FromState(NpsTallyState state)
    {
        const string type = nameof(NpsTallyState);
        StateGuard.Version(state.Version, NpsTallyState.CurrentVersion, type);
        StateGuard.NonNegative(state.Detractors, type, nameof(state.Detractors));
        StateGuard.NonNegative(state.Passives, type, nameof(state.Passives));
        StateGuard.NonNegative(state.Promoters, type, nameof(state.Promoters));
        return new NpsTally(state.Detractors, state.Passives, state.Promoters);
    }

    /// <summary>This tally with one more response of <paramref name="score"/> (0–10).</summary>
    /// <param name="score">A score in 0–10.</param>
    /// <exception cref="ArgumentOutOfRangeException">The score is outside 0–10.</exception>
    public NpsTally Add(int score) => NpsScale.Classify(score) switch
    {
        NpsCategory.Detractor => new(Detractors + 1, Passives, Promoters),
        NpsCategory.Passive => new(Detractors, Passives + 1, Promoters),
        _ => new(Detractors, Passives, Promoters + 1),
    };

    private static long Sum(long a, long b, string name) => a <= long.MaxValue - b ? a + b
        : throw new ArgumentOutOfRangeException(name, $"Merging the tallies overflows the {name} count ({a} + {b}).");

    /// <summary>Counts 0–10 scores stored one per byte; vectorised, allocation-free.</summary>
    /// <param name="scores">Scores in 0–10.</param>
    /// <exception cref="ArgumentOutOfRangeException">A score is above 10; the message names its index and value.</exception>
    public static NpsTally FromScores(ReadOnlySpan<byte> scores)
    {
        long detractors = 0, promoters = 0;
        int i = 0;
        if (Vector.IsHardwareAccelerated && scores.Length >= Vector<byte>.Count)
        {
            (detractors, promoters, i) = CountVectorised(scores);
        }

        for (; i < scores.Length; i++)
        {
            byte s = scores[i];
            if (s > NpsScale.MaxScore)
            {
                throw NpsScale.OutOfRange(nameof(scores), i, s);
            }

            detractors += s <= NpsScale.MaxDetractorScore ? 1 : 0;
            promoters += s >= NpsScale.MinPromoterScore ? 1 : 0;
        }

        return new NpsTally(detractors, scores.Length - detractors - promoters, promoters);
    }

    /// <summary>Counts 0–10 scores stored as <see cref="int"/>.</summary>
    /// <param name="scores">Scores in 0–10.</param>
    /// <exception cref="ArgumentOutOfRangeException">A score is outside 0–10; the message names its index and value.</exception>
    public static NpsTally FromScores(ReadOnlySpan<int> scores)
    {
        long detractors = 0, promoters = 0;
        for (int i = 0; i < scores.Length; i++)
        {
            int s = scores[i];
            if ((uint)s > NpsScale.MaxScore)
            {
                throw NpsScale.OutOfRange(nameof(scores), i, s);
            }

            detractors += s <= NpsScale.MaxDetractorScore ? 1 : 0;
            promoters += s >= NpsScale.MinPromoterScore ? 1 : 0;
        }

        return new NpsTally(detractors, scores.Length - detractors - promoters, promoters);
    }

    /// <summary>Counts a stream of 0–10 scores in one pass without buffering it.</summary>
    /// <param name="scores">Scores in 0–10.</param>
    /// <exception cref="ArgumentNullException"><paramref name="scores"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A score is outside 0–10; the message names its position and value.</exception>
    public static NpsTally FromScores(IEnumerable<int> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        switch (scores)
        {
            case int[] array:
                return FromScores(new ReadOnlySpan<int>(array));
            case List<int> list:
                return FromScores(CollectionsMarshal.AsSpan(list));
        }

        long detractors = 0, passives = 0, promoters = 0, index = 0;
        foreach (int s in scores)
        {
            if ((uint)s > NpsScale.MaxScore)
            {
                throw NpsScale.OutOfRange(nameof(scores), index, s);
            }

            if (s <= NpsScale.MaxDetractorScore)
            {
                detractors++;
            }
            else if (s >= NpsScale.MinPromoterScore)
            {
                promoters++;
            }
            else
            {
                passives++;
            }

            index++;
        }

        return new NpsTally(detractors, passives, promoters);
    }

    /// <summary>
    /// SIMD count: per-lane byte counters are decremented by the all-ones compare masks and widened into
    /// 64-bit totals every 255 vectors, before a lane can overflow. A running lane-wise maximum (one instruction per
    /// vector) detects out-of-range bytes, which a scalar rescan locates only when one exists, so the valid-data path
    /// has no branch per element.
    /// </summary>
    private static (long Detractors, long Promoters, int Consumed) CountVectorised(ReadOnlySpan<byte> scores)
    {
        var seven = new Vector<byte>(NpsScale.MaxDetractorScore + 1);
        var eight = new Vector<byte>(NpsScale.MinPromoterScore - 1);
        var ten = new Vector<byte>(NpsScale.MaxScore);
        var bytes = MemoryMarshal.Cast<byte, Vector<byte>>(scores);
        long detractors = 0, promoters = 0;
        var largest = Vector<byte>.Zero;
        int block = 0;
        while (block < bytes.Length)
        {
            int end = Math.Min(bytes.Length, block + byte.MaxValue);
            Vector<byte> d = Vector<byte>.Zero, p = Vector<byte>.Zero;
            for (int j = block; j < end; j++)
            {
                var v = bytes[j];
                d -= Vector.LessThan(v, seven);
                p -= Vector.GreaterThan(v, eight);
                largest = Vector.Max(largest, v);
            }

            detractors += SumLanes(d);
            promoters += SumLanes(p);
            block = end;
        }

        if (Vector.GreaterThanAny(largest, ten))
        {
            for (int i = 0; i < scores.Length; i++)
            {
                if (scores[i] > NpsScale.MaxScore)
                {
                    throw NpsScale.OutOfRange(nameof(scores), i, scores[i]);
                }
            }
        }

        return (detractors, promoters, bytes.Length * Vector<byte>.Count);
    }

    private static long SumLanes(Vector<byte> counts)
    {
        Vector.Widen(counts, out Vector<ushort> low, out Vector<ushort> high);
        return Vector.Sum(low + high);
    }
}
