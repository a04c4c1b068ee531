using MathNet.Numerics.Random;
using TrustMetrics.Monitoring;
using TrustMetrics.Statistics;

namespace TrustMetrics.Tests.Monitoring;

/// <summary>
/// Seeded small-scale reruns of the simulations quoted in docs/monitoring.md (the large runs: Data/monitoring_simulation.py
/// and its output). Each checks a probability statement of the method, so the reference is the statement itself.
/// </summary>
public class MonitoringSimulationTests
{
    private static readonly double[] NpsProbabilities = [0.3, 0.3, 0.4]; // NPS +10: mean 0.1, variance 0.69

    private static double Draw(Xoshiro256StarStar rng, double[] p)
    {
        double u = rng.NextDouble();
        return u < p[0] ? -1.0 : u < p[0] + p[1] ? 0.0 : 1.0;
    }

    [Fact]
    public void Confidence_sequence_covers_the_mean_over_the_whole_stream()
    {
        // Time-uniform coverage: P(∃n ≤ 3000: μ ∉ CSₙ) ≤ α = 0.05, checked after every response of 400 streams.
        var rng = RandomNumbers.Create(16, 1);
        int misses = 0;
        for (int s = 0; s < 400; s++)
        {
            var cs = ConfidenceSequence.ForNps(0.05);
            for (int i = 0; i < 3000; i++)
            {
                cs.Add(Draw(rng, NpsProbabilities));
                var interval = cs.Interval();
                if (interval.Lower > 0.1 || interval.Upper < 0.1)
                {
                    misses++;
                    break;
                }
            }
        }

        Assert.True(misses <= 0.05 * 400, $"{misses} of 400 streams left the sequence");
    }

    [Fact]
    public void Anytime_tests_keep_alpha_where_daily_fixed_n_intervals_do_not()
    {
        // 400 null streams of 3,000 NPS answers (μ = μ₀ = 0.1). The e-process and the anytime comparison are checked after
        // every answer; the fixed-n 95 % Wald interval (z = 1.959963984540054, R qnorm(0.975)) once a "day" of 100 answers.
        var rng = RandomNumbers.Create(16, 2);
        int eprocess = 0, comparison = 0, daily = 0;
        const int streams = 400, n = 3000;
        for (int s = 0; s < streams; s++)
        {
            var test = new MeanDropTest(-1, 1, 0.1, 0.05);
            var a = ConfidenceSequence.ForNps();
            var b = ConfidenceSequence.ForNps();
            bool compared = false, peeked = false;
            double sum = 0, sumSquares = 0;
            for (int i = 1; i <= n; i++)
            {
                double x = Draw(rng, NpsProbabilities);
                test.Add(x);
                a.Add(x);
                b.Add(Draw(rng, NpsProbabilities));
                compared |= !compared && AnytimeComparison.IsBelow(a, b, 0.05);
                sum += x;
                sumSquares += x * x;
                if (i % 100 == 0 && !peeked)
                {
                    double mean = sum / i, se = Math.Sqrt((sumSquares / i - mean * mean) / i);
                    peeked = mean + 1.959963984540054 * se < 0.1;
                }
            }

            eprocess += test.Rejected ? 1 : 0;
            comparison += compared ? 1 : 0;
            daily += peeked ? 1 : 0;
        }

        Assert.True(eprocess <= 0.05 * streams, $"e-process fired in {eprocess}/{streams}");
        Assert.True(comparison <= 0.05 * streams, $"comparison fired in {comparison}/{streams}");
        // One-sided daily peeking over 30 looks fires in roughly 10–15 % of null streams (well above its nominal 2.5 %).
        Assert.True(daily > 2 * Math.Max(eprocess, comparison) && daily > 0.08 * streams, $"daily fixed-n fired in {daily}/{streams}");
    }

