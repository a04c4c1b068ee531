using System.Globalization;
using TrustMetrics.Cli.Monitoring;

namespace TrustMetrics.Cli.Report;

/// <summary>How pressing a finding is: the first ranking key of the key findings.</summary>
internal enum FindingTier
{
    /// <summary>A change the bad way that no significant change back has followed yet: act on it.</summary>
    Open = 0,

    /// <summary>A change the bad way followed by a significant recovery in the next period.</summary>
    Recovered = 1,

    /// <summary>A change the good way.</summary>
    Favourable = 2,
}

/// <summary>
/// One key finding: a change that survived its section's multiple-comparison correction, its recovery in the next period if
/// that survived too, its rank (1 = most important), one plain sentence in the report's language and the detail line (the
/// adjusted p and the family it was adjusted over).
/// </summary>
internal sealed record KeyFinding(int Rank, FindingTier Tier, ChangeCandidate Change, ChangeCandidate? Recovery, string Sentence, string Detail)
{
    /// <summary>The monitor alerts behind this finding (null when only the period comparisons found it).</summary>
    public MonitorEpisode? Monitor { get; init; }

    /// <summary>"periods" (the Holm-adjusted period comparisons alone), "monitor" (a monitor alone) or "both".</summary>
    public string Source => Monitor is null ? "periods" : Change.Comparisons == 0 ? "monitor" : "both";
}

/// <summary>
/// The alerts of one monitored series (section, metric, measure, group) that describe one change: the first alert (the lead: the
/// earliest; at the same time GLR, then CUSUM, then the month-versus-baseline test, then the anytime-valid baseline comparison) and every alert of the same series
/// that fired before a later change began (an alert whose change start is after the lead's alarm opens a new episode).
/// </summary>
internal sealed record MonitorEpisode(MonitorFinding Lead, IReadOnlyList<MonitorFinding> Alerts)
{
    /// <summary>Detectors that fired in this episode, in the order of <see cref="Alerts"/>, each once.</summary>
    public IReadOnlyList<string> Detectors => Alerts.Select(a => a.Alert.Detector).Distinct(StringComparer.Ordinal).ToList();
}

/// <summary>
/// The "Key findings" block at the top of the report. From every section's period-over-period comparisons it keeps those whose
/// Holm-adjusted p (over that section's family) is below α = 1 − level, joins a dip and its significant recovery in the next
/// period into one finding, leaves out an overall change when a group's change of the same metric and periods explains it, and
/// ranks them: open adverse changes first, then recovered dips, then favourable changes; within a tier the clearer signal first
/// (|change| / SE, largest first), then the section order of the report; at most <see cref="PerSection"/> findings per section
/// lead, the rest follow in the same order. Each becomes one sentence with the size of the change, the values before and after
/// and the interval of the change.
/// </summary>
internal static class KeyFindings
{
    /// <summary>At most this many findings are written in the block; the rest are counted in a closing line (report.json has all).</summary>
    public const int Shown = 8;

    /// <summary>At most this many findings of one section come before the findings of the other sections.</summary>
    public const int PerSection = 2;

    private static readonly string[] SectionOrder = ["survey", "trust", "churn", "survival", "clv", "repurchase", "service", "reviews"];

