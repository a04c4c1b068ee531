using TrustMetrics.Estimation;

namespace TrustMetrics.Churn;

/// <summary>
/// A maximum-likelihood fit of the shifted-beta-geometric model to one cohort's survivors series
/// (Fader &amp; Hardie 2007). <see cref="Alpha"/> and <see cref="Beta"/> carry standard errors from the observed information
/// (the inverse of the Hessian of −LL in α, β at the optimum) and Wald intervals built on the log scale,
/// exp(ln θ̂ ± z·SE/θ̂), so they stay positive. Projections live on <see cref="Parameters"/>.
/// </summary>
/// <param name="Parameters">The fitted α, β, with survival, retention, lifetime, DEL and DERL projections.</param>
/// <param name="Alpha">α̂ with its standard error and interval (method "wald-log").</param>
/// <param name="Beta">β̂ with its standard error and interval (method "wald-log").</param>
/// <param name="AlphaBetaCovariance">Cov(α̂, β̂) from the inverse observed information.</param>
/// <param name="LogLikelihood">The maximised log-likelihood LL(α̂, β̂) (Fader &amp; Hardie 2007 Appendix B; no multinomial constant).</param>
/// <param name="Survivors">The fitted series (element 0 = cohort size).</param>
/// <param name="Convergence">How the optimizer ended.</param>
public sealed record ShiftedBetaGeometricFit(
    ShiftedBetaGeometricParameters Parameters,
    Estimate Alpha,
    Estimate Beta,
    double AlphaBetaCovariance,
    double LogLikelihood,
    IReadOnlyList<long> Survivors,
    FitConvergence Convergence)
{
    /// <summary>The cohort size (Survivors[0]).</summary>
    public long CohortSize => Survivors[0];

    /// <summary>The number of observed periods T (Survivors.Count − 1).</summary>
    public int Periods => Survivors.Count - 1;

    /// <summary>Observed survival s_t/s₀ for t = 0..T, to set beside <see cref="ShiftedBetaGeometricParameters.Survival"/>.</summary>
    /// <param name="t">0 ≤ t ≤ T.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t"/> is outside the observed periods.</exception>
    public double ObservedSurvival(int t)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(t);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(t, Periods);
        return (double)Survivors[t] / Survivors[0];
    }

    /// <summary>"sBG(α = 0.668088 ± 0.103735, β = 3.80609 ± 0.785532), LL = -1611.158, n = 1000, T = 7" (invariant culture).</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"sBG(α = {Alpha.Value:G6} ± {Alpha.StandardError:G6}, β = {Beta.Value:G6} ± {Beta.StandardError:G6}), LL = {LogLikelihood:F3}, n = {CohortSize}, T = {Periods}");
}
