using System.CommandLine;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text;
using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;
using TrustMetrics.Cli.Report;
using TrustMetrics.Clv;

namespace TrustMetrics.Cli.Clv;

/// <summary>
/// <c>trustmetrics clv summarize|fit|predict</c>: transactions → lifetimes-style summary, maximum-likelihood fits of the BTYD models,
/// per-customer predictions (docs/clv.md).
/// </summary>
internal static class ClvCommand
{
    private static readonly string[] Models = ["bgnbd", "mbgnbd", "paretonbd", "bgbb", "gammagamma"];

    public static Command Create(CliContext context)
    {
        var command = new Command("clv", "Customer lifetime value: transaction summaries, BTYD model fits (BG/NBD, MBG/NBD, Pareto/NBD, BG/BB, Gamma–Gamma) and predictions.")
        {
            Summarize(context),
            Fit(context),
            Predict(context),
            ClvEvaluateCommand.Create(context),
            ClvSegmentCommand.Create(context),
        };
        return command;
    }

    private static Option<FileInfo> InputOption(string description) => new("--input", "-i") { Description = description, Required = true };

    private sealed class SummaryColumns
    {
        public Option<string> Customer { get; } = new("--customer-column") { Description = "Customer id column (optional; default customer_id).", DefaultValueFactory = _ => "customer_id" };
        public Option<string> Frequency { get; } = new("--frequency-column") { Description = "Frequency column.", DefaultValueFactory = _ => "frequency" };
        public Option<string> Recency { get; } = new("--recency-column") { Description = "Recency column.", DefaultValueFactory = _ => "recency" };
        public Option<string> T { get; } = new("--t-column") { Description = "T column.", DefaultValueFactory = _ => "T" };
        public Option<string> Monetary { get; } = new("--monetary-column") { Description = "Monetary value column.", DefaultValueFactory = _ => "monetary_value" };

        public void AddTo(Command command)
        {
            command.Add(Customer);
            command.Add(Frequency);
            command.Add(Recency);
            command.Add(T);
            command.Add(Monetary);
        }

        public ClvInput.Columns Get(ParseResult parse) => new(parse.GetValue(Customer)!, parse.GetValue(Frequency)!, parse.GetValue(Recency)!, parse.GetValue(T)!, parse.GetValue(Monetary)!,
            RequireCustomer: parse.GetResult(Customer) is { Implicit: false }, RequireMonetary: parse.GetResult(Monetary) is { Implicit: false });
    }

    // Errors go up to TrustMetricsCli.Run (ExitCodes), which prints one line and returns 2.
    private static int Guarded(CliContext context, Func<int> body) => body();

    private static Command Summarize(CliContext context)
    {
        var input = InputOption("Transactions CSV with a header row.");
        var customer = new Option<string>("--customer") { Description = "Customer id column.", Required = true };
        var date = new Option<string>("--date") { Description = "Date column (ISO yyyy-MM-dd, yyyyMMdd or any invariant date/time).", Required = true };
        var amount = new Option<string?>("--amount") { Description = "Monetary amount column (optional)." };
        var unit = new Option<string>("--unit") { Description = "Period: day, week (Monday–Sunday) or month.", DefaultValueFactory = _ => "day" };
        unit.AcceptOnlyFromAmong("day", "week", "month");
        var multiplier = new Option<double>("--multiplier") { Description = "Periods per time unit (lifetimes' freq_multiplier; 7 with --unit day gives weeks).", DefaultValueFactory = _ => 1.0 };
        var end = new Option<string?>("--end") { Description = "Observation end date (default: the last transaction date)." };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Summary CSV to write (default: standard output)." };
        var command = new Command("summarize", "Transactions → customer_id,frequency,recency,T,monetary_value (lifetimes' summary_data_from_transaction_data).")
        {
            input, customer, date, amount, unit, multiplier, end, output,
        };
        command.SetAction(parse => Guarded(context, () =>
        {
            string path = parse.GetRequiredValue(input).ToString();
            string customerName = parse.GetRequiredValue(customer), dateName = parse.GetRequiredValue(date);
            string? amountName = parse.GetValue(amount);
            var timeUnit = parse.GetValue(unit) switch { "week" => ClvTimeUnit.Week, "month" => ClvTimeUnit.Month, _ => ClvTimeUnit.Day };
            SummaryWriter.Run(context, parse.GetValue(output), path, customerName, dateName, amountName, parse.GetValue(end), timeUnit, parse.GetValue(multiplier));
            return CommandOutput.Success;
        }));
        return command;
    }

