using TrustMetrics.Quantiles;

namespace TrustMetrics.Statistics;

/// <summary>
/// Sample quantiles by the Hyndman–Fan (1996) definitions: the one implementation of the library (the public
/// <see cref="SampleQuantiles"/>, the trust-index bootstrap percentiles and every family's percentiles read it).
/// Q(p) = (1 − γ)·x₍ⱼ₎ + γ·x₍ⱼ₊₁₎, j = ⌊np + m⌋, g = np + m − j, x₍₀₎ = x₍₁₎, x₍ₙ₊₁₎ = x₍ₙ₎.
/// </summary>
internal static class SampleQuantile
{
    /// <summary>R's default type 7 (linear interpolation, numpy's default) on sorted values, p in [0, 1].</summary>
    public static double Type7(ReadOnlySpan<double> sorted, double p) => Compute(sorted, p, QuantileType.Type7);

    /// <summary>The core definition on a sorted span (validated by the callers).</summary>
    public static double Compute(ReadOnlySpan<double> x, double p, QuantileType type)
    {
        int n = x.Length;
        double m = type switch
        {
            QuantileType.Type1 or QuantileType.Type2 or QuantileType.Type4 => 0.0,
            QuantileType.Type3 => -0.5,
            QuantileType.Type5 => 0.5,
            QuantileType.Type6 => p,
            QuantileType.Type7 => 1.0 - p,
            QuantileType.Type8 => (p + 1.0) / 3.0,
            _ => p / 4.0 + 3.0 / 8.0,
        };

        double position = n * p + m;
        double j = Math.Floor(position);
        double g = position - j;
        // Snap a position a few ulps from an integer onto it: p·n is rarely exact in binary (0.07·100 = 7.000000000000001).
        double fuzz = 8.0 * Math.Max(1.0, Math.Abs(position)) * MachineEpsilon;
        if (1.0 - g <= fuzz)
        {
            j += 1.0;
            g = 0.0;
        }
        else if (g <= fuzz)
        {
            g = 0.0;
        }

        double gamma = type switch
        {
            QuantileType.Type1 => g == 0 ? 0.0 : 1.0,
            QuantileType.Type2 => g == 0 ? 0.5 : 1.0,
            QuantileType.Type3 => g == 0 && ((long)j & 1) == 0 ? 0.0 : 1.0,
            _ => g,
        };

        double lower = At(x, j), upper = At(x, j + 1);
        if (gamma == 0 || lower == upper)
        {
            return lower;
        }

        // x₍ⱼ₎ + γ(x₍ⱼ₊₁₎ − x₍ⱼ₎), the form of the notes (§4.1), monotone in γ.
        return gamma == 1 ? upper : lower + gamma * (upper - lower);
    }

    private const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>x₍ₖ₎ with 1-based k, clamped to x₍₁₎ below and x₍ₙ₎ above.</summary>
    private static double At(ReadOnlySpan<double> x, double k) =>
        k < 1 ? x[0] : k > x.Length ? x[^1] : x[(int)k - 1];

}
