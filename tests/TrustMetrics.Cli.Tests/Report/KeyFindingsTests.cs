using TrustMetrics.Cli.Report;
using TrustMetrics.Estimation;
using TrustMetrics.Service;

namespace TrustMetrics.Cli.Tests.Report;

/// <summary>The key findings: what survives, how dips and recoveries join, the order, the sentences in English and Korean.</summary>
public sealed class KeyFindingsTests
{
    private static ChangeCandidate Change(string section, string metric, string? by, string group, string from, string to, double estimate, double se,
        double adjustedP, bool higherIsBetter = true, FindingUnit unit = FindingUnit.Points, double? before = 10, double? after = 5, string? measure = null) =>
        new(section, section, metric, measure, by, group, from, to, before, after, estimate, se, estimate - 1.96 * se, estimate + 1.96 * se, 0.95,
            adjustedP / 10, adjustedP, 40, higherIsBetter, unit);

    [Fact]
    public void Only_changes_that_survive_the_correction_are_kept()
    {
        var findings = KeyFindings.Select(
        [
            Change("survey", "nps", "channel", "app", "2026-03", "2026-04", -28.6, 8.4, 0.027),
            Change("survey", "nps", null, "All", "2026-03", "2026-04", -10.2, 4.5, 0.86),
            Change("survey", "nps", "segment", "SMB", "2026-03", "2026-04", -16.5, 7.9, 0.05),
        ], 0.95, "en");
        var finding = Assert.Single(findings);
        Assert.Equal("app", finding.Change.Group);
        Assert.Equal(1, finding.Rank);
    }

    [Fact]
    public void A_dip_and_its_significant_recovery_are_one_finding_ranked_after_open_drops_and_before_gains()
    {
        var dip = Change("survey", "nps", "channel", "app", "2026-03", "2026-04", -28.6, 8.4, 0.027, before: 14.8, after: -13.8);
        var recovery = Change("survey", "nps", "channel", "app", "2026-04", "2026-05", 27.3, 7.9, 0.023, before: -13.8, after: 13.5);
        var open = Change("trust", "trustDimension", "segment", "SMB", "2026-04", "2026-05", -13.2, 2.3, 4e-6, measure: "transparency", before: 65.3, after: 52.1);
        var gain = Change("reviews", "rating", "product", "rice_cooker", "2026-01", "2026-02", 0.5, 0.1, 0.001, unit: FindingUnit.Stars);
        var churnUp = Change("churn", "churn", null, "All", "2026-03", "2026-04", 3.0, 1.0, 0.04, higherIsBetter: false, unit: FindingUnit.PercentagePoints);
        var findings = KeyFindings.Select([gain, recovery, dip, churnUp, open], 0.95, "en");

        Assert.Equal([FindingTier.Open, FindingTier.Open, FindingTier.Recovered, FindingTier.Favourable], findings.Select(f => f.Tier));
        // Within the open tier the clearer signal first: SMB transparency (|z| 5.7) before churn (|z| 3).
        Assert.Same(open, findings[0].Change);
        Assert.Same(churnUp, findings[1].Change);
        Assert.Same(dip, findings[2].Change);
        Assert.Same(recovery, findings[2].Recovery);
        Assert.Same(gain, findings[3].Change);
        Assert.Equal([1, 2, 3, 4], findings.Select(f => f.Rank));
        Assert.Equal(
            "app channel: NPS fell 28.6 points from 2026-03 to 2026-04 (14.8 → −13.8; 95% interval of the change −45.1 to −12.1), then recovered 27.3 points in 2026-05.",
            findings[2].Sentence);
        Assert.Equal(
            "SMB segment: trust in transparency fell 13.2 points from 2026-04 to 2026-05 (65.3 → 52.1; 95% interval of the change −17.7 to −8.7).",
            findings[0].Sentence);
        Assert.Equal("All customers: monthly churn rose 3.0 percentage points from 2026-03 to 2026-04 (10.0% → 5.0%; 95% interval of the change 1.0 to 5.0).",
            findings[1].Sentence);
        Assert.Equal("Holm-adjusted p = 0.0270 over 40 comparisons", findings[2].Detail);
        Assert.Equal("Holm-adjusted p < 0.0001 over 40 comparisons", findings[0].Detail);
    }

