using System.Globalization;
using TrustMetrics.Cli.Input;
using TrustMetrics.Cli.Output;
using TrustMetrics.Cli.Report;
using TrustMetrics.Cli.Report.Svg;
using TrustMetrics.Clv;

namespace TrustMetrics.Cli.Clv;

/// <summary>
/// "Customer value" (issue 14 item 4): who the VIPs are. From transactions.csv summarised in weeks as the CLV section does
/// (<c>clv summarize --unit day --multiplier 7</c>), BG/NBD and Gamma–Gamma are fitted as <c>clv segment</c> fits them and
/// <see cref="ValueSegmenter"/> gives the model-based tiers (vip = top 10 % of predicted 12-month CLV at 1 % monthly discount;
/// at-risk vip = top 10 % of past value x·m̄ with P(alive) &lt; 0.5) and the RFM named segments (<see cref="RfmScoring"/>), each with
/// its customers, mean CLV and Student-t interval; so the section's numbers are those of <c>clv segment</c> on the same summary.
/// The chart is the BG/NBD P(alive) matrix by frequency × recency at the longest observed T (lifetimes'
/// <c>plot_probability_alive_matrix</c>).
/// </summary>
internal sealed class CustomerValueSection : IReportSectionBuilder
{
    public const double VipShare = 0.1;
    public const double AtRiskAlive = 0.5;

    /// <summary>Columns of the P(alive) matrix (recency from 0 to the longest T).</summary>
    public const int RecencyColumns = 20;

    /// <summary>Most frequency rows drawn (0 … this); higher frequencies are in the customers' file, not the chart.</summary>
    public const int MaxFrequencyRows = 15;

    private static readonly string[] Tiers = ["vip", "at-risk vip", "other"];

    public string Id => "customer-value";

    public IReadOnlyList<string> Inputs { get; } = [ReportInputs.Transactions];

