using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using TrustMetrics.TrustIndex;
using TrustMetrics.TrustIndex.Sensitivity;

namespace TrustMetrics.Tests.TrustIndex.Sensitivity;

/// <summary>
/// Sobol estimator (issue 15, item 8) against the Ishigami function's analytic indices, and its application to the trust index.
/// </summary>
public class SobolTests
{
    private static readonly SobolCalculator Calculator = new();

    private const double A = 7, B = 0.1;

    private static double Ishigami(double[] x) =>
        Math.Sin(x[0]) + (A * Math.Pow(Math.Sin(x[1]), 2)) + (B * Math.Pow(x[2], 4) * Math.Sin(x[0]));

    private static readonly SobolFactor[] IshigamiFactors =
        [SobolFactor.Uniform("x1", -Math.PI, Math.PI), SobolFactor.Uniform("x2", -Math.PI, Math.PI), SobolFactor.Uniform("x3", -Math.PI, Math.PI)];

    /// <summary>
    /// Closed form (Ishigami &amp; Homma 1990; Sobol' &amp; Levitan 1999; Saltelli et al. 2008, "Global Sensitivity Analysis.
    /// The Primer", §4.9): V = a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2, V1 = (1 + bπ⁴/5)²/2, V2 = a²/8, V3 = 0,
    /// V13 = b²π⁸(1/18 − 1/50) = 8b²π⁸/225; S_i = V_i/V, ST1 = (V1 + V13)/V, ST2 = V2/V, ST3 = V13/V.
    /// With a = 7, b = 0.1: S = (0.3139, 0.4424, 0), ST = (0.5576, 0.4424, 0.2437).
    /// </summary>
    private static (double[] First, double[] Total) IshigamiAnalytic()
    {
        double pi4 = Math.Pow(Math.PI, 4), pi8 = Math.Pow(Math.PI, 8);
        double v = (A * A / 8) + (B * pi4 / 5) + (B * B * pi8 / 18) + 0.5;
        double v1 = 0.5 * Math.Pow(1 + (B * pi4 / 5), 2), v2 = A * A / 8, v13 = 8 * B * B * pi8 / 225;
        return ([v1 / v, v2 / v, 0], [(v1 + v13) / v, v2 / v, v13 / v]);
    }

    [Fact]
    public void Analytic_Ishigami_indices_match_the_published_values()
    {
        var (first, total) = IshigamiAnalytic();
        // Saltelli et al. 2008, Primer §4.9 (rounded to 4 digits).
        Approx.Absolute(0.3139, first[0], 5e-5, "S1");
        Approx.Absolute(0.4424, first[1], 5e-5, "S2");
        Approx.Absolute(0.5576, total[0], 5e-5, "ST1");
        Approx.Absolute(0.4424, total[1], 5e-5, "ST2");
        Approx.Absolute(0.2437, total[2], 5e-5, "ST3");
    }

    [Fact]
    public void Ishigami_indices_agree_with_the_closed_form_within_Monte_Carlo_error()
    {
        // Simulation, seed 20260501, N = 2^15 base rows (163,840 runs), 200 bootstrap replicates of the base rows.
        var result = Calculator.Analyze(IshigamiFactors, Ishigami, 1 << 15, bootstrapReplicates: 200, seed: 20260501, outputName: "Ishigami");
        var (first, total) = IshigamiAnalytic();
        Assert.Equal((1L << 15) * 5, result.ModelRuns);
        for (int i = 0; i < 3; i++)
        {
            var index = result.Indices[i];
            double seFirst = index.FirstOrderStandardError!.Value, seTotal = index.TotalOrderStandardError!.Value;
            Assert.InRange(seFirst, 1e-4, 0.05);
            Assert.InRange(seTotal, 1e-4, 0.05);
            // Within 4 bootstrap standard errors of the closed form.
            Approx.Absolute(first[i], index.FirstOrder!.Value, 4 * seFirst, $"S{i + 1}");
            Approx.Absolute(total[i], index.TotalOrder!.Value, 4 * seTotal, $"ST{i + 1}");
            Assert.True(index.FirstOrderInterval!.Lower <= index.FirstOrder && index.FirstOrder <= index.FirstOrderInterval.Upper);
        }

        // Closed form: V = a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2 = 13.8446; E[f] = a/2 = 3.5.
        Approx.Relative((A * A / 8) + (B * Math.Pow(Math.PI, 4) / 5) + (B * B * Math.Pow(Math.PI, 8) / 18) + 0.5, result.Variance, 0.03, "V");
        Approx.Absolute(A / 2, result.Mean, 0.05, "mean");
    }

