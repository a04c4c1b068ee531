using System.Globalization;

namespace TrustMetrics.Survival;

/// <summary>
/// The Fleming–Harrington G(ρ, γ) weights of a weighted log-rank test (Harrington &amp; Fleming 1982; Fleming &amp; Harrington 1991,
/// §7.3): at each event time tᵢ the contribution is weighted by wᵢ = Ŝ(tᵢ−)^ρ·(1 − Ŝ(tᵢ−))^γ, Ŝ the Kaplan–Meier curve of the pooled
/// data just before tᵢ. G(0, 0) is the log-rank test; G(ρ, 0) is R <c>survdiff(rho = ρ)</c> (ρ = 1: the Peto–Peto form of the
/// Gehan–Wilcoxon test, weighting early differences); G(0, γ) with γ &gt; 0 weights late differences (e.g. a retention programme
/// that acts only after a while). Value equality.
/// </summary>
public sealed class LogRankWeights : IEquatable<LogRankWeights>
{
    /// <summary>Weights S(t−)^ρ(1 − S(t−))^γ.</summary>
    /// <param name="rho">ρ, finite and ≥ 0.</param>
    /// <param name="gamma">γ, finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">ρ or γ is negative, NaN or infinite.</exception>
    public LogRankWeights(double rho, double gamma)
    {
        Check(rho, nameof(rho));
        Check(gamma, nameof(gamma));
        Rho = rho + 0.0;
        Gamma = gamma + 0.0;
    }

    /// <summary>G(0, 0): the unweighted log-rank test.</summary>
    public static LogRankWeights LogRank { get; } = new(0, 0);

    /// <summary>ρ, the exponent of Ŝ(t−) (early differences).</summary>
    public double Rho { get; }

    /// <summary>γ, the exponent of 1 − Ŝ(t−) (late differences).</summary>
    public double Gamma { get; }

    /// <summary>True for G(0, 0).</summary>
    public bool IsLogRank => Rho == 0 && Gamma == 0;

    /// <summary>G(ρ, γ) weights; same as the constructor.</summary>
    /// <param name="rho">ρ, finite and ≥ 0.</param>
    /// <param name="gamma">γ, finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">ρ or γ is negative, NaN or infinite.</exception>
    public static LogRankWeights FlemingHarrington(double rho, double gamma) => new(rho, gamma);

    /// <summary>True when ρ and γ are equal.</summary>
    /// <param name="other">The other weights.</param>
    public bool Equals(LogRankWeights? other) => other is not null && Rho == other.Rho && Gamma == other.Gamma;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as LogRankWeights);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Rho, Gamma);

    /// <summary>Value equality.</summary>
    /// <param name="left">Weights.</param>
    /// <param name="right">Other weights.</param>
    public static bool operator ==(LogRankWeights? left, LogRankWeights? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Value inequality.</summary>
    /// <param name="left">Weights.</param>
    /// <param name="right">Other weights.</param>
    public static bool operator !=(LogRankWeights? left, LogRankWeights? right) => !(left == right);

    /// <summary>"log-rank" for G(0, 0), otherwise "Fleming–Harrington G(ρ, γ)" (invariant culture).</summary>
    public override string ToString() => IsLogRank
        ? "log-rank"
        : string.Create(CultureInfo.InvariantCulture, $"Fleming–Harrington G({Rho:G6}, {Gamma:G6})");

    private static void Check(double value, string paramName)
    {
        if (!(value >= 0 && value <= double.MaxValue))
        {
            throw new ArgumentOutOfRangeException(paramName, value,
                $"The Fleming–Harrington exponent {paramName} must be finite and ≥ 0; got {Guard.Format(value)}.");
        }
    }
}
