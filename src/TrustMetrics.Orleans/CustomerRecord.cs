namespace TrustMetrics.Orleans;

/// <summary>One customer (or subscription) span for period churn and cohort tables: acquired on Start, lost on End (null if active).</summary>
/// <param name="EventId">Unique id of the record (the retry key).</param>
/// <param name="Start">Acquisition date.</param>
/// <param name="End">Churn date, or null while active; not before <paramref name="Start"/>.</param>
[GenerateSerializer, Immutable, Alias("TrustMetrics.CustomerRecord")]
public readonly record struct CustomerRecord([property: Id(0)] string EventId, [property: Id(1)] DateOnly Start, [property: Id(2)] DateOnly? End);
