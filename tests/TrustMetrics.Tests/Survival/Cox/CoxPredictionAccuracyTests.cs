using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using TrustMetrics.Survival;
using static TrustMetrics.Tests.Survival.Cox.CoxReferenceData;

namespace TrustMetrics.Tests.Survival.Cox;

/// <summary>
/// IPCW Brier score, integrated Brier score and decile calibration on a holdout against an explicit R script
/// (Data/brier_reference.R → brier_reference.txt, R survival 3.5-3: survfit(fit, newdata) for Ŝ, survfit on the censoring
/// indicator of the holdout for Ĝ); rossi.csv rows 1–300 train, rows 301–432 holdout. Tolerance 1e-9.
/// </summary>
public sealed class CoxPredictionAccuracyTests
{
    private static readonly Lazy<Dictionary<string, double[]>> Reference = new(() => KeyedVectors("brier_reference.txt"));

    private static double[] Ref(string key) => Reference.Value[key];

    private static CoxData Rows(int from, int to)
    {
        var t = RossiTable;
        return CoxData.Create(RossiTerms, RossiTerms.Select(n => t[n][from..to]).ToArray(), t["week"][from..to],
            t["arrest"][from..to].Select(a => a == 1).ToArray());
    }

    private static (CoxFit Fit, CoxData Train, CoxData Test) RossiSplit()
    {
        var train = Rows(0, 300);
        return (new CoxRegression().Fit(train), train, Rows(300, 432));
    }

    [Fact]
    public void Rossi_holdout_Brier_scores_match_R()
    {
        var (fit, train, test) = RossiSplit();
        // The fit itself: R coxph on rows 1-300 (brier_reference.txt "coef").
        var coef = Ref("coef");
        for (int j = 0; j < coef.Length; j++) Approx.Relative(coef[j], fit.Beta[j], 1e-6, $"coef[{j}]");

        var times = Ref("brier.times");
        var expected = Ref("brier.scores");
        var bs = fit.BrierScores(train, test, times);
        for (int k = 0; k < times.Length; k++)
        {
            Assert.Equal(times[k], bs[k].Time);
            Assert.NotNull(bs[k].Score);
            Approx.Absolute(expected[k], bs[k].Score!.Value, 1e-9, $"BS({times[k]})");
        }
    }

    [Fact]
    public void Rossi_holdout_integrated_Brier_score_matches_R()
    {
        var (fit, train, test) = RossiSplit();
        var taus = Ref("ibs.taus");
        var expected = Ref("ibs.values");
        for (int k = 0; k < taus.Length; k++)
        {
            var ibs = fit.IntegratedBrierScore(train, test, taus[k]);
            Assert.NotNull(ibs);
            Approx.Absolute(expected[k], ibs!.Value, 1e-9, $"IBS({taus[k]})"); // R brier_reference.R, exact step integral
        }
    }

    [Theory]
    [InlineData(26)]
    [InlineData(52)]
    public void Rossi_holdout_decile_calibration_matches_R(int horizon)
    {
        var (fit, train, test) = RossiSplit();
        var table = fit.Calibration(train, test, horizon);
        string key = "cal" + horizon.ToString(CultureInfo.InvariantCulture);
        var customers = Ref(key + ".customers");
        var predicted = Ref(key + ".predicted");
        var observed = Ref(key + ".observed");
        var lower = Ref(key + ".lower");
        var upper = Ref(key + ".upper");
        Assert.Equal(10, table.Count);
        for (int g = 0; g < 10; g++)
        {
            // R brier_reference.R: ceiling(10 * rank(risk, ties.method = "first") / n), summary(survfit(..., conf.type = "log"), times = h).
            Assert.Equal(g + 1, table[g].Group);
            Assert.Equal((int)customers[g], table[g].Customers);
            Approx.Absolute(predicted[g], table[g].Predicted, 1e-9, $"predicted[{g}]");
            Approx.Absolute(observed[g], table[g].Observed, 1e-9, $"observed[{g}]");
            Approx.Absolute(lower[g], table[g].Lower!.Value, 1e-9, $"lower[{g}]");
            Approx.Absolute(upper[g], table[g].Upper!.Value, 1e-9, $"upper[{g}]");
        }
    }

