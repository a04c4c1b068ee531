namespace TrustMetrics.Quantiles;

/// <summary>
/// The nine sample-quantile definitions of Hyndman &amp; Fan (1996), "Sample quantiles in statistical packages",
/// The American Statistician 50(4):361–365, numbered as in R's <c>quantile(type = …)</c>:
/// Q(p) = (1 − γ)·x₍ⱼ₎ + γ·x₍ⱼ₊₁₎ with j = ⌊np + m⌋, g = np + m − j.
/// </summary>
public enum QuantileType
{
    /// <summary>Inverse of the empirical CDF (m = 0, γ = 0 if g = 0 else 1): the nearest-rank ⌈np⌉ used for SLA-style "P95"; numpy <c>inverted_cdf</c>.</summary>
    Type1 = 1,

    /// <summary>Type 1 averaged at discontinuities (m = 0, γ = ½ if g = 0 else 1); SAS default; numpy <c>averaged_inverted_cdf</c>.</summary>
    Type2 = 2,

    /// <summary>Nearest even order statistic (m = −½, γ = 0 if g = 0 and j even, else 1); SAS definition 2; numpy <c>closest_observation</c>.</summary>
    Type3 = 3,

    /// <summary>Linear interpolation of the empirical CDF (m = 0, γ = g); numpy <c>interpolated_inverted_cdf</c>.</summary>
    Type4 = 4,

    /// <summary>Piecewise linear through (k − ½)/n (m = ½, γ = g); numpy <c>hazen</c>.</summary>
    Type5 = 5,

    /// <summary>p_k = k/(n + 1) (m = p, γ = g); Minitab, SPSS, Excel <c>PERCENTILE.EXC</c>; numpy <c>weibull</c>.</summary>
    Type6 = 6,

    /// <summary>p_k = (k − 1)/(n − 1) (m = 1 − p, γ = g); the default of R, numpy (<c>linear</c>) and Excel <c>PERCENTILE.INC</c>, and of this library.</summary>
    Type7 = 7,

    /// <summary>p_k = (k − ⅓)/(n + ⅓) (m = (p + 1)/3, γ = g); approximately median-unbiased, Hyndman &amp; Fan's recommendation.</summary>
    Type8 = 8,

    /// <summary>p_k = (k − ⅜)/(n + ¼) (m = p/4 + ⅜, γ = g); approximately unbiased for normal data.</summary>
    Type9 = 9,
}
