using TrustMetrics.Estimation;
using TrustMetrics.Scales;

namespace TrustMetrics.Reviews;

/// <summary>
/// One item's ratings: the mean with a Student-t interval (x̄ ± t_{n−1}·s/√n, clipped to the scale), the positive share
/// (ratings ≥ <see cref="PositiveThreshold"/>, a share in [0, 1]) with a Wilson interval, the Bayesian average under
/// <see cref="Prior"/> (survey-metrics.md §3.1), the Dirichlet sort key (§3.4) and the distribution in <see cref="Tally"/>.
/// </summary>
/// <param name="Tally">The rating distribution.</param>
/// <param name="PositiveThreshold">Lowest rating counted as positive.</param>
/// <param name="Mean">Mean rating with its t interval.</param>
/// <param name="PositiveShare">Share of ratings ≥ the threshold with its Wilson interval.</param>
/// <param name="Prior">The prior the Bayesian average used.</param>
/// <param name="BayesianAverage">(n·x̄ + m·C)/(n + m).</param>
/// <param name="DirichletScore">Posterior mean of the expected rating minus z posterior SDs, z = Φ⁻¹(level) (one-sided).</param>
public sealed record RatingResult(
    ScaleTally Tally, int PositiveThreshold, Estimate Mean, Estimate PositiveShare, RatingPrior Prior, double BayesianAverage, double DirichletScore)
{
    /// <summary>Number of ratings n.</summary>
    public long Count => Tally.Count;

    /// <summary>Number of ratings ≥ <see cref="PositiveThreshold"/>.</summary>
    public long PositiveCount => Tally.CountAtLeast(PositiveThreshold);

    /// <summary>The Wilson lower bound of the positive share (Evan Miller's sort key): <c>PositiveShare.Interval.Lower</c>.</summary>
    public double WilsonLowerBound => PositiveShare.Interval.Lower;

    /// <summary>A one-line summary.</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"mean {Mean.Value:0.00} [{Mean.Interval.Lower:0.00}, {Mean.Interval.Upper:0.00}], Bayesian {BayesianAverage:0.00}, positive {PositiveShare.Value:P1} (n = {Count})");
}
