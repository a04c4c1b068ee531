using System.Globalization;
using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Monitoring;
using TrustMetrics.Cli.Nps;
using TrustMetrics.Cli.TrustIndex;
using TrustMetrics.Scales;

namespace TrustMetrics.Cli.Report;

/// <summary>
/// One alert of the report's monitors with the series it belongs to (the same keys as a <see cref="ChangeCandidate"/>: section,
/// metric, measure, breakdown and group) and the replay's baseline. <see cref="MonthStamps"/>: the input's times are yyyy-MM months
/// (every answer of a month stamped with its first day), so dates are shown as months.
/// </summary>
internal sealed record MonitorFinding(string Section, string Anchor, string Metric, string? Measure, string? By, string Group, FindingUnit Unit, DateTime BaselineUntil,
    bool MonthStamps, double Alpha, double Arl, MonitorAlert Alert)
{
    /// <summary>The series key shared with the period comparisons.</summary>
    public bool SameSeries(ChangeCandidate change) => Section == change.Section && Metric == change.Metric && Measure == change.Measure && By == change.By
        && (By is null || Group == change.Group);

    /// <summary>When the change began: the estimated change point (CUSUM/GLR), or the end of the baseline (anytime-valid alerts).</summary>
    public DateTime ChangeStart => Alert.ChangeTime ?? BaselineUntil;

    /// <summary>A time as the input had it: yyyy-MM for month stamps, else yyyy-MM-dd (or the UTC date-time when it has one).</summary>
    public string Stamp(DateTime time) => MonthStamps ? time.ToString("yyyy-MM", CultureInfo.InvariantCulture) : MonitorCommand.Stamp(time);
}

/// <summary>
/// The report's monitors (issue 16): when the survey's period column holds timestamps (ISO dates, date-times or yyyy-MM months),
/// its answers are replayed in time order through <see cref="MonitorRun.Replay"/> — the one replay of <c>trustmetrics monitor</c> —
/// with the defaults of that command (α = 1 − the report's level, ARL₀ = 1,000,000 answers per group, baseline = the first fifth
/// of the time range, no pairwise comparisons) plus the month-versus-baseline test (<see cref="MonthWindowTest"/>; the file is
/// finite, so each month after a group's baseline is one known look, at level (α/2) / (series of the measure · months)): NPS,
/// CSAT % satisfied and CES % easy for everyone and per group of each breakdown (survey section), and the trust index and each
/// driver for everyone and per segment (trust section). The alerts feed the key findings (<see cref="KeyFindings"/>) and
/// report.json's <c>monitorAlerts</c>.
/// </summary>
internal static class ReportMonitors
{
    /// <summary>ARL₀ of CUSUM and GLR in the report: the <c>monitor</c> command's default.</summary>
    public const double Arl = 1_000_000;

    /// <summary>
    /// The smallest baseline of a monitored group: its baseline runs on past the first fifth of the time range until it holds this many
    /// answers (<see cref="MonitorOptions.MinBaseline"/>). CUSUM and GLR account for the baseline's sampling error through their
    /// thresholds (<see cref="TrustMetrics.Monitoring.EstimatedBaseline"/>, Gandy &amp; Kvaløy 2013: ARL₀ ≥ 10⁶ with probability 0.9 over the
    /// baseline sample, set in <see cref="MonitorRun"/>); a tiny baseline would leave them blind.
    /// </summary>
    /// <remarks>
    /// 150: a share near 0.8 then has a standard error of 3.3 percentage points and a 1–5 or 0–100 mean about 0.03 of its range.
    /// Chosen when the estimated baseline was taken as known (a January-only baseline of 65 Enterprise answers then made the
    /// detectors fire on Enterprise CSAT and trust); kept with the guaranteed thresholds. Not lengthened for the month test: a longer
    /// baseline leaves fewer months monitored, and on the sample it would take in February's lower app NPS (docs/report.md).
    /// </remarks>
    public const int MinBaseline = 150;

