namespace TrustMetrics.Clv;

/// <summary>
/// Pareto/NBD parameters (Schmittlein, Morrison &amp; Colombo 1987): purchase rate λ ~ Gamma(r, α) and exponential lifetime with
/// drop-out rate μ ~ Gamma(s, β); α and β in the data's time unit. Immutable; every instance holds finite positive values.
/// </summary>
public sealed class ParetoNbdParameters
{
    /// <summary>Parameters r, α, s, β.</summary>
    /// <param name="r">Gamma shape r &gt; 0 of the purchase rate.</param>
    /// <param name="alpha">Gamma rate α &gt; 0 of the purchase rate (time unit).</param>
    /// <param name="s">Gamma shape s &gt; 0 of the drop-out rate.</param>
    /// <param name="beta">Gamma rate β &gt; 0 of the drop-out rate (time unit).</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is NaN, infinite or ≤ 0; the message names it and its value.</exception>
    public ParetoNbdParameters(double r, double alpha, double s, double beta)
    {
        Guard.Positive(r);
        Guard.Positive(alpha);
        Guard.Positive(s);
        Guard.Positive(beta);
        (R, Alpha, S, Beta) = (r, alpha, s, beta);
    }

    /// <summary>Gamma shape r of the purchase rate.</summary>
    public double R { get; }

    /// <summary>Gamma rate α of the purchase rate, in the data's time unit.</summary>
    public double Alpha { get; }

    /// <summary>Gamma shape s of the drop-out rate.</summary>
    public double S { get; }

    /// <summary>Gamma rate β of the drop-out rate, in the data's time unit.</summary>
    public double Beta { get; }

    /// <summary>"ParetoNbdParameters(r = …, alpha = …, s = …, beta = …)" with round-trip (R) digits, invariant culture.</summary>
    public override string ToString() => $"ParetoNbdParameters(r = {Guard.Format(R)}, alpha = {Guard.Format(Alpha)}, s = {Guard.Format(S)}, beta = {Guard.Format(Beta)})";

    internal void Deconstruct(out double r, out double alpha, out double s, out double beta) => (r, alpha, s, beta) = (R, Alpha, S, Beta);
}
