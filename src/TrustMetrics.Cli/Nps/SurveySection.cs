using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;
using TrustMetrics.Cli.Report.Svg;
using TrustMetrics.Cli.Report;
using TrustMetrics.Estimation;
using TrustMetrics.Nps;
using TrustMetrics.Scales;

namespace TrustMetrics.Cli.Nps;

/// <summary>NPS, CSAT and CES: the survey report's tables, plus the NPS distribution, trends with bands and top boxes by group.</summary>
internal sealed class SurveySection : IReportSectionBuilder
{
    public string Id => "survey";

    public IReadOnlyList<string> Inputs { get; } = [ReportInputs.Survey];

    public ReportSection Build(ReportContext context) => Build(AnalysisFor(context), context);

    /// <summary>The survey pass of this report, made once (the section and the terminal report share it).</summary>
    public static SurveyReport.Analysis AnalysisFor(ReportContext context) => context.Shared(ReportInputs.Survey, () =>
    {
        var source = context.Inputs[ReportInputs.Survey]!;
        using var step = context.Progress.Start($"Reading {source.DisplayName}", "rows");
        return SurveyReport.Analyze(source, context.Settings, step.Report);
    });

    /// <summary>The section from an analysis already made (the terminal report and the files share one pass).</summary>
    public static ReportSection Build(SurveyReport.Analysis analysis, ReportContext context)
    {
        var labels = context.Labels;
        var document = SurveyReport.Document(analysis, labels);
        var parts = new List<string>();
        if (analysis.Nps is { } nps)
        {
            parts.Add(labels.Format("headline.nps", Formatting.Number(nps.Score.Value, 1), context.Level, Formatting.Number(nps.Interval.Lower, 1),
                Formatting.Number(nps.Interval.Upper, 1), Formatting.Count(nps.Count)));
        }

        if (analysis.Csat is { } csat)
        {
            parts.Add(labels.Format("headline.csat", Formatting.Number(csat.TopBox.Value, 0)));
        }

        if (analysis.Ces is { } ces)
        {
            parts.Add(labels.Format("headline.ces", Formatting.Number(ces.TopBox.Value, 0)));
        }

        string headline = parts.Count > 0 ? string.Join("; ", parts) : labels.Format("headline.answers", Formatting.Count(analysis.Rows));
        var charts = Charts(analysis, context);
        var topics = TopicSection.Build(analysis.Source, context);
        var panel = PanelSection.Build(analysis.Source, context); // paired second wave (issue 15 item 3): logic in PanelSection.cs
        return new ReportSection("survey", labels["section.survey"], analysis.Source.DisplayName, headline, [.. document.Summary, .. panel.Summary],
            [.. charts, .. topics.Charts], [.. document.Tables, .. topics.Tables, .. panel.Tables], [.. Data(analysis), .. topics.Data, .. panel.Data])
        {
            Lead = new ReportLead(document, (json, extra) => SurveyReport.WriteJson(json, analysis, extra)),
            Changes = Changes(analysis, charts),
        };
    }

