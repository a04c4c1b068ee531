using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using TrustMetrics.Survival;
using static TrustMetrics.Tests.Survival.Cox.CoxReferenceData;

namespace TrustMetrics.Tests.Survival.Cox;

/// <summary>
/// Holdout Brier score, integrated Brier score and calibration for a stratified fit and for a (start, stop] fit with a
/// time-varying covariate scored at a landmark, against Data/brier_strata_landmark_reference.R → .txt (R survival 3.5-3
/// survfit(fit, newdata) for the predictions; riskRegression 2022.11.28 Score(metrics = "brier", cens.model = "km") for the
/// Brier score, which the hand-written Graf et al. formulas in the same script match to 1e-16). Tolerance 1e-9 absolute.
/// </summary>
public sealed class CoxPredictionAccuracyStrataLandmarkTests
{
    private static readonly Lazy<Dictionary<string, double[]>> Reference = new(() => KeyedVectors("brier_strata_landmark_reference.txt"));

    private static double[] Ref(string key) => Reference.Value[key];

    private static readonly string[] StrataTerms = ["fin", "age", "race", "mar", "paro", "prio"];

    private static CoxData RossiRows(int from, int to, bool strata = true)
    {
        var t = RossiTable;
        return CoxData.Create(StrataTerms, StrataTerms.Select(n => t[n][from..to]).ToArray(), t["week"][from..to],
            t["arrest"][from..to].Select(a => a == 1).ToArray(), strata: strata ? t["wexp"][from..to].Select(v => (int)v).ToArray() : null);
    }

    private static (CoxFit Fit, CoxData Train, CoxData Test) StratifiedSplit()
    {
        var train = RossiRows(0, 300);
        return (new CoxRegression().Fit(train), train, RossiRows(300, 432));
    }

    private static readonly string[] HeartTerms = ["age", "year", "surgery", "transplant"];

    /// <summary>survival::heart (heart.csv): odd ids train, even ids holdout, (start, stop] rows grouped by id.</summary>
    private static CoxData Heart(bool odd)
    {
        var t = Table("heart.csv");
        var keep = Enumerable.Range(0, t["id"].Length).Where(i => ((int)t["id"][i] % 2 == 1) == odd).ToArray();
        double[] Col(string name) => keep.Select(i => t[name][i]).ToArray();
        return CoxData.Create(HeartTerms, HeartTerms.Select(Col).ToArray(), Col("stop"), Col("event").Select(e => e == 1).ToArray(),
            start: Col("start"), clusters: Col("id").Select(v => (int)v).ToArray());
    }

    [Fact]
    public void Stratified_holdout_Brier_scores_match_R_and_riskRegression()
    {
        var (fit, train, test) = StratifiedSplit();
        var coef = Ref("strata.coef"); // R coxph(... + strata(wexp)) on rows 1-300
        for (int j = 0; j < coef.Length; j++) Approx.Relative(coef[j], fit.Beta[j], 1e-6, $"coef[{j}]");
        var times = Ref("strata.brier.times");
        var expected = Ref("strata.brier.scores");
        var score = Ref("strata.brier.riskRegression"); // riskRegression::Score at the times > 0
        var bs = fit.BrierScores(train, test, times);
        for (int k = 0; k < times.Length; k++)
        {
            Approx.Absolute(expected[k], bs[k].Score!.Value, 1e-9, $"BS({times[k]})");
            if (k > 0) Approx.Absolute(score[k - 1], bs[k].Score!.Value, 1e-9, $"Score BS({times[k]})");
        }
    }

    [Fact]
    public void Stratified_holdout_integrated_Brier_score_matches_R()
    {
        var (fit, train, test) = StratifiedSplit();
        var taus = Ref("strata.ibs.taus");
        var expected = Ref("strata.ibs.values"); // exact step integral, brier_strata_landmark_reference.R
        for (int k = 0; k < taus.Length; k++) Approx.Absolute(expected[k], fit.IntegratedBrierScore(train, test, taus[k])!.Value, 1e-9, $"IBS({taus[k]})");
    }

