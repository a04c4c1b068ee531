using TrustMetrics.Presentation;

namespace TrustMetrics.Churn;

/// <summary>
/// One acquisition cohort of a <see cref="CohortTable"/>: the customers whose Start falls in the period
/// [<see cref="Start"/>, <see cref="LastDay"/>], with one cell per age that has happened for every member. Cell k exists when
/// <c>LastDay + k periods ≤ as-of date</c>; later cells have not happened yet and are absent (empty, not zero).
/// </summary>
public sealed class CohortRow
{
    internal CohortRow(DateOnly start, DateOnly lastDay, bool isComplete, long size, CohortCell[] cells)
    {
        Start = start;
        LastDay = lastDay;
        IsComplete = isComplete;
        Size = size;
        Cells = Array.AsReadOnly(cells);
    }

    /// <summary>First day of the acquisition period.</summary>
    public DateOnly Start { get; }

    /// <summary>Last day of the acquisition period.</summary>
    public DateOnly LastDay { get; }

    /// <summary>False when the acquisition period itself is not over on the as-of date (the cohort may still grow).</summary>
    public bool IsComplete { get; }

    /// <summary>Customers acquired in the period.</summary>
    public long Size { get; }

    /// <summary>Cells for ages 0, 1, …, Cells.Count − 1 in order (index = age).</summary>
    public IReadOnlyList<CohortCell> Cells { get; }

    /// <summary>The oldest observed age (Cells.Count − 1).</summary>
    internal int MaxAge => Cells.Count - 1;

    /// <summary>The cell at <paramref name="age"/>, or null when that age has not happened yet for the whole cohort.</summary>
    /// <param name="age">Periods since acquisition, ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="age"/> is negative.</exception>
    public CohortCell? Cell(int age)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(age);
        return age < Cells.Count ? Cells[age] : null;
    }

    /// <summary>"cohort 2025-01-01: 183 customers, 40.4% retained at age 17" ("(period still running)" when incomplete), invariant culture.</summary>
    public override string ToString() =>
        $"cohort {InvariantText.Date(Start)}: {InvariantText.Count(Size)} customers" +
        (Cells.Count > 0 ? $", {InvariantText.Percent(Cells[^1].Retention.Value)} retained at age {InvariantText.Count(MaxAge)}" : "") +
        (IsComplete ? "" : " (period still running)");
}
