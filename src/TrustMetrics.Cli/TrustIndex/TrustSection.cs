using System.Globalization;
using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;
using TrustMetrics.Cli.Report.Svg;
using TrustMetrics.Cli.Report;
using TrustMetrics.Estimation;
using TrustMetrics.Scales;
using TrustMetrics.TrustIndex;

namespace TrustMetrics.Cli.TrustIndex;

/// <summary>
/// The trust index from the survey's driver items (transparency1.. … empathy3, 1–5): the same computation as
/// <c>trustmetrics trust-index --group segment --outcome nps --bootstrap 200</c> (equal weights, theoretical bounds, arithmetic,
/// seed 20260501) — index and dimensions with bootstrap intervals, Cronbach's alpha, item statistics, segments, key drivers of
/// the NPS answer — plus the trust breakdown alert month over month: every consecutive pair of months, per segment, the index
/// and each driver, Holm-adjusted over all of those comparisons together (as the survey section's NPS alerts).
/// A survey without driver items skips the section with a note; an undefined key-driver analysis (constant outcome) is a note too.
/// </summary>
internal sealed class TrustSection : IReportSectionBuilder
{
    /// <summary>Bootstrap replicates of every interval: enough for stable 95% percentile bounds, cheap enough for a report in seconds.</summary>
    public const int BootstrapReplicates = 200;

    private const string LowAlphaColor = "#D55E00";

    public string Id => "trust";

    public IReadOnlyList<string> Inputs { get; } = [ReportInputs.Survey];

    public ReportSection? Build(ReportContext context)
    {
        var labels = context.Labels;
        var source = context.Inputs[ReportInputs.Survey]!;
        string title = labels["section.trust"];
        var header = SectionInput.Header(source);
        if (!TrustDrivers.Names.Any(d => SectionInput.Has(header, d + "1")))
        {
            context.Skip(Id, title, $"{source.DisplayName} has none of the trust-driver item columns ({SectionInput.List(TrustDrivers.Names.Select(d => d + "1"))}, … 2, … 3).");
            return null;
        }

        string? segment = SectionInput.Has(header, "segment") ? "segment" : null;
        string? outcome = SectionInput.Has(header, context.Settings.NpsColumn) ? context.Settings.NpsColumn : null;
        string? period = SectionInput.Has(header, context.Settings.Period) ? context.Settings.Period : null;
        TrustIndexInput.Data input;
        using (context.Progress.Start($"Reading trust items of {source.DisplayName}", "rows"))
        {
            input = TrustIndexInput.Read(source, null, 1, 5, segment, outcome, period);
        }

        var options = new TrustIndexOptions
        {
            Scale = new RatingScale(1, 5), Dimensions = input.Dimensions, BootstrapReplicates = BootstrapReplicates, ConfidenceLevel = context.Confidence,
        };
        var calculator = new TrustIndexCalculator();
        TrustIndexResult result;
        using (context.Progress.Start("Trust index and bootstrap", "replicates"))
        {
            try
            {
                result = calculator.Calculate(input.Survey, options);
            }
            catch (ArgumentException e) when (!input.Survey.Outcome.IsEmpty)
            {
                // Key drivers are undefined for this outcome (constant, too few answers): the index stands without them.
                context.Skip(Id, title, $"key drivers of '{outcome}' left out: {FirstLine(e.Message)}");
                var survey = input.Survey;
                try
                {
                    result = calculator.Calculate(new TrustSurvey(survey.ItemNames, survey.Responses, survey.Segments), options);
                }
                catch (ArgumentException inner)
                {
                    context.Skip(Id, title, $"{source.DisplayName}: {FirstLine(inner.Message)}");
                    return null;
                }
            }
            catch (ArgumentException e)
            {
                context.Skip(Id, title, $"{source.DisplayName}: {FirstLine(e.Message)}");
                return null;
            }
        }

        var changes = input.Periods is { } months ? Breakdown(context, calculator, input.Survey, months, options, title) : [];
        double alpha = 1 - context.Confidence;
        var by = segment ?? ReportGroups.All;
        var tables = Tables(context, result, changes, by, outcome, alpha);
        var charts = Charts(context, result, changes, by, input);
        var data = Data(result, changes);

        var alerts = changes.Where(c => c.Alert).ToList();
        var lowAlpha = result.Dimensions.Where(d => d.Reliability.IsBelowThreshold).Select(d => d.Name).ToList();
        string headline = labels.Format("headline.trust", Formatting.Number(result.Index.Value, 1), context.Level, Formatting.Number(result.Index.Interval.Lower, 1),
            Formatting.Number(result.Index.Interval.Upper, 1));
        if (result.KeyDrivers is { } kda)
        {
            headline += "; " + labels.Format("headline.trustDriver", kda.Drivers.MaxBy(d => d.Shapley.Value)!.Name, kda.Outcome);
        }

        headline += "; " + (alerts.Count == 0 ? labels["headline.trustNoDrop"]
            : labels.Format("headline.trustDrops", string.Join(", ", alerts.Take(3).Select(a => $"{a.Group} {a.Measure} {a.To} ({Formatting.Signed(a.Result.Test.Difference, 1)})"))));
        var summary = new List<string>
        {
            labels.Format("summary.source", source.DisplayName),
            labels.Format("trust.summary", Formatting.Count(result.RespondentCount), Formatting.Count(result.UsedCount), BootstrapReplicates, options.Seed, context.Level),
            lowAlpha.Count == 0 ? labels["trust.reliable"] : labels.Format("trust.unreliable", string.Join(", ", lowAlpha)),
        };
        TrustUncertaintySection.Add(context, input.Survey, options, by, summary, tables, charts, data);
        TrustImportancePerformance.Add(context, calculator, input.Survey, options, result, tables, charts, data, summary);
        return new ReportSection(Id, title, source.DisplayName, headline, summary, charts, tables, data)
        {
            // Every segment × measure × pair of months, Holm-adjusted together: rises survive as findings too, not only the alerted drops.
            Changes = changes.Select(c => ChangeCandidate.FromTest(Id, charts.Any(ch => ch.Id == "trust-trend") ? "chart-trust-trend" : Id,
                c.Measure == TrustIndexCalculator.IndexMeasure ? "trustIndex" : "trustDimension", c.Measure == TrustIndexCalculator.IndexMeasure ? null : c.Measure,
                c.Group == ReportGroups.All ? null : by, c.Group, c.From, c.To, c.Result.Previous, c.Result.Current, c.Result.Test, c.Adjusted, changes.Count,
                higherIsBetter: true, FindingUnit.Points)).ToList(),
        };
    }

