using FsCheck;
using FsCheck.Fluent;
using TrustMetrics.Scales;
using TrustMetrics.TrustIndex;

namespace TrustMetrics.Tests.TrustIndex;

/// <summary>
/// McDonald's omega total (one-factor maximum likelihood) against R 4.2.2: <c>stats::factanal</c> run to a tight optimiser
/// tolerance (<c>factr = 10</c>; it differs from <c>factr = 1e3</c> by about 2e-9 in ω, so it is the exact fit up to ~1e-8),
/// and <c>psych::fa(R, nfactors = 1, fm = "ml")</c> (psych 2.2.9, reproducible only to about 1e-6). Script and printed output:
/// TrustIndex/Data/omega.R and omega.Rout. The fit here stops at a projected gradient below 1e-12, so it agrees with the tight
/// factanal to 1e-7 (loadings, uniquenesses, ω) and with psych's ω to 1e-6.
/// </summary>
public class OmegaReferenceTests
{
    private const double ExactFit = 1e-7;
    private const double Psych = 1e-6;
    private static readonly TrustIndexCalculator Calculator = new();

    [Fact]
    public void Trust5_matches_factanal_and_psych()
    {
        string[] names = ["competence", "reliability", "benevolence", "honesty", "transparency"];
        var omega = Calculator.Reliability(TrustIndexData.Columns(TrustIndexData.Trust5, 0, 5), names).Omega;
        // omega.Rout, trust5, factanal factr=10 (a Heywood case: competence's uniqueness sits at the 0.005 bound).
        Check(omega, [0.997505198577, 0.892726993820, 0.845268021506, 0.974394916037, 0.929423067148],
            [0.005000000000, 0.203038510943, 0.285521992458, 0.050554547585, 0.136172766742], 0.969361319426);
        Assert.True(omega.IsHeywoodCase);
        // psych::fa ml: ω 0.969362046271 with ψ = 1 − λ² (below the bound for competence); 7e-7 from the bounded fit.
        Approx.Absolute(0.969362046271, omega.Value!.Value, Psych, "psych::fa ω");
        // trust-index.md §2.2 (B), factanal at its default tolerance: ω 0.9693612489.
        Approx.Absolute(0.9693612489, omega.Value!.Value, Psych, "factanal default ω");
        Assert.Null(omega.Interval); // Reliability() gives the point value; Calculate bootstraps
    }

    [Fact]
    public void Pingouin_matches_factanal_and_psych()
    {
        string[] names = Enumerable.Range(1, 10).Select(i => "Q" + i).ToArray();
        var omega = Calculator.Reliability(TrustIndexData.Columns(TrustIndexData.Pingouin, 0, 10), names).Omega;
        // omega.Rout, pingouin, factanal factr=10: two items load negatively and are not flipped (model-based ω).
        Check(omega,
            [0.832547660806, 0.709611451821, 0.800219912158, 0.500861774572, -0.065891735594, 0.008411786501, 0.331694979252, 0.067281003965, 0.331283975406, 0.434893408005],
            [0.306864393147, 0.496451590654, 0.359648095004, 0.749137487062, 0.995658282196, 0.999929244794, 0.889978445422, 0.995473265471, 0.890250923620, 0.810867724612],
            0.675629107703);
        Assert.False(omega.IsHeywoodCase);
        Approx.Absolute(0.675629131043, omega.Value!.Value, Psych, "psych::fa ω");
    }

