#!/usr/bin/env dotnet
// Survey weighting by raking: respondents raked to population margins, then NPS and CSAT on the raked weights with the
// standard errors of R survey::svymean on a raked design.
//
//   dotnet run samples/weighting-walkthrough.cs     (from the repository root)
//
// The region "raking" is the C# example of docs/weighting.md, kept identical by DocsSnippetTests (see docs/index.md).
#:project ../src/TrustMetrics/TrustMetrics.csproj

using TrustMetrics.Weighting;

RakingExample();

static void RakingExample()
{
    #region raking
    // Known population shares of two variables (e.g. from the customer base).
    var margins = new[]
    {
        new RakingMargin("segment", ["Consumer", "SMB", "Enterprise"], [0.55, 0.30, 0.15]),
        new RakingMargin("channel", ["app", "web"], [0.4, 0.6]),
    };

    // One list per margin: each respondent's level; and each respondent's 0–10 answer.
    string[] segment = ["Consumer", "Consumer", "SMB", "Enterprise", "Consumer", "SMB", "Consumer", "Enterprise"];
    string[] channel = ["app", "web", "app", "web", "app", "app", "web", "web"];
    int[] nps = [10, 7, 3, 9, 9, 6, 10, 8];

    RakedWeights weights = Raking.Rake(margins, [segment, channel]);
    Console.WriteLine(weights);                      // sweeps, max margin error, n_eff, design effect
    Console.WriteLine(weights.Weights[0]);           // the first respondent's weight (weights have mean 1)

    RakedEstimate score = weights.Nps(nps);
    Console.WriteLine($"NPS {score.Score.Value:0.0}, SE {score.Score.StandardError:0.00} (raked), "
        + $"{score.FixedWeightStandardError:0.00} (weights taken as fixed)");

    // Trimming: weights kept within [0.5, 2] × the mean weight, re-raking until margins and bounds both hold;
    // for these 8 respondents the bounds are too tight (a weight of 0.4 is needed), so Converged is false.
    RakedWeights trimmed = Raking.Rake(margins, [segment, channel], new RakingOptions(1e-12, 1000, lowerBound: 0.5, upperBound: 2.0));
    Console.WriteLine($"converged: {trimmed.Converged}, trimmed: {trimmed.TrimmedCount}");
    #endregion
}
