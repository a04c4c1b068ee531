using TrustMetrics.Cli.Output;
using TrustMetrics.Cli.Report;
using TrustMetrics.Cli.Report.Svg;
using TrustMetrics.TrustIndex;
using TrustMetrics.TrustIndex.Sensitivity;

namespace TrustMetrics.Cli.TrustIndex;

/// <summary>
/// The trust section's "sampling vs method" part: for the whole sample and each segment, how much of the index's uncertainty
/// comes from which respondents answered (sampling) and how much from the methodological choices (normalisation, weighting,
/// aggregation, missing answers) — <see cref="ISobolCalculator.DecomposeUncertainty"/> with <see cref="BaseSamples"/> Saltelli
/// rows, <see cref="Resamples"/> respondent resamples and <see cref="Replicates"/> bootstrap replicates (about 0.1 s on the
/// sample company). A table, a stacked bar chart and a plain sentence, in English and Korean (its own labels, as ReportLabels).
/// </summary>
internal static class TrustUncertaintySection
{
    /// <summary>N of the Saltelli design in the report.</summary>
    public const int BaseSamples = 512;

    /// <summary>R, the respondent resamples in the report.</summary>
    public const int Resamples = 100;

    /// <summary>Bootstrap replicates of the share intervals in the report.</summary>
    public const int Replicates = 100;

    private static readonly Dictionary<string, string> English = new(StringComparer.Ordinal)
    {
        ["title"] = "How much of each segment's index uncertainty is sampling vs method",
        ["sampling"] = "Sampling",
        ["method"] = "Method",
        ["share"] = "Share of the index variance (%)",
        ["variance"] = "Variance",
        ["note"] = "Var(index) = E[Var(index | method)] (sampling: which respondents answered) + Var(E[index | method]) (method: normalisation, weighting, aggregation, missing answers), over {0} method combinations × {1} respondent resamples; {2} intervals from {3} bootstrap replicates of the resamples; seed {4}.",
        ["sentence"] = "For {0}, {1} of the index's uncertainty is sampling and {2} is the choice of method: {3}",
        ["moreData"] = "more respondents would narrow it most.",
        ["moreMethod"] = "agreeing on the method would narrow it most.",
        ["skipped"] = "sampling vs method left out: {0}",
    };

    private static readonly Dictionary<string, string> Korean = new(StringComparer.Ordinal)
    {
        ["title"] = "세그먼트별 지수 불확실성 중 표본과 방법의 몫 (How much of each segment's index uncertainty is sampling vs method)",
        ["sampling"] = "표본 (Sampling)",
        ["method"] = "방법 (Method)",
        ["share"] = "지수 분산 중 비율 (%)",
        ["variance"] = "분산",
        ["note"] = "Var(지수) = E[Var(지수 | 방법)] (표본: 어떤 응답자가 답했는가) + Var(E[지수 | 방법]) (방법: 정규화, 가중치, 집계, 결측 처리), 방법 조합 {0}개 × 응답자 재표본 {1}개; {2} 구간은 재표본의 부트스트랩 {3}회; seed {4}.",
        ["sentence"] = "{0}의 지수 불확실성 중 {1}는 표본, {2}는 방법 선택에서 옵니다: {3}",
        ["moreData"] = "응답자를 늘리는 것이 가장 효과적입니다.",
        ["moreMethod"] = "방법을 합의하는 것이 가장 효과적입니다.",
        ["skipped"] = "표본 대 방법 분해 생략: {0}",
    };

    /// <summary>Adds the table, the chart, the sentence and the data table to the trust section (a note when undefined).</summary>
    public static void Add(ReportContext context, TrustSurvey survey, TrustIndexOptions options, string by, List<string> summary, List<Table> tables, List<ReportChart> charts,
        List<DataTable> data)
    {
        var text = context.Labels.Language == "ko" ? Korean : English;
        string L(string key, params object?[] arguments) => string.Format(System.Globalization.CultureInfo.InvariantCulture, text[key], arguments);
        TrustIndexUncertaintyResult result;
        using (context.Progress.Start("Trust index: sampling vs method", "runs"))
        {
            try
            {
                result = new SobolCalculator().DecomposeUncertainty(survey, BaseSamples, Resamples, Replicates, options);
            }
            catch (ArgumentException e)
            {
                context.Skip("trust", context.Labels["section.trust"], L("skipped", e.Message.Split(" (Parameter")[0]));
                return;
            }
        }

        string all = context.Labels["label.all"];
        string Name(UncertaintySplit u) => u.Segment == TrustIndexCalculator.AllSegments ? all : u.Segment;
        var units = result.Units;
        tables.Add(new Table(L("title"), [by, L("variance"), L("sampling"), context.Labels.Format("col.ci", context.Level), L("method"),
                context.Labels.Format("col.ci", context.Level)],
            units.Select(u => (IReadOnlyList<string>)
            [
                Name(u), Formatting.Number(u.Variance, 2), TrustIndexSobolOutput.Percent(u.SamplingShare), TrustIndexSobolOutput.PercentInterval(u.SamplingShareInterval),
                TrustIndexSobolOutput.Percent(u.MethodShare), TrustIndexSobolOutput.PercentInterval(u.MethodShareInterval),
            ]).ToList(),
            [L("note", result.MethodCount, result.Resamples, context.Level, result.BootstrapReplicates, result.Seed)]));

        var shown = units.Take(9).ToList();
        string title = L("title");
        charts.Add(new ReportChart("trust-sampling-method", title, HorizontalBarChart.Render(title, shown.Select(Name).ToList(),
            [
                new BarSeries(L("sampling"), shown.Select(u => 100 * u.SamplingShare).ToList()),
                new BarSeries(L("method"), shown.Select(u => 100 * u.MethodShare).ToList()),
            ],
            L("share"), xMin: 0, xMax: 100, stacked: true, notes: shown.Select(u => "var " + Formatting.Number(u.Variance, 1)).ToList())));

        var whole = units[0];
        summary.Add(L("sentence", all, TrustIndexSobolOutput.Percent(whole.SamplingShare), TrustIndexSobolOutput.Percent(whole.MethodShare),
            whole.SamplingShare >= whole.MethodShare ? L("moreData") : L("moreMethod")));

        var table = new DataTable("trust_sampling_method", "group", "nominalIndex", "variance", "samplingVariance", "methodVariance", "samplingShare", "samplingShareLower",
            "samplingShareUpper", "methodShare", "methodShareLower", "methodShareUpper", "nominalSamplingVariance", "samplingFirstOrder", "samplingTotalOrder", "resamples",
            "methods", "baseSamples", "seed");
        foreach (var u in units)
        {
            var s = u.Sobol.Indices[^1];
            table.Add(u.Segment == TrustIndexCalculator.AllSegments ? ReportGroups.All : u.Segment, u.NominalIndex, u.Variance, u.SamplingVariance, u.MethodVariance,
                u.SamplingShare, u.SamplingShareInterval?.Lower, u.SamplingShareInterval?.Upper, u.MethodShare, u.MethodShareInterval?.Lower, u.MethodShareInterval?.Upper,
                u.NominalSamplingVariance, s.FirstOrder, s.TotalOrder, (long)result.Resamples, (long)result.MethodCount, (long)result.BaseSamples, (long)result.Seed);
        }

        data.Add(table);
    }
}
