using System.CommandLine;
using System.Text.Json;
using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;
using TrustMetrics.Funnel;

namespace TrustMetrics.Cli.Commands;

/// <summary>
/// <c>trustmetrics funnel</c>: one row per user with the furthest stage reached; stage order from <c>--stages</c> or from first
/// appearance in the file. Step and cumulative conversion with Wilson intervals, drop-off, and with <c>--variant</c> (exactly two
/// variants) the pooled two-proportion z test per step (Holm-adjusted) and overall.
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
        command.Add(common.Confidence);
        command.Add(common.Format);
        command.Add(common.Output);
        command.SetAction(parse =>
        {
            var request = new Request(parse.GetRequiredValue(common.Input).ToString(), parse.GetRequiredValue(stage), parse.GetValue(stages),
                parse.GetValue(variant), parse.GetValue(common.Confidence));
            return CommandOutput.Run(() => Execute(request), common.ParseFormat(parse), parse.GetValue(common.Output), context);
        });
        return command;
    }

    private sealed record Request(string Input, string Stage, string? Stages, string? Variant, double Confidence);

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
                    throw new InputException($"--stages: '{name}' is listed twice.");
                }

                order.Add(name);
            }

            if (order.Count < 2)
            {
                throw new InputException("--stages needs at least two stage names.");
            }
        }

        var source = SurveySource.FromFile(request.Input);
        var rows = new List<(string Variant, int Stage)>();
        long missing = 0;
        using (var table = CsvTable.Open(source))
        {
            int stageColumn = table.Column(request.Stage);
            int? variantColumn = request.Variant is null ? null : table.Column(request.Variant);
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

                string v = variantColumn is int vc ? table.Field(vc) : string.Empty;
                rows.Add((v.Length == 0 ? GroupedTallies<int>.BlankGroup : v, position));
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
        var overall = calculator.Calculate(Tally(rows.Select(r => r.Stage)));
        var variants = request.Variant is null ? []
            : rows.GroupBy(r => r.Variant, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (g.Key, Result: calculator.Calculate(Tally(g.Select(r => r.Stage))))).ToList();
        FunnelComparison? comparison = variants.Count == 2 ? calculator.Compare(variants[0].Result.Tally, variants[1].Result.Tally, request.Confidence) : null;

        string level = Formatting.Level(request.Confidence);
        Table StageTable(string title, FunnelResult r) => new(title, ["Stage", "Reached", "Step conversion %", $"{level} CI", "Drop-off %", "Cumulative %", $"{level} CI"],
            r.Stages.Select(s => (IReadOnlyList<string>)[
                s.Name, Formatting.Count(s.Reached), s.StepConversion is { } c ? Formatting.Number(c.Value * 100, 1) : "–",
                s.StepConversion is { } c2 ? Formatting.Interval(c2.Interval.Scale(100), 1) : "–", s.DropOff is double d ? Formatting.Number(d * 100, 1) : "–",
                Formatting.Number(s.CumulativeConversion.Value * 100, 1), Formatting.Interval(s.CumulativeConversion.Interval.Scale(100), 1)]).ToList(), []);
        var tables = new List<Table> { StageTable("Funnel", overall) };
        tables.AddRange(variants.Select(v => StageTable($"{request.Variant} = {v.Key}", v.Result)));
        if (comparison is not null)
        {
            var rowsOut = comparison.Steps.Select(s => (IReadOnlyList<string>)[
                s.Name, Formatting.Signed(s.Test.Difference * 100, 1), Formatting.Interval(s.Test.Interval.Scale(100), 1), Formatting.Number(s.Test.Statistic, 2),
                Formatting.PValue(s.Test.PValue), Formatting.PValue(s.HolmPValue)]).ToList();
            rowsOut.Add(["Overall", Formatting.Signed(comparison.Overall.Difference * 100, 1), Formatting.Interval(comparison.Overall.Interval.Scale(100), 1),
                Formatting.Number(comparison.Overall.Statistic, 2), Formatting.PValue(comparison.Overall.PValue), "–"]);
            tables.Add(new Table($"{variants[0].Key} − {variants[1].Key}", ["Step", "Δ (points)", $"{level} CI (Newcombe)", "z", "p", "p (Holm)"], rowsOut,
                ["Pooled two-proportion z test of each step conversion; Holm adjustment across steps."]));
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

        void WriteJson(Utf8JsonWriter json)
        {
            json.WriteStartObject();
            json.WriteString("metric", "funnel");
            json.WriteString("source", source.DisplayName);
            json.WriteNumber("missing", missing);
            WriteStages(json, overall);
            if (request.Variant is not null)
            {
                json.WriteString("variantBy", request.Variant);
                json.WriteStartArray("variants");
                foreach (var (name, result) in variants)
                {
                    json.WriteStartObject();
                    json.WriteString("variant", name);
                    WriteStages(json, result);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                if (comparison is not null)
                {
                    json.WriteStartObject("comparison");
                    json.WriteString("first", variants[0].Key);
                    json.WriteString("second", variants[1].Key);
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

            json.WriteEndObject();
        }

        var summary = new List<string>
        {
            $"Source: {source.DisplayName}, furthest stage in '{request.Stage}'; stage order: {string.Join(" → ", order)}" + (fixedOrder ? string.Empty : " (first appearance)"),
            $"Users: {Formatting.Count(rows.Count)}" + (missing > 0 ? $" ({Formatting.Count(missing)} blank cells skipped)" : string.Empty)
                + (request.Variant is not null && variants.Count != 2 ? $"; {variants.Count} variants, so no pairwise comparison" : string.Empty),
        };
        return new CommandOutput.Result(new Document("Journey funnel", summary, tables), WriteJson);
    }
}