    [Theory]
    [InlineData("strata.cal26", 26, null)]
    [InlineData("strata.cal52", 52, null)]
    [InlineData("heart.s0.cal", 100, 0.0)]
    [InlineData("heart.s30.cal", 130, 30.0)]
    public void Decile_calibration_matches_R(string key, double horizon, double? landmark)
    {
        IReadOnlyList<CoxCalibrationGroup> table;
        if (key.StartsWith("strata", StringComparison.Ordinal))
        {
            var (fit, train, test) = StratifiedSplit();
            table = fit.Calibration(train, test, horizon);
        }
        else
        {
            var train = Heart(odd: true);
            table = new CoxRegression().Fit(train).Calibration(train, Heart(odd: false), horizon, landmark: landmark);
        }

        // R: ceiling(10 * rank(1 - pred, ties.method = "first") / n), summary(survfit(..., conf.type = "log"), times = h, extend = TRUE).
        var customers = Ref(key + ".customers");
        var predicted = Ref(key + ".predicted");
        var observed = Ref(key + ".observed");
        var lower = Ref(key + ".lower");
        var upper = Ref(key + ".upper");
        Assert.Equal(10, table.Count);
        for (int g = 0; g < 10; g++)
        {
            Assert.Equal((int)customers[g], table[g].Customers);
            Approx.Absolute(predicted[g], table[g].Predicted, 1e-9, $"predicted[{g}]");
            Approx.Absolute(observed[g], table[g].Observed, 1e-9, $"observed[{g}]");
            if (double.IsNaN(lower[g]))
            {
                Assert.Null(table[g].Lower); // R prints NA when the group's Kaplan–Meier estimate is 0
                Assert.Null(table[g].Upper);
            }
            else
            {
                Approx.Absolute(lower[g], table[g].Lower!.Value, 1e-9, $"lower[{g}]");
                Approx.Absolute(upper[g], table[g].Upper!.Value, 1e-9, $"upper[{g}]");
            }
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(30)]
    public void Landmark_Brier_on_start_stop_holdout_matches_R_and_riskRegression(int landmark)
    {
        var train = Heart(odd: true);
        var test = Heart(odd: false);
        var fit = new CoxRegression().Fit(train);
        var coef = Ref("heart.coef"); // R coxph(Surv(start, stop, event) ~ age + year + surgery + transplant), odd ids
        for (int j = 0; j < coef.Length; j++) Approx.Relative(coef[j], fit.Beta[j], 1e-6, $"coef[{j}]");
        string p = "heart.s" + landmark.ToString(CultureInfo.InvariantCulture);
        var times = Ref(p + ".brier.times");
        var expected = Ref(p + ".brier.scores");
        var score = Ref(p + ".brier.riskRegression");
        var bs = fit.BrierScores(train, test, times, landmark);
        for (int k = 0; k < times.Length; k++)
        {
            Approx.Absolute(expected[k], bs[k].Score!.Value, 1e-9, $"BS({times[k]} | {landmark})");
            if (k > 0) Approx.Absolute(score[k - 1], bs[k].Score!.Value, 1e-9, $"Score BS({times[k]} | {landmark})");
        }

        var taus = Ref(p + ".ibs.taus");
        var ibs = Ref(p + ".ibs.values");
        for (int k = 0; k < taus.Length; k++) Approx.Absolute(ibs[k], fit.IntegratedBrierScore(train, test, taus[k], landmark)!.Value, 1e-9, $"IBS({taus[k]} | {landmark})");
    }

    [Fact]
    public void Landmark_0_on_a_split_right_censored_holdout_equals_the_plain_score()
    {
        // Closed form: with every customer followed from time 0 < first stop, π(t | 0) = Ŝ(t) and the customers at risk at 0 are all
        // of them, so the landmark score equals the plain one; splitting each customer's follow-up into (start, stop] pieces at
        // weeks 10, 20, 30, 40 (time-fixed covariates, grouped by id) changes nothing.
        var (fit, train, test) = StratifiedSplit();
        var t = RossiTable;
        var cols = StrataTerms.Select(_ => new List<double>()).ToArray();
        List<double> start = [], stop = [];
        List<bool> ev = [];
        List<int> id = [], strata = [];
        for (int i = 300; i < 432; i++)
        {
            double a = 0;
            foreach (double cut in new double[] { 10, 20, 30, 40, double.PositiveInfinity })
            {
                double b = Math.Min(cut, t["week"][i]);
                if (b <= a) break;
                start.Add(a);
                stop.Add(b);
                ev.Add(b == t["week"][i] && t["arrest"][i] == 1);
                id.Add(i);
                strata.Add((int)t["wexp"][i]);
                for (int j = 0; j < cols.Length; j++) cols[j].Add(t[StrataTerms[j]][i]);
                a = b;
            }
        }

        var split = CoxData.Create(StrataTerms, cols.Select(c => c.ToArray()).ToArray(), [.. stop], [.. ev], start: [.. start], strata: [.. strata], clusters: [.. id]);
        double[] times = [5, 10, 26, 40, 52];
        var plain = fit.BrierScores(train, test, times);
        var landmark = fit.BrierScores(train, split, times, landmark: 0);
        for (int k = 0; k < times.Length; k++) Approx.Absolute(plain[k].Score!.Value, landmark[k].Score!.Value, 1e-12, $"BS({times[k]})");
        Approx.Absolute(fit.IntegratedBrierScore(train, test, 50)!.Value, fit.IntegratedBrierScore(train, split, 50, landmark: 0)!.Value, 1e-12, "IBS");
        var a1 = fit.Calibration(train, test, 26);
        var a2 = fit.Calibration(train, split, 26, landmark: 0);
        for (int g = 0; g < 10; g++) Approx.Absolute(a1[g].Observed, a2[g].Observed, 1e-12, $"observed[{g}]");
    }

    [Fact]
    public void Unscorable_holdouts_are_refused_with_a_reason()
    {
        var train = Heart(odd: true);
        var test = Heart(odd: false);
        var fit = new CoxRegression().Fit(train);
        var noLandmark = Assert.Throws<ArgumentException>(() => fit.BrierScores(train, test, [100]));
        Assert.Contains("landmark", noLandmark.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => fit.BrierScores(train, test, [10], landmark: 30));
        Assert.Throws<ArgumentOutOfRangeException>(() => fit.IntegratedBrierScore(train, test, 30, landmark: 30));
        Assert.Throws<ArgumentOutOfRangeException>(() => fit.Calibration(train, test, 20, landmark: 30));
        Assert.Throws<ArgumentException>(() => fit.BrierScores(train, test, [5000], landmark: 4000)); // nobody followed at 4000

        double[] x = [1, 2, 3];
        CoxData Rows(double[] start, double[] stop, bool[] ev) => CoxData.Create(HeartTerms, [x, x, x, x], stop, ev, start: start, clusters: [7, 7, 7]);
        var overlap = Rows([0, 5, 20], [10, 20, 30], [false, false, true]);
        Assert.Contains("overlaps", Assert.Throws<ArgumentException>(() => fit.BrierScores(train, overlap, [40], landmark: 1)).Message, StringComparison.Ordinal);
        var gap = Rows([0, 10, 25], [10, 20, 30], [false, false, true]);
        Assert.Contains("gap", Assert.Throws<ArgumentException>(() => fit.BrierScores(train, gap, [40], landmark: 1)).Message, StringComparison.Ordinal);
        var recurrent = Rows([0, 10, 20], [10, 20, 30], [true, false, true]);
        Assert.Contains("first event", Assert.Throws<ArgumentException>(() => fit.BrierScores(train, recurrent, [40], landmark: 1)).Message, StringComparison.Ordinal);

        var (sfit, strain, _) = StratifiedSplit();
        var t = RossiTable;
        var unknown = CoxData.Create(StrataTerms, StrataTerms.Select(n => t[n][300..]).ToArray(), t["week"][300..], t["arrest"][300..].Select(a => a == 1).ToArray(),
            strata: Enumerable.Repeat(5, 132).ToArray());
        Assert.Contains("stratum 5", Assert.Throws<ArgumentException>(() => sfit.BrierScores(strain, unknown, [10])).Message, StringComparison.Ordinal);
    }

    private static readonly double[] Bad = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, -1];

    [Property(MaxTest = 20, MaxRejected = 20)]
    public Property Bad_landmarks_are_refused(byte which, byte where)
    {
        // -1 is a valid landmark (times may be negative); NaN and ±∞ are not.
        var (fit, train, test) = StratifiedSplit();
        double bad = Bad[which % 3];
        try
        {
            switch (where % 3)
            {
                case 0: fit.BrierScores(train, test, [10], bad); break;
                case 1: fit.IntegratedBrierScore(train, test, 10, bad); break;
                default: fit.Calibration(train, test, 10, landmark: bad); break;
            }

            return false.ToProperty();
        }
        catch (ArgumentException)
        {
            return true.ToProperty();
        }
    }
}
