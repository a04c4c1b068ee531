using TrustMetrics.Clv;
using TrustMetrics.Presentation;

namespace TrustMetrics.Tests.Clv;

/// <summary>
/// The holdout scorecard on CDNOW (CDNOW_sample.txt, 2,357 customers, calibration to 1997-09-30, holdout to 1998-06-30, weeks = days/7).
/// Every number is from the independent numpy/scipy/pandas script Clv/Data/holdout_scorecard_reference.py (its printed output is
/// Clv/Data/holdout_scorecard_reference.txt), whose fits reproduce ltv-churn.md §3's R-here exact-weeks estimates and whose tracking
/// curve reproduces BTYD's walkthrough (BTYD-vig) for weeks 20–25.
/// </summary>
public class HoldoutScorecardTests
{
    private static readonly Lazy<HoldoutPanel> Panel = new(() =>
    {
        var summarizer = new TransactionSummarizer<int>(new DateTime(1998, 6, 30), ClvTimeUnit.Day, multiplier: 7);
        foreach (var (id, date, amount) in ClvData.CdnowTransactions())
        {
            summarizer.Add(id, date, amount);
        }

        return HoldoutPanel.From(summarizer, new DateTime(1997, 9, 30));
    });

    private static readonly Lazy<HoldoutScorecard> Card = new(() => new HoldoutEvaluator().Evaluate(Panel.Value));

    [Fact]
    public void Panel_matches_the_cdnow_conventions()
    {
        var panel = Panel.Value;
        // ltv-churn.md §1/§3 (R-here): 2,357 customers, 1,882 holdout repeat purchase days, holdout 39 weeks, calibration weeks 1–39.
        Assert.Equal(2357, panel.CustomerCount);
        Assert.Equal(1882, panel.HoldoutTotal);
        Assert.Equal(39.0, panel.HoldoutDuration, 12);
        Assert.Equal(39.0, panel.CalibrationLength, 12);
    }

    [Fact]
    public void Bgnbd_reproduces_the_published_aggregate_and_tracking_curve()
    {
        var bg = Card.Value.Models[0];
        Assert.Equal("bgnbd", bg.Model);
        // Parameters: R-here exact weeks 0.2425945479, 4.413603224, 0.792920816, 2.42590302, LL −9582.42920667 (ltv-churn.md §3).
        Approx.Relative(0.2425945479, bg.Parameters["r"], 1e-5, "r");
        Approx.Relative(4.413603224, bg.Parameters["alpha"], 1e-5, "alpha");
        Approx.Relative(0.792920816, bg.Parameters["a"], 1e-5, "a");
        Approx.Relative(2.42590302, bg.Parameters["b"], 1e-5, "b");
        Approx.Absolute(-9582.42920667, bg.LogLikelihood!.Value, 1e-3, "LL");
        // Holdout aggregate Σ E[Y_i(39)] vs actual: numpy 1653.4086835661942 vs 1,882 (R-here on the rounded CSV summary: 1653.423579).
        Approx.Relative(1653.4086835661942, bg.Holdout.PredictedTotal, 1e-6, "predicted total");
        Approx.Absolute(1653.423579, bg.Holdout.PredictedTotal, 0.05, "predicted total vs R-here CSV");
        Assert.Equal(1882, bg.Holdout.ActualTotal);
        // Tracking weeks 20–25, BTYD-vig: expected 1312.458, 1387.346, 1460.392, 1531.713, 1601.418, 1669.6; actual 1359, 1414, 1484, 1517, 1573, 1672.
        double[] btyd = [1312.458, 1387.346, 1460.392, 1531.713, 1601.418, 1669.6];
        long[] actual = [1359, 1414, 1484, 1517, 1573, 1672];
        double[] numpy = [1312.458884243146, 1387.3474501032142, 1460.3931531031203, 1531.7149955135128, 1601.4193196356678, 1669.6016772938058];
        for (int w = 20; w <= 25; w++)
        {
            var point = bg.Tracking[w - 1];
            Assert.Equal(w, point.Period);
            // BTYD prints its own fit's curve (parameters 1e-5 away from ours), so 0.005 absolute; numpy at our optimum below to 1e-6.
            Approx.Absolute(btyd[w - 20], point.ExpectedCumulative, 0.005, $"week {w}");
            Approx.Relative(numpy[w - 20], point.ExpectedCumulative, 1e-6, $"week {w} numpy");
            Assert.Equal(actual[w - 20], point.ActualCumulative);
        }

        // numpy: week 1 4.4054806027100515, week 39 2501.5261097785315, week 78 4165.663619483864 (actual 0, 2,457, 4,339).
        Assert.Equal(78, bg.Tracking.Count);
        Approx.Relative(4.4054806027100515, bg.Tracking[0].ExpectedCumulative, 1e-6, "week 1");
        Approx.Relative(2501.5261097785315, bg.Tracking[38].ExpectedCumulative, 1e-6, "week 39");
        Approx.Relative(4165.663619483864, bg.Tracking[77].ExpectedCumulative, 1e-6, "week 78");
        Assert.Equal((0L, 2457L, 4339L), (bg.Tracking[0].ActualCumulative, bg.Tracking[38].ActualCumulative, bg.Tracking[77].ActualCumulative));
    }

