using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using TrustMetrics.TrustIndex;
using TrustMetrics.TrustIndex.Sensitivity;

namespace TrustMetrics.Tests.TrustIndex.Sensitivity;

/// <summary>
/// Sampling vs method in one decomposition (issue 15, item 8): the law-of-total-variance split and the Sobol indices with the
/// respondent resample as a fifth factor, against closed forms and against the index's own respondent bootstrap.
/// </summary>
public class UncertaintyDecompositionTests
{
    private static readonly SobolCalculator Calculator = new();

    /// <summary>
    /// Additive f(l, r) = g(l) + h(r), g = six fixed method effects, h(r) ~ N(0, σ² = 4) drawn for R = 4,000 resamples
    /// (seed 7). Closed form (law of total variance, additive model): Var(E[f | l]) = Var(g) = 35/12·0.25 (the population
    /// variance of 0, 0.5, …, 2.5), E[Var(f | l)] = σ² = 4; the split of a finite design is exact for the method part and
    /// within Monte Carlo error (SE of a variance estimate ≈ σ²·√(2/R) = 0.089) for the sampling part.
    /// </summary>
    [Fact]
    public void Additive_function_splits_into_its_analytic_variances()
    {
        const int L = 6, R = 4000;
        double[] g = [0, 0.5, 1, 1.5, 2, 2.5];
        var random = new Random(7);
        var h = new double[R];
        for (int r = 0; r < R; r++)
        {
            h[r] = 2 * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        }

        var grid = new double[L * R];
        for (int l = 0; l < L; l++)
        {
            for (int r = 0; r < R; r++)
            {
                grid[(l * R) + r] = g[l] + h[r];
            }
        }

        var (mean, sampling, method) = VarianceSplit.Compute(grid, L, R, Enumerable.Range(0, R).ToArray());
        double vg = 35.0 / 12 * 0.25; // population variance of 0, 0.5, …, 2.5 (closed form: (L² − 1)/12 · step²)
        Approx.Absolute(vg, method, 1e-9, "method part = Var(g)");
        Approx.Absolute(4, sampling, 4 * 4 * Math.Sqrt(2.0 / R), "sampling part ≈ σ²");
        Approx.Absolute(1.25 + h.Average(), mean, 1e-9, "mean");

        // The same function through the Saltelli design with the resample as a factor: S = ST = share of each (additive: no
        // interaction), within 4 bootstrap SE of the closed-form shares σ²/(σ² + Var g) and Var g/(σ² + Var g).
        var result = Calculator.Analyze([SobolFactor.Discrete("method", L), SobolFactor.Discrete("sampling", R)], x => g[(int)x[0]] + h[(int)x[1]],
            1 << 14, bootstrapReplicates: 200, seed: 20260501);
        double samplingShare = sampling / (sampling + method);
        foreach (var (index, expected) in new[] { (result.Indices[0], 1 - samplingShare), (result.Indices[1], samplingShare) })
        {
            Approx.Absolute(expected, index.FirstOrder!.Value, 4 * index.FirstOrderStandardError!.Value, index.Factor + " S");
            Approx.Absolute(expected, index.TotalOrder!.Value, 4 * index.TotalOrderStandardError!.Value, index.Factor + " ST");
        }
    }

    [Fact]
    public void A_constant_grid_has_zero_shares_never_NaN()
    {
        var grid = Enumerable.Repeat(42.0, 4 * 10).ToArray();
        var (mean, sampling, method) = VarianceSplit.Compute(grid, 4, 10, Enumerable.Range(0, 10).ToArray());
        Assert.Equal(0, sampling);
        Assert.Equal(0, method);
        // 0/0 := 0 (docs/trust-index-sensitivity.md).
        Assert.Equal(0, VarianceSplit.Share(sampling, sampling, method, mean));
        Assert.Equal(0, VarianceSplit.Share(method, sampling, method, mean));
    }

