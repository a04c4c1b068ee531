using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using TrustMetrics.Churn;
using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;
using TrustMetrics.Cli.Report;
using TrustMetrics.Estimation;

namespace TrustMetrics.Cli.Churn;

/// <summary><c>trustmetrics churn</c>: period churn rates and the cohort retention table from customer start/end records.</summary>
internal static class ChurnCommand
{
    private static readonly Dictionary<string, ChurnPeriod> Periods = new(StringComparer.OrdinalIgnoreCase)
    {
        ["day"] = ChurnPeriod.Day,
        ["week"] = ChurnPeriod.Week,
        ["month"] = ChurnPeriod.Month,
        ["quarter"] = ChurnPeriod.Quarter,
        ["year"] = ChurnPeriod.Year,
    };

    private static readonly Dictionary<string, ChurnRateDefinition> Definitions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["start-based"] = ChurnRateDefinition.StartBased,
        ["naive"] = ChurnRateDefinition.Naive,
        ["average"] = ChurnRateDefinition.AverageCustomers,
    };

    public static Command Create(CliContext context)
    {
        var common = new CommonOptions();
        var start = new Option<string>("--start") { Description = "Column with the customer's start date (yyyy-MM-dd).", Required = true };
        var end = new Option<string>("--end") { Description = "Column with the churn date (exclusive: first day no longer a customer); blank = still active.", Required = true };
        var id = new Option<string?>("--id") { Description = "Optional customer id column; a repeated id is an error (one span per customer)." };
        var period = new Option<string>("--period") { Description = "Period: day, week (ISO), month (calendar), quarter or year.", DefaultValueFactory = _ => "month" };
        period.AcceptOnlyFromAmong([.. Periods.Keys]);
        var definition = new Option<string>("--definition")
        {
            Description = "Churn rate: start-based (default; lost from the starting base / customers at start), naive (all lost / at start) or average (lost / mean of start and end).",
            DefaultValueFactory = _ => "start-based",
        };
        definition.AcceptOnlyFromAmong([.. Definitions.Keys]);
        var asOf = new Option<string?>("--as-of") { Description = "Observation date (yyyy-MM-dd); default: the latest date in the file." };

        var command = new Command("churn", "Period churn and retention rates (with Wilson intervals) and the cohort retention table from customer records.");
        command.Add(common.Input);
        command.Add(start);
        command.Add(end);
        command.Add(id);
        command.Add(period);
        command.Add(definition);
        command.Add(asOf);
        command.Add(common.Confidence);
        command.Add(common.Format);
        command.Add(common.Output);
        command.SetAction(parse =>
        {
            DateOnly? observed = null;
            if (parse.GetValue(asOf) is string text)
            {
                if (!Dates.TryParse(text, InputSettings.Current.DateFormat, out var date))
                {
                    context.Error.WriteLine($"error: --as-of '{text}' {Dates.Problem(text, InputSettings.Current.DateFormat)}");
                    return 1;
                }

                observed = DateOnly.FromDateTime(date.DateTime);
            }

            var request = new Request(parse.GetRequiredValue(common.Input).ToString(), parse.GetRequiredValue(start), parse.GetRequiredValue(end),
                parse.GetValue(id), Periods[parse.GetValue(period)!], Definitions[parse.GetValue(definition)!], observed, parse.GetValue(common.Confidence));
            return CommandOutput.Run(() => Execute(request), common.ParseFormat(parse), parse.GetValue(common.Output), context);
        });
        return command;
    }

    private sealed record Request(string Input, string Start, string End, string? Id, ChurnPeriod Period, ChurnRateDefinition Definition, DateOnly? AsOf, double Confidence);

    private static CommandOutput.Result Execute(Request request)
    {
        var source = SurveySource.FromFile(request.Input);
        using var table = CsvTable.Open(source);
        int startColumn = table.Column(request.Start);
        int endColumn = table.Column(request.End);
        int? idColumn = request.Id is null ? null : table.Column(request.Id);
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        var customers = new List<CustomerSpan>();
        while (table.Read())
        {
            var start = Dates.Date(table, startColumn, request.Start, allowBlank: false)!.Value;
            var end = Dates.Date(table, endColumn, request.End, allowBlank: true);
            if (end is { } e && e < start)
            {
                throw new InputException($"{source.DisplayName}, line {table.Line}: the end date {e:yyyy-MM-dd} (column '{request.End}') is before the start date {start:yyyy-MM-dd} (column '{request.Start}').");
            }

            if (idColumn is int ic)
            {
                string id = table.Field(ic);
                if (!seen.TryAdd(id, table.Line))
                {
                    throw new InputException($"{source.DisplayName}, line {table.Line}, column '{request.Id}': customer '{id}' already appeared on line {seen[id]}; give one start/end span per customer.");
                }
            }

            customers.Add(new CustomerSpan(start, end));
        }

        if (customers.Count == 0)
        {
            throw new InputException($"{source.DisplayName}: the file has a header but no data rows.");
        }

        var calculator = new ChurnCalculator(new TrustMetricsOptions { ConfidenceLevel = request.Confidence, ChurnRateDefinition = request.Definition });
        var tally = ChurnTally.FromCustomers(customers, request.Period, request.AsOf);
        var periods = calculator.PeriodChurn(tally, request.Definition, request.Confidence);
        var cohorts = calculator.CohortTable(tally, request.Confidence);
        return new CommandOutput.Result(Document(source, request, tally, periods, cohorts), json => WriteJson(json, source, request, tally, periods, cohorts));
    }

    private static string PeriodName(ChurnPeriod period) => Periods.First(p => p.Value == period).Key;

    private static string DefinitionName(ChurnRateDefinition definition) => Definitions.First(d => d.Value == definition).Key;

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void WriteJson(Utf8JsonWriter json, SurveySource source, Request request, ChurnTally tally, IReadOnlyList<PeriodChurn> periods, CohortTable cohorts)
    {
        json.WriteStartObject();
        json.WriteString("metric", "churn");
        json.WriteString("source", source.DisplayName);
        json.WriteString("period", PeriodName(request.Period));
        json.WriteString("definition", DefinitionName(request.Definition));
        if (tally.EffectiveAsOf is { } asOf)
        {
            json.WriteString("asOf", Day(asOf));
        }

        json.WriteNumber("customers", tally.Customers);
        json.WriteStartArray("periods");
        foreach (var p in periods)
        {
            json.WriteStartObject();
            json.WriteString("start", Day(p.Start));
            json.WriteString("lastDay", Day(p.LastDay));
            json.WriteBoolean("complete", p.IsComplete);
            json.WriteNumber("customersAtStart", p.Counts.CustomersAtStart);
            json.WriteNumber("acquired", p.Counts.Acquired);
            json.WriteNumber("lost", p.Counts.Lost);
            json.WriteNumber("lostAcquiredInPeriod", p.Counts.LostAcquiredInPeriod);
            json.WriteNumber("customersAtEnd", p.Counts.CustomersAtEnd);
            MetricJson.Number(json, "rate", p.Rate);
            OptionalEstimate(json, "churn", p.Churn);
            OptionalEstimate(json, "retention", p.Retention);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("cohorts");
        json.WriteStartArray("rows");
        foreach (var row in cohorts.Rows)
        {
            json.WriteStartObject();
            json.WriteString("start", Day(row.Start));
            json.WriteNumber("size", row.Size);
            json.WriteBoolean("complete", row.IsComplete);
            json.WriteStartArray("cells");
            foreach (var cell in row.Cells)
            {
                json.WriteStartObject();
                json.WriteNumber("age", cell.Age);
                json.WriteNumber("active", cell.Active);
                MetricJson.Estimate(json, "retention", cell.Retention);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("summary");
        foreach (var age in cohorts.Summary)
        {
            json.WriteStartObject();
            json.WriteNumber("age", age.Age);
            json.WriteNumber("cohorts", age.Cohorts);
            json.WriteNumber("active", age.Active);
            json.WriteNumber("cohortSize", age.CohortSize);
            MetricJson.Estimate(json, "weighted", age.Weighted);
            json.WriteNumber("unweightedMean", age.UnweightedMean);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void OptionalEstimate(Utf8JsonWriter json, string name, Estimate? estimate)
    {
        if (estimate is { } e)
        {
            MetricJson.Estimate(json, name, e);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static Document Document(SurveySource source, Request request, ChurnTally tally, IReadOnlyList<PeriodChurn> periods, CohortTable cohorts)
    {
        string level = Formatting.Level(request.Confidence);
        var periodRows = periods.Select(p => (IReadOnlyList<string>)
        [
            Day(p.Start) + (p.IsComplete ? string.Empty : " (partial)"), Formatting.Count(p.Counts.CustomersAtStart), Formatting.Count(p.Counts.Acquired),
            Formatting.Count(p.Counts.Lost), Formatting.Count(p.Counts.CustomersAtEnd),
            p.Rate is double r ? Formatting.Number(100 * r, 2) : "–",
            p.Churn is { } c ? Formatting.Interval(c.Interval.Scale(100), 2) : "–",
        ]).ToList();

        int maxAge = Math.Min(cohorts.MaxAge, 12);
        var cohortRows = cohorts.Rows.Select(row => (IReadOnlyList<string>)
        [
            Day(row.Start), Formatting.Count(row.Size),
            .. Enumerable.Range(0, maxAge + 1).Select(k => row.Cell(k) is { } cell ? Formatting.Number(100 * cell.Retention.Value, 1) : string.Empty),
        ]).ToList();
        cohortRows.Add(
        [
            "weighted", string.Empty,
            .. Enumerable.Range(0, maxAge + 1).Select(k => k < cohorts.Summary.Count ? Formatting.Number(100 * cohorts.Summary[k].Weighted.Value, 1) : string.Empty),
        ]);

        return new Document("Churn and retention",
            [
                $"Source: {source.DisplayName}; {Formatting.Count(tally.Customers)} customers; period {PeriodName(request.Period)}"
                    + (tally.EffectiveAsOf is { } asOf ? $"; as of {Day(asOf)}" : string.Empty),
                $"Churn rate: {DefinitionName(request.Definition)}; intervals for the start-based rate ({level}, Wilson)",
            ],
            [
                new Table("Churn by period", ["Period", "At start", "Acquired", "Lost", "At end", "Churn %", $"{level} CI (start-based)"], periodRows,
                    ["The first period has no starting base, so no rate. Customers acquired and lost in the same period do not count against the starting base."]),
                new Table("Cohort retention (% of the cohort active k periods after acquisition)",
                    ["Cohort", "Size", .. Enumerable.Range(0, maxAge + 1).Select(k => $"k={k}")], cohortRows,
                    ["Empty cells have not happened yet. The weighted row is Σ active / Σ size over the cohorts that reached age k."
                        + (cohorts.MaxAge > maxAge ? $" Showing ages 0–{maxAge} of {cohorts.MaxAge}; --format json has them all." : string.Empty)]),
            ]);
    }
}
