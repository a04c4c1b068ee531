#!/usr/bin/env dotnet
// Customer lifetime value: transactions → recency/frequency/monetary summaries → BG/NBD and Gamma–Gamma fits →
// per-customer P(alive), expected purchases and discounted CLV.
//
//   dotnet run samples/clv-walkthrough.cs        (from the repository root; `dotnet run clv-walkthrough.cs` in samples/ works too)
//
// Data: tests/TrustMetrics.Tests/Data/CDNOW_sample.txt, the CDNOW 1/10 sample (2,357 customers, 6,919 transactions,
// 1997-01 to 1998-06) from Fader & Hardie's teaching material as bundled with lifetimes (MIT); see
// tests/TrustMetrics.Tests/Data/README.md. The region "clv" is the C# example of docs/clv.md, kept identical by
// DocsSnippetTests (see docs/index.md).
#:project ../src/TrustMetrics/TrustMetrics.csproj

using System.Globalization;
using TrustMetrics.Clv;
using TrustMetrics.Estimation;
using TrustMetrics.Presentation;

Section("docs/clv.md: C# example");
DocsExample();

Section("Which customers are worth most over the next 12 months?");
var summarizer = new TransactionSummarizer<int>(new DateTime(1997, 9, 30), ClvTimeUnit.Day, multiplier: 7); // weeks, calibration to 1997-09-30
foreach (var (id, date, amount) in CdnowTransactions())
{
    summarizer.Add(id, date, amount);
}

var customers = summarizer.Summarize();
ClvFit<BgNbdModel> purchases = new BgNbdFitter().Fit(CompressedHistories.From(customers.Select(c => c.History)));
ClvFit<GammaGammaModel> spend = new GammaGammaFitter().Fit(CompressedSpend.From(customers.Select(c => (c.Frequency, c.MonetaryValue))));
Console.WriteLine(ResultFormatter.ToMarkdown(spend));

var ranked = customers
    .Select(c => (
        Customer: c,
        Alive: purchases.Model.ProbabilityAlive(c.History),
        Purchases: purchases.Model.ConditionalExpectedPurchases(52, c.History),
        Clv: CustomerLifetimeValue.Discounted(purchases.Model, c.History,
            spend.Model.ConditionalExpectedAverageSpend(c.Frequency, c.MonetaryValue) * 0.3, months: 12,
            monthlyDiscountRate: 0.01, unitsPerMonth: CustomerLifetimeValue.WeeksPerMonth)))
    .OrderByDescending(p => p.Clv)
    .ToList();

Console.WriteLine("| customer | repeat purchases | P(alive) | purchases next 52 weeks | 12-month CLV at 30% margin |");
Console.WriteLine("|---|---:|---:|---:|---:|");
foreach (var p in ranked.Take(10))
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {p.Customer.CustomerId} | {p.Customer.Frequency} | {p.Alive:0.000} | {p.Purchases:0.00} | {p.Clv:0.00} |"));
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"\nMean 12-month CLV over {ranked.Count:N0} customers: {ranked.Average(p => p.Clv):0.00}; " +
    $"{ranked.Count(p => p.Alive < 0.5):N0} customers are more likely gone than not."));

static void DocsExample()
{
    #region clv
    // CDNOW: 2,357 customers' (x, t_x, T) in weeks; CdnowTransactions (end of this sample) reads the transaction file.
    var summarizer = new TransactionSummarizer<int>(new DateTime(1997, 9, 30), ClvTimeUnit.Day, multiplier: 7); // weeks
    foreach (var (id, date, amount) in CdnowTransactions())
        summarizer.Add(id, date, amount);
    IReadOnlyList<CustomerSummary<int>> rows = summarizer.Summarize();

    ClvFit<BgNbdModel> fit = new BgNbdFitter().Fit(CompressedHistories.From(rows.Select(r => r.History)));
    Console.WriteLine(fit);               // BG/NBD(r = 0.242595 ± 0.0126, alpha = 4.4136 ± 0.378, a = 0.792922 ± 0.186, b = 2.42591 ± 0.705), ...
    Console.WriteLine(ResultFormatter.ToMarkdown(fit)); // estimates, SEs, 95% intervals, log-likelihood, AIC, convergence
    Estimate r = fit.Estimates["r"];      // r.Value = fit.Model.Parameters.R, r.StandardError, r.Interval (log-scale Wald)

    var history = new PurchaseHistory(frequency: 2, recency: 30.43, T: 38.86);
    double alive = fit.Model.ProbabilityAlive(history);
    double next39Weeks = fit.Model.ConditionalExpectedPurchases(39, history);     // 1.2259
    double quick = CustomerLifetimeValue.Simple(revenuePerPeriod: 100, margin: 0.3, retention: 0.8, discountRate: 0.1); // 80
    #endregion
}

static void Section(string title) => Console.WriteLine($"\n## {title}\n");

// CDNOW_sample.txt: whitespace-separated master id, customer id (1..2357), date yyyyMMdd, number of CDs, dollar value.
static IEnumerable<(int Id, DateTime Date, double Amount)> CdnowTransactions() =>
    File.ReadLines(DataFile("CDNOW_sample.txt"))
        .Select(line => line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        .Where(c => c.Length == 5)
        .Select(c => (int.Parse(c[1], CultureInfo.InvariantCulture), DateTime.ParseExact(c[2], "yyyyMMdd", CultureInfo.InvariantCulture),
            double.Parse(c[4], CultureInfo.InvariantCulture)));

// A file of the test data this repository ships (tests/TrustMetrics.Tests/Data), found from this file's folder, samples/.
static string DataFile(string name) =>
    Path.Combine(AppContext.GetData("EntryPointFileDirectoryPath") as string ?? "samples", "..", "tests", "TrustMetrics.Tests", "Data", name);
