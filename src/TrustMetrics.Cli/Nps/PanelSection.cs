using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;
using TrustMetrics.Cli.Report;
using TrustMetrics.Nps;

namespace TrustMetrics.Cli.Nps;

/// <summary>
/// The survey section's panel part: on the embedded sample company, whose respondents partly answered a second wave
/// (survey_wave2.csv, Sample/README.md), the same paired comparison as <c>trustmetrics nps --input survey.csv --column nps
/// --paired survey_wave2.csv --id respondent_id</c> (<see cref="PairedNpsComparison"/>: score interval on the paired SE from the
/// 3×3 transition table), a plain-language sentence, the movement table and the tidy tables <c>paired_nps</c> and
/// <c>paired_nps_movement</c>. Nothing on other data (the report has no second-wave input).
/// Its labels (English and Korean) live here, so the part is one file.
/// </summary>
internal static class PanelSection
{
    /// <summary>The embedded second wave, its id column and the NPS column of both waves.</summary>
    public const string Wave2File = "survey_wave2.csv";
    public const string IdColumn = "respondent_id";

    private static readonly Dictionary<string, string> English = new(StringComparer.Ordinal)
    {
        ["title"] = "Panel: paired NPS of the respondents who answered both waves (wave 2 − wave 1)",
        ["wave1"] = "NPS wave 1",
        ["wave2"] = "NPS wave 2",
        ["rose"] = "Among the {0} customers who answered both waves, NPS rose by {1} points ({2} CI {3} to {4}; p {5}).",
        ["fell"] = "Among the {0} customers who answered both waves, NPS fell by {1} points ({2} CI {3} to {4}; p {5}).",
        ["same"] = "Among the {0} customers who answered both waves, NPS did not change ({1} CI {2} to {3}).",
        ["note"] = "Δ in points; SE from the 3×3 transition table (the same people twice), not the independent-samples formula (which would give {0}); restricted-ML score interval and test (Tango 1998, Lang 2008). Bowker symmetry test: {1}.",
        ["noMove"] = "nobody changed category",
        ["movement"] = "Movement between the waves (rows: wave 1, columns: wave 2)",
        ["flows"] = "Promoters gained {0}, lost {1}; detractors gained {2}, lost {3}.",
        ["detractor"] = "Detractor",
        ["passive"] = "Passive",
        ["promoter"] = "Promoter",
    };

    private static readonly Dictionary<string, string> Korean = new(StringComparer.Ordinal)
    {
        ["title"] = "패널: 두 차례 모두 응답한 고객의 짝지은 NPS 변화 (Paired NPS, wave 2 − wave 1)",
        ["wave1"] = "1차 NPS (wave 1)",
        ["wave2"] = "2차 NPS (wave 2)",
        ["rose"] = "두 차례 모두 응답한 고객 {0}명의 NPS는 {1}점 상승했습니다 ({2} 신뢰구간 {3} ~ {4}, p {5}).",
        ["fell"] = "두 차례 모두 응답한 고객 {0}명의 NPS는 {1}점 하락했습니다 ({2} 신뢰구간 {3} ~ {4}, p {5}).",
        ["same"] = "두 차례 모두 응답한 고객 {0}명의 NPS는 변하지 않았습니다 ({1} 신뢰구간 {2} ~ {3}).",
        ["note"] = "Δ는 점수 차(points)입니다. 표준오차는 3×3 이동표(같은 응답자의 두 번 응답)에서 구했으며, 독립 표본 공식(값 {0})을 쓰지 않습니다. 제한 최대우도 점수 구간과 검정 (Tango 1998, Lang 2008). Bowker 대칭성 검정 (symmetry test): {1}.",
        ["noMove"] = "범주를 바꾼 응답자가 없음",
        ["movement"] = "응답 이동표 (Movement: 행 = 1차, 열 = 2차)",
        ["flows"] = "추천 고객 유입 {0}, 이탈 {1}; 비추천 고객 유입 {2}, 이탈 {3}.",
        ["detractor"] = "비추천 (Detractor)",
        ["passive"] = "중립 (Passive)",
        ["promoter"] = "추천 (Promoter)",
    };

