using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using TrustMetrics.Monitoring;
using TrustMetrics.Statistics;
using Xunit.Abstractions;

namespace TrustMetrics.Tests.Monitoring;

/// <summary>
/// Change detectors on a baseline estimated from n answers (<see cref="EstimatedBaseline"/>: the guaranteed conditional performance
/// thresholds of Gandy &amp; Kvaløy 2013). The reference of the simulation is the guarantee itself — P(ARL₀ of the detector built
/// from p̂, under the true p, ≥ target) ≥ 0.9 over the baseline sample — with each conditional ARL₀ computed exactly by the
/// Markov chain of Brook &amp; Evans (1972) (<c>CusumChain</c>, checked against numpy in MonitoringReferenceTests).
/// </summary>
public class EstimatedBaselineTests(ITestOutputHelper output)
{
    private static readonly double[] Values = [-1.0, 0.0, 1.0];
    private static readonly double[] Truth = [0.25, 0.35, 0.40]; // NPS +15, the shape of the report's null streams

    /// <summary>Exact in-control ARL under <paramref name="truth"/> of the CUSUM <paramref name="detector"/> built (its lattice, increments and threshold).</summary>
    private static double ConditionalArl(ChangeDetector detector, double[] truth, long cap)
    {
        var b = detector.Baseline;
        double drop = detector.Drops[0];
        var (theta, logMgf) = CusumChain.Tilt(b.Values.ToArray(), b.Probabilities.ToArray(), b.Mean - drop);
        double step = CusumChain.Step(b.Values.ToArray(), b.Probabilities.ToArray(), theta, logMgf);
        var increments = Values.Select(v => CusumChain.Increment(v, theta, logMgf, step)).ToArray();
        long h = (long)Math.Round(detector.Thresholds[0] / step);
        // ARL₀ increases with the threshold: beyond the cap it is at least the ARL at the cap.
        return CusumChain.AverageRunLength(increments, truth, Math.Min(h, cap));
    }

    [Fact]
    public void Guarantee_holds_over_seeded_baselines_where_the_known_baseline_threshold_fails()
    {
        // 100 baselines of n = 150 answers from p = (0.25, 0.35, 0.40); CUSUM for a 20-point drop (δ = 0.2) at ARL₀ = 1,000.
        // Known-baseline thresholds: the conditional ARL₀ falls short of the target whenever p̂ overestimates the mean (about half
        // of the baselines). Guaranteed thresholds (0.9): the share falling short must be ≤ 0.1, up to the simulation's error
        // (3 binomial standard errors of 100 baselines: 0.1 + 3·√(0.09/100) = 0.19).
        const int baselines = 100, n = 150;
        const double target = 1000, drop = 0.2;
        var rng = RandomNumbers.Create(16, 30);
        int shortKnown = 0, shortGuaranteed = 0;
        var ratios = new List<double>();
        for (int s = 0; s < baselines; s++)
        {
            var counts = new long[3];
            for (int i = 0; i < n; i++)
            {
                double u = rng.NextDouble();
                counts[u < Truth[0] ? 0 : u < Truth[0] + Truth[1] ? 1 : 2]++;
            }

            if (counts.Any(c => c == 0))
            {
                continue; // never at n = 150 with these p (P < 1e-18); keeps the increments on the three values
            }

            var baseline = PreChangeDistribution.FromCounts(Values, counts);
            var known = ChangeDetector.Cusum(baseline, drop, target);
            var guaranteed = ChangeDetector.Cusum(baseline, drop, target, new EstimatedBaseline(n));
            Assert.True(guaranteed.Thresholds[0] >= known.Thresholds[0] * 0.999);
            shortKnown += ConditionalArl(known, Truth, 200_000) < target ? 1 : 0;
            shortGuaranteed += ConditionalArl(guaranteed, Truth, 200_000) < target ? 1 : 0;
            ratios.Add(guaranteed.Thresholds[0] / known.Thresholds[0]);
        }

        ratios.Sort();
        output.WriteLine($"conditional ARL₀ < {target}: known-baseline thresholds {shortKnown} of {baselines}, guaranteed {shortGuaranteed} of {baselines}; "
            + $"threshold ratio median {ratios[ratios.Count / 2]:F2}, range {ratios[0]:F2}–{ratios[^1]:F2}");
        Assert.True(shortKnown >= 0.3 * baselines, $"known-baseline thresholds fell short in {shortKnown} of {baselines} baselines");
        Assert.True(shortGuaranteed <= 0.19 * baselines, $"guaranteed thresholds fell short in {shortGuaranteed} of {baselines} baselines");
    }

