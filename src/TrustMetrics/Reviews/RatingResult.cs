using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Estimation;
using TrustMetrics.Presentation;
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
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed record RatingResult(
    ScaleTally Tally, int PositiveThreshold, Estimate Mean, Estimate PositiveShare, RatingPrior Prior, double BayesianAverage, double DirichletScore) : ITabularResult
{
    /// <summary>Number of ratings n.</summary>
    public long Count => Tally.Count;

    /// <summary>Number of ratings ≥ <see cref="PositiveThreshold"/>.</summary>
    public long PositiveCount => Tally.CountAtLeast(PositiveThreshold);

    /// <summary>The Wilson lower bound of the positive share (Evan Miller's sort key): <c>PositiveShare.Interval.Lower</c>.</summary>
    public double WilsonLowerBound => PositiveShare.Interval.Lower;

    /// <summary>"mean 4.14 [4.09, 4.19], Bayesian 4.14, positive 76.2% [74.2%, 78.1%] (95%, n = 1,800)", invariant culture.</summary>
    public override string ToString() =>
        $"mean {InvariantText.Number(Mean.Value, "0.00")} [{InvariantText.Number(Mean.Interval.Lower, "0.00")}, {InvariantText.Number(Mean.Interval.Upper, "0.00")}], " +
        $"Bayesian {InvariantText.Number(BayesianAverage, "0.00")}, positive {InvariantText.Percent(PositiveShare.Value)} [{InvariantText.Percent(PositiveShare.Interval.Lower)}, " +
        $"{InvariantText.Percent(PositiveShare.Interval.Upper)}] ({InvariantText.Level(Mean.Interval.Level)}, n = {InvariantText.Count(Count)})";

    /// <summary>
    /// Count, mean with its t interval, Bayesian average, positive share with its Wilson interval, Wilson lower bound and Dirichlet
    /// score, with the distribution and prior as notes, as an HTML table (one well-formed <c>&lt;div&gt;</c>, text HTML-escaped, invariant culture).
    /// </summary>
    public string ToHtml() => ((ITabularResult)this).ToTable().ToHtml();

    /// <summary>The same table as <see cref="ToHtml"/> as a markdown pipe table (cells escaped, invariant culture).</summary>
    public string ToMarkdown() => ((ITabularResult)this).ToTable().ToMarkdown();

    ResultTable ITabularResult.ToTable()
    {
        var table = RatingTables.Create("Star rating", Mean.Interval, rank: false);
        RatingTables.AddRow(table, null, null, this);
        return RatingTables.Notes(table, Tally.Scale, PositiveThreshold, Prior)
            .Note($"Distribution {InvariantText.Count(Tally.Scale.Min)}…{InvariantText.Count(Tally.Scale.Max)}: {string.Join(", ", Tally.Counts.ToArray().Select(InvariantText.Count))}.");
    }
}
