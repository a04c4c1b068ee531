using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Estimation;
using TrustMetrics.Presentation;

namespace TrustMetrics.Weighting;

/// <summary>
/// An estimate on raked weights (<see cref="RakedWeights.Nps"/>, <see cref="RakedWeights.TopBox"/>, <see cref="RakedWeights.Mean"/>):
/// the weighted value, its standard error as R <c>survey::svymean</c> computes it on a <c>survey::rake</c> design (the raking's
/// calibration adjustment included) with the Wald interval, and for comparison the fixed-weight linearization SE.
/// Render with <see cref="ResultFormatter"/>.
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class RakedEstimate : ITabularResult
{
    internal RakedEstimate(string statistic, Estimate score, double fixedWeightStandardError, int count, double effectiveSampleSize)
    {
        Statistic = statistic;
        Score = score;
        FixedWeightStandardError = fixedWeightStandardError;
        Count = count;
        EffectiveSampleSize = effectiveSampleSize;
    }

    /// <summary>What was estimated: "NPS", "top box ≥ 4 (%)" or "mean".</summary>
    public string Statistic { get; }

    /// <summary>The weighted value with the raked-design standard error and its Wald interval (SE +∞ and an unbounded interval for one respondent).</summary>
    public Estimate Score { get; }

    /// <summary>The linearization SE treating the raked weights as fixed (R <c>svymean</c> on <c>svydesign(ids = ~1, weights = ~w)</c>).</summary>
    public double FixedWeightStandardError { get; }

    /// <summary>Number of respondents.</summary>
    public int Count { get; }

    /// <summary>Kish effective sample size of the weights.</summary>
    public double EffectiveSampleSize { get; }

    /// <summary>This estimate with value, standard errors and interval multiplied by <paramref name="factor"/> (e.g. share → percent).</summary>
    internal RakedEstimate Scaled(double factor) =>
        new(Statistic, Score.Scale(factor), FixedWeightStandardError * factor, Count, EffectiveSampleSize);

    /// <summary>"NPS 14.06 (SE 1.294, 95% CI 11.52 to 16.6, wald), raked" (invariant culture).</summary>
    public override string ToString() => $"{Statistic} {Score}, raked";

    ResultTable ITabularResult.ToTable() =>
        new ResultTable("Raked estimate", "statistic", "estimate", "SE (raked)", "SE (fixed weights)", InvariantText.IntervalHeader(Score.Interval), "n", "n_eff")
            .Row(Statistic, InvariantText.Significant(Score.Value), InvariantText.Significant(Score.StandardError), InvariantText.Significant(FixedWeightStandardError),
                InvariantText.Bounds(Score.Interval), InvariantText.Count(Count), InvariantText.Number(EffectiveSampleSize, "#,0.0"))
            .Note("SE as R survey::svymean on a survey::rake design (calibration-adjusted linearization); Wald interval.");
}
