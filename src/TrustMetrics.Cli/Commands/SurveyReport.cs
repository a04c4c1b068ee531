using System.Text.Json;
using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;
using TrustMetrics.Estimation;
using TrustMetrics.Nps;
using TrustMetrics.Scales;

namespace TrustMetrics.Cli.Commands;

/// <summary>Builds the survey report in one pass over the rows: overall metrics, breakdowns and NPS period changes.</summary>
internal static class SurveyReport
{
    private const string AllGroup = "All";

    /// <summary>One period-over-period NPS comparison of one group.</summary>
    private sealed record Change(string By, string Group, string From, string To, DifferenceTest Test)
    {
        public double AdjustedP { get; set; }
    }

    public static CommandOutput.Result Build(ReportCommand.Settings settings)
    {
        var source = settings.Input is null ? SurveySource.EmbeddedSample() : SurveySource.FromFile(settings.Input);
        using var table = CsvTable.Open(source);
        var options = new TrustMetricsOptions { ConfidenceLevel = settings.Confidence };
        var nps = new NpsCalculator(options);
        var csat = new CsatCalculator(options);
        var ces = new CesCalculator(options);

        int? npsColumn = Optional(table, settings.NpsColumn);
        int? csatColumn = Optional(table, settings.CsatColumn);
        int? cesColumn = Optional(table, settings.CesColumn);
        if (npsColumn is null && csatColumn is null && cesColumn is null)
        {
            throw new InputException($"{source.DisplayName}: none of the columns '{settings.NpsColumn}', '{settings.CsatColumn}', '{settings.CesColumn}' exists; "
                + "name yours with --nps-column, --csat-column or --ces-column.");
        }

        var breakdowns = settings.Breakdowns(table).Select(name => (Name: name, Index: table.Column(name))).ToList();
        int? periodColumn = Optional(table, settings.Period);

        var npsAll = NpsTally.Empty;
        var csatAll = new long[csat.Scale.Points];
        var cesAll = new long[ces.Scale.Points];
        var npsBy = breakdowns.Select(_ => new GroupedTallies<NpsTally>(() => NpsTally.Empty)).ToList();
        var csatBy = breakdowns.Select(_ => new GroupedTallies<long[]>(() => new long[csat.Scale.Points])).ToList();
        var cesBy = breakdowns.Select(_ => new GroupedTallies<long[]>(() => new long[ces.Scale.Points])).ToList();
        // NPS per period, overall and per (breakdown, group): the inputs of the change table.
        var npsByPeriod = new Dictionary<(string By, string Group), GroupedTallies<NpsTally>>();
        long rows = 0;

        while (table.Read())
        {
            rows++;
            int? npsScore = npsColumn is int n ? ScoreParser.Score(table, n, settings.NpsColumn, NpsScale.MinScore, NpsScale.MaxScore) : null;
            int? csatScore = csatColumn is int c ? ScoreParser.Score(table, c, settings.CsatColumn, csat.Scale.Min, csat.Scale.Max) : null;
            int? cesScore = cesColumn is int e ? ScoreParser.Score(table, e, settings.CesColumn, ces.Scale.Min, ces.Scale.Max) : null;
            string? periodValue = periodColumn is int p ? table.Field(p) : null;

            if (npsScore is int ns)
            {
                npsAll = npsAll.Add(ns);
                if (periodValue is not null)
                {
                    AddPeriod(npsByPeriod, AllGroup, AllGroup, periodValue, ns);
                }
            }

            if (csatScore is int csatAnswer)
            {
                csatAll[csatAnswer - csat.Scale.Min]++;
            }

            if (cesScore is int cesAnswer)
            {
                cesAll[cesAnswer - ces.Scale.Min]++;
            }

            for (int b = 0; b < breakdowns.Count; b++)
            {
                string group = table.Field(breakdowns[b].Index);
                if (npsScore is int s)
                {
                    ref var tally = ref npsBy[b][group];
                    tally = tally.Add(s);
                    if (periodValue is not null && breakdowns[b].Index != periodColumn)
                    {
                        AddPeriod(npsByPeriod, breakdowns[b].Name, group, periodValue, s);
                    }
                }

                if (csatScore is int cs)
                {
                    csatBy[b][group][cs - csat.Scale.Min]++;
                }

                if (cesScore is int es)
                {
                    cesBy[b][group][es - ces.Scale.Min]++;
                }
            }
        }

        if (rows == 0)
        {
            throw new InputException($"{source.DisplayName}: the file has a header but no data rows.");
        }

        var npsResult = npsAll.IsEmpty ? null : nps.Calculate(npsAll);
        var csatResult = csatAll.Sum() == 0 ? null : csat.Calculate(ScaleTally.FromCounts(csat.Scale, csatAll));
        var cesResult = cesAll.Sum() == 0 ? null : ces.Calculate(ScaleTally.FromCounts(ces.Scale, cesAll));
        var npsGroups = npsBy.Select(g => g.Ordered().Where(x => !x.Value.IsEmpty).Select(x => (x.Key, Result: nps.Calculate(x.Value))).ToList()).ToList();
        var csatGroups = csatBy.Select(g => ScaleGroups(csat, g)).ToList();
        var cesGroups = cesBy.Select(g => ScaleGroups(ces, g)).ToList();
        var changes = Changes(nps, npsByPeriod);

        var document = Document(source, settings, rows, npsResult, csatResult, cesResult, breakdowns.Select(b => b.Name).ToList(), npsGroups, csatGroups, cesGroups, changes);

        void WriteJson(Utf8JsonWriter json)
        {
            json.WriteStartObject();
            json.WriteString("metric", "report");
            json.WriteString("source", source.DisplayName);
            json.WriteNumber("rows", rows);
            json.WriteNumber("confidenceLevel", settings.Confidence);
            if (npsResult is not null)
            {
                json.WriteStartObject("nps");
                MetricJson.Nps(json, npsResult);
                json.WriteEndObject();
            }

            WriteScale(json, "csat", csatResult);
            WriteScale(json, "ces", cesResult);
            json.WriteStartArray("breakdowns");
            for (int b = 0; b < breakdowns.Count; b++)
            {
                json.WriteStartObject();
                json.WriteString("by", breakdowns[b].Name);
                WriteGroups(json, "nps", npsGroups[b], MetricJson.Nps);
                WriteGroups(json, "csat", csatGroups[b], MetricJson.Scale);
                WriteGroups(json, "ces", cesGroups[b], MetricJson.Scale);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("npsChanges");
            foreach (var change in changes)
            {
                json.WriteStartObject();
                json.WriteString("by", change.By);
                json.WriteString("group", change.Group);
                json.WriteString("from", change.From);
                json.WriteString("to", change.To);
                MetricJson.Difference(json, change.Test);
                json.WriteNumber("holmAdjustedPValue", change.AdjustedP);
                json.WriteBoolean("significant", change.AdjustedP < 1 - settings.Confidence);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return new CommandOutput.Result(document, WriteJson);
    }

    private static int? Optional(CsvTable table, string name) =>
        table.Columns.Any(c => string.Equals(c.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase)) ? table.Column(name) : null;

    private static void AddPeriod(Dictionary<(string, string), GroupedTallies<NpsTally>> byPeriod, string by, string group, string period, int score)
    {
        if (!byPeriod.TryGetValue((by, group), out var periods))
        {
            periods = new GroupedTallies<NpsTally>(() => NpsTally.Empty);
            byPeriod[(by, group)] = periods;
        }

        ref var tally = ref periods[period];
        tally = tally.Add(score);
    }

    private static List<(string Key, ScaleMetricResult Result)> ScaleGroups(IScaleMetricCalculator calculator, GroupedTallies<long[]> groups) =>
        groups.Ordered().Where(x => x.Value.Sum() > 0).Select(x => (x.Key, calculator.Calculate(ScaleTally.FromCounts(calculator.Scale, x.Value)))).ToList();

    /// <summary>Each group's NPS in every period against the period before (adjusted Wald), with Holm-adjusted p across the whole table.</summary>
    private static List<Change> Changes(NpsCalculator nps, Dictionary<(string By, string Group), GroupedTallies<NpsTally>> byPeriod)
    {
        var changes = new List<Change>();
        foreach (var ((by, group), periods) in byPeriod.OrderBy(x => x.Key.By == AllGroup ? 0 : 1).ThenBy(x => x.Key.By, StringComparer.Ordinal).ThenBy(x => x.Key.Group, StringComparer.Ordinal))
        {
            var ordered = periods.Ordered().ToList();
            for (int i = 1; i < ordered.Count; i++)
            {
                changes.Add(new Change(by, group, ordered[i - 1].Key, ordered[i].Key, nps.Compare(ordered[i].Value, ordered[i - 1].Value)));
            }
        }

        double[] adjusted = MultipleComparisons.HolmAdjust(changes.Select(c => c.Test.PValue).ToArray());
        for (int i = 0; i < changes.Count; i++)
        {
            changes[i].AdjustedP = adjusted[i];
        }

        return changes;
    }

    private static Document Document(SurveySource source, ReportCommand.Settings settings, long rows, NpsResult? npsResult,
        ScaleMetricResult? csatResult, ScaleMetricResult? cesResult, List<string> breakdowns,
        List<List<(string Key, NpsResult Result)>> npsGroups, List<List<(string Key, ScaleMetricResult Result)>> csatGroups,
        List<List<(string Key, ScaleMetricResult Result)>> cesGroups, List<Change> changes)
    {
        string level = Formatting.Level(settings.Confidence);
        var overview = new List<IReadOnlyList<string>>();
        if (npsResult is not null)
        {
            overview.Add(["NPS (points)", Formatting.Count(npsResult.Count), Formatting.Number(npsResult.Score.Value, 1), Formatting.Number(npsResult.StandardError, 1), Formatting.Interval(npsResult.Interval, 1)]);
        }

        foreach (var result in new[] { csatResult, cesResult }.OfType<ScaleMetricResult>())
        {
            string name = result.Metric.ToUpperInvariant();
            overview.Add([$"{name} {ScaleNames.For(result.Metric).Label}", Formatting.Count(result.Count), Formatting.Number(result.TopBox.Value, 1), Formatting.Number(result.TopBox.StandardError, 1), Formatting.Interval(result.TopBox.Interval, 1)]);
            overview.Add([$"{name} mean ({result.Tally.Scale})", Formatting.Count(result.Count), Formatting.Number(result.Mean.Value, 2), Formatting.Number(result.Mean.StandardError, 2), Formatting.Interval(result.Mean.Interval, 2)]);
        }

        var tables = new List<Table>
        {
            new("Overview", ["Metric", "n", "Value", "SE", $"{level} CI"], overview,
                ["NPS: score interval (Tango); percentages: Wilson; means: Student t."]),
        };

        for (int b = 0; b < breakdowns.Count; b++)
        {
            if (npsGroups[b].Count > 0)
            {
                tables.Add(new Table($"NPS by {breakdowns[b]}", [breakdowns[b], "n", "Promoters", "Passives", "Detractors", "NPS", "SE", $"{level} CI"],
                    npsGroups[b].Select(g => (IReadOnlyList<string>)[g.Key, Formatting.Count(g.Result.Count), Formatting.Count(g.Result.Tally.Promoters),
                        Formatting.Count(g.Result.Tally.Passives), Formatting.Count(g.Result.Tally.Detractors), Formatting.Number(g.Result.Score.Value, 1),
                        Formatting.Number(g.Result.StandardError, 1), Formatting.Interval(g.Result.Interval, 1)]).ToList(), []));
            }

            foreach (var (metric, groups) in new[] { ("csat", csatGroups[b]), ("ces", cesGroups[b]) })
            {
                if (groups.Count > 0)
                {
                    tables.Add(new Table($"{metric.ToUpperInvariant()} by {breakdowns[b]}", ScaleRows.Headers(metric, breakdowns[b], settings.Confidence),
                        groups.Select(g => ScaleRows.Cells(g.Key, g.Result)).ToList(), []));
                }
            }
        }

        if (changes.Count > 0)
        {
            double alpha = 1 - settings.Confidence;
            var flagged = changes.Where(c => c.Test.PValue < alpha).OrderBy(c => c.Test.PValue).ToList();
            tables.Add(new Table($"NPS changes from one {settings.Period} to the next (p < {Formatting.Number(alpha, 2)} before adjustment)",
                ["Group", "From", "To", "Change", "SE", $"{level} CI", "p", "Holm p", "Verdict"],
                flagged.Select(c => (IReadOnlyList<string>)[c.By == AllGroup ? AllGroup : $"{c.By} = {c.Group}", c.From, c.To,
                    Formatting.Signed(c.Test.Difference, 1), Formatting.Number(c.Test.StandardError, 1), Formatting.Interval(c.Test.Interval, 1),
                    Formatting.PValue(c.Test.PValue), Formatting.PValue(c.AdjustedP),
                    c.AdjustedP < alpha ? (c.Test.Difference < 0 ? "DROP" : "RISE") : "not significant after Holm"]).ToList(),
                [$"{changes.Count} comparisons (every group, every consecutive pair of periods; adjusted-Wald difference in points); "
                    + $"Holm's adjustment controls the chance of any false alarm across all of them at {Formatting.Number(alpha, 2)}."]));
        }

        var summary = new List<string>
        {
            $"Source: {source.DisplayName}",
            $"Rows: {Formatting.Count(rows)}; confidence level {level}",
        };
        return new Document("TrustMetrics survey report", summary, tables);
    }

    private static void WriteScale(Utf8JsonWriter json, string name, ScaleMetricResult? result)
    {
        if (result is null)
        {
            return;
        }

        json.WriteStartObject(name);
        MetricJson.Scale(json, result);
        json.WriteEndObject();
    }

    private static void WriteGroups<TResult>(Utf8JsonWriter json, string name, List<(string Key, TResult Result)> groups, Action<Utf8JsonWriter, TResult> write)
    {
        json.WriteStartArray(name);
        foreach (var (group, result) in groups)
        {
            json.WriteStartObject();
            json.WriteString("group", group);
            write(json, result);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
