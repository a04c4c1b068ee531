using System.CommandLine;
using System.Text.Json;
using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;
using TrustMetrics.Cli.Report;
using TrustMetrics.Funnel;

namespace TrustMetrics.Cli.Funnel;

/// <summary>
/// <c>trustmetrics funnel</c>: one row per user with the furthest stage reached; stage order from <c>--stages</c> or from first
/// appearance in the file. Step and cumulative conversion with Wilson intervals, drop-off, and with <c>--variant</c> (exactly two
/// variants) the pooled two-proportion z test per step (Holm-adjusted) and overall. With <c>--group</c> every group gets what the
/// command prints for that group's rows alone (with <c>--variant</c>: its variants and their comparison too), on the whole file's
/// stage order.
/// </summary>
internal static class FunnelCommand
{
    public static Command Create(CliContext context)
    {
        var common = new CommonOptions();
        var stage = new Option<string>("--stage") { Description = "Column with each user's furthest stage reached (blank = skipped).", Required = true };
        var stages = new Option<string?>("--stages") { Description = "Stage order, comma-separated (default: order of first appearance in the file)." };
        var variant = new Option<string?>("--variant") { Description = "Variant or period column: funnels per variant; with exactly two, their comparison." };

        var command = new Command("funnel", "Journey funnel: stage-to-stage and overall conversion with Wilson intervals, drop-off, A/B comparison.");
        command.Add(common.Input);
        command.Add(stage);
        command.Add(stages);
        command.Add(variant);
        command.Add(common.Group);
        command.Add(common.Confidence);
        command.Add(common.Format);
        command.Add(common.Output);
        command.SetAction(parse =>
        {
            var request = new Request(parse.GetRequiredValue(common.Input).ToString(), parse.GetRequiredValue(stage), parse.GetValue(stages),
                parse.GetValue(variant), parse.GetValue(common.Group), parse.GetValue(common.Confidence));
            return CommandOutput.Run(() => Execute(request), common.ParseFormat(parse), parse.GetValue(common.Output), context);
        });
        return command;
    }

    private sealed record Request(string Input, string Stage, string? Stages, string? Variant, string? Group, double Confidence);

    /// <summary>One user: variant and group labels (blank cells as "(blank)") and the index of the furthest stage reached.</summary>
    private readonly record struct Row(string Variant, string Group, int Stage);

    /// <summary>A funnel, its per-variant funnels (ordinal order; empty without <c>--variant</c>) and, with exactly two variants, their comparison.</summary>
    private sealed record View(FunnelResult Result, List<(string Key, FunnelResult Result)> Variants, FunnelComparison? Comparison);

    private static CommandOutput.Result Execute(Request request)
    {
        var order = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        bool fixedOrder = request.Stages is not null;
        if (request.Stages is string given)
        {
            foreach (string name in given.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (!index.TryAdd(name, order.Count))
                {
                    throw new CommandLineException($"--stages: '{name}' is listed twice.");
                }

                order.Add(name);
            }

            if (order.Count < 2)
            {
                throw new CommandLineException("--stages needs at least two stage names.");
            }
        }

        var source = SurveySource.FromFile(request.Input);
        var rows = new List<Row>();
        long missing = 0;
        using (var table = CsvTable.Open(source))
        {
            int stageColumn = table.Column(request.Stage);
            int? variantColumn = request.Variant is null ? null : table.Column(request.Variant);
            int? groupColumn = request.Group is null ? null : table.Column(request.Group);
            var limit = request.Group is null ? null : new GroupLimit(table, request.Group);
            while (table.Read())
            {
                string name = table.Field(stageColumn);
                if (name.Length == 0)
                {
                    missing++;
                    continue;
                }

                if (!index.TryGetValue(name, out int position))
                {
                    if (fixedOrder)
                    {
                        throw InputException.AtCell(source.DisplayName, table.Line, request.Stage, name, $"is not one of --stages ({string.Join(", ", order)}).");
                    }

                    position = order.Count;
                    index[name] = position;
                    order.Add(name);
                }

                string group = Label(table, groupColumn);
                limit?.See(group);
                rows.Add(new Row(Label(table, variantColumn), group, position));
            }
        }

        if (rows.Count == 0)
        {
            throw new InputException($"{source.DisplayName}: column '{request.Stage}' has no stages (every cell is blank).");
        }

        if (order.Count < 2)
        {
            throw new InputException($"{source.DisplayName}: column '{request.Stage}' names only one stage ('{order[0]}'); a funnel needs at least two (give them with --stages).");
        }

        FunnelTally Tally(IEnumerable<int> furthest) => FunnelTally.FromFurthestStages(order, furthest.ToArray());
        var calculator = new FunnelCalculator(new TrustMetricsOptions { ConfidenceLevel = request.Confidence });

        // The overall funnel and, per group, the same computation on that group's rows alone: its funnel, its variants and, with
        // exactly two variants, their comparison. The stage order is the whole file's, so every funnel has the same stages.
        View Compute(IEnumerable<Row> some)
        {
            var result = calculator.Calculate(Tally(some.Select(r => r.Stage)));
            var byVariant = request.Variant is null ? []
                : some.GroupBy(r => r.Variant, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => (g.Key, Result: calculator.Calculate(Tally(g.Select(r => r.Stage))))).ToList();
            var compared = byVariant.Count == 2 ? calculator.Compare(byVariant[0].Result.Tally, byVariant[1].Result.Tally, request.Confidence) : null;
            return new View(result, byVariant, compared);
        }

        var overall = Compute(rows);
        var groups = request.Group is null ? []
            : rows.GroupBy(r => r.Group, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, View: Compute(g))).ToList();

