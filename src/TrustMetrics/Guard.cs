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

    /// <summary>Throws unless <paramref name="value"/> is a probability in [0, 1] (NaN refused).</summary>
    public static void Probability(double value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (!(value >= 0 && value <= 1))
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} = {Format(value)} is not a probability in [0, 1].");
        }
    }

    /// <summary>Throws unless <paramref name="value"/> is not NaN (±∞ allowed).</summary>
    public static void NotNaN(double value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (double.IsNaN(value))
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be a number; got NaN.");
        }
    }

    /// <summary>Throws unless <paramref name="value"/> is ≥ 0 and not NaN; +∞ is allowed (an unknown standard error).</summary>
    public static void NonNegativeOrInfinity(double value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (!(value >= 0))
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be 0 or more (or +∞ when unknown); got {Format(value)}.");
        }
    }

    /// <summary>Throws unless <paramref name="value"/> is finite and ≥ 0.</summary>
    public static void NonNegative(double value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (!(double.IsFinite(value) && value >= 0))
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be a finite number ≥ 0; got {Format(value)}.");
        }
    }

    /// <summary>Throws unless every element is finite; the message names the index and value.</summary>
    public static void AllFinite(ReadOnlySpan<double> values, [CallerArgumentExpression(nameof(values))] string? paramName = null)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentOutOfRangeException(paramName, values[i], $"{paramName}[{i}] must be a finite number; got {Format(values[i])}.");
            }
        }
    }

    /// <summary>Throws unless the lower bound of an interval is a number or −∞ (NaN and +∞ refused).</summary>
    public static void LowerBound(double value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (double.IsNaN(value) || double.IsPositiveInfinity(value))
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be a number or −∞; got {Format(value)}.");
        }
    }

    /// <summary>Throws unless the upper bound of an interval is a number or +∞ (NaN and −∞ refused).</summary>
    public static void UpperBound(double value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (double.IsNaN(value) || double.IsNegativeInfinity(value))
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be a number or +∞; got {Format(value)}.");
        }
    }

    /// <summary>Throws unless <paramref name="lower"/> ≤ <paramref name="upper"/>.</summary>
    public static void Ordered(double lower, double upper, [CallerArgumentExpression(nameof(lower))] string? lowerName = null,
        [CallerArgumentExpression(nameof(upper))] string? upperName = null)
    {
        if (!(lower <= upper))
        {
            throw new ArgumentOutOfRangeException(lowerName, lower, $"{lowerName} = {Format(lower)} must not exceed {upperName} = {Format(upper)}.");
        }
    }

    /// <summary>Throws unless <paramref name="value"/> is a non-empty, non-blank string.</summary>
    public static void NotEmpty([System.Diagnostics.CodeAnalysis.NotNull] string? value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{paramName} must not be empty or white space.", paramName);
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
