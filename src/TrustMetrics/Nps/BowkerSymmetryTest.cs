using System.Globalization;

namespace TrustMetrics.Nps;

/// <summary>
/// Bowker's (1948) test of symmetry of a square table, the r × r generalisation of McNemar's test: H₀ n_ij and n_ji have the
/// same expectation for every pair i &lt; j (as much movement each way between any two categories). χ² = Σ_{i&lt;j} (n_ij − n_ji)² / (n_ij + n_ji),
/// referred to χ² with one degree of freedom per pair. Pairs with n_ij + n_ji = 0 carry no information and are left out (df
/// counts only the others); R's <c>mcnemar.test</c> returns NaN in that case instead. Same statistic as R <c>mcnemar.test(x)</c> on a
/// 3 × 3 table (which has no continuity correction for r &gt; 2).
/// </summary>
public sealed class BowkerSymmetryTest
{
    internal BowkerSymmetryTest(double statistic, int degreesOfFreedom, double pValue)
    {
        Statistic = statistic;
        DegreesOfFreedom = degreesOfFreedom;
        PValue = pValue;
    }

    /// <summary>χ² = Σ_{i&lt;j} (n_ij − n_ji)² / (n_ij + n_ji) over the pairs with n_ij + n_ji &gt; 0.</summary>
    public double Statistic { get; }

    /// <summary>Number of pairs i &lt; j with n_ij + n_ji &gt; 0 (3 for a 3 × 3 table with movement between every pair of categories).</summary>
    public int DegreesOfFreedom { get; }

    /// <summary>Upper tail P(χ²_df ≥ statistic).</summary>
    public double PValue { get; }

    /// <summary>"Bowker χ² = 4.12, df = 3, p = 0.249" (invariant culture).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"Bowker χ² = {Statistic:0.###}, df = {DegreesOfFreedom}, p = {PValue:G3}");

    /// <summary>The test on <paramref name="tally"/>; null when no pair of categories has any movement (every respondent on the diagonal).</summary>
    internal static BowkerSymmetryTest? Of(PairedNpsTally tally)
    {
        double statistic = 0;
        int df = 0;
        for (int i = 0; i < 3; i++)
        {
            for (int j = i + 1; j < 3; j++)
            {
                double up = tally.Cell(i, j), down = tally.Cell(j, i);
                if (up + down > 0)
                {
                    statistic += (up - down) * (up - down) / (up + down);
                    df++;
                }
            }
        }

        return df == 0 ? null
            : new BowkerSymmetryTest(statistic, df, statistic > 0 ? Statistics.Distributions.GammaTails(statistic / 2.0, df / 2.0).Upper : 1.0);
    }
}
