namespace TrustMetrics.Nps;

/// <summary>
/// The serialisable, versioned form of an <see cref="NpsTally"/>: the three class counts, written and read by
/// <see cref="NpsTally.ToJson"/> / <see cref="NpsTally.FromJson"/> (JSON through the source-generated <c>AccumulatorJsonContext</c>).
/// </summary>
/// <param name="Version">Format version; <see cref="CurrentVersion"/> for states this build writes.</param>
/// <param name="Detractors">Responses scoring 0–6.</param>
/// <param name="Passives">Responses scoring 7–8.</param>
/// <param name="Promoters">Responses scoring 9–10.</param>
internal readonly record struct NpsTallyState(int Version, long Detractors, long Passives, long Promoters)
{
    /// <summary>The format version this build writes and reads: 1.</summary>
    public const int CurrentVersion = 1;
}