    /// <summary>Breakdowns with more groups than this are not monitored per group (as their charts are left out).</summary>
    public const int MaxGroups = 12;

    /// <summary>
    /// The replay settings of one monitored series set: the <c>monitor</c> command's defaults (α, ARL₀ 10⁶, baseline = the first fifth),
    /// the minimum baseline, and the month-versus-baseline test over a family of <paramref name="family"/> series (everyone plus every
    /// monitored group of the measure: each month of each series is tested at (α/2) / (family · months after its baseline)).
    /// </summary>
    public static MonitorOptions Options(double alpha, bool perGroup, int family) =>
        new(alpha, Arl, null, perGroup, Overall: false, CompareGroups: false) { MinBaseline = MinBaseline, MonthFamily = family };

    /// <summary>The alerts, or null when nothing was monitored (no survey or trust section, no period column, or periods that are not times).</summary>
    public static IReadOnlyList<MonitorFinding>? Run(ReportContext context, IReadOnlyList<ReportSection> sections)
    {
        var findings = new List<MonitorFinding>();
        var source = context.Inputs[ReportInputs.Survey];
        var survey = sections.FirstOrDefault(s => s.Id == "survey");
        var trust = sections.FirstOrDefault(s => s.Id == "trust");
        if (source is null || (survey is null && trust is null))
        {
            return null;
        }

        using var step = context.Progress.Start("Monitors (confidence sequences, CUSUM, GLR)", "series");
        var header = SectionInput.Header(source);
        string period = context.Settings.Period;
        if (!SectionInput.Has(header, period))
        {
            return null;
        }

        double alpha = Math.Round(1 - context.Confidence, 12);
        if (survey is not null)
        {
            if (Survey(source, context, survey, alpha) is not { } found)
            {
                return null;
            }

            findings.AddRange(found);
        }

        if (trust is not null)
        {
            if (Trust(source, context, trust, alpha) is not { } found)
            {
                return null;
            }

            findings.AddRange(found);
        }

        return findings;
    }

    /// <summary>A period column's cell as a time; false when it is not a timestamp (then the input has none and nothing is monitored).</summary>
    private static bool Time(string text, out DateTime time, ref bool monthStamps)
    {
        if (!MonitorRun.TryParseTime(text, out time, out bool monthOnly))
        {
            return false;
        }

        monthStamps &= monthOnly;
        return true;
    }

