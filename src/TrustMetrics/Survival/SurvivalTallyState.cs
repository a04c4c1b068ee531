namespace TrustMetrics.Survival;

/// <summary>
/// The serialisable, versioned form of a <see cref="SurvivalTally"/> in its canonical form: strictly increasing distinct times tᵢ
/// with the events dᵢ and censorings cᵢ at each (dᵢ + cᵢ ≥ 1). Build it with <see cref="SurvivalTally.ToState"/>, read it back with
/// <see cref="SurvivalTally.FromState"/>; partial counts in any order go through <see cref="SurvivalTally.FromCounts"/> instead.
/// </summary>
/// <param name="Version">Format version; <see cref="SurvivalTallyState.CurrentVersion"/> for states this build writes.</param>
/// <param name="Times">Distinct times, strictly increasing, finite and ≥ 0.</param>
/// <param name="Events">Events (churned) at each time.</param>
/// <param name="Censored">Censorings (still active) at each time.</param>
internal sealed record SurvivalTallyState(int Version, double[] Times, long[] Events, long[] Censored)
{
    /// <summary>The format version this build writes and reads: 1.</summary>
    public const int CurrentVersion = 1;
}
