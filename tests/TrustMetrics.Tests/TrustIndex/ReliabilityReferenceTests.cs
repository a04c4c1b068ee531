using TrustMetrics.TrustIndex;

namespace TrustMetrics.Tests.TrustIndex;

/// <summary>
/// Cronbach's alpha family against /work/shared/reference/trust-index.md §2.2: R 4.2.2 psych 2.2.9 <c>alpha()</c>, reproduced to
/// 10 significant digits by numpy (trust-index-scripts/rel.R, rel.py). Closed forms, so the only tolerance is the printed rounding:
/// the coefficients are below 1 in magnitude, so <see cref="Approx.ClosedForm"/> is an absolute bound (Approx.Absolute).
/// </summary>
public class ReliabilityReferenceTests
{
    private static readonly TrustIndexCalculator Calculator = new();

    [Fact]
    public void Pingouin_dataset_matches_psych_alpha()
    {
        // §2.2 (A) table: raw α 0.5917188486 (pingouin prints 0.591719), std α 0.6343498015, r̄ 0.1478377332.
        string[] names = Enumerable.Range(1, 10).Select(i => "Q" + i).ToArray();
        var r = Calculator.Reliability(TrustIndexData.Columns(TrustIndexData.Pingouin, 0, 10), names);
        Approx.Absolute(0.5917188486, r.CronbachAlpha!.Value, Approx.ClosedForm, "raw alpha");
        Approx.Absolute(0.6343498015, r.StandardizedAlpha!.Value, Approx.ClosedForm, "standardised alpha");
        Approx.Absolute(0.1478377332, r.MeanInterItemCorrelation!.Value, Approx.ClosedForm, "mean r");
        Assert.True(r.IsBelowThreshold);
        Assert.Null(r.UndefinedReason);
        Assert.Equal(15, r.CompleteCases);

        // Item table of §2.2 (A): α if deleted (raw, std), raw.r, r.drop.
        double[,] expected =
        {
            { 0.4686903246, 0.5354555539, 0.7351235056, 0.574766792 },
            { 0.5072805578, 0.5414409248, 0.6772882102, 0.5678028418 },
            { 0.5183498527, 0.5601409965, 0.6373771862, 0.5213910754 },
            { 0.53182917, 0.5768562442, 0.5732250677, 0.4176058241 },
            { 0.6684890656, 0.6935794928, 0.150284454, -0.1075830825 },
            { 0.6711414791, 0.6947536422, 0.0786716697, -0.1572365197 },
            { 0.5685063323, 0.6176648326, 0.4245984732, 0.261007735 },
            { 0.6101190476, 0.6520863437, 0.3153721267, 0.09217320282 },
            { 0.5194256757, 0.5777439746, 0.6137086198, 0.443372746 },
            { 0.5225907821, 0.5821554407, 0.6042203423, 0.433688356 },
        };
        for (int i = 0; i < 10; i++)
        {
            var item = r.Items[i];
            Assert.Equal(names[i], item.Name);
            Approx.Absolute(expected[i, 0], item.AlphaIfDeleted!.Value, Approx.ClosedForm, $"{item.Name} alpha if deleted");
            Approx.Absolute(expected[i, 1], item.StandardizedAlphaIfDeleted!.Value, Approx.ClosedForm, $"{item.Name} std alpha if deleted");
            Approx.Absolute(expected[i, 2], item.RawItemTotalCorrelation!.Value, Approx.ClosedForm, $"{item.Name} raw.r");
            Approx.Absolute(expected[i, 3], item.ItemTotalCorrelation!.Value, Approx.ClosedForm, $"{item.Name} r.drop");
        }
    }