    /// <summary>
    /// The sampling part under the nominal method alone is the respondent bootstrap variance of the index: compared with the
    /// square of the bootstrap standard error of <see cref="TrustIndexCalculator"/> (independent streams, 1,000 replicates
    /// each). Simulation, seed 20260501: the relative SD of each variance estimate is ≈ √(2/999) = 4.5 %, of their ratio
    /// ≈ 6.3 %; tolerance 4 SD = 25 %.
    /// </summary>
    [Fact]
    public void Nominal_sampling_variance_matches_the_index_bootstrap()
    {
        // One item per dimension keeps the calculator's reliability work (alpha, omega bootstraps) trivial; the index bootstrap is unchanged.
        var survey = SobolTests.SegmentedSurvey(20260501);
        var options = new TrustIndexOptions
        {
            BootstrapReplicates = 1000, Seed = 20260501, Dimensions = survey.ItemNames.Select(i => new TrustDimension(i, [i])).ToArray(),
        };
        var decomposition = Calculator.DecomposeUncertainty(survey, baseSamples: 64, resamples: 1000, bootstrapReplicates: 0, options: options);
        var index = new TrustIndexCalculator().Calculate(survey, options);
        var units = new List<(string Name, double Value, double StandardError)> { (TrustIndexCalculator.AllSegments, index.Index.Value, index.Index.StandardError) };
        units.AddRange(index.Segments.Select(s => (s.Segment, s.Index.Value, s.Index.StandardError)));
        Assert.Equal(units.Count, decomposition.Units.Count);
        for (int u = 0; u < units.Count; u++)
        {
            var split = decomposition.Units[u];
            Assert.Equal(units[u].Name, split.Segment);
            Approx.Absolute(units[u].Value, split.NominalIndex!.Value, 1e-9, units[u].Name + " nominal index = the calculator's index");
            Approx.Relative(units[u].StandardError * units[u].StandardError, split.NominalSamplingVariance!.Value, 0.25, units[u].Name + " bootstrap variance");
        }
    }

    [Fact]
    public void The_split_adds_up_and_agrees_with_the_total_order_index_of_sampling()
    {
        var result = Calculator.DecomposeUncertainty(SobolTests.SegmentedSurvey(20260501), baseSamples: 4096, resamples: 100, bootstrapReplicates: 100);
        Assert.Equal(4, result.Units.Count);
        Assert.Equal(3, result.Ranks.Count);
        Assert.Equal(3 * 3 * 2 * result.MissingAnswerPolicies.Count, result.MethodCount);
        foreach (var u in result.Units)
        {
            Approx.Absolute(u.Variance, u.SamplingVariance + u.MethodVariance, 1e-12 * Math.Max(1, u.Variance), u.Segment + " law of total variance");
            Approx.Absolute(1, u.SamplingShare + u.MethodShare, 1e-12, u.Segment + " shares add to 1");
            Assert.InRange(u.SamplingShare, u.SamplingShareInterval!.Lower - 1e-12, u.SamplingShareInterval.Upper + 1e-12);

            // S_T,sampling = E[Var(Y | methods)] / Var(Y) (Saltelli et al. 2008 §4.6): the Jansen estimate (Monte Carlo over the
            // finite design) agrees with the exact split of the same design within 4 bootstrap SE.
            var sampling = u.Sobol.Indices[^1];
            Assert.Equal("sampling", sampling.Factor);
            Approx.Absolute(u.SamplingShare, sampling.TotalOrder!.Value, 4 * sampling.TotalOrderStandardError!.Value, u.Segment + " ST sampling");
        }
    }

    [Fact]
    public void Seeds_make_it_reproducible_and_parallelism_does_not_matter()
    {
        var survey = SobolTests.SegmentedSurvey(3);
        var a = Calculator.DecomposeUncertainty(survey, 128, 50, 50, new TrustIndexOptions { Seed = 11 }, maxDegreeOfParallelism: 1);
        var b = Calculator.DecomposeUncertainty(survey, 128, 50, 50, new TrustIndexOptions { Seed = 11 });
        var c = Calculator.DecomposeUncertainty(survey, 128, 50, 50, new TrustIndexOptions { Seed = 12 });
        for (int u = 0; u < a.Units.Count; u++)
        {
            Assert.Equal(a.Units[u].SamplingVariance, b.Units[u].SamplingVariance);
            Assert.Equal(a.Units[u].SamplingShareInterval!.Lower, b.Units[u].SamplingShareInterval!.Lower);
            Assert.Equal(a.Units[u].Sobol.Indices[4].TotalOrder, b.Units[u].Sobol.Indices[4].TotalOrder);
            Assert.NotEqual(a.Units[u].SamplingVariance, c.Units[u].SamplingVariance);
        }
    }