    /// <summary>One comparison of the month-over-month breakdown, Holm-adjusted across every pair of months.</summary>
    internal sealed record Change(string From, string To, TrustChange Result, double Adjusted, bool Alert)
    {
        public string Group => Result.Segment == TrustIndexCalculator.AllSegments ? ReportGroups.All : Result.Segment;

        public string Measure => Result.Measure;
    }

    private static List<Change> Breakdown(ReportContext context, TrustIndexCalculator calculator, TrustSurvey survey, string[] months, TrustIndexOptions options, string title)
    {
        var ordered = months.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var raw = new List<(string From, string To, TrustChange Change)>();
        using (context.Progress.Start("Trust breakdown month over month", "months"))
        {
            for (int i = 1; i < ordered.Count; i++)
            {
                try
                {
                    var result = calculator.CompareTrustPeriods(TrustIndexCommand.Subset(survey, months, ordered[i - 1]), TrustIndexCommand.Subset(survey, months, ordered[i]), options);
                    raw.AddRange(result.Changes.Select(c => (ordered[i - 1], ordered[i], c)));
                }
                catch (ArgumentException e)
                {
                    context.Skip("trust", title, $"breakdown {ordered[i - 1]} → {ordered[i]} left out: {FirstLine(e.Message)}");
                }
            }
        }

        // One family: every segment × measure × consecutive pair, so a flagged drop is not the luck of many looks.
        var adjusted = MultipleComparisons.HolmAdjust(raw.Select(r => r.Change.Test.PValue).ToArray());
        double alpha = 1 - context.Confidence;
        return raw.Select((r, i) => new Change(r.From, r.To, r.Change, adjusted[i], r.Change.Test.Difference < 0 && adjusted[i] < alpha)).ToList();
    }

