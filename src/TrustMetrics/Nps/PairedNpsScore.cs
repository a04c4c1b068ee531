namespace TrustMetrics.Nps;

/// <summary>
/// The restricted-ML score statistic and score interval of the paired NPS difference. Δ depends on the nine cells only through
/// the change c = s₂ − s₁ ∈ {−2, …, 2} of each respondent, so with m_v respondents of change v (n in all) the multinomial
/// likelihood restricted to E[c] = Δ₀ is maximised by q_v = m_v / (n + λ(v − Δ₀)), λ the root of
/// g(λ) = Σ m_v (v − Δ₀)/(n + λ(v − Δ₀)) = 0 (decreasing in λ), with λ confined to where every denominator over the whole
/// support {−2, …, 2} is ≥ 0 (the KKT condition of the unobserved cells). When the root lies outside that range the MLE puts the
/// remaining mass R = λ·g(λ)/n on the unobserved extreme cell (promoter → detractor or detractor → promoter) — Tango's (1998)
/// restricted MLE for paired proportions is the two-category case. Score statistic
/// z(Δ₀) = (c̄ − Δ₀)/√(Σ q_v (v − Δ₀)²/n); interval {Δ₀ : |z(Δ₀)| ≤ z_{α/2}} by bisection (Lang 2008, score intervals for
/// multinomial parameters). Shares, not points.
/// </summary>
internal sealed class PairedNpsScore
{
    private const int Support = 5;
    private readonly double[] counts;
    private readonly double n;
    private readonly double mean;

    /// <summary>Counts by change v = −2 … 2 (index v + 2), total ≥ 1.</summary>
    public PairedNpsScore(double[] changeCounts)
    {
        counts = changeCounts;
        n = changeCounts.Sum();
        for (int k = 0; k < Support; k++)
        {
            mean += counts[k] * (k - 2) / n;
        }
    }

    /// <summary>Respondents by change v = s₂ − s₁ (index v + 2) of a tally.</summary>
    public static double[] ChangeCounts(PairedNpsTally tally)
    {
        var byChange = new double[Support];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                byChange[j - i + 2] += tally.Cell(i, j);
            }
        }

        return byChange;
    }

    /// <summary>z(Δ₀): +∞ / −∞ at or beyond the ends of [−2, 2] (when the estimate is not there), 0 when Δ₀ equals the estimate.</summary>
    public double Statistic(double delta0)
    {
        if (delta0 == mean)
        {
            return 0.0;
        }

        if (delta0 <= -2.0 || delta0 >= 2.0)
        {
            return delta0 < mean ? double.PositiveInfinity : double.NegativeInfinity;
        }

        Span<double> a = stackalloc double[Support];
        for (int k = 0; k < Support; k++)
        {
            a[k] = k - 2 - delta0;
        }

        double lo = -n / a[Support - 1], hi = -n / a[0];
        double lambda;
        int end = -1;
        if (counts[0] == 0 && G(hi, a) >= 0)
        {
            lambda = hi;
            end = 0;
        }
        else if (counts[Support - 1] == 0 && G(lo, a) <= 0)
        {
            lambda = lo;
            end = Support - 1;
        }
        else
        {
            lambda = Root(lo, hi, a);
        }

        double variance = 0;
        for (int k = 0; k < Support; k++)
        {
            if (counts[k] > 0)
            {
                variance += counts[k] / (n + (lambda * a[k])) * a[k] * a[k];
            }
        }

        if (end >= 0)
        {
            double remainder = Math.Max(0.0, lambda * G(lambda, a) / n);
            variance += remainder * a[end] * a[end];
        }

        double diff = mean - delta0;
        return variance > 0 ? diff / Math.Sqrt(variance / n) : Math.CopySign(double.PositiveInfinity, diff);
    }

    /// <summary>The score interval {Δ₀ : |z(Δ₀)| ≤ <paramref name="critical"/>} in shares, inside [−2, 2]; it always contains the estimate.</summary>
    public (double Lower, double Upper) Interval(double critical)
    {
        double lower = mean <= -2.0 ? -2.0 : Bound(-2.0, mean, critical);
        double upper = mean >= 2.0 ? 2.0 : Bound(2.0, mean, -critical);
        return (lower, upper);
    }

    /// <summary>Bisection between <paramref name="outside"/> (|z| = ∞) and the estimate (z = 0) for z = <paramref name="target"/>; returns the inner end.</summary>
    private double Bound(double outside, double inside, double target)
    {
        bool rising = target > 0; // the lower bound: z decreases from +∞ at −2 to 0 at the estimate
        for (int iteration = 0; iteration < 200; iteration++)
        {
            double mid = 0.5 * (outside + inside);
            if (mid == outside || mid == inside)
            {
                break;
            }

            double z = Statistic(mid);
            if (rising ? z > target : z < target)
            {
                outside = mid;
            }
            else
            {
                inside = mid;
            }
        }

        return inside;
    }

    private double G(double lambda, ReadOnlySpan<double> a)
    {
        double g = 0;
        for (int k = 0; k < Support; k++)
        {
            if (counts[k] > 0)
            {
                g += counts[k] * a[k] / (n + (lambda * a[k]));
            }
        }

        return g;
    }

    /// <summary>The root of the decreasing g on (lo, hi): Newton steps kept inside a shrinking bracket, bisection when a step leaves it.</summary>
    private double Root(double lo, double hi, ReadOnlySpan<double> a)
    {
        double lambda = 0;
        for (int iteration = 0; iteration < 300; iteration++)
        {
            double g = 0, slope = 0;
            for (int k = 0; k < Support; k++)
            {
                if (counts[k] > 0)
                {
                    double term = a[k] / (n + (lambda * a[k]));
                    g += counts[k] * term;
                    slope -= counts[k] * term * term;
                }
            }

            if (g == 0)
            {
                return lambda;
            }

            if (g > 0)
            {
                lo = lambda;
            }
            else
            {
                hi = lambda;
            }

            double next = lambda - (g / slope);
            if (!(next > lo && next < hi))
            {
                next = 0.5 * (lo + hi);
            }

            if (Math.Abs(next - lambda) <= 1e-15 * (1.0 + Math.Abs(lambda)) || next == lo || next == hi)
            {
                return next;
            }

            lambda = next;
        }

        return lambda;
    }
}
