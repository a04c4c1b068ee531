using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;
using TrustMetrics.Clv;
using TrustMetrics.Presentation;

namespace TrustMetrics.Cli.Clv;

/// <summary>
/// <c>trustmetrics clv segment</c>: RFM scores and named segments, model-based value tiers and mean CLV per segment with intervals
/// (<see cref="ValueSegmenter"/>; docs/clv.md §13).
/// </summary>
internal static class ClvSegmentCommand
{
    public static Command Create(CliContext context)
    {
        var input = new Option<FileInfo>("--input", "-i") { Description = "Summary CSV with customer_id,frequency,recency,T,monetary_value.", Required = true };
        var model = new Option<string>("--model", "-m") { Description = "Purchase model fitted on the input: bgnbd, mbgnbd or paretonbd.", DefaultValueFactory = _ => "bgnbd" };
        model.AcceptOnlyFromAmong("bgnbd", "mbgnbd", "paretonbd");
        var spendModel = new Option<string>("--spend-model") { Description = "Spend model: gammagamma.", DefaultValueFactory = _ => "gammagamma" };
        spendModel.AcceptOnlyFromAmong("gammagamma");
        var horizon = new Option<int>("--horizon") { Description = "CLV horizon in months.", DefaultValueFactory = _ => 12 };
        var vip = new Option<double>("--vip") { Description = "Share of customers in the VIP tier (top predicted CLV), in (0, 1].", DefaultValueFactory = _ => 0.1 };
        var discount = new Option<double>("--discount") { Description = "Monthly discount rate.", DefaultValueFactory = _ => 0.01 };
        var margin = new Option<double>("--margin") { Description = "Margin share applied to the expected spend.", DefaultValueFactory = _ => 1.0 };
        var unit = new Option<string>("--unit") { Description = "Time unit of the summary: week (4.345 per month), day (30) or month.", DefaultValueFactory = _ => "week" };
        unit.AcceptOnlyFromAmong("day", "week", "month");
        var format = new Option<string>("--format", "-f") { Description = "json, csv or text.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("json", "csv", "text");
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write the result to this file instead of standard output." };
        var command = new Command("segment", "RFM scores (5-5-5 codes, named segments), value tiers (vip, at-risk vip) and mean CLV per segment with 95% intervals.")
        {
            input, model, spendModel, horizon, vip, discount, margin, unit, format, output,
        };
        command.SetAction(parse =>
        {
            int months = parse.GetValue(horizon);
            double share = parse.GetValue(vip), d = parse.GetValue(discount), m = parse.GetValue(margin);
            double unitsPerMonth = parse.GetValue(unit) switch { "day" => CustomerLifetimeValue.DaysPerMonth, "month" => 1.0, _ => CustomerLifetimeValue.WeeksPerMonth };
            ValueSegmentOptions options;
            try
            {
                options = new ValueSegmentOptions(months, d, unitsPerMonth, m, share);
            }
            catch (ArgumentException e)
            {
                throw new CommandLineException($"--horizon ≥ 1, --vip in (0, 1], --discount > −1, --margin ≥ 0: {e.Message}");
            }

            var columns = new ClvInput.Columns("customer_id", "frequency", "recency", "T", "monetary_value");
            var rows = ClvInput.ReadSummary(parse.GetRequiredValue(input).ToString(), columns, needMonetary: true);
            var histories = rows.Select(r => r.History).ToArray();
            var spend = rows.Select(r => r.Monetary ?? 0).ToArray();
            ValueSegmentation result;
            try
            {
                var data = CompressedHistories.From(histories);
                IPurchaseModel purchases = parse.GetValue(model) switch
                {
                    "mbgnbd" => new MbgNbdFitter().Fit(data).Model,
                    "paretonbd" => new ParetoNbdFitter().Fit(data).Model,
                    _ => new BgNbdFitter().Fit(data).Model,
                };
                var spendFit = new GammaGammaFitter().Fit(CompressedSpend.From(rows.Select(r => (r.History.Frequency, r.Monetary ?? 0))));
                result = new ValueSegmenter().Segment(histories, spend, purchases, spendFit.Model, options);
            }
            catch (ArgumentException e)
            {
                throw new InputException(e.Message);
            }
            catch (InvalidOperationException e)
            {
                throw new InputException(e.Message);
            }

            var ids = rows.Select(r => r.Customer).ToArray();
            string text = parse.GetValue(format) switch
            {
                "json" => Json(ids, result),
                "csv" => Csv(ids, result),
                _ => ResultFormatter.ToMarkdown(result) + Environment.NewLine,
            };
            if (parse.GetValue(output) is { } file)
            {
                OutputFile.WriteText(file.FullName, text);
            }
            else
            {
                context.Output.Write(text);
            }

            return CommandOutput.Success;
        });
        return command;
    }

    internal static string Json(string[] ids, ValueSegmentation result)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartArray("customers");
            for (int i = 0; i < ids.Length; i++)
            {
                var c = result.Customers[i];
                json.WriteStartObject();
                json.WriteString("customer_id", ids[i]);
                json.WriteString("rfm", c.Rfm.Code);
                json.WriteString("segment", c.Rfm.Segment);
                json.WriteString("tier", c.Tier);
                MetricJson.Number(json, "clv", c.Clv);
                MetricJson.Number(json, "pAlive", c.ProbabilityAlive);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("segments");
            foreach (var s in result.Segments)
            {
                json.WriteStartObject();
                json.WriteString("segment", s.Segment);
                json.WriteNumber("customers", s.Customers);
                MetricJson.Number(json, "meanClv", s.MeanClv.Value);
                MetricJson.Number(json, "lower", s.MeanClv.Interval.Lower);
                MetricJson.Number(json, "upper", s.MeanClv.Interval.Upper);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + Environment.NewLine;
    }

    private static string Csv(string[] ids, ValueSegmentation result)
    {
        var text = new StringBuilder("customer_id,rfm,segment,tier,clv,p_alive\n");
        for (int i = 0; i < ids.Length; i++)
        {
            var c = result.Customers[i];
            string id = ids[i].AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + ids[i].Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : ids[i];
            text.Append(id).Append(',').Append(c.Rfm.Code).Append(',').Append(c.Rfm.Segment).Append(',').Append(c.Tier).Append(',')
                .Append(c.Clv.ToString("R", CultureInfo.InvariantCulture)).Append(',').Append(c.ProbabilityAlive.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }

        return text.ToString();
    }
}
