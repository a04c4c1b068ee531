using TrustMetrics.Cli.Output;
using TrustMetrics.Cli.Report;
using TrustMetrics.Cli.Report.Svg;
using TrustMetrics.TrustIndex;

namespace TrustMetrics.Cli.TrustIndex;

/// <summary>
/// The trust section's importance–performance grid: the five drivers' relative weights on the NPS answer against their mean
/// scores (0–100), Martilla &amp; James cut-points (the drivers' means), bootstrap intervals on both axes from the section's
/// replicates and seed, quadrant stability; a table, a scatter chart with crosshair error bars and the two cut lines, a tidy
/// data table and one plain-language sentence naming the "concentrate here" drivers.
/// </summary>
internal static class TrustImportancePerformance
{
    private static readonly string[] QuadrantColors = ["#D55E00", "#009E73", "#999999", "#0072B2"];

    /// <summary>Adds the grid to the section's parts; without an outcome (no key drivers) it adds nothing, an undefined grid is a note.</summary>
    public static void Add(ReportContext context, TrustIndexCalculator calculator, TrustSurvey survey, TrustIndexOptions options, TrustIndexResult result,
        List<Table> tables, List<ReportChart> charts, List<DataTable> data, List<string> summary)
    {
        if (result.KeyDrivers is null)
        {
            return;
        }

        ImportancePerformanceResult grid;
        try
        {
            grid = calculator.ImportancePerformance(survey, options);
        }
        catch (ArgumentException e)
        {
            context.Skip("trust", context.Labels["section.trust"], $"importance–performance left out: {e.Message}");
            return;
        }

        var labels = context.Labels;
        string ci = labels.Format("col.ci", context.Level);
        tables.Add(new Table(labels.Format("trust.ipa", grid.Outcome),
            [labels["col.driver"], labels["col.importance"], ci, labels["col.performance"], ci, labels["col.quadrant"], labels["col.stability"]],
            grid.Drivers.Select(d => (IReadOnlyList<string>)
            [
                d.Name, Formatting.Number(d.Importance.Value, 4), Formatting.Interval(d.Importance.Interval, 4), Formatting.Number(d.Performance.Value, 1),
                Formatting.Interval(d.Performance.Interval, 1), Quadrant(labels, d.Quadrant), Formatting.Number(d.Stability ?? double.NaN, 2),
            ]).ToList(),
            [labels.Format("trust.ipaNote", grid.Outcome, Formatting.Number(grid.CutImportance, 4), Formatting.Number(grid.CutPerformance, 1), grid.Replicates)]));

        string title = labels.Format("chart.trustIpa", grid.Outcome, context.Level);
        charts.Add(new ReportChart("trust-importance-performance", title, Chart(title, labels, grid)));

        var table = new DataTable("trust_importance_performance", "outcome", "n", "driver", "importance", "importanceLower", "importanceUpper", "performance",
            "performanceLower", "performanceUpper", "quadrant", "stability", "cutImportance", "cutPerformance", "replicates", "skippedReplicates");
        foreach (var d in grid.Drivers)
        {
            table.Add(grid.Outcome, grid.Count, d.Name, d.Importance.Value, d.Importance.Interval.Lower, d.Importance.Interval.Upper, d.Performance.Value,
                d.Performance.Interval.Lower, d.Performance.Interval.Upper, ImportancePerformanceResult.Label(d.Quadrant), d.Stability, grid.CutImportance,
                grid.CutPerformance, (long)grid.Replicates, (long)grid.SkippedReplicates);
        }

        data.Add(table);
        summary.Add(Sentence(labels, grid));
    }

    /// <summary>"Fix first: consistency (stability 0.91), empathy (0.64) …" or the no-focus sentence.</summary>
    internal static string Sentence(ReportLabels labels, ImportancePerformanceResult grid)
    {
        var focus = grid.Drivers.Where(d => d.Quadrant == ImportancePerformanceQuadrant.ConcentrateHere)
            .OrderByDescending(d => d.Importance.Value)
            .Select(d => d.Stability is double s ? $"{d.Name} ({labels["ipa.stability"]} {Formatting.Number(s, 2)})" : d.Name).ToList();
        return focus.Count == 0 ? labels.Format("trust.ipaNoFocus", grid.Outcome) : labels.Format("trust.ipaFocus", string.Join(", ", focus), grid.Outcome);
    }