    private static List<MonitorFinding>? Survey(SurveySource source, ReportContext context, ReportSection section, double alpha)
    {
        var settings = context.Settings;
        var options = new TrustMetricsOptions { ConfidenceLevel = settings.Confidence };
        var csat = new CsatCalculator(options);
        var ces = new CesCalculator(options);
        using var table = CsvTable.Open(source);
        int periodColumn = table.Column(settings.Period);
        var metrics = new List<(string Metric, int Column, string Name, int Min, int Max, Func<int, double> Value, MonitorScale Scale, FindingUnit Unit, string ChartPrefix)>();
        void Metric(string metric, string column, int min, int max, Func<int, double> value, MonitorScale scale, FindingUnit unit, string chartPrefix)
        {
            if (table.Columns.Any(c => string.Equals(c.Trim(), column.Trim(), StringComparison.OrdinalIgnoreCase)))
            {
                metrics.Add((metric, table.Column(column), column, min, max, value, scale, unit, chartPrefix));
            }
        }

        // NPS as −1/0/+1 (×100 = points); CSAT and CES as their top box, 0/1 (×100 = percent), as the period comparisons test them.
        Metric("nps", settings.NpsColumn, 0, 10, s => TrustMetrics.Monitoring.ConfidenceSequence.NpsValue(s), new MonitorScale(-1, 1, 100, 1), FindingUnit.Points, "nps-trend-by-");
        Metric("csat", settings.CsatColumn, csat.Scale.Min, csat.Scale.Max, s => s >= csat.Threshold ? 1 : 0, new MonitorScale(0, 1, 100, 1), FindingUnit.PercentagePoints, "scales-by-");
        Metric("ces", settings.CesColumn, ces.Scale.Min, ces.Scale.Max, s => s >= ces.Threshold ? 1 : 0, new MonitorScale(0, 1, 100, 1), FindingUnit.PercentagePoints, "scales-by-");
        var breakdowns = settings.Breakdowns(table).Where(b => !string.Equals(b, settings.Period, StringComparison.OrdinalIgnoreCase))
            .Select(b => (Name: b, Index: table.Column(b))).ToList();
        // Per metric: each answer's time, its group in every breakdown and its value.
        var rows = metrics.Select(_ => new List<(DateTime Time, string[] Groups, double Value)>()).ToList();
        bool monthStamps = true;
        while (table.Read())
        {
            string stamp = table.Field(periodColumn);
            if (!Time(stamp, out var time, ref monthStamps))
            {
                context.Skip("survey", context.Labels["section.survey"],
                    $"monitors not run: '{settings.Period}' value '{stamp}' (line {table.Line.ToString(CultureInfo.InvariantCulture)}) is not a date, date-time or yyyy-MM month.");
                return null;
            }

            string[]? groups = null;
            for (int m = 0; m < metrics.Count; m++)
            {
                if (ScoreParser.Score(table, metrics[m].Column, metrics[m].Name, metrics[m].Min, metrics[m].Max) is int score)
                {
                    groups ??= breakdowns.Select(b => table.Field(b.Index) is { Length: > 0 } cell ? cell : GroupedTallies<int>.BlankGroup).ToArray();
                    rows[m].Add((time, groups, metrics[m].Value(score)));
                }
            }
        }

        var slugs = SurveySection.Slugs(breakdowns.Select(b => b.Name).ToList());
        var findings = new List<MonitorFinding>();
        for (int m = 0; m < metrics.Count; m++)
        {
            var (metric, _, _, _, _, _, scale, unit, prefix) = metrics[m];
            if (rows[m].Count == 0)
            {
                continue;
            }

            string overallAnchor = metric == "nps" && section.Charts.Any(c => c.Id == "nps-trend") ? "chart-nps-trend" : "survey";
            // The breakdowns monitored per group; the metric's family of series (for the month-versus-baseline test) is everyone plus their groups.
            var perBreakdown = Enumerable.Range(0, breakdowns.Count)
                .Select(b => (Index: b, Rows: rows[m].Select(r => new MonitorRow(r.Time, r.Groups[b], r.Value)).ToList()))
                .Select(x => (x.Index, x.Rows, Groups: x.Rows.Select(r => r.Group).Distinct(StringComparer.Ordinal).Count()))
                .Where(x => x.Groups <= MaxGroups).ToList();
            int family = 1 + perBreakdown.Sum(x => x.Groups);
            Replay(findings, rows[m].Select(r => new MonitorRow(r.Time, ReportGroups.All, r.Value)).ToList(), perGroup: false, "survey", overallAnchor, metric, null, null,
                scale, unit, alpha, monthStamps, family);
            foreach (var (b, list, _) in perBreakdown)
            {
                string chart = prefix + slugs[breakdowns[b].Name];
                Replay(findings, list, perGroup: true, "survey", section.Charts.Any(c => c.Id == chart) ? "chart-" + chart : "survey", metric, null, breakdowns[b].Name,
                    scale, unit, alpha, monthStamps, family);
            }
        }

        return findings;
    }

