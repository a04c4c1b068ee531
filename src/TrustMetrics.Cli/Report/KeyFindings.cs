using System.Globalization;

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
internal sealed record KeyFinding(int Rank, FindingTier Tier, ChangeCandidate Change, ChangeCandidate? Recovery, string Sentence, string Detail);

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

    public static IReadOnlyList<KeyFinding> Select(IEnumerable<ChangeCandidate> candidates, double confidenceLevel, string language)
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
        var ordered = survivors.Where(c => !used.Contains(c) && !Explained(c))
            .Select(c => (Change: c, Recovery: recoveries.GetValueOrDefault(c), Tier: !c.Adverse ? FindingTier.Favourable : recoveries.ContainsKey(c) ? FindingTier.Recovered : FindingTier.Open))
            .OrderBy(f => f.Tier)
            .ThenByDescending(f => f.Change.Strength)
            .ThenBy(f => Array.IndexOf(SectionOrder, f.Change.Section) is int i && i >= 0 ? i : SectionOrder.Length)
            .ThenBy(f => f.Change.From, StringComparer.Ordinal)
            .ToList();

        // At most PerSection findings of one section lead the list, so one busy section (service has three rates per channel)
        // does not crowd out the others; its further findings follow in the same order.
        var count = new Dictionary<string, int>(StringComparer.Ordinal);
        var leading = new List<(ChangeCandidate Change, ChangeCandidate? Recovery, FindingTier Tier)>();
        var following = new List<(ChangeCandidate Change, ChangeCandidate? Recovery, FindingTier Tier)>();
        foreach (var f in ordered)
        {
            int n = count.GetValueOrDefault(f.Change.Section);
            count[f.Change.Section] = n + 1;
            (n < PerSection ? leading : following).Add(f);
        }

        return leading.Concat(following)
            .Select((f, i) => new KeyFinding(i + 1, f.Tier, f.Change, f.Recovery, text.Sentence(f.Change, f.Recovery), text.Detail(f.Change)))
            .ToList();
    }

    /// <summary>The heading of the block, its empty-state line and the "N more" line, in the report's language.</summary>
    public static string Heading(string language) => FindingText.For(language).Heading;

    public static string None(string language, double confidenceLevel, int comparisons) =>
        string.Format(CultureInfo.InvariantCulture, FindingText.For(language).NoneTemplate, comparisons, Output.Formatting.Number(1 - confidenceLevel, 2));

    public static string More(string language, int more) => string.Format(CultureInfo.InvariantCulture, FindingText.For(language).MoreTemplate, more);

    /// <summary>The explanation under the block: what was kept and how it is ordered.</summary>
    public static string Note(string language, double confidenceLevel) =>
        string.Format(CultureInfo.InvariantCulture, FindingText.For(language).NoteTemplate, Output.Formatting.Number(1 - confidenceLevel, 2), Output.Formatting.Level(confidenceLevel));

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

    public string Sentence(ChangeCandidate change, ChangeCandidate? recovery)
    {
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

        return sentence + words["end"];
    }

    public string Detail(ChangeCandidate change)
    {
        return Format("detail", PText.Of(change.AdjustedP), change.Comparisons);
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
