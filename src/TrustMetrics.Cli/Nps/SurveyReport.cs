using System.Text.Json;
using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;
using TrustMetrics.Cli.Report;
using TrustMetrics.Cli.Scales;
using TrustMetrics.Estimation;
using TrustMetrics.Nps;
using TrustMetrics.Scales;

namespace TrustMetrics.Cli.Nps;

/// <summary>Builds the survey report in one pass over the rows: overall metrics, breakdowns and NPS period changes.</summary>
internal static class SurveyReport
{
    public const string AllGroup = ReportGroups.All;

    /// <summary>One period-over-period NPS comparison of one group.</summary>
    internal sealed record Change(string By, string Group, string From, string To, DifferenceTest Test)
    {
        public double AdjustedP { get; set; }
    }

    /// <summary>Everything the survey pass computes: the terminal report, report.json and the charts all read from it.</summary>
    internal sealed record Analysis(SurveySource Source, ReportCommand.Settings Settings, long Rows, NpsResult? Nps, ScaleMetricResult? Csat,
        ScaleMetricResult? Ces, List<string> Breakdowns, List<List<(string Key, NpsResult Result)>> NpsGroups,
        List<List<(string Key, ScaleMetricResult Result)>> CsatGroups, List<List<(string Key, ScaleMetricResult Result)>> CesGroups,
        List<Change> Changes, long[] NpsScoreCounts, List<(string By, string Group, List<(string Period, NpsResult Result)> Periods)> NpsByPeriod,
        List<ScaleChange> ScaleChanges);

    /// <summary>
    /// One period-over-period change of a group's CSAT or CES top box (% satisfied, % easy) in percentage points: the pooled
    /// two-proportion z test with Newcombe's interval, its p adjusted (Holm) over every CSAT and CES comparison together.
    /// </summary>
    internal sealed record ScaleChange(string Metric, string By, string Group, string From, string To, double Before, double After, DifferenceTest Test)
    {
        public double AdjustedP { get; set; }
    }

    public static CommandOutput.Result Build(ReportCommand.Settings settings)
    {
        var analysis = Analyze(settings.Input is null ? SurveySource.EmbeddedSample() : SurveySource.FromFile(settings.Input), settings, rows => { });
        return new CommandOutput.Result(Document(analysis, ReportLabels.English), json => WriteJson(json, analysis, extra: null));
    }

