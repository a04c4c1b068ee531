using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;
using TrustMetrics.Cli.Report.Svg;
using TrustMetrics.Clv;
using TrustMetrics.Presentation;

namespace TrustMetrics.Cli.Clv;

/// <summary>
/// <c>trustmetrics clv evaluate</c>: fit the purchase models on a calibration window of the transactions and score them on the holdout
/// beside two naive baselines (<see cref="HoldoutEvaluator"/>; docs/clv-holdout.md).
/// </summary>
internal static class ClvEvaluateCommand
{
    public static Command Create(CliContext context)
    {
        var input = new Option<FileInfo>("--input", "-i") { Description = "Transactions CSV with a header row.", Required = true };
        var customer = new Option<string>("--customer") { Description = "Customer id column.", Required = true };
        var date = new Option<string>("--date") { Description = "Date column (ISO yyyy-MM-dd, yyyyMMdd or any invariant date/time).", Required = true };
        var amount = new Option<string?>("--amount") { Description = "Monetary amount column (optional; not used by the purchase models)." };
        var calibrationEnd = new Option<string>("--calibration-end") { Description = "Last date of the calibration window.", Required = true };
        var end = new Option<string?>("--end") { Description = "End of the holdout window (default: the last transaction date)." };
        var unit = new Option<string>("--unit") { Description = "Period: day, week (Monday–Sunday) or month.", DefaultValueFactory = _ => "day" };
        unit.AcceptOnlyFromAmong("day", "week", "month");
        var multiplier = new Option<double>("--multiplier") { Description = "Periods per time unit (7 with --unit day gives weeks).", DefaultValueFactory = _ => 1.0 };
        var models = new Option<string>("--models") { Description = "Comma-separated models: bgnbd, mbgnbd, paretonbd.", DefaultValueFactory = _ => "bgnbd,mbgnbd,paretonbd" };
        var format = new Option<string>("--format", "-f") { Description = "json, text or markdown.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("json", "text", "markdown");
        var output = new Option<DirectoryInfo?>("--output", "-o") { Description = "Directory for the charts (calibration.svg, tracking.svg)." };
        var command = new Command("evaluate", "Holdout scorecard: fit on the calibration window, score holdout predictions (MAE, RMSE, bias, Brier, lift, calibration bins, tracking curve, LL/AIC/BIC) beside naive baselines.")
        {
            input, customer, date, amount, calibrationEnd, end, unit, multiplier, models, format, output,
        };
        command.SetAction(parse =>
        {
            string path = parse.GetRequiredValue(input).ToString();
            string customerName = parse.GetRequiredValue(customer), dateName = parse.GetRequiredValue(date);
            string? amountName = parse.GetValue(amount);
            var timeUnit = parse.GetValue(unit) switch { "week" => ClvTimeUnit.Week, "month" => ClvTimeUnit.Month, _ => ClvTimeUnit.Day };
            string calibrationText = parse.GetRequiredValue(calibrationEnd);
            DateTime calibration = Dates.Option("--calibration-end", calibrationText).DateTime;
            var chosen = ParseModels(parse.GetValue(models)!);
            var panel = Panel(path, customerName, dateName, amountName, parse.GetValue(end), timeUnit, parse.GetValue(multiplier), calibration);

            HoldoutScorecard card;
            try
            {
                card = new HoldoutEvaluator().Evaluate(panel(), new HoldoutEvaluationOptions(chosen));
            }
            catch (ArgumentException e)
            {
                throw new InputException(e.Message);
            }
            catch (InvalidOperationException e)
            {
                throw new InputException(e.Message);
            }

            string text = parse.GetValue(format) switch
            {
                "json" => Json(card),
                "markdown" => ResultFormatter.ToMarkdown(card) + Environment.NewLine + Bins(card, markdown: true),
                _ => Text(card),
            };
            context.Output.Write(text);
            if (parse.GetValue(output) is { } directory)
            {
                Directory.CreateDirectory(directory.FullName);
                OutputFile.WriteText(Path.Combine(directory.FullName, "tracking.svg"), TrackingChart(card));
                OutputFile.WriteText(Path.Combine(directory.FullName, "calibration.svg"), CalibrationChart(card));
            }

            return CommandOutput.Success;
        });
        return command;
    }

    /// <summary>
    /// The holdout panel of a transactions file in one streaming pass (<see cref="TransactionPass"/>, the reader of <c>clv summarize</c>):
    /// the holdout ends at <paramref name="endText"/> (<c>--end</c>, the one date rule) or, without it, at the last transaction, which
    /// the summarizer (with no end of its own, so it keeps every row) learns as it reads. The panel is built by the returned function,
    /// inside the caller's mapping of the core's argument errors.
    /// </summary>
    internal static Func<HoldoutPanel> Panel(string path, string customerName, string dateName, string? amountName, string? endText,
        ClvTimeUnit unit, double multiplier, DateTime calibration)
    {
        if (!(multiplier > 0 && double.IsFinite(multiplier)))
        {
            throw new CommandLineException($"--multiplier must be a finite number > 0; got {ClvInput.Format(multiplier)}.");
        }

        DateTime? given = endText is null ? null : Dates.Option("--end", endText).DateTime;
        var pass = TransactionPass.Open(SurveySource.FromFile(path), customerName, dateName, amountName);
        TransactionSummarizer<string> summarizer = null!;
        DateTime last = DateTime.MinValue;
        void Start()
        {
            summarizer = new TransactionSummarizer<string>(given ?? DateTime.MaxValue, unit, multiplier, StringComparer.Ordinal);
            last = DateTime.MinValue;
        }

        Start();
        pass.Read((slot, when, amount) =>
        {
            summarizer.Add(pass[slot], when, amount);
            last = when > last ? when : last;
        }, Start);
        return () => HoldoutPanel.From(summarizer, calibration, given ?? last);
    }

    private static HoldoutModel[] ParseModels(string text)
    {
        var list = new List<HoldoutModel>();
        foreach (string raw in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var model = raw.ToLowerInvariant() switch
            {
                "bgnbd" => HoldoutModel.BgNbd,
                "mbgnbd" => HoldoutModel.MbgNbd,
                "paretonbd" => HoldoutModel.ParetoNbd,
                _ => throw new CommandLineException($"--models: '{raw}' is not one of bgnbd, mbgnbd, paretonbd."),
            };
            if (list.Contains(model))
            {
                throw new CommandLineException($"--models lists '{raw}' twice.");
            }

            list.Add(model);
        }

        return list.Count > 0 ? [.. list] : throw new CommandLineException("--models must name at least one of bgnbd, mbgnbd, paretonbd.");
    }

    internal static string Json(HoldoutScorecard card)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("calibrationEnd", card.CalibrationEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteString("holdoutEnd", card.HoldoutEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteNumber("customers", card.CustomerCount);
            json.WriteStartArray("models");
            foreach (var m in card.Models)
            {
                json.WriteStartObject();
                json.WriteString("model", m.Model);
                json.WriteStartObject("parameters");
                foreach (var (name, value) in m.Parameters)
                {
                    MetricJson.Number(json, name, value);
                }

                json.WriteEndObject();
                MetricJson.Number(json, "logLikelihood", m.LogLikelihood!.Value);
                MetricJson.Number(json, "aic", m.Aic!.Value);
                MetricJson.Number(json, "bic", m.Bic!.Value);
                Holdout(json, m.Holdout);
                json.WriteStartArray("calibrationBins");
                foreach (var b in m.CalibrationBins)
                {
                    json.WriteStartObject();
                    json.WriteNumber("frequency", b.Frequency);
                    json.WriteNumber("customers", b.Customers);
                    MetricJson.Number(json, "predicted", b.Predicted);
                    MetricJson.Number(json, "actual", b.Actual);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteStartArray("tracking");
                foreach (var p in m.Tracking)
                {
                    json.WriteStartObject();
                    MetricJson.Number(json, "period", p.Period);
                    MetricJson.Number(json, "expectedCumulative", p.ExpectedCumulative);
                    json.WriteNumber("actualCumulative", p.ActualCumulative);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                if (m.AgainstNbd is { } lr)
                {
                    json.WriteStartObject("likelihoodRatio");
                    json.WriteString("against", lr.NullModel);
                    MetricJson.Number(json, "statistic", lr.Statistic);
                    json.WriteNumber("df", lr.DegreesOfFreedom);
                    MetricJson.Number(json, "p", lr.PValue);
                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("baselines");
            foreach (var m in card.Baselines)
            {
                json.WriteStartObject();
                json.WriteString("model", m.Model);
                Holdout(json, m.Holdout);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + Environment.NewLine;
    }

    private static void Holdout(Utf8JsonWriter json, HoldoutAccuracy h)
    {
        json.WriteStartObject("holdout");
        MetricJson.Number(json, "mae", h.MeanAbsoluteError);
        MetricJson.Number(json, "rmse", h.RootMeanSquaredError);
        MetricJson.Number(json, "bias", h.Bias);
        MetricJson.Number(json, "brier", h.BrierScore);
        if (h.TopDecileLift is { } lift)
        {
            MetricJson.Number(json, "topDecileLift", lift);
        }
        else
        {
            json.WriteNull("topDecileLift");
        }

        MetricJson.Number(json, "predictedTotal", h.PredictedTotal);
        json.WriteNumber("actualTotal", h.ActualTotal);
        json.WriteEndObject();
    }

    private static string Text(HoldoutScorecard card)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"Holdout scorecard: {Formatting.Count(card.CustomerCount)} customers, calibration to {card.CalibrationEnd:yyyy-MM-dd}, holdout to {card.HoldoutEnd:yyyy-MM-dd} ({card.HoldoutDuration:0.###} time units)\n");
        text.Append(CultureInfo.InvariantCulture, $"{"model",-24} {"MAE",8} {"RMSE",8} {"bias",8} {"Brier",8} {"lift",7} {"predicted",10} {"actual",8} {"LL",12} {"AIC",10} {"BIC",10}\n");
        foreach (var m in card.Models.Concat(card.Baselines))
        {
            var h = m.Holdout;
            text.Append(CultureInfo.InvariantCulture,
                $"{m.DisplayName,-24} {h.MeanAbsoluteError,8:F4} {h.RootMeanSquaredError,8:F4} {h.Bias,8:F4} {h.BrierScore,8:F4} {Opt(h.TopDecileLift, "F3"),7} {h.PredictedTotal,10:F1} {h.ActualTotal,8} {Opt(m.LogLikelihood, "F3"),12} {Opt(m.Aic, "F1"),10} {Opt(m.Bic, "F1"),10}\n");
        }

        foreach (var m in card.Models)
        {
            text.Append(CultureInfo.InvariantCulture, $"{m.DisplayName} {m.AgainstNbd}; tracking MAPE over the holdout {Opt(m.Holdout.TrackingMape * 100, "F2")}%\n");
        }

        return text.Append(Bins(card, markdown: false)).ToString();
    }

    private static string Bins(HoldoutScorecard card, bool markdown)
    {
        var text = new StringBuilder(markdown ? "\n**Mean holdout purchases by calibration frequency**\n\n| x | customers | actual |" : "\nMean holdout purchases by calibration frequency\n  x  customers   actual");
        foreach (var m in card.Models.Concat(card.Baselines))
        {
            text.Append(markdown ? $" {m.DisplayName} |" : $"  {m.DisplayName}");
        }

        text.Append('\n');
        if (markdown)
        {
            text.Append("|---|---:|---:|").Append(string.Concat(Enumerable.Repeat("---:|", card.Models.Count + card.Baselines.Count))).Append('\n');
        }

        var reference = card.Models[0].CalibrationBins;
        for (int b = 0; b < reference.Count; b++)
        {
            string label = reference[b].Frequency.ToString(CultureInfo.InvariantCulture) + (reference[b].IsTail ? "+" : "");
            text.Append(markdown ? $"| {label} | {reference[b].Customers} | {F(reference[b].Actual)} |" : string.Create(CultureInfo.InvariantCulture, $"{label,3}  {reference[b].Customers,9}  {F(reference[b].Actual),7}"));
            foreach (var m in card.Models.Concat(card.Baselines))
            {
                text.Append(markdown ? $" {F(m.CalibrationBins[b].Predicted)} |" : $"  {F(m.CalibrationBins[b].Predicted)}");
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    private static string F(double value) => value.ToString("F3", CultureInfo.InvariantCulture);

    private static string Opt(double? value, string format) => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "–";

    private static string TrackingChart(HoldoutScorecard card)
    {
        var points = card.Models[0].Tracking;
        var categories = points.Select(p => p.Period.ToString("0.###", CultureInfo.InvariantCulture)).ToList();
        var series = new List<LineSeries> { new("actual", points.Select(p => (double)p.ActualCumulative).ToList()) };
        series.AddRange(card.Models.Select(m => new LineSeries(m.DisplayName, m.Tracking.Select(p => p.ExpectedCumulative).ToList())));
        return LineChart.Render($"Cumulative repeat purchases (holdout from {card.CalibrationLength:0.###})", categories, series, "repeat purchases", "period", yMin: 0);
    }

    private static string CalibrationChart(HoldoutScorecard card)
    {
        var reference = card.Models[0].CalibrationBins;
        var categories = reference.Select(b => b.Frequency.ToString(CultureInfo.InvariantCulture) + (b.IsTail ? "+" : "")).ToList();
        var series = new List<BarSeries> { new("actual", reference.Select(b => b.Actual).ToList()) };
        series.AddRange(card.Models.Concat(card.Baselines).Select(m => new BarSeries(m.DisplayName, m.CalibrationBins.Select(b => b.Predicted).ToList())));
        return BarChart.Render("Mean holdout purchases by calibration frequency", categories, series, "purchases per customer", "calibration frequency");
    }
}
