using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;
using TrustMetrics.Cli.Report;
using TrustMetrics.Weighting;

namespace TrustMetrics.Cli.Scales;

/// <summary>
/// <c>report --rake margins.csv [--rake-bounds LO,HI]</c>: the survey's NPS, CSAT and CES raked to the population margins, each
/// over its own answerers, with the raked-design standard errors (docs/weighting.md). Runs only when <c>--rake</c> is given.
/// </summary>
internal sealed class WeightingSection : IReportSectionBuilder
{
    public string Id => "weighting";

    public IReadOnlyList<string> Inputs { get; } = [ReportInputs.Survey];

    public ReportSection? Build(ReportContext context)
    {
        if (context.Settings.Rake is not { } rake)
        {
            return null;
        }

        const string title = "Survey weighting (raking)";
        var source = context.Inputs[ReportInputs.Survey]!;
        var header = SectionInput.Header(source);
        var metrics = new List<(string Metric, string Column, int Min, int Max, int Threshold)>();
        foreach (var (metric, column, min, max, threshold) in new[]
        {
            ("nps", context.Settings.NpsColumn, 0, 10, 9),
            ("csat", context.Settings.CsatColumn, 1, 5, 4),
            ("ces", context.Settings.CesColumn, 1, 7, 5),
        })
        {
            if (SectionInput.Has(header, column))
            {
                metrics.Add((metric, column, min, max, threshold));
            }
        }

        if (metrics.Count == 0)
        {
            context.Skip(Id, title, $"{source.DisplayName} has none of the columns '{context.Settings.NpsColumn}', '{context.Settings.CsatColumn}', '{context.Settings.CesColumn}'.");
            return null;
        }

        var rows = new List<(string Label, RakedEstimate Estimate, int Decimals, RakedWeights Weights, string Metric)>();
        RakedWeights? first = null;
        using (context.Progress.Start($"Raking {source.DisplayName} to {rake.MarginsPath}", "weighting"))
        {
            foreach (var (metric, column, min, max, threshold) in metrics)
            {
                using var table = CsvTable.Open(source);
                int scoreColumn = table.Column(column);
                var collector = new RakedSurvey.Collector(table, rake);
                while (table.Read())
                {
                    if (ScoreParser.Score(table, scoreColumn, column, min, max) is int score)
                    {
                        collector.Add(table, score);
                    }
                }

                var scores = collector.Scores;
                if (scores.Length == 0)
                {
                    continue;
                }

                var weights = collector.Rake();
                first ??= weights;
                if (metric == "nps")
                {
                    rows.Add(("NPS", weights.Nps(scores, context.Confidence), 1, weights, metric));
                }
                else
                {
                    rows.Add(($"{metric.ToUpperInvariant()} {ScaleNames.For(metric).Label}", weights.TopBox(scores, threshold, context.Confidence), 1, weights, metric));
                    rows.Add(($"{metric.ToUpperInvariant()} mean", weights.Mean([.. scores.Select(s => (double)s)], context.Confidence), 2, weights, metric));
                }
            }
        }

        if (first is null)
        {
            context.Skip(Id, title, $"{source.DisplayName}: the metric columns have no answers.");
            return null;
        }

        var estimates = RakedSurvey.EstimatesTable("Raked estimates", rows.Select(r => (r.Label, r.Estimate, r.Decimals)), first, context.Confidence);
        var lead = rows[0];
        string headline = $"Raked {lead.Label} {Formatting.Number(lead.Estimate.Score.Value, lead.Decimals)} {Formatting.Interval(lead.Estimate.Score.Interval, lead.Decimals)}, "
            + $"n_eff {Formatting.Number(lead.Weights.EffectiveSampleSize, 0)} of {Formatting.Count(lead.Weights.Count)} (design effect {Formatting.Number(lead.Weights.DesignEffect, 2)})";
        var data = new DataTable("weighting", "metric", "statistic", "estimate", "se", "fixedWeightSe", "lower", "upper", "level", "n", "effectiveSampleSize", "designEffect",
            "iterations", "maxMarginError");
        foreach (var r in rows)
        {
            data.Add(r.Metric, r.Label, r.Estimate.Score.Value, r.Estimate.Score.StandardError, r.Estimate.FixedWeightStandardError, r.Estimate.Score.Interval.Lower,
                r.Estimate.Score.Interval.Upper, r.Estimate.Score.Interval.Level, r.Estimate.Count, r.Weights.EffectiveSampleSize, r.Weights.DesignEffect,
                r.Weights.Iterations, r.Weights.MaxMarginError);
        }

        var margins = new DataTable("weighting_margins", "variable", "level", "target", "achieved");
        for (int m = 0; m < first.Margins.Count; m++)
        {
            var achieved = first.AchievedShares(m);
            for (int l = 0; l < achieved.Count; l++)
            {
                margins.Add(first.Margins[m].Variable, first.Margins[m].Levels[l], first.Margins[m].Shares[l], achieved[l]);
            }
        }

        return new ReportSection(Id, title, source.DisplayName, headline, [.. RakedSurvey.Summary(rake, first)], [],
            [estimates, RakedSurvey.MarginsTable(first)], [data, margins]);
    }
}
