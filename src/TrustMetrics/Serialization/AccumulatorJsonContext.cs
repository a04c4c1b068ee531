using System.Text.Json.Serialization;
using TrustMetrics.Churn;
using TrustMetrics.Clv;
using TrustMetrics.Funnel;
using TrustMetrics.Nps;
using TrustMetrics.Quantiles;
using TrustMetrics.Scales;
using TrustMetrics.Sentiment;
using TrustMetrics.Survival;

namespace TrustMetrics.Serialization;

/// <summary>
/// System.Text.Json source-generated metadata for every accumulator state (trimming- and AOT-safe): camelCase property names,
/// enums as their names, NaN/∞ as the named literals (an empty <see cref="KllSketchState"/> has NaN extremes). Reached through
/// <see cref="AccumulatorJson"/>.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(NpsTallyState))]
[JsonSerializable(typeof(WeightedNpsTallyState))]
[JsonSerializable(typeof(PairedNpsTallyState))]
[JsonSerializable(typeof(SentimentTallyState))]
[JsonSerializable(typeof(SentimentConfusionState))]
[JsonSerializable(typeof(ClassifiedSentimentTallyState))]
[JsonSerializable(typeof(ScaleTallyState))]
[JsonSerializable(typeof(FunnelTallyState))]
[JsonSerializable(typeof(SurvivalTallyState))]
[JsonSerializable(typeof(CoxRiskSetSumsState))]
[JsonSerializable(typeof(CompetingRisksTallyState))]
[JsonSerializable(typeof(ChurnTallyState))]
[JsonSerializable(typeof(KllSketchState))]
[JsonSerializable(typeof(CompressedHistoriesState))]
internal sealed partial class AccumulatorJsonContext : JsonSerializerContext;
