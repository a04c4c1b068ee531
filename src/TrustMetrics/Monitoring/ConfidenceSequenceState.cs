namespace TrustMetrics.Monitoring;

/// <summary>The versioned state of a <see cref="ConfidenceSequence"/>: the range, α, ρ and the sufficient statistic (n, Σ of the values rescaled to [0, 1]).</summary>
/// <param name="Version">Format version (<see cref="CurrentVersion"/>).</param>
/// <param name="LowerBound">Lower end a of the range of one observation.</param>
/// <param name="UpperBound">Upper end b.</param>
/// <param name="Alpha">Error rate over the whole stream.</param>
/// <param name="Rho">Mixture precision ρ on the [0, 1] scale.</param>
/// <param name="Count">Observations.</param>
/// <param name="UnitSum">Σ (x − a)/(b − a).</param>
internal readonly record struct ConfidenceSequenceState(int Version, double LowerBound, double UpperBound, double Alpha, double Rho, long Count, double UnitSum)
{
    /// <summary>The format version this build writes and reads: 1.</summary>
    public const int CurrentVersion = 1;
}
