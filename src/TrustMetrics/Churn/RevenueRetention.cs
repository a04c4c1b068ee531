using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Presentation;

namespace TrustMetrics.Churn;

/// <summary>
/// Revenue churn and retention of one period (survey-metrics.md §5.3), from <see cref="RevenueMovements"/>:
/// GRR = (M0 − C − D)/M0 (≤ 1), NRR = (M0 − C − D + X [+ R])/M0 (can exceed 1), gross revenue churn = (C + D)/M0 and
/// net revenue churn = (C + D − X [− R])/M0 = 1 − NRR (negative means "negative churn"). Reactivation R enters NRR and net churn
/// only when <see cref="ReactivationIncluded"/> (ChartMogul offsets net churn with it; most NRR definitions exclude it).
/// These are revenue-weighted ratios, not binomial proportions, so they carry no interval.
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class RevenueRetention : ITabularResult
{
    private RevenueRetention(RevenueMovements movements, bool reactivationIncluded, double gross, double net, double grossChurn, double netChurn)
    {
        Movements = movements;
        ReactivationIncluded = reactivationIncluded;
        GrossRevenueRetention = gross;
        NetRevenueRetention = net;
        GrossRevenueChurn = grossChurn;
        NetRevenueChurn = netChurn;
    }

    /// <summary>The inputs.</summary>
    public RevenueMovements Movements { get; }

    /// <summary>Whether R was added to NRR and subtracted from net churn.</summary>
    public bool ReactivationIncluded { get; }

    /// <summary>GRR = (M0 − C − D)/M0, in [0, 1].</summary>
    public double GrossRevenueRetention { get; }

    /// <summary>NRR = (M0 − C − D + X [+ R])/M0 (can exceed 1).</summary>
    public double NetRevenueRetention { get; }

    /// <summary>Gross revenue churn (C + D)/M0, in [0, 1].</summary>
    public double GrossRevenueChurn { get; }

    /// <summary>Net revenue churn (C + D − X [− R])/M0 = 1 − NRR (negative means "negative churn").</summary>
    public double NetRevenueChurn { get; }

    /// <summary>Computes the four ratios (the entry is <see cref="IChurnCalculator.RevenueRetention"/>).</summary>
    /// <param name="movements">M0 &gt; 0; C + D ≤ M0 (customers cannot lose more than they paid).</param>
    /// <param name="includeReactivation">Add R to NRR and subtract it from net churn.</param>
    /// <exception cref="ArgumentOutOfRangeException">M0 is 0 or C + D exceeds it; the message names the values.</exception>
    internal static RevenueRetention Compute(RevenueMovements movements, bool includeReactivation)
    {
        var (m0, c, d, x, r) = (movements.StartingRevenue, movements.Churned, movements.Contraction, movements.Expansion, movements.Reactivation);
        if (!(m0 > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(movements), movements,
                $"movements.StartingRevenue must be greater than 0 for revenue ratios; got {Guard.Format(m0)}.");
        }

        // A relative slack of 1e-12 absorbs rounding in sums of per-customer amounts.
        if (c + d > m0 * (1 + 1e-12))
        {
            throw new ArgumentOutOfRangeException(nameof(movements), movements,
                $"Churned + Contraction = {Guard.Format(c + d)} exceeds StartingRevenue = {Guard.Format(m0)}.");
        }

        double lost = Math.Min(c + d, m0), gained = x + (includeReactivation ? r : 0.0);
        double net = (m0 - lost + gained) / m0;
        if (!double.IsFinite(net))
        {
            throw new ArgumentOutOfRangeException(nameof(movements), movements,
                $"Expansion + Reactivation = {Guard.Format(gained)} against StartingRevenue = {Guard.Format(m0)} gives a net retention beyond the double range.");
        }

        return new RevenueRetention(movements, includeReactivation, (m0 - lost) / m0, net, lost / m0, (lost - gained) / m0);
    }

    /// <summary>"GRR 91.2%, NRR 104.5%, gross revenue churn 8.8%, net revenue churn -4.5%" (invariant culture).</summary>
    public override string ToString() =>
        $"GRR {InvariantText.Percent(GrossRevenueRetention)}, NRR {InvariantText.Percent(NetRevenueRetention)}, " +
        $"gross revenue churn {InvariantText.Percent(GrossRevenueChurn)}, net revenue churn {InvariantText.Percent(NetRevenueChurn)}";

    ResultTable ITabularResult.ToTable() =>
        new ResultTable("Revenue retention", "starting revenue", "churned", "contraction", "expansion", "reactivation", "GRR", "NRR",
                "gross revenue churn", "net revenue churn")
            .Row(InvariantText.Significant(Movements.StartingRevenue), InvariantText.Significant(Movements.Churned),
                InvariantText.Significant(Movements.Contraction), InvariantText.Significant(Movements.Expansion),
                InvariantText.Significant(Movements.Reactivation), InvariantText.Percent(GrossRevenueRetention),
                InvariantText.Percent(NetRevenueRetention), InvariantText.Percent(GrossRevenueChurn), InvariantText.Percent(NetRevenueChurn))
            .Note(ReactivationIncluded ? "Reactivation is counted in NRR and net churn." : "Reactivation is not counted in NRR and net churn.");
}
