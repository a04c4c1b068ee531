using System.Globalization;

namespace TrustMetrics.Serialization;

/// <summary>Checks shared by every <c>FromState</c>: the message names the state type, the field and the offending value.</summary>
internal static class StateGuard
{
    /// <summary>Throws unless <paramref name="version"/> is the one this build writes (1): a newer writer's state is refused, not misread.</summary>
    public static void Version(int version, int current, string stateType)
    {
        if (version != current)
        {
            throw new ArgumentException(
                $"{stateType}.Version = {version}: this build reads version {current} only (0 usually means a missing or default state).", "state");
        }
    }

    /// <summary>Throws when an array field is null (a JSON document that lacks it).</summary>
    public static T[] Required<T>(T[]? values, string stateType, string field) =>
        values ?? throw new ArgumentException($"{stateType}.{field} is null: the field is required.", "state");

    /// <summary>Throws when a count is negative.</summary>
    public static void NonNegative(long value, string stateType, string field)
    {
        if (value < 0)
        {
            throw new ArgumentException($"{stateType}.{field} = {value} is negative: counts are ≥ 0.", "state");
        }
    }

    /// <summary>Throws when element <paramref name="index"/> of a count array is negative.</summary>
    public static void NonNegative(long value, string stateType, string field, int index)
    {
        if (value < 0)
        {
            throw new ArgumentException($"{stateType}.{field}[{index}] = {value} is negative: counts are ≥ 0.", "state");
        }
    }

    /// <summary>Throws when a sum of weights is negative, NaN or infinite.</summary>
    public static void FiniteNonNegative(double value, string stateType, string field)
    {
        if (!(double.IsFinite(value) && value >= 0))
        {
            throw new ArgumentException($"{stateType}.{field} = {Guard.Format(value)} must be finite and ≥ 0.", "state");
        }
    }

    /// <summary>Throws when two parallel arrays differ in length.</summary>
    public static void SameLength(int expected, int actual, string stateType, string expectedField, string field)
    {
        if (expected != actual)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{stateType}.{field} has {actual} elements but {stateType}.{expectedField} has {expected}: they pair one to one."),
                "state");
        }
    }

    /// <summary>A state error with a free-form reason.</summary>
    public static ArgumentException Invalid(string stateType, string field, string reason) =>
        new($"{stateType}.{field}: {reason}", "state");
}
