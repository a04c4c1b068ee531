using System.Globalization;
using TrustMetrics.Cli.Input;
using TrustMetrics.Monitoring;

namespace TrustMetrics.Cli.Monitoring;

/// <summary>The command line of <c>trustmetrics monitor</c>.</summary>
internal sealed record MonitorRequest(string Input, string Time, string Metric, string Column, string? Group, double Alpha, double Arl,
    string? BaselineUntil, bool CompareGroups, bool Overall);

/// <summary>One alert as it would have fired, in display units (NPS points, scale units, proportions).</summary>
internal sealed record MonitorAlert(DateTime Time, string Group, string Detector, double Estimate, double Lower, double Upper, DateTime? ChangeTime, double ChangeSize);

/// <summary>A group's confidence sequence over all its responses at the end of the file.</summary>
internal sealed record MonitorGroup(string Group, long Count, double Estimate, double Lower, double Upper);

/// <summary>What the replay found.</summary>
internal sealed record MonitorReport(string Source, string Metric, string Column, long Rows, long Skipped, DateTime BaselineUntil, double Alpha, double Arl,
    int Decimals, IReadOnlyList<MonitorAlert> Alerts, IReadOnlyList<MonitorGroup> Groups);

/// <summary>Reads the file, sorts it by time (stable: file order within equal times) and replays it through the monitors.</summary>
internal static class MonitorRun
{
    private const string AllGroup = "All";

    private readonly record struct Row(DateTime Time, string Group, double Value);

    public static MonitorReport Execute(MonitorRequest request)
    {
        var source = SurveySource.FromFile(request.Input);
        var rows = new List<Row>();
        long skipped = 0;
        using (var table = CsvTable.Open(source))
        {
            int timeColumn = table.Column(request.Time);
            int valueColumn = table.Column(request.Column);
            int? groupColumn = request.Group is null ? null : table.Column(request.Group);
            while (table.Read())
            {
                double? value = ReadValue(table, valueColumn, request);
                if (value is not double v)
                {
                    skipped++;
                    continue;
                }

                var stamp = table.FieldSpan(timeColumn);
                if (!TryParseTime(stamp, out var time, out _))
                {
                    throw InputException.AtCell(source.DisplayName, table.Line, request.Time, stamp.ToString(),
                        stamp.IsEmpty ? "is blank; every monitored response needs a timestamp." : "is not an ISO 8601 date, date-time or yyyy-MM month.");
                }

                string group = groupColumn is int gc ? table.Field(gc) : AllGroup;
                rows.Add(new Row(time, group.Length == 0 ? "(blank)" : group, v));
            }
        }

        if (rows.Count == 0)
        {
            throw new InputException($"{source.DisplayName}: column '{request.Column}' has no values (every cell is blank).");
        }

        var ordered = rows.Select((r, i) => (r, i)).OrderBy(p => p.r.Time).ThenBy(p => p.i).Select(p => p.r).ToList();
        var (lower, upper, scale, decimals) = Range(request.Metric, ordered);
        DateTime first = ordered[0].Time, last = ordered[^1].Time;
        DateTime cutoff = request.BaselineUntil is null ? first + (last - first) / 5 : BaselineEnd(request.BaselineUntil);
        bool exclusive = request.BaselineUntil is not null;

        var monitors = new Dictionary<string, GroupMonitor>(StringComparer.Ordinal);
        var groupOrder = new List<string>();
        bool perGroup = request.Group is not null;
        if (!perGroup || request.Overall)
        {
            monitors[AllGroup] = new GroupMonitor(AllGroup, lower, upper, request.Alpha);
            groupOrder.Add(AllGroup);
        }

        var alerts = new List<MonitorAlert>();
        var pairAlerted = new HashSet<(string, string)>();
        double Display(double mean) => mean * scale;
        foreach (var row in ordered)
        {
            bool inBaseline = exclusive ? row.Time < cutoff : row.Time <= cutoff;
            GroupMonitor? own = null;
            if (perGroup)
            {
                if (!monitors.TryGetValue(row.Group, out own))
                {
                    own = monitors[row.Group] = new GroupMonitor(row.Group, lower, upper, request.Alpha);
                    groupOrder.Add(row.Group);
                }
            }

            foreach (var monitor in new[] { own, perGroup && request.Overall ? monitors[AllGroup] : null, perGroup ? null : monitors[AllGroup] })
            {
                if (monitor is null)
                {
                    continue;
                }

                foreach (var alert in monitor.Add(row.Time, row.Value, inBaseline, request, Display))
                {
                    alerts.Add(alert);
                }
            }

            if (perGroup && request.CompareGroups && own is not null)
            {
                foreach (var (name, other) in monitors)
                {
                    if (name == AllGroup || other == own || other.All.Count == 0)
                    {
                        continue;
                    }

                    foreach (var (a, b) in new[] { (own, other), (other, own) })
                    {
                        if (!pairAlerted.Contains((a.Name, b.Name)) && AnytimeComparison.IsBelow(a.All, b.All, request.Alpha))
                        {
                            pairAlerted.Add((a.Name, b.Name));
                            var d = AnytimeComparison.Compare(a.All, b.All, request.Alpha).Interval;
                            alerts.Add(new MonitorAlert(row.Time, $"{a.Name}|{b.Name}", "anytime-compare", Display(d.Estimate!.Value), Display(d.Lower), Display(d.Upper), null,
                                Display(d.Estimate.Value)));
                        }
                    }
                }
            }
        }

        var groups = groupOrder.Where(g => g != AllGroup).Order(StringComparer.Ordinal).Prepend(AllGroup).Where(monitors.ContainsKey)
            .Select(g =>
            {
                var i = monitors[g].All.Interval();
                return new MonitorGroup(g, i.Count, Display(i.Estimate!.Value), Display(i.Lower), Display(i.Upper));
            }).ToList();
        return new MonitorReport(source.DisplayName, request.Metric, request.Column, rows.Count, skipped, cutoff, request.Alpha, request.Arl, decimals, alerts, groups);
    }

