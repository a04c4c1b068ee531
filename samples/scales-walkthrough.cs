#!/usr/bin/env dotnet
// CSAT and CES: top-box shares and means with intervals, by channel, and a two-sample comparison.
//
//   dotnet run samples/scales-walkthrough.cs     (from the repository root; `dotnet run scales-walkthrough.cs` in samples/ works too)
//
// Data: src/TrustMetrics.Cli/Sample/survey.csv, the synthetic survey of the fictional "Hanbit Home Appliances" embedded in the
// CLI (csat 1–5 and ces 1–7, empty when not answered; see src/TrustMetrics.Cli/Sample/README.md).
// The regions "csat", "ces" and "intervals" are the C# examples of docs/csat.md, docs/ces.md and docs/intervals.md, kept
// identical by DocsSnippetTests (see docs/index.md).
#:project ../src/TrustMetrics/TrustMetrics.csproj

using TrustMetrics;
using TrustMetrics.Estimation;
using TrustMetrics.Presentation;
using TrustMetrics.Scales;

Section("docs/csat.md: C# example");
CsatExample();
Section("docs/ces.md: C# example");
CesExample();
Section("docs/intervals.md: C# example");
IntervalsExample();

var survey = ReadSurvey();
var csat = new CsatCalculator();
var ces = new CesCalculator();

Section("The sample survey: CSAT (satisfied = 4–5)");
ScaleMetricResult satisfaction = csat.Calculate(survey.Where(r => r.Csat is not null).Select(r => r.Csat!.Value));
Console.WriteLine(satisfaction);
Console.WriteLine();
Console.WriteLine(ResultFormatter.ToMarkdown(satisfaction));

Section("CES by channel (easy = 5–7): phone is the hard channel");
foreach (var group in ces.CalculateByGroup(survey.Where(r => r.Ces is not null).Select(r => (r.Channel, r.Ces!.Value))))
{
    Console.WriteLine($"{group.Group,-6} {group.Result}");
}

Section("CES: phone against every other channel");
var phone = ScaleTally.FromScores(ces.Scale, survey.Where(r => r.Ces is not null && r.Channel == "phone").Select(r => r.Ces!.Value));
var rest = ScaleTally.FromScores(ces.Scale, survey.Where(r => r.Ces is not null && r.Channel != "phone").Select(r => r.Ces!.Value));
ScaleComparison effort = ces.Compare(phone, rest);
Console.WriteLine(ResultFormatter.ToMarkdown(effort));

static void CsatExample()
{
    #region csat
    var csat = new CsatCalculator();                                   // 1–5, satisfied = 4–5, Wilson, 95 %

    ScaleMetricResult r = csat.Calculate(new[] { 5, 4, 4, 3, 5, 2, 4, 5, 3, 4 });
    Console.WriteLine(r);                                              // CSAT 70.0% [39.7, 89.2], mean 3.90 (n = 10)
    Console.WriteLine($"{r.TopBox.Value:0.0}% satisfied [{r.TopBox.Interval.Lower:0.0}, {r.TopBox.Interval.Upper:0.0}]");
    Console.WriteLine($"mean {r.Mean.Value:0.00} [{r.Mean.Interval.Lower:0.00}, {r.Mean.Interval.Upper:0.00}]");
    for (int answer = r.Tally.Scale.Min; answer <= r.Tally.Scale.Max; answer++)
    {
        Console.WriteLine($"{answer}: {r.Tally.Counts[answer - r.Tally.Scale.Min]}");
    }

    // Another interval method for one call.
    ScaleMetricResult exact = csat.Calculate(r.Tally, method: ProportionIntervalMethod.ClopperPearson);

    // Compare with another period.
    ScaleTally previous = ScaleTally.FromScores(RatingScale.FivePoint, new[] { 3, 4, 2, 3, 5, 1, 3, 4, 2, 3, 4, 3 });
    ScaleComparison change = csat.Compare(r.Tally, previous);
    Console.WriteLine($"top box {change.TopBox.Difference:+0.0;-0.0} pp (p = {change.TopBox.PValue:0.000}), " +
                      $"mean {change.Mean.Difference:+0.00;-0.00} (Welch p = {change.Mean.PValue:0.000})");
    Console.WriteLine(ResultFormatter.ToMarkdown(change));             // both differences as a table
    #endregion
}

