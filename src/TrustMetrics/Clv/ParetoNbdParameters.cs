namespace TrustMetrics.Clv;

/// <summary>
/// Pareto/NBD parameters (Schmittlein, Morrison &amp; Colombo 1987): purchase rate λ ~ Gamma(r, α) and exponential lifetime with
/// drop-out rate μ ~ Gamma(s, β); α and β in the data's time unit.
/// </summary>
/// <param name="R">r &gt; 0.</param>
/// <param name="Alpha">α &gt; 0.</param>
/// <param name="S">s &gt; 0.</param>
/// <param name="Beta">β &gt; 0.</param>
public readonly record struct ParetoNbdParameters(double R, double Alpha, double S, double Beta)
{
    internal void Validate(string paramName)
    {
        if (!(R > 0 && Alpha > 0 && S > 0 && Beta > 0 && double.IsFinite(R + Alpha + S + Beta)))
        {
            throw new ArgumentOutOfRangeException(paramName, this, $"Pareto/NBD parameters must be finite and > 0; got {this}.");
        }
    }
}

/// <summary>A fitted Pareto/NBD model with its standard errors and fit report.</summary>
/// <param name="Model">The model at the maximum-likelihood estimates.</param>
/// <param name="StandardErrors">Standard errors of r, α, s, β from the inverse observed information.</param>
/// <param name="Report">Log-likelihood, convergence report, covariance.</param>
public sealed record ParetoNbdFit(ParetoNbdModel Model, ParetoNbdParameters StandardErrors, ClvFitReport Report)
{
    /// <summary>The estimates (r, α, s, β).</summary>
    public ParetoNbdParameters Parameters => Model.Parameters;
}

/// <summary>Maximum-likelihood Pareto/NBD fits on compressed histories (ltv-churn.md §5). Implementations are stateless and thread-safe.</summary>
public interface IParetoNbdFitter
{
    /// <summary>Fits r, α, s, β by maximum likelihood — deterministically (lifetimes starts Nelder–Mead at a random point).</summary>
    /// <param name="data">Compressed histories.</param>
    /// <param name="options">Penalty and optimiser settings; null uses <see cref="ClvFitOptions.Default"/>.</param>
    /// <exception cref="InvalidOperationException">The likelihood is not finite anywhere the optimiser went.</exception>
    ParetoNbdFit Fit(CompressedHistories data, ClvFitOptions? options = null);
}
