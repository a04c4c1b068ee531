using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace TrustMetrics.Monitoring;

/// <summary>Source-generated JSON metadata of the monitor states (same options as the accumulator states: camelCase, version first).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ConfidenceSequenceState))]
[JsonSerializable(typeof(MeanDropTestState))]
[JsonSerializable(typeof(ChangeDetectorState))]
internal sealed partial class MonitoringJsonContext : JsonSerializerContext;

/// <summary>Reads monitor states, turning parser errors into <see cref="ArgumentException"/> (no System.Text.Json exception escapes).</summary>
internal static class MonitoringJson
{
    public static TState Deserialize<TState>(string json, JsonTypeInfo<TState> info)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize(json, info) ?? throw new ArgumentException($"The JSON is null, not a {typeof(TState).Name}.", nameof(json));
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"The JSON is not a valid {typeof(TState).Name}: {e.Message}", nameof(json), e);
        }
    }

    /// <summary>Throws unless a state's double field is finite (and, with <paramref name="positive"/>, &gt; 0).</summary>
    public static void Finite(double value, string stateType, string field, bool positive = false)
    {
        if (!double.IsFinite(value) || (positive && !(value > 0)))
        {
            throw Serialization.StateGuard.Invalid(stateType, field, $"{Guard.Format(value)} must be a finite number{(positive ? " > 0" : "")}.");
        }
    }
}
