using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using TrustMetrics.Monitoring;
using TrustMetrics.Nps;

namespace TrustMetrics.Tests.Monitoring;

/// <summary>Accumulator laws, JSON states, validation and consistency of the monitoring API.</summary>
public class MonitoringApiTests
{
    private static ConfidenceSequence Nps(IEnumerable<int> scores)
    {
        var cs = ConfidenceSequence.ForNps();
        foreach (int s in scores)
        {
            cs.AddNpsScore(s);
        }

        return cs;
    }

    private static bool SameState(ConfidenceSequence a, ConfidenceSequence b) => a.ToJson() == b.ToJson();

    [Property]
    public Property Merge_equals_the_sequence_of_the_concatenated_stream(byte[] left, byte[] right)
    {
        // Bytes mapped to scores 0–10 (s mod 11), so no case is discarded.
        var l = left.Select(s => s % 11).ToArray();
        var r = right.Select(s => s % 11).ToArray();
        return SameState(Nps(l).Merge(Nps(r)), Nps(l.Concat(r))).ToProperty();
    }

    [Fact]
    public void Merge_law_on_a_fixed_split()
    {
        // (n, Σx) add exactly: the merged interval is the interval of the whole stream (halves are exact in binary).
        int[] scores = [0, 10, 7, 9, 3, 10, 8, 6, 9, 9];
        var whole = Nps(scores);
        var merged = Nps(scores[..4]).Merge(Nps(scores[4..]));
        Assert.Equal(whole.ToJson(), merged.ToJson());
        Assert.Equal(whole.Interval().Lower, merged.Interval().Lower);
        Assert.Throws<ArgumentException>(() => whole.Merge(ConfidenceSequence.ForProportion()));
    }

    [Property]
    public Property Json_round_trips(byte[] scores)
    {
        var cs = Nps(scores.Select(s => s % 11));
        return SameState(cs, ConfidenceSequence.FromJson(cs.ToJson())).ToProperty();
    }

    [Fact]
    public void Detectors_and_tests_continue_identically_after_a_json_round_trip()
    {
        var baseline = PreChangeDistribution.FromNpsTally(new NpsTally(30, 30, 40));
        var cusum = ChangeDetector.Cusum(baseline, 0.1, 1000);
        var test = new MeanDropTest(-1, 1, 0.1);
        var rng = Statistics.RandomNumbers.Create(7);
        for (int i = 0; i < 500; i++)
        {
            double x = rng.NextDouble() < 0.4 ? -1 : rng.NextDouble() < 0.5 ? 0 : 1;
            cusum.Add(x);
            test.Add(x);
        }

        var cusum2 = ChangeDetector.FromJson(cusum.ToJson());
        var test2 = MeanDropTest.FromJson(test.ToJson());
        for (int i = 0; i < 3000; i++)
        {
            double x = rng.NextDouble() < 0.4 ? -1 : rng.NextDouble() < 0.5 ? 0 : 1;
            Assert.Equal(cusum.Add(x), cusum2.Add(x));
            Assert.Equal(test.Add(x), test2.Add(x));
        }

        Assert.Equal(cusum.ToJson(), cusum2.ToJson());
        Assert.Equal(test.ToJson(), test2.ToJson());
        Assert.Equal(test.PValue, test2.PValue);
    }

    [Fact]
    public void Bad_states_are_refused_naming_the_field()
    {
        static void Refused(string json, string fragment) =>
            Assert.Contains(fragment, Assert.ThrowsAny<ArgumentException>(() => ConfidenceSequence.FromJson(json)).Message, StringComparison.Ordinal);
        Refused("""{"version":2,"lowerBound":0,"upperBound":1,"alpha":0.05,"rho":30,"count":1,"unitSum":1}""", "ConfidenceSequenceState.Version = 2");
        Refused("""{"version":1,"lowerBound":1,"upperBound":1,"alpha":0.05,"rho":30,"count":1,"unitSum":1}""", "UpperBound");
        Refused("""{"version":1,"lowerBound":0,"upperBound":1,"alpha":1.5,"rho":30,"count":1,"unitSum":1}""", "Alpha: 1.5");
        Refused("""{"version":1,"lowerBound":0,"upperBound":1,"alpha":0.05,"rho":30,"count":-1,"unitSum":0}""", "Count = -1");
        Refused("""{"version":1,"lowerBound":0,"upperBound":1,"alpha":0.05,"rho":30,"count":1,"unitSum":2}""", "UnitSum: 2");
        Refused("not json", "not a valid ConfidenceSequenceState");
        var detector = ChangeDetector.Cusum(PreChangeDistribution.FromCounts([0.0, 1.0], [80, 20]), 0.05, 100).ToJson();
        Assert.Contains("Thresholds[0]", Assert.ThrowsAny<ArgumentException>(() => ChangeDetector.FromJson(detector.Replace("\"thresholds\":[", "\"thresholds\":[-", StringComparison.Ordinal))).Message, StringComparison.Ordinal);
        Assert.Contains("Probabilities", Assert.ThrowsAny<ArgumentException>(() => ChangeDetector.FromJson(detector.Replace("\"probabilities\":[0.8", "\"probabilities\":[0.9", StringComparison.Ordinal))).Message, StringComparison.Ordinal);
        string test = new MeanDropTest(0, 1, 0.5).ToJson();
        Assert.Contains("MaxLogEValue", Assert.ThrowsAny<ArgumentException>(() => MeanDropTest.FromJson(test.Replace("\"maxLogEValue\":0", "\"maxLogEValue\":-1", StringComparison.Ordinal))).Message, StringComparison.Ordinal);
        Assert.Contains("MeanDropTestState.Version = 3", Assert.ThrowsAny<ArgumentException>(() => MeanDropTest.FromJson(test.Replace("\"version\":2", "\"version\":3", StringComparison.Ordinal))).Message, StringComparison.Ordinal);
        var drop = new MeanDropTest(0, 1, 0.5);
        drop.Add(1);
        string added = drop.ToJson(); // U = 1, S = 1 − 0.5 = 0.5
        Assert.Contains("UnitValueSum: 2", Assert.ThrowsAny<ArgumentException>(() => MeanDropTest.FromJson(added.Replace("\"unitValueSum\":1", "\"unitValueSum\":2", StringComparison.Ordinal))).Message, StringComparison.Ordinal);
        Assert.Contains("UnitSum: 0.25", Assert.ThrowsAny<ArgumentException>(() => MeanDropTest.FromJson(added.Replace("\"unitSum\":0.5", "\"unitSum\":0.25", StringComparison.Ordinal))).Message, StringComparison.Ordinal);
    }