    /// <summary>The value of one cell on the metric's scale: NPS −1/0/+1, a CSAT score, a 0/1 rate; null for a blank cell.</summary>
    private static double? ReadValue(CsvTable table, int column, MonitorRequest request)
    {
        switch (request.Metric)
        {
            case "nps":
                return ScoreParser.Score(table, column, request.Column, 0, 10) is int s ? ConfidenceSequence.NpsValue(s) : null;
            case "csat":
                return ScoreParser.Score(table, column, request.Column, 0, 10);
            default:
                var text = table.FieldSpan(column);
                if (text.IsEmpty)
                {
                    return null;
                }

                if (text is "1" || text.Equals("true", StringComparison.OrdinalIgnoreCase) || text.Equals("yes", StringComparison.OrdinalIgnoreCase))
                {
                    return 1.0;
                }

                if (text is "0" || text.Equals("false", StringComparison.OrdinalIgnoreCase) || text.Equals("no", StringComparison.OrdinalIgnoreCase))
                {
                    return 0.0;
                }

                throw InputException.AtCell(table.Source.DisplayName, table.Line, request.Column, text.ToString(), "is not a 0/1 outcome (1, 0, true, false, yes, no).");
        }
    }

    /// <summary>The range [a, b] of one observation, the factor to display units and the decimals shown.</summary>
    private static (double Lower, double Upper, double Scale, int Decimals) Range(string metric, List<Row> rows)
    {
        if (metric == "nps")
        {
            return (-1, 1, 100, 1);
        }

        if (metric == "rate")
        {
            return (0, 1, 1, 3);
        }

        double min = rows.Min(r => r.Value), max = rows.Max(r => r.Value);
        // The smallest usual rating scale holding every answer: 1–5, 1–7, 1–10, else 0–10.
        (double a, double b) = min >= 1 && max <= 5 ? (1.0, 5.0) : min >= 1 && max <= 7 ? (1.0, 7.0) : min >= 1 ? (1.0, 10.0) : (0.0, 10.0);
        return (a, b, 1, 2);
    }