    [Fact]
    public void Trust5_dataset_matches_psych_alpha()
    {
        // §2.2 (B): raw α 0.9652002626, std α 0.9680396307, r̄ 0.8583117842; item table below.
        string[] names = ["competence", "reliability", "benevolence", "honesty", "transparency"];
        var r = Calculator.Reliability(TrustIndexData.Columns(TrustIndexData.Trust5, 0, 5), names);
        Approx.Absolute(0.9652002626, r.CronbachAlpha!.Value, Approx.ClosedForm, "raw alpha");
        Approx.Absolute(0.9680396307, r.StandardizedAlpha!.Value, Approx.ClosedForm, "standardised alpha");
        Approx.Absolute(0.8583117842, r.MeanInterItemCorrelation!.Value, Approx.ClosedForm, "mean r");
        Assert.False(r.IsBelowThreshold);
        double[,] expected =
        {
            { 0.9453531127, 0.9496291096, 0.9866761723, 0.9767276724 },
            { 0.9599654689, 0.9648952963, 0.9233437713, 0.8842647395 },
            { 0.9670239918, 0.9700546706, 0.8925791568, 0.8458729846 },
            { 0.9482385858, 0.9517985342, 0.9797030172, 0.9643410314 },
            { 0.9601357082, 0.9645979942, 0.9245910183, 0.8883065646 },
        };
        for (int i = 0; i < 5; i++)
        {
            var item = r.Items[i];
            Approx.Absolute(expected[i, 0], item.AlphaIfDeleted!.Value, Approx.ClosedForm, $"{item.Name} alpha if deleted");
            Approx.Absolute(expected[i, 1], item.StandardizedAlphaIfDeleted!.Value, Approx.ClosedForm, $"{item.Name} std alpha if deleted");
            Approx.Absolute(expected[i, 2], item.RawItemTotalCorrelation!.Value, Approx.ClosedForm, $"{item.Name} raw.r");
            Approx.Absolute(expected[i, 3], item.ItemTotalCorrelation!.Value, Approx.ClosedForm, $"{item.Name} r.drop");
        }

        // psych `mean` (mean of item means) 4.58 (§2.2 B).
        Approx.Relative(4.58, r.Items.Average(i => i.Mean!.Value), 1e-12, "mean of item means");
    }

    [Fact]
    public void Trust5_through_the_index_gives_the_same_alpha_as_one_dimension_on_1_to_7()
    {
        string[] names = ["competence", "reliability", "benevolence", "honesty", "transparency"];
        var survey = new TrustSurvey(names, TrustIndexData.Columns(TrustIndexData.Trust5, 0, 5));
        var result = Calculator.Calculate(survey, new TrustIndexOptions
        {
            Scale = new Scales.RatingScale(1, 7),
            Dimensions = [new TrustDimension("trust", names)],
            BootstrapReplicates = 0,
        });
        var dimension = Assert.Single(result.Dimensions);
        Approx.Absolute(0.9652002626, dimension.Reliability.CronbachAlpha!.Value, Approx.ClosedForm, "raw alpha");
        // Score = 100·(4.58 − 1)/6.
        Approx.Relative(100 * (4.58 - 1) / 6, dimension.Score!.Value.Value, 1e-12, "score");
        Approx.Relative(100 * (4.58 - 1) / 6, result.Index.Value, 1e-12, "index");
    }

    [Fact]
    public void Reverse_coding_an_item_twice_is_the_identity_and_restores_alpha()
    {
        // Reversing x' = 1 + 7 − x the competence column in the data, and declaring it reverse-coded, gives §2.2 (B) back.
        string[] names = ["competence", "reliability", "benevolence", "honesty", "transparency"];
        var data = TrustIndexData.Columns(TrustIndexData.Trust5, 0, 5);
        for (int r = 0; r < 10; r++)
        {
            data[r * 5] = 8 - data[r * 5];
        }

        var result = Calculator.Calculate(new TrustSurvey(names, data), new TrustIndexOptions
        {
            Scale = new Scales.RatingScale(1, 7),
            Dimensions = [new TrustDimension("trust", names)],
            ReverseCodedItems = ["competence"],
            BootstrapReplicates = 0,
        });
        var reliability = result.Dimensions[0].Reliability;
        Approx.Absolute(0.9652002626, reliability.CronbachAlpha!.Value, Approx.ClosedForm, "raw alpha");
        Assert.True(reliability.Items[0].ReverseCoded);
        Approx.Absolute(0.9767276724, reliability.Items[0].ItemTotalCorrelation!.Value, Approx.ClosedForm, "r.drop");
    }
}