    public static IReadOnlyList<KeyFinding> Select(IEnumerable<ChangeCandidate> candidates, double confidenceLevel, string language,
        IReadOnlyList<MonitorFinding>? monitors = null)
    {
        // 1 − 0.95 is 0.050000000000000044 in binary: round so an adjusted p of exactly 0.05 is not kept.
        double alpha = Math.Round(1 - confidenceLevel, 12);
        var survivors = candidates.Where(c => c.AdjustedP < alpha && c.Estimate != 0).ToList();
        var recoveries = new Dictionary<ChangeCandidate, ChangeCandidate>(ReferenceEqualityComparer.Instance);
        var used = new HashSet<ChangeCandidate>(ReferenceEqualityComparer.Instance);
        foreach (var dip in survivors.Where(c => c.Adverse).OrderBy(c => c.From, StringComparer.Ordinal))
        {
            if (used.Contains(dip))
            {
                continue;
            }

            var back = survivors.FirstOrDefault(r => !r.Adverse && !used.Contains(r) && r.SameSeries(dip) && r.From == dip.To);
            if (back is not null)
            {
                recoveries[dip] = back;
                used.Add(back);
            }
        }

        // The overall change is left out when a group's change of the same metric, periods and direction survived too: the
        // group's is the more specific story (the app channel's drop moves everyone's number).
        bool Explained(ChangeCandidate overall) => overall.By is null && survivors.Any(g => g.By is not null && g.Section == overall.Section
            && g.Metric == overall.Metric && g.Measure == overall.Measure && g.From == overall.From && g.To == overall.To && g.Adverse == overall.Adverse);

        var text = FindingText.For(language);
        var periodFindings = survivors.Where(c => !used.Contains(c) && !Explained(c))
            .Select(c => (Change: c, Recovery: recoveries.GetValueOrDefault(c), Tier: !c.Adverse ? FindingTier.Favourable : recoveries.ContainsKey(c) ? FindingTier.Recovered : FindingTier.Open,
                Monitor: (MonitorEpisode?)null))
            .ToList();

        // The monitors: each episode joins the adverse period finding of the same series whose periods overlap it (one sentence with
        // both); an episode with none becomes its own open finding when its anytime-valid interval of the change lies below zero (the
        // sentence's interval then supports the drop it states; the other alerts stay in report.json's monitorAlerts). An overall
        // episode is left out when a group's episode of the same metric explains it, as above.
        var episodes = Episodes(monitors ?? []);
        episodes.RemoveAll(e => e.Lead.By is null && episodes.Any(g => g.Lead.By is not null && g.Lead.Section == e.Lead.Section && g.Lead.Metric == e.Lead.Metric
            && g.Lead.Measure == e.Lead.Measure));
        foreach (var episode in episodes)
        {
            int match = periodFindings.FindIndex(f => f.Monitor is null && f.Change.Adverse && episode.Lead.SameSeries(f.Change) && Overlaps(episode, f.Change, f.Recovery));
            if (match >= 0)
            {
                periodFindings[match] = periodFindings[match] with { Monitor = episode };
            }
            else if (episode.Lead.Alert.ChangeUpper < 0 && !survivors.Any(c => c.Adverse && episode.Lead.SameSeries(c) && Overlaps(episode, c, null)))
            {
                periodFindings.Add((MonitorChange(episode.Lead, confidenceLevel), null, FindingTier.Open, episode));
            }
        }

        var ordered = periodFindings
            .OrderBy(f => f.Tier)
            .ThenByDescending(f => f.Change.Strength)
            .ThenBy(f => Array.IndexOf(SectionOrder, f.Change.Section) is int i && i >= 0 ? i : SectionOrder.Length)
            .ThenBy(f => f.Change.From, StringComparer.Ordinal)
            .ToList();

        // At most PerSection findings of one section lead the list, so one busy section (service has three rates per channel)
        // does not crowd out the others; its further findings follow in the same order.
        var count = new Dictionary<string, int>(StringComparer.Ordinal);
        var leading = new List<(ChangeCandidate Change, ChangeCandidate? Recovery, FindingTier Tier, MonitorEpisode? Monitor)>();
        var following = new List<(ChangeCandidate Change, ChangeCandidate? Recovery, FindingTier Tier, MonitorEpisode? Monitor)>();
        foreach (var f in ordered)
        {
            int n = count.GetValueOrDefault(f.Change.Section);
            count[f.Change.Section] = n + 1;
            (n < PerSection ? leading : following).Add(f);
        }

        return leading.Concat(following)
            .Select((f, i) => new KeyFinding(i + 1, f.Tier, f.Change, f.Recovery, text.Sentence(f.Change, f.Recovery, f.Monitor), text.Detail(f.Change, f.Monitor))
            {
                Monitor = f.Monitor,
            })
            .ToList();
    }

