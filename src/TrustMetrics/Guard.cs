using System.Runtime.CompilerServices;

namespace TrustMetrics;

/// <summary>Argument checks at the public edge; every message names the argument and the offending value.</summary>
internal static class Guard
{
    /// <summary>Throws unless <paramref name="level"/> lies strictly between 0 and 1.</summary>
    public static void ConfidenceLevel(double level, [CallerArgumentExpression(nameof(level))] string? paramName = null)
    {
        if (!(level > 0.0 && level < 1.0))
        {
            throw new ArgumentOutOfRangeException(paramName, level,
                $"The confidence level must lie strictly between 0 and 1 (for example 0.95); got {Format(level)}.");
        }
    }

    /// <summary>Throws unless <paramref name="value"/> is a finite number.</summary>
    public static void Finite(double value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be a finite number; got {Format(value)}.");
        }
    }

    /// <summary>Throws unless <paramref name="value"/> is finite and strictly positive.</summary>
    public static void Positive(double value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (!(double.IsFinite(value) && value > 0))
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be a finite number greater than 0; got {Format(value)}.");
        }
    }

    /// <summary>Throws unless <paramref name="value"/> is not negative.</summary>
    public static void NonNegative(long value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must not be negative; got {value}.");
        }
    }

    /// <summary>Throws unless <paramref name="value"/> is a defined member of its enum.</summary>
    public static void Defined<TEnum>(TEnum value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} is not a known {typeof(TEnum).Name}; got {value}.");
        }
    }

    /// <summary>Throws the empty-sample exception every metric uses, so the wording stays the same everywhere.</summary>
    public static ArgumentException Empty(string metric, string? paramName) =>
        new($"{metric} is undefined for an empty sample: there are no responses.", paramName);

    /// <summary>Invariant-culture rendering used in messages, so "0.5" never prints as "0,5".</summary>
    public static string Format(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
