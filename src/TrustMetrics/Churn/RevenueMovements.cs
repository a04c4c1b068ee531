using System.Numerics;

namespace TrustMetrics.Churn;

/// <summary>
/// Recurring-revenue movements of one period for the customers present at its start (survey-metrics.md §5.3), on one basis
/// throughout (MRR or ARR): starting revenue M0, churned revenue C (full cancellations), contraction D (downgrades), expansion X
/// (upgrades) and reactivation R (revenue of returning former customers). New customers are excluded. Movements of disjoint
/// customer sets add with <c>+</c>, so per-shard movements merge.
/// </summary>
/// <param name="StartingRevenue">M0 &gt; 0.</param>
/// <param name="Churned">C ≥ 0.</param>
/// <param name="Contraction">D ≥ 0.</param>
/// <param name="Expansion">X ≥ 0.</param>
/// <param name="Reactivation">R ≥ 0 (used only when reactivation is included).</param>
public readonly record struct RevenueMovements(double StartingRevenue, double Churned, double Contraction, double Expansion, double Reactivation = 0)
    : IAdditionOperators<RevenueMovements, RevenueMovements, RevenueMovements>
{
    /// <summary>Sums every component: the movements of the union of two disjoint customer sets.</summary>
    /// <param name="left">Movements of one set of customers.</param>
    /// <param name="right">Movements of another.</param>
    public static RevenueMovements operator +(RevenueMovements left, RevenueMovements right) => new(
        left.StartingRevenue + right.StartingRevenue,
        left.Churned + right.Churned,
        left.Contraction + right.Contraction,
        left.Expansion + right.Expansion,
        left.Reactivation + right.Reactivation);

    /// <summary>
    /// Classifies per-customer revenue at the start and the end of the period: a customer with start revenue r₀ &gt; 0 and end
    /// revenue r₁ adds r₀ to M0 and r₀ to C when r₁ = 0, r₀ − r₁ to D when 0 &lt; r₁ &lt; r₀, r₁ − r₀ to X when r₁ &gt; r₀.
    /// Customers with r₀ = 0 are not in the starting base (new or returning) and are skipped; set <see cref="Reactivation"/>
    /// separately (<c>with { Reactivation = … }</c>) when returning customers are known.
    /// </summary>
    /// <param name="startRevenue">Recurring revenue of each customer at the start of the period, finite and ≥ 0.</param>
    /// <param name="endRevenue">The same customers' revenue at the end, same length and order.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A revenue is negative or not finite; the message names its index and value.</exception>
    public static RevenueMovements FromCustomerRevenue(ReadOnlySpan<double> startRevenue, ReadOnlySpan<double> endRevenue)
    {
        if (startRevenue.Length != endRevenue.Length)
        {
            throw new ArgumentException(
                $"startRevenue has {startRevenue.Length} customers but endRevenue has {endRevenue.Length}.", nameof(endRevenue));
        }

        double m0 = 0, churned = 0, contraction = 0, expansion = 0;
        for (int i = 0; i < startRevenue.Length; i++)
        {
            double r0 = startRevenue[i], r1 = endRevenue[i];
            CheckAmount(r0, nameof(startRevenue), i);
            CheckAmount(r1, nameof(endRevenue), i);
            if (r0 == 0)
            {
                continue;
            }

            m0 += r0;
            if (r1 == 0)
            {
                churned += r0;
            }
            else if (r1 < r0)
            {
                contraction += r0 - r1;
            }
            else
            {
                expansion += r1 - r0;
            }
        }

        return new RevenueMovements(m0, churned, contraction, expansion);
    }

    private static void CheckAmount(double value, string paramName, int index)
    {
        if (!(double.IsFinite(value) && value >= 0))
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName}[{index}] = {Guard.Format(value)} is not a finite amount ≥ 0.");
        }
    }
}
