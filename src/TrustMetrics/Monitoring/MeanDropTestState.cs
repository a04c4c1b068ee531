namespace TrustMetrics.Monitoring;

/// <summary>The versioned state of a <see cref="MeanDropTest"/>.</summary>
/// <param name="Version">Format version (<see cref="CurrentVersion"/>).</param>
/// <param name="LowerBound">Lower end a of the range.</param>
/// <param name="UpperBound">Upper end b.</param>
/// <param name="BaselineMean">The baseline μ₀ tested against.</param>
/// <param name="Alpha">Error rate over the whole stream.</param>
/// <param name="Rho">Mixture precision ρ on the [0, 1] scale.</param>
/// <param name="Count">Observations.</param>
/// <param name="UnitSum">S = Σ ((x − a)/(b − a) − (μ₀ − a)/(b − a)), formed as <paramref name="UnitValueSum"/> − Count × (μ₀ − a)/(b − a) rounded once (version 1: added one by one, the whole state).</param>
/// <param name="MaxLogEValue">Running maximum of log E (≥ 0: E₀ = 1).</param>
/// <param name="RejectedAt">The observation at which E first reached 1/α; 0 when it has not.</param>
/// <param name="UnitValueSum">U = Σ (x − a)/(b − a), added one by one (version 2; absent, 0, in version 1).</param>
internal readonly record struct MeanDropTestState(int Version, double LowerBound, double UpperBound, double BaselineMean, double Alpha, double Rho,
    long Count, double UnitSum, double MaxLogEValue, long RejectedAt, double UnitValueSum = 0)
{
    /// <summary>The format version this build writes: 2 (U kept, so batches can count classes exactly); version 1 is still read.</summary>
    public const int CurrentVersion = 2;
}
