namespace TrustMetrics.Orleans;

/// <summary>One customer's observed lifetime for Kaplan–Meier: how long they were observed and whether they churned then.</summary>
/// <param name="EventId">Unique id of the observation (the retry key).</param>
/// <param name="Duration">Time observed, finite and ≥ 0, in the unit of your choice (days, months).</param>
/// <param name="Churned">True if the customer churned at <paramref name="Duration"/>, false if still active (right-censored).</param>
[GenerateSerializer, Immutable, Alias("TrustMetrics.CustomerOutcome")]
public readonly record struct CustomerOutcome([property: Id(0)] string EventId, [property: Id(1)] double Duration, [property: Id(2)] bool Churned);
