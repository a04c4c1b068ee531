namespace TrustMetrics.Orleans;

/// <summary>One 0–10 "how likely are you to recommend us" answer, identified by a globally unique event id (the retry key).</summary>
/// <param name="EventId">Unique id of the response (e.g. the survey tool's response id); a retried call carries the same id.</param>
/// <param name="Score">The score, 0–10.</param>
[GenerateSerializer, Immutable, Alias("TrustMetrics.SurveyResponse")]
public readonly record struct SurveyResponse([property: Id(0)] string EventId, [property: Id(1)] int Score);