    private static List<Table> Tables(ReportContext context, TrustIndexResult result, List<Change> changes, string by, string? outcome, double alpha)
    {
        var labels = context.Labels;
        string ci = labels.Format("col.ci", context.Level);
        var units = new List<(string Name, long N, Estimate Index, IReadOnlyList<DimensionResult> Dimensions)> { (labels["label.all"], result.RespondentCount, result.Index, result.Dimensions) };
        units.AddRange(result.Segments.Select(s => (s.Segment, s.Count, s.Index, s.Dimensions)));
        var tables = new List<Table>
        {
            new(labels.Format("trust.indexBy", by), [by, "n", labels["col.index"], ci, .. result.Dimensions.Select(d => d.Name)],
                units.Select(u => (IReadOnlyList<string>)[u.Name, Formatting.Count(u.N), Formatting.Number(u.Index.Value, 1), Formatting.Interval(u.Index.Interval, 1),
                    .. u.Dimensions.Select(d => Formatting.Number(d.Score?.Value ?? double.NaN, 1))]).ToList(), [labels["trust.indexNote"]]),
            new(labels["trust.dimensions"], [labels["col.dimension"], labels["col.score"], ci, labels["col.meanAnswer"], "α", labels["col.alphaStd"], labels["col.reliability"]],
                result.Dimensions.Select(d => (IReadOnlyList<string>)
                [
                    d.Name, Formatting.Number(d.Score?.Value ?? double.NaN, 1), (d.Score is { } score ? Formatting.Interval(score.Interval, 1) : "–"), Formatting.Number(d.MeanScore ?? double.NaN, 2),
                    Alpha(d.Reliability.CronbachAlpha), Alpha(d.Reliability.StandardizedAlpha),
                    d.Reliability.CronbachAlpha is null ? labels["label.undefined"] : d.Reliability.IsBelowThreshold ? labels["label.lowAlpha"] : labels["label.ok"],
                ]).ToList(), [labels.Format("trust.alphaNote", Formatting.Number(result.Options.AlphaWarningThreshold, 1))]),
            new(labels["trust.items"], [labels["col.item"], labels["col.dimension"], labels["col.mean"], labels["col.itemTotal"], labels["col.alphaIfDeleted"]],
                result.Dimensions.SelectMany(d => d.Reliability.Items.Select(i => (IReadOnlyList<string>)
                [
                    i.Name, d.Name, Formatting.Number(i.Mean ?? double.NaN, 2), Alpha(i.ItemTotalCorrelation), Alpha(i.AlphaIfDeleted),
                ])).ToList(), [labels["trust.itemsNote"]]),
        };

        if (result.KeyDrivers is { } kda)
        {
            tables.Add(new Table(labels.Format("trust.drivers", kda.Outcome), [labels["col.driver"], "r", labels["col.relativeWeight"], ci, labels["col.percentR2"], "Shapley", ci, labels["col.percentR2"]],
                kda.Drivers.Select(d => (IReadOnlyList<string>)
                [
                    d.Name, Formatting.Number(d.Correlation, 3), Formatting.Number(d.RelativeWeight.Value, 4), Formatting.Interval(d.RelativeWeight.Interval, 4),
                    Formatting.Number(d.RelativeWeightPercent ?? double.NaN, 1), Formatting.Number(d.Shapley.Value, 4), Formatting.Interval(d.Shapley.Interval, 4), Formatting.Number(d.ShapleyPercent ?? double.NaN, 1),
                ]).ToList(),
                [labels.Format("trust.driversNote", Formatting.Number(kda.RSquared.Value, 3), Formatting.Interval(kda.RSquared.Interval, 3), Formatting.Count(kda.Count))]));
        }

        if (changes.Count > 0)
        {
            var alerts = changes.Where(c => c.Alert).ToList();
            string last = changes[^1].To;
            var shown = alerts.Count > 0 ? alerts : changes.Where(c => c.To == last && c.Measure == TrustIndexCalculator.IndexMeasure).ToList();
            tables.Add(new Table(labels["trust.breakdown"],
                [by, labels["col.measure"], labels["col.from"], labels["col.to"], labels["col.before"], labels["col.after"], labels["col.change"], "Hedges' g", labels["col.pHolm"], labels["col.verdict"]],
                shown.Select(c => (IReadOnlyList<string>)
                [
                    c.Group, c.Measure, c.From, c.To, Formatting.Number(c.Result.Previous, 1), Formatting.Number(c.Result.Current, 1), Formatting.Signed(c.Result.Test.Difference, 1),
                    Formatting.Number(c.Result.HedgesG ?? double.NaN, 2), Formatting.PValue(c.Adjusted), c.Alert ? labels["verdict.drop"] : labels["verdict.none"],
                ]).ToList(),
                [labels.Format("trust.breakdownNote", changes.Count, Formatting.Number(alpha, 2), alerts.Count)]));
        }

        return tables;
    }