    [Fact]
    public void Results_do_not_depend_on_the_degree_of_parallelism()
    {
        var serial = Calculator.Analyze(IshigamiFactors, Ishigami, 512, 130, maxDegreeOfParallelism: 1);
        var parallel = Calculator.Analyze(IshigamiFactors, Ishigami, 512, 130, maxDegreeOfParallelism: null);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(serial.Indices[i].FirstOrderInterval, parallel.Indices[i].FirstOrderInterval);
            Assert.Equal(serial.Indices[i].TotalOrderStandardError, parallel.Indices[i].TotalOrderStandardError);
        }
    }

    [Fact]
    public void Additive_discrete_model_has_first_equal_to_total_order()
    {
        // Closed form: Y = X1 + 2·X2 with X1, X2 uniform on {0, 1}: V1 = 1/4, V2 = 1, S = ST = (0.2, 0.8).
        var result = Calculator.Analyze([SobolFactor.Discrete("x1", 2), SobolFactor.Discrete("x2", 2)], x => x[0] + (2 * x[1]), 1 << 14, 100);
        Approx.Absolute(0.2, result.Indices[0].FirstOrder!.Value, 4 * result.Indices[0].FirstOrderStandardError!.Value, "S1");
        Approx.Absolute(0.8, result.Indices[1].FirstOrder!.Value, 4 * result.Indices[1].FirstOrderStandardError!.Value, "S2");
        Approx.Absolute(0.2, result.Indices[0].TotalOrder!.Value, 4 * result.Indices[0].TotalOrderStandardError!.Value, "ST1");
        Approx.Absolute(0.8, result.Indices[1].TotalOrder!.Value, 4 * result.Indices[1].TotalOrderStandardError!.Value, "ST2");
    }

    [Fact]
    public void A_constant_model_has_undefined_indices()
    {
        var result = Calculator.Analyze([SobolFactor.Discrete("x", 3)], _ => 5, 64, 10);
        Assert.Null(result.Indices[0].FirstOrder);
        Assert.Null(result.Indices[0].TotalOrderInterval);
        Assert.Equal(0, result.Variance);
    }

    [Fact]
    public void A_non_finite_model_output_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => Calculator.Analyze([SobolFactor.Uniform("x", 0, 1)], _ => double.NaN, 16, 0));
        Assert.Equal("model", error.ParamName);
    }

    [Fact]
    public void Trust_index_choices_have_indices_for_every_output()
    {
        var survey = SegmentedSurvey(20260501);
        var result = Calculator.TrustIndex(survey, baseSamples: 1024, bootstrapReplicates: 100);
        Assert.Equal(3, result.Normalizations.Count);
        Assert.Contains(TrustWeighting.BenefitOfTheDoubt, result.Weightings);
        Assert.Equal(2, result.MissingAnswerPolicies.Count);
        Assert.Equal(1 + 3 + 3, result.Outputs.Count);
        Assert.Equal("index: " + TrustIndexCalculator.AllSegments, result.Outputs[0].OutputName);
        foreach (var output in result.Outputs)
        {
            Assert.Equal(4, output.Indices.Count);
            foreach (var index in output.Indices.Where(i => i.FirstOrder is not null))
            {
                // Total order ≥ first order up to Monte Carlo error; both are shares (up to Monte Carlo error).
                Assert.InRange(index.TotalOrder!.Value, -0.05, 1.2);
                Assert.True(index.TotalOrder >= index.FirstOrder - (4 * (index.FirstOrderStandardError ?? 0)) - 0.05,
                    $"{output.OutputName} {index}");
            }
        }

        // The overall index moves with the normalisation (z-score vs bounds put it on different scales): it dominates.
        var overall = result.Outputs[0].Indices;
        Assert.True(overall[0].TotalOrder > overall[3].TotalOrder, string.Join("; ", overall));
    }

    [Fact]
    public void Figures_on_the_reference_sample()
    {
        // trust5.csv (/work/shared/reference/trust-index-scripts): 10 respondents, 5 one-item dimensions, no segments.
        var items = new[] { "competence", "reliability", "benevolence", "honesty", "transparency" };
        var data = TrustIndexData.Trust5;
        var survey = new TrustSurvey(items, TrustIndexData.Columns(data, 0, data.GetLength(1)));
        var options = new TrustIndexOptions { Scale = new Scales.RatingScale(1, 7), Dimensions = items.Select(i => new TrustDimension(i, [i])).ToArray() };
        var result = Calculator.TrustIndex(survey, 2048, 200, options);
        Assert.Single(result.Outputs);
        Assert.NotNull(result.Outputs[0].Indices[0].FirstOrder);
    }

    [Property(MaxTest = 60, MaxRejected = 60)]
    public Property Non_finite_or_negative_inputs_are_refused_or_give_finite_indices() =>
        Prop.ForAll(Gen.Elements(double.NaN, double.PositiveInfinity, double.NegativeInfinity, -1.0, -1e300, 0.5).ToArbitrary(),
            Gen.Choose(0, 3).ToArbitrary(), (bad, where) =>
            {
                try
                {
                    var result = where switch
                    {
                        0 => Calculator.Analyze([SobolFactor.Uniform("x", bad, 1)], x => x[0], 32, 10),
                        1 => Calculator.Analyze([SobolFactor.Uniform("x", 0, 1)], x => bad * x[0], 32, 10),
                        2 => Calculator.Analyze([SobolFactor.Uniform("x", 0, 1)], x => x[0], 32, 10, confidenceLevel: bad),
                        _ => Calculator.Analyze([SobolFactor.Discrete("x", 2), SobolFactor.Uniform("y", -1, 1)], x => x[0] + (bad * x[1]), (int)Math.Clamp(bad, -5, 40), 10),
                    };
                    foreach (var i in result.Indices)
                    {
                        Assert.True(i.FirstOrder is null || double.IsFinite(i.FirstOrder.Value));
                        Assert.True(i.TotalOrder is null || double.IsFinite(i.TotalOrder.Value));
                        Assert.True(i.FirstOrderStandardError is null || double.IsFinite(i.FirstOrderStandardError.Value));
                    }

                    Assert.True(double.IsFinite(result.Variance) && double.IsFinite(result.Mean));
                }
                catch (ArgumentException)
                {
                    // Refused: NaN/∞ bounds, a non-finite model output, a level outside (0, 1) or N < 2.
                }
            });

    /// <summary>90 respondents, default drivers on 1–5 (seeded), three segments with different levels, some blanks.</summary>
    internal static TrustSurvey SegmentedSurvey(int seed)
    {
        const int Respondents = 90;
        var random = new Random(seed);
        var items = TrustDrivers.Default().SelectMany(d => d.Items).ToArray();
        var answers = new double[Respondents * items.Length];
        var segments = new string[Respondents];
        for (int r = 0; r < Respondents; r++)
        {
            segments[r] = ((char)('A' + (r % 3))).ToString();
            double level = 2.5 + (0.4 * (r % 3)) + random.NextDouble();
            for (int i = 0; i < items.Length; i++)
            {
                double v = Math.Round(level + (((i % 4) - 1.5) * 0.3 * (r % 3)) + (random.NextDouble() - 0.5));
                answers[(r * items.Length) + i] = random.NextDouble() < 0.03 ? double.NaN : Math.Clamp(v, 1, 5);
            }
        }

        return new TrustSurvey(items, answers, segments);
    }
}