    /// <summary>One pass over the survey; <paramref name="progress"/> hears the running row count now and then.</summary>
    public static Analysis Analyze(SurveySource source, ReportCommand.Settings settings, Action<long> progress)
    {
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
        // CSAT and CES per period the same way: the inputs of the top-box changes.
        var scaleByPeriod = new Dictionary<(string Metric, string By, string Group), GroupedTallies<long[]>>();
        var npsScores = new long[NpsScale.MaxScore - NpsScale.MinScore + 1];
        long rows = 0;

        while (table.Read())
        {
            rows++;
            if ((rows & 0xFFFF) == 0)
            {
                progress(rows);
            }

            int? npsScore = npsColumn is int n ? ScoreParser.Score(table, n, settings.NpsColumn, NpsScale.MinScore, NpsScale.MaxScore) : null;
            int? csatScore = csatColumn is int c ? ScoreParser.Score(table, c, settings.CsatColumn, csat.Scale.Min, csat.Scale.Max) : null;
            int? cesScore = cesColumn is int e ? ScoreParser.Score(table, e, settings.CesColumn, ces.Scale.Min, ces.Scale.Max) : null;
            string? periodValue = periodColumn is int p ? table.Field(p) : null;

            if (npsScore is int ns)
            {
                npsAll = npsAll.Add(ns);
                npsScores[ns - NpsScale.MinScore]++;
                if (periodValue is not null)
                {
                    AddPeriod(npsByPeriod, AllGroup, AllGroup, periodValue, ns);
                }
            }

            if (csatScore is int csatAnswer)
            {
                csatAll[csatAnswer - csat.Scale.Min]++;
                AddScalePeriod(scaleByPeriod, "csat", csat, AllGroup, AllGroup, periodValue, csatAnswer);
            }

            if (cesScore is int cesAnswer)
            {
                cesAll[cesAnswer - ces.Scale.Min]++;
                AddScalePeriod(scaleByPeriod, "ces", ces, AllGroup, AllGroup, periodValue, cesAnswer);
            }

            for (int b = 0; b < breakdowns.Count; b++)
            {
                // A blank cell is the group "(blank)" everywhere: tables, trend lines and their legends.
                string group = table.Field(breakdowns[b].Index) is { Length: > 0 } cell ? cell : GroupedTallies<NpsTally>.BlankGroup;
                bool periodOfGroup = periodValue is not null && breakdowns[b].Index != periodColumn;
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
                    AddScalePeriod(scaleByPeriod, "csat", csat, breakdowns[b].Name, group, periodOfGroup ? periodValue : null, cs);
                }

                if (cesScore is int es)
                {
                    cesBy[b][group][es - ces.Scale.Min]++;
                    AddScalePeriod(scaleByPeriod, "ces", ces, breakdowns[b].Name, group, periodOfGroup ? periodValue : null, es);
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

        progress(rows);
        var byPeriod = npsByPeriod
            .OrderBy(x => x.Key.By == AllGroup ? 0 : 1).ThenBy(x => x.Key.By, StringComparer.Ordinal).ThenBy(x => x.Key.Group, StringComparer.Ordinal)
            .Select(x => (x.Key.By, x.Key.Group, x.Value.Ordered().Where(p => !p.Value.IsEmpty).Select(p => (p.Key, nps.Calculate(p.Value))).ToList()))
            .ToList();
        return new Analysis(source, settings, rows, npsResult, csatResult, cesResult, breakdowns.Select(b => b.Name).ToList(), npsGroups, csatGroups, cesGroups,
            changes, npsScores, byPeriod, ScaleChanges(csat, ces, scaleByPeriod));
    }

    /// <summary>The survey JSON of <c>report --format json</c>; <paramref name="extra"/> adds fields at the end of the object.</summary>
    public static void WriteJson(Utf8JsonWriter json, Analysis analysis, Action<Utf8JsonWriter>? extra)
    {
        var (source, settings, rows) = (analysis.Source, analysis.Settings, analysis.Rows);
        var (npsResult, csatResult, cesResult) = (analysis.Nps, analysis.Csat, analysis.Ces);
        var breakdowns = analysis.Breakdowns;
        var (npsGroups, csatGroups, cesGroups, changes) = (analysis.NpsGroups, analysis.CsatGroups, analysis.CesGroups, analysis.Changes);
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
            json.WriteString("by", breakdowns[b]);
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
        extra?.Invoke(json);
        json.WriteEndObject();
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

    private static void AddScalePeriod(Dictionary<(string, string, string), GroupedTallies<long[]>> byPeriod, string metric, ScaleMetricCalculator calculator, string by, string group,
        string? period, int score)
    {
        if (period is null)
        {
            return;
        }

        if (!byPeriod.TryGetValue((metric, by, group), out var periods))
        {
            int points = calculator.Scale.Points;
            periods = new GroupedTallies<long[]>(() => new long[points]);
            byPeriod[(metric, by, group)] = periods;
        }

        periods[period][score - calculator.Scale.Min]++;
    }

    /// <summary>Each group's CSAT and CES top box in every period against the period before, Holm-adjusted over all of them.</summary>
    private static List<ScaleChange> ScaleChanges(ScaleMetricCalculator csat, ScaleMetricCalculator ces, Dictionary<(string Metric, string By, string Group), GroupedTallies<long[]>> byPeriod)
    {
        var changes = new List<ScaleChange>();
        foreach (var ((metric, by, group), periods) in byPeriod.OrderBy(x => x.Key.Metric == "csat" ? 0 : 1).ThenBy(x => x.Key.By == AllGroup ? 0 : 1)
            .ThenBy(x => x.Key.By, StringComparer.Ordinal).ThenBy(x => x.Key.Group, StringComparer.Ordinal))
        {
            var calculator = metric == "csat" ? csat : ces;
            var ordered = periods.Ordered().Where(p => p.Value.Sum() > 0).Select(p => (p.Key, Tally: ScaleTally.FromCounts(calculator.Scale, p.Value))).ToList();
            for (int i = 1; i < ordered.Count; i++)
            {
                var (before, after) = (ordered[i - 1], ordered[i]);
                changes.Add(new ScaleChange(metric, by, group, before.Key, after.Key, calculator.Calculate(before.Tally).TopBox.Value, calculator.Calculate(after.Tally).TopBox.Value,
                    calculator.Compare(after.Tally, before.Tally).TopBox));
            }
        }

        double[] adjusted = MultipleComparisons.HolmAdjust(changes.Select(c => c.Test.PValue).ToArray());
        for (int i = 0; i < changes.Count; i++)
        {
            changes[i].AdjustedP = adjusted[i];
        }

        return changes;
    }

    private static List<(string Key, ScaleMetricResult Result)> ScaleGroups(ScaleMetricCalculator calculator, GroupedTallies<long[]> groups) =>
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

    /// <summary>The survey tables with labels in <paramref name="labels"/>' language (English gives the historical terminal text).</summary>
    public static Document Document(Analysis analysis, ReportLabels labels)
    {
        var (source, settings, rows) = (analysis.Source, analysis.Settings, analysis.Rows);
        var (npsResult, csatResult, cesResult) = (analysis.Nps, analysis.Csat, analysis.Ces);
        var breakdowns = analysis.Breakdowns;
        var (npsGroups, csatGroups, cesGroups, changes) = (analysis.NpsGroups, analysis.CsatGroups, analysis.CesGroups, analysis.Changes);
        string level = Formatting.Level(settings.Confidence);
        var overview = new List<IReadOnlyList<string>>();
        if (npsResult is not null)
        {
            overview.Add([labels["survey.npsPoints"], Formatting.Count(npsResult.Count), Formatting.Number(npsResult.Score.Value, 1), Formatting.Number(npsResult.StandardError, 1), Formatting.Interval(npsResult.Interval, 1)]);
        }

        foreach (var result in new[] { csatResult, cesResult }.OfType<ScaleMetricResult>())
        {
            string name = labels.Metric(result.Metric);
            overview.Add([$"{name} {labels.TopBox(result.Metric)}", Formatting.Count(result.Count), Formatting.Number(result.TopBox.Value, 1), Formatting.Number(result.TopBox.StandardError, 1), Formatting.Interval(result.TopBox.Interval, 1)]);
            overview.Add([labels.Format("survey.mean", name, result.Tally.Scale), Formatting.Count(result.Count), Formatting.Number(result.Mean.Value, 2), Formatting.Number(result.Mean.StandardError, 2), Formatting.Interval(result.Mean.Interval, 2)]);
        }

        string ci = labels.Format("col.ci", level);
        var tables = new List<Table>
        {
            new(labels["survey.overview"], [labels["col.metric"], "n", labels["col.value"], labels["col.se"], ci], overview,
                [labels["survey.overviewNote"]]),
        };

        for (int b = 0; b < breakdowns.Count; b++)
        {
            if (npsGroups[b].Count > 0)
            {
                tables.Add(new Table(labels.Format("survey.npsBy", breakdowns[b]),
                    [breakdowns[b], "n", labels["col.promoters"], labels["col.passives"], labels["col.detractors"], "NPS", labels["col.se"], ci],
                    npsGroups[b].Select(g => (IReadOnlyList<string>)[g.Key, Formatting.Count(g.Result.Count), Formatting.Count(g.Result.Tally.Promoters),
                        Formatting.Count(g.Result.Tally.Passives), Formatting.Count(g.Result.Tally.Detractors), Formatting.Number(g.Result.Score.Value, 1),
                        Formatting.Number(g.Result.StandardError, 1), Formatting.Interval(g.Result.Interval, 1)]).ToList(), []));
            }

            foreach (var (metric, groups) in new[] { ("csat", csatGroups[b]), ("ces", cesGroups[b]) })
            {
                if (groups.Count > 0)
                {
                    tables.Add(new Table(labels.Format("survey.scaleBy", labels.Metric(metric), breakdowns[b]),
                        [breakdowns[b], "n", labels.TopBox(metric), ci, labels["col.mean"], labels.Format("col.ciMean", level)],
                        groups.Select(g => ScaleRows.Cells(g.Key, g.Result)).ToList(), []));
                }
            }
        }

        if (changes.Count > 0)
        {
            double alpha = 1 - settings.Confidence;
            var flagged = changes.Where(c => c.Test.PValue < alpha).OrderBy(c => c.Test.PValue).ToList();
            tables.Add(new Table(labels.Format("survey.changes", settings.Period, Formatting.Number(alpha, 2)),
                [labels["col.group"], labels["col.from"], labels["col.to"], labels["col.change"], ci, "p", "Holm p", labels["col.verdict"]],
                flagged.Select(c => (IReadOnlyList<string>)[c.By == AllGroup ? AllGroup : $"{c.By} = {c.Group}", c.From, c.To,
                    Formatting.Signed(c.Test.Difference, 1), Formatting.Interval(c.Test.Interval, 1),
                    Formatting.PValue(c.Test.PValue), Formatting.PValue(c.AdjustedP),
                    c.AdjustedP < alpha ? (c.Test.Difference < 0 ? labels["verdict.drop"] : labels["verdict.rise"]) : labels["verdict.none"]]).ToList(),
                [labels.Format("survey.changesNote", changes.Count, Formatting.Number(alpha, 2))]));
        }

        var summary = new List<string>
        {
            labels.Format("summary.source", source.DisplayName),
            labels.Format("summary.rows", Formatting.Count(rows), level),
        };
        return new Document(labels["survey.heading"], summary, tables);
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
