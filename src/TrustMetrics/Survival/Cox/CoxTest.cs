using System.Globalization;

namespace TrustMetrics.Survival;

/// <summary>A χ² test of a Cox fit (likelihood ratio, Wald, score, a proportional-hazards term): statistic, degrees of freedom, p = P(χ²_df ≥ statistic).</summary>
public sealed class CoxTest
{
    internal CoxTest(double statistic, int degreesOfFreedom)
    {
        Statistic = Math.Max(0, statistic);
        DegreesOfFreedom = degreesOfFreedom;
        PValue = Statistic > 0 ? Statistics.Distributions.GammaTails(Statistic / 2.0, degreesOfFreedom / 2.0).Upper : 1.0;
    }

    /// <summary>The χ² statistic, ≥ 0.</summary>
    public double Statistic { get; }

    /// <summary>Degrees of freedom.</summary>
    public int DegreesOfFreedom { get; }

    /// <summary>Upper-tail p-value.</summary>
    public double PValue { get; }

    /// <summary>"χ² = 33.27 on 7 df, p = 2.4e-05" (invariant culture).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"χ² = {Statistic:0.###} on {DegreesOfFreedom} df, p = {PValue:G3}");
}
