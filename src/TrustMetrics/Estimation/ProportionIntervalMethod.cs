namespace TrustMetrics.Estimation;

/// <summary>Confidence-interval methods for a binomial proportion x/n (formulas in docs/intervals.md).</summary>
public enum ProportionIntervalMethod
{
    /// <summary>Wilson (1927) score interval: (p̂ + z²/2n ± z·√(p̂q̂/n + z²/4n²)) / (1 + z²/n). The default: near-nominal coverage at small n, never outside [0, 1].</summary>
    Wilson = 0,

    /// <summary>Wilson with continuity correction, Newcombe (1998) method 4 closed form.</summary>
    WilsonContinuityCorrected = 1,

    /// <summary>Agresti–Coull (1998): ñ = n + z², p̃ = (x + z²/2)/ñ, p̃ ± z·√(p̃(1−p̃)/ñ), clipped to [0, 1].</summary>
    AgrestiCoull = 2,

    /// <summary>Clopper–Pearson (1934) exact interval from beta quantiles: [B⁻¹(α/2; x, n−x+1), B⁻¹(1−α/2; x+1, n−x)].</summary>
    ClopperPearson = 3,

    /// <summary>Jeffreys equal-tailed Beta(x + ½, n − x + ½) interval with the Brown–Cai–DasGupta (2001) boundary rule (lower 0 at x = 0, upper 1 at x = n).</summary>
    Jeffreys = 4,

    /// <summary>Wald (normal approximation): p̂ ± z·√(p̂q̂/n), clipped to [0, 1]. Poor coverage near 0 and 1; offered for comparison with legacy reports.</summary>
    Wald = 5,
}
