using System.Globalization;
using QuantileDefinition = MathNet.Numerics.Statistics.QuantileDefinition;
using SortedArrayStatistics = MathNet.Numerics.Statistics.SortedArrayStatistics;
using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;
using TrustMetrics.Cli.Report.Svg;
using TrustMetrics.Cli.Report;
using TrustMetrics.Clv;

namespace TrustMetrics.Cli.Clv;

/// <summary>
/// Customer lifetime value from transactions.csv (customer_id, date, amount): the weekly summary (as
/// <c>clv summarize --unit day --multiplier 7</c>), the BG/NBD and Gamma–Gamma fits (as <c>clv fit</c>), and per customer
/// P(alive), expected purchases in the next 52 weeks and the 12-month CLV at 1% monthly discount (as <c>clv predict</c>), shown as
/// distributions.
/// </summary>
internal sealed class ClvSection : IReportSectionBuilder
{
    public const double HorizonWeeks = 52;
    public const int ClvMonths = 12;
    public const double MonthlyDiscount = 0.01;

    public string Id => "clv";

    public IReadOnlyList<string> Inputs { get; } = [ReportInputs.Transactions];

    public ReportSection Build(ReportContext context)
    {
        var labels = context.Labels;
        var (source, summaries, end) = Summarize(context);
        var histories = CompressedHistories.From(summaries.Select(s => s.History));
        ClvFit<BgNbdModel> purchases;
        using (context.Progress.Start("Fitting BG/NBD", "customers"))
        {
            purchases = Fit(() => new BgNbdFitter().Fit(histories, ClvFitOptions.Default));
        }

        // A repeat customer whose purchases all cost 0 has no spend to model: Gamma–Gamma leaves them out (counted in its note).
        long zeroSpend = summaries.LongCount(s => s.Frequency > 0 && !(s.MonetaryValue > 0));
        ClvFit<GammaGammaModel>? spend = null;
        if (summaries.Any(s => s.Frequency > 0 && s.MonetaryValue > 0))
        {
            using (context.Progress.Start("Fitting Gamma–Gamma", "customers"))
            {
                spend = Fit(() => new GammaGammaFitter().Fit(CompressedSpend.From(summaries.Select(s => s.MonetaryValue > 0 ? (s.Frequency, s.MonetaryValue) : (0L, 0.0))), ClvFitOptions.Default));
            }
        }

        var customers = new DataTable("clv_customers", "customerId", "frequency", "recency", "T", "monetaryValue", "pAlive", "expectedPurchases", "expectedSpend", "clv") { InJson = false };
        var pAlive = new double[summaries.Count];
        var expected = new double[summaries.Count];
        var clv = new double[summaries.Count];
        for (int i = 0; i < summaries.Count; i++)
        {
            var s = summaries[i];
            pAlive[i] = purchases.Model.ProbabilityAlive(s.History);
            expected[i] = purchases.Model.ConditionalExpectedPurchases(HorizonWeeks, s.History);
            double perPurchase = spend is null || (s.Frequency > 0 && !(s.MonetaryValue > 0)) ? double.NaN : spend.Model.ConditionalExpectedAverageSpend(s.Frequency, s.MonetaryValue);
            clv[i] = double.IsFinite(perPurchase)
                ? CustomerLifetimeValue.Discounted(purchases.Model, s.History, perPurchase, ClvMonths, MonthlyDiscount, CustomerLifetimeValue.WeeksPerMonth)
                : double.NaN;
            customers.Add(s.CustomerId, s.Frequency, s.Recency, s.T, s.MonetaryValue, pAlive[i], expected[i], perPurchase, clv[i]);
        }

        var parameters = new DataTable("clv_parameters", "model", "parameter", "estimate", "standardError");
        var fits = new DataTable("clv_fit", "model", "customers", "rows", "skipped", "logLikelihood", "converged", "iterations", "gradientNorm");
        var parameterRows = new List<IReadOnlyList<string>>();
        var fitRows = new List<IReadOnlyList<string>>();
        foreach (var (report, skipped) in new[] { (purchases.Report, 0L), (spend?.Report, spend?.SkippedCustomers ?? 0) })
        {
            if (report is null)
            {
                continue;
            }

            for (int p = 0; p < report.ParameterNames.Count; p++)
            {
                parameters.Add(report.Model, report.ParameterNames[p], report.Estimates[p], report.StandardErrors[p]);
                parameterRows.Add([report.Model, report.ParameterNames[p], G(report.Estimates[p]), G(report.StandardErrors[p])]);
            }

            fits.Add(report.Model, report.CustomerCount, (long)report.RowCount, skipped, report.LogLikelihood, report.Converged, (long)report.Iterations, report.GradientNorm);
            fitRows.Add([report.Model, Formatting.Count(report.CustomerCount), Formatting.Number(report.LogLikelihood, 2),
                report.Converged ? labels["label.yes"] : labels["label.no"], report.Iterations.ToString(CultureInfo.InvariantCulture)]);
        }

        var distribution = new DataTable("clv_distribution", "quantity", "n", "mean", "p5", "p25", "median", "p75", "p95", "p99");
        var histogram = new DataTable("clv_histogram", "quantity", "lower", "upper", "count");
        var distributionRows = new List<IReadOnlyList<string>>();
        var quantities = new List<(string Id, string Label, double[] Values, int Decimals)>
        {
            ("pAlive", labels["quantity.pAlive"], pAlive, 3),
            ("expectedPurchases", labels.Format("quantity.expectedPurchases", HorizonWeeks), expected, 2),
        };
        if (spend is not null)
        {
            quantities.Add(("clv", labels.Format("quantity.clv", ClvMonths), clv, 2));
        }

        var bins = new Dictionary<string, IReadOnlyList<HistogramBin>>(StringComparer.Ordinal);
        foreach (var (id, label, values, decimals) in quantities)
        {
            var sorted = values.Where(double.IsFinite).Order().ToArray();
            double Q(double tau) => sorted.Length == 0 ? double.NaN : SortedArrayStatistics.QuantileCustom(sorted, tau, QuantileDefinition.R7);
            double mean = sorted.Length == 0 ? double.NaN : sorted.Average();
            distribution.Add(id, (long)sorted.Length, mean, Q(0.05), Q(0.25), Q(0.5), Q(0.75), Q(0.95), Q(0.99));
            distributionRows.Add([label, Formatting.Count(sorted.Length), Formatting.Number(mean, decimals), Formatting.Number(Q(0.05), decimals), Formatting.Number(Q(0.25), decimals),
                Formatting.Number(Q(0.5), decimals), Formatting.Number(Q(0.75), decimals), Formatting.Number(Q(0.95), decimals)]);
            double top = id == "pAlive" ? 1 : Math.Max(Q(0.99), 1e-9);
            var histogramBins = Histogram.Bins(sorted, id == "clv" ? 25 : 20, 0, double.IsFinite(top) ? top : 1);
            bins[id] = histogramBins;
            foreach (var bin in histogramBins)
            {
                histogram.Add(id, bin.Lower, bin.Upper, bin.Count);
            }
        }

        var charts = new List<ReportChart>();
        if (spend is not null)
        {
            string title = labels.Format("chart.clv", ClvMonths);
            charts.Add(new ReportChart("clv-distribution", title, Histogram.Render(title, bins["clv"], labels["axis.clv"], labels["axis.customers"], ChartStyle.Color(2))));
        }

        string aliveTitle = labels["chart.pAlive"];
        charts.Add(new ReportChart("p-alive", aliveTitle, Histogram.Render(aliveTitle, bins["pAlive"], labels["axis.pAlive"], labels["axis.customers"], ChartStyle.Color(0))));
        string expectedTitle = labels.Format("chart.expectedPurchases", HorizonWeeks);
        charts.Add(new ReportChart("expected-purchases", expectedTitle, Histogram.Render(expectedTitle, bins["expectedPurchases"], labels["axis.purchases"], labels["axis.customers"], ChartStyle.Color(1))));

        var clvQuantiles = distribution.Rows.FirstOrDefault(r => (string)r[0]! == "clv");
        var notes = new List<string> { labels.Format("clv.note", end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ClvMonths, Formatting.Number(100 * MonthlyDiscount, 0)) };
        if (clvQuantiles is not null)
        {
            notes.Add(labels.Format("clv.clipNote", Formatting.Number((double)clvQuantiles[8]!, 2)));
        }

        if (zeroSpend > 0)
        {
            notes.Add($"Gamma–Gamma: {Formatting.Count(zeroSpend)} repeat customers with a mean amount of 0 are left out of the spend model and have no CLV.");
        }

        var tables = new List<Output.Table>
        {
            new(labels["clv.parameters"], [labels["col.model"], labels["col.parameter"], labels["col.estimate"], labels["col.se"]], parameterRows, []),
            new(labels["clv.fit"], [labels["col.model"], labels["col.customers"], labels["col.logLikelihood"], labels["col.converged"], labels["col.iterations"]], fitRows, []),
            new(labels["clv.distribution"], [labels["col.quantity"], "n", labels["col.mean"], "P5", "P25", labels["col.medianPlain"], "P75", "P95"], distributionRows, notes),
        };

        // Plain words: value per customer and how many are likely still buying (the expected number alive, Σ P(alive)); the
        // fitted parameters stay in the tables below.
        double alive = pAlive.Where(double.IsFinite).Sum();
        string headline = labels.Format("headline.clvAlive", Formatting.Count((long)Math.Round(alive)), Formatting.Count(summaries.Count),
            Formatting.Number(summaries.Count == 0 ? 0 : 100 * alive / summaries.Count, 0));
        if (clvQuantiles is not null)
        {
            headline = labels.Format("headline.clvValue", ClvMonths, Formatting.Number((double)clvQuantiles[2]!, 2), Formatting.Number((double)clvQuantiles[5]!, 2)) + "; " + headline;
        }

        var summary = new List<string> { labels.Format("summary.source", source.DisplayName) };
        return new ReportSection(Id, labels["section.clv"], source.DisplayName, headline, summary, charts, tables, [parameters, fits, distribution, histogram, customers]);
    }

    /// <summary>The report's transactions as weekly per-customer summaries ending at the last transaction date.</summary>
    public static (SurveySource Source, IReadOnlyList<CustomerSummary<string>> Summaries, DateTime End) Summarize(ReportContext context)
    {
        var transactions = TransactionRecords.For(context);
        var summarizer = new TransactionSummarizer<string>(transactions.End, ClvTimeUnit.Day, 7, StringComparer.Ordinal);
        foreach (var (customer, when, value) in transactions.Rows)
        {
            summarizer.Add(customer, when, value);
        }

        return (transactions.Source, summarizer.Summarize(), transactions.End);
    }

    private static T Fit<T>(Func<T> fit)
    {
        try
        {
            return fit();
        }
        catch (ArgumentException e)
        {
            throw new InputException(e.Message);
        }
        catch (InvalidOperationException e)
        {
            throw new InputException(e.Message);
        }
    }

    private static string G(double value) => double.IsFinite(value) ? value.ToString("G6", CultureInfo.InvariantCulture) : "–";
}
