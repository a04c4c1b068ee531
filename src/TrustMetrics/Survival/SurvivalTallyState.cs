namespace TrustMetrics.Survival;

/// <summary>
/// The serialisable, versioned form of a <see cref="SurvivalTally"/> in its canonical form: strictly increasing distinct exit times tᵢ
/// with the events dᵢ and censorings cᵢ at each (dᵢ + cᵢ ≥ 1), and (version 2) the strictly increasing distinct entry times of the
/// subjects with delayed entry with the number entering at each (≥ 1). Build it with <see cref="SurvivalTally.ToState"/>, read it back
/// with <see cref="SurvivalTally.FromState"/>; partial counts in any order go through <see cref="SurvivalTally.FromCounts(ReadOnlySpan{double}, ReadOnlySpan{long}, ReadOnlySpan{long})"/> instead.
/// Version 1 (no entry arrays: right-censored data only) is still read.
/// </summary>
/// <param name="Version">Format version; <see cref="SurvivalTallyState.CurrentVersion"/> for states this build writes, 1 still read.</param>
/// <param name="Times">Distinct exit times, strictly increasing, finite and ≥ 0.</param>
/// <param name="Events">Events (churned) at each time.</param>
/// <param name="Censored">Censorings (still active) at each time.</param>
/// <param name="EntryTimes">Version 2: distinct entry times of late entrants, strictly increasing, finite and ≥ 0 (empty without delayed entry); absent in version 1.</param>
/// <param name="Entered">Version 2: subjects entering at each entry time, ≥ 1; absent in version 1.</param>
internal sealed record SurvivalTallyState(int Version, double[] Times, long[] Events, long[] Censored, double[]? EntryTimes = null, long[]? Entered = null)
{
    /// <summary>The format version this build writes: 2 (adds delayed entry). Version 1 is still read.</summary>
    public const int CurrentVersion = 2;

    /// <summary>The first format: exit times, events and censorings only.</summary>
    public const int RightCensoredVersion = 1;
}
