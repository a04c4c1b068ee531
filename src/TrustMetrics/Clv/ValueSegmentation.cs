using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Estimation;
using TrustMetrics.Presentation;

namespace TrustMetrics.Clv;

/// <summary>
/// Customers' value profiles (RFM, tier, CLV, P(alive)) and the mean CLV of every RFM segment and tier with intervals. Built by
/// <see cref="ValueSegmenter"/>; immutable. Render with <see cref="ResultFormatter"/>.
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class ValueSegmentation : ITabularResult
{
    private readonly CustomerValue[] customers;
    private readonly SegmentValue[] segments;
    private readonly double level;

    internal ValueSegmentation(CustomerValue[] customers, SegmentValue[] segments, double level)
    {
        this.customers = customers;
        this.segments = segments;
        this.level = level;
    }

    /// <summary>One profile per customer, in input order.</summary>
    public IReadOnlyList<CustomerValue> Customers => customers;

    /// <summary>Mean CLV per non-empty RFM segment (rule-table order), then per tier ("vip", "at-risk vip", "other").</summary>
    public IReadOnlyList<SegmentValue> Segments => segments;

    /// <summary>
    /// Difference in mean CLV between two segments or tiers (first − second), Welch's t interval and test at the segmentation's level
    /// (customers treated as samples; parameter uncertainty not included).
    /// </summary>
    /// <param name="first">A segment or tier name from <see cref="Segments"/>.</param>
    /// <param name="second">Another one.</param>
    /// <exception cref="ArgumentException">A name is not one of <see cref="Segments"/>, or a segment has fewer than 2 customers.</exception>
    public DifferenceTest CompareMeanClv(string first, string second)
    {
        var a = Find(first, nameof(first));
        var b = Find(second, nameof(second));
        var (n1, m1, v1) = Moments(a.Segment);
        var (n2, m2, v2) = Moments(b.Segment);
        return MeanIntervals.Welch(n1, m1, v1, n2, m2, v2, level);
    }

    internal (long N, double Mean, double Variance) Moments(string segment)
    {
        var values = customers.Where(c => c.Rfm.Segment == segment || c.Tier == segment).Select(c => c.Clv).ToArray();
        var (mean, variance) = Statistics.Descriptive.MeanVariance(values);
        return (values.Length, mean, values.Length > 1 ? variance : 0.0);
    }

    private SegmentValue Find(string name, string paramName)
    {
        ArgumentNullException.ThrowIfNull(name, paramName);
        return segments.FirstOrDefault(s => s.Segment == name)
            ?? throw new ArgumentException($"{paramName} = \"{name}\" is not a segment here; the segments are {string.Join(", ", segments.Select(s => s.Segment))}.", paramName);
    }

    /// <summary>"Value segmentation of 2,357 customers: 236 vip, 57 at-risk vip" (invariant culture).</summary>
    public override string ToString() =>
        $"Value segmentation of {InvariantText.Count(customers.Length)} customers: {InvariantText.Count(customers.Count(c => c.Tier == "vip"))} vip, " +
        $"{InvariantText.Count(customers.Count(c => c.Tier == "at-risk vip"))} at-risk vip";

    ResultTable ITabularResult.ToTable()
    {
        var table = new ResultTable("Customer value", "segment", "customers", "mean CLV", InvariantText.Level(level) + " CI");
        foreach (var s in segments)
        {
            table.Row(s.Segment, InvariantText.Count(s.Customers), InvariantText.Number(s.MeanClv.Value, "0.00"), InvariantText.Bounds(s.MeanClv.Interval, "0.00"));
        }

        return table.Note("RFM segments from the R×F quintile grid, then tiers: vip = top share of predicted CLV; at-risk vip = top share of past value x·m̄ with low P(alive).");
    }
}
