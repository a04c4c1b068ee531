using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace TrustMetrics.Serialization;

/// <summary>
/// JSON of the accumulator states (<c>NpsTallyState</c>, <c>ScaleTallyState</c>, <c>SurvivalTallyState</c>, <c>ChurnTallyState</c>,
/// <c>KllSketchState</c>, …) through System.Text.Json source generation, so it works trimmed and native-AOT. The format is compact and
/// stable: camelCase names, a <c>version</c> field first, plain counts and arrays, enums by name, NaN as <c>"NaN"</c>. Example:
/// <c>{"version":1,"detractors":12,"passives":30,"promoters":58}</c>. Validation happens in each tally's <c>FromState</c>.
/// </summary>
internal static class AccumulatorJson
{
    /// <summary>The source-generated metadata of <typeparamref name="TState"/>, e.g. to compose with your own <c>JsonSerializerContext</c>.</summary>
    /// <typeparam name="TState">An accumulator state type of this library.</typeparam>
    /// <exception cref="NotSupportedException">The type is not an accumulator state.</exception>
    public static JsonTypeInfo<TState> TypeInfo<TState>() =>
        AccumulatorJsonContext.Default.GetTypeInfo(typeof(TState)) is JsonTypeInfo<TState> info && IsState(typeof(TState)) ? info
            : throw new NotSupportedException($"{typeof(TState).Name} is not a TrustMetrics accumulator state.");

    /// <summary>The state as a JSON string.</summary>
    /// <typeparam name="TState">An accumulator state type.</typeparam>
    /// <param name="state">The state.</param>
    public static string Serialize<TState>(TState state) => JsonSerializer.Serialize(state, TypeInfo<TState>());

    /// <summary>The state as UTF-8 JSON bytes.</summary>
    /// <typeparam name="TState">An accumulator state type.</typeparam>
    /// <param name="state">The state.</param>
    public static byte[] SerializeToUtf8Bytes<TState>(TState state) => JsonSerializer.SerializeToUtf8Bytes(state, TypeInfo<TState>());

    /// <summary>Reads a state from JSON (validate it by passing it to the tally's <c>FromState</c>).</summary>
    /// <typeparam name="TState">An accumulator state type.</typeparam>
    /// <param name="json">A JSON document.</param>
    /// <exception cref="ArgumentException">The document is <c>null</c> or not a state of this type (the message carries the parser's path and position).</exception>
    public static TState Deserialize<TState>(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Read(() => JsonSerializer.Deserialize(json, TypeInfo<TState>()));
    }

    /// <summary>Reads a state from UTF-8 JSON bytes.</summary>
    /// <typeparam name="TState">An accumulator state type.</typeparam>
    /// <param name="utf8Json">A UTF-8 JSON document.</param>
    /// <exception cref="ArgumentException">The document is <c>null</c> or not a state of this type.</exception>
    public static TState Deserialize<TState>(byte[] utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        return Read(() => JsonSerializer.Deserialize(utf8Json, TypeInfo<TState>()));
    }

    private static TState Read<TState>(Func<TState?> parse)
    {
        try
        {
            return parse() ?? throw new ArgumentException($"The JSON is null, not a {typeof(TState).Name}.", "json");
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"The JSON is not a valid {typeof(TState).Name}: {e.Message}", "json", e);
        }
    }

    private static bool IsState(Type type) => type.Name.EndsWith("State", StringComparison.Ordinal) && type.Namespace?.StartsWith("TrustMetrics", StringComparison.Ordinal) == true;
}
