namespace TrustMetrics.Nps;

/// <summary>
/// The serialisable, versioned form of a <see cref="WeightedNpsTally"/>: counts, Σw and Σw² per class, written and read by
/// <see cref="WeightedNpsTally.ToJson"/> / <see cref="WeightedNpsTally.FromJson"/>.
/// </summary>
/// <param name="Version">Format version; <see cref="CurrentVersion"/> for states this build writes.</param>
/// <param name="Detractors">Unweighted detractor count.</param>
/// <param name="Passives">Unweighted passive count.</param>
/// <param name="Promoters">Unweighted promoter count.</param>
/// <param name="DetractorWeight">Σw over detractors.</param>
/// <param name="PassiveWeight">Σw over passives.</param>
/// <param name="PromoterWeight">Σw over promoters.</param>
/// <param name="DetractorWeightSquares">Σw² over detractors.</param>
/// <param name="PassiveWeightSquares">Σw² over passives.</param>
/// <param name="PromoterWeightSquares">Σw² over promoters.</param>
internal readonly record struct WeightedNpsTallyState(
    int Version,
    long Detractors,
    long Passives,
    long Promoters,
    double DetractorWeight,
    double PassiveWeight,
    double PromoterWeight,
    double DetractorWeightSquares,
    double PassiveWeightSquares,
    double PromoterWeightSquares)
{
    /// <summary>The format version this build writes and reads: 1.</summary>
    public const int CurrentVersion = 1;
}