    private static List<ReportChart> Charts(ReportContext context, TrustIndexResult result, List<Change> changes, string by, TrustIndexInput.Data input)
    {
        var labels = context.Labels;
        var charts = new List<ReportChart>();
        var categories = new List<string> { labels["col.index"] };
        categories.AddRange(result.Dimensions.Select(d => d.Name + (d.Reliability.IsBelowThreshold ? " ⚠" : string.Empty)));
        var notes = new List<string> { string.Empty };
        notes.AddRange(result.Dimensions.Select(d => d.Reliability.CronbachAlpha is double a ? "α " + a.ToString("0.00", CultureInfo.InvariantCulture) + (d.Reliability.IsBelowThreshold ? " ⚠" : string.Empty) : "α –"));
        var units = new List<(string Name, Estimate Index, IReadOnlyList<DimensionResult> Dimensions)> { (labels["label.all"], result.Index, result.Dimensions) };
        units.AddRange(result.Segments.Take(6).Select(s => (s.Segment, s.Index, s.Dimensions)));
        var series = units.Select(u =>
        {
            var estimates = new List<Estimate?> { u.Index };
            estimates.AddRange(u.Dimensions.Select(d => d.Score));
            // A dimension nobody in the group answered has no score: an empty bar (non-finite values are not drawn).
            return new BarSeries(u.Name, estimates.Select(e => e?.Value ?? double.NaN).ToList(), estimates.Select(e => e?.Interval.Lower ?? double.NaN).ToList(),
                estimates.Select(e => e?.Interval.Upper ?? double.NaN).ToList());
        }).ToList();
        string dimensionsTitle = labels.Format("chart.trustDimensions", context.Level);
        charts.Add(new ReportChart("trust-dimensions", dimensionsTitle, HorizontalBarChart.Render(dimensionsTitle, categories, series, labels["axis.trustScore"], notes: notes, dots: true)));

        if (result.KeyDrivers is { } kda)
        {
            string driversTitle = labels.Format("chart.trustDrivers", kda.Outcome);
            charts.Add(new ReportChart("trust-drivers", driversTitle, HorizontalBarChart.Render(driversTitle, kda.Drivers.Select(d => d.Name).ToList(),
                [
                    new BarSeries(labels["col.relativeWeight"], kda.Drivers.Select(d => d.RelativeWeight.Value).ToList(), kda.Drivers.Select(d => d.RelativeWeight.Interval.Lower).ToList(),
                        kda.Drivers.Select(d => d.RelativeWeight.Interval.Upper).ToList()),
                    new BarSeries("Shapley", kda.Drivers.Select(d => d.Shapley.Value).ToList(), kda.Drivers.Select(d => d.Shapley.Interval.Lower).ToList(),
                        kda.Drivers.Select(d => d.Shapley.Interval.Upper).ToList()),
                ],
                labels.Format("axis.r2Share", kda.Outcome, context.Level), notes: kda.Drivers.Select(d => Formatting.Number(d.ShapleyPercent ?? double.NaN, 0) + "% R²").ToList())));
        }

        // The measure of the strongest alert (or the index) month by month per group: the dip in context.
        if (changes.Count > 0)
        {
            string measure = changes.Where(c => c.Alert).MinBy(c => c.Adjusted)?.Measure ?? TrustIndexCalculator.IndexMeasure;
            var months = changes.Select(c => c.From).Append(changes[^1].To).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var groups = changes.Select(c => c.Group).Distinct(StringComparer.Ordinal).Take(8).ToList();
            var bands = AnytimeBands.Trust(input, measure == TrustIndexCalculator.IndexMeasure ? null : measure, 1 - context.Confidence);
            var lines = groups.Select(g =>
            {
                var values = months.Select(m => changes.FirstOrDefault(c => c.Group == g && c.Measure == measure && c.To == m)?.Result.Current
                    ?? changes.FirstOrDefault(c => c.Group == g && c.Measure == measure && c.From == m)?.Result.Previous ?? double.NaN).ToList();
                // The anytime-valid band (confidence sequence) of each month's answers, beside the line (issue 16).
                var band = months.Select(m => bands.TryGetValue((g, m), out var b) ? b : (double.NaN, double.NaN)).ToList();
                return new LineSeries(g == ReportGroups.All ? labels["label.all"] : g, values)
                {
                    AnytimeLower = band.Select(b => b.Item1).ToList(), AnytimeUpper = band.Select(b => b.Item2).ToList(),
                };
            }).ToList();
            string trendTitle = labels.Format("chart.trustTrend", measure == TrustIndexCalculator.IndexMeasure ? labels["col.index"] : measure, by);
            // One panel per segment over the overall line in grey (small multiples: the groups' bands never overlap).
            var all = lines.FirstOrDefault(l => l.Name == labels["label.all"]);
            var panels = lines.Where(l => l != all).ToList();
            charts.Add(new ReportChart("trust-trend", trendTitle, panels.Count > 0
                ? SmallMultiples.Render(trendTitle, months, panels, all, labels["label.all"], labels["axis.trustScore"], AnytimeBands.Legend(context))
                : LineChart.Render(trendTitle, months, lines, labels["axis.trustScore"], context.Settings.Period, anytimeLegend: AnytimeBands.Legend(context))));
        }

        return charts;
    }