    public ReportSection? Build(ReportContext context)
    {
        var text = CustomerValueLabels.For(context.Labels.Language);
        var (source, summaries, _) = ClvSection.Summarize(context);
        var histories = summaries.Select(s => s.History).ToArray();
        var monetary = summaries.Select(s => s.Frequency > 0 ? s.MonetaryValue : 0.0).ToArray();
        long zeroSpend = summaries.LongCount(s => s.Frequency > 0 && !(s.MonetaryValue > 0));
        if (zeroSpend > 0 || !summaries.Any(s => s.Frequency > 0))
        {
            context.Skip(Id, text["title"], zeroSpend > 0 ? string.Format(CultureInfo.InvariantCulture, text["skip.zeroSpend"], Formatting.Count(zeroSpend)) : text["skip.noRepeat"]);
            return null;
        }

        var options = new ValueSegmentOptions(ClvSection.ClvMonths, ClvSection.MonthlyDiscount, CustomerLifetimeValue.WeeksPerMonth, 1.0, VipShare, AtRiskAlive, context.Confidence);
        BgNbdModel purchases;
        ValueSegmentation result;
        using (context.Progress.Start("Segmenting customer value", "customers"))
        {
            try
            {
                // As `clv segment`: default fits of BG/NBD and Gamma–Gamma on the summary (customers with x = 0 carry m̄ = 0).
                purchases = new BgNbdFitter().Fit(CompressedHistories.From(histories)).Model;
                var spend = new GammaGammaFitter().Fit(CompressedSpend.From(histories.Select((h, i) => (h.Frequency, monetary[i])))).Model;
                result = new ValueSegmenter().Segment(histories, monetary, purchases, spend, options);
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

        var customers = result.Customers;
        double totalClv = customers.Sum(c => c.Clv);
        double Share(IEnumerable<CustomerValue> group) => totalClv > 0 ? group.Sum(c => c.Clv) / totalClv : double.NaN;

        var segmentData = new DataTable("customer_value_segments", "kind", "segment", "customers", "meanClv", "lower", "upper", "meanPAlive", "valueShare");
        var tierRows = new List<IReadOnlyList<string>>();
        var rfmRows = new List<IReadOnlyList<string>>();
        foreach (var s in result.Segments)
        {
            bool tier = Tiers.Contains(s.Segment, StringComparer.Ordinal);
            var members = customers.Where(c => tier ? c.Tier == s.Segment : c.Rfm.Segment == s.Segment).ToList();
            double alive = members.Average(c => c.ProbabilityAlive);
            double share = Share(members);
            segmentData.Add(tier ? "tier" : "rfm", s.Segment, s.Customers, s.MeanClv.Value, s.MeanClv.Interval.Lower, s.MeanClv.Interval.Upper, alive, share);
            IReadOnlyList<string> row =
            [
                tier ? text["tier." + s.Segment] : s.Segment, Formatting.Count(s.Customers), Formatting.Number(100.0 * s.Customers / customers.Count, 1),
                Formatting.Number(s.MeanClv.Value, 2), Formatting.Interval(s.MeanClv.Interval, 2), Formatting.Number(100 * share, 1), Formatting.Number(alive, 2),
            ];
            (tier ? tierRows : rfmRows).Add(row);
        }

        var customerData = new DataTable("customer_value_customers", "customerId", "rfm", "segment", "tier", "clv", "pAlive", "pastValue") { InJson = false };
        for (int i = 0; i < customers.Count; i++)
        {
            var c = customers[i];
            customerData.Add(summaries[i].CustomerId, c.Rfm.Code, c.Rfm.Segment, c.Tier, c.Clv, c.ProbabilityAlive, c.PastValue);
        }

        // The P(alive) matrix: frequency 0 … max (at most MaxFrequencyRows) × recency 0 … max T, at T = max T, with the number of
        // customers whose (x, t_x) falls in each cell (the recency column nearest below).
        double maxT = histories.Max(h => h.T);
        int maxFrequency = (int)Math.Min(MaxFrequencyRows, histories.Max(h => h.Frequency));
        var recencies = Enumerable.Range(0, RecencyColumns).Select(j => maxT * j / (RecencyColumns - 1)).ToArray();
        var matrixData = new DataTable("customer_value_alive_matrix", "frequency", "recency", "T", "pAlive", "customers");
        var counts = new long[maxFrequency + 1, RecencyColumns];
        foreach (var h in histories)
        {
            if (h.Frequency <= maxFrequency && maxT > 0)
            {
                counts[h.Frequency, Math.Min(RecencyColumns - 1, (int)Math.Round(h.Recency / maxT * (RecencyColumns - 1)))]++;
            }
        }

        var grid = new List<IReadOnlyList<double?>>();
        for (int x = 0; x <= maxFrequency; x++)
        {
            var row = new double?[RecencyColumns];
            for (int j = 0; j < RecencyColumns; j++)
            {
                // A customer without repeat purchases has recency 0 by definition: only that cell exists for x = 0.
                if (x == 0 && j > 0)
                {
                    continue;
                }

                double p = purchases.ProbabilityAlive(new PurchaseHistory(x, recencies[j], maxT));
                row[j] = p;
                matrixData.Add((long)x, recencies[j], maxT, p, counts[x, j]);
            }

            grid.Add(row);
        }

        string chartTitle = string.Format(CultureInfo.InvariantCulture, text["chart.alive"], Formatting.Number(maxT, 0));
        var charts = new List<ReportChart>
        {
            new("p-alive-matrix", chartTitle, Heatmap.Render(chartTitle, Enumerable.Range(0, maxFrequency + 1).Select(x => x.ToString(CultureInfo.InvariantCulture)).ToList(),
                recencies.Select(r => Formatting.Number(r, 0)).ToList(), grid, text["axis.recency"], text["axis.frequency"])),
        };

        string level = Formatting.Level(context.Confidence);
        string[] headers = [text["col.segment"], text["col.customers"], text["col.customerShare"], text["col.meanClv"], string.Format(CultureInfo.InvariantCulture, text["col.ci"], level),
            text["col.valueShare"], text["col.meanAlive"]];
        var tables = new List<Table>
        {
            new(text["table.tiers"], headers, tierRows, [string.Format(CultureInfo.InvariantCulture, text["note.tiers"], Formatting.Number(100 * VipShare, 0), Formatting.Number(AtRiskAlive, 1),
                ClvSection.ClvMonths, Formatting.Number(100 * ClvSection.MonthlyDiscount, 0), level)]),
            new(text["table.rfm"], headers, rfmRows, [text["note.rfm"]]),
        };

        var vips = customers.Where(c => c.Tier == "vip").ToList();
        long atRisk = customers.LongCount(c => c.Tier == "at-risk vip");
        string headline = string.Format(CultureInfo.InvariantCulture, text["headline"], Formatting.Number(100 * VipShare, 0), Formatting.Count(vips.Count),
            Formatting.Number(100 * Share(vips), 0), ClvSection.ClvMonths, Formatting.Count(atRisk), Formatting.Number(AtRiskAlive, 1));
        var summary = new List<string> { context.Labels.Format("summary.source", source.DisplayName) };
        var differenceData = new DataTable("customer_value_vip_difference", "vipCustomers", "vipMeanClv", "otherCustomers", "otherMeanClv", "difference", "lower", "upper",
            "standardError", "degreesOfFreedom", "p");
        if (VipDifference(customers, context.Confidence) is { } d)
        {
            differenceData.Add(d.VipCount, d.VipMean, d.OtherCount, d.OtherMean, d.Test.Difference, d.Test.Interval.Lower, d.Test.Interval.Upper, d.Test.StandardError,
                d.Test.DegreesOfFreedom, d.Test.PValue);
            summary.Add(string.Format(CultureInfo.InvariantCulture, text["summary.vipDifference"], Formatting.Number(d.Test.Difference, 2), level,
                Formatting.Interval(d.Test.Interval, 2), Formatting.Number(d.VipMean, 2), Formatting.Count(d.VipCount), Formatting.Number(d.OtherMean, 2), Formatting.Count(d.OtherCount)));
        }

        return new ReportSection(Id, text["title"], source.DisplayName, headline, summary, charts, tables, [segmentData, differenceData, matrixData, customerData]);
    }

    /// <summary>
    /// Mean CLV of the VIP tier minus that of every other customer (at-risk VIPs and the rest), Welch's unequal-variance t interval
    /// (<see cref="TrustMetrics.Estimation.MeanIntervals.Welch"/>; customers as samples, the models' parameter uncertainty left out,
    /// as the tier intervals); null when either group has fewer than 2 customers.
    /// </summary>
    internal static (long VipCount, double VipMean, long OtherCount, double OtherMean, TrustMetrics.Estimation.DifferenceTest Test)? VipDifference(
        IReadOnlyList<CustomerValue> customers, double level)
    {
        var vip = customers.Where(c => c.Tier == "vip").Select(c => c.Clv).ToArray();
        var other = customers.Where(c => c.Tier != "vip").Select(c => c.Clv).ToArray();
        if (vip.Length < 2 || other.Length < 2)
        {
            return null;
        }

        var (m1, v1) = TrustMetrics.Statistics.Descriptive.MeanVariance(vip);
        var (m2, v2) = TrustMetrics.Statistics.Descriptive.MeanVariance(other);
        return (vip.Length, m1, other.Length, m2, TrustMetrics.Estimation.MeanIntervals.Welch(vip.Length, m1, v1, other.Length, m2, v2, level));
    }
}

/// <summary>
/// The Customer value section's labels (English; Korean with the English term beside it), kept beside the section so the shared
/// <see cref="ReportLabels"/> table stays as it is. A key missing from Korean falls back to English; one missing from English throws.
/// </summary>
internal sealed class CustomerValueLabels
{
    private static readonly Dictionary<string, string> English = new(StringComparer.Ordinal)
    {
        ["title"] = "Customer value: VIPs, at-risk VIPs and RFM segments",
        ["headline"] = "The top {0}% of customers ({1}) are expected to bring {2}% of the next {3} months' value; {4} more customers with top-{0}% past spend are probably lapsing (P(alive) < {5}: at-risk VIPs)",
        ["skip.zeroSpend"] = "{0} repeat customers have a mean amount of 0; value tiers need a positive spend for every repeat customer.",
        ["skip.noRepeat"] = "no customer has a repeat purchase, so no spend model can be fitted.",
        ["table.tiers"] = "Value tiers",
        ["table.rfm"] = "RFM segments",
        ["note.tiers"] = "VIP: the top {0}% of predicted CLV ({2} months, {3}% monthly discount, BG/NBD × Gamma–Gamma, margin 1); at-risk VIP: not VIP, top {0}% of past spend (repeat purchases × mean amount) and P(alive) < {1}; other: the rest. {4} intervals: Student t over the customers (the models' parameter uncertainty left out). Same numbers as `trustmetrics clv segment` on the weekly summary.",
        ["note.rfm"] = "Quintile scores 1–5 on recency, frequency and mean amount (ties share a score); names from the recency × frequency grid in docs/clv.md §13. The 5-5-5 code of every customer is in data/customer_value_customers.csv. BG/NBD gives P(alive) = 1 to a customer without a repeat purchase (a property of the model), so one-time buyers (most of lost and hibernating) show 1.00.",
        ["summary.vipDifference"] = "VIPs' mean CLV exceeds the other customers' by {0} ({1} CI {2}; Welch t, customers as samples): {3} over {4} VIPs against {5} over {6} others (at-risk VIPs included)",
        ["col.segment"] = "Segment",
        ["col.customers"] = "Customers",
        ["col.customerShare"] = "% of customers",
        ["col.meanClv"] = "Mean CLV",
        ["col.ci"] = "{0} CI",
        ["col.valueShare"] = "% of value",
        ["col.meanAlive"] = "Mean P(alive)",
        ["tier.vip"] = "VIP",
        ["tier.at-risk vip"] = "At-risk VIP",
        ["tier.other"] = "Other",
        ["chart.alive"] = "P(alive) by purchases and last purchase (BG/NBD, customer for {0} weeks)",
        ["axis.frequency"] = "repeat purchases",
        ["axis.recency"] = "week of the last purchase",
    };

    private static readonly Dictionary<string, string> Korean = new(StringComparer.Ordinal)
    {
        ["title"] = "고객 가치 (Customer value): VIP, 이탈 위험 VIP, RFM 세그먼트",
        ["headline"] = "상위 {0}% 고객 ({1}명)이 향후 {3}개월 가치의 {2}%를 가져올 것으로 예상; 과거 지출 상위 {0}% 중 {4}명은 이탈 가능성이 큼 (P(alive) < {5}: 이탈 위험 VIP)",
        ["skip.zeroSpend"] = "재구매 고객 {0}명의 평균 금액이 0입니다; 가치 등급에는 모든 재구매 고객의 양의 지출이 필요합니다.",
        ["skip.noRepeat"] = "재구매 고객이 없어 지출 모형을 적합할 수 없습니다.",
        ["table.tiers"] = "가치 등급 (Value tiers)",
        ["table.rfm"] = "RFM 세그먼트 (RFM segments)",
        ["note.tiers"] = "VIP: 예측 CLV 상위 {0}% ({2}개월, 월 할인율 {3}%, BG/NBD × Gamma–Gamma, 마진 1); 이탈 위험 VIP (at-risk VIP): VIP가 아니고 과거 지출 (재구매 횟수 × 평균 금액) 상위 {0}%이며 P(alive) < {1}; 기타: 나머지. {4} 구간: 고객에 대한 Student t (모형 모수의 불확실성 제외). `trustmetrics clv segment`와 같은 값.",
        ["note.rfm"] = "최근성·빈도·평균 금액의 5분위 점수 1–5 (동점은 같은 점수); 이름은 docs/clv.md §13의 최근성 × 빈도 표. 고객별 5-5-5 코드는 data/customer_value_customers.csv에 있습니다. BG/NBD는 재구매가 없는 고객에게 P(alive) = 1을 줍니다 (모형의 성질): 1회 구매 고객 (lost, hibernating 대부분)은 1.00으로 표시됩니다.",
        ["summary.vipDifference"] = "VIP의 평균 CLV가 나머지 고객보다 {0} 높음 ({1} 신뢰구간 {2}; Welch t, 고객을 표본으로): VIP {4}명 평균 {3}, 나머지 {6}명 평균 {5} (이탈 위험 VIP 포함)",
        ["col.segment"] = "세그먼트 (Segment)",
        ["col.customers"] = "고객 수 (Customers)",
        ["col.customerShare"] = "고객 비율 (%)",
        ["col.meanClv"] = "평균 CLV (Mean CLV)",
        ["col.ci"] = "{0} 신뢰구간",
        ["col.valueShare"] = "가치 비율 (% of value)",
        ["col.meanAlive"] = "평균 P(alive)",
        ["tier.vip"] = "VIP",
        ["tier.at-risk vip"] = "이탈 위험 VIP (At-risk VIP)",
        ["tier.other"] = "기타 (Other)",
        ["chart.alive"] = "구매 횟수와 마지막 구매 시점별 생존 확률 P(alive) (BG/NBD, 고객 기간 {0}주)",
        ["axis.frequency"] = "재구매 횟수",
        ["axis.recency"] = "마지막 구매 주차",
    };

    private readonly Dictionary<string, string> text;

    private CustomerValueLabels(Dictionary<string, string> text) => this.text = text;

    public string this[string key] => text.TryGetValue(key, out var value) ? value : English[key];

    /// <summary>The labels of a report language ("en", "ko").</summary>
    public static CustomerValueLabels For(string language) => new(language == "ko" ? Korean : English);

    /// <summary>Every English key (tests check the Korean table covers it).</summary>
    public static IReadOnlyCollection<string> EnglishKeys => English.Keys;

    /// <summary>Every Korean key.</summary>
    public static IReadOnlyCollection<string> KoreanKeys => Korean.Keys;
}
