namespace TrustMetrics.Clv;

/// <summary>
/// BG/BB parameters (Fader, Hardie &amp; Shang 2010), discrete-time non-contractual: at each opportunity an alive customer buys with
/// probability p ~ Beta(α, β) and then drops out with probability θ ~ Beta(γ, δ). Immutable; every instance holds finite
/// positive values.
/// </summary>
public sealed class BgBbParameters
{
    /// <summary>Parameters α, β, γ, δ.</summary>
    /// <param name="alpha">α &gt; 0 of the purchase probability.</param>
    /// <param name="beta">β &gt; 0 of the purchase probability.</param>
    /// <param name="gamma">γ &gt; 0 of the drop-out probability.</param>
    /// <param name="delta">δ &gt; 0 of the drop-out probability.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is NaN, infinite or ≤ 0; the message names it and its value.</exception>
    public BgBbParameters(double alpha, double beta, double gamma, double delta)
    {
        Guard.Positive(alpha);
        Guard.Positive(beta);
        Guard.Positive(gamma);
        Guard.Positive(delta);
        (Alpha, Beta, Gamma, Delta) = (alpha, beta, gamma, delta);
    }

    /// <summary>Beta α of the purchase probability.</summary>
    public double Alpha { get; }

    /// <summary>Beta β of the purchase probability.</summary>
    public double Beta { get; }

    /// <summary>Beta γ of the drop-out probability.</summary>
    public double Gamma { get; }

    /// <summary>Beta δ of the drop-out probability.</summary>
    public double Delta { get; }

    /// <summary>"BgBbParameters(alpha = …, beta = …, gamma = …, delta = …)" with round-trip (R) digits, invariant culture.</summary>
    public override string ToString() => $"BgBbParameters(alpha = {Guard.Format(Alpha)}, beta = {Guard.Format(Beta)}, gamma = {Guard.Format(Gamma)}, delta = {Guard.Format(Delta)})";

    internal void Deconstruct(out double alpha, out double beta, out double gamma, out double delta) => (alpha, beta, gamma, delta) = (Alpha, Beta, Gamma, Delta);
}
