using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Estimation;
using TrustMetrics.Presentation;
using TrustMetrics.Scales;

namespace TrustMetrics.Reviews;

/// <summary>
/// One item's ratings: the mean with a Student-t interval (x̄ ± t_{n−1}·s/√n, clipped to the scale), the positive share
/// (ratings ≥ <see cref="PositiveThreshold"/>, a share in [0, 1]) with a Wilson interval, the Bayesian average under
/// <see cref="Prior"/> (survey-metrics.md §3.1), the Dirichlet sort key (§3.4) and the distribution in <see cref="Tally"/>. Rendered
/// by <see cref="ResultFormatter"/>.
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class RatingResult : ITabularResult
{
    internal RatingResult(ScaleTally tally, int positiveThreshold, Estimate mean, Estimate positiveShare, RatingPrior prior, double bayesianAverage, double dirichletScore)
    {
        Tally = tally;
        PositiveThreshold = positiveThreshold;
        Mean = mean;
        PositiveShare = positiveShare;
        Prior = prior;
        BayesianAverage = bayesianAverage;
        DirichletScore = dirichletScore;
    }

    /// <summary>The rating distribution (n = <c>Tally.Count</c>; positive ratings = <c>Tally.CountAtLeast(PositiveThreshold)</c>).</summary>
    public ScaleTally Tally { get; }

    /// <summary>Lowest rating counted as positive.</summary>
    public int PositiveThreshold { get; }

    /// <summary>Mean rating with its t interval.</summary>
    public Estimate Mean { get; }

    /// <summary>Share of ratings ≥ the threshold with its Wilson interval.</summary>
    public Estimate PositiveShare { get; }

    /// <summary>The prior the Bayesian average used.</summary>
    public RatingPrior Prior { get; }

    /// <summary>(n·x̄ + m·C)/(n + m).</summary>
    public double BayesianAverage { get; }

    /// <summary>Posterior mean of the expected rating minus z posterior SDs, z = Φ⁻¹(level) (one-sided).</summary>
    public double DirichletScore { get; }

    /// <summary>Number of ratings n.</summary>
    internal long Count => Tally.Count;

    /// <summary>Number of ratings ≥ <see cref="PositiveThreshold"/>.</summary>
    internal long PositiveCount => Tally.CountAtLeast(PositiveThreshold);

    /// <summary>The Wilson lower bound of the positive share (Evan Miller's sort key): <c>PositiveShare.Interval.Lower</c>.</summary>
    public double WilsonLowerBound => PositiveShare.Interval.Lower;

    /// <summary>"mean 4.14 [4.09, 4.19], Bayesian 4.14, positive 76.2% [74.2%, 78.1%] (95%, n = 1,800)", invariant culture.</summary>
    public override string ToString() =>
        $"mean {InvariantText.Number(Mean.Value, "0.00")} [{InvariantText.Number(Mean.Interval.Lower, "0.00")}, {InvariantText.Number(Mean.Interval.Upper, "0.00")}], " +
        $"Bayesian {InvariantText.Number(BayesianAverage, "0.00")}, positive {InvariantText.Percent(PositiveShare.Value)} [{InvariantText.Percent(PositiveShare.Interval.Lower)}, " +
        $"{InvariantText.Percent(PositiveShare.Interval.Upper)}] ({InvariantText.Level(Mean.Interval.Level)}, n = {InvariantText.Count(Count)})";

    ResultTable ITabularResult.ToTable()
    {
        var table = RatingTables.Create("Star rating", Mean.Interval, rank: false);
        RatingTables.AddRow(table, null, null, this);
        return RatingTables.Notes(table, Tally.Scale, PositiveThreshold, Prior)
            .Note($"Distribution {InvariantText.Count(Tally.Scale.Min)}…{InvariantText.Count(Tally.Scale.Max)}: {string.Join(", ", Tally.Counts.ToArray().Select(InvariantText.Count))}.");
    }
}
