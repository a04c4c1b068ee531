using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;
using TrustMetrics.Clv;
using TrustMetrics.Repurchase;

namespace TrustMetrics.Cli.Commands;

/// <summary><c>trustmetrics repurchase</c>: repeat-purchase rate, inter-purchase intervals and purchase frequency from the transactions CSV the clv command reads.</summary>
internal static class RepurchaseCommand
{
    private static readonly double[] Probabilities = [0.25, 0.5, 0.75, 0.9];

    public static Command Create(CliContext context)
    {
        var common = new CommonOptions();
        var customer = new Option<string>("--customer") { Description = "Customer id column.", Required = true };
        var date = new Option<string>("--date") { Description = "Date column (ISO yyyy-MM-dd, yyyyMMdd or any invariant date/time).", Required = true };
        var unit = new Option<string>("--unit") { Description = "Purchase period: day (default), week or month; purchases in one period count once for repeat and intervals.", DefaultValueFactory = _ => "day" };
        unit.AcceptOnlyFromAmong("day", "week", "month");
        var per = new Option<string>("--per") { Description = "Calendar period of the frequency table: week or month (default).", DefaultValueFactory = _ => "month" };
        per.AcceptOnlyFromAmong("day", "week", "month");
        var command = new Command("repurchase", "Repeat-purchase rate (Wilson interval), inter-purchase interval distribution and median, purchase frequency per period.");
        command.Add(common.Input);
        command.Add(customer);
        command.Add(date);
        command.Add(unit);
        command.Add(per);
        command.Add(common.Confidence);
        command.Add(common.Format);
        command.Add(common.Output);
        command.SetAction(parse =>
        {
            string path = parse.GetRequiredValue(common.Input).ToString();
            string customerName = parse.GetRequiredValue(customer), dateName = parse.GetRequiredValue(date);
            var purchaseUnit = Unit(parse.GetValue(unit));
            var tableUnit = Unit(parse.GetValue(per));
            double level = parse.GetValue(common.Confidence);
            return CommandOutput.Run(() => Execute(path, customerName, dateName, purchaseUnit, tableUnit, level), common.ParseFormat(parse), parse.GetValue(common.Output), context);
        });
        return command;
    }

    private static ClvTimeUnit Unit(string? text) => text switch { "week" => ClvTimeUnit.Week, "month" => ClvTimeUnit.Month, _ => ClvTimeUnit.Day };

    private static CommandOutput.Result Execute(string path, string customerName, string dateName, ClvTimeUnit unit, ClvTimeUnit per, double level)
    {
        if (per < unit)
        {
            throw new InputException($"--per ({per.ToString().ToLowerInvariant()}) cannot be finer than --unit ({unit.ToString().ToLowerInvariant()}).");
        }

        // Same reader as clv summarize; the observation end is the last transaction, so nothing is dropped.
        var rows = ClvInput.Transactions(path, customerName, dateName, null).ToList();
        var end = rows.Max(r => r.When);
        var summarizer = new TransactionSummarizer<string>(end, unit, 1.0, StringComparer.Ordinal);
        foreach (var (id, when, amount) in rows)
        {
            summarizer.Add(id, when, amount);
        }

        var result = new RepurchaseCalculator(new TrustMetricsOptions { ConfidenceLevel = level }).Calculate(summarizer, per);
        string levelText = Formatting.Level(level);
        var headline = new Table("Repurchase", ["Customers", "Repeat customers", "Repeat rate %", $"{levelText} CI", "Purchases per customer", "Median days between purchases"],
            [[
                Formatting.Count(result.Customers), Formatting.Count(result.RepeatCustomers), Formatting.Number(result.RepeatRate.Value * 100, 1),
                Formatting.Interval(result.RepeatRate.Interval.Scale(100), 1), Formatting.Number(result.PurchasesPerCustomer, 2),
                result.InterPurchaseIntervals is { } i ? Formatting.Number(i.Percentile(0.5).TotalDays, 1) : "–",
            ]],
            [$"A repeat customer bought in at least two distinct {unit.ToString().ToLowerInvariant()}s; intervals are days between consecutive purchase {unit.ToString().ToLowerInvariant()}s (type 7 percentiles)."]);
        var frequency = new Table($"Purchase frequency per {per.ToString().ToLowerInvariant()}", ["Period start", "Buying customers", "Purchases", "Purchases per buyer"],
            result.Periods.Select(p => (IReadOnlyList<string>)[p.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Formatting.Count(p.Customers),
                Formatting.Count(p.Purchases), Formatting.Number(p.Frequency, 2)]).ToList(), []);

        void WriteJson(Utf8JsonWriter json)
        {
            json.WriteStartObject();
            json.WriteString("metric", "repurchase");
            json.WriteString("source", path);
            json.WriteString("unit", unit.ToString().ToLowerInvariant());
            json.WriteNumber("customers", result.Customers);
            json.WriteNumber("repeatCustomers", result.RepeatCustomers);
            VocJson.Flat(json, "repeatRate", result.RepeatRate);
            json.WriteNumber("transactions", result.Transactions);
            json.WriteNumber("purchasesPerCustomer", result.PurchasesPerCustomer);
            VocJson.Durations(json, "interPurchaseDays", result.InterPurchaseIntervals, Probabilities, t => t.TotalDays);
            json.WriteString("per", per.ToString().ToLowerInvariant());
            json.WriteStartArray("periods");
            foreach (var p in result.Periods)
            {
                json.WriteStartObject();
                json.WriteString("start", p.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                json.WriteNumber("customers", p.Customers);
                json.WriteNumber("purchases", p.Purchases);
                json.WriteNumber("frequency", p.Frequency);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return new CommandOutput.Result(new Document("Repurchase", [$"Source: {path}, {Formatting.Count(result.Transactions)} transactions"], [headline, frequency]), WriteJson);
    }
}
