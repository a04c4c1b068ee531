namespace TrustMetrics.Clv;

/// <summary>
/// BG/BB parameters (Fader, Hardie &amp; Shang 2010), discrete-time non-contractual: at each opportunity an alive customer buys with
/// probability p ~ Beta(α, β) and then drops out with probability θ ~ Beta(γ, δ).
/// </summary>
/// <param name="Alpha">α &gt; 0.</param>
/// <param name="Beta">β &gt; 0.</param>
/// <param name="Gamma">γ &gt; 0.</param>
/// <param name="Delta">δ &gt; 0.</param>
public readonly record struct BgBbParameters(double Alpha, double Beta, double Gamma, double Delta)
{
    internal void Validate(string paramName)
    {
        if (!(Alpha > 0 && Beta > 0 && Gamma > 0 && Delta > 0 && double.IsFinite(Alpha + Beta + Gamma + Delta)))
        {
            throw new ArgumentOutOfRangeException(paramName, this, $"BG/BB parameters must be finite and > 0; got {this}.");
        }
    }
}

/// <summary>A fitted BG/BB model with its standard errors and fit report.</summary>
/// <param name="Model">The model at the maximum-likelihood estimates.</param>
/// <param name="StandardErrors">Standard errors of α, β, γ, δ from the inverse observed information.</param>
/// <param name="Report">Log-likelihood, convergence report, covariance.</param>
public sealed record BgBbFit(BgBbModel Model, BgBbParameters StandardErrors, ClvFitReport Report)
{
    /// <summary>The estimates (α, β, γ, δ).</summary>
    public BgBbParameters Parameters => Model.Parameters;
}

/// <summary>
/// Maximum-likelihood BG/BB fits. Histories are (x transactions, t_x = opportunity of the last one, n = opportunities) given as
/// <see cref="PurchaseHistory"/>(x, t_x, n) with whole numbers. Implementations are stateless and thread-safe.
/// </summary>
public interface IBgBbFitter
{
    /// <summary>Fits α, β, γ, δ by maximum likelihood.</summary>
    /// <param name="data">Compressed histories with whole-number x ≤ t_x ≤ n (x = 0 ⇔ t_x = 0).</param>
    /// <param name="options">Penalty and optimiser settings; null uses <see cref="ClvFitOptions.Default"/>.</param>
    /// <exception cref="ArgumentException">A row is not a valid discrete history (named by row and values).</exception>
    /// <exception cref="InvalidOperationException">The likelihood is not finite anywhere the optimiser went.</exception>
    BgBbFit Fit(CompressedHistories data, ClvFitOptions? options = null);
}
