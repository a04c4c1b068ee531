using TrustMetrics.Presentation;

namespace TrustMetrics.Survival;

/// <summary>
/// The one table layout of the survival step functions (Kaplan–Meier S(t), Nelson–Aalen H(t)): time, at risk, events, censored,
/// the estimate, its SE and interval, the first <see cref="ResultTable.MaxRows"/> rows, then the summary and a truncation note.
/// </summary>
internal static class StepTableRendering
{
    /// <summary>One row's cells: the step's counts and the estimate with its standard error and interval.</summary>
    public readonly record struct Step(double Time, long AtRisk, long Events, long Censored, double Value, double StandardError, double Lower, double Upper);

    public static ResultTable ToTable<T>(string title, string valueColumn, string intervalColumn, IReadOnlyList<T> rows, Func<T, Step> step,
        string summary, string property)
    {
        var table = new ResultTable(title, "time", "at risk", "events", "censored", valueColumn, "SE", intervalColumn);
        int shown = Math.Min(rows.Count, ResultTable.MaxRows);
        for (int i = 0; i < shown; i++)
        {
            var p = step(rows[i]);
            table.Row(InvariantText.Number(p.Time, "G6"), InvariantText.Count(p.AtRisk), InvariantText.Count(p.Events), InvariantText.Count(p.Censored),
                InvariantText.Number(p.Value, "0.0000"), InvariantText.Number(p.StandardError, "0.0000"),
                $"{InvariantText.Number(p.Lower, "0.0000")} to {InvariantText.Number(p.Upper, "0.0000")}");
        }

        table.Note(summary);
        return shown < rows.Count ? table.Note(ResultTable.Truncated(shown, rows.Count, property)) : table;
    }
}
