using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace TrustMetrics.Monitoring;

/// <summary>
/// A small thread-safe cache of CUSUM lattice steps and thresholds per (pre-change distribution, drop, ARL₀), keyed by the exact
/// bits of the inputs so a hit returns what <see cref="CusumChain.Threshold"/> would compute. Building a detector for a baseline
/// already seen (a grain reactivated after a silo failure, a report rerun, the GLR's grid shared by detectors) skips the
/// Markov-chain solves. Bounded: at <see cref="Capacity"/> entries it is cleared (a rebuild costs only time).
/// </summary>
internal static class ThresholdCache
{
    /// <summary>Entries kept at most.</summary>
    public const int Capacity = 512;

    private static readonly ConcurrentDictionary<string, (double Step, long Threshold)> Entries = new(StringComparer.Ordinal);

    /// <summary>The lattice step and integer threshold of the CUSUM for <paramref name="drop"/> with ARL₀ <paramref name="arl"/>.</summary>
    /// <param name="baseline">The pre-change distribution.</param>
    /// <param name="drop">The drop δ.</param>
    /// <param name="arl">The ARL₀ of this CUSUM.</param>
    /// <param name="compute">Computes the entry on a miss.</param>
    /// <param name="variant">Distinguishes thresholds of the same chart computed another way (an <see cref="EstimatedBaseline"/>'s n, guarantee and replicates); empty for the known-baseline threshold.</param>
    public static (double Step, long Threshold) Get(PreChangeDistribution baseline, double drop, double arl, Func<(double Step, long Threshold)> compute, string variant = "")
    {
        var key = new StringBuilder();
        foreach (double v in baseline.ValueSpan)
        {
            key.Append(BitConverter.DoubleToInt64Bits(v).ToString("x", CultureInfo.InvariantCulture)).Append(',');
        }

        key.Append('|');
        foreach (double p in baseline.ProbabilitySpan)
        {
            key.Append(BitConverter.DoubleToInt64Bits(p).ToString("x", CultureInfo.InvariantCulture)).Append(',');
        }

        key.Append('|').Append(BitConverter.DoubleToInt64Bits(drop).ToString("x", CultureInfo.InvariantCulture))
            .Append('|').Append(BitConverter.DoubleToInt64Bits(arl).ToString("x", CultureInfo.InvariantCulture))
            .Append('|').Append(variant);
        string k = key.ToString();
        if (Entries.TryGetValue(k, out var hit))
        {
            return hit;
        }

        var value = compute();
        if (Entries.Count >= Capacity)
        {
            Entries.Clear();
        }

        Entries[k] = value;
        return value;
    }
}
