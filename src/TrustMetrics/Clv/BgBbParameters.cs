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
