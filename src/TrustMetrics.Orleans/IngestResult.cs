namespace TrustMetrics.Orleans;

/// <summary>What an ingestion call did: events counted now, and events skipped because their id was already counted (a retry).</summary>
/// <param name="Accepted">Events counted by this call.</param>
/// <param name="Duplicates">Events whose id this key had already counted, skipped.</param>
[GenerateSerializer, Immutable, Alias("TrustMetrics.IngestResult")]
public readonly record struct IngestResult([property: Id(0)] int Accepted, [property: Id(1)] int Duplicates);