    private static (double[] X, double[] Noise, double[] Time, bool[] Event) Draw(Random rng, int n)
    {
        var x = new double[n];
        var noise = new double[n];
        var time = new double[n];
        var ev = new bool[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = rng.NextDouble() < 0.5 ? 0 : 1;
            noise[i] = rng.NextDouble();
            double t = -Math.Log(1 - rng.NextDouble()) / Math.Exp(-1 + (2.5 * x[i]));
            double c = 6 * rng.NextDouble();
            time[i] = Math.Round(Math.Min(t, c), 2) + 0.01;
            ev[i] = t <= c;
        }

        ev[0] = true;
        return (x, noise, time, ev);
    }

    [Property(MaxTest = 15, MaxRejected = 15)]
    public Property Brier_is_in_0_1_and_the_informative_model_beats_the_null_one(int seed)
    {
        // Closed form: with the Kaplan–Meier Ĝ the IPCW weights sum to n, so BS(t) ∈ [0, 1]. The model that knows the true
        // covariate (hazard ratio e^2.5) must score below the model that knows only noise (≈ the Kaplan–Meier predictor).
        var rng = new Random(seed);
        var a = Draw(rng, 150);
        var b = Draw(rng, 150);
        var train = CoxData.Create(["x"], [a.X], a.Time, a.Event);
        var test = CoxData.Create(["x"], [b.X], b.Time, b.Event);
        var trainNoise = CoxData.Create(["noise"], [a.Noise], a.Time, a.Event);
        var testNoise = CoxData.Create(["noise"], [b.Noise], b.Time, b.Event);
        var informative = new CoxRegression().Fit(train);
        var uninformative = new CoxRegression().Fit(trainNoise);
        double[] times = [0.5, 1, 2, 3, 4];
        var bs = informative.BrierScores(train, test, times);
        var bsNull = uninformative.BrierScores(trainNoise, testNoise, times);
        bool inRange = bs.Concat(bsNull).All(s => s.Score is null || (s.Score >= 0 && s.Score <= 1 + 1e-12));
        var ibs = informative.IntegratedBrierScore(train, test, 4);
        var ibsNull = uninformative.IntegratedBrierScore(trainNoise, testNoise, 4);
        return (inRange && ibs is not null && ibsNull is not null && ibs < ibsNull).ToProperty();
    }

    private static readonly double[] Bad = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, -1];

    [Property(MaxTest = 20, MaxRejected = 20)]
    public Property Bad_times_horizons_and_tau_are_refused(byte which, byte where)
    {
        var (fit, train, test) = RossiSplit();
        double bad = Bad[which % 4];
        try
        {
            switch (where % 3)
            {
                case 0: fit.BrierScores(train, test, [1, bad]); break;
                case 1: fit.IntegratedBrierScore(train, test, bad); break;
                default: fit.Calibration(train, test, bad); break;
            }

            return false.ToProperty();
        }
        catch (ArgumentException)
        {
            return true.ToProperty();
        }
    }

    [Fact]
    public void Mismatched_or_unsupported_data_are_refused()
    {
        var (fit, train, test) = RossiSplit();
        var t = RossiTable;
        var other = CoxData.Create(["fin"], [t["fin"]], t["week"], t["arrest"].Select(a => a == 1).ToArray());
        Assert.Throws<ArgumentException>(() => fit.BrierScores(train, other, [10]));
        Assert.Throws<ArgumentException>(() => fit.BrierScores(train, test, []));
        var weighted = CoxData.Create(RossiTerms, RossiTerms.Select(n => t[n]).ToArray(), t["week"], t["arrest"].Select(a => a == 1).ToArray(),
            weights: Enumerable.Repeat(2.0, 432).ToArray());
        Assert.Throws<ArgumentException>(() => fit.IntegratedBrierScore(train, weighted, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => fit.IntegratedBrierScore(train, test, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => fit.Calibration(train, test, 26, groups: 1));
        Assert.Throws<ArgumentNullException>(() => fit.Calibration(train, null!, 26));
    }
}
