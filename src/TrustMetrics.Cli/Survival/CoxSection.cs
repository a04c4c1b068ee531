using TrustMetrics.Cli.Churn;
using TrustMetrics.Cli.Output;
using TrustMetrics.Cli.Report;
using TrustMetrics.Cli.Report.Svg;
using TrustMetrics.Survival;

namespace TrustMetrics.Cli.Survival;

/// <summary>
/// "Who is at risk and why": a Cox proportional-hazards model of time to churn on the customer's segment, from customers.csv.
/// Durations are those of <see cref="SurvivalSection"/> (months from start to end, or to the observation date for active
/// customers, who are censored); segment is a factor with the first sorted level as reference (treatment contrasts, as R's
/// <c>coxph(Surv(months, churned) ~ segment)</c>), Efron ties. Only what is known at signup enters the model: counts made over a
/// customer's whole life (tickets, purchases) would grow with the time survived and bias the hazard ratios (docs/report.md).
/// The numbers are those of <c>trustmetrics cox --duration months --event churned --covariates segment --categorical segment</c>.
/// </summary>
internal sealed class CoxSection : IReportSectionBuilder
{
    public string Id => "cox";

    public IReadOnlyList<string> Inputs { get; } = [ReportInputs.Customers];

    public ReportSection? Build(ReportContext context)
    {
        var customers = CustomerRecords.For(context);
        var labels = context.Labels;
        string title = labels["section.cox"];
        var levels = customers.Records.Select(r => r.Segment).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (!customers.HasSegment || levels.Length < 2)
        {
            context.Skip(Id, title, $"{customers.Source.DisplayName} has no 'segment' column with two or more segments to compare.");
            return null;
        }

        var asOf = customers.Records.Max(r => r.Span.End is { } e && e > r.Span.Start ? e : r.Span.Start);
        int n = customers.Records.Count;
        var stop = new double[n];
        var events = new bool[n];
        for (int i = 0; i < n; i++)
        {
            var span = customers.Records[i].Span;
            stop[i] = ((span.End ?? asOf).DayNumber - span.Start.DayNumber) / SurvivalSection.DaysPerMonth;
            events[i] = span.End is not null;
        }

        if (!events.Any(e => e))
        {
            context.Skip(Id, title, $"{customers.Source.DisplayName}: no customer has churned yet, so there is no hazard to compare.");
            return null;
        }

        string reference = levels[0];
        var compared = levels.Skip(1).ToArray();
        var names = compared.Select(l => $"segment={l}").ToArray();
        var design = compared.Select(l => customers.Records.Select(r => r.Segment == l ? 1.0 : 0.0).ToArray()).ToArray();
        var data = CoxData.Create(names, design, stop, events);
        var fit = new CoxRegression().Fit(data, new CoxFitOptions(CoxTies.Efron, context.Confidence));
        var concordance = fit.Concordance(data);
        var ph = fit.ProportionalHazardsTest(data, [new KeyValuePair<string, int[]>("segment", Enumerable.Range(0, names.Length).ToArray())]);
        var k = fit.Coefficients;
        double alpha = 1 - context.Confidence;

        // Plain-language sentences: one per compared segment, the riskiest segment, the PH verdict, the concordance.
        var sentences = new List<string>();
        for (int j = 0; j < compared.Length; j++)
        {
            sentences.Add(labels.Format(k[j].PValue < alpha ? "cox.sentence" : "cox.sentenceUnclear", compared[j], Ratio(k[j].HazardRatio), reference,
                context.Level, Ratio(k[j].Lower), Ratio(k[j].Upper), PText.Of(k[j].PValue)));
        }

        int riskiest = -1; // −1: the reference
        for (int j = 0; j < compared.Length; j++)
        {
            if (k[j].HazardRatio > (riskiest < 0 ? 1 : k[riskiest].HazardRatio)) riskiest = j;
        }

        // Is the riskiest segment clearly riskier? Only its comparison with the reference is tested here: unclear when the riskiest
        // segment does not differ clearly from the reference, or (reference riskiest) when the next one does not differ from it.
        string riskiestName = riskiest < 0 ? reference : compared[riskiest];
        int closest = riskiest >= 0 ? riskiest : Enumerable.Range(0, compared.Length).MaxBy(j => k[j].HazardRatio);
        string? notClearlyAbove = k[closest].PValue < alpha ? null : riskiest >= 0 ? reference : compared[closest];
        sentences.Add(notClearlyAbove is null ? labels.Format("cox.riskiest", riskiestName) : labels.Format("cox.riskiestUnclear", riskiestName, notClearlyAbove));
        sentences.Add(labels.Format(ph.Global.PValue < alpha ? "cox.phViolated" : "cox.phHolds", PText.Of(ph.Global.PValue)));
        sentences.Add(labels.Format("cox.concordance", Opt(concordance.Value, 3), Opt(concordance.StandardError, 3)));

        // The headline: the clearest difference (smallest p).
        int clearest = Enumerable.Range(0, compared.Length).MinBy(j => k[j].PValue);
        string headline = sentences[clearest] + "; " + (notClearlyAbove is null
            ? labels.Format("cox.headlineTail", riskiestName, Opt(concordance.Value, 2))
            : labels.Format("cox.headlineTailUnclear", riskiestName, notClearlyAbove, Opt(concordance.Value, 2)));

        var rows = new List<IReadOnlyList<string>> { new[] { reference, labels["cox.reference"], "1", "–", "–", "–" } };
        rows.AddRange(compared.Select((l, j) => (IReadOnlyList<string>)
        [
            l, Formatting.Number(k[j].Coefficient, 4), Formatting.Number(k[j].HazardRatio, 3),
            $"[{Formatting.Number(k[j].Lower, 3)}, {Formatting.Number(k[j].Upper, 3)}]", Formatting.Number(k[j].StandardError, 4), Formatting.PValue(k[j].PValue),
        ]));
        var tables = new List<Table>
        {
            new(labels["cox.table"], ["segment", "coef", labels["col.hazardRatio"], labels.Format("col.ci", context.Level), labels["col.se"], "p"], rows,
            [
                labels.Format("cox.note", Formatting.Count(fit.RowCount), Formatting.Count(fit.EventCount), reference, asOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
                labels.Format("cox.tests", Formatting.Number(fit.LikelihoodRatioTest.Statistic, 2), fit.LikelihoodRatioTest.DegreesOfFreedom, PText.Of(fit.LikelihoodRatioTest.PValue),
                    Opt(concordance.Value, 3), Opt(concordance.StandardError, 3)),
            ]),
            new(labels["cox.phTable"], [labels["col.term"], "χ²", "df", "p"],
            [
                .. ph.Terms.Select((t, i) => (IReadOnlyList<string>)[t, Formatting.Number(ph.Tests[i].Statistic, 3), ph.Tests[i].DegreesOfFreedom.ToString(System.Globalization.CultureInfo.InvariantCulture), Formatting.PValue(ph.Tests[i].PValue)]),
                ["GLOBAL", Formatting.Number(ph.Global.Statistic, 3), ph.Global.DegreesOfFreedom.ToString(System.Globalization.CultureInfo.InvariantCulture), Formatting.PValue(ph.Global.PValue)],
            ],
            [labels["cox.phNote"]]),
        };

        // Hazard ratios with intervals: dots on whiskers, the reference at 1.
        string chartTitle = labels.Format("chart.cox", reference, context.Level);
        var categories = levels.ToList();
        var series = new BarSeries(labels["col.hazardRatio"],
            [1, .. k.Select(c => c.HazardRatio)], [1, .. k.Select(c => c.Lower)], [1, .. k.Select(c => c.Upper)]);
        double low = Math.Min(1, k.Min(c => c.Lower)), high = Math.Max(1, k.Max(c => c.Upper));
        var charts = new List<ReportChart>
        {
            new("cox-hazard-ratios", chartTitle, HorizontalBarChart.Render(chartTitle, categories, [series], labels["axis.hazardRatio"],
                xMin: Math.Min(0, low), xMax: high * 1.05, dots: true)),
        };

        var coefficientTable = new DataTable("cox_hazard_ratios", "term", "reference", "coef", "se", "z", "pValue", "hazardRatio", "lower", "upper", "level");
        for (int j = 0; j < compared.Length; j++)
        {
            coefficientTable.Add(names[j], reference, k[j].Coefficient, k[j].StandardError, k[j].Z, k[j].PValue, k[j].HazardRatio, k[j].Lower, k[j].Upper, context.Confidence);
        }

        var modelTable = new DataTable("cox_model", "n", "events", "ties", "logLikelihoodNull", "logLikelihood", "likelihoodRatio", "df", "pValue",
            "concordance", "concordanceSe", "converged", "iterations");
        modelTable.Add(fit.RowCount, fit.EventCount, "efron", fit.NullLogLikelihood, fit.LogLikelihood, fit.LikelihoodRatioTest.Statistic,
            fit.LikelihoodRatioTest.DegreesOfFreedom, fit.LikelihoodRatioTest.PValue, concordance.Value, concordance.StandardError,
            fit.Convergence.Converged ? "true" : "false", fit.Convergence.Iterations);
        var phTable = new DataTable("cox_ph_test", "term", "chiSquare", "df", "pValue");
        for (int t = 0; t < ph.Terms.Count; t++)
        {
            phTable.Add(ph.Terms[t], ph.Tests[t].Statistic, ph.Tests[t].DegreesOfFreedom, ph.Tests[t].PValue);
        }

        phTable.Add("GLOBAL", ph.Global.Statistic, ph.Global.DegreesOfFreedom, ph.Global.PValue);

        var summary = new List<string> { labels.Format("summary.source", customers.Source.DisplayName) };
        summary.AddRange(sentences);
        return new ReportSection(Id, title, customers.Source.DisplayName, headline, summary, charts, tables, [coefficientTable, modelTable, phTable]);
    }

    /// <summary>An optional statistic (null when undefined) as text, "–" when null.</summary>
    private static string Opt(double? value, int decimals) => value is double v ? Formatting.Number(v, decimals) : "–";

    /// <summary>A hazard ratio as "0.36×" (two decimals).</summary>
    private static string Ratio(double value) => Formatting.Number(value, 2) + "×";
}
