using System.Globalization;
using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;
using TrustMetrics.Cli.Report;
using TrustMetrics.TrustIndex;

namespace TrustMetrics.Cli.TrustIndex;

/// <summary>
/// Reads the trust-index CSV into a <see cref="TrustSurvey"/>: the model's item columns (blank = not answered; otherwise a number
/// on the scale), optional group, outcome and period columns. Every bad cell stops with file, line, column and value.
/// </summary>
internal static class TrustIndexInput
{
    public sealed record Data(TrustSurvey Survey, IReadOnlyList<TrustDimension> Dimensions, string[]? Periods);

    /// <summary>Parses <c>name=item1,item2</c> specifications; null when the text is malformed.</summary>
    public static TrustDimension? ParseDimension(string text)
    {
        int eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            return null;
        }

        string name = text[..eq].Trim();
        var items = text[(eq + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return name.Length == 0 || items.Length == 0 ? null : new TrustDimension(name, items);
    }

    public static Data Read(SurveySource source, IReadOnlyList<TrustDimension>? dimensions, int scaleMin, int scaleMax, string? group, string? outcome, string? period)
    {
        using var table = CsvTable.Open(source);
        var model = dimensions is { Count: > 0 } ? Resolve(table, dimensions) : Defaults(table);
        var columns = model.SelectMany(d => d.Items).Distinct(StringComparer.Ordinal).ToArray();
        var indices = columns.Select(table.Column).ToArray();
        int? groupColumn = group is null ? null : table.Column(group);
        var limit = group is null ? null : new GroupLimit(table, group);
        int? outcomeColumn = outcome is null ? null : table.Column(outcome);
        int? periodColumn = period is null ? null : table.Column(period);

        var values = new List<double>();
        var groups = groupColumn is null ? null : new List<string>();
        var outcomes = outcomeColumn is null ? null : new List<double>();
        var periods = periodColumn is null ? null : new List<string>();
        while (table.Read())
        {
            for (int i = 0; i < indices.Length; i++)
            {
                values.Add(Answer(table, indices[i], columns[i], scaleMin, scaleMax));
            }

            if (groupColumn is int g)
            {
                string label = table.Field(g);
                limit!.See(label);
                groups!.Add(label.Length == 0 ? GroupedTallies<int>.BlankGroup : label);
            }

            if (outcomeColumn is int o)
            {
                outcomes!.Add(Number(table, o, outcome!));
            }

            if (periodColumn is int p)
            {
                string label = table.Field(p);
                periods!.Add(label.Length == 0 ? GroupedTallies<int>.BlankGroup : label);
            }
        }

        if (values.Count == 0)
        {
            throw new InputException($"{source.DisplayName}: the file has a header but no data rows.");
        }

        var survey = new TrustSurvey(columns, values.ToArray(), groups, outcomes is null ? default : outcomes.ToArray(), outcome ?? "outcome");
        return new Data(survey, model, periods?.ToArray());
    }

    /// <summary>Dimensions with item names as written in the header (so "T1" finds "t1").</summary>
    private static List<TrustDimension> Resolve(CsvTable table, IReadOnlyList<TrustDimension> dimensions) =>
        dimensions.Select(d => new TrustDimension(d.Name, d.Items.Select(item => table.Columns[table.Column(item)]).ToArray())).ToList();

    /// <summary>The five default drivers, each with the columns &lt;driver&gt;1, &lt;driver&gt;2, … present in the file (consecutive from 1).</summary>
    private static List<TrustDimension> Defaults(CsvTable table)
    {
        var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string column in table.Columns)
        {
            byName.TryAdd(column.Trim(), column);
        }

        var model = new List<TrustDimension>();
        foreach (string driver in TrustDrivers.Names)
        {
            var items = new List<string>();
            for (int i = 1; byName.TryGetValue(driver + i.ToString(CultureInfo.InvariantCulture), out string? column); i++)
            {
                items.Add(column);
            }

            if (items.Count > 0)
            {
                model.Add(new TrustDimension(driver, items));
            }
        }

        if (model.Count == 0)
        {
            throw new InputException(
                $"{table.Source.DisplayName}: no --dimension given and none of the default driver columns (transparency1, consistency1, accountability1, expertise1, empathy1, …) is in the file. Columns: {string.Join(", ", table.Columns.Select(c => $"'{c}'"))}.");
        }

        return model;
    }

    private static double Answer(CsvTable table, int column, string name, int min, int max)
    {
        var text = table.FieldSpan(column);
        if (text.IsEmpty)
        {
            return double.NaN;
        }

        if (!Numbers.TryParse(text, out double value))
        {
            throw InputException.AtCell(table.Source.DisplayName, table.Line, name, text.ToString(), "is not a number (an answer on the scale, or blank for not answered)." + Numbers.Hint(text));
        }

        if (value < min || value > max)
        {
            throw InputException.AtCell(table.Source.DisplayName, table.Line, name, text.ToString(), $"is outside the scale {min}–{max}.");
        }

        return value;
    }

    private static double Number(CsvTable table, int column, string name)
    {
        var text = table.FieldSpan(column);
        if (text.IsEmpty)
        {
            return double.NaN;
        }

        if (!Numbers.TryParse(text, out double value))
        {
            throw InputException.AtCell(table.Source.DisplayName, table.Line, name, text.ToString(), "is not a number (the outcome; blank = missing)." + Numbers.Hint(text));
        }

        return value;
    }
}
