using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Presentation;

namespace TrustMetrics.Churn;

/// <summary>
/// Cohort retention table (survey-metrics.md §5.4): rows are acquisition cohorts (customers whose Start falls in the same
/// period), column k the share still active k whole periods after their own acquisition day; cells that have not happened yet
/// are absent, and the summary row averages each column over the cohorts that reached that age only.
/// Rows are in time order and only periods that acquired at least one customer have a row; an empty tally gives no rows.
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class CohortTable : ITabularResult
{
    internal CohortTable(ChurnPeriod period, DateOnly? asOf, CohortRow[] rows, CohortAgeSummary[] summary)
    {
        Period = period;
        AsOf = asOf;
        Rows = Array.AsReadOnly(rows);
        Summary = Array.AsReadOnly(summary);
    }

    /// <summary>The period kind of cohorts and ages.</summary>
    public ChurnPeriod Period { get; }

    /// <summary>The last day of data the table was computed to; null when the table is empty and no as-of date was given.</summary>
    public DateOnly? AsOf { get; }

    /// <summary>One row per non-empty acquisition cohort, oldest first.</summary>
    public IReadOnlyList<CohortRow> Rows { get; }

    /// <summary>One summary per age 0 … Summary.Count − 1, the oldest age observed in any cohort (index = age).</summary>
    public IReadOnlyList<CohortAgeSummary> Summary { get; }

    /// <summary>The oldest age observed in any cohort (−1 for an empty table).</summary>
    internal int MaxAge => Summary.Count - 1;

    /// <summary>"Cohort retention by month: 6 cohorts, 1,204 customers, ages 0–5, as of 2024-06-30" (invariant culture).</summary>
    public override string ToString()
    {
        long customers = 0;
        foreach (var row in Rows)
        {
            customers += row.Size;
        }

        string asOf = AsOf is { } date ? $", as of {InvariantText.Date(date)}" : "";
        return $"Cohort retention by {Period.ToString().ToLowerInvariant()}: {InvariantText.Count(Rows.Count)} cohorts, " +
            $"{InvariantText.Count(customers)} customers, ages 0–{InvariantText.Count(Math.Max(MaxAge, 0))}{asOf}";
    }

    ResultTable ITabularResult.ToTable()
    {
        int ages = Math.Min(Summary.Count, ResultTable.MaxRows);
        var headers = new string[ages + 2];
        headers[0] = "cohort";
        headers[1] = "size";
        for (int k = 0; k < ages; k++)
        {
            headers[k + 2] = InvariantText.Count(k);
        }

        var table = new ResultTable($"Cohort retention by {Period.ToString().ToLowerInvariant()}", headers);
        int shown = Math.Min(Rows.Count, ResultTable.MaxRows);
        bool anyIncomplete = false;
        for (int r = 0; r < shown; r++)
        {
            var row = Rows[r];
            anyIncomplete |= !row.IsComplete;
            var cells = new string[ages + 2];
            cells[0] = InvariantText.Date(row.Start) + (row.IsComplete ? "" : " *");
            cells[1] = InvariantText.Count(row.Size);
            for (int k = 0; k < ages; k++)
            {
                cells[k + 2] = k < row.Cells.Count ? InvariantText.Percent(row.Cells[k].Retention.Value) : "";
            }

            table.Row(cells);
        }

        var summary = new string[ages + 2];
        summary[0] = "weighted";
        summary[1] = InvariantText.Count(ages > 0 ? Summary[0].CohortSize : 0);
        for (int k = 0; k < ages; k++)
        {
            summary[k + 2] = InvariantText.Percent(Summary[k].Weighted.Value);
        }

        table.Row(summary).Note(ToString() + ". Columns are periods since acquisition; empty cells have not happened yet.");
        if (anyIncomplete)
        {
            table.Note("* The acquisition period is not over yet: the cohort may still grow.");
        }

        if (shown < Rows.Count)
        {
            table.Note(ResultTable.Truncated(shown, Rows.Count, nameof(Rows)));
        }

        return ages < Summary.Count
            ? table.Note($"Showing ages 0–{InvariantText.Count(ages - 1)} of 0–{InvariantText.Count(MaxAge)}; all cells are in {nameof(Rows)}.")
            : table;
    }
}
