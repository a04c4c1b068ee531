namespace TrustMetrics.Nps;

/// <summary>
/// The serialisable, versioned form of a <see cref="PairedNpsTally"/>: the nine cells of the 3×3 transition table,
/// written and read by <see cref="PairedNpsTally.ToJson"/> / <see cref="PairedNpsTally.FromJson"/>.
/// </summary>
/// <param name="Version">Format version; <see cref="CurrentVersion"/> for states this build writes.</param>
/// <param name="Counts">Nine counts in row-major order: index 3·before + after, categories in the order detractor, passive, promoter.</param>
internal sealed record PairedNpsTallyState(int Version, long[] Counts)
{
    /// <summary>The format version this build writes and reads: 1.</summary>
    public const int CurrentVersion = 1;
}