    public static TheoryData<int, double, double, double, double, double, double, double, double, double> Metrics => new()
    {
        // model index, MAE, RMSE, bias, Brier, lift, predicted total, LL, tracking MAPE, LR statistic G vs NBD (numpy script output).
        { 0, 0.7854542326550533, 1.607982012311908, -0.09698401206355789, 0.16122382501235646, 2.8026315789473686, 1653.4086835661942, -9582.429206673929, 0.025238083650353987, 362.45681599737145 },
        { 1, 0.7647789475319117, 1.6071826596108187, -0.12951706634567303, 0.1614063244157546, 2.8026315789473686, 1576.7282746232486, -9582.135715553748, 0.04002046661009051, 363.0437982377334 },
        { 2, 0.754523388259502, 1.60284799885487, -0.09184847832437118, 0.16186818390304653, 2.788011695906433, 1665.5131365894572, -9594.976178939542, 0.013339911466975586, 337.3628714661463 },
    };

    [Theory]
    [MemberData(nameof(Metrics))]
    public void Every_metric_matches_numpy(int model, double mae, double rmse, double bias, double brier, double lift, double total, double ll, double mape, double g)
    {
        var m = Card.Value.Models[model];
        // Fits agree to ~1e-6 relative (optimiser tolerance on both sides), so the metrics are compared at 1e-5 relative (1e-4 for Pareto/NBD's flat s–β ridge).
        double tol = model == 2 ? 1e-4 : 1e-5;
        Approx.Relative(mae, m.Holdout.MeanAbsoluteError, tol, "MAE");
        Approx.Relative(rmse, m.Holdout.RootMeanSquaredError, tol, "RMSE");
        Approx.Relative(bias, m.Holdout.Bias, tol * 10, "bias");
        Approx.Relative(brier, m.Holdout.BrierScore, tol, "Brier");
        Approx.Relative(lift, m.Holdout.TopDecileLift!.Value, tol, "lift");
        Approx.Relative(total, m.Holdout.PredictedTotal, tol, "predicted total");
        Approx.Absolute(ll, m.LogLikelihood!.Value, 1e-3, "LL");
        Approx.Relative((2 * 4) - (2 * ll), m.Aic!.Value, 1e-7, "AIC = 2k − 2LL");
        Approx.Relative((4 * Math.Log(2357)) - (2 * ll), m.Bic!.Value, 1e-7, "BIC = k ln n − 2LL");
        Approx.Relative(mape, m.Holdout.TrackingMape!.Value, 1e-4, "tracking MAPE");
        // NBD null: numpy r 0.38476612671638394, alpha 12.072022128119523, LL −9763.657614672615; p = exp(−G/2) for df 2 (closed form).
        Approx.Absolute(-9763.657614672615, m.AgainstNbd!.NullLogLikelihood, 1e-3, "NBD LL");
        Approx.Absolute(g, m.AgainstNbd.Statistic, 2e-3, "G");
        Approx.Relative(Math.Exp(-m.AgainstNbd.Statistic / 2), m.AgainstNbd.PValue, 1e-9, "p");
        Assert.Equal(2, m.AgainstNbd.DegreesOfFreedom);
    }