    /// <summary>The alerts grouped into episodes per series (see <see cref="MonitorEpisode"/>), in firing order.</summary>
    internal static List<MonitorEpisode> Episodes(IEnumerable<MonitorFinding> monitors)
    {
        static int Priority(string detector) => detector switch { "glr" => 0, "cusum" => 1, "month-baseline" => 2, _ => 3 };
        var episodes = new List<MonitorEpisode>();
        foreach (var series in monitors.GroupBy(m => (m.Section, m.Metric, m.Measure, m.By, m.Group)))
        {
            List<MonitorFinding>? current = null;
            foreach (var alert in series.OrderBy(m => m.Alert.Time).ThenBy(m => Priority(m.Alert.Detector)))
            {
                if (current is not null && alert.ChangeStart <= current[0].Alert.Time)
                {
                    current.Add(alert);
                    continue;
                }

                current = [alert];
                episodes.Add(new MonitorEpisode(alert, current));
            }
        }

        return episodes;
    }

    /// <summary>
    /// True when the episode (from its change start to its first alarm) overlaps the periods of the change (from the start of its
    /// <c>From</c> period to the end of its <c>To</c> period, or of its recovery's); periods that are not dates or yyyy-MM months
    /// match on the series alone.
    /// </summary>
    private static bool Overlaps(MonitorEpisode episode, ChangeCandidate change, ChangeCandidate? recovery)
    {
        if (!MonitorRun.TryParseTime(change.From, out var from, out _) || !MonitorRun.TryParseTime(recovery?.To ?? change.To, out var to, out bool month))
        {
            return true;
        }

        // The end of the To period: the next month for yyyy-MM, the next day for a date.
        DateTime end = month ? to.AddMonths(1) : to.AddDays(1);
        return episode.Lead.ChangeStart < end && episode.Lead.Alert.Time >= from;
    }

    /// <summary>
    /// A monitor alert as a change: from its change start to its alarm, the change size with its anytime-valid interval, the
    /// baseline and post-change means as before and after. Its strength for the ranking is |size| / (half-width / z₁₋α/₂) — the
    /// anytime interval is wider than a fixed-n one, so a monitor-only finding ranks behind a period finding of the same size.
    /// </summary>
    private static ChangeCandidate MonitorChange(MonitorFinding m, double level)
    {
        var a = m.Alert;
        double lower = a.ChangeLower ?? double.NaN, upper = a.ChangeUpper ?? double.NaN;
        double z = TrustMetrics.Statistics.Distributions.NormalQuantile(1 - (1 - level) / 2);
        double standardError = double.IsFinite(upper - lower) && upper > lower ? (upper - lower) / 2 / z : double.NaN;
        return new ChangeCandidate(m.Section, m.Anchor, m.Metric, m.Measure, m.By, m.Group, m.Stamp(m.ChangeStart), m.Stamp(a.Time), a.BaselineMean,
            a.BaselineMean + a.ChangeSize, a.ChangeSize, standardError, lower, upper, level, double.NaN, double.NaN, 0, HigherIsBetter: true, m.Unit);
    }

    /// <summary>The heading of the block, its empty-state line and the "N more" line, in the report's language.</summary>
    public static string Heading(string language) => FindingText.For(language).Heading;

    public static string None(string language, double confidenceLevel, int comparisons) =>
        string.Format(CultureInfo.InvariantCulture, FindingText.For(language).NoneTemplate, comparisons, Output.Formatting.Number(1 - confidenceLevel, 2));

    public static string More(string language, int more) => string.Format(CultureInfo.InvariantCulture, FindingText.For(language).MoreTemplate, more);

    /// <summary>The explanation under the block: what was kept and how it is ordered.</summary>
    public static string Note(string language, double confidenceLevel) =>
        string.Format(CultureInfo.InvariantCulture, FindingText.For(language).NoteTemplate, Output.Formatting.Number(1 - confidenceLevel, 2), Output.Formatting.Level(confidenceLevel));

