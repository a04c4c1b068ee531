using TrustMetrics.Scales;

namespace TrustMetrics.Reviews;

/// <summary>
/// The prior of the Bayesian average (IMDb weighted rating): worth <see cref="Weight"/> pseudo-ratings at <see cref="Mean"/>.
/// WR = (v·R + m·C)/(v + m) with C = <see cref="Mean"/> and m = <see cref="Weight"/> (survey-metrics.md §3.1).
/// The constructor checks both numbers; <c>default</c> is (0, 0), no shrinkage.
/// </summary>
public readonly struct RatingPrior
{
    /// <summary>A prior worth <paramref name="weight"/> ratings at <paramref name="mean"/>.</summary>
    /// <param name="mean">C, the prior mean rating (typically the mean of all ratings across items); finite.</param>
    /// <param name="weight">m ≥ 0, the number of pseudo-ratings the prior is worth; 0 means no shrinkage; finite.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mean"/> is NaN or infinite, or <paramref name="weight"/> is negative, NaN or infinite.</exception>
    public RatingPrior(double mean, double weight)
    {
        Guard.Finite(mean);
        if (!(weight >= 0) || !double.IsFinite(weight))
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, $"The prior weight must be a finite number ≥ 0; got {Guard.Format(weight)}.");
        }

        Mean = mean;
        Weight = weight;
    }

    /// <summary>C, the prior mean rating.</summary>
    public double Mean { get; }

    /// <summary>m ≥ 0, the number of pseudo-ratings the prior is worth.</summary>
    public double Weight { get; }

    /// <summary>
    /// The default prior of a set of items: C = the mean of all their ratings pooled, m = the median number of ratings per item
    /// (so an item with a typical number of ratings is pulled halfway to C; the median keeps one very popular item from setting m).
    /// </summary>
    /// <param name="items">Rating distributions of the items; empty items count toward the median.</param>
    /// <exception cref="ArgumentException">No item has any rating, or the tallies use different scales.</exception>
    public static RatingPrior Pooled(IEnumerable<ScaleTally> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        double sum = 0;
        long total = 0;
        RatingScale? scale = null;
        var counts = new List<long>();
        foreach (var item in items)
        {
            ArgumentNullException.ThrowIfNull(item, nameof(items));
            if (scale is RatingScale s && s != item.Scale)
            {
                throw new ArgumentException($"Every item must use the same scale; found {s} and {item.Scale}.", nameof(items));
            }

            scale = item.Scale;
            counts.Add(item.Count);
            total += item.Count;
            for (int k = 0; k < item.Counts.Length; k++)
            {
                sum += (double)item.Counts[k] * (item.Scale.Min + k);
            }
        }

        if (total == 0)
        {
            throw Guard.Empty("A pooled rating prior", nameof(items));
        }

        counts.Sort();
        int middle = counts.Count / 2;
        double median = counts.Count % 2 == 1 ? counts[middle] : (counts[middle - 1] + (double)counts[middle]) / 2.0;
        return new RatingPrior(sum / total, median);
    }

    /// <summary>"C = 4.14, m = 120", invariant culture.</summary>
    public override string ToString() =>
        $"C = {Presentation.InvariantText.Number(Mean, "0.###")}, m = {Presentation.InvariantText.Number(Weight, "0.###")}";
}