    private static List<DataTable> Data(TrustIndexResult result, List<Change> changes)
    {
        var options = result.Options;
        var index = new DataTable("trust_index", "group", "n", "index", "standardError", "lower", "upper", "level", "method", "bootstrap", "seed");
        var dimensions = new DataTable("trust_dimensions", "group", "dimension", "n", "meanAnswer", "score", "standardError", "lower", "upper", "weight",
            "cronbachAlpha", "standardizedAlpha", "lowReliability", "completeCases", "alphaNote");
        var units = new List<(string Name, long N, Estimate Index, IReadOnlyList<DimensionResult> Dimensions)> { (ReportGroups.All, result.RespondentCount, result.Index, result.Dimensions) };
        units.AddRange(result.Segments.Select(s => (s.Segment, s.Count, s.Index, s.Dimensions)));
        foreach (var (name, n, estimate, dims) in units)
        {
            index.Add(name, n, estimate.Value, estimate.StandardError, estimate.Interval.Lower, estimate.Interval.Upper, estimate.Interval.Level, estimate.Interval.Method,
                (long)options.BootstrapReplicates, (long)options.Seed);
            foreach (var d in dims)
            {
                var r = d.Reliability;
                dimensions.Add(name, d.Name, d.Count, d.MeanScore, d.Score?.Value, d.Score?.StandardError, d.Score?.Interval.Lower, d.Score?.Interval.Upper, d.Weight,
                    r.CronbachAlpha, r.StandardizedAlpha, r.IsBelowThreshold, r.CompleteCases, r.UndefinedReason);
            }
        }

        var items = new DataTable("trust_items", "dimension", "item", "reverseCoded", "mean", "itemTotalCorrelation", "rawItemTotalCorrelation", "alphaIfDeleted",
            "standardizedAlphaIfDeleted");
        foreach (var d in result.Dimensions)
        {
            foreach (var i in d.Reliability.Items)
            {
                items.Add(d.Name, i.Name, i.ReverseCoded, i.Mean, i.ItemTotalCorrelation, i.RawItemTotalCorrelation, i.AlphaIfDeleted, i.StandardizedAlphaIfDeleted);
            }
        }

        var tables = new List<DataTable> { index, dimensions, items };
        if (result.KeyDrivers is { } kda)
        {
            var drivers = new DataTable("trust_drivers", "outcome", "n", "driver", "correlation", "relativeWeight", "relativeWeightLower", "relativeWeightUpper",
                "relativeWeightPercent", "shapley", "shapleyLower", "shapleyUpper", "shapleyPercent", "rSquared", "rSquaredLower", "rSquaredUpper");
            foreach (var d in kda.Drivers)
            {
                drivers.Add(kda.Outcome, kda.Count, d.Name, d.Correlation, d.RelativeWeight.Value, d.RelativeWeight.Interval.Lower, d.RelativeWeight.Interval.Upper,
                    d.RelativeWeightPercent, d.Shapley.Value, d.Shapley.Interval.Lower, d.Shapley.Interval.Upper, d.ShapleyPercent, kda.RSquared.Value,
                    kda.RSquared.Interval.Lower, kda.RSquared.Interval.Upper);
            }

            tables.Add(drivers);
        }

        if (changes.Count > 0)
        {
            var breakdown = new DataTable("trust_changes", "group", "measure", "from", "to", "previousN", "currentN", "previous", "current", "difference", "standardError",
                "lower", "upper", "pValue", "test", "hedgesG", "holmAdjustedPValue", "alert");
            foreach (var c in changes)
            {
                var t = c.Result.Test;
                breakdown.Add(c.Group, c.Measure, c.From, c.To, c.Result.PreviousCount, c.Result.CurrentCount, c.Result.Previous, c.Result.Current, t.Difference,
                    t.StandardError, t.Interval.Lower, t.Interval.Upper, t.PValue, t.Test, c.Result.HedgesG, c.Adjusted, c.Alert);
            }

            tables.Add(breakdown);
        }

        return tables;
    }

    private static string Alpha(double? value) => value is double v ? Formatting.Number(v, 3) : "–";

    private static string FirstLine(string message)
    {
        int cut = message.IndexOf(" (Parameter", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
