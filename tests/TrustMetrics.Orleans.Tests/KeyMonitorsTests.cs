namespace TrustMetrics.Orleans.Tests;

/// <summary>The per-key monitors without a cluster: restoring from the stored JSON anywhere changes no alert; bad states are refused.</summary>
public sealed class KeyMonitorsTests
{
    private static TrustMonitoringOptions Options()
    {
        var o = new TrustMonitoringOptions();
        TestSiloConfigurator.Monitoring(o);
        o.Metrics = [MonitoredMetric.Nps, MonitoredMetric.PromoterShare, MonitoredMetric.MeanScore];
        return o;
    }

    /// <summary>400 answers: 200 stable (NPS about −25), then 200 with 90 % detractors.</summary>
    private static List<SurveyResponse> Stream()
    {
        var random = new Random(16);
        return [.. Enumerable.Range(0, 400).Select(i => new SurveyResponse($"e-{i}",
            i < 200 ? (random.Next(4) == 0 ? random.Next(0, 7) : random.Next(5, 11)) : (random.Next(10) == 0 ? random.Next(7, 11) : random.Next(0, 7))))];
    }

    [Fact]
    public void Restoring_from_the_stored_state_after_every_batch_raises_the_same_alerts_as_one_run()
    {
        var options = Options();
        var whole = new KeyMonitors(options, "k", null);
        foreach (var r in Stream())
        {
            whole.Add(r.EventId, r.Score, DateTimeOffset.UnixEpoch);
        }

        string? stored = null;
        foreach (var batch in Stream().Chunk(7))
        {
            var monitors = new KeyMonitors(options, "k", stored);
            foreach (var r in batch)
            {
                monitors.Add(r.EventId, r.Score, DateTimeOffset.UnixEpoch);
            }

            stored = monitors.ToJson();
        }

        var restored = new KeyMonitors(options, "k", stored);
        Assert.NotEmpty(whole.Alerts);
        Assert.Contains(whole.Alerts, a => a.Metric == MonitoredMetric.Nps && a.Detector == MonitorDetector.AnytimeDrop);
        Assert.Contains(whole.Alerts, a => a.Metric == MonitoredMetric.Nps && a.Detector == MonitorDetector.ChangeDetector && a.ChangeAt is > 100);
        Assert.Equal(whole.Alerts, restored.Alerts);
        Assert.Equal(whole.Alerts.Select(a => a.Sequence), Enumerable.Range(1, whole.Alerts.Count).Select(i => (long)i));
        Assert.Equal(whole.NextSequence, restored.NextSequence);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("not json")]
    [InlineData("""{"version":2,"monitors":[],"alerts":[],"nextSequence":1,"published":0}""")]
    [InlineData("""{"version":1,"monitors":[],"alerts":[],"nextSequence":0,"published":0}""")]
    [InlineData("""{"version":1,"monitors":[],"alerts":[],"nextSequence":3,"published":5}""")]
    [InlineData("""{"version":1,"monitors":[{"metric":"Nps","baseline":[1,2],"baselineCount":3}],"alerts":[],"nextSequence":1,"published":0}""")]
    [InlineData("""{"version":1,"monitors":[{"metric":"Nps","baseline":[0,0,0,0,0,0,0,0,0,0,1],"baselineCount":2}],"alerts":[],"nextSequence":1,"published":0}""")]
    public void A_bad_stored_state_is_refused_with_an_argument_exception(string json) =>
        Assert.ThrowsAny<ArgumentException>(() => new KeyMonitors(Options(), "k", json));
}
