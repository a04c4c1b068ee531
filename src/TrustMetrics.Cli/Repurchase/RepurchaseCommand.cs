using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using TrustMetrics.Cli.Clv;
using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;
using TrustMetrics.Cli.Report;
using TrustMetrics.Clv;
using TrustMetrics.Repurchase;

namespace TrustMetrics.Cli.Repurchase;

/// <summary>
/// <c>trustmetrics repurchase</c>: repeat-purchase rate, inter-purchase intervals and purchase frequency from the transactions CSV the clv
/// command reads; with <c>--group</c> the same per group of customers (a customer's group is the one cell value on all their rows).
/// </summary>
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
        command.Add(common.Group);
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
            string? groupName = parse.GetValue(common.Group);
            return CommandOutput.Run(() => Execute(path, customerName, dateName, groupName, purchaseUnit, tableUnit, level), common.ParseFormat(parse), parse.GetValue(common.Output), context);
        });
        return command;
    }

    private static ClvTimeUnit Unit(string? text) => text switch { "week" => ClvTimeUnit.Week, "month" => ClvTimeUnit.Month, _ => ClvTimeUnit.Day };

    private static CommandOutput.Result Execute(string path, string customerName, string dateName, string? groupName, ClvTimeUnit unit, ClvTimeUnit per, double level)
    {
        if (per < unit)
        {
            throw new CommandLineException($"--per ({per.ToString().ToLowerInvariant()}) cannot be finer than --unit ({unit.ToString().ToLowerInvariant()}).");
        }

        // Same reader as clv summarize; the observation end is the last transaction, so nothing is dropped (in any group either).
        var rows = groupName is null
            ? ClvInput.Transactions(path, customerName, dateName, null).Select(r => (r.Id, r.When, Group: string.Empty)).ToList()
            : CustomerGroups(SurveySource.FromFile(path), customerName, dateName, groupName);
        var end = rows.Max(r => r.When);
        var calculator = new RepurchaseCalculator(new TrustMetricsOptions { ConfidenceLevel = level });
        RepurchaseResult Compute(IEnumerable<(string Id, DateTime When, string Group)> some)
        {
            var summarizer = new TransactionSummarizer<string>(end, unit, 1.0, StringComparer.Ordinal);
            foreach (var (id, when, _) in some)
            {
                summarizer.Add(id, when);
            }

            return calculator.Calculate(summarizer, per);
        }

        var result = Compute(rows);
        var groups = groupName is null ? []
            : rows.GroupBy(r => r.Group, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, Result: Compute(g))).ToList();

        string levelText = Formatting.Level(level);
        IReadOnlyList<string> Cells(RepurchaseResult r) =>
        [
            Formatting.Count(r.Customers), Formatting.Count(r.RepeatCustomers), Formatting.Number(r.RepeatRate.Value * 100, 1),
            Formatting.Interval(r.RepeatRate.Interval.Scale(100), 1), Formatting.Number(r.PurchasesPerCustomer, 2),
            r.InterPurchaseIntervals is { } i ? Formatting.Number(i.Percentile(0.5).TotalDays, 1) : "–",
        ];
        IReadOnlyList<string> headers = ["Customers", "Repeat customers", "Repeat rate %", $"{levelText} CI", "Purchases per customer", "Median days between purchases"];
        string note = $"A repeat customer bought in at least two distinct {unit.ToString().ToLowerInvariant()}s; intervals are days between consecutive purchase {unit.ToString().ToLowerInvariant()}s (type 7 percentiles).";

        // Without --group the headline table is unchanged; with it, a first column names the group, the overall row first ("All").
        var headline = groupName is null
            ? new Table("Repurchase", headers, [Cells(result)], [note])
            : new Table($"Repurchase by {groupName}", [groupName, .. headers],
                [["All", .. Cells(result)], .. groups.Select(g => (IReadOnlyList<string>)[g.Key, .. Cells(g.Result)])],
                [note, "A customer belongs to the group on their rows; the frequency table is overall (per group in the JSON)."]);
        var frequency = new Table($"Purchase frequency per {per.ToString().ToLowerInvariant()}", ["Period start", "Buying customers", "Purchases", "Purchases per buyer"],
            result.Periods.Select(p => (IReadOnlyList<string>)[p.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Formatting.Count(p.Customers),
                Formatting.Count(p.Purchases), Formatting.Number(p.Frequency, 2)]).ToList(), []);

        void WriteRates(Utf8JsonWriter json, RepurchaseResult r)
        {
            json.WriteNumber("customers", r.Customers);
            json.WriteNumber("repeatCustomers", r.RepeatCustomers);
            VocJson.Flat(json, "repeatRate", r.RepeatRate);
            json.WriteNumber("transactions", r.Transactions);
            json.WriteNumber("purchasesPerCustomer", r.PurchasesPerCustomer);
            VocJson.Durations(json, "interPurchaseDays", r.InterPurchaseIntervals, Probabilities, t => t.TotalDays);
        }

        void WritePeriods(Utf8JsonWriter json, RepurchaseResult r)
        {
            json.WriteStartArray("periods");
            foreach (var p in r.Periods)
            {
                json.WriteStartObject();
                json.WriteString("start", p.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                json.WriteNumber("customers", p.Customers);
                json.WriteNumber("purchases", p.Purchases);
                json.WriteNumber("frequency", p.Frequency);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        void WriteJson(Utf8JsonWriter json)
        {
            json.WriteStartObject();
            json.WriteString("metric", "repurchase");
            json.WriteString("source", path);
            json.WriteString("unit", unit.ToString().ToLowerInvariant());
            WriteRates(json, result);
            json.WriteString("per", per.ToString().ToLowerInvariant());
            WritePeriods(json, result);
            if (groupName is not null)
            {
                MetricJson.Groups(json, groupName, groups, (j, r) =>
                {
                    WriteRates(j, r);
                    WritePeriods(j, r);
                });
            }

            json.WriteEndObject();
        }

        string summary = $"Source: {path}, {Formatting.Count(result.Transactions)} transactions" + (groupName is null ? string.Empty : $"; {groups.Count} groups by '{groupName}'");
        return new CommandOutput.Result(new Document("Repurchase", [summary], [headline, frequency]), WriteJson);
    }

    /// <summary>
    /// The transactions with each customer's group. A customer belongs to one group: a row whose group cell (blank = "(blank)")
    /// differs from the customer's first row is bad data, named by file, line, column and both values.
    /// </summary>
    private static List<(string Id, DateTime When, string Group)> CustomerGroups(SurveySource source, string customerName, string dateName, string groupName)
    {
        var first = new Dictionary<string, (string Group, long Line)>(StringComparer.Ordinal);
        var rows = new List<(string Id, DateTime When, string Group)>();
        foreach (var (id, when, group, line) in ClvInput.GroupedTransactions(source, customerName, dateName, groupName))
        {
            if (first.TryGetValue(id, out var seen))
            {
                if (!string.Equals(seen.Group, group, StringComparison.Ordinal))
                {
                    throw InputException.AtCell(source.DisplayName, line, groupName, group,
                        $"disagrees with '{seen.Group}' on line {seen.Line} for customer '{id}': a customer's rows must name one group.");
                }
            }
            else
            {
                first[id] = (group, line);
            }

            rows.Add((id, when, group));
        }

        return rows;
    }
}