    [Fact]
    public void Seeded_survey_with_a_reversed_item_matches_factanal_and_psych()
    {
        // omega.R: set.seed(20261206), 400 respondents, 6 items on 1–7, item 6 stored reverse-keyed; the index reverses it (8 − x).
        string[] items = ["a1", "a2", "a3", "a4", "a5", "a6"];
        var survey = new TrustSurvey(items, OmegaSeededData.Rows);
        var options = new TrustIndexOptions
        {
            Scale = RatingScale.SevenPoint,
            Dimensions = [new TrustDimension("trust", items)],
            ReverseCodedItems = ["a6"],
            BootstrapReplicates = 200,
        };
        var result = Calculator.Calculate(survey, options, maxDegreeOfParallelism: 1);
        var omega = result.Dimensions[0].Reliability.Omega;
        Assert.True(omega.Value is not null, omega.UndefinedReason);
        // omega.Rout, seeded (item 6 reversed), factanal factr=10.
        Check(omega, [0.781067740125, 0.696333331777, 0.557366776807, 0.734754168811, 0.502825560249, 0.594804300567],
            [0.389933185604, 0.515119891354, 0.689342276182, 0.460136311315, 0.747166455754, 0.646207844233], 0.812642007879);
        Approx.Absolute(0.812641989975, omega.Value!.Value, Psych, "psych::fa ω");
        // Bootstrap percentile interval over respondents (seeded): brackets the estimate and is narrow at n = 400.
        var interval = omega.Interval!;
        Assert.Equal("bootstrap-percentile", interval.Method);
        Assert.True(interval.Lower < omega.Value && omega.Value < interval.Upper, interval.ToString());
        Assert.InRange(interval.Width, 0.01, 0.1);
        // Same seed, same interval, whatever the degree of parallelism.
        var again = Calculator.Calculate(survey, options, maxDegreeOfParallelism: 2).Dimensions[0].Reliability.Omega;
        Assert.Equal(interval, again.Interval);
    }

    [Fact]
    public void Free_uniquenesses_satisfy_the_ml_first_order_condition()
    {
        // Closed form: at an interior ML optimum ∂F/∂ψ_i = (λ_i² + ψ_i − 1)/ψ_i² = 0, so λ_i² + ψ_i = 1 for every free item.
        string[] names = Enumerable.Range(1, 10).Select(i => "Q" + i).ToArray();
        var omega = Calculator.Reliability(TrustIndexData.Columns(TrustIndexData.Pingouin, 0, 10), names).Omega;
        for (int i = 0; i < 10; i++)
        {
            Approx.Absolute(1, (omega.Loadings[i] * omega.Loadings[i]) + omega.Uniquenesses[i], 1e-11, names[i]);
        }
    }

    [Fact]
    public void Undefined_cases_are_null_with_a_reason()
    {
        var two = Calculator.Reliability(TrustIndexData.Columns(TrustIndexData.Trust5, 0, 2), ["a", "b"]).Omega;
        Assert.Null(two.Value);
        Assert.Contains("three items", two.UndefinedReason, StringComparison.Ordinal);
        double[] constant = [1, 2, 3, 1, 3, 4, 1, 4, 4, 1, 2, 2];
        var flat = Calculator.Reliability(constant, ["a", "b", "c"]).Omega;
        Assert.Null(flat.Value);
        Assert.Contains("no variance", flat.UndefinedReason, StringComparison.Ordinal);
        double[] collinear = [1, 2, 3, 2, 3, 5, 3, 4, 7, 5, 1, 6];
        var singular = Calculator.Reliability(collinear, ["a", "b", "c"]).Omega;
        Assert.Null(singular.Value);
        Assert.Contains("singular", singular.UndefinedReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Omega_is_never_NaN_and_bad_values_are_refused()
    {
        Prop.ForAll(Gen.Choose(1, 7).Select(x => (double)x).ArrayOf(24).ToArbitrary(), values =>
        {
            var omega = Calculator.Reliability(values, ["a", "b", "c"]).Omega;
            return omega.Value is null ? omega.UndefinedReason is not null : double.IsFinite(omega.Value.Value) && omega.Value <= 1;
        }).QuickCheckThrowOnFailure();
        foreach (double bad in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
        {
            double[] values = [1, 2, 3, 2, 3, bad, 3, 4, 5];
            if (double.IsNaN(bad))
            {
                Assert.Null(Calculator.Reliability(values, ["a", "b", "c"]).Omega.Value); // NaN = not answered: two complete rows left
            }
            else
            {
                Assert.ThrowsAny<ArgumentException>(() => Calculator.Reliability(values, ["a", "b", "c"]));
            }
        }
    }

    private static void Check(McDonaldOmega omega, double[] loadings, double[] uniquenesses, double value)
    {
        Assert.Equal("ml", omega.Estimator);
        for (int i = 0; i < loadings.Length; i++)
        {
            Approx.Absolute(loadings[i], omega.Loadings[i], ExactFit, $"loading {i + 1}");
            Approx.Absolute(uniquenesses[i], omega.Uniquenesses[i], ExactFit, $"uniqueness {i + 1}");
        }

        Approx.Absolute(value, omega.Value!.Value, ExactFit, "ω (factanal factr=10)");
    }
}
