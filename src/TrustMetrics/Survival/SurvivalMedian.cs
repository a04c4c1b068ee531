namespace TrustMetrics.Survival;

/// <summary>
/// Median survival time of a Kaplan–Meier curve with its confidence interval (Brookmeyer &amp; Crowley 1982 as R
/// <c>quantile.survfit</c> computes it). <see cref="Time"/> is the first time with Ŝ(t) ≤ ½ (lifelines' rule; where Ŝ is exactly
/// ½ over an interval R instead reports the midpoint of that interval, see docs/survival.md). <see cref="Lower"/> is the first
/// time the lower pointwise band is ≤ ½ and <see cref="Upper"/> the first time the upper band is ≤ ½. "Exactly" allows R's
/// tolerance √ε ≈ 1.5·10⁻⁸. A value that is never reached within the follow-up is null (R prints NA, lifelines ∞).
/// </summary>
/// <param name="Time">The median survival time; null when Ŝ never falls to ½.</param>
/// <param name="Lower">Lower confidence limit; null when the lower band never falls to ½.</param>
/// <param name="Upper">Upper confidence limit; null when the upper band never falls to ½ (at times with Ŝ &gt; 0, as in R).</param>
/// <param name="Level">Confidence level of the bands.</param>
/// <param name="Method">The pointwise interval method of the bands.</param>
public readonly record struct SurvivalMedian(double? Time, double? Lower, double? Upper, double Level, SurvivalIntervalMethod Method)
{
    /// <summary>True when the curve falls to ½ within the follow-up.</summary>
    public bool IsReached => Time.HasValue;

    /// <summary>"median 58 (95% CI 56 to 60, log-log)", "–" for a bound that is not reached, or "median not reached" (invariant culture).</summary>
    public override string ToString() => Time is { } t
        ? $"median {Presentation.InvariantText.Number(t, "G6")} ({Presentation.InvariantText.Level(Level)} CI {Presentation.InvariantText.Optional(Lower, "G6")} to {Presentation.InvariantText.Optional(Upper, "G6")}, {SurvivalIntervals.Name(Method)})"
        : "median not reached";
}
