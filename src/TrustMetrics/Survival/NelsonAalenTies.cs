namespace TrustMetrics.Survival;

/// <summary>
/// How the Nelson–Aalen estimator treats dᵢ &gt; 1 events at one time tᵢ with nᵢ subjects at risk. Both agree when there are no
/// ties. Formulas and sources: docs/survival.md.
/// </summary>
public enum NelsonAalenTies
{
    /// <summary>
    /// Tied events are counted as if they happened one after another (Fleming–Harrington correction):
    /// Ĥ = Σᵢ Σ_{k=0}^{dᵢ−1} 1/(nᵢ − k), Var = Σᵢ Σ_{k=0}^{dᵢ−1} 1/(nᵢ − k)². lifelines' default (<c>nelson_aalen_smoothing=True</c>)
    /// and R <c>survfit(ctype = 2)</c>. The default, because churn times are usually continuous times rounded to days.
    /// </summary>
    FlemingHarrington = 0,

    /// <summary>
    /// Tied events are one jump: Ĥ = Σᵢ dᵢ/nᵢ, Var = Σᵢ (nᵢ − dᵢ)·dᵢ/nᵢ³. R <c>survfit(ctype = 1)</c> and lifelines'
    /// <c>nelson_aalen_smoothing=False</c>.
    /// </summary>
    Discrete = 1,
}