    private static Command Fit(CliContext context)
    {
        var input = InputOption("Summary CSV (customer_id,frequency,recency,T[,monetary_value]; for bgbb recency/T are opportunity counts).");
        var model = new Option<string>("--model", "-m") { Description = "bgnbd, mbgnbd, paretonbd, bgbb or gammagamma.", Required = true };
        model.AcceptOnlyFromAmong(Models);
        var penalizer = new Option<double>("--penalizer") { Description = "L2 penalty coefficient (lifetimes' penalizer_coef).", DefaultValueFactory = _ => 0.0 };
        var format = new Option<string>("--format", "-f") { Description = "text or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write the result to this file instead of standard output." };
        var columns = new SummaryColumns();
        var command = new Command("fit", "Maximum-likelihood fit with standard errors, total log-likelihood and convergence report.") { input, model, penalizer, format, output };
        columns.AddTo(command);
        var withCovariates = new ClvFitCovariates();
        withCovariates.AddTo(command);
        command.SetAction(parse => Guarded(context, () =>
        {
            string name = parse.GetRequiredValue(model);
            double penalty = parse.GetValue(penalizer);
            if (!(penalty >= 0 && double.IsFinite(penalty)))
            {
                throw new CommandLineException($"--penalizer must be a finite number ≥ 0; got {ClvInput.Format(penalty)}.");
            }

            string path = parse.GetRequiredValue(input).ToString();
            if (withCovariates.Requested(parse))
            {
                Write(context, parse.GetValue(output), withCovariates.Run(parse, name, path, columns.Get(parse), penalty, parse.GetValue(format) == "json"));
                return CommandOutput.Success;
            }

            var (report, skipped, zeroSpend) = FitModel(name, path, columns.Get(parse), new ClvFitOptions(penalizer: penalty));
            string text = parse.GetValue(format) == "json" ? Json(report, skipped, zeroSpend) : Text(report, skipped, zeroSpend);
            Write(context, parse.GetValue(output), text);
            return CommandOutput.Success;
        }));
        return command;
    }

    private static (ClvFitReport Report, long Skipped, long ZeroSpend) FitModel(string name, string path, ClvInput.Columns columns, ClvFitOptions options)
    {
        try
        {
            // Streamed straight into compressed rows: a million-customer file is never held as row objects.
            if (name == "gammagamma")
            {
                var rows = ClvInput.Stream(path, columns, needMonetary: true, withCustomer: false);
                var zeroSpend = new StrongBox<long>();
                var fit = new GammaGammaFitter().Fit(CompressedSpend.From(ClvInput.SpendRows(rows, zeroSpend)), options);
                return (fit.Report, fit.SkippedCustomers, zeroSpend.Value);
            }

            var data = SummaryFastReader.TryRead(path, columns) ?? ClvInput.ReadCompressed(path, columns);
            ClvFitReport report = name switch
            {
                "bgnbd" => new BgNbdFitter().Fit(data, options).Report,
                "mbgnbd" => new MbgNbdFitter().Fit(data, options).Report,
                "paretonbd" => new ParetoNbdFitter().Fit(data, options).Report,
                _ => new BgBbFitter().Fit(data, options).Report,
            };
            return (report, 0, 0);
        }
        catch (ArgumentException e)
        {
            throw new InputException(e.Message);
        }
        catch (InvalidOperationException e)
        {
            throw new InputException(e.Message);
        }
    }