    /// <summary>The line under the note when the monitors ran.</summary>
    public static string MonitorNote(string language) => string.Format(CultureInfo.InvariantCulture, FindingText.For(language).MonitorNote,
        Output.Formatting.Count((long)ReportMonitors.Arl), ReportMonitors.MinBaseline);

    /// <summary>The link text "section →" under each finding.</summary>
    public static string SeeSection(string language) => FindingText.For(language).See;
}

/// <summary>
/// The words of the key findings, English and Korean. Korean sentences keep the English term in parentheses where the report's
/// labels do (NPS, CSAT, CES, churn) and are built noun-style ("… 하락") so no particle depends on the word before it. Numbers use
/// the invariant culture and a true minus sign; data values (groups, periods, trust dimensions) pass through untranslated.
/// </summary>
internal sealed class FindingText
{
    private static readonly Dictionary<string, string> EnglishWords = new(StringComparer.Ordinal)
    {
        ["heading"] = "Key findings",
        ["none"] = "No change between consecutive periods survives the correction for multiple comparisons ({0} comparisons, adjusted p < {1}).",
        ["more"] = "… and {0} more in report.json (keyFindings).",
        ["note"] = "Changes from one period to the next whose p-value, adjusted (Holm) over all comparisons of their section, is below {0}; "
            + "intervals are {1} intervals of the change. Order: changes for the worse not yet reversed, then dips that recovered, then improvements; "
            + "within each, the clearest signal (change / standard error) first, at most two per section before the others.",
        ["see"] = "details",
        ["overall"] = "All customers",
        ["who"] = "{0} {1}",
        ["fell"] = "fell",
        ["rose"] = "rose",
        ["sentence"] = "{0}: {1} {2} {3} from {4} to {5} ({6} → {7}; {8} interval of the change {9} to {10})",
        ["sentenceNoValues"] = "{0}: {1} {2} {3} from {4} to {5} ({8} interval of the change {9} to {10})",
        ["recovered"] = ", then recovered {0} in {1}",
        ["end"] = ".",
        ["detail"] = "Holm-adjusted p {0} over {1} comparisons",
        ["unit.Points"] = "points",
        ["unit.PercentagePoints"] = "percentage points",
        ["unit.Stars"] = "stars",
        ["metric.nps"] = "NPS",
        ["metric.csat"] = "the share satisfied (CSAT)",
        ["metric.ces"] = "the share finding it easy (CES)",
        ["metric.trustIndex"] = "the trust index",
        ["metric.trustDimension"] = "trust in {0}",
        ["metric.churn"] = "monthly churn",
        ["metric.firstContactResolution"] = "first-contact resolution",
        ["metric.firstResponseSla"] = "tickets answered within {0} h",
        ["metric.resolutionSla"] = "tickets resolved within {0} h",
        ["metric.rating"] = "the mean review rating",
        ["monitorChange"] = "{0}: {1} dropped {2} from about {3} ({4}{5} anytime interval of the change {6} to {7}), flagged in {8} by the {9}",
        ["monitorBaseline"] = "{0}: {1} is {2} below its baseline since {3} ({4}{5} anytime interval of the change {6} to {7}), flagged in {8} by the {9}",
        ["monitorValues"] = "{0} → {1}; ",
        ["monitorAlso"] = "; the {1} flagged it in {0}, the change beginning about {2}",
        ["monitorAlsoBaseline"] = "; the {1} flagged it in {0}",
        ["detector.glr"] = "likelihood-ratio change detector (GLR)",
        ["detector.cusum"] = "CUSUM change detector",
        ["detector.anytime-baseline"] = "always-valid comparison with the baseline",
        ["detector.month-baseline"] = "month-versus-baseline test",
        ["short.glr"] = "GLR",
        ["short.cusum"] = "CUSUM",
        ["short.anytime-baseline"] = "anytime baseline comparison",
        ["short.month-baseline"] = "month vs baseline",
        ["monitorMonth"] = "{0}: {1} was {2} below its baseline in {3} ({4}{5} interval of the change, adjusted for every month and group checked, {6} to {7}), flagged by the {9}",
        ["detailMonitor"] = "monitors: {0}",
        ["detailMonitorOnly"] = "monitors: {0} (ARL₀ {2} answers per group, anytime α {1})",
        ["noteMonitors"] = "The survey has timestamps, so its answers were also replayed in time order through the monitors (an always-valid comparison with the baseline, "
            + "CUSUM and GLR change detectors at ARL₀ {0} answers per group, each month against the baseline with a Bonferroni bound of α/2 over the months and groups "
            + "of a measure, baseline of at least {1} answers; docs/monitoring.md): an alert on a change "
            + "listed above is added to its sentence; an alert on any other change is a finding of its own when its anytime interval of the change lies below zero "
            + "(every alert: report.json, monitorAlerts).",
    };

