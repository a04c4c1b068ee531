using TrustMetrics.Estimation;

namespace TrustMetrics.Nps;

/// <summary>
/// Sample sizes for NPS surveys, from inverting the Wald interval: n = ⌈z²·V/d²⌉ with the planning variance
/// V = pP + pD − (pP − pD)² (V = 1 is the worst case), and for comparing two groups n per group =
/// ⌈(z_{α/2} + z_β)²(V₁ + V₂)/δ²⌉. Margins and differences are in points (a margin of 5 means ±5 points).
/// </summary>
public static class NpsSampleSize
{
    /// <summary>Responses needed so the Wald interval's half-width is at most <paramref name="marginOfError"/> points.</summary>
    /// <param name="marginOfError">Target half-width in points, in (0, 200].</param>
    /// <param name="promoterShare">Assumed share of promoters in [0, 1].</param>
    /// <param name="detractorShare">Assumed share of detractors in [0, 1], with promoters + detractors ≤ 1.</param>
    /// <param name="confidenceLevel">Strictly between 0 and 1.</param>
    public static long ForMarginOfError(double marginOfError, double promoterShare, double detractorShare, double confidenceLevel = 0.95)
    {
        CheckPoints(marginOfError);
        Guard.ConfidenceLevel(confidenceLevel);
        double v = PlanningVariance(promoterShare, detractorShare);
        double z = CriticalValues.TwoSidedZ(confidenceLevel), d = marginOfError / 100.0;
        return Ceiling(z * z * v / (d * d));
    }

    /// <summary>The worst case (V = 1: half promoters, half detractors) of <see cref="ForMarginOfError"/>.</summary>
    /// <param name="marginOfError">Target half-width in points.</param>
    /// <param name="confidenceLevel">Strictly between 0 and 1.</param>
    public static long ForMarginOfErrorWorstCase(double marginOfError, double confidenceLevel = 0.95) =>
        ForMarginOfError(marginOfError, 0.5, 0.5, confidenceLevel);

    /// <summary>
    /// Responses per group to detect a difference of <paramref name="difference"/> points between two groups with the
    /// given distributions, two-sided test at 1 − <paramref name="confidenceLevel"/>, with <paramref name="power"/>.
    /// </summary>
    /// <param name="difference">Smallest difference worth detecting, in points (&gt; 0).</param>
    /// <param name="promoterShare1">Assumed promoter share of group 1.</param>
    /// <param name="detractorShare1">Assumed detractor share of group 1.</param>
    /// <param name="promoterShare2">Assumed promoter share of group 2.</param>
    /// <param name="detractorShare2">Assumed detractor share of group 2.</param>
    /// <param name="confidenceLevel">1 − α, strictly between 0 and 1.</param>
    /// <param name="power">1 − β, strictly between 0 and 1 (0.8 by default).</param>
    public static long ForComparison(double difference, double promoterShare1, double detractorShare1,
        double promoterShare2, double detractorShare2, double confidenceLevel = 0.95, double power = 0.8)
    {
        CheckPoints(difference);
        Guard.ConfidenceLevel(confidenceLevel);
        if (!(power > 0 && power < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(power), power, $"power must lie strictly between 0 and 1; got {Guard.Format(power)}.");
        }

        double v = PlanningVariance(promoterShare1, detractorShare1) + PlanningVariance(promoterShare2, detractorShare2);
        double z = CriticalValues.TwoSidedZ(confidenceLevel) + Statistics.Distributions.NormalQuantile(power);
        double delta = difference / 100.0;
        return Ceiling(z * z * v / (delta * delta));
    }

    private static double PlanningVariance(double promoterShare, double detractorShare,
        [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(promoterShare))] string? name = null,
        [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(detractorShare))] string? detractorName = null)
    {
        if (!(promoterShare >= 0 && promoterShare <= 1))
        {
            throw new ArgumentOutOfRangeException(name, promoterShare, $"{name} must lie in [0, 1]; got {Guard.Format(promoterShare)}.");
        }

        if (!(detractorShare >= 0 && detractorShare <= 1 - promoterShare + 1e-12))
        {
            throw new ArgumentOutOfRangeException(detractorName, detractorShare,
                $"{detractorName} must lie in [0, 1 − promoter share = {Guard.Format(1 - promoterShare)}]; got {Guard.Format(detractorShare)}.");
        }

        double v = promoterShare + detractorShare - (promoterShare - detractorShare) * (promoterShare - detractorShare);
        if (v <= 0)
        {
            throw new ArgumentOutOfRangeException(name, promoterShare,
                "The assumed distribution has every respondent in one class (variance 0), so no sample size follows; assume some spread.");
        }

        return v;
    }

    private static void CheckPoints(double points, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(points))] string? name = null)
    {
        if (!(points > 0 && points <= 200))
        {
            throw new ArgumentOutOfRangeException(name, points, $"{name} is in NPS points and must lie in (0, 200]; got {Guard.Format(points)}.");
        }
    }

    // Guards against 937.0000000001 rounding up to 938 when z²V/d² is an integer in exact arithmetic.
    private static long Ceiling(double x) => (long)Math.Ceiling(x - 1e-9 * Math.Max(1.0, x));
}
