using TrustMetrics.Churn;
using TrustMetrics.Clv;
using TrustMetrics.Estimation;
using TrustMetrics.Funnel;
using TrustMetrics.Presentation;
using TrustMetrics.Reviews;
using TrustMetrics.TrustIndex;

namespace TrustMetrics.Tests.Presentation;

/// <summary>
/// Exact renderings of the trust-index and voice-of-the-customer results and of the row types that print one line; the shape
/// and culture laws of every rendered result are in <see cref="RenderingTests"/>.
/// </summary>
public class FamilyRenderingTests
{
    [Fact]
    public void Funnel_markdown_is_the_documented_table()
    {
        // survey-metrics.md §6.1: 10,000 → 4,000 → 1,200 → 300, steps 40 %, 30 %, 25 %, overall 3 %.
        var funnel = new FunnelCalculator().Calculate(FunnelTally.FromReached(["visit", "cart", "checkout", "purchase"], [10000, 4000, 1200, 300]));
        Assert.Equal(
            "**Journey funnel**\n\n" +
            "| stage | reached | step conversion | 95% CI | drop-off | cumulative conversion | 95% CI |\n" +
            "|---|---:|---:|---:|---:|---:|---:|\n" +
            "| visit | 10,000 | – | – | – | 100.0% | 100.0% to 100.0% |\n" +
            "| cart | 4,000 | 40.0% | 39.0% to 41.0% | 60.0% | 40.0% | 39.0% to 41.0% |\n" +
            "| checkout | 1,200 | 30.0% | 28.6% to 31.4% | 70.0% | 12.0% | 11.4% to 12.7% |\n" +
            "| purchase | 300 | 25.0% | 22.6% to 27.5% | 75.0% | 3.0% | 2.7% to 3.4% |\n" +
            "\nStep conversion n\\_i/n\\_(i−1), cumulative n\\_i/n\\_0, each with its own wilson interval.\n",
            funnel.ToMarkdown());
        Assert.Equal("Funnel visit → cart → checkout → purchase: 10,000 → 300, overall 3.0% [2.7%, 3.4%]", funnel.ToString());
    }

    [Fact]
    public void A_ranking_is_the_list_and_knows_its_key_and_prior()
    {
        var ranking = new RatingCalculator().RankRatings(new[] { ("b", 5), ("b", 4), ("a", 2), ("a", 3), ("a", 5) }, RatingRankKey.Mean);
        Assert.Equal(["b", "a"], ranking.Select(r => r.Item));
        Assert.Equal(RatingRankKey.Mean, ranking.Key);
        Assert.Equal(new RatingPrior(19.0 / 5, 2.5), ranking.Prior);
        Assert.Equal("Ranking of 2 items by Mean: 1. b (4.50), 2. a (3.33)", ranking.ToString());
        Assert.StartsWith("1. b: mean 4.50 [", ranking[0].ToString(), StringComparison.Ordinal);
        Assert.EndsWith(", positive 100.0% [34.2%, 100.0%] (95%, n = 2)", ranking[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_trust_index_without_bootstrap_shows_dashes_not_nan()
    {
        double[] answers = [1, 2, 2, 3, 3, 4, 4, 5, 5, 5, 2, 2];
        var survey = new TrustSurvey(["a1", "a2"], answers);
        var result = new TrustIndexCalculator().Calculate(survey, new TrustIndexOptions
        {
            Dimensions = [new TrustDimension("a", ["a1", "a2"])],
            BootstrapReplicates = 0,
        });

        Assert.DoesNotContain("NaN", ResultFormatter.ToMarkdown(result), StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", result.ToString(), StringComparison.Ordinal);
        Assert.Contains("no bootstrap intervals", ResultFormatter.ToMarkdown(result), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(45, "45 s")]
    [InlineData(7.25, "7.3 s")]
    [InlineData(210, "3.5 min")]
    [InlineData(14.2 * 3600, "14 h")]
    [InlineData(91 * 86400, "91 d")]
    [InlineData(36 * 3600, "36 h")]
    public void Durations_read_in_the_unit_a_person_would_use(double seconds, string expected)
    {
        Assert.Equal(expected, InvariantText.Duration(TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public void Row_types_print_one_readable_line()
    {
        var retention = ProportionIntervals.Estimate(112, 183, 0.95, ProportionIntervalMethod.Wilson);
        Assert.Equal("age 2: 61.2% [54.0%, 67.9%] (112 of 183)".Replace("54.0%", InvariantText.Percent(retention.Interval.Lower), StringComparison.Ordinal)
            .Replace("67.9%", InvariantText.Percent(retention.Interval.Upper), StringComparison.Ordinal),
            new CohortCell(2, 112, 183, retention).ToString());
        Assert.Equal("period 3: survival 65.3%, retention 87.9%, churn 8.9%", new RetentionProjection(3, 0.653, 0.879, 0.089).ToString());
        Assert.Equal("customer c1: frequency 3, recency 49.3, T 78, monetary value 26.73", new CustomerSummary<string>("c1", 3, 49.3, 78, 26.73).ToString());
        var row = new CohortRow(new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 31), true, 183, [new CohortCell(0, 183, 183, retention), new CohortCell(1, 112, 183, retention)]);
        Assert.Equal("cohort 2025-01-01: 183 customers, 61.2% retained at age 1", row.ToString());
    }
}