    /// <summary>The NPS changes (Holm over every NPS comparison) and the CSAT/CES top-box changes (Holm over those) as key-finding candidates.</summary>
    private static List<ChangeCandidate> Changes(SurveyReport.Analysis analysis, List<ReportChart> charts)
    {
        var slugs = Slugs(analysis.Breakdowns);
        string Anchor(string prefix, string by) =>
            by == SurveyReport.AllGroup ? (charts.Any(c => c.Id == "nps-trend") && prefix == "nps-trend-by-" ? "chart-nps-trend" : "survey")
            : slugs.TryGetValue(by, out var slug) && charts.Any(c => c.Id == prefix + slug) ? "chart-" + prefix + slug : "survey";
        var npsAt = analysis.NpsByPeriod.ToDictionary(p => (p.By, p.Group), p => p.Periods.ToDictionary(x => x.Period, x => x.Result.Score.Value, StringComparer.Ordinal));
        var candidates = new List<ChangeCandidate>();
        foreach (var c in analysis.Changes)
        {
            var values = npsAt.GetValueOrDefault((c.By, c.Group));
            candidates.Add(ChangeCandidate.FromTest("survey", Anchor("nps-trend-by-", c.By), "nps", null, c.By == SurveyReport.AllGroup ? null : c.By, c.Group, c.From, c.To,
                values?.GetValueOrDefault(c.From), values?.GetValueOrDefault(c.To), c.Test, c.AdjustedP, analysis.Changes.Count, higherIsBetter: true, FindingUnit.Points));
        }

        foreach (var c in analysis.ScaleChanges)
        {
            candidates.Add(ChangeCandidate.FromTest("survey", Anchor("scales-by-", c.By), c.Metric, null, c.By == SurveyReport.AllGroup ? null : c.By, c.Group, c.From, c.To,
                c.Before, c.After, c.Test, c.AdjustedP, analysis.ScaleChanges.Count, higherIsBetter: true, FindingUnit.PercentagePoints));
        }

        return candidates;
    }

