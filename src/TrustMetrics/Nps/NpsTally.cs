using System.Numerics;
using System.Runtime.InteropServices;

namespace TrustMetrics.Nps;

/// <summary>
/// Counts of detractors, passives and promoters: the sufficient statistic of NPS. Tallies merge by addition, so
/// tallies of partitions (shards, days, files) added together equal the tally of the whole — build them anywhere, combine later.
/// The default value is the empty tally.
/// </summary>
/// <param name="Detractors">Responses scoring 0–6.</param>
/// <param name="Passives">Responses scoring 7–8.</param>
/// <param name="Promoters">Responses scoring 9–10.</param>
public readonly record struct NpsTally(long Detractors, long Passives, long Promoters)
    : IAdditionOperators<NpsTally, NpsTally, NpsTally>, IAdditiveIdentity<NpsTally, NpsTally>
{
    /// <summary>The empty tally (all counts 0).</summary>
    public static NpsTally Empty => default;

    /// <inheritdoc cref="Empty"/>
    public static NpsTally AdditiveIdentity => default;

    /// <summary>n = detractors + passives + promoters.</summary>
    public long Count => Detractors + Passives + Promoters;

    /// <summary>True when the tally holds no response.</summary>
    public bool IsEmpty => Count == 0;

    /// <summary>Builds a tally from validated counts.</summary>
    /// <param name="detractors">Detractor count, ≥ 0.</param>
    /// <param name="passives">Passive count, ≥ 0.</param>
    /// <param name="promoters">Promoter count, ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative.</exception>
    public static NpsTally FromCounts(long detractors, long passives, long promoters)
    {
        Guard.NonNegative(detractors);
        Guard.NonNegative(passives);
        Guard.NonNegative(promoters);
        return new NpsTally(detractors, passives, promoters);
    }

    /// <summary>Merges two tallies: counts add. Associative, commutative, with <see cref="Empty"/> as identity.</summary>
    /// <param name="left">A tally.</param>
    /// <param name="right">Another tally.</param>
    public static NpsTally operator +(NpsTally left, NpsTally right) =>
        new(checked(left.Detractors + right.Detractors), checked(left.Passives + right.Passives), checked(left.Promoters + right.Promoters));

    /// <summary>Merges <paramref name="other"/> into a new tally (same as <c>+</c>).</summary>
    /// <param name="other">The tally to merge.</param>
    public NpsTally Merge(NpsTally other) => this + other;

    /// <summary>The serialisable, versioned state of this tally (version <see cref="NpsTallyState.CurrentVersion"/>).</summary>
    public NpsTallyState ToState() => new(NpsTallyState.CurrentVersion, Detractors, Passives, Promoters);

    /// <summary>The tally a state describes; <c>FromState(t.ToState()) == t</c>.</summary>
    /// <param name="state">A state of version <see cref="NpsTallyState.CurrentVersion"/>.</param>
    /// <exception cref="ArgumentException">The version is unknown or a count is negative; the message names the field and value.</exception>
    public static NpsTally FromState(NpsTallyState state)
    {
        const string type = nameof(NpsTallyState);
        Serialization.StateGuard.Version(state.Version, NpsTallyState.CurrentVersion, type);
        Serialization.StateGuard.NonNegative(state.Detractors, type, nameof(state.Detractors));
        Serialization.StateGuard.NonNegative(state.Passives, type, nameof(state.Passives));
        Serialization.StateGuard.NonNegative(state.Promoters, type, nameof(state.Promoters));
        return new NpsTally(state.Detractors, state.Passives, state.Promoters);
    }

    /// <summary>This tally with one more response of <paramref name="score"/> (0–10).</summary>
    /// <param name="score">A score in 0–10.</param>
    /// <exception cref="ArgumentOutOfRangeException">The score is outside 0–10.</exception>
    public NpsTally Add(int score) => NpsScale.Classify(score) switch
    {
        NpsCategory.Detractor => this with { Detractors = Detractors + 1 },
        NpsCategory.Passive => this with { Passives = Passives + 1 },
        _ => this with { Promoters = Promoters + 1 },
    };

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