        string level = Formatting.Level(request.Confidence);
        Table StageTable(string title, FunnelResult r) => new(title, ["Stage", "Reached", "Step conversion %", $"{level} CI", "Drop-off %", "Cumulative %", $"{level} CI"],
            r.Stages.Select(s => (IReadOnlyList<string>)[
                s.Name, Formatting.Count(s.Reached), s.StepConversion is { } c ? Formatting.Number(c.Value * 100, 1) : "–",
                s.StepConversion is { } c2 ? Formatting.Interval(c2.Interval.Scale(100), 1) : "–", s.DropOff is double d ? Formatting.Number(d * 100, 1) : "–",
                Formatting.Number(s.CumulativeConversion.Value * 100, 1), Formatting.Interval(s.CumulativeConversion.Interval.Scale(100), 1)]).ToList(), []);
        Table ComparisonTable(string title, View view)
        {
            var comparison = view.Comparison!;
            var rowsOut = comparison.Steps.Select(s => (IReadOnlyList<string>)[
                s.Name, Formatting.Signed(s.Test.Difference * 100, 1), Formatting.Interval(s.Test.Interval.Scale(100), 1), Formatting.Number(s.Test.Statistic, 2),
                Formatting.PValue(s.Test.PValue), Formatting.PValue(s.HolmPValue)]).ToList();
            rowsOut.Add(["Overall", Formatting.Signed(comparison.Overall.Difference * 100, 1), Formatting.Interval(comparison.Overall.Interval.Scale(100), 1),
                Formatting.Number(comparison.Overall.Statistic, 2), Formatting.PValue(comparison.Overall.PValue), "–"]);
            return new Table(title + $"{view.Variants[0].Key} − {view.Variants[1].Key}", ["Step", "Δ (points)", $"{level} CI (Newcombe)", "z", "p", "p (Holm)"], rowsOut,
                ["Pooled two-proportion z test of each step conversion; Holm adjustment across steps."]);
        }

        var tables = new List<Table> { StageTable("Funnel", overall.Result) };
        tables.AddRange(overall.Variants.Select(v => StageTable($"{request.Variant} = {v.Key}", v.Result)));
        if (overall.Comparison is not null)
        {
            tables.Add(ComparisonTable(string.Empty, overall));
        }

        if (request.Group is string groupBy)
        {
            tables.Add(GroupTable(groupBy, level, order, overall, groups));
            foreach (var (name, view) in groups.Where(g => g.View.Comparison is not null))
            {
                tables.Add(ComparisonTable($"{groupBy} = {name}: ", view));
            }
        }

