using TrustMetrics.Churn;
using TrustMetrics.Clv;
using TrustMetrics.Estimation;
using TrustMetrics.Nps;
using TrustMetrics.Scales;
using TrustMetrics.Survival;
using TrustMetrics.Tests.Survival;

namespace TrustMetrics.Tests.Presentation;

/// <summary>One instance of every result type that renders itself, computed from the reference data the family tests use.</summary>
internal static class RenderedResults
{
    private static readonly Lazy<object[]> All = new(Create);

    /// <summary>xunit member data: one row per result, named by its type.</summary>
    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (object result in All.Value)
        {
            data.Add(NameOf(result));
        }

        return data;
    }

    public static object Get(string name) => All.Value.Single(r => NameOf(r) == name);

    public static IEnumerable<object> Each => All.Value;

    private static string NameOf(object result) => result.GetType().Name;

    private static object[] Create()
    {
        var nps = new NpsCalculator();
        var csat = new CsatCalculator();
        var survival = new SurvivalAnalyzer();
        var churn = new ChurnCalculator();
        var waltons = SurvivalData.Waltons;
        var customers = Enumerable.Range(0, 60)
            .Select(i => new CustomerSpan(new DateOnly(2024, 1 + (i % 6), 1 + (i % 28)), i % 3 == 0 ? new DateOnly(2024, 8, 1 + (i % 20)) : null))
            .ToArray();
        var periods = churn.PeriodChurn(customers, ChurnPeriod.Month, new DateOnly(2024, 9, 30));
        var bgNbd = new BgNbdFitter().Fit(CompressedHistories.From(Clv.ClvData.CdnowHistories));
        return
        [
            nps.Calculate(NpsTally.FromCounts(20, 35, 45)),
            nps.CalculateWeighted([10, 9, 3, 7, 8, 0, 10], [1.0, 2.0, 0.5, 1.5, 1.0, 1.0, 3.0]),
            csat.Calculate([5, 4, 4, 3, 5, 2, 1, 4, 5, 5]),
            csat.Compare(ScaleTally.FromScores(csat.Scale, [5, 4, 4, 3, 5]), ScaleTally.FromScores(csat.Scale, [2, 4, 1, 3, 5, 2])),
            new Estimate(23.4, 2.7, new ConfidenceInterval(18.1, 28.6, 0.95, "score")),
            NpsComparison.Compare(NpsTally.FromCounts(20, 35, 45), NpsTally.FromCounts(30, 30, 40)),
            survival.KaplanMeier(SurvivalData.Tally(waltons)),
            survival.NelsonAalen(SurvivalData.Tally(waltons, "miR-137")),
            survival.LogRank(new Dictionary<string, SurvivalTally>
            {
                ["miR-137"] = SurvivalData.Tally(waltons, "miR-137"),
                ["control"] = SurvivalData.Tally(waltons, "control"),
            }),
            survival.KaplanMeierByGroup(waltons.Select(s => (s.Group, s.Duration, s.Event))),
            churn.CohortTable(customers, ChurnPeriod.Month, new DateOnly(2024, 9, 30)),
            periods[^1],
            churn.RevenueRetention(new RevenueMovements(1000, 50, 20, 80)),
            new ShiftedBetaGeometric().Fit(Churn.ShiftedBetaGeometricTests.HighEnd),
            bgNbd,
            bgNbd.Report,
            new GammaGammaFitter().Fit(CompressedSpend.From(Clv.ClvData.CdnowSpend.Select(r => (r.X, r.Zbar)))),
        ];
    }
}