    private static readonly Dictionary<string, string> KoreanWords = new(StringComparer.Ordinal)
    {
        ["heading"] = "핵심 발견 (Key findings)",
        ["none"] = "다중 비교 보정 후에도 유의한 기간 간 변화가 없습니다 (비교 {0}건, 보정 p < {1}).",
        ["more"] = "… 외 {0}건은 report.json (keyFindings)에 있습니다.",
        ["note"] = "한 기간에서 다음 기간으로의 변화 중, 섹션의 모든 비교에 대해 Holm 보정한 p가 {0} 미만인 것; 구간은 변화의 {1} 신뢰구간입니다. "
            + "순서: 아직 회복되지 않은 악화, 회복된 하락, 개선 순; 같은 묶음 안에서는 신호가 뚜렷한 것 (변화 / 표준오차)부터, 섹션마다 먼저 두 건까지.",
        ["see"] = "자세히",
        ["overall"] = "전체 고객",
        ["who"] = "{0} ({1})",
        ["fell"] = "하락",
        ["rose"] = "상승",
        ["sentence"] = "{0} · {1}: {4} → {5} {3} {2} ({6} → {7}; 변화의 {8} 신뢰구간 {9} ~ {10})",
        ["sentenceNoValues"] = "{0} · {1}: {4} → {5} {3} {2} (변화의 {8} 신뢰구간 {9} ~ {10})",
        ["recovered"] = ", {1}에 {0} 회복",
        ["end"] = ".",
        ["detail"] = "Holm 보정 p {0} (비교 {1}건)",
        ["unit.Points"] = "점",
        ["unit.PercentagePoints"] = "%p",
        ["unit.Stars"] = "점",
        ["metric.nps"] = "순추천지수 (NPS)",
        ["metric.csat"] = "만족 비율 (CSAT)",
        ["metric.ces"] = "쉬움 비율 (CES)",
        ["metric.trustIndex"] = "신뢰지수 (trust index)",
        ["metric.trustDimension"] = "{0} 신뢰 점수",
        ["metric.churn"] = "월간 이탈률 (churn)",
        ["metric.firstContactResolution"] = "첫 접촉 해결률 (first-contact resolution)",
        ["metric.firstResponseSla"] = "{0}시간 내 첫 응답 비율",
        ["metric.resolutionSla"] = "{0}시간 내 해결 비율",
        ["metric.rating"] = "평균 평점 (rating)",
        ["monitorChange"] = "{0} · {1}: {3}경부터 {2} 하락 ({4}변화의 {5} 상시 유효 구간 {6} ~ {7}; 감지 {8} · {9})",
        ["monitorBaseline"] = "{0} · {1}: {3} 이후 기준 기간 대비 {2} 낮음 ({4}변화의 {5} 상시 유효 구간 {6} ~ {7}; 감지 {8} · {9})",
        ["monitorValues"] = "{0} → {1}; ",
        ["monitorAlso"] = "; 감지 {0} · {1}, 변화 시작 {2}경",
        ["monitorAlsoBaseline"] = "; 감지 {0} · {1}",
        ["detector.glr"] = "우도비 변화 탐지 (GLR)",
        ["detector.cusum"] = "누적합 변화 탐지 (CUSUM)",
        ["detector.anytime-baseline"] = "기준 기간 대비 상시 유효 비교",
        ["detector.month-baseline"] = "월별 기준 기간 비교",
        ["short.glr"] = "GLR",
        ["short.cusum"] = "CUSUM",
        ["short.anytime-baseline"] = "기준 기간 상시 유효 비교",
        ["short.month-baseline"] = "월별 기준 비교",
        ["monitorMonth"] = "{0} · {1}: {3}에 기준 기간보다 {2} 낮음 ({4}변화의 {5} 구간 {6} ~ {7}, 검사한 모든 월·그룹에 대해 보정; 감지 · {9})",
        ["detailMonitor"] = "모니터: {0}",
        ["detailMonitorOnly"] = "모니터: {0} (ARL₀ 그룹당 응답 {2}건, 상시 유효 α {1})",
        ["noteMonitors"] = "설문에 시점이 있어 응답을 시간 순으로 모니터(기준 기간 대비 상시 유효 비교, CUSUM·GLR 변화 탐지, ARL₀ 그룹당 응답 {0}건, 월별 기준 기간 비교(측정 항목의 모든 월·그룹에 Bonferroni α/2), 기준 기간 최소 {1}건; docs/monitoring.md)에도 통과시켰습니다: "
            + "위 변화에 대한 경보는 해당 문장에 덧붙이고, 다른 변화에 대한 경보는 변화의 상시 유효 구간이 0보다 아래일 때 별도 발견으로 표시합니다 (모든 경보: report.json, monitorAlerts).",
    };