        void WriteStages(Utf8JsonWriter json, FunnelResult r)
        {
            json.WriteNumber("n", r.Tally.Count);
            VocJson.Flat(json, "overallConversion", r.Overall);
            json.WriteStartArray("stages");
            foreach (var s in r.Stages)
            {
                json.WriteStartObject();
                json.WriteString("stage", s.Name);
                json.WriteNumber("reached", s.Reached);
                VocJson.Flat(json, "stepConversion", s.StepConversion);
                MetricJson.Number(json, "dropOff", s.DropOff);
                VocJson.Flat(json, "cumulativeConversion", s.CumulativeConversion);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        // "variants" and, with exactly two, "comparison": written at the top level after "variantBy" and again in each group.
        void WriteVariants(Utf8JsonWriter json, View view)
        {
            json.WriteStartArray("variants");
            foreach (var (name, result) in view.Variants)
            {
                json.WriteStartObject();
                json.WriteString("variant", name);
                WriteStages(json, result);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (view.Comparison is { } comparison)
            {
                json.WriteStartObject("comparison");
                json.WriteString("first", view.Variants[0].Key);
                json.WriteString("second", view.Variants[1].Key);
                json.WriteStartArray("steps");
                foreach (var s in comparison.Steps)
                {
                    json.WriteStartObject();
                    json.WriteString("stage", s.Name);
                    MetricJson.Difference(json, s.Test);
                    json.WriteNumber("holmPValue", s.HolmPValue);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteStartObject("overall");
                MetricJson.Difference(json, comparison.Overall);
                json.WriteEndObject();
                json.WriteEndObject();
            }
        }

        void WriteGroup(Utf8JsonWriter json, View view)
        {
            WriteStages(json, view.Result);
            if (request.Variant is not null)
            {
                WriteVariants(json, view);
            }
        }

        void WriteJson(Utf8JsonWriter json)
        {
            json.WriteStartObject();
            json.WriteString("metric", "funnel");
            json.WriteString("source", source.DisplayName);
            json.WriteNumber("missing", missing);
            WriteStages(json, overall.Result);
            if (request.Variant is not null)
            {
                json.WriteString("variantBy", request.Variant);
                WriteVariants(json, overall);
            }

            if (request.Group is not null)
            {
                MetricJson.Groups(json, request.Group, groups, WriteGroup);
            }

            json.WriteEndObject();
        }

        var summary = new List<string>
        {
            $"Source: {source.DisplayName}, furthest stage in '{request.Stage}'; stage order: {string.Join(" → ", order)}" + (fixedOrder ? string.Empty : " (first appearance)"),
            $"Users: {Formatting.Count(rows.Count)}" + (missing > 0 ? $" ({Formatting.Count(missing)} blank cells skipped)" : string.Empty)
                + (request.Variant is not null && overall.Variants.Count != 2 ? $"; {overall.Variants.Count} variants, so no pairwise comparison" : string.Empty)
                + (request.Group is not null ? $"; {groups.Count} groups by '{request.Group}'" : string.Empty),
        };
        return new CommandOutput.Result(new Document("Journey funnel", summary, tables), WriteJson);
    }

    private static string Label(CsvTable table, int? column)
    {
        string text = column is int c ? table.Field(c) : string.Empty;
        return text.Length == 0 ? GroupedTallies<int>.BlankGroup : text;
    }

    /// <summary>
    /// One row per group beside the overall one: users, the step conversion into each later stage and the overall conversion with its
    /// interval; with variants each group's row is followed by one row per variant within it.
    /// </summary>
    private static Table GroupTable(string groupBy, string level, List<string> order, View overall, List<(string Key, View View)> groups)
    {
        static IReadOnlyList<string> Cells(string label, FunnelResult r) =>
        [
            label, Formatting.Count(r.Tally.Count),
            .. r.Stages.Skip(1).Select(s => s.StepConversion is { } c ? Formatting.Number(c.Value * 100, 1) : "–"),
            Formatting.Number(r.Overall.Value * 100, 1), Formatting.Interval(r.Overall.Interval.Scale(100), 1),
        ];

        var rows = new List<IReadOnlyList<string>> { Cells("All", overall.Result) };
        foreach (var (name, view) in groups)
        {
            rows.Add(Cells(name, view.Result));
            rows.AddRange(view.Variants.Select(v => Cells($"{name} / {v.Key}", v.Result)));
        }

        return new Table($"Funnel by {groupBy}", [groupBy, "Users", .. order.Skip(1).Select(s => $"→ {s} %"), "Overall %", $"{level} CI"], rows,
            [$"Step conversion into each stage (%), and overall = last stage / first stage with its Wilson interval; stage order shared by every group."]);
    }
}
