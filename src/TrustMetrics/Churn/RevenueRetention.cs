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
/// <param name="Movements">The inputs.</param>
/// <param name="ReactivationIncluded">Whether R was added to NRR and subtracted from net churn.</param>
/// <param name="GrossRevenueRetention">(M0 − C − D)/M0.</param>
/// <param name="NetRevenueRetention">(M0 − C − D + X [+ R])/M0.</param>
/// <param name="GrossRevenueChurn">(C + D)/M0.</param>
/// <param name="NetRevenueChurn">(C + D − X [− R])/M0.</param>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public readonly record struct RevenueRetention(
    RevenueMovements Movements,
    bool ReactivationIncluded,
    double GrossRevenueRetention,
    double NetRevenueRetention,
    double GrossRevenueChurn,
    double NetRevenueChurn) : ITabularResult
{
    /// <summary>Computes the four ratios.</summary>
    /// <param name="movements">M0 &gt; 0; C, D, X, R finite and ≥ 0; C + D ≤ M0 (customers cannot lose more than they paid).</param>
    /// <param name="includeReactivation">Add R to NRR and subtract it from net churn (default false).</param>
    /// <exception cref="ArgumentOutOfRangeException">An amount is invalid; the message names it and its value.</exception>
    public static RevenueRetention Compute(RevenueMovements movements, bool includeReactivation = false)
    {
        var (m0, c, d, x, r) = (movements.StartingRevenue, movements.Churned, movements.Contraction, movements.Expansion, movements.Reactivation);
        Guard.Positive(m0, nameof(RevenueMovements.StartingRevenue));
        CheckAmount(c, nameof(RevenueMovements.Churned));
        CheckAmount(d, nameof(RevenueMovements.Contraction));
        CheckAmount(x, nameof(RevenueMovements.Expansion));
        CheckAmount(r, nameof(RevenueMovements.Reactivation));
        // A relative slack of 1e-12 absorbs rounding in sums of per-customer amounts.
        if (c + d > m0 * (1 + 1e-12))
        {
            throw new ArgumentOutOfRangeException(nameof(movements), movements,
                $"Churned + Contraction = {Guard.Format(c + d)} exceeds StartingRevenue = {Guard.Format(m0)}.");
        }

        double lost = Math.Min(c + d, m0), gained = x + (includeReactivation ? r : 0.0);
        return new RevenueRetention(movements, includeReactivation,
            (m0 - lost) / m0, (m0 - lost + gained) / m0, lost / m0, (lost - gained) / m0);
    }

    private static void CheckAmount(double value, string name)
    {
        if (!(double.IsFinite(value) && value >= 0))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite amount ≥ 0; got {Guard.Format(value)}.");
        }
    }

    /// <summary>"GRR 91.2%, NRR 104.5%, gross revenue churn 8.8%, net revenue churn -4.5%" (invariant culture).</summary>
    public override string ToString() =>
        $"GRR {InvariantText.Percent(GrossRevenueRetention)}, NRR {InvariantText.Percent(NetRevenueRetention)}, " +
        $"gross revenue churn {InvariantText.Percent(GrossRevenueChurn)}, net revenue churn {InvariantText.Percent(NetRevenueChurn)}";

    /// <summary>The four revenue ratios and their inputs as an HTML table (one well-formed <c>&lt;div&gt;</c>, text HTML-escaped, invariant culture) for notebooks and web pages.</summary>
    public string ToHtml() => ((ITabularResult)this).ToTable().ToHtml();

    /// <summary>The four revenue ratios and their inputs as a markdown pipe table (cells escaped, invariant culture) to paste into issues, wikis and docs.</summary>
    public string ToMarkdown() => ((ITabularResult)this).ToTable().ToMarkdown();

    ResultTable ITabularResult.ToTable() =>
        new ResultTable("Revenue retention", "starting revenue", "churned", "contraction", "expansion", "reactivation", "GRR", "NRR",
                "gross revenue churn", "net revenue churn")
            .Row(InvariantText.Significant(Movements.StartingRevenue), InvariantText.Significant(Movements.Churned),
                InvariantText.Significant(Movements.Contraction), InvariantText.Significant(Movements.Expansion),
                InvariantText.Significant(Movements.Reactivation), InvariantText.Percent(GrossRevenueRetention),
                InvariantText.Percent(NetRevenueRetention), InvariantText.Percent(GrossRevenueChurn), InvariantText.Percent(NetRevenueChurn))
            .Note(ReactivationIncluded ? "Reactivation is counted in NRR and net churn." : "Reactivation is not counted in NRR and net churn.");
}
