using TrustMetrics.Estimation;
using TrustMetrics.Presentation;

namespace TrustMetrics.Clv;

/// <summary>
/// Mean predicted CLV of one segment (an RFM named segment or a tier) with its Student-t interval x̄ ± t_{n−1}·s/√n over the segment's
/// customers (customers treated as a sample; the model's parameter uncertainty is not included). Built by <see cref="ValueSegmenter"/>.
/// </summary>
public sealed class SegmentValue
{
    internal SegmentValue(string segment, long customers, Estimate meanClv)
    {
        Segment = segment;
        Customers = customers;
        MeanClv = meanClv;
    }

    /// <summary>Segment or tier name.</summary>
    public string Segment { get; }

    /// <summary>Customers in it (≥ 1).</summary>
    public long Customers { get; }

    /// <summary>Mean CLV with standard error and t interval; a single customer has SE +∞ and the interval (−∞, +∞).</summary>
    public Estimate MeanClv { get; }

    /// <summary>"champions: 120 customers, mean CLV 310.2 [280.1, 340.3]" (invariant culture).</summary>
    public override string ToString() =>
        $"{Segment}: {InvariantText.Count(Customers)} customers, mean CLV {InvariantText.Number(MeanClv.Value, "0.0")} {InvariantText.Interval(MeanClv.Interval, "0.0")}";
}