    [Fact]
    public void Calibration_bins_match_numpy()
    {
        var card = Card.Value;
        // numpy: customers per calibration frequency 0..6, 7+ = 1411, 439, 214, 100, 62, 38, 29, 64; actual means identical for every model.
        long[] customers = [1411, 439, 214, 100, 62, 38, 29, 64];
        double[] actual = [0.23671155209071582, 0.6970387243735763, 1.3925233644859814, 1.56, 2.532258064516129, 2.9473684210526314, 3.8620689655172415, 6.359375];
        double[] bgPredicted = [0.22508731708409377, 0.5231311460472563, 1.0441341043849321, 1.5202795124808184, 2.163865818373941, 2.653845922799082, 3.5040423641214273, 6.157190657722874];
        double[] paretoPredicted = [0.13844690448076016, 0.599470689447358, 1.195836740423788, 1.7138433902810215, 2.398308224332104, 2.9072077366111286, 3.818559343298976, 6.403067115084967];
        double[] ownPredicted = [0.0, 1.2055095064949113, 2.4186154604602272, 3.6250086437007125, 4.74221103570587, 5.964568722453491, 7.186908352189501, 12.370419399678358];
        var bg = card.Models[0].CalibrationBins;
        var pareto = card.Models[2].CalibrationBins;
        var own = card.Baselines[0].CalibrationBins;
        Assert.Equal(8, bg.Count);
        for (int b = 0; b < 8; b++)
        {
            Assert.Equal((b, b == 7, customers[b]), (bg[b].Frequency, bg[b].IsTail, bg[b].Customers));
            Approx.Relative(actual[b], bg[b].Actual, 1e-12, $"actual bin {b}");
            Approx.Relative(bgPredicted[b], bg[b].Predicted, 1e-5, $"BG/NBD bin {b}");
            Approx.Relative(paretoPredicted[b], pareto[b].Predicted, 1e-4, $"Pareto/NBD bin {b}");
            Approx.Absolute(ownPredicted[b], own[b].Predicted, 1e-9, $"own-rate bin {b}");
        }
    }

    [Fact]
    public void Baselines_match_numpy()
    {
        var own = Card.Value.Baselines[0];
        var population = Card.Value.Baselines[1];
        // numpy: own rate x/T·39 with Poisson P(active) = 1 − e^{−ŷ}; population rate Σx/ΣT = 0.03186304024424811.
        Assert.Equal(("own-rate", "population-rate"), (own.Model, population.Model));
        Approx.Relative(1.0236691632673869, own.Holdout.MeanAbsoluteError, 1e-10, "own MAE");
        Approx.Relative(2.2119180886046252, own.Holdout.RootMeanSquaredError, 1e-10, "own RMSE");
        Approx.Relative(0.44467591248185506, own.Holdout.Bias, 1e-9, "own bias");
        Approx.Relative(0.21202937327342777, own.Holdout.BrierScore, 1e-10, "own Brier");
        Approx.Relative(2.6676413255360627, own.Holdout.TopDecileLift!.Value, 1e-10, "own lift");
        Approx.Relative(2930.1011257197324, own.Holdout.PredictedTotal, 1e-10, "own total");
        Approx.Relative(0.03186304024424811, population.Parameters["rate"], 1e-12, "rate");
        Approx.Relative(1.3820768354918975, population.Holdout.MeanAbsoluteError, 1e-10, "population MAE");
        Approx.Relative(2.1042326880762228, population.Holdout.RootMeanSquaredError, 1e-10, "population RMSE");
        Approx.Relative(0.4441859348205425, population.Holdout.Bias, 1e-9, "population bias");
        Approx.Relative(0.3833802642379793, population.Holdout.BrierScore, 1e-10, "population Brier");
        Assert.Equal(1.0, population.Holdout.TopDecileLift!.Value, 12);   // everyone tied: lift 1 exactly
        Assert.Null(own.LogLikelihood);
        Assert.Empty(own.Tracking);
        Assert.Null(own.Holdout.TrackingMape);
    }

    [Fact]
    public void Lift_shares_ties_at_the_cutoff()
    {
        // 20 customers, top decile = 2: scores 0.9 (active), then four tied at 0.5 of which two active → 1 + 1·(2/4) = 1.5 actives in the top 2.
        // Overall 5 active of 20 → lift = (1.5/2)/(5/20) = 3 (hand computation).
        double[] score = [0.9, 0.5, 0.5, 0.5, 0.5, .. Enumerable.Repeat(0.1, 15)];
        long[] y = [1, 1, 0, 1, 0, 1, 1, .. Enumerable.Repeat(0L, 13)];
        Assert.Equal(3.0, HoldoutEvaluator.TopDecileLift(score, y, 5)!.Value, 12);
        Assert.Null(HoldoutEvaluator.TopDecileLift(score, new long[20], 0));
    }

