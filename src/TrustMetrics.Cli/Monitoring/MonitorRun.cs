using System.Globalization;
using TrustMetrics.Cli.Input;
using TrustMetrics.Monitoring;

namespace TrustMetrics.Cli.Monitoring;

/// <summary>The command line of <c>trustmetrics monitor</c>.</summary>
internal sealed record MonitorRequest(string Input, string Time, string Metric, string Column, string? Group, double Alpha, double Arl,
    string? BaselineUntil, bool CompareGroups, bool Overall);

/// <summary>
/// One alert as it would have fired, in display units (NPS points, scale units, proportions). <see cref="ChangeLower"/> and
/// <see cref="ChangeUpper"/>: the anytime-valid interval (α/2 per side, <see cref="AnytimeComparison.Compare"/>) of the difference
/// between the answers since the change (CUSUM/GLR: from the estimated change point to the alarm; anytime-baseline: since the
/// baseline) and the baseline; the change point is chosen from the data, so for CUSUM/GLR the interval is descriptive. The report's
/// <c>month-baseline</c> alerts (<see cref="MonthWindowTest"/>) instead carry the month's difference ± z · SE at the test's level.
/// <see cref="BaselineMean"/>: the group's mean over its baseline answers.
/// </summary>
internal sealed record MonitorAlert(DateTime Time, string Group, string Detector, double Estimate, double Lower, double Upper, DateTime? ChangeTime, double ChangeSize,
    double? ChangeLower = null, double? ChangeUpper = null, double? BaselineMean = null);

/// <summary>One observation of a replay: its time, its group and its value on the metric's range.</summary>
internal readonly record struct MonitorRow(DateTime Time, string Group, double Value);

/// <summary>The range [Lower, Upper] of one observation, the factor to display units (NPS ×100) and the decimals shown.</summary>
internal sealed record MonitorScale(double Lower, double Upper, double Factor, int Decimals);

/// <summary>
/// How a replay runs: α of the anytime-valid alerts, ARL₀ of CUSUM/GLR, the first instant after the baseline (null = the first fifth
/// of the time range, inclusive), per group or not, the overall stream beside the groups, pairwise group comparisons, and the
/// smallest baseline of a group (<see cref="MinBaseline"/>).
/// </summary>
internal sealed record MonitorOptions(double Alpha, double Arl, DateTime? BaselineEnd, bool PerGroup, bool Overall, bool CompareGroups)
{
    /// <summary>
    /// A group's baseline runs on past the baseline period until it holds this many answers (0 = the period alone, the
    /// <c>monitor</c> command). CUSUM and GLR account for the baseline's estimation error (<see cref="EstimatedBaseline"/>: thresholds
    /// that reach the ARL₀ with probability 0.9 over the baseline sample, Gandy &amp; Kvaløy 2013); a baseline of a few dozen answers
    /// then leaves them almost blind, so the report asks for more.
    /// </summary>
    public int MinBaseline { get; init; }

    /// <summary>
    /// 0 (the <c>monitor</c> command): no month-versus-baseline test. Otherwise the number S of series that share the report's α for a
    /// measure (everyone plus every monitored group): each month after a group's baseline is compared with the baseline at one-sided
    /// level (α/2) / (S · L), L the months after that group's baseline in the file (<see cref="MonthWindowTest"/>), so the family's
    /// months raise a false alarm with probability at most α/2.
    /// </summary>
    public int MonthFamily { get; init; }
}

/// <summary>What a replay found: the baseline's last instant, the alerts in firing order and each group's final sequence.</summary>
internal sealed record MonitorReplay(DateTime BaselineUntil, IReadOnlyList<MonitorAlert> Alerts, IReadOnlyList<MonitorGroup> Groups);

/// <summary>A group's confidence sequence over all its responses at the end of the file.</summary>
internal sealed record MonitorGroup(string Group, long Count, double Estimate, double Lower, double Upper);

/// <summary>What the replay found.</summary>
internal sealed record MonitorReport(string Source, string Metric, string Column, long Rows, long Skipped, DateTime BaselineUntil, double Alpha, double Arl,
    int Decimals, IReadOnlyList<MonitorAlert> Alerts, IReadOnlyList<MonitorGroup> Groups);

