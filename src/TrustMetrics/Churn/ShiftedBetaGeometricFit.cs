using Microsoft.DotNet.Interactive.Formatting;
using TrustMetrics.Estimation;
using TrustMetrics.Presentation;

namespace TrustMetrics.Churn;

/// <summary>
/// A maximum-likelihood fit of the shifted-beta-geometric model to one cohort's survivors series
/// (Fader &amp; Hardie 2007). <see cref="Alpha"/> and <see cref="Beta"/> carry standard errors from the observed information
/// (the inverse of the Hessian of −LL in α, β at the optimum) and Wald intervals built on the log scale,
/// exp(ln θ̂ ± z·SE/θ̂), so they stay positive. Projections live on <see cref="Parameters"/>.
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed class ShiftedBetaGeometricFit : ITabularResult
{
    internal ShiftedBetaGeometricFit(ShiftedBetaGeometricParameters parameters, Estimate alpha, Estimate beta, double alphaBetaCovariance,
        double logLikelihood, long[] survivors, FitConvergence convergence)
    {
        Parameters = parameters;
        Alpha = alpha;
        Beta = beta;
        AlphaBetaCovariance = alphaBetaCovariance;
        LogLikelihood = logLikelihood;
        Survivors = Array.AsReadOnly(survivors);
        Convergence = convergence;
    }

    /// <summary>The fitted α, β, with survival, retention, lifetime, DEL and DERL projections.</summary>
    public ShiftedBetaGeometricParameters Parameters { get; }

    /// <summary>α̂ with its standard error and interval (method "wald-log").</summary>
    public Estimate Alpha { get; }

    /// <summary>β̂ with its standard error and interval (method "wald-log").</summary>
    public Estimate Beta { get; }

    /// <summary>Cov(α̂, β̂) from the inverse observed information (0 when the information is not positive definite).</summary>
    public double AlphaBetaCovariance { get; }

    /// <summary>The maximised log-likelihood LL(α̂, β̂) (Fader &amp; Hardie 2007 Appendix B; no multinomial constant).</summary>
    public double LogLikelihood { get; }

    /// <summary>The fitted series (element 0 = cohort size).</summary>
    public IReadOnlyList<long> Survivors { get; }

    /// <summary>How the optimizer ended.</summary>
    public FitConvergence Convergence { get; }

    /// <summary>The cohort size (Survivors[0]).</summary>
    internal long CohortSize => Survivors[0];

    /// <summary>The number of observed periods T (Survivors.Count − 1).</summary>
    internal int Periods => Survivors.Count - 1;

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

    ResultTable ITabularResult.ToTable() =>
        new ResultTable("Shifted-beta-geometric fit", "parameter", "estimate", "SE", InvariantText.IntervalHeader(Alpha.Interval))
            .Row("α", InvariantText.Number(Alpha.Value, "G6"), InvariantText.Number(Alpha.StandardError, "G6"), InvariantText.Bounds(Alpha.Interval))
            .Row("β", InvariantText.Number(Beta.Value, "G6"), InvariantText.Number(Beta.StandardError, "G6"), InvariantText.Bounds(Beta.Interval))
            .Note($"Log-likelihood {InvariantText.Number(LogLikelihood, "F3")}, cohort of {InvariantText.Count(CohortSize)}, {InvariantText.Count(Periods)} periods; " +
                $"{(Convergence.Converged ? "converged" : "NOT converged")} ({Convergence.Method}, {InvariantText.Count(Convergence.Iterations)} iterations).");
}
