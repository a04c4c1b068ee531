using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Presentation;

namespace TrustMetrics.Survival;

/// <summary>
/// The log-rank test of equal hazards across k ≥ 2 groups (Mantel 1966; Peto &amp; Peto 1972), as R <c>survdiff(rho = 0)</c>:
/// χ² = (O − E)ᵀV⁻¹(O − E) over all groups with Eₖ &gt; 0 but one, V the hypergeometric covariance with ties, on
/// k′ − 1 degrees of freedom (k′ = groups with Eₖ &gt; 0), p = P(χ²_{k′−1} ≥ χ²). Weighted (Fleming–Harrington G(ρ, γ), see
/// <see cref="Weights"/>) and stratified (score and variance summed over strata, R <c>survdiff(... + strata(s))</c>) forms replace
/// O − E by the weighted score U = Σwᵢ(dₖᵢ − Eₖᵢ) (<see cref="LogRankGroup{TKey}.Score"/>).
/// </summary>
/// <typeparam name="TKey">The group key type.</typeparam>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class LogRankResult<TKey> : ITabularResult
{
    internal LogRankResult(LogRankGroup<TKey>[] groups, double chiSquare, int degreesOfFreedom, double pValue, LogRankWeights weights, int strata)
    {
        Weights = weights;
        StrataCount = strata;
        Groups = Array.AsReadOnly(groups);
        ChiSquare = chiSquare;
        DegreesOfFreedom = degreesOfFreedom;
        PValue = pValue;
    }

    /// <summary>Observed and expected events per group, in the order the groups were given.</summary>
    public IReadOnlyList<LogRankGroup<TKey>> Groups { get; }

    /// <summary>The weights of the test: <see cref="LogRankWeights.LogRank"/> unless a Fleming–Harrington G(ρ, γ) test was asked.</summary>
    public LogRankWeights Weights { get; }

    /// <summary>Number of strata the score and variance were summed over (1 for an unstratified test).</summary>
    public int StrataCount { get; }

    /// <summary>The χ² statistic, ≥ 0 (0 when no event happened while two groups were at risk).</summary>
    public double ChiSquare { get; }

    /// <summary>k′ − 1 (0 when no event happened while two groups were at risk).</summary>
    public int DegreesOfFreedom { get; }

    /// <summary>Upper-tail p-value of χ² (regularised upper incomplete gamma, accurate far below 10⁻¹⁶).</summary>
    public double PValue { get; }

    /// <summary>True when <see cref="PValue"/> is below <paramref name="alpha"/>.</summary>
    /// <param name="alpha">Significance level, strictly between 0 and 1 (0.05 by default).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alpha"/> is outside (0, 1).</exception>
    public bool IsSignificant(double alpha = 0.05)
    {
        if (!(alpha > 0.0 && alpha < 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha,
                $"The significance level must lie strictly between 0 and 1 (for example 0.05); got {Guard.Format(alpha)}.");
        }

        return PValue < alpha;
    }

    /// <summary>
    /// A one-line summary such as <c>log-rank χ² = 122.249 (df 1), p = 2.04e-28</c>; weighted and stratified tests name their weights
    /// and strata: <c>Fleming–Harrington G(1, 0) χ² = 3 (df 1, 2 strata), p = 0.0833</c>.
    /// </summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Weights} χ² = {ChiSquare:0.###} (df {DegreesOfFreedom}{(StrataCount > 1 ? $", {StrataCount} strata" : "")}), p = {PValue:G3}");

    ResultTable ITabularResult.ToTable()
    {
        var table = new ResultTable("Log-rank test", "group", "n", "observed", "expected", "O/E");
        foreach (var g in Groups)
        {
            table.Row(InvariantText.Key(g.Group), InvariantText.Count(g.Count), InvariantText.Count(g.Observed), InvariantText.Number(g.Expected, "0.00"),
                g.Expected > 0 ? InvariantText.Number(g.Observed / g.Expected, "0.000") : "–");
        }

        return table.Note(ToString());
    }
}
