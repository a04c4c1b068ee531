#!/usr/bin/env dotnet
// Coverage of the corrected net-sentiment interval (adjusted classify-and-count / Rogan-Gladen, delta method) by seeded
// simulation, through the public API of the core (the tests run the same model at 400 replicates):
//   dotnet run scripts/sentiment-coverage.cs [replicates=10000] [seed=20261206]
// Model: true shares (negative, neutral, positive) = (0.25, 0.20, 0.55), net 30; the classifier labels a true negative
// (0.80, 0.15, 0.05), a true neutral (0.20, 0.60, 0.20), a true positive (0.03, 0.12, 0.85); production n and validation m
// drawn independently from the same population. Prints the coverage of the 95% interval of the net and of each share, and
// the coverage of the naive (uncorrected) score interval for comparison.
#:project ../src/TrustMetrics/TrustMetrics.csproj
#:include ../tests/TrustMetrics.Tests/Sentiment/CoverageSimulation.cs
#:include ../tests/TrustMetrics.Tests/Draws.cs
#:property GenerateDocumentationFile=false
#:property TreatWarningsAsErrors=false
using System.Globalization;
using TrustMetrics.Nps;
using TrustMetrics.Sentiment;
using TrustMetrics.Tests.Sentiment;

int replicates = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
int seed = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20261206;
double[] truth = CoverageSimulation.Truth;
double net = 100 * (truth[2] - truth[0]);
var corrected = new CorrectedSentimentCalculator();
var naive = new SentimentCalculator();
Console.WriteLine(FormattableString.Invariant($"replicates {replicates}, seed {seed}, 95% intervals; true net {net}"));
Console.WriteLine("production  validation  net covered  (MC SE)  neg     neu     pos     constrained  naive net covered");
foreach (var (n, m) in new[] { (2000, 300), (2000, 100), (10000, 1000), (500, 200), (20000, 300) })
{
    var random = new Random(seed);
    int covered = 0, naiveCovered = 0, constrained = 0;
    var shareCovered = new int[3];
    for (int r = 0; r < replicates; r++)
    {
        var (predicted, confusion) = CoverageSimulation.Draw(random, n, m);
        var tally = new SentimentTally(predicted[0], predicted[1], predicted[2]);
        CorrectedSentimentResult result;
        try
        {
            result = corrected.Correct(tally, SentimentConfusion.FromCounts(confusion), 0.95);
        }
        catch (ArgumentException)
        {
            continue; // a class absent from a tiny validation sample: counted as not covered
        }

        covered += result.NetSentiment.Interval.Contains(net) ? 1 : 0;
        constrained += result.Constrained ? 1 : 0;
        shareCovered[0] += result.Negative.Interval.Contains(truth[0]) ? 1 : 0;
        shareCovered[1] += result.Neutral.Interval.Contains(truth[1]) ? 1 : 0;
        shareCovered[2] += result.Positive.Interval.Contains(truth[2]) ? 1 : 0;
        naiveCovered += naive.Calculate(tally, 0.95).Score.Interval.Contains(net) ? 1 : 0;
    }

    double p = (double)covered / replicates;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{n,10}  {m,10}  {100 * p,10:0.00}%  ({100 * Math.Sqrt(p * (1 - p) / replicates):0.00})  {100.0 * shareCovered[0] / replicates,5:0.0}%  {100.0 * shareCovered[1] / replicates,5:0.0}%  {100.0 * shareCovered[2] / replicates,5:0.0}%  {constrained,11}  {100.0 * naiveCovered / replicates,16:0.0}%"));
}