    private static List<ReportChart> Charts(SurveyReport.Analysis analysis, ReportContext context)
    {
        var labels = context.Labels;
        var charts = new List<ReportChart>();
        if (analysis.Nps is not null)
        {
            string title = labels["chart.npsDistribution"];
            var scores = Enumerable.Range(NpsScale.MinScore, analysis.NpsScoreCounts.Length).ToList();
            var colors = scores.Select(s => s <= NpsScale.MaxDetractorScore ? "#D55E00" : s >= NpsScale.MinPromoterScore ? "#009E73" : "#999999").ToList();
            charts.Add(new ReportChart("nps-distribution", title, BarChart.Render(title, scores.Select(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList(),
                [new BarSeries(labels["axis.respondents"], analysis.NpsScoreCounts.Select(c => (double)c).ToList())], labels["axis.respondents"], labels["axis.answer"],
                categoryColors: colors)));
        }

        // The trend over the period column (overall, with its band), then one line per group of each other breakdown.
        string period = analysis.Settings.Period;
        var slugs = Slugs(analysis.Breakdowns);
        var overall = analysis.NpsByPeriod.FirstOrDefault(p => p.By == SurveyReport.AllGroup);
        if (overall.Periods is { Count: > 1 })
        {
            var periods = overall.Periods.Select(p => p.Period).ToList();
            string title = labels.Format("chart.npsTrend", period, context.Level);
            double alpha = 1 - context.Confidence;
            charts.Add(new ReportChart("nps-trend", title, LineChart.Render(title, periods,
                [Line(labels["label.all"], periods, overall.Periods, alpha)], labels["axis.nps"], period, anytimeLegend: AnytimeBands.Legend(context))));
            foreach (var by in analysis.Breakdowns.Where(b => !string.Equals(b, period, StringComparison.OrdinalIgnoreCase)))
            {
                var groups = analysis.NpsByPeriod.Where(p => p.By == by).ToList();
                if (groups.Count is 0 or > 8)
                {
                    continue;
                }

                // One small panel per group on a shared axis, the overall line in grey behind each: bands never overlap.
                string byTitle = labels.Format("chart.npsTrendBy", by, period, context.Level);
                charts.Add(new ReportChart($"nps-trend-by-{slugs[by]}", byTitle, SmallMultiples.Render(byTitle, periods,
                    groups.Select(g => Line(g.Group, periods, g.Periods, alpha)).ToList(), Line(labels["label.all"], periods, overall.Periods), labels["label.all"], labels["axis.nps"],
                    AnytimeBands.Legend(context))));
            }
        }

        for (int b = 0; b < analysis.Breakdowns.Count; b++)
        {
            string by = analysis.Breakdowns[b];
            if (string.Equals(by, period, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var series = new List<BarSeries>();
            var groups = analysis.CsatGroups[b].Select(g => g.Key).Union(analysis.CesGroups[b].Select(g => g.Key)).Order(StringComparer.Ordinal).ToList();
            if (groups.Count is 0 or > 12)
            {
                continue;
            }

            foreach (var (metric, results) in new[] { ("csat", analysis.CsatGroups[b]), ("ces", analysis.CesGroups[b]) })
            {
                if (results.Count == 0)
                {
                    continue;
                }

                var byGroup = results.ToDictionary(r => r.Key, r => r.Result.TopBox);
                Estimate? At(string g) => byGroup.TryGetValue(g, out var e) ? e : null;
                series.Add(new BarSeries($"{labels.Metric(metric)} {labels.TopBox(metric)}",
                    groups.Select(g => At(g)?.Value ?? double.NaN).ToList(),
                    groups.Select(g => At(g)?.Interval.Lower ?? double.NaN).ToList(),
                    groups.Select(g => At(g)?.Interval.Upper ?? double.NaN).ToList()));
            }

            if (series.Count > 0)
            {
                string title = labels.Format("chart.scaleBy", by);
                charts.Add(new ReportChart($"scales-by-{slugs[by]}", title, BarChart.Render(title, groups, series, labels.Format("axis.percent", context.Level), by, 0, 100)));
            }
        }

        return charts;
    }

    /// <summary>A group's NPS line with its fixed-n band and, given <paramref name="alpha"/>, its anytime-valid band (<see cref="AnytimeBands"/>).</summary>
    private static LineSeries Line(string name, List<string> periods, List<(string Period, NpsResult Result)> points, double? alpha = null)
    {
        var byPeriod = points.ToDictionary(p => p.Period, p => p.Result, StringComparer.Ordinal);
        NpsResult? At(string p) => byPeriod.GetValueOrDefault(p);
        var anytime = alpha is double a ? periods.Select(p => At(p) is { } r ? AnytimeBands.Nps(r.Tally, a) : (double.NaN, double.NaN)).ToList() : null;
        return new LineSeries(name,
            periods.Select(p => At(p)?.Score.Value ?? double.NaN).ToList(),
            periods.Select(p => At(p)?.Interval.Lower ?? double.NaN).ToList(),
            periods.Select(p => At(p)?.Interval.Upper ?? double.NaN).ToList())
        {
            AnytimeLower = anytime?.Select(b => b.Item1).ToList(), AnytimeUpper = anytime?.Select(b => b.Item2).ToList(),
        };
    }

    internal static string Slug(string text)
    {
        var slug = new string(text.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray()).Trim('-');
        return slug.Length == 0 ? "column" : slug;
    }

    /// <summary>
    /// A file-safe, distinct slug per breakdown column: its ASCII letters and digits, or "column-N" (N = its position) when it has
    /// none (a Korean column name) or another column already took it — two Korean breakdowns never share charts/*-by-column.svg.
    /// </summary>
    internal static Dictionary<string, string> Slugs(IReadOnlyList<string> breakdowns)
    {
        var slugs = new Dictionary<string, string>(StringComparer.Ordinal);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        for (int b = 0; b < breakdowns.Count; b++)
        {
            string slug = Slug(breakdowns[b]);
            if (slug == "column" || !taken.Add(slug))
            {
                slug = "column-" + (b + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                taken.Add(slug);
            }

            slugs.TryAdd(breakdowns[b], slug);
        }

        return slugs;
    }

    private static List<DataTable> Data(SurveyReport.Analysis analysis)
    {
        double alpha = 1 - analysis.Settings.Confidence;
        var overall = new DataTable("survey_overall", "metric", "measure", "n", "value", "standardError", "lower", "upper", "level", "method");
        if (analysis.Nps is { } nps)
        {
            overall.Add("nps", "score", nps.Count, nps.Score.Value, nps.StandardError, nps.Interval.Lower, nps.Interval.Upper, nps.Interval.Level, nps.Interval.Method);
        }

        foreach (var result in new[] { analysis.Csat, analysis.Ces }.OfType<ScaleMetricResult>())
        {
            overall.Add(result.Metric, "topBox", result.Count, result.TopBox.Value, result.TopBox.StandardError, result.TopBox.Interval.Lower, result.TopBox.Interval.Upper,
                result.TopBox.Interval.Level, result.TopBox.Interval.Method);
            overall.Add(result.Metric, "mean", result.Count, result.Mean.Value, result.Mean.StandardError, result.Mean.Interval.Lower, result.Mean.Interval.Upper,
                result.Mean.Interval.Level, result.Mean.Interval.Method);
        }

        var distribution = new DataTable("nps_distribution", "score", "count");
        if (analysis.Nps is not null)
        {
            for (int i = 0; i < analysis.NpsScoreCounts.Length; i++)
            {
                distribution.Add(NpsScale.MinScore + i, analysis.NpsScoreCounts[i]);
            }
        }

        var npsByGroup = new DataTable("nps_by_group", "by", "group", "n", "promoters", "passives", "detractors", "score", "standardError", "lower", "upper");
        var scaleByGroup = new DataTable("scale_by_group", "metric", "by", "group", "n", "topBoxCount", "topBox", "topBoxStandardError", "topBoxLower", "topBoxUpper",
            "mean", "meanStandardError", "meanLower", "meanUpper");
        for (int b = 0; b < analysis.Breakdowns.Count; b++)
        {
            foreach (var (group, r) in analysis.NpsGroups[b])
            {
                npsByGroup.Add(analysis.Breakdowns[b], group, r.Count, r.Tally.Promoters, r.Tally.Passives, r.Tally.Detractors, r.Score.Value, r.StandardError,
                    r.Interval.Lower, r.Interval.Upper);
            }

            foreach (var (group, r) in analysis.CsatGroups[b].Concat(analysis.CesGroups[b]))
            {
                scaleByGroup.Add(r.Metric, analysis.Breakdowns[b], group, r.Count, r.TopBoxCount, r.TopBox.Value, r.TopBox.StandardError, r.TopBox.Interval.Lower,
                    r.TopBox.Interval.Upper, r.Mean.Value, r.Mean.StandardError, r.Mean.Interval.Lower, r.Mean.Interval.Upper);
            }
        }

        var npsByPeriod = new DataTable("nps_by_period", "by", "group", "period", "n", "score", "standardError", "lower", "upper");
        foreach (var (by, group, periods) in analysis.NpsByPeriod)
        {
            foreach (var (period, r) in periods)
            {
                npsByPeriod.Add(by, group, period, r.Count, r.Score.Value, r.StandardError, r.Interval.Lower, r.Interval.Upper);
            }
        }

        var changes = new DataTable("nps_changes", "by", "group", "from", "to", "difference", "standardError", "lower", "upper", "pValue", "holmAdjustedPValue", "significant");
        foreach (var c in analysis.Changes)
        {
            changes.Add(c.By, c.Group, c.From, c.To, c.Test.Difference, c.Test.StandardError, c.Test.Interval.Lower, c.Test.Interval.Upper, c.Test.PValue, c.AdjustedP,
                c.AdjustedP < alpha);
        }

        var scaleChanges = new DataTable("scale_changes", "metric", "by", "group", "from", "to", "before", "after", "difference", "standardError", "lower", "upper", "pValue",
            "holmAdjustedPValue", "significant");
        foreach (var c in analysis.ScaleChanges)
        {
            scaleChanges.Add(c.Metric, c.By, c.Group, c.From, c.To, c.Before, c.After, c.Test.Difference, c.Test.StandardError, c.Test.Interval.Lower, c.Test.Interval.Upper,
                c.Test.PValue, c.AdjustedP, c.AdjustedP < alpha);
        }

        return [overall, distribution, npsByGroup, scaleByGroup, npsByPeriod, changes, scaleChanges];
    }
}