    private readonly Dictionary<string, string> words;
    private readonly bool korean;

    private FindingText(Dictionary<string, string> words, bool korean)
    {
        this.words = words;
        this.korean = korean;
    }

    public static FindingText English { get; } = new(EnglishWords, false);

    public static FindingText Korean { get; } = new(KoreanWords, true);

    public static FindingText For(string language) => language == "ko" ? Korean : English;

    /// <summary>Every key of a language (a test checks both languages have the same keys).</summary>
    public IReadOnlyCollection<string> Keys => words.Keys;

    public string Heading => words["heading"];

    public string NoneTemplate => words["none"];

    public string MoreTemplate => words["more"];

    public string NoteTemplate => words["note"];

    public string See => words["see"];

    public string MonitorNote => words["noteMonitors"];

    public string Sentence(ChangeCandidate change, ChangeCandidate? recovery, MonitorEpisode? monitor = null)
    {
        if (monitor is not null && change.Comparisons == 0)
        {
            return MonitorSentence(change, monitor);
        }

        int decimals = Decimals(change.Unit);
        string who = change.By is null ? words["overall"] : Format("who", change.Group, change.By);
        string metric = Metric(change);
        string size = Number(Math.Abs(change.Estimate), decimals);
        string unit = words["unit." + change.Unit];
        string verb = change.Estimate < 0 ? words["fell"] : words["rose"];
        string level = Output.Formatting.Level(change.Level);
        var (lower, upper) = (Number(change.Lower, decimals), Number(change.Upper, decimals));
        string template = change.Before is double && change.After is double ? "sentence" : "sentenceNoValues";
        string sentence = Format(template, who, metric, verb, korean ? size + unit : size + " " + unit, change.From, change.To,
            Value(change.Before, change), Value(change.After, change), level, lower, upper);
        if (recovery is not null)
        {
            string back = Number(Math.Abs(recovery.Estimate), decimals) + (korean ? string.Empty : " ") + words["unit." + recovery.Unit];
            sentence += Format("recovered", back, recovery.To);
        }

        if (monitor is not null)
        {
            var lead = monitor.Lead;
            sentence += lead.Alert.ChangeTime is DateTime start
                ? Format("monitorAlso", lead.Stamp(lead.Alert.Time), Detector(lead.Alert.Detector), lead.Stamp(start))
                : Format("monitorAlsoBaseline", lead.Stamp(lead.Alert.Time), Detector(lead.Alert.Detector));
        }

        return sentence + words["end"];
    }