    [Fact]
    public void A_one_respondent_segment_has_no_sampling_variance_and_no_NaN()
    {
        var survey = SobolTests.SegmentedSurvey(20260501);
        int width = survey.ItemNames.Count;
        var answers = survey.Responses.ToArray().Concat(Enumerable.Repeat(4.0, width)).ToArray();
        var segments = survey.Segments!.Concat(["Z"]).ToArray();
        var result = Calculator.DecomposeUncertainty(new TrustSurvey(survey.ItemNames, answers, segments), 256, 50, 50);
        var z = result.Units.Single(u => u.Segment == "Z");
        Assert.Equal(0, z.SamplingVariance);
        Assert.Equal(0, z.NominalSamplingVariance);
        Assert.Equal(0, z.SamplingShare);
        Assert.Equal(z.Variance > 0 ? 1 : 0, z.MethodShare);
        // The sampling factor has no effect on Z: both its indices are exactly 0 (f_A − f_AB = 0 in every row).
        Assert.Equal(0, z.Sobol.Indices[^1].TotalOrder);
        foreach (var u in result.Units)
        {
            foreach (var i in u.Sobol.Indices)
            {
                Assert.True(double.IsFinite(i.FirstOrder!.Value) && double.IsFinite(i.TotalOrder!.Value), u.Segment + " " + i.Factor);
            }
        }
    }

    [Fact]
    public void A_survey_nobody_varies_on_gives_zero_indices_not_NaN()
    {
        // Every respondent answers 3 everywhere: the index is 50 under theoretical bounds for every resample; the z-score and
        // min–max normalisations are then undefined, so the single-dimension survey is analysed with what stays defined.
        var items = TrustDrivers.Default().SelectMany(d => d.Items).ToArray();
        var answers = Enumerable.Repeat(3.0, 20 * items.Length).ToArray();
        try
        {
            var result = Calculator.DecomposeUncertainty(new TrustSurvey(items, answers), 64, 20, 20);
            var all = result.Units[0];
            Assert.True(double.IsFinite(all.SamplingShare) && double.IsFinite(all.MethodShare));
        }
        catch (ArgumentException e)
        {
            // Refused with a message naming the undefined method (a constant item has no z-score).
            Assert.Contains("undefined", e.Message, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Property(MaxTest = 40, MaxRejected = 40)]
    public Property Non_finite_or_negative_inputs_are_refused_or_give_finite_shares() =>
        Prop.ForAll(Gen.Elements(double.NaN, double.PositiveInfinity, double.NegativeInfinity, -1.0, -1e300, 0.5).ToArbitrary(),
            Gen.Choose(0, 3).ToArbitrary(), (bad, where) =>
            {
                var survey = SobolTests.SegmentedSurvey(5);
                try
                {
                    var result = where switch
                    {
                        0 => Calculator.DecomposeUncertainty(survey, 32, 10, 10, confidenceLevel: bad),
                        1 => Calculator.DecomposeUncertainty(survey, (int)Math.Clamp(bad, -5, 40), 10, 10),
                        2 => Calculator.DecomposeUncertainty(survey, 32, (int)Math.Clamp(bad, -5, 40), (int)Math.Clamp(bad, -5, 3)),
                        _ => Calculator.DecomposeUncertainty(WithCell(survey, bad), 32, 10, 10),
                    };
                    foreach (var u in result.Units)
                    {
                        Assert.True(double.IsFinite(u.Variance) && double.IsFinite(u.SamplingShare) && double.IsFinite(u.MethodShare));
                    }
                }
                catch (ArgumentException)
                {
                    // Refused: a level outside (0, 1), a count out of range, an answer off the scale.
                }
            });

    private static TrustSurvey WithCell(TrustSurvey survey, double value)
    {
        var answers = survey.Responses.ToArray();
        answers[7] = value;
        return new TrustSurvey(survey.ItemNames, answers, survey.Segments);
    }
}