static void CesExample()
{
    #region ces
    var ces = new CesCalculator();                                      // 1–7, easy = 5–7, Wilson, 95 %
    ScaleMetricResult r = ces.Calculate(new[] { 6, 5, 7, 4, 6, 6, 3, 5, 7, 6, 5, 4 });
    Console.WriteLine($"{r.TopBox.Value:0.0}% easy [{r.TopBox.Interval.Lower:0.0}, {r.TopBox.Interval.Upper:0.0}], " +
                      $"mean {r.Mean.Value:0.000} [{r.Mean.Interval.Lower:0.000}, {r.Mean.Interval.Upper:0.000}]");

    // A 5-point CES where 4–5 count as easy, at 90 %.
    var ces5 = new CesCalculator(new TrustMetricsOptions
    {
        CesScale = RatingScale.FivePoint,
        CesThreshold = 4,
        ConfidenceLevel = 0.90,
    });

    // Per support channel.
    (string Channel, int Answer)[] rows = [("chat", 6), ("chat", 7), ("phone", 3), ("phone", 5), ("phone", 6)];
    foreach (var group in ces.CalculateByGroup(rows.Select(row => (row.Channel, row.Answer))))
    {
        Console.WriteLine($"{group.Group}: mean {group.Result.Mean.Value:0.00}, {group.Result.TopBox.Value:0}% easy");
    }
    #endregion
}

static void IntervalsExample()
{
    #region intervals
    foreach (var method in Enum.GetValues<ProportionIntervalMethod>())
    {
        ConfidenceInterval ci = ProportionIntervals.Compute(81, 263, 0.95, method);
        Console.WriteLine($"{ci.Method,-16} [{ci.Lower:0.0000000000}, {ci.Upper:0.0000000000}]  width {ci.Width:0.0000}");
    }
    Estimate share = ProportionIntervals.Estimate(81, 263);        // Value 0.30798…, StandardError √(p̂q̂/n), Wilson
    Console.WriteLine(share);                                      // 0.308 (SE 0.02847, 95% CI 0.2553 to 0.3662, wilson)
    #endregion
}

static void Section(string title) => Console.WriteLine($"\n## {title}\n");

// The survey's rows, columns found by name (so added columns do not break the sample).
static List<SurveyRow> ReadSurvey()
{
    using var lines = File.ReadLines(RepositoryFile("src/TrustMetrics.Cli/Sample/survey.csv")).GetEnumerator();
    lines.MoveNext();
    var header = lines.Current.Split(',');
    int channel = Array.IndexOf(header, "channel"), csat = Array.IndexOf(header, "csat"), ces = Array.IndexOf(header, "ces");
    var rows = new List<SurveyRow>();
    while (lines.MoveNext())
    {
        var f = lines.Current.Split(',');
        rows.Add(new SurveyRow(f[channel],
            f[csat].Length == 0 ? null : int.Parse(f[csat], System.Globalization.CultureInfo.InvariantCulture),
            f[ces].Length == 0 ? null : int.Parse(f[ces], System.Globalization.CultureInfo.InvariantCulture)));
    }

    return rows;
}

// A path in the repository: this file lives in samples/, so the root is its folder's parent, whatever the current folder.
static string RepositoryFile(string relativePath) =>
    Path.Combine(AppContext.GetData("EntryPointFileDirectoryPath") as string ?? "samples", "..", relativePath);

internal sealed record SurveyRow(string Channel, int? Csat, int? Ces);