    [Fact]
    public void Cusum_false_alarm_run_length_is_within_ten_percent_of_the_target()
    {
        // ARL₀ = 1,000 for a 10-point NPS drop; 1,500 run lengths under the pre-change distribution (SE ≈ 2.6 %).
        var baseline = PreChangeDistribution.FromCounts([-1.0, 0.0, 1.0], [30, 30, 40]);
        var detector = ChangeDetector.Cusum(baseline, 0.1, 1000);
        var rng = RandomNumbers.Create(16, 3);
        long total = 0;
        const int runs = 1500;
        for (int r = 0; r < runs; r++)
        {
            long start = detector.Count;
            while (!detector.Add(Draw(rng, NpsProbabilities)))
            {
            }

            total += detector.Count - start;
        }

        double arl = (double)total / runs;
        Assert.True(Math.Abs(arl - 1000) <= 100, $"empirical ARL₀ {arl}");
    }

    [Fact]
    public void Glr_false_alarm_run_length_is_at_least_near_the_target()
    {
        // The GLR gives each of its CUSUMs ARL₀ k × target (union bound), so its ARL₀ is ≥ about the target.
        var baseline = PreChangeDistribution.FromCounts([-1.0, 0.0, 1.0], [30, 30, 40]);
        var detector = ChangeDetector.Glr(baseline, 500);
        var rng = RandomNumbers.Create(16, 4);
        long total = 0;
        const int runs = 300;
        for (int r = 0; r < runs; r++)
        {
            long start = detector.Count;
            while (!detector.Add(Draw(rng, NpsProbabilities)))
            {
            }

            total += detector.Count - start;
        }

        Assert.True(total / (double)runs >= 0.9 * 500, $"GLR ARL₀ {total / (double)runs}");
    }

    [Fact]
    public void A_ten_point_drop_is_detected_with_its_change_point_and_size()
    {
        // 5,000 answers at NPS +10, then NPS 0 (30 % → 35 % detractors, 40 % → 35 % promoters). ARL₀ = 1,000,000.
        var baseline = PreChangeDistribution.FromCounts([-1.0, 0.0, 1.0], [30, 30, 40]);
        double[] after = [0.35, 0.30, 0.35];
        var rng = RandomNumbers.Create(16, 5);
        var cusumDelays = new List<long>();
        var glrDelays = new List<long>();
        var changeErrors = new List<long>();
        var sizes = new List<double>();
        string cusumState = ChangeDetector.Cusum(baseline, 0.1).ToJson(), glrState = ChangeDetector.Glr(baseline).ToJson();
        for (int r = 0; r < 30; r++)
        {
            var cusum = ChangeDetector.FromJson(cusumState);
            var glr = ChangeDetector.FromJson(glrState);
            bool cusumFired = false, glrFired = false;
            for (int i = 1; i <= 20000 && !(cusumFired && glrFired); i++)
            {
                double x = Draw(rng, i <= 5000 ? NpsProbabilities : after);
                if (!cusumFired && cusum.Add(x))
                {
                    cusumFired = true;
                    Assert.True(cusum.LastAlarm!.AlarmAt > 5000, "false alarm before the change");
                    cusumDelays.Add(cusum.LastAlarm.AlarmAt - 5000);
                    changeErrors.Add(cusum.LastAlarm.ChangeAt - 5001);
                    sizes.Add(cusum.LastAlarm.ChangeSize);
                }

                if (!glrFired && glr.Add(x))
                {
                    glrFired = true;
                    glrDelays.Add(glr.LastAlarm!.AlarmAt - 5000);
                }
            }

            Assert.True(cusumFired && glrFired);
        }

        double meanDelay = cusumDelays.Average();
        // Lorden's approximation of the delay: (h + overshoot)/KL(p₁‖p₀) ≈ 13.8/0.0071 ≈ 2,000 (order of magnitude only).
        Assert.InRange(meanDelay, 800, 4000);
        Assert.InRange(glrDelays.Average(), 800, 5000);
        Assert.InRange(changeErrors.Select(e => (double)e).Average(), -1000, 1000);
        Assert.InRange(sizes.Average(), -0.2, -0.05);
    }
}
