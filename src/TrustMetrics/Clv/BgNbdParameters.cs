namespace TrustMetrics.Clv;

/// <summary>
/// BG/NBD parameters (Fader, Hardie &amp; Lee 2005), also those of MBG/NBD (Batislam, Denizel &amp; Filiztekin 2007): purchase
/// rate λ ~ Gamma(shape r, rate α) while alive; after each purchase the customer drops out with probability p ~ Beta(a, b).
/// α is in the data's time unit (e.g. weeks). Immutable; every instance holds finite positive values.
/// </summary>
public sealed class BgNbdParameters
{
    /// <summary>Parameters r, α, a, b.</summary>
    /// <param name="r">Gamma shape r &gt; 0.</param>
    /// <param name="alpha">Gamma rate α &gt; 0 (time unit).</param>
    /// <param name="a">Beta a &gt; 0.</param>
    /// <param name="b">Beta b &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is NaN, infinite or ≤ 0; the message names it and its value.</exception>
    public BgNbdParameters(double r, double alpha, double a, double b)
    {
        Guard.Positive(r);
        Guard.Positive(alpha);
        Guard.Positive(a);
        Guard.Positive(b);
        (R, Alpha, A, B) = (r, alpha, a, b);
    }

    /// <summary>Gamma shape r of the purchase rate.</summary>
    public double R { get; }

    /// <summary>Gamma rate α of the purchase rate, in the data's time unit.</summary>
    public double Alpha { get; }

    /// <summary>Beta a of the drop-out probability.</summary>
    public double A { get; }

    /// <summary>Beta b of the drop-out probability.</summary>
    public double B { get; }

    /// <summary>"BgNbdParameters(r = …, alpha = …, a = …, b = …)" with round-trip (R) digits, invariant culture.</summary>
    public override string ToString() => $"BgNbdParameters(r = {Guard.Format(R)}, alpha = {Guard.Format(Alpha)}, a = {Guard.Format(A)}, b = {Guard.Format(B)})";

    internal void Deconstruct(out double r, out double alpha, out double a, out double b) => (r, alpha, a, b) = (R, Alpha, A, B);
}