/// <summary>Reads the file, sorts it by time (stable: file order within equal times) and replays it through the monitors.</summary>
internal static class MonitorRun
{
    private const string AllGroup = "All";

    public static MonitorReport Execute(MonitorRequest request)
    {
        var source = SurveySource.FromFile(request.Input);
        var rows = new List<MonitorRow>();
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
                rows.Add(new MonitorRow(time, group.Length == 0 ? "(blank)" : group, v));
            }
        }

        if (rows.Count == 0)
        {
            throw new InputException($"{source.DisplayName}: column '{request.Column}' has no values (every cell is blank).");
        }

        var scale = Range(request.Metric, rows);
        var replay = Replay(rows, scale, new MonitorOptions(request.Alpha, request.Arl, request.BaselineUntil is null ? null : BaselineEnd(request.BaselineUntil),
            request.Group is not null, request.Overall, request.CompareGroups));
        return new MonitorReport(source.DisplayName, request.Metric, request.Column, rows.Count, skipped, replay.BaselineUntil, request.Alpha, request.Arl, scale.Decimals,
            replay.Alerts, replay.Groups);
    }

    /// <summary>
    /// Replays <paramref name="rows"/> in time order (stable: input order within equal times) through each group's monitors: the
    /// one replay behind <c>trustmetrics monitor</c> and the report's key findings.
    /// </summary>
    public static MonitorReplay Replay(IReadOnlyList<MonitorRow> rows, MonitorScale scale, MonitorOptions options)
    {
        var ordered = rows.Select((r, i) => (r, i)).OrderBy(p => p.r.Time).ThenBy(p => p.i).Select(p => p.r).ToList();
        var (lower, upper) = (scale.Lower, scale.Upper);
        DateTime first = ordered[0].Time, last = ordered[^1].Time;
        DateTime cutoff = options.BaselineEnd ?? first + (last - first) / 5;
        bool exclusive = options.BaselineEnd is not null;

        var monitors = new Dictionary<string, GroupMonitor>(StringComparer.Ordinal);
        var groupOrder = new List<string>();
        bool perGroup = options.PerGroup;
        if (!perGroup || options.Overall)
        {
            monitors[AllGroup] = new GroupMonitor(AllGroup, lower, upper, options.Alpha);
            groupOrder.Add(AllGroup);
        }

        var looks = options.MonthFamily > 0 ? MonthLooks(ordered, options, cutoff, exclusive) : null;
        var alerts = new List<MonitorAlert>();
        var pairAlerted = new HashSet<(string, string)>();
        double Display(double mean) => mean * scale.Factor;
        foreach (var row in ordered)
        {
            bool inBaseline = exclusive ? row.Time < cutoff : row.Time <= cutoff;
            GroupMonitor? own = null;
            if (perGroup)
            {
                if (!monitors.TryGetValue(row.Group, out own))
                {
                    own = monitors[row.Group] = new GroupMonitor(row.Group, lower, upper, options.Alpha);
                    groupOrder.Add(row.Group);
                }
            }

            foreach (var monitor in new[] { own, perGroup && options.Overall ? monitors[AllGroup] : null, perGroup ? null : monitors[AllGroup] })
            {
                if (monitor is null)
                {
                    continue;
                }

                foreach (var alert in monitor.Add(row.Time, row.Value, inBaseline, options, Display, looks?[monitor.Name] ?? 0))
                {
                    alerts.Add(alert);
                }
            }

            if (perGroup && options.CompareGroups && own is not null)
            {
                foreach (var (name, other) in monitors)
                {
                    if (name == AllGroup || other == own || other.All.Count == 0)
                    {
                        continue;
                    }

                    foreach (var (a, b) in new[] { (own, other), (other, own) })
                    {
                        if (!pairAlerted.Contains((a.Name, b.Name)) && AnytimeComparison.IsBelow(a.All, b.All, options.Alpha))
                        {
                            pairAlerted.Add((a.Name, b.Name));
                            var d = AnytimeComparison.Compare(a.All, b.All, options.Alpha).Interval;
                            alerts.Add(new MonitorAlert(row.Time, $"{a.Name}|{b.Name}", "anytime-compare", Display(d.Estimate!.Value), Display(d.Lower), Display(d.Upper), null,
                                Display(d.Estimate.Value), Display(d.Lower), Display(d.Upper)));
                        }
                    }
                }
            }
        }

        if (looks is not null)
        {
            // The months still open at the end of the file end with it.
            foreach (string name in groupOrder)
            {
                if (monitors[name].CloseMonth(options, looks[name], Display) is { } alert)
                {
                    alerts.Add(alert);
                }
            }
        }

        var groups = groupOrder.Where(g => g != AllGroup).Order(StringComparer.Ordinal).Prepend(AllGroup).Where(monitors.ContainsKey)
            .Select(g =>
            {
                var i = monitors[g].All.Interval();
                return new MonitorGroup(g, i.Count, Display(i.Estimate!.Value), Display(i.Lower), Display(i.Upper));
            }).ToList();
        return new MonitorReplay(cutoff, alerts, groups);
    }

    /// <summary>
    /// L of every series: the calendar months holding answers after its baseline (the baseline period, extended to
    /// <see cref="MonitorOptions.MinBaseline"/> answers), found before the replay — the file is finite, so the looks are known in advance.
    /// </summary>
    private static Dictionary<string, int> MonthLooks(List<MonitorRow> ordered, MonitorOptions options, DateTime cutoff, bool exclusive)
    {
        var baseline = new Dictionary<string, long>(StringComparer.Ordinal);
        var started = new HashSet<string>(StringComparer.Ordinal);
        var months = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        foreach (var row in ordered)
        {
            bool inBaseline = exclusive ? row.Time < cutoff : row.Time <= cutoff;
            foreach (string name in options.PerGroup ? (options.Overall ? new[] { row.Group, AllGroup } : new[] { row.Group }) : new[] { AllGroup })
            {
                if (!started.Contains(name) && (inBaseline || baseline.GetValueOrDefault(name) < options.MinBaseline))
                {
                    baseline[name] = baseline.GetValueOrDefault(name) + 1;
                    continue;
                }

                started.Add(name);
                if (!months.TryGetValue(name, out var set))
                {
                    months[name] = set = [];
                }

                set.Add(MonthWindowTest.Month(row.Time));
            }
        }

        var looks = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string name in baseline.Keys.Concat(months.Keys))
        {
            looks[name] = months.TryGetValue(name, out var set) ? set.Count : 0;
        }

        return looks;
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
    private static MonitorScale Range(string metric, List<MonitorRow> rows)
    {
        if (metric == "nps")
        {
            return new MonitorScale(-1, 1, 100, 1);
        }

        if (metric == "rate")
        {
            return new MonitorScale(0, 1, 1, 3);
        }

        double min = rows.Min(r => r.Value), max = rows.Max(r => r.Value);
        // The smallest usual rating scale holding every answer: 1–5, 1–7, 1–10, else 0–10.
        (double a, double b) = min >= 1 && max <= 5 ? (1.0, 5.0) : min >= 1 && max <= 7 ? (1.0, 7.0) : min >= 1 ? (1.0, 10.0) : (0.0, 10.0);
        return new MonitorScale(a, b, 1, 2);
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
            throw new CommandLineException($"--baseline-until '{text}' is not an ISO 8601 date, date-time or yyyy-MM month.");
        }

        return monthOnly ? time.AddMonths(1) : time.TimeOfDay == TimeSpan.Zero && !text.Contains('T') && !text.Contains(' ') ? time.AddDays(1) : time;
    }

    /// <summary>One group's monitors: its whole-stream sequence, the baseline, the stream since the baseline and the detectors.</summary>
    private sealed class GroupMonitor(string name, double lower, double upper, double alpha)
    {
        private readonly Dictionary<double, long> baselineCounts = [];
        private readonly List<DateTime> times = [];
        private readonly List<double> values = [];
        private ChangeDetector? cusum;
        private ChangeDetector? glr;
        private bool started;
        private bool baselineAlerted;
        private bool monthAlerted;
        private MonthWindowTest.Sums baselineSums;
        private MonthWindowTest.Sums monthSums;
        private int month = int.MinValue;
        private DateTime monthStart;
        private DateTime monthLast;

        public string Name { get; } = name;

        public ConfidenceSequence All { get; } = new(lower, upper, alpha);

        private ConfidenceSequence Baseline { get; } = new(lower, upper, alpha);

        private ConfidenceSequence Current { get; } = new(lower, upper, alpha);

        public IEnumerable<MonitorAlert> Add(DateTime time, double value, bool inBaseline, MonitorOptions request, Func<double, double> display, int looks)
        {
            All.Add(value);
            if (!started && (inBaseline || Baseline.Count < request.MinBaseline))
            {
                Baseline.Add(value);
                baselineSums.Add(value);
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
                    // The baseline is estimated from the group's own answers: thresholds with guaranteed conditional performance
                    // (Gandy & Kvaløy 2013; ARL₀ reached with probability 0.9 over the baseline sample), not the known-baseline ones.
                    var estimated = new EstimatedBaseline(Baseline.Count);
                    cusum = distribution.Mean - drop > floor + 1e-6 * (upper - lower) ? ChangeDetector.Cusum(distribution, drop, request.Arl, estimated) : null;
                    glr = distribution.Mean - 0.05 * (upper - lower) > floor + 1e-6 * (upper - lower) ? ChangeDetector.Glr(distribution, request.Arl, null, estimated) : null;
                }
            }

            if (request.MonthFamily > 0 && MonthWindowTest.Month(time) != month)
            {
                // A new calendar month: the month before has ended and is compared with the baseline.
                if (CloseMonth(request, looks, display) is { } closed)
                {
                    yield return closed;
                }

                month = MonthWindowTest.Month(time);
                monthStart = time;
                monthSums = default;
            }

            monthSums.Add(value);
            monthLast = time;
            Current.Add(value);
            times.Add(time);
            values.Add(value);
            var current = Current.Interval();
            double baselineMean = Baseline.Mean ?? double.NaN;
            if (!baselineAlerted && Baseline.Count > 0 && AnytimeComparison.IsBelow(Current, Baseline, request.Alpha))
            {
                baselineAlerted = true;
                var change = AnytimeComparison.Compare(Current, Baseline, request.Alpha).Interval;
                yield return new MonitorAlert(time, Name, "anytime-baseline", display(current.Estimate!.Value), display(current.Lower), display(current.Upper), null,
                    display(current.Estimate.Value - baselineMean), display(change.Lower), display(change.Upper), display(baselineMean));
            }

            foreach (var (detector, label) in new[] { (cusum, "cusum"), (glr, "glr") })
            {
                if (detector is not null && detector.Add(value))
                {
                    var alarm = detector.LastAlarm!;
                    var since = new ConfidenceSequence(lower, upper, request.Alpha);
                    for (int i = (int)alarm.ChangeAt - 1; i < (int)alarm.AlarmAt; i++)
                    {
                        since.Add(values[i]);
                    }

                    var change = AnytimeComparison.Compare(since, Baseline, request.Alpha).Interval;
                    yield return new MonitorAlert(time, Name, label, display(current.Estimate!.Value), display(current.Lower), display(current.Upper),
                        times[(int)alarm.ChangeAt - 1], display(alarm.ChangeSize), display(change.Lower), display(change.Upper), display(alarm.BaselineMean));
                }
            }
        }

        /// <summary>
        /// Ends the open month (if any): the month-versus-baseline test (<see cref="MonthWindowTest"/>) at level (α/2) / (S · L); the
        /// first month flagged raises the series' one alert of this detector, at the month's last answer, the change starting at its first.
        /// </summary>
        public MonitorAlert? CloseMonth(MonitorOptions request, int looks, Func<double, double> display)
        {
            if (month == int.MinValue || monthAlerted || request.MonthFamily <= 0)
            {
                return null;
            }

            var test = MonthWindowTest.Compare(baselineSums, monthSums, MonthWindowTest.LookLevel(request.Alpha, request.MonthFamily, looks));
            monthSums = default;
            if (test is not { Flagged: true } t)
            {
                return null;
            }

            monthAlerted = true;
            var current = Current.Interval();
            return new MonitorAlert(monthLast, Name, "month-baseline", display(current.Estimate!.Value), display(current.Lower), display(current.Upper), monthStart,
                display(t.Difference), display(t.Lower), display(t.Upper), display(baselineSums.Mean));
        }
    }
}
