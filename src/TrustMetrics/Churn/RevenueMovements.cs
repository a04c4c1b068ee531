using System.Numerics;

namespace TrustMetrics.Churn;

/// <summary>
/// Recurring-revenue movements of one period for the customers present at its start (survey-metrics.md §5.3), on one basis
/// throughout (MRR or ARR): starting revenue M0, churned revenue C (full cancellations), contraction D (downgrades), expansion X
/// (upgrades) and reactivation R (revenue of returning former customers). New customers are excluded. Every amount is finite
/// and ≥ 0 (checked on construction; the default value, all zero, is the movements of no customer). Movements of disjoint
/// customer sets add with <c>+</c>, so per-shard movements merge.
/// </summary>
public readonly struct RevenueMovements : IAdditionOperators<RevenueMovements, RevenueMovements, RevenueMovements>, IEquatable<RevenueMovements>
{
    /// <summary>Movements from amounts aggregated elsewhere (SQL, a billing system).</summary>
    /// <param name="startingRevenue">M0, finite and ≥ 0 (a ratio needs M0 &gt; 0).</param>
    /// <param name="churned">C, finite and ≥ 0.</param>
    /// <param name="contraction">D, finite and ≥ 0.</param>
    /// <param name="expansion">X, finite and ≥ 0.</param>
    /// <param name="reactivation">R, finite and ≥ 0 (used only when reactivation is included).</param>
    /// <exception cref="ArgumentOutOfRangeException">An amount is NaN, infinite or negative; the message names it and its value.</exception>
    public RevenueMovements(double startingRevenue, double churned, double contraction, double expansion, double reactivation = 0)
    {
        StartingRevenue = Amount(startingRevenue);
        Churned = Amount(churned);
        Contraction = Amount(contraction);
        Expansion = Amount(expansion);
        Reactivation = Amount(reactivation);
    }

    /// <summary>M0: recurring revenue of the starting customers at the start of the period.</summary>
    public double StartingRevenue { get; }

    /// <summary>C: revenue of the starting customers who cancelled.</summary>
    public double Churned { get; }

    /// <summary>D: revenue lost to downgrades.</summary>
    public double Contraction { get; }

    /// <summary>X: revenue gained from upgrades.</summary>
    public double Expansion { get; }

    /// <summary>R: revenue of returning former customers.</summary>
    public double Reactivation { get; }

    /// <summary>Sums every component: the movements of the union of two disjoint customer sets.</summary>
    /// <param name="left">Movements of one set of customers.</param>
    /// <param name="right">Movements of another.</param>
    /// <exception cref="ArgumentOutOfRangeException">A sum overflows to infinity.</exception>
    public static RevenueMovements operator +(RevenueMovements left, RevenueMovements right) => new(
        left.StartingRevenue + right.StartingRevenue,
        left.Churned + right.Churned,
        left.Contraction + right.Contraction,
        left.Expansion + right.Expansion,
        left.Reactivation + right.Reactivation);

    /// <summary>
    /// Classifies per-customer revenue at the start and the end of the period: a customer with start revenue r₀ &gt; 0 and end
    /// revenue r₁ adds r₀ to M0 and r₀ to C when r₁ = 0, r₀ − r₁ to D when 0 &lt; r₁ &lt; r₀, r₁ − r₀ to X when r₁ &gt; r₀.
    /// Customers with r₀ = 0 are not in the starting base (new or returning) and are skipped; pass the revenue of returning
    /// customers, when known, as <paramref name="reactivation"/>.
    /// </summary>
    /// <param name="startRevenue">Recurring revenue of each customer at the start of the period, finite and ≥ 0.</param>
    /// <param name="endRevenue">The same customers' revenue at the end, same length and order.</param>
    /// <param name="reactivation">R, revenue of returning former customers, finite and ≥ 0.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A revenue is negative or not finite; the message names its index and value.</exception>
    public static RevenueMovements FromCustomerRevenue(ReadOnlySpan<double> startRevenue, ReadOnlySpan<double> endRevenue, double reactivation = 0)
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

        return new RevenueMovements(m0, churned, contraction, expansion, reactivation);
    }

    /// <summary>True when every amount is equal.</summary>
    /// <param name="other">The other movements.</param>
    public bool Equals(RevenueMovements other) =>
        StartingRevenue.Equals(other.StartingRevenue) && Churned.Equals(other.Churned) && Contraction.Equals(other.Contraction)
        && Expansion.Equals(other.Expansion) && Reactivation.Equals(other.Reactivation);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is RevenueMovements other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(StartingRevenue, Churned, Contraction, Expansion, Reactivation);

    /// <summary>"M0 = 100000, C = 4000, D = 2500, X = 9000, R = 0" (invariant culture).</summary>
    public override string ToString() =>
        $"M0 = {Presentation.InvariantText.Significant(StartingRevenue)}, C = {Presentation.InvariantText.Significant(Churned)}, " +
        $"D = {Presentation.InvariantText.Significant(Contraction)}, X = {Presentation.InvariantText.Significant(Expansion)}, " +
        $"R = {Presentation.InvariantText.Significant(Reactivation)}";

    private static double Amount(double value, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        Guard.Finite(value, paramName);
        ArgumentOutOfRangeException.ThrowIfNegative(value, paramName);
        return value + 0.0; // −0 → +0
    }

    private static void CheckAmount(double value, string paramName, int index)
    {
        if (!(double.IsFinite(value) && value >= 0))
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName}[{index}] = {Guard.Format(value)} is not a finite amount ≥ 0.");
        }
    }
}
