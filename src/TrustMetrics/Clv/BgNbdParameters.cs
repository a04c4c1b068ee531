namespace TrustMetrics.Clv;

/// <summary>
/// BG/NBD parameters (Fader, Hardie &amp; Lee 2005): purchase rate λ ~ Gamma(shape r, rate α) while alive; after each purchase
/// the customer drops out with probability p ~ Beta(a, b). α is in the data's time unit (e.g. weeks).
/// </summary>
/// <param name="R">Gamma shape r &gt; 0.</param>
/// <param name="Alpha">Gamma rate α &gt; 0 (time unit).</param>
/// <param name="A">Beta a &gt; 0.</param>
/// <param name="B">Beta b &gt; 0.</param>
public readonly record struct BgNbdParameters(double R, double Alpha, double A, double B)
{
    internal void Validate(string paramName)
    {
        if (!(R > 0 && Alpha > 0 && A > 0 && B > 0 && double.IsFinite(R + Alpha + A + B)))
        {
            throw new ArgumentOutOfRangeException(paramName, this, $"BG/NBD parameters must be finite and > 0; got {this}.");
        }
    }
}
