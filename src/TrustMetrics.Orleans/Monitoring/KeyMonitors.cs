using System.Text.Json;
using System.Text.Json.Serialization;
using TrustMetrics.Monitoring;

namespace TrustMetrics.Orleans;

/// <summary>
/// The monitors of one key: per metric, a baseline histogram of the first responses, then a confidence sequence, the anytime-valid
/// drop test and the GLR change detector over the responses after it; and the alerts raised so far. Fed only with responses counted
/// for the first time (never a redelivered id), in the order the grain counts them, so a replay of the same accepted responses gives
/// the same alerts. The state is one versioned JSON document whose monitors are the core's own versioned JSON states.
/// </summary>
internal sealed class KeyMonitors
{
    private readonly TrustMonitoringOptions options;
    private readonly string key;
    private readonly List<MetricMonitor> monitors;
    private readonly List<MonitorAlert> alerts;

    public KeyMonitors(TrustMonitoringOptions options, string key, string? stored)
    {
        this.options = options;
        this.key = key;
        var state = stored is null ? null : KeyMonitorsState.Read(stored);
        alerts = [.. state?.Alerts ?? []];
        NextSequence = state?.NextSequence ?? 1;
        Published = state?.Published ?? 0;
        monitors = [];
        foreach (var metric in options.Metrics.Distinct())
        {
            var kept = state?.Monitors.FirstOrDefault(m => m.Metric == metric);
            monitors.Add(kept is null ? new MetricMonitor(metric) : MetricMonitor.FromState(kept));
        }
    }

    /// <summary>Sequence number the next alert gets.</summary>
    public long NextSequence { get; private set; }

    /// <summary>Alerts with a sequence number up to this one have been handed to the stream provider.</summary>
    public long Published { get; set; }

    public IReadOnlyList<MonitorAlert> Alerts => alerts;

    public bool Enabled => monitors.Count > 0;

    /// <summary>Feeds one newly counted response (score already validated) to every monitor; alerts raised are appended to <see cref="Alerts"/>.</summary>
    public void Add(string eventId, int score, DateTimeOffset now)
    {
        foreach (var monitor in monitors)
        {
            monitor.Add(eventId, score, options, key, now, this);
        }
    }

    private void Raise(Func<long, MonitorAlert> alert)
    {
        alerts.Add(alert(NextSequence++));
        if (alerts.Count > options.MaxAlerts)
        {
            alerts.RemoveRange(0, alerts.Count - options.MaxAlerts);
        }
    }

    public string ToJson() => JsonSerializer.Serialize(
        new KeyMonitorsState(KeyMonitorsState.CurrentVersion, [.. monitors.Select(m => m.ToState())], [.. alerts], NextSequence, Published),
        KeyMonitorsState.Json);

    /// <summary>One metric's monitors.</summary>
    private sealed class MetricMonitor(MonitoredMetric metric)
    {
        private readonly long[] baseline = new long[11];
        private long baselineCount;
        private ConfidenceSequence? sequence;
        private MeanDropTest? dropTest;
        private ChangeDetector? detector;

        public MonitoredMetric Metric { get; } = metric;

        private (double Lower, double Upper) Range => Metric switch
        {
            MonitoredMetric.Nps => (-1, 1),
            MonitoredMetric.PromoterShare => (0, 1),
            _ => (0, 10),
        };

        private double Value(int score) => Metric switch
        {
            MonitoredMetric.Nps => score <= 6 ? -1 : score <= 8 ? 0 : 1,
            MonitoredMetric.PromoterShare => score >= 9 ? 1 : 0,
            _ => score,
        };

        public void Add(string eventId, int score, TrustMonitoringOptions options, string key, DateTimeOffset now, KeyMonitors owner)
        {
            if (sequence is null)
            {
                baseline[score]++;
                if (++baselineCount >= options.BaselineResponses)
                {
                    Start(options);
                }

                return;
            }

            double x = Value(score);
            sequence.Add(x);
            bool dropped = dropTest!.Add(x);
            bool changed = detector?.Add(x) ?? false;
            if (!dropped && !changed)
            {
                return;
            }

            var interval = sequence.Interval();
            if (dropped)
            {
                owner.Raise(seq => new MonitorAlert(key, seq, Metric, MonitorDetector.AnytimeDrop, eventId, sequence.Count, null,
                    dropTest.BaselineMean, interval.Estimate ?? double.NaN, interval.Lower, interval.Upper, null, now));
            }

            if (changed)
            {
                var alarm = detector!.LastAlarm!;
                owner.Raise(seq => new MonitorAlert(key, seq, Metric, MonitorDetector.ChangeDetector, eventId, sequence.Count, alarm.ChangeAt,
                    alarm.BaselineMean, alarm.PostChangeMean, interval.Lower, interval.Upper, alarm.ChangeSize, now));
            }
        }

