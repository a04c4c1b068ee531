namespace TrustMetrics.Orleans;

/// <summary>
/// One row of a Cox model kept by a <see cref="ICoxShardGrain"/>: a customer's (or, with <see cref="Start"/>, one interval of a
/// customer's) follow-up in R's <c>Surv(start, stop, event)</c> form, its covariates in the order of the shard's terms, a case weight
/// and a stratum code.
/// </summary>
/// <param name="EventId">The row's id; a shard counts each id once, so a retried batch never adds a row twice.</param>
/// <param name="Stop">Stop time (the duration for right-censored data), finite.</param>
/// <param name="Event">True when the row ends in the event (churn) at <paramref name="Stop"/>.</param>
/// <param name="Covariates">One finite value per term of the shard.</param>
/// <param name="Start">Start time (exclusive), finite and below <paramref name="Stop"/>; null: at risk from the origin of time. Within
/// one shard either every row has a start or none has.</param>
/// <param name="Weight">Case weight, finite and &gt; 0.</param>
/// <param name="Stratum">Stratum code (R <c>strata()</c>); rows of different strata never share a risk set.</param>
[GenerateSerializer, Immutable, Alias("TrustMetrics.CoxObservation")]
public sealed record CoxObservation(
    [property: Id(0)] string EventId,
    [property: Id(1)] double Stop,
    [property: Id(2)] bool Event,
    [property: Id(3)] double[] Covariates,
    [property: Id(4)] double? Start = null,
    [property: Id(5)] double Weight = 1.0,
    [property: Id(6)] int Stratum = 0);
