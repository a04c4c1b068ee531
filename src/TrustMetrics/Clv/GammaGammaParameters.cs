namespace TrustMetrics.Clv;

/// <summary>
/// Gamma–Gamma spend parameters (Fader, Hardie &amp; Lee 2005; Fader &amp; Hardie 2013 note 025): each transaction's value is
/// Gamma(p, ν), ν ~ Gamma(q, γ). lifetimes calls γ "v".
/// </summary>
/// <param name="P">Shape p &gt; 0 of the transaction values.</param>
/// <param name="Q">Shape q &gt; 0 of the customer's rate ν.</param>
/// <param name="Gamma">Rate γ &gt; 0 of ν (currency unit).</param>
public readonly record struct GammaGammaParameters(double P, double Q, double Gamma)
{
    internal void Validate(string paramName)
    {
        if (!(P > 0 && Q > 0 && Gamma > 0 && double.IsFinite(P + Q + Gamma)))
        {
            throw new ArgumentOutOfRangeException(paramName, this, $"Gamma–Gamma parameters must be finite and > 0; got {this}.");
        }
    }
}