    private static string Json(ClvFitReport report, long skipped, long zeroSpend)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("model", report.Model);
            json.WriteNumber("n", report.CustomerCount);
            json.WriteNumber("rows", report.RowCount);
            json.WriteNumber("skipped", skipped);
            json.WriteNumber("zeroSpendExcluded", zeroSpend);
            json.WriteStartObject("parameters");
            for (int i = 0; i < report.ParameterNames.Count; i++)
            {
                MetricJson.Number(json, report.ParameterNames[i], report.Estimates[i]);
            }

            json.WriteEndObject();
            json.WriteStartObject("standardErrors");
            for (int i = 0; i < report.ParameterNames.Count; i++)
            {
                MetricJson.Number(json, report.ParameterNames[i], report.StandardErrors[i]);
            }

            json.WriteEndObject();
            MetricJson.Number(json, "logLikelihood", report.LogLikelihood);
            json.WriteBoolean("converged", report.Converged);
            json.WriteNumber("iterations", report.Iterations);
            MetricJson.Number(json, "gradientNorm", report.GradientNorm);
            json.WriteString("message", report.Message);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + Environment.NewLine;
    }

    private static string Text(ClvFitReport report, long skipped, long zeroSpend)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Model: {report.Model}, customers: {Formatting.Count(report.CustomerCount)} ({Formatting.Count(report.RowCount)} distinct rows)");
        text.Append(skipped > 0 ? $", {Formatting.Count(skipped)} without repeat purchases skipped" : string.Empty);
        text.Append(zeroSpend > 0 ? $", {Formatting.Count(zeroSpend)} with repeat purchases worth 0 left out of the spend fit (as lifetimes users filter monetary_value > 0)\n" : "\n");
        for (int i = 0; i < report.ParameterNames.Count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {report.ParameterNames[i],-6} {report.Estimates[i],14:G8}   SE {report.StandardErrors[i]:G6}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"Log-likelihood: {report.LogLikelihood:F4}\nConverged: {(report.Converged ? "yes" : "no")} after {report.Iterations} iterations (gradient norm {report.GradientNorm:G3}; {report.Message})\n");
        return text.ToString();
    }

    private static Command Predict(CliContext context)
    {
        var input = InputOption("Summary CSV (customer_id,frequency,recency,T[,monetary_value]).");
        var model = new Option<string>("--model", "-m") { Description = "bgnbd, mbgnbd or paretonbd (fitted on the input).", DefaultValueFactory = _ => "bgnbd" };
        model.AcceptOnlyFromAmong("bgnbd", "mbgnbd", "paretonbd");
        var horizon = new Option<double>("--horizon") { Description = "Horizon in the summary's time unit for expected purchases.", Required = true };
        var discount = new Option<double>("--discount") { Description = "Monthly discount rate for CLV (lifetimes' discount_rate).", DefaultValueFactory = _ => 0.01 };
        var margin = new Option<double>("--margin") { Description = "Margin share applied to the expected spend.", DefaultValueFactory = _ => 1.0 };
        var months = new Option<int>("--months") { Description = "CLV horizon in months.", DefaultValueFactory = _ => 12 };
        var unit = new Option<string>("--unit") { Description = "Time unit of the summary: week (4.345 per month), day (30) or month.", DefaultValueFactory = _ => "week" };
        unit.AcceptOnlyFromAmong("day", "week", "month");
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Predictions CSV to write (default: standard output)." };
        var interval = ClvPredictIntervals.Option();
        var columns = new SummaryColumns();
        var command = new Command("predict", "Per customer: expected purchases in the horizon, P(alive), and with monetary values a Gamma–Gamma spend and discounted CLV.")
        {
            input, model, horizon, discount, margin, months, unit, output, interval,
        };
        columns.AddTo(command);
        var withCovariates = new ClvFitCovariates();
        withCovariates.AddTo(command);
        command.SetAction(parse => Guarded(context, () =>
        {
            double t = parse.GetValue(horizon), d = parse.GetValue(discount), share = parse.GetValue(margin);
            int monthCount = parse.GetValue(months);
            if (!(t >= 0 && double.IsFinite(t)) || !(d > -1 && double.IsFinite(d)) || !double.IsFinite(share) || monthCount < 0)
            {
                throw new CommandLineException("--horizon must be ≥ 0, --discount > −1, --margin finite and --months ≥ 0.");
            }

            string path = parse.GetRequiredValue(input).ToString();
            bool covariateModel = withCovariates.Requested(parse);
            double? level = parse.GetValue(interval);
            // A plain summary without monetary values: read twice at byte level, never held as rows (same output).
            if (!covariateModel && ClvPredictFast.TryRun(context, parse.GetValue(output), path, columns.Get(parse), parse.GetValue(model)!, t, level))
            {
                return CommandOutput.Success;
            }

            var rows = covariateModel ? withCovariates.ReadRows(parse, path, columns.Get(parse), needMonetary: false) : ClvInput.ReadSummary(path, columns.Get(parse), needMonetary: false);
            var options = ClvFitOptions.Default;
            PredictionIntervals? intervals = null;
            Func<ClvFit<GammaGammaModel>, double, ValueIntervals>? valueIntervals = null;
            var covariateFit = covariateModel ? withCovariates.FitRows(parse, parse.GetValue(model)!, path, columns.Get(parse), rows) : default;
            IPurchaseModel[]? perCustomer = covariateModel ? CovariateModels(covariateFit) : null;
            if (covariateModel && level is double covariateLevel)
            {
                intervals = ClvPredictIntervals.Compute(covariateFit.Fit, covariateFit.Matrix, rows, t, covariateLevel);
                valueIntervals = (spendFit, unitsPerMonth) =>
                    ClvPredictIntervals.ComputeValue(covariateFit.Fit, covariateFit.Matrix, spendFit, rows, monthCount, d, unitsPerMonth, share, covariateLevel);
            }

            IPurchaseModel? purchases = perCustomer is not null ? null : parse.GetValue(model) switch
            {
                "mbgnbd" => Fitted(new MbgNbdFitter().Fit(CompressedHistories.From(rows.Select(r => r.History)), options)),
                "paretonbd" => Fitted(new ParetoNbdFitter().Fit(CompressedHistories.From(rows.Select(r => r.History)), options)),
                _ => Fitted(new BgNbdFitter().Fit(CompressedHistories.From(rows.Select(r => r.History)), options)),
            };

            TModel Fitted<TModel>(ClvFit<TModel> fit)
                where TModel : class, IPurchaseModel
            {
                intervals = level is double l ? ClvPredictIntervals.Compute(fit, rows, t, l) : null;
                valueIntervals = (spendFit, unitsPerMonth) => ClvPredictIntervals.ComputeValue(fit, spendFit, rows, monthCount, d, unitsPerMonth, share, level!.Value);
                return fit.Model;
            }

            bool spend = rows.All(r => r.Monetary is not null) && rows.Any(r => r.History.Frequency > 0 && r.Monetary > 0);
            var zeroSpend = new StrongBox<long>();
            var spendFit = spend ? new GammaGammaFitter().Fit(CompressedSpend.From(ClvInput.SpendRows(rows, zeroSpend))) : null;
            var spendModel = spendFit?.Model;
            if (zeroSpend.Value > 0)
            {
                context.Error.WriteLine($"note: {Formatting.Count(zeroSpend.Value)} customers with repeat purchases worth 0 were left out of the Gamma–Gamma fit (as lifetimes users filter monetary_value > 0); their expected_spend and clv are blank.");
            }

            double unitsPerMonth = parse.GetValue(unit) switch { "day" => CustomerLifetimeValue.DaysPerMonth, "month" => 1.0, _ => CustomerLifetimeValue.WeeksPerMonth };
            var values = intervals is not null && spendFit is not null ? valueIntervals!(spendFit, unitsPerMonth) : null;
            // Without covariates: the batch predictions (both cores, the (x, T) part cached; equal to the one-by-one values exactly).
            double[]? expectedAll = null, aliveAll = null;
            if (purchases is not null)
            {
                var histories = rows.Select(r => r.History).ToArray();
                expectedAll = new double[histories.Length];
                aliveAll = new double[histories.Length];
                purchases.ConditionalExpectedPurchases(t, histories, expectedAll);
                purchases.ProbabilityAlive(histories, aliveAll);
            }

            // Streamed in blocks of rows: a million-customer output is never held as one string.
            void Emit(TextWriter writer)
            {
                var text = new StringBuilder(spend ? "customer_id,expected_purchases,p_alive,expected_spend,clv" : "customer_id,expected_purchases,p_alive")
                    .Append(intervals is null ? string.Empty : ClvPredictIntervals.Header).Append(values is null ? "\n" : ClvPredictIntervals.ValueHeader + "\n");
                for (int i = 0; i < rows.Count; i++)
                {
                    var row = rows[i];
                    var customerModel = perCustomer?[i] ?? purchases!;
                    text.Append(Csv(row.Customer)).Append(',').Append(ClvInput.Format(expectedAll?[i] ?? customerModel.ConditionalExpectedPurchases(t, row.History)))
                        .Append(',').Append(ClvInput.Format(aliveAll?[i] ?? customerModel.ProbabilityAlive(row.History)));
                    if (spendModel is not null && row.History.Frequency > 0 && row.Monetary == 0)
                    {
                        text.Append(",,");
                    }
                    else if (spendModel is not null)
                    {
                        double expected = spendModel.ConditionalExpectedAverageSpend(row.History.Frequency, row.Monetary!.Value);
                        double clv = CustomerLifetimeValue.Discounted(customerModel, row.History, expected * share, monthCount, d, unitsPerMonth);
                        text.Append(',').Append(ClvInput.Format(expected)).Append(',').Append(ClvInput.Format(clv));
                    }

                    if (intervals is not null)
                    {
                        ClvPredictIntervals.Append(text, intervals, i);
                    }

                    if (values is not null)
                    {
                        ClvPredictIntervals.AppendValue(text, values, rows, i);
                    }

                    text.Append('\n');
                    if (text.Length > 1 << 16)
                    {
                        writer.Write(text);
                        text.Clear();
                    }
                }

                writer.Write(text);
            }

            if (parse.GetValue(output) is { } file)
            {
                OutputFile.Write(file.ToString(), stream =>
                {
                    using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
                    Emit(writer);
                });
            }
            else
            {
                Emit(context.Output);
            }

            return CommandOutput.Success;
        }));
        return command;
    }

    /// <summary>
    /// With covariates every customer has their own parameters (CovariateFit.ModelFor: BG/NBD α_i = α·e^{−γ₁ᵀz}, a_i = a·e^{γ₂ᵀz},
    /// b_i = b·e^{γ₂ᵀz}; Pareto/NBD α_i, β_i likewise) and the plain model's formulas at them; one model per distinct covariate vector.
    /// </summary>
    private static IPurchaseModel[] CovariateModels((CovariateFit Fit, double[][] Covariates, CovariateMatrix Matrix) fitted)
    {
        var byVector = new Dictionary<string, IPurchaseModel>(StringComparer.Ordinal);
        var models = new IPurchaseModel[fitted.Covariates.Length];
        for (int i = 0; i < models.Length; i++)
        {
            var z = fitted.Covariates[i];
            string key = string.Join(',', z.Select(v => BitConverter.DoubleToInt64Bits(v).ToString(CultureInfo.InvariantCulture)));
            if (!byVector.TryGetValue(key, out var customerModel))
            {
                customerModel = fitted.Fit.ModelFor(z);
                byVector.Add(key, customerModel);
            }

            models[i] = customerModel;
        }

        return models;
    }

    private static void Write(CliContext context, FileInfo? output, string text)
    {
        if (output is null)
        {
            context.Output.Write(text);
        }
        else
        {
            OutputFile.WriteText(output.ToString(), text);
        }
    }

    private static string Csv(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