    private static string Quadrant(ReportLabels labels, ImportancePerformanceQuadrant quadrant) => labels[quadrant switch
    {
        ImportancePerformanceQuadrant.ConcentrateHere => "ipa.concentrate",
        ImportancePerformanceQuadrant.KeepUpTheGoodWork => "ipa.keepUp",
        ImportancePerformanceQuadrant.LowPriority => "ipa.lowPriority",
        _ => "ipa.overkill",
    }];

    /// <summary>
    /// Performance across, importance up; each driver a dot coloured by quadrant with crosshair error bars (its two intervals),
    /// its name beside it; dashed cut lines at the two cut-points; the quadrant names in the corners.
    /// </summary>
    internal static string Chart(string title, ReportLabels labels, ImportancePerformanceResult grid)
    {
        static IEnumerable<double> Finite(params double[] values) => values.Where(double.IsFinite);
        var xs = grid.Drivers.SelectMany(d => Finite(d.Performance.Value, d.Performance.Interval.Lower, d.Performance.Interval.Upper)).Append(grid.CutPerformance).ToList();
        var ys = grid.Drivers.SelectMany(d => Finite(d.Importance.Value, d.Importance.Interval.Lower, d.Importance.Interval.Upper)).Append(grid.CutImportance).ToList();
        var quadrants = Enum.GetValues<ImportancePerformanceQuadrant>();
        var frame = ChartFrame.Begin(title, labels["axis.importance"], labels["axis.performance"], Math.Max(0, ys.Min()), ys.Max(),
            quadrants.Select(q => (Quadrant(labels, q), QuadrantColors[(int)q])).ToList());
        double span = Math.Max(xs.Max() - xs.Min(), 1);
        var x = frame.NumericX(Math.Max(0, xs.Min() - (0.05 * span)), Math.Min(100, xs.Max() + (0.05 * span)));
        var svg = frame.Svg;
        double Px(double v) => x.MapClamped(v);
        double Py(double v) => frame.Y.MapClamped(v);

        const string Dash = "stroke-dasharray=\"5 4\"";
        svg.Line(Px(grid.CutPerformance), ChartFrame.Top, Px(grid.CutPerformance), ChartFrame.Bottom, ChartStyle.Muted, 1, Dash);
        svg.Line(ChartFrame.Left, Py(grid.CutImportance), ChartFrame.Right, Py(grid.CutImportance), ChartStyle.Muted, 1, Dash);
        string muted = "fill=\"" + ChartStyle.Muted + "\" font-style=\"italic\"";
        svg.Text(ChartFrame.Left + 4, ChartFrame.Top + 12, Quadrant(labels, ImportancePerformanceQuadrant.ConcentrateHere), "start", 10, muted);
        svg.Text(ChartFrame.Right - 4, ChartFrame.Top + 12, Quadrant(labels, ImportancePerformanceQuadrant.KeepUpTheGoodWork), "end", 10, muted);
        svg.Text(ChartFrame.Left + 4, ChartFrame.Bottom - 6, Quadrant(labels, ImportancePerformanceQuadrant.LowPriority), "start", 10, muted);
        svg.Text(ChartFrame.Right - 4, ChartFrame.Bottom - 6, Quadrant(labels, ImportancePerformanceQuadrant.PossibleOverkill), "end", 10, muted);

        foreach (var d in grid.Drivers)
        {
            string color = QuadrantColors[(int)d.Quadrant];
            double px = Px(d.Performance.Value), py = Py(d.Importance.Value);
            if (double.IsFinite(d.Performance.Interval.Lower) && double.IsFinite(d.Performance.Interval.Upper))
            {
                svg.Line(Px(d.Performance.Interval.Lower), py, Px(d.Performance.Interval.Upper), py, color, 1.5);
            }

            if (double.IsFinite(d.Importance.Interval.Lower) && double.IsFinite(d.Importance.Interval.Upper))
            {
                svg.Line(px, Py(d.Importance.Interval.Lower), px, Py(d.Importance.Interval.Upper), color, 1.5);
            }

            svg.Circle(px, py, 4.5, color, FormattableString.Invariant(
                $"{d.Name}: importance {d.Importance.Value:0.0000}, performance {d.Performance.Value:0.0}, {ImportancePerformanceResult.Label(d.Quadrant)}"));
            svg.Text(px + 7, py - 6, d.Name, "start", 11, "fill=\"" + ChartStyle.Ink + "\"");
        }

        return frame.ToString();
    }
}