        /// <summary>The baseline is complete: start the confidence sequence, the drop test and (when the baseline allows a drop) the GLR detector.</summary>
        private void Start(TrustMonitoringOptions options)
        {
            var (lower, upper) = Range;
            var values = Enumerable.Range(0, 11).Select(Value).Distinct().Order().ToArray();
            var counts = values.Select(v => Enumerable.Range(0, 11).Where(s => Value(s) == v).Sum(s => baseline[s])).ToArray();
            double mean = values.Zip(counts, (v, c) => v * c).Sum() / baselineCount;
            sequence = new ConfidenceSequence(lower, upper, options.Alpha);
            dropTest = new MeanDropTest(lower, upper, Math.Clamp(mean, lower, upper), options.Alpha);

            // The GLR needs a baseline on two values or more whose mean can drop by the smallest grid step (5 % of the range).
            if (counts.Count(c => c > 0) >= 2 && mean - 0.05 * (upper - lower) > lower + 1e-6 * (upper - lower))
            {
                detector = ChangeDetector.Glr(PreChangeDistribution.FromCounts(values, counts), options.AverageRunLength);
            }
        }

        public MetricMonitorState ToState() =>
            new(Metric, [.. baseline], baselineCount, sequence?.ToJson(), dropTest?.ToJson(), detector?.ToJson());

        public static MetricMonitor FromState(MetricMonitorState s)
        {
            if (s.Baseline is not { Length: 11 } || s.Baseline.Any(c => c < 0) || s.BaselineCount != s.Baseline.Sum()
                || (s.Sequence is null) != (s.DropTest is null) || (s.Detector is not null && s.Sequence is null))
            {
                throw new ArgumentException($"The stored {s.Metric} monitor state is inconsistent (baseline counts or missing monitors).", nameof(s));
            }

            var monitor = new MetricMonitor(s.Metric) { baselineCount = s.BaselineCount };
            s.Baseline.CopyTo(monitor.baseline, 0);
            monitor.sequence = s.Sequence is null ? null : ConfidenceSequence.FromJson(s.Sequence);
            monitor.dropTest = s.DropTest is null ? null : MeanDropTest.FromJson(s.DropTest);
            monitor.detector = s.Detector is null ? null : ChangeDetector.FromJson(s.Detector);
            return monitor;
        }
    }
}

/// <summary>Persisted monitors of one key (version 1): per metric its baseline and the core monitors' own versioned JSON, the kept alerts, the next sequence number and the publication mark.</summary>
internal sealed record KeyMonitorsState(int Version, MetricMonitorState[] Monitors, MonitorAlert[] Alerts, long NextSequence, long Published)
{
    public const int CurrentVersion = 1;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static KeyMonitorsState Read(string json)
    {
        KeyMonitorsState? state;
        try
        {
            state = JsonSerializer.Deserialize<KeyMonitorsState>(json, Json);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"The stored monitor state is not valid JSON: {e.Message}", nameof(json), e);
        }

        if (state is null || state.Version != CurrentVersion)
        {
            throw new ArgumentException($"The stored monitor state has version {state?.Version}; this version reads {CurrentVersion}.", nameof(json));
        }

        if (state.Monitors is null || state.Alerts is null || state.NextSequence < 1 || state.Published < 0 || state.Published >= state.NextSequence
            || state.Alerts.Any(a => a is null || a.Sequence < 1 || a.Sequence >= state.NextSequence))
        {
            throw new ArgumentException("The stored monitor state is inconsistent (sequence numbers or missing lists).", nameof(json));
        }

        return state;
    }
}

/// <summary>One metric's persisted monitors: the baseline histogram of scores 0–10 and, once started, the core monitors' JSON.</summary>
internal sealed record MetricMonitorState(MonitoredMetric Metric, long[] Baseline, long BaselineCount, string? Sequence, string? DropTest, string? Detector);
