using TrustMetrics.Churn;
using TrustMetrics.Clv;
using TrustMetrics.Estimation;
using TrustMetrics.Funnel;
using TrustMetrics.Nps;
using TrustMetrics.Repurchase;
using TrustMetrics.Reviews;
using TrustMetrics.Scales;
using TrustMetrics.Sentiment;
using TrustMetrics.Service;
using TrustMetrics.Survival;
using TrustMetrics.Tests.Survival;
using TrustMetrics.TrustIndex;

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

    private static string NameOf(object result) => result.GetType() is { IsGenericType: true } generic
        ? $"{generic.Name[..generic.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", generic.GetGenericArguments().Select(a => a.Name))}>"
        : result.GetType().Name;

    private static CovariateFit CovariateFitResult()
    {
        var z = Clv.Covariates.CovariateSimulator.Design(300, 5);
        return new BgNbdCovariateFitter().Fit(Clv.Covariates.CovariateSimulator.BgNbd(Clv.Covariates.CovariateFitTests.BgTruth, z, 6), z);
    }

    private static ShiftedBetaGeometricCovariateFit SbgCovariateFitResult()
    {
        var z = Clv.Covariates.CovariateSimulator.Design(300, 5);
        var (t, c) = Churn.ChurnCovariateSimulator.Simulate(Churn.ShiftedBetaGeometricCovariateTests.Truth, z, 6);
        return new ShiftedBetaGeometricCovariateFitter().Fit(t, c, z);
    }

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
        var trust = new TrustIndexCalculator();
        var trustOptions = new TrustIndexOptions { BootstrapReplicates = 100, SensitivityReplicates = 40 };
        var trustIndex = trust.Calculate(Survey(seed: 1, dip: 0), trustOptions);
        var ratings = new RatingCalculator();
        var stars = ScaleTally.FromCounts(ratings.Scale, [4, 3, 10, 30, 53]);
        var funnels = new FunnelCalculator();
        var tickets = Enumerable.Range(0, 40).Select(i =>
        {
            var opened = new DateTime(2026, 1, 1, 8, 0, 0, DateTimeKind.Utc).AddHours(i * 7);
            return new SupportTicket(opened, opened.AddMinutes(5 + (i * 37 % 300)), i % 9 == 4 ? null : opened.AddHours(1 + (i * 13 % 70)), i % 9 == 4 ? false : i % 3 != 0);
        }).ToList();
        var service = new ServiceMetricsCalculator().Calculate(tickets, new ServiceMetricsSettings { FirstResponseTarget = TimeSpan.FromHours(2), ResolutionTarget = TimeSpan.FromHours(24) });
        var purchases = new TransactionSummarizer<string>(new DateTime(2024, 6, 30));
        foreach (var (customer, day) in new[] { ("a", 1), ("a", 40), ("a", 95), ("b", 10), ("c", 20), ("c", 140), ("d", 33) })
        {
            purchases.Add(customer, new DateTime(2024, 1, 1).AddDays(day));
        }

        return
        [
            nps.Calculate(new NpsTally(20, 35, 45)),
            nps.CalculateWeighted(WeightedNpsTally.FromScores([10, 9, 3, 7, 8, 0, 10], [1.0, 2.0, 0.5, 1.5, 1.0, 1.0, 3.0])),
            TrustMetrics.Weighting.Raking.Rake([new TrustMetrics.Weighting.RakingMargin("segment", ["a", "b"], [0.5, 0.5])], [new[] { 0, 0, 1, 0 }]),
            TrustMetrics.Weighting.Raking.Rake([new TrustMetrics.Weighting.RakingMargin("segment", ["a", "b"], [0.5, 0.5])], [new[] { 0, 0, 1, 0 }]).Nps([10, 3, 9, 7]),
            csat.Calculate([5, 4, 4, 3, 5, 2, 1, 4, 5, 5]),
            csat.Compare(ScaleTally.FromScores(csat.Scale, [5, 4, 4, 3, 5]), ScaleTally.FromScores(csat.Scale, [2, 4, 1, 3, 5, 2])),
            new Estimate(23.4, 2.7, new ConfidenceInterval(18.1, 28.6, 0.95, "score")),
            NpsComparison.Compare(new NpsTally(20, 35, 45), new NpsTally(30, 30, 40)),
            PairedNpsComparison.Compare(PairedNpsTally.FromCounts(new long[,] { { 40, 12, 8 }, { 10, 70, 25 }, { 5, 15, 115 } })),
            survival.KaplanMeier(SurvivalData.Tally(waltons)),
            survival.NelsonAalen(SurvivalData.Tally(waltons, "miR-137")),
            survival.LogRank(new Dictionary<string, SurvivalTally>
            {
                ["miR-137"] = SurvivalData.Tally(waltons, "miR-137"),
                ["control"] = SurvivalData.Tally(waltons, "control"),
            }),
            survival.KaplanMeierByGroup(waltons.Select(s => (s.Group, s.Duration, s.Event))),
            survival.PairwiseLogRank(waltons.GroupBy(s => s.Group).Select(g => KeyValuePair.Create(g.Key, SurvivalData.Tally(g))), new LogRankWeights(1, 0)),
            survival.CompareRestrictedMeans(survival.KaplanMeier(SurvivalData.Tally(waltons, "control")), survival.KaplanMeier(SurvivalData.Tally(waltons, "miR-137")), 60),
            survival.CumulativeIncidence(CompetingRisksTally.FromRows([(1.0, "voluntary"), (2.0, null), (2.0, "payment"), (3.0, "voluntary"), (4.0, null)])),
            survival.GrayTest(new Dictionary<string, CompetingRisksTally>
            {
                ["web"] = CompetingRisksTally.FromRows([(1.0, "voluntary"), (2.0, null), (2.0, "payment"), (3.0, "voluntary"), (5.0, "payment")]),
                ["store"] = CompetingRisksTally.FromRows([(1.5, "payment"), (2.0, "voluntary"), (3.0, null), (4.0, "voluntary"), (4.5, "payment")]),
            }, "voluntary"),
            churn.CohortTable(customers, ChurnPeriod.Month, new DateOnly(2024, 9, 30)),
            periods[^1],
            churn.RevenueRetention(new RevenueMovements(1000, 50, 20, 80)),
            new ShiftedBetaGeometric().Fit(Churn.ShiftedBetaGeometricTests.HighEnd),
            bgNbd,
            new GammaGammaFitter().Fit(CompressedSpend.From(Clv.ClvData.CdnowSpend.Select(r => (r.X, r.Zbar)))),
            trustIndex,
            trustIndex.Dimensions[0],
            trustIndex.Dimensions[0].Reliability,
            trustIndex.Segments[0],
            trustIndex.KeyDrivers!,
            trust.ImportancePerformance(Survey(seed: 4, dip: 0), new TrustIndexOptions { BootstrapReplicates = 50 }),
            trustIndex.Sensitivity!,
            new TrustMetrics.TrustIndex.Sensitivity.SobolCalculator().TrustIndex(Survey(seed: 4, dip: 0), baseSamples: 64, bootstrapReplicates: 20),
            new TrustMetrics.TrustIndex.Sensitivity.SobolCalculator().Analyze([TrustMetrics.TrustIndex.Sensitivity.SobolFactor.Discrete("x", 2)], x => x[0], 32, 10),
            new TrustMetrics.TrustIndex.Sensitivity.SobolCalculator().DecomposeUncertainty(Survey(seed: 4, dip: 0), baseSamples: 64, resamples: 20, bootstrapReplicates: 20),
            trust.CompareTrustPeriods(Survey(seed: 2, dip: 0), Survey(seed: 3, dip: 1.2), new TrustIndexOptions { BootstrapReplicates = 100 }),
            ratings.Calculate(stars, new RatingPrior(4.1, 50)),
            ratings.RankRatings(new[] { ("<kettle>", 5), ("<kettle>", 4), ("fan", 2), ("fan", 5), ("fan", 4), ("lamp", 3) }),
            ratings.Compare(stars, ScaleTally.FromCounts(ratings.Scale, [8, 6, 12, 30, 44])),
            new SentimentCalculator().Calculate(new SentimentTally(20, 100, 80)),
            new CorrectedSentimentCalculator().Correct(new SentimentTally(412, 388, 1200), SentimentConfusion.FromCounts([80, 15, 5, 20, 60, 20, 6, 24, 170])),
            service,
            service.TimeToResolution!,
            new RepurchaseCalculator().Calculate(purchases),
            funnels.Calculate(FunnelTally.FromReached(["visit", "cart", "checkout", "purchase"], [10000, 4000, 1200, 300])),
            funnels.Compare(FunnelTally.FromReached(["a", "b", "c"], [2000, 200, 45]), FunnelTally.FromReached(["a", "b", "c"], [2100, 260, 30])),
            trustIndex.Dimensions[0].Reliability.Omega,
            new CoxRegression().Fit(CoxData.Create(["age"], [[61, 52, 70, 48, 66, 57, 73, 45]], [5, 8, 3, 12, 4, 9, 2, 15],
                [true, true, true, false, true, false, true, false])),
            new HoldoutEvaluator().Evaluate(SmallPanel(), new HoldoutEvaluationOptions([HoldoutModel.BgNbd])),
            new ValueSegmenter().Segment(Clv.ClvData.CdnowHistories, Clv.ClvData.CdnowSpend.Select(s => s.Zbar).ToArray(),
                new BgNbdModel(new BgNbdParameters(0.242592863, 4.413530438, 0.7928854937, 2.425752092)),
                new GammaGammaModel(new GammaGammaParameters(6.248795206, 3.744589333, 15.44777208))),
            CovariateFitResult(),
            SbgCovariateFitResult(),
        ];
    }

    /// <summary>A seeded panel of 120 customers buying daily with probability 1–5 % until a random death, split at mid-year.</summary>
    private static HoldoutPanel SmallPanel()
    {
        var random = new Random(7);
        var summarizer = new TransactionSummarizer<int>(new DateTime(2021, 12, 31), ClvTimeUnit.Day, 7);
        for (int c = 0; c < 120; c++)
        {
            var first = new DateTime(2021, 1, 1).AddDays(random.Next(60));
            summarizer.Add(c, first);
            double rate = 0.01 + (0.04 * random.NextDouble());
            var death = first.AddDays(random.Next(20, 700));
            for (var day = first.AddDays(1); day < death && day <= new DateTime(2021, 12, 31); day = day.AddDays(1))
            {
                if (random.NextDouble() < rate)
                {
                    summarizer.Add(c, day);
                }
            }
        }

        return HoldoutPanel.From(summarizer, new DateTime(2021, 6, 30));
    }

    /// <summary>
    /// A seeded survey on the five default drivers (3 items each, 1–5), three segments and an NPS-like outcome; <paramref name="dip"/>
    /// lowers segment "B"'s transparency, so a period comparison has something to flag.
    /// </summary>
    private static TrustSurvey Survey(int seed, double dip)
    {
        const int Respondents = 90;
        var random = new Random(seed);
        var items = TrustDrivers.Default().SelectMany(d => d.Items).ToArray();
        var answers = new double[Respondents * items.Length];
        var segments = new string[Respondents];
        var outcome = new double[Respondents];
        for (int r = 0; r < Respondents; r++)
        {
            segments[r] = ((char)('A' + (r % 3))).ToString();
            double z = (random.NextDouble() * 2) - 1;
            for (int i = 0; i < items.Length; i++)
            {
                double shift = i < 3 && segments[r] == "B" ? dip : 0;
                answers[(r * items.Length) + i] = Math.Clamp(Math.Round(3.4 + (1.3 * z) - shift + (random.NextDouble() - 0.5)), 1, 5);
            }

            outcome[r] = Math.Clamp(Math.Round(7 + (3 * z) + (random.NextDouble() * 2) - 1), 0, 10);
        }

        return new TrustSurvey(items, answers, segments, outcome, "nps");
    }
}
