namespace TrustMetrics.Monitoring;

/// <summary>The versioned state of a <see cref="ChangeDetector"/> (one entry per drop size in the array fields).</summary>
/// <param name="Version">Format version (<see cref="CurrentVersion"/>).</param>
/// <param name="Method">CUSUM (one drop) or GLR (a grid).</param>
/// <param name="Values">The pre-change distribution's values.</param>
/// <param name="Probabilities">Their probabilities.</param>
/// <param name="AverageRunLength">The ARL₀ asked.</param>
/// <param name="Drops">The drop sizes δ (mean units).</param>
/// <param name="Steps">Lattice step w of each drop's CUSUM.</param>
/// <param name="Thresholds">Integer threshold H of each.</param>
/// <param name="Statistics">Current integer statistic W of each.</param>
/// <param name="RunCounts">Observations since each statistic last left 0.</param>
/// <param name="RunSums">Their sum.</param>
/// <param name="Count">Observations so far.</param>
/// <param name="Alarms">Alarms raised so far.</param>
/// <param name="BaselineAnswers">For a baseline estimated from data (<see cref="EstimatedBaseline"/>): its answers n; null = known baseline (absent in states written before).</param>
/// <param name="Guarantee">The estimated baseline's guarantee 1 − α′; null with <paramref name="BaselineAnswers"/>.</param>
/// <param name="Replicates">Its bootstrap replicates; null with <paramref name="BaselineAnswers"/>.</param>
internal sealed record ChangeDetectorState(int Version, ChangeDetectionMethod Method, double[] Values, double[] Probabilities, double AverageRunLength,
    double[] Drops, double[] Steps, long[] Thresholds, long[] Statistics, long[] RunCounts, double[] RunSums, long Count, long Alarms,
    long? BaselineAnswers = null, double? Guarantee = null, int? Replicates = null)
{
    /// <summary>The format version this build writes and reads: 1.</summary>
    public const int CurrentVersion = 1;
}
