namespace TrustMetrics.Quantiles;

/// <summary>
/// The serialisable, versioned form of a <see cref="KllSketch"/>: k, the exact count and extremes, the coin-flip generator state
/// and the retained values of every level (level h holds values of weight 2ʰ; levels above 0 sorted). Σₕ 2ʰ·|level h| = Count.
/// A sketch rebuilt with <see cref="KllSketch.FromState"/> answers and continues exactly as the original.
/// </summary>
/// <param name="Version">Format version; <see cref="KllSketchState.CurrentVersion"/> for states this build writes.</param>
/// <param name="K">Accuracy parameter.</param>
/// <param name="Count">Values added n.</param>
/// <param name="Min">Smallest value (NaN when empty).</param>
/// <param name="Max">Largest value (NaN when empty).</param>
/// <param name="RandomState">SplitMix64 generator state.</param>
/// <param name="Levels">Retained values per level, level 0 first.</param>
internal sealed record KllSketchState(int Version, int K, long Count, double Min, double Max, ulong RandomState, double[][] Levels)
{
    /// <summary>The format version this build writes and reads: 1.</summary>
    public const int CurrentVersion = 1;
}
