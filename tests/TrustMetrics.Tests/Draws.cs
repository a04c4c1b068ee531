namespace TrustMetrics.Tests;

/// <summary>
/// Categorical and multinomial draws for the seeded coverage simulations (one uniform per draw, inverse CDF over the cells in
/// order), from any generator: <see cref="Random"/> or the library's xoshiro256** (<c>Statistics.RandomNumbers</c>).
/// </summary>
internal static class Draws
{
    /// <summary>
    /// One draw: the first category k with u &lt; w₀ + … + w_k for u = <paramref name="random"/>.NextDouble(); the last category
    /// takes what the rounding of the cumulative sum leaves.
    /// </summary>
    public static int Category(Random random, ReadOnlySpan<double> weights)
    {
        double u = random.NextDouble(), cumulative = 0;
        for (int k = 0; k < weights.Length - 1; k++)
        {
            if (u < (cumulative += weights[k]))
            {
                return k;
            }
        }

        return weights.Length - 1;
    }

    /// <summary>A multinomial sample: <paramref name="counts"/> (cleared first) counts <paramref name="n"/> categorical draws over <paramref name="cells"/>.</summary>
    public static void Multinomial(Random random, ReadOnlySpan<double> cells, int n, long[] counts)
    {
        Array.Clear(counts);
        for (int i = 0; i < n; i++)
        {
            counts[Category(random, cells)]++;
        }
    }
}
