using System.Globalization;

namespace TrustMetrics.Cli.Input;

/// <summary>Parses score and weight cells with file/line/column context for errors.</summary>
internal static class ScoreParser
{
    /// <summary>
    /// An integer score within [min, max]; null for an empty cell (not answered). "9.0" is accepted as 9; "9.5",
    /// "abc" and values off the scale are errors naming the cell.
    /// </summary>
    public static int? Score(CsvTable table, int column, string columnName, int min, int max)
    {
        var text = table.FieldSpan(column);
        if (text.IsEmpty)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int score))
        {
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double real) && real == Math.Floor(real)
                && real >= int.MinValue && real <= int.MaxValue)
            {
                score = (int)real;
            }
            else
            {
                throw InputException.AtCell(table.Source.DisplayName, table.Line, columnName, text.ToString(), "is not an integer score." + Numbers.Hint(text));
            }
        }

        if (score < min || score > max)
        {
            throw InputException.AtCell(table.Source.DisplayName, table.Line, columnName, text.ToString(), $"is outside the scale {min}–{max}.");
        }

        return score;
    }

    /// <summary>A finite, non-negative survey weight; an empty cell is an error because a weighted row without weight is ambiguous.</summary>
    public static double Weight(CsvTable table, int column, string columnName)
    {
        var text = table.FieldSpan(column);
        if (!Numbers.TryParse(text, out double weight) || weight < 0)
        {
            throw InputException.AtCell(table.Source.DisplayName, table.Line, columnName, text.ToString(),
                "is not a valid survey weight (a finite number ≥ 0)." + Numbers.Hint(text));
        }

        return weight;
    }

    /// <summary>A finite, non-negative duration (any unit); blank and non-numeric cells are errors naming the cell.</summary>
    public static double Duration(CsvTable table, int column, string columnName)
    {
        var text = table.FieldSpan(column);
        if (!Numbers.TryParse(text, out double duration) || duration < 0)
        {
            throw InputException.AtCell(table.Source.DisplayName, table.Line, columnName, text.ToString(), "is not a valid duration (a finite number ≥ 0)." + Numbers.Hint(text));
        }

        return duration;
    }

    /// <summary>An event flag: 1/true = the event (churn) happened, 0/false = censored (still active); anything else is an error.</summary>
    public static bool EventFlag(CsvTable table, int column, string columnName)
    {
        var text = table.FieldSpan(column);
        if (text is "1" || text.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (text is "0" || text.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        throw InputException.AtCell(table.Source.DisplayName, table.Line, columnName, text.ToString(), "is not an event flag (1 = churned, 0 = censored; true/false also accepted).");
    }
}