    [Property]
    public Property Non_finite_or_out_of_range_inputs_are_refused(double x, double y)
    {
        bool bad = !double.IsFinite(x) || x < 0 || x > 1;
        bool Throws(Action action)
        {
            try
            {
                action();
                return false;
            }
            catch (ArgumentException)
            {
                return true;
            }
        }

        return (Throws(() => ConfidenceSequence.ForProportion().Add(x)) == bad
                && Throws(() => new MeanDropTest(0, 1, 0.5).Add(x)) == bad
                && (double.IsFinite(y) || Throws(() => new ConfidenceSequence(0, y)))
                && (double.IsFinite(y) && y > 0 && y < 1 || Throws(() => ConfidenceSequence.ForNps(y)))
                && (double.IsFinite(y) && y > 0 && y < 0.2 || Throws(() => ChangeDetector.Cusum(PreChangeDistribution.FromCounts([0.0, 1.0], [80, 20]), y, 100)))
                && (double.IsFinite(x) || Throws(() => PreChangeDistribution.FromCounts([x, 1.0], [1, 1])))
                && (double.IsFinite(x) || Throws(() => new MeanDropTest(0, 1, x))))
            .ToProperty();
    }

    [Fact]
    public void Negative_counts_and_degenerate_baselines_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PreChangeDistribution.FromCounts([0.0, 1.0], [-1, 3]));
        Assert.Throws<ArgumentException>(() => PreChangeDistribution.FromCounts([0.0, 1.0], [0, 3]));
        Assert.Throws<ArgumentException>(() => PreChangeDistribution.FromCounts([1.0, 1.0], [2, 3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChangeDetector.Cusum(PreChangeDistribution.FromCounts([0.0, 1.0], [80, 20]), 0.3));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChangeDetector.Glr(PreChangeDistribution.FromCounts([0.0, 1.0], [80, 20]), 1));
    }

    [Fact]
    public void Comparison_p_value_crosses_alpha_exactly_when_the_interval_leaves_zero()
    {
        // Consistency of the always-valid p-value with the interval: p ≤ α ⇔ U < 0 (both from the same boundary).
        var a = ConfidenceSequence.ForNps();
        var b = ConfidenceSequence.ForNps();
        var rng = Statistics.RandomNumbers.Create(11);
        for (int i = 0; i < 4000; i++)
        {
            a.Add(rng.NextDouble() < 0.45 ? -1 : 1);
            b.Add(rng.NextDouble() < 0.30 ? -1 : 1);
            if (i % 97 == 0)
            {
                var d = AnytimeComparison.Compare(a, b);
                Assert.Equal(d.IsBelow, d.PValueBelow <= 0.05);
                Assert.Equal(d.IsBelow, AnytimeComparison.IsBelow(a, b, 0.05));
                Assert.False(d.IsAbove);
            }
        }

        Assert.True(AnytimeComparison.Compare(a, b).IsBelow);
        var empty = AnytimeComparison.Compare(ConfidenceSequence.ForNps(), b);
        Assert.Null(empty.Interval.Estimate);
        Assert.Equal(1.0, empty.PValueBelow);
    }

    [Fact]
    public void Width_cost_relative_to_the_fixed_n_interval()
    {
        // The CS half-width at n = tightestAt = 1000 over the fixed-n Hoeffding-variance z interval z·(b − a)·½/√n
        // (z = 1.959963984540054, R qnorm(0.975)): the price of validity at every n (docs/monitoring.md table).
        var cs = ConfidenceSequence.ForProportion();
        for (int i = 0; i < 1000; i++)
        {
            cs.Add(i % 2);
        }

        double half = (cs.Interval().Upper - cs.Interval().Lower) / 2;
        double ratio = half / (1.959963984540054 * 0.5 / Math.Sqrt(1000));
        Assert.InRange(ratio, 1.5, 2.5);
    }
}
