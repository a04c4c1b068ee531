namespace TrustMetrics.Scales;

/// <summary>
/// The serialisable, versioned form of a <see cref="ScaleTally"/> (CSAT, CES, star ratings): the scale's ends and one count
/// per scale point, written and read by <see cref="ScaleTally.ToJson"/> / <see cref="ScaleTally.FromJson"/>.
/// </summary>
/// <param name="Version">Format version; <see cref="ScaleTallyState.CurrentVersion"/> for states this build writes.</param>
/// <param name="Min">Lowest answer of the scale.</param>
/// <param name="Max">Highest answer of the scale.</param>
/// <param name="Counts">Max − Min + 1 counts, index 0 holding answers equal to Min.</param>
internal sealed record ScaleTallyState(int Version, int Min, int Max, long[] Counts)
{
    /// <summary>The format version this build writes and reads: 1.</summary>
    public const int CurrentVersion = 1;
}