    /// <summary>The part's summary sentence, tables and data (all empty unless the report runs on the sample company).</summary>
    public static (IReadOnlyList<string> Summary, IReadOnlyList<Table> Tables, IReadOnlyList<DataTable> Data) Build(SurveySource source, ReportContext context)
    {
        if (!context.Inputs.IsSample)
        {
            return ([], [], []);
        }

        string npsColumn = context.Settings.NpsColumn;
        PairedNps.Pairs pairs;
        using (context.Progress.Start($"Reading {Wave2File} (panel)", "rows"))
        {
            var wave2 = SurveySource.Embedded(Wave2File, "embedded sample (Hanbit Home Appliances second panel wave)");
            pairs = PairedNps.Join(source, wave2, IdColumn, npsColumn);
        }

        if (pairs.Tally.Count == 0)
        {
            return ([], [], []);
        }

        var r = PairedNpsComparison.Compare(pairs.Tally, context.Confidence);
        var text = context.Labels.Language == "ko" ? Korean : English;
        string Format(string key, params object[] args) => string.Format(System.Globalization.CultureInfo.InvariantCulture, text[key], args);

        string p = r.PValue is double pv ? (pv < 0.0001 ? "< 0.0001" : "= " + Formatting.PValue(pv)) : "–";
        string lower = Formatting.Number(r.Interval.Lower, 1), upper = Formatting.Number(r.Interval.Upper, 1), n = Formatting.Count(r.Respondents);
        string sentence = Math.Round(r.Difference, 1) switch
        {
            > 0 => Format("rose", n, Formatting.Number(r.Difference, 1), context.Level, lower, upper, p),
            < 0 => Format("fell", n, Formatting.Number(-r.Difference, 1), context.Level, lower, upper, p),
            _ => Format("same", n, context.Level, lower, upper),
        };

        string bowker = r.Symmetry is { } s
            ? $"χ² = {Formatting.Number(s.Statistic, 2)}, df = {s.DegreesOfFreedom}, {Formatting.PClause(s.PValue)}"
            : text["noMove"];
        var summary = PairedNps.Summary(r) with
        {
            Title = text["title"],
            Headers = ["n", text["wave1"], text["wave2"], "Δ", context.Labels["col.se"], context.Labels.Format("col.ci", context.Level), "p"],
            Notes = [sentence, Format("note", Formatting.Number(r.IndependentStandardError, 1), bowker)],
        };
        string[] names = [text["detractor"], text["passive"], text["promoter"]];
        var movement = PairedNps.Movement(r, text["movement"], names) with
        {
            Notes = [Format("flows", Formatting.Count(r.PromotersGained), Formatting.Count(r.PromotersLost), Formatting.Count(r.DetractorsGained), Formatting.Count(r.DetractorsLost))],
        };

        var estimate = new DataTable("paired_nps", "respondents", "unmatchedBefore", "unmatchedAfter", "before", "after", "difference", "standardError",
            "independentStandardError", "lower", "upper", "level", "pValue", "method", "bowkerStatistic", "bowkerDf", "bowkerPValue");
        estimate.Add(r.Respondents, pairs.UnmatchedBefore, pairs.UnmatchedAfter, r.Before, r.After, r.Difference, r.StandardError, r.IndependentStandardError,
            r.Interval.Lower, r.Interval.Upper, r.Interval.Level, r.PValue, r.Interval.Method, r.Symmetry?.Statistic, r.Symmetry?.DegreesOfFreedom, r.Symmetry?.PValue);
        var cells = new DataTable("paired_nps_movement", "from", "to", "count", "share");
        foreach (var m in r.Movement)
        {
            cells.Add(m.From.ToString().ToLowerInvariant(), m.To.ToString().ToLowerInvariant(), m.Count, m.Share);
        }

        return ([sentence], [summary, movement], [estimate, cells]);
    }
}
