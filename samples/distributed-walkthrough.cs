#!/usr/bin/env dotnet
// Partial tallies computed elsewhere (a warehouse, Spark, a stream processor), shipped as versioned JSON states and merged.
//
//   dotnet run samples/distributed-walkthrough.cs        (from the repository root)
//
// The region "sql-merge" is the C# example of docs/distributed.md, kept identical by DocsSnippetTests (see docs/index.md).
#:project ../src/TrustMetrics/TrustMetrics.csproj

using TrustMetrics.Nps;
using TrustMetrics.Serialization;
using TrustMetrics.Survival;

Console.WriteLine("== docs/distributed.md: merging partial tallies computed in SQL");
SqlMerge();

static void SqlMerge()
{
    #region sql-merge
    // SELECT day, SUM(score <= 6), SUM(score IN (7, 8)), SUM(score >= 9) FROM responses GROUP BY day
    // returned these rows on each of two warehouse shards:
    (string Day, long Detractors, long Passives, long Promoters)[] shardA = [("2026-11-21", 120, 210, 370), ("2026-11-22", 95, 160, 301)];
    (string Day, long Detractors, long Passives, long Promoters)[] shardB = [("2026-11-21", 64, 120, 188), ("2026-11-22", 80, 133, 240)];

    // Each row becomes a tally (negative counts are refused); ToJson() is a small versioned document you can store or ship.
    var partials = shardA.Concat(shardB)
        .Select(row => new NpsTally(row.Detractors, row.Passives, row.Promoters).ToJson())
        .ToList();
    Console.WriteLine(partials[0]); // {"version":1,"detractors":120,"passives":210,"promoters":370}

    // Anywhere else: read, validate and merge. The merge equals the tally of all the raw answers.
    NpsTally total = partials
        .Select(NpsTally.FromJson)
        .Aggregate(NpsTally.Empty, (sum, tally) => sum + tally);
    Console.WriteLine(new NpsCalculator().Calculate(total)); // NPS 35.6 [32.3, 38.8] (95% score, n = 2081)

    // Kaplan–Meier works the same way: GROUP BY duration gives events and censorings per time, in any order.
    var survival = SurvivalTally.FromCounts([30, 60, 30], [12, 9, 5], [40, 22, 3])
                 + SurvivalTally.FromCounts([60, 90], [4, 7], [10, 31]);
    Console.WriteLine(new SurvivalAnalyzer().KaplanMeier(survival).SurvivalAt(60).ToString("0.000")); // 0.743
    #endregion
}
