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
