using System.Globalization;
using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Estimation;
using TrustMetrics.Presentation;

namespace TrustMetrics.Survival;

/// <summary>
/// The difference of two restricted mean survival times to a common horizon τ (Royston &amp; Parmar 2013; Uno et al. 2014, R
/// <c>survRM2::rmst2</c>): Δ = RMST₁(τ) − RMST₂(τ), each RMST the area under its Kaplan–Meier curve with the variance of R
/// <c>print(survfit, rmean = τ)</c>; the groups are independent, so SE(Δ) = √(SE₁² + SE₂²), z = Δ/SE(Δ), two-sided p = 2Φ(−|z|) and
/// the interval Δ ± z₁₋α/₂·SE(Δ). In churn terms: how many more time units (of the first τ) a customer of the first segment stays.
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class RestrictedMeanDifference : ITabularResult
{
    internal RestrictedMeanDifference(double horizon, Estimate first, Estimate second, double level)
    {
        Horizon = horizon;
        First = first;
        Second = second;
        Difference = first.Value - second.Value;
        StandardError = Math.Sqrt((first.StandardError * first.StandardError) + (second.StandardError * second.StandardError));
        double half = CriticalValues.TwoSidedZ(level) * StandardError;
        Interval = new ConfidenceInterval(Difference - half, Difference + half, level, "normal");
        if (StandardError > 0)
        {
            Z = Difference / StandardError;
            PValue = CriticalValues.TwoSidedP(Z.Value);
        }
    }

    /// <summary>The horizon τ.</summary>
    public double Horizon { get; }

    /// <summary>RMST of the first group with its standard error (and its own interval, clipped to [0, τ]).</summary>
    public Estimate First { get; }

    /// <summary>RMST of the second group with its standard error.</summary>
    public Estimate Second { get; }

    /// <summary>Δ = RMST₁ − RMST₂, in the time unit of the data.</summary>
    public double Difference { get; }

    /// <summary>SE(Δ) = √(SE₁² + SE₂²).</summary>
    public double StandardError { get; }

    /// <summary>Δ ± z·SE(Δ) ("normal").</summary>
    public ConfidenceInterval Interval { get; }

    /// <summary>z = Δ/SE(Δ); null when SE(Δ) = 0 (no event before τ in either group: nothing varies, the test is undefined).</summary>
    public double? Z { get; }

    /// <summary>Two-sided p-value 2Φ(−|z|); null when <see cref="Z"/> is.</summary>
    public double? PValue { get; }

    /// <summary>"RMST difference to 60: 28.72 (SE 2.33), 95% CI 24.15 to 33.28, p = 7.1E-35" (invariant culture).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"RMST difference to {Horizon:G6}: {Difference:G4} (SE {StandardError:G3}), {InvariantText.Level(Interval.Level)} CI {Interval.Lower:G4} to {Interval.Upper:G4}, p = {(PValue is { } p ? p.ToString("G3", CultureInfo.InvariantCulture) : "undefined")}");

    ResultTable ITabularResult.ToTable() =>
        new ResultTable($"Restricted mean survival time to {InvariantText.Number(Horizon, "G6")}", "", "RMST", "SE", InvariantText.IntervalHeader(Interval))
            .Row("first", InvariantText.Number(First.Value, "G4"), InvariantText.Number(First.StandardError, "G3"), InvariantText.Bounds(First.Interval, "G4"))
            .Row("second", InvariantText.Number(Second.Value, "G4"), InvariantText.Number(Second.StandardError, "G3"), InvariantText.Bounds(Second.Interval, "G4"))
            .Row("difference", InvariantText.Number(Difference, "G4"), InvariantText.Number(StandardError, "G3"), InvariantText.Bounds(Interval, "G4"))
            .Note(ToString());
}