    /// <summary>A change only a monitor found: who, what, when it began, its size with the anytime interval, when and by what it was flagged.</summary>
    private string MonitorSentence(ChangeCandidate change, MonitorEpisode monitor)
    {
        var lead = monitor.Lead;
        int decimals = Decimals(change.Unit);
        string who = change.By is null ? words["overall"] : Format("who", change.Group, change.By);
        string size = Number(Math.Abs(change.Estimate), decimals);
        string unit = words["unit." + change.Unit];
        string level = Output.Formatting.Level(change.Level);
        string values = change.Before is double && change.After is double ? Format("monitorValues", Value(change.Before, change), Value(change.After, change)) : string.Empty;
        // The month test's interval is a fixed-sample one (Bonferroni over the months and series checked), not an anytime one.
        string key = lead.Alert.Detector == "month-baseline" ? "monitorMonth" : lead.Alert.ChangeTime is null ? "monitorBaseline" : "monitorChange";
        return Format(key, who, Metric(change), korean ? size + unit : size + " " + unit, change.From, values, level, Number(change.Lower, decimals),
            Number(change.Upper, decimals), change.To, Detector(lead.Alert.Detector)) + words["end"];
    }

    /// <summary>The detector in plain words.</summary>
    public string Detector(string detector) => words.TryGetValue("detector." + detector, out var name) ? name : detector;

    public string Detail(ChangeCandidate change, MonitorEpisode? monitor = null)
    {
        if (monitor is null)
        {
            return Format("detail", PText.Of(change.AdjustedP), change.Comparisons);
        }

        var lead = monitor.Lead;
        // Short, so the detail stays on one line of a narrow page: the settings are in the note under the block and in report.json.
        string detectors = string.Join(", ", monitor.Detectors.Select(d => words["short." + d]));
        return change.Comparisons == 0
            ? Format("detailMonitorOnly", detectors, Output.Formatting.Number(lead.Alpha, 2), Output.Formatting.Count((long)lead.Arl))
            : Format("detail", PText.Of(change.AdjustedP), change.Comparisons) + "; " + Format("detailMonitor", detectors);
    }

    private string Metric(ChangeCandidate change) => change.Metric switch
    {
        "trustDimension" or "firstResponseSla" or "resolutionSla" => Format("metric." + change.Metric, change.Measure ?? string.Empty),
        _ => words.TryGetValue("metric." + change.Metric, out var name) ? name : change.Measure ?? change.Metric,
    };

    private static string Value(double? value, ChangeCandidate change) =>
        value is double v ? Number(v, Decimals(change.Unit)) + (change.Unit == FindingUnit.PercentagePoints ? "%" : string.Empty) : string.Empty;

    private static int Decimals(FindingUnit unit) => unit == FindingUnit.Stars ? 2 : 1;

    /// <summary>A number with a true minus sign (U+2212) and no "−0.0".</summary>
    internal static string Number(double value, int decimals)
    {
        string text = Output.Formatting.Number(value, decimals);
        return text.StartsWith('-') ? (text.AsSpan(1).IndexOfAnyExcept("0.") < 0 ? text[1..] : "−" + text[1..]) : text;
    }

    private string Format(string key, params object?[] arguments) => string.Format(CultureInfo.InvariantCulture, words[key], arguments);
}

/// <summary>A p-value after "p": "= 0.0123", or "&lt; 0.0001" for tiny ones (never "p = &lt; 0.0001").</summary>
internal static class PText
{
    public static string Of(double p)
    {
        string text = Output.Formatting.PValue(p);
        return text.StartsWith('<') ? text : "= " + text;
    }
}