    [Fact]
    public void Korean_sentences_keep_numbers_periods_and_groups()
    {
        var dip = Change("survey", "nps", "channel", "app", "2026-03", "2026-04", -28.6, 8.4, 0.027, before: 14.8, after: -13.8);
        var finding = Assert.Single(KeyFindings.Select([dip], 0.95, "ko"));
        Assert.Equal("app (channel) · 순추천지수 (NPS): 2026-03 → 2026-04 28.6점 하락 (14.8 → −13.8; 변화의 95% 신뢰구간 −45.1 ~ −12.1).", finding.Sentence);
        Assert.Equal("Holm 보정 p = 0.0270 (비교 40건)", finding.Detail);
        Assert.Equal("핵심 발견 (Key findings)", KeyFindings.Heading("ko"));
    }

    [Fact]
    public void Every_english_finding_word_has_a_korean_one()
    {
        Assert.Empty(FindingText.English.Keys.Except(FindingText.Korean.Keys));
        Assert.Empty(FindingText.Korean.Keys.Except(FindingText.English.Keys));
    }

    [Fact]
    public void No_minus_zero_in_sentences()
    {
        Assert.Equal("0.0", FindingText.Number(-0.04, 1));
        Assert.Equal("−0.1", FindingText.Number(-0.05, 1));
        Assert.Equal("−12.0", FindingText.Number(-12, 1));
    }

    [Fact]
    public void A_family_is_holm_adjusted_over_all_its_comparisons()
    {
        // Four two-proportion tests; the adjusted p-values are R's p.adjust(p, "holm") of the raw ones (closed form:
        // sorted ascending, p̃(i) = max over j ≤ i of min(1, (m − j + 1) p(j))).
        var family = new ChangeFamily();
        var tests = new[] { (30L, 100L, 50L, 100L), (45L, 100L, 50L, 100L), (20L, 100L, 45L, 100L), (48L, 100L, 50L, 100L) };
        foreach (var (x1, n1, x2, n2) in tests)
        {
            family.Add("service", "service", "firstContactResolution", null, null, "All", "a", "b", null, null, ProportionComparison.Compare(x1, n1, x2, n2), true,
                FindingUnit.PercentagePoints);
        }

        var candidates = family.Candidates();
        double[] raw = candidates.Select(c => c.P).ToArray();
        var order = raw.Select((p, i) => (p, i)).OrderBy(x => x.p).ToArray();
        var expected = new double[raw.Length];
        double running = 0;
        for (int j = 0; j < order.Length; j++)
        {
            running = Math.Max(running, Math.Min(1, (order.Length - j) * order[j].p));
            expected[order[j].i] = running;
        }

        Assert.All(candidates, c => Assert.Equal(4, c.Comparisons));
        for (int i = 0; i < raw.Length; i++)
        {
            Assert.Equal(expected[i], candidates[i].AdjustedP, 1e-12);
        }
    }

    [Fact]
    public void Service_counts_follow_the_rule_of_the_core_calculator()
    {
        // Tickets answered in time, late, still open past the target, still open within it; the shares must equal the core's
        // Wilson point estimates (x / n) for the same tickets and as-of time.
        var random = new Random(7);
        var start = new DateTime(2026, 4, 1, 9, 0, 0, DateTimeKind.Utc);
        var asOf = start.AddDays(3);
        var tickets = Enumerable.Range(0, 200).Select(_ =>
        {
            var opened = start.AddHours(random.NextDouble() * 70);
            DateTime? response = random.NextDouble() < 0.8 ? opened.AddHours(random.NextDouble() * 8) : null;
            DateTime? resolved = response is { } r && random.NextDouble() < 0.7 ? r.AddHours(random.NextDouble() * 40) : null;
            bool? first = random.NextDouble() < 0.5 ? resolved is not null && random.NextDouble() < 0.6 : null;
            return new SupportTicket(opened, response, resolved, first);
        }).ToList();
        var settings = new ServiceMetricsSettings { FirstResponseTarget = TimeSpan.FromHours(4), ResolutionTarget = TimeSpan.FromHours(24), AsOf = asOf };
        var core = new ServiceMetricsCalculator().Calculate(tickets, settings);
        var counts = ServiceCounts.Of(tickets, TimeSpan.FromHours(4), TimeSpan.FromHours(24), asOf);
        Assert.Equal(core.FirstContactResolution!.Value, (double)counts.FirstContact.Met / counts.FirstContact.Decided, 1e-15);
        Assert.Equal(core.FirstResponseSlaAttainment!.Value, (double)counts.ResponseSla.Met / counts.ResponseSla.Decided, 1e-15);
        Assert.Equal(core.ResolutionSlaAttainment!.Value, (double)counts.ResolutionSla.Met / counts.ResolutionSla.Decided, 1e-15);
    }
}