    [Fact]
    public void Adjustment_vanishes_as_the_baseline_grows_and_is_deterministic()
    {
        var baseline = PreChangeDistribution.FromCounts(Values, [250, 350, 400]);
        double known = ChangeDetector.Cusum(baseline, 0.2, 10_000).Thresholds[0];
        double small = ChangeDetector.Cusum(baseline, 0.2, 10_000, new EstimatedBaseline(300)).Thresholds[0];
        double large = ChangeDetector.Cusum(baseline, 0.2, 10_000, new EstimatedBaseline(10_000_000)).Thresholds[0];
        output.WriteLine($"threshold known {known:F3}, n = 300 {small:F3}, n = 10⁷ {large:F3}");
        Assert.True(small > 1.1 * known);
        Assert.True(large < 1.05 * known && large >= 0.95 * known);
        // Seeded bootstrap: the same baseline gets the same threshold.
        Assert.Equal(small, ChangeDetector.Cusum(baseline, 0.2, 10_000, new EstimatedBaseline(300)).Thresholds[0]);
    }

    [Fact]
    public void Glr_and_json_keep_the_estimated_baseline()
    {
        var baseline = PreChangeDistribution.FromCounts(Values, [40, 50, 60]);
        var glr = ChangeDetector.Glr(baseline, 1_000_000, null, new EstimatedBaseline(150, 0.8, 200));
        var known = ChangeDetector.Glr(baseline, 1_000_000);
        for (int j = 0; j < glr.Drops.Count; j++)
        {
            Assert.True(glr.Thresholds[j] >= known.Thresholds[j] * 0.999, $"drop {glr.Drops[j]}");
        }

        var rng = RandomNumbers.Create(16, 31);
        for (int i = 0; i < 500; i++)
        {
            glr.Add(rng.NextDouble() < 0.3 ? -1 : rng.NextDouble() < 0.5 ? 0 : 1);
        }

        var back = ChangeDetector.FromJson(glr.ToJson());
        Assert.Equal(glr.ToJson(), back.ToJson());
        Assert.NotNull(back.Estimated);
        Assert.Equal(150, back.Estimated!.Answers);
        Assert.Equal(0.8, back.Estimated.Guarantee);
        Assert.Equal(200, back.Estimated.Replicates);
        Assert.Null(ChangeDetector.FromJson(known.ToJson()).Estimated);
        Assert.Throws<ArgumentException>(() => ChangeDetector.FromJson(glr.ToJson().Replace("\"replicates\":200", "\"replicates\":null", StringComparison.Ordinal)));
        Assert.Throws<ArgumentException>(() => ChangeDetector.FromJson(glr.ToJson().Replace("\"guarantee\":0.8", "\"guarantee\":1.5", StringComparison.Ordinal)));
    }

    [Fact]
    public void Out_of_range_options_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EstimatedBaseline(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EstimatedBaseline(100, 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EstimatedBaseline(100, 0.9, 10));
        Assert.Equal("estimated from 150 answers (guarantee 0.9, 500 bootstrap baselines)", new EstimatedBaseline(150).ToString());
    }

    [Property]
    public Property Non_finite_or_negative_options_are_refused_or_valid(double guarantee, long answers)
    {
        bool valid = answers >= 2 && guarantee > 0 && guarantee < 1;
        try
        {
            var e = new EstimatedBaseline(answers, guarantee);
            return (valid && double.IsFinite(e.Guarantee)).ToProperty();
        }
        catch (ArgumentException)
        {
            return (!valid).ToProperty();
        }
    }

    [Fact]
    public void Non_finite_guarantees_are_refused()
    {
        foreach (double g in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.5 })
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new EstimatedBaseline(150, g));
        }
    }
}
