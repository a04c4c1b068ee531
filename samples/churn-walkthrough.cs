#!/usr/bin/env dotnet
// Churn and retention: period churn with intervals, the cohort retention table, revenue retention, and the
// shifted-beta-geometric model that projects a cohort's retention.
//
//   dotnet run samples/churn-walkthrough.cs      (from the repository root; `dotnet run churn-walkthrough.cs` in samples/ works too)
//
// Data: the repository has no customer start/end records yet, so this sample simulates 2,400 subscribers with a fixed seed
// (below: 100 sign-ups a month for two years; 30% "trial-minded" customers churn with probability 0.15 a month, the rest with
// 0.02), which makes retention rise with tenure as real cohorts do. The sBG example uses Fader & Hardie's (2007) published
// "High End" cohort. The regions "churn" and "sbg" are the C# examples of docs/churn.md and docs/retention-sbg.md, kept identical
// by DocsSnippetTests (see docs/index.md).
#:project ../src/TrustMetrics/TrustMetrics.csproj

using TrustMetrics.Churn;
using TrustMetrics.Presentation;

Section("docs/churn.md: C# example");
ChurnExample();
Section("docs/retention-sbg.md: C# example");
SbgExample();

var customers = SimulateSubscribers(seed: 7);
var asOf = new DateOnly(2025, 12, 31);
var churn = new ChurnCalculator();

Section($"Monthly churn of {customers.Length:N0} simulated subscribers (start-based, Wilson 95%)");
var periods = churn.PeriodChurn(ChurnTally.FromCustomers(customers, ChurnPeriod.Month, asOf));
foreach (var period in periods.TakeLast(6))
{
    Console.WriteLine(period);
}

Console.WriteLine();
Console.WriteLine(ResultFormatter.ToMarkdown(periods[^1]));

Section("Quarterly cohorts: share still active k quarters after sign-up");
CohortTable cohorts = churn.CohortTable(ChurnTally.FromCustomers(customers, ChurnPeriod.Quarter, asOf));
Console.WriteLine(ResultFormatter.ToMarkdown(cohorts));

Section("An sBG fit to the first monthly cohort's survivors, projected 12 months past the data");
CohortTable monthly = churn.CohortTable(ChurnTally.FromCustomers(customers, ChurnPeriod.Month, asOf));
long[] survivors = monthly.Rows[0].Cells.Take(13).Select(cell => cell.Active).ToArray();
ShiftedBetaGeometricFit fit = new ShiftedBetaGeometric().Fit(survivors);
Console.WriteLine(ResultFormatter.ToMarkdown(fit));
foreach (var point in fit.Parameters.Project(24).Skip(12))
{
    Console.WriteLine($"month {point.Period,2}: {point.Survival:P1} still active, retention that month {point.RetentionRate:P1}");
}

static void ChurnExample()
{
    #region churn
    CustomerSpan[] customers =
    [
        new(new DateOnly(2025, 1, 6), end: null),                        // still active
        new(new DateOnly(2025, 1, 20), end: new DateOnly(2025, 3, 2)),   // End = the first day no longer a customer
        new(new DateOnly(2025, 2, 3), end: null),
        new(new DateOnly(2025, 2, 17), end: new DateOnly(2025, 2, 28)),
        new(new DateOnly(2025, 3, 10), end: null),
    ];
    IChurnCalculator churn = new ChurnCalculator();                      // start-based churn, Wilson 95 % by default
    var tally = ChurnTally.FromCustomers(customers, ChurnPeriod.Month, asOf: new DateOnly(2025, 3, 31));  // one pass; merge shards with Merge
    foreach (PeriodChurn month in churn.PeriodChurn(tally))
    {
        Console.WriteLine(month);   // 2025-03-01 to 2025-03-31: churn 33.3% (95% CI 6.1% to 79.2%, wilson), S = 3, ...
    }

    // Counts aggregated elsewhere (SQL): S = 1000 at the start, 150 acquired, 60 lost of whom 5 were new.
    var january = ChurnPeriodCounts.Create(new(2025, 1, 1), new(2025, 1, 31), customersAtStart: 1000, acquired: 150, lost: 60, lostAcquiredInPeriod: 5);
    Console.WriteLine(ResultFormatter.ToMarkdown(churn.PeriodChurn(january)));   // churn 5.5% [4.2%, 7.1%]

    CohortTable cohorts = churn.CohortTable(tally);
    Console.WriteLine(ResultFormatter.ToMarkdown(cohorts));              // rows: sign-up month; columns: months since
    #endregion
}

static void SbgExample()
{
    #region sbg
    IRetentionModel model = new ShiftedBetaGeometric();         // or new ShiftedBetaGeometric(options), or from DI
    ShiftedBetaGeometricFit fit = model.Fit([1000, 869, 743, 653, 593, 551, 517, 491]);
    Console.WriteLine(fit);   // sBG(α = 0.668088 ± 0.103735, β = 3.80609 ± 0.785532), LL = -1611.158, n = 1000, T = 7

    var p = fit.Parameters;
    foreach (var point in p.Project(12))                          // t, S(t), r_t, P(T = t)
        Console.WriteLine($"{point.Period,2} {point.Survival:P1} {point.RetentionRate:P1}");
    double median = p.LifetimeQuantile(0.5);                       // 7 periods
    double del = p.DiscountedExpectedLifetime(0.10);               // 5.92225
    double derl = p.DiscountedExpectedResidualLifetime(0.10, 8);   // 7.52963 for a customer in period 8
    Console.WriteLine(ResultFormatter.ToMarkdown(fit));            // α and β with SE and 95 % intervals
    #endregion
}

static void Section(string title) => Console.WriteLine($"\n## {title}\n");

// 100 sign-ups a month in 2024–2025; each month a customer churns with probability 0.15 (30% of them) or 0.02 (the rest).
static CustomerSpan[] SimulateSubscribers(int seed)
{
    var random = new Random(seed);
    var customers = new List<CustomerSpan>();
    for (int month = 0; month < 24; month++)
    {
        for (int i = 0; i < 100; i++)
        {
            var start = new DateOnly(2024, 1, 1).AddMonths(month).AddDays(random.Next(28));
            double churnProbability = random.NextDouble() < 0.3 ? 0.15 : 0.02;
            int tenure = 1;
            while (random.NextDouble() >= churnProbability && tenure < 60)
            {
                tenure++;
            }

            var end = start.AddMonths(tenure);
            customers.Add(new CustomerSpan(start, end <= new DateOnly(2025, 12, 31) ? end : null));
        }
    }

    return [.. customers];
}
