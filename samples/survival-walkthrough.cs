#!/usr/bin/env dotnet
// Survival analysis of churn: Kaplan–Meier curves per group with intervals, median and restricted mean lifetimes,
// the log-rank test and the Nelson–Aalen cumulative hazard.
//
//   dotnet run samples/survival-walkthrough.cs   (from the repository root; `dotnet run survival-walkthrough.cs` in samples/ works too)
//
// Data: tests/TrustMetrics.Tests/Data/waltons_dataset.csv (lifelines' Waltons data: Drosophila lifetimes in days, groups
// miR-137 and control; copied from lifelines 0.30.1, MIT; see tests/TrustMetrics.Tests/Data/README.md).
// The region "survival" is the C# example of docs/survival.md, kept identical by DocsSnippetTests (see docs/index.md).
#:project ../src/TrustMetrics/TrustMetrics.csproj

using System.Globalization;
using TrustMetrics.Presentation;
using TrustMetrics.Survival;

Section("docs/survival.md: C# example");
DocsExample();

var subjects = File.ReadLines(DataFile("waltons_dataset.csv")).Skip(1)
    .Select(line => line.Split(','))
    .Select(f => (Group: f[2], Duration: double.Parse(f[0], CultureInfo.InvariantCulture), Event: f[1] == "1"))
    .ToList();
var survival = new SurvivalAnalyzer();

Section("Kaplan–Meier per group, with the log-rank test");
SurvivalComparison<string> byGroup = survival.KaplanMeierByGroup(subjects);
Console.WriteLine(byGroup);
Console.WriteLine();
Console.WriteLine(ResultFormatter.ToMarkdown(byGroup));

Section("The miR-137 curve, step by step");
KaplanMeierResult mir = byGroup.Groups.Single(g => g.Group == "miR-137").Result;
Console.WriteLine(ResultFormatter.ToMarkdown(mir));

Section("Log-rank: observed and expected events");
Console.WriteLine(ResultFormatter.ToMarkdown(byGroup.LogRank!));

Section("Nelson–Aalen cumulative hazard of the miR-137 group");
NelsonAalenResult hazard = survival.NelsonAalen(mir.Tally);
Console.WriteLine(ResultFormatter.ToMarkdown(hazard));

static void DocsExample()
{
    #region survival
    // waltons_dataset.csv: T (days), E (1 = died/churned, 0 = censored), group. DataFile (end of this sample) finds it.
    var rows = File.ReadLines(DataFile("waltons_dataset.csv")).Skip(1)
        .Select(line => line.Split(','))
        .Select(f => (Group: f[2], Duration: double.Parse(f[0], CultureInfo.InvariantCulture), Event: f[1] == "1"));

    ISurvivalAnalyzer survival = new SurvivalAnalyzer();
    SurvivalComparison<string> comparison = survival.KaplanMeierByGroup(rows);

    foreach (var (group, km) in comparison.Groups)
    {
        Console.WriteLine($"{group}: {km}");
        var rmst = km.RestrictedMean(60);
        Console.WriteLine($"  RMST to day 60: {rmst.Value:F2} days (SE {rmst.StandardError:F2})");
        Console.WriteLine($"  S(50) = {km.SurvivalAt(50):F4}");
    }

    Console.WriteLine(comparison.LogRank);
    Console.WriteLine(ResultFormatter.ToMarkdown(comparison));              // n, events and median with its interval per group

    // Per-shard tallies merge: summarise where the data lives, combine later.
    SurvivalTally shard1 = SurvivalTally.FromDurations([7.0, 17, 32], [1, 1, 0]);
    SurvivalTally shard2 = SurvivalTally.FromDurations([7.0, 45], [0, 1]);
    KaplanMeierResult pooled = survival.KaplanMeier(shard1 + shard2);
    foreach (SurvivalPoint row in pooled.Table)
    {
        Console.WriteLine($"{row.Time,4} {row.AtRisk,3} {row.Events} {row.Censored} {row.Survival:F4} [{row.Lower:F4}, {row.Upper:F4}]");
    }
    #endregion
}

static void Section(string title) => Console.WriteLine($"\n## {title}\n");

// A file of the test data this repository ships (tests/TrustMetrics.Tests/Data), found from this file's folder, samples/.
static string DataFile(string name) =>
    Path.Combine(AppContext.GetData("EntryPointFileDirectoryPath") as string ?? "samples", "..", "tests", "TrustMetrics.Tests", "Data", name);
