namespace TrustMetrics.Survival;

/// <summary>
/// Median survival time of a Kaplan–Meier curve with its confidence interval (Brookmeyer &amp; Crowley 1982 as R
/// <c>quantile.survfit</c> computes it). <see cref="Time"/> is the first time with Ŝ(t) ≤ ½ (lifelines' rule; where Ŝ is exactly
/// ½ over an interval R instead reports the midpoint of that interval, see docs/survival.md). <see cref="Lower"/> is the first
/// time the lower pointwise band is ≤ ½ and <see cref="Upper"/> the first time the upper band is ≤ ½. "Exactly" allows R's
/// tolerance √ε ≈ 1.5·10⁻⁸. A value that is never reached within the follow-up is null (R prints NA, lifelines ∞).
/// </summary>
public sealed class SurvivalMedian
{
    internal SurvivalMedian(double? time, double? lower, double? upper, double level, SurvivalIntervalMethod method)
    {
        Time = time;
        Lower = lower;
        Upper = upper;
        Level = level;
        Method = method;
    }

    /// <summary>The median survival time; null when Ŝ never falls to ½.</summary>
    public double? Time { get; }

    /// <summary>Lower confidence limit; null when the lower band never falls to ½.</summary>
    public double? Lower { get; }

    /// <summary>Upper confidence limit; null when the upper band never falls to ½ (at times with Ŝ &gt; 0, as in R).</summary>
    public double? Upper { get; }

    /// <summary>Confidence level of the bands.</summary>
    public double Level { get; }

    /// <summary>The pointwise interval method of the bands.</summary>
    public SurvivalIntervalMethod Method { get; }

    /// <summary>True when the curve falls to ½ within the follow-up.</summary>
    public bool IsReached => Time.HasValue;

    /// <summary>"median 58 (95% CI 56 to 60, log-log)", "–" for a bound that is not reached, or "median not reached" (invariant culture).</summary>
    public override string ToString() => Time is { } t
        ? $"median {Presentation.InvariantText.Number(t, "G6")} ({Presentation.InvariantText.Level(Level)} CI {Presentation.InvariantText.Optional(Lower, "G6")} to {Presentation.InvariantText.Optional(Upper, "G6")}, {SurvivalIntervals.Name(Method)})"
        : "median not reached";
}