    internal static bool TryParseTime(ReadOnlySpan<char> text, out DateTime time, out bool monthOnly)
    {
        monthOnly = false;
        if (Dates.TryParse(text, InputSettings.Current.DateFormat, out var instant))
        {
            time = instant.UtcDateTime;
            return true;
        }

        monthOnly = DateTime.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
        return monthOnly;
    }

    /// <summary>The first instant after the baseline: the day after a date, the month after a yyyy-MM, the instant itself for a date-time.</summary>
    private static DateTime BaselineEnd(string text)
    {
        if (!TryParseTime(text, out var time, out bool monthOnly))
        {
            throw new InputException($"--baseline-until '{text}' is not an ISO 8601 date, date-time or yyyy-MM month.");
        }

        return monthOnly ? time.AddMonths(1) : time.TimeOfDay == TimeSpan.Zero && !text.Contains('T') && !text.Contains(' ') ? time.AddDays(1) : time;
    }

    /// <summary>One group's monitors: its whole-stream sequence, the baseline, the stream since the baseline and the detectors.</summary>
    private sealed class GroupMonitor(string name, double lower, double upper, double alpha)
    {
        private readonly Dictionary<double, long> baselineCounts = [];
        private readonly List<DateTime> times = [];
        private ChangeDetector? cusum;
        private ChangeDetector? glr;
        private bool started;
        private bool baselineAlerted;

        public string Name { get; } = name;

        public ConfidenceSequence All { get; } = new(lower, upper, alpha);

        private ConfidenceSequence Baseline { get; } = new(lower, upper, alpha);

        private ConfidenceSequence Current { get; } = new(lower, upper, alpha);

        public IEnumerable<MonitorAlert> Add(DateTime time, double value, bool inBaseline, MonitorRequest request, Func<double, double> display)
        {
            All.Add(value);
            if (inBaseline)
            {
                Baseline.Add(value);
                baselineCounts[value] = baselineCounts.GetValueOrDefault(value) + 1;
                yield break;
            }

            if (!started)
            {
                started = true;
                if (baselineCounts.Count >= 2)
                {
                    var distribution = PreChangeDistribution.FromCounts([.. baselineCounts.Keys], [.. baselineCounts.Values]);
                    double drop = MonitorCommand.CusumDropShare * (upper - lower);
                    double floor = distribution.Values[0];
                    cusum = distribution.Mean - drop > floor + 1e-6 * (upper - lower) ? ChangeDetector.Cusum(distribution, drop, request.Arl) : null;
                    glr = distribution.Mean - 0.05 * (upper - lower) > floor + 1e-6 * (upper - lower) ? ChangeDetector.Glr(distribution, request.Arl) : null;
                }
            }

            Current.Add(value);
            times.Add(time);
            var current = Current.Interval();
            double baselineMean = Baseline.Mean ?? double.NaN;
            if (!baselineAlerted && Baseline.Count > 0 && AnytimeComparison.IsBelow(Current, Baseline, request.Alpha))
            {
                baselineAlerted = true;
                yield return new MonitorAlert(time, Name, "anytime-baseline", display(current.Estimate!.Value), display(current.Lower), display(current.Upper), null,
                    display(current.Estimate.Value - baselineMean));
            }

            foreach (var (detector, label) in new[] { (cusum, "cusum"), (glr, "glr") })
            {
                if (detector is not null && detector.Add(value))
                {
                    var alarm = detector.LastAlarm!;
                    yield return new MonitorAlert(time, Name, label, display(current.Estimate!.Value), display(current.Lower), display(current.Upper),
                        times[(int)alarm.ChangeAt - 1], display(alarm.ChangeSize));
                }
            }
        }
    }
}