    [Fact]
    public void Options_and_panel_refuse_bad_input()
    {
        Assert.Throws<ArgumentException>(() => new HoldoutEvaluationOptions(Array.Empty<HoldoutModel>()));
        Assert.Throws<ArgumentException>(() => new HoldoutEvaluationOptions([HoldoutModel.BgNbd, HoldoutModel.BgNbd]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HoldoutEvaluationOptions([(HoldoutModel)7]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HoldoutEvaluationOptions(tailFrequency: 0));
        var summarizer = new TransactionSummarizer<int>(new DateTime(2020, 1, 10));
        summarizer.Add(1, new DateTime(2020, 1, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => HoldoutPanel.From(summarizer, new DateTime(2020, 1, 10)));
        Assert.Throws<ArgumentException>(() => HoldoutPanel.From(summarizer, new DateTime(2020, 1, 1)));
        Assert.Throws<ArgumentNullException>(() => new HoldoutEvaluator().Evaluate(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HoldoutEvaluator().Evaluate(Panel.Value, maxDegreeOfParallelism: 0));
    }

    [Fact]
    public void Renders_through_the_result_formatter()
    {
        string md = ResultFormatter.ToMarkdown(Card.Value);
        Assert.Contains("BG/NBD", md);
        Assert.Contains("population rate", md);
        Assert.DoesNotContain("NaN", md);
        Assert.StartsWith("Holdout scorecard, 2,357 customers", Card.Value.ToString());
    }
}

/// <summary>Bad numbers into the holdout scorecard's public entry points: refused with an ArgumentException, never a NaN result.</summary>
public class HoldoutBadInputPropertyTests
{
    [FsCheck.Xunit.Property]
    public FsCheck.Property Bad_tail_frequency_or_amount_is_refused()
    {
        var gen = FsCheck.Fluent.Gen.Elements(double.NaN, double.PositiveInfinity, double.NegativeInfinity, -1.0, -1e300);
        return FsCheck.Fluent.Prop.ForAll(FsCheck.Fluent.Arb.From(gen), FsCheck.Fluent.Arb.From(FsCheck.Fluent.Gen.Choose(-1000, 0)), (bad, tail) =>
        {
            var options = Record.Exception(() => new HoldoutEvaluationOptions(tailFrequency: tail));
            var summarizer = new TransactionSummarizer<int>(new DateTime(2020, 3, 1));
            var amount = Record.Exception(() => summarizer.Add(1, new DateTime(2020, 1, 1), bad));
            // A negative amount is a valid refund (finite); NaN and ±∞ must be refused.
            bool amountOk = double.IsFinite(bad) ? amount is null : amount is ArgumentException;
            return options is ArgumentOutOfRangeException && amountOk;
        });
    }

    [Fact]
    public void Scorecard_of_a_small_seeded_panel_has_no_nan()
    {
        var random = new Random(7);
        var summarizer = new TransactionSummarizer<int>(new DateTime(2021, 12, 31), ClvTimeUnit.Day, 7);
        for (int c = 0; c < 300; c++)
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

        var card = new HoldoutEvaluator().Evaluate(HoldoutPanel.From(summarizer, new DateTime(2021, 6, 30)),
            new HoldoutEvaluationOptions([HoldoutModel.BgNbd, HoldoutModel.MbgNbd]));
        foreach (var m in card.Models.Concat(card.Baselines))
        {
            var h = m.Holdout;
            Assert.All(new[] { h.MeanAbsoluteError, h.RootMeanSquaredError, h.Bias, h.BrierScore, h.PredictedTotal }, v => Assert.True(double.IsFinite(v)));
            Assert.All(m.CalibrationBins, b => Assert.True(double.IsFinite(b.Predicted) && double.IsFinite(b.Actual)));
            Assert.All(m.Tracking, p => Assert.True(double.IsFinite(p.ExpectedCumulative)));
        }

        // Σ over the calibration bins of customers × mean = totals (an identity of the definitions).
        var bg = card.Models[0];
        Approx.Relative(bg.Holdout.PredictedTotal, bg.CalibrationBins.Sum(b => b.Customers * b.Predicted), 1e-12, "bins add up");
        Assert.Equal(bg.Holdout.ActualTotal, (long)Math.Round(bg.CalibrationBins.Sum(b => b.Customers * b.Actual)));
    }
}