    private static List<MonitorFinding>? Trust(SurveySource source, ReportContext context, ReportSection section, double alpha)
    {
        var header = SectionInput.Header(source);
        string? segment = SectionInput.Has(header, "segment") ? "segment" : null;
        var data = TrustIndexInput.Read(source, null, 1, 5, segment, null, context.Settings.Period);
        if (data.Periods is not { } periods)
        {
            return null;
        }

        bool monthStamps = true;
        var times = new DateTime[periods.Length];
        for (int r = 0; r < periods.Length; r++)
        {
            if (!Time(periods[r], out times[r], ref monthStamps))
            {
                return null;
            }
        }

        var series = TrustScores(data).Select(m => (m.Measure, Rows: Enumerable.Range(0, m.Scores.Length).Where(r => double.IsFinite(m.Scores[r]))
            .Select(r => (Time: times[r], Group: data.Survey.Segments?[r] ?? ReportGroups.All, Value: m.Scores[r])).ToList())).ToList();
        string anchor = section.Charts.Any(c => c.Id == "trust-trend") ? "chart-trust-trend" : "trust";
        var scale = new MonitorScale(0, 100, 1, 1);
        var findings = new List<MonitorFinding>();
        foreach (var (measure, rows) in series.Where(s => s.Rows.Count > 0))
        {
            string metric = measure is null ? "trustIndex" : "trustDimension";
            int segments = segment is null ? 0 : rows.Select(r => r.Group).Distinct(StringComparer.Ordinal).Count();
            bool perSegment = segment is not null && segments <= MaxGroups;
            int family = 1 + (perSegment ? segments : 0);
            Replay(findings, rows.Select(r => new MonitorRow(r.Time, ReportGroups.All, r.Value)).ToList(), perGroup: false, "trust", anchor, metric, measure, null, scale,
                FindingUnit.Points, alpha, monthStamps, family);
            if (perSegment)
            {
                Replay(findings, rows.Select(r => new MonitorRow(r.Time, r.Group, r.Value)).ToList(), perGroup: true, "trust", anchor, metric, measure, segment, scale,
                    FindingUnit.Points, alpha, monthStamps, family);
            }
        }

        return findings;
    }

    /// <summary>
    /// Each respondent's trust scores on 0–100 (NaN = not answered): the index (measure null; the mean of the dimension scores, when
    /// every dimension has an answer) and each dimension (100 × (mean of its answered items − 1) / 4: the theoretical bounds of the
    /// section's equal-weight arithmetic index on the 1–5 scale). The monitors and the trust chart's anytime band read them.
    /// </summary>
    public static List<(string? Measure, double[] Scores)> TrustScores(TrustIndexInput.Data data)
    {
        var survey = data.Survey;
        var items = survey.ItemNames.ToList();
        var dimensions = data.Dimensions.Select(d => (d.Name, Items: d.Items.Select(i => items.IndexOf(i)).Where(i => i >= 0).ToArray())).Where(d => d.Items.Length > 0).ToList();
        var responses = survey.Responses;
        int k = items.Count, n = survey.RespondentCount;
        var result = new List<(string? Measure, double[] Scores)> { (null, new double[n]) };
        result.AddRange(dimensions.Select(d => ((string?)d.Name, new double[n])));
        for (int r = 0; r < n; r++)
        {
            double sum = 0;
            int complete = 0;
            for (int d = 0; d < dimensions.Count; d++)
            {
                double total = 0;
                int answered = 0;
                foreach (int i in dimensions[d].Items)
                {
                    double answer = responses[r * k + i];
                    if (double.IsFinite(answer))
                    {
                        total += answer;
                        answered++;
                    }
                }

                double score = answered > 0 ? 100 * (total / answered - 1) / 4 : double.NaN;
                result[d + 1].Scores[r] = score;
                if (answered > 0)
                {
                    sum += score;
                    complete++;
                }
            }

            result[0].Scores[r] = complete == dimensions.Count && complete > 0 ? sum / complete : double.NaN;
        }

        return result;
    }

    private static void Replay(List<MonitorFinding> findings, List<MonitorRow> rows, bool perGroup, string section, string anchor, string metric, string? measure, string? by,
        MonitorScale scale, FindingUnit unit, double alpha, bool monthStamps, int family)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var replay = MonitorRun.Replay(rows, scale, Options(alpha, perGroup, family));
        findings.AddRange(replay.Alerts.Select(a => new MonitorFinding(section, anchor, metric, measure, perGroup ? by : null, perGroup ? a.Group : ReportGroups.All, unit,
            replay.BaselineUntil, monthStamps, alpha, Arl, a)));
    }
}
