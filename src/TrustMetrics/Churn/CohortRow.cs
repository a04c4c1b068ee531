using TrustMetrics.Presentation;

namespace TrustMetrics.Churn;

/// <summary>
/// One acquisition cohort of a <see cref="CohortTable"/>: the customers whose Start falls in the period
/// [<see cref="Start"/>, <see cref="LastDay"/>], with one cell per age that has happened for every member. Cell k exists when
/// <c>LastDay + k periods ≤ as-of date</c>; later cells have not happened yet and are absent (empty, not zero).
/// </summary>
/// <param name="Start">First day of the acquisition period.</param>
/// <param name="LastDay">Last day of the acquisition period.</param>
/// <param name="IsComplete">False when the acquisition period itself is not over on the as-of date (the cohort may still grow).</param>
/// <param name="Size">Customers acquired in the period.</param>
/// <param name="Cells">Cells for ages 0, 1, …, <see cref="MaxAge"/> in order (index = age).</param>
public sealed record CohortRow(DateOnly Start, DateOnly LastDay, bool IsComplete, long Size, IReadOnlyList<CohortCell> Cells)
{
    /// <summary>The oldest observed age (Cells.Count − 1).</summary>
    public int MaxAge => Cells.Count - 1;

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
