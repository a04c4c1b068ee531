using TrustMetrics.Scales;

namespace TrustMetrics.Reviews;

/// <summary>
/// The prior of the Bayesian average (IMDb weighted rating): worth <see cref="Weight"/> pseudo-ratings at <see cref="Mean"/>.
/// WR = (v·R + m·C)/(v + m) with C = <see cref="Mean"/> and m = <see cref="Weight"/> (survey-metrics.md §3.1).
/// </summary>
/// <param name="Mean">C, the prior mean rating (typically the mean of all ratings across items).</param>
/// <param name="Weight">m ≥ 0, the number of pseudo-ratings the prior is worth; 0 means no shrinkage.</param>
public readonly record struct RatingPrior(double Mean, double Weight)
{
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

    internal void Validate(string paramName)
    {
        if (!double.IsFinite(Mean))
        {
            throw new ArgumentOutOfRangeException(paramName, Mean, $"The prior mean must be finite; got {Guard.Format(Mean)}.");
        }

        if (!(Weight >= 0) || !double.IsFinite(Weight))
        {
            throw new ArgumentOutOfRangeException(paramName, Weight, $"The prior weight must be a finite number ≥ 0; got {Guard.Format(Weight)}.");
        }
    }
}
