using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using TrustMetrics.Serialization;

namespace TrustMetrics.Nps;

/// <summary>
/// The 3×3 transition table of a panel answering NPS twice (wave 1 = before, wave 2 = after): for each pair of categories
/// (detractor 0–6, passive 7–8, promoter 9–10) the number of respondents who were in the first in wave 1 and in the second in
/// wave 2. It is the sufficient statistic of the paired NPS difference (<see cref="PairedNpsComparison"/>). Tallies of disjoint
/// sets of respondents merge by addition (<see cref="Merge"/>, <c>+</c>) and round-trip through JSON (<see cref="ToJson"/>,
/// <see cref="FromJson"/>). Counts are never negative; the default value is the empty tally.
/// </summary>
public readonly struct PairedNpsTally
    : IAccumulator<PairedNpsTally>, IEquatable<PairedNpsTally>, IAdditionOperators<PairedNpsTally, PairedNpsTally, PairedNpsTally>, IAdditiveIdentity<PairedNpsTally, PairedNpsTally>
{
    private const int Categories = 3;
    private const int Cells = Categories * Categories;
    private readonly CellCounts cells;

    private PairedNpsTally(CellCounts cells) => this.cells = cells;

    /// <summary>The empty tally (all nine counts 0), same as <c>default</c>.</summary>
    public static PairedNpsTally Empty => default;

    /// <inheritdoc cref="Empty"/>
    static PairedNpsTally IAdditiveIdentity<PairedNpsTally, PairedNpsTally>.AdditiveIdentity => default;

    /// <summary>n: respondents who answered both waves (the sum of the nine cells).</summary>
    public long Count
    {
        get
        {
            long total = 0;
            foreach (long c in (ReadOnlySpan<long>)cells)
            {
                total += c;
            }

            return total;
        }
    }

    /// <summary>The wave-1 (before) categories: the row sums of the table.</summary>
    public NpsTally Before => new(Row(0), Row(1), Row(2));

    /// <summary>The wave-2 (after) categories: the column sums of the table.</summary>
    public NpsTally After => new(Column(0), Column(1), Column(2));

    /// <summary>The tally of a 3×3 table, e.g. computed in SQL (<c>GROUP BY category1, category2</c>).</summary>
    /// <param name="counts">3×3 counts ≥ 0: row = wave-1 category, column = wave-2 category, both in the order detractor, passive, promoter (the values of <see cref="NpsCategory"/>).</param>
    /// <exception cref="ArgumentNullException"><paramref name="counts"/> is null.</exception>
    /// <exception cref="ArgumentException">The table is not 3×3.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, or the total exceeds <see cref="long.MaxValue"/>; the message names the cell and value.</exception>
    public static PairedNpsTally FromCounts(long[,] counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.GetLength(0) != Categories || counts.GetLength(1) != Categories)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The transition table must be 3×3 (detractor, passive, promoter in both waves); got {counts.GetLength(0)}×{counts.GetLength(1)}."),
                nameof(counts));
        }

        var cells = default(CellCounts);
        long total = 0;
        for (int i = 0; i < Categories; i++)
        {
            for (int j = 0; j < Categories; j++)
            {
                long c = counts[i, j];
                if (c < 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(counts), c,
                        string.Create(CultureInfo.InvariantCulture, $"counts[{i}, {j}] = {c} is negative: counts are ≥ 0."));
                }

                if (c > long.MaxValue - total)
                {
                    throw new ArgumentOutOfRangeException(nameof(counts), c,
                        string.Create(CultureInfo.InvariantCulture, $"The total of the table exceeds {long.MaxValue} at counts[{i}, {j}] = {c}."));
                }

                total += c;
                cells[(Categories * i) + j] = c;
            }
        }

        return new PairedNpsTally(cells);
    }

    /// <summary>The tally of paired 0–10 scores: respondent i answered <paramref name="before"/>[i] in wave 1 and <paramref name="after"/>[i] in wave 2.</summary>
    /// <param name="before">Wave-1 scores in 0–10.</param>
    /// <param name="after">Wave-2 scores in 0–10, as many as <paramref name="before"/>.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A score is outside 0–10; the message names its index and value.</exception>
    public static PairedNpsTally FromScores(ReadOnlySpan<int> before, ReadOnlySpan<int> after)
    {
        if (before.Length != after.Length)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"before has {before.Length} scores but after has {after.Length}: they pair one to one."), nameof(after));
        }

        var cells = default(CellCounts);
        for (int i = 0; i < before.Length; i++)
        {
            if ((uint)before[i] > NpsScale.MaxScore)
            {
                throw NpsScale.OutOfRange(nameof(before), i, before[i]);
            }

            if ((uint)after[i] > NpsScale.MaxScore)
            {
                throw NpsScale.OutOfRange(nameof(after), i, after[i]);
            }

            cells[Index(NpsScale.Classify(before[i]), NpsScale.Classify(after[i]))]++;
        }

        return new PairedNpsTally(cells);
    }

    /// <summary>Respondents in category <paramref name="before"/> in wave 1 and <paramref name="after"/> in wave 2.</summary>
    /// <param name="before">Wave-1 category.</param>
    /// <param name="after">Wave-2 category.</param>
    /// <exception cref="ArgumentOutOfRangeException">A category is not a defined <see cref="NpsCategory"/>.</exception>
    public long this[NpsCategory before, NpsCategory after]
    {
        get
        {
            Guard.Defined(before);
            Guard.Defined(after);
            return cells[Index(before, after)];
        }
    }

    /// <summary>This tally with one more respondent who scored <paramref name="before"/> in wave 1 and <paramref name="after"/> in wave 2.</summary>
    /// <param name="before">Wave-1 score in 0–10.</param>
    /// <param name="after">Wave-2 score in 0–10.</param>
    /// <exception cref="ArgumentOutOfRangeException">A score is outside 0–10, or the cell would overflow.</exception>
    public PairedNpsTally Add(int before, int after)
    {
        int index = Index(NpsScale.Classify(before), NpsScale.Classify(after));
        if (Count == long.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(after), after, $"The tally already holds {long.MaxValue} respondents.");
        }

        var copy = cells;
        copy[index]++;
        return new PairedNpsTally(copy);
    }

    /// <summary>Merges two tallies of disjoint respondents: the nine counts add. Associative, commutative, with <see cref="Empty"/> as identity.</summary>
    /// <param name="left">A tally.</param>
    /// <param name="right">Another tally.</param>
    /// <exception cref="ArgumentOutOfRangeException">The merged total would exceed <see cref="long.MaxValue"/>.</exception>
    public static PairedNpsTally operator +(PairedNpsTally left, PairedNpsTally right)
    {
        if (left.Count > long.MaxValue - right.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(right), $"Merging the tallies overflows the respondent count ({left.Count} + {right.Count}).");
        }

        var sum = left.cells;
        for (int k = 0; k < Cells; k++)
        {
            sum[k] += right.cells[k];
        }

        return new PairedNpsTally(sum);
    }

    /// <summary>True when both tallies hold the same nine counts.</summary>
    /// <param name="left">A tally.</param>
    /// <param name="right">Another tally.</param>
    public static bool operator ==(PairedNpsTally left, PairedNpsTally right) => left.Equals(right);

    /// <summary>True when the tallies differ in a count.</summary>
    /// <param name="left">A tally.</param>
    /// <param name="right">Another tally.</param>
    public static bool operator !=(PairedNpsTally left, PairedNpsTally right) => !left.Equals(right);

    /// <summary>Merges <paramref name="other"/> into a new tally (same as <c>+</c>).</summary>
    /// <param name="other">The tally to merge.</param>
    public PairedNpsTally Merge(PairedNpsTally other) => this + other;

    /// <summary>The versioned state as compact JSON: <c>{"version":1,"counts":[…nine counts, row-major…]}</c>.</summary>
    public string ToJson() => System.Text.Json.JsonSerializer.Serialize(ToState(), AccumulatorJsonContext.Default.PairedNpsTallyState);

    /// <summary>Reads a tally written by <see cref="ToJson"/>; <c>FromJson(t.ToJson()) == t</c>.</summary>
    /// <param name="json">The JSON document.</param>
    /// <exception cref="ArgumentException">The JSON is malformed, of an unknown version, lacks the counts, has other than nine or a negative count; the message names the field and value.</exception>
    public static PairedNpsTally FromJson(string json) => FromState(AccumulatorJson.Deserialize<PairedNpsTallyState>(json));

    /// <inheritdoc/>
    public bool Equals(PairedNpsTally other) => ((ReadOnlySpan<long>)cells).SequenceEqual((ReadOnlySpan<long>)other.cells);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is PairedNpsTally other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (long c in (ReadOnlySpan<long>)cells)
        {
            hash.Add(c);
        }

        return hash.ToHashCode();
    }

    /// <summary>"n = 535; before 80/145/310, after 60/120/355 (detractors/passives/promoters)" (invariant culture).</summary>
    public override string ToString()
    {
        var b = Before;
        var a = After;
        return string.Create(CultureInfo.InvariantCulture,
            $"n = {Count}; before {b.Detractors}/{b.Passives}/{b.Promoters}, after {a.Detractors}/{a.Passives}/{a.Promoters} (detractors/passives/promoters)");
    }

    /// <summary>The serialisable, versioned state (version <see cref="PairedNpsTallyState.CurrentVersion"/>).</summary>
    internal PairedNpsTallyState ToState() => new(PairedNpsTallyState.CurrentVersion, ((ReadOnlySpan<long>)cells).ToArray());

    /// <summary>The tally a state describes; <c>FromState(t.ToState()) == t</c>.</summary>
    /// <param name="state">A state of version <see cref="PairedNpsTallyState.CurrentVersion"/>.</param>
    /// <exception cref="ArgumentException">The version is unknown, the counts are missing, not nine, negative or overflow; the message names the field and value.</exception>
    internal static PairedNpsTally FromState(PairedNpsTallyState state)
    {
        const string type = nameof(PairedNpsTallyState);
        ArgumentNullException.ThrowIfNull(state);
        StateGuard.Version(state.Version, PairedNpsTallyState.CurrentVersion, type);
        var counts = StateGuard.Required(state.Counts, type, nameof(state.Counts));
        if (counts.Length != Cells)
        {
            throw StateGuard.Invalid(type, nameof(state.Counts), string.Create(CultureInfo.InvariantCulture, $"has {counts.Length} elements; the 3×3 table has 9."));
        }

        var cells = default(CellCounts);
        long total = 0;
        for (int k = 0; k < Cells; k++)
        {
            StateGuard.NonNegative(counts[k], type, nameof(state.Counts), k);
            if (counts[k] > long.MaxValue - total)
            {
                throw StateGuard.Invalid(type, nameof(state.Counts), string.Create(CultureInfo.InvariantCulture, $"the total exceeds {long.MaxValue} at element {k} = {counts[k]}."));
            }

            total += counts[k];
            cells[k] = counts[k];
        }

        return new PairedNpsTally(cells);
    }

    /// <summary>The count of cell (<paramref name="before"/>, <paramref name="after"/>) by category index 0–2 (no checks).</summary>
    internal long Cell(int before, int after) => cells[(Categories * before) + after];

    private static int Index(NpsCategory before, NpsCategory after) => (Categories * (int)before) + (int)after;

    private long Row(int i) => cells[Categories * i] + cells[(Categories * i) + 1] + cells[(Categories * i) + 2];

    private long Column(int j) => cells[j] + cells[Categories + j] + cells[(2 * Categories) + j];

    /// <summary>The nine counts stored inline (a value type: copying the tally copies them, no allocation).</summary>
    [InlineArray(Cells)]
    private struct CellCounts
    {
        private long element;
    }
}
