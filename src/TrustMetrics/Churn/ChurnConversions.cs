using MathNet.Numerics;
using TrustMetrics.Estimation;
using TrustMetrics.Statistics;

namespace TrustMetrics.Churn;

/// <summary>
/// Converting churn rates between period lengths by compounding (survey-metrics.md §5.2): with a constant per-period churn
/// rate m, the churn over k periods is 1 − (1 − m)^k, so annual = 1 − (1 − m)^12 and monthly = 1 − (1 − a)^(1/12).
/// Multiplying by 12 is wrong because the base shrinks every month. All conversions assume the rate stays constant.
/// </summary>
public static class ChurnConversions
{
    /// <summary>1 − (1 − <paramref name="rate"/>)^<paramref name="periods"/>, computed as −expm1(k·log1p(−m)) so small rates keep their digits (MathNet log1p, Kahan's expm1).</summary>
    /// <param name="rate">Churn rate per period, in [0, 1].</param>
    /// <param name="periods">Number of periods k &gt; 0 (fractional allowed: 1/12 turns an annual rate into a monthly one).</param>
    /// <exception cref="ArgumentOutOfRangeException">The rate is outside [0, 1] or NaN, or periods is not a finite positive number.</exception>
    public static double Compound(double rate, double periods)
    {
        CheckRate(rate);
        Guard.Positive(periods);
        return rate == 1.0 ? 1.0 : -PreciseMath.Expm1(periods * PreciseMath.Log1p(-rate));
    }

    /// <summary>
    /// Compounds a churn estimate over <paramref name="periods"/>: the value and both interval bounds are mapped through the
    /// increasing function m ↦ 1 − (1 − m)^k (so the interval keeps its coverage), the standard error by the delta method
    /// k·(1 − m)^(k−1)·SE.
    /// </summary>
    /// <param name="churn">A churn rate per period with its interval, e.g. <see cref="PeriodChurn.Churn"/>.</param>
    /// <param name="periods">Number of periods k &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">The rate is outside [0, 1], its standard error or a bound is NaN, or periods is not a finite positive number.</exception>
    public static Estimate Compound(Estimate churn, double periods)
    {
        double value = Compound(churn.Value, periods);
        double slope = periods * Math.Pow(1.0 - churn.Value, periods - 1.0);
        var interval = churn.Interval.WithBounds(
            Compound(Math.Clamp(churn.Interval.Lower, 0.0, 1.0), periods),
            Compound(Math.Clamp(churn.Interval.Upper, 0.0, 1.0), periods));
        return new Estimate(value, double.IsFinite(slope) ? slope * churn.StandardError : double.PositiveInfinity, interval);
    }

    /// <summary>Annual churn from a constant monthly rate: 1 − (1 − m)^12 (0.02 → 0.2152832763, not 0.24).</summary>
    /// <param name="monthlyRate">Monthly churn in [0, 1].</param>
    public static double AnnualFromMonthly(double monthlyRate) => Compound(monthlyRate, 12.0);

    /// <summary>Monthly churn from an annual rate: 1 − (1 − a)^(1/12) (0.10 → 0.008741610955).</summary>
    /// <param name="annualRate">Annual churn in [0, 1].</param>
    public static double MonthlyFromAnnual(double annualRate) => Compound(annualRate, 1.0 / 12.0);

    /// <summary>
    /// Expected lifetime 1/m periods under a constant per-period churn rate m (geometric lifetime; Lean Analytics: 2.5% monthly
    /// churn → 40 months). +∞ when m = 0. Heterogeneous cohorts churn less as they age, so 1/m of a young cohort understates
    /// lifetimes: see <see cref="ShiftedBetaGeometric"/>.
    /// </summary>
    /// <param name="rate">Churn rate per period in [0, 1].</param>
    public static double ExpectedLifetime(double rate)
    {
        CheckRate(rate);
        return rate == 0 ? double.PositiveInfinity : 1.0 / rate;
    }

    private static void CheckRate(double rate, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(rate))] string? paramName = null)
    {
        if (!(rate >= 0 && rate <= 1))
        {
            throw new ArgumentOutOfRangeException(paramName, rate, $"A churn rate must lie in [0, 1]; got {Guard.Format(rate)}.");
        }
    }
}
