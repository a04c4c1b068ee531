namespace TrustMetrics.Clv;

/// <summary>
/// Gamma–Gamma spend parameters (Fader, Hardie &amp; Lee 2005; Fader &amp; Hardie 2013 note 025): each transaction's value is
/// Gamma(p, ν), ν ~ Gamma(q, γ). lifetimes calls γ "v". Immutable; every instance holds finite positive values.
/// </summary>
public sealed class GammaGammaParameters
{
    /// <summary>Parameters p, q, γ.</summary>
    /// <param name="p">Shape p &gt; 0 of the transaction values.</param>
    /// <param name="q">Shape q &gt; 0 of the customer's rate ν.</param>
    /// <param name="gamma">Rate γ &gt; 0 of ν (currency unit).</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is NaN, infinite or ≤ 0; the message names it and its value.</exception>
    public GammaGammaParameters(double p, double q, double gamma)
    {
        Guard.Positive(p);
        Guard.Positive(q);
        Guard.Positive(gamma);
        (P, Q, Gamma) = (p, q, gamma);
    }

    /// <summary>Shape p of the transaction values.</summary>
    public double P { get; }

    /// <summary>Shape q of the customer's rate ν.</summary>
    public double Q { get; }

    /// <summary>Rate γ of ν, in the currency unit.</summary>
    public double Gamma { get; }

    /// <summary>"GammaGammaParameters(p = …, q = …, gamma = …)" with round-trip (R) digits, invariant culture.</summary>
    public override string ToString() => $"GammaGammaParameters(p = {Guard.Format(P)}, q = {Guard.Format(Q)}, gamma = {Guard.Format(Gamma)})";

    internal void Deconstruct(out double p, out double q, out double gamma) => (p, q, gamma) = (P, Q, Gamma);
}
