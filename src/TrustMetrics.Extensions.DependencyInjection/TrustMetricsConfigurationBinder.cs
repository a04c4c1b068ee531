using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using TrustMetrics.Churn;
using TrustMetrics.Estimation;
using TrustMetrics.Nps;
using TrustMetrics.Scales;
using TrustMetrics.Survival;

namespace TrustMetrics.Extensions.DependencyInjection;

/// <summary>
/// Binds <see cref="TrustMetricsOptions"/> from a configuration section without reflection (the package is trimming- and
/// Native-AOT-compatible, and <see cref="RatingScale"/> is written "1-5"): one case per option, keys case-insensitive.
/// A value that does not parse and a key that is no option are errors, reported together as an
/// <see cref="OptionsValidationException"/> naming the configuration path and the value, so a typo never passes silently.
/// </summary>
internal sealed class TrustMetricsConfigurationBinder(IConfiguration configuration) : IConfigureOptions<TrustMetricsOptions>
{
    public void Configure(TrustMetricsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        foreach (var entry in configuration.GetChildren())
        {
            string? error = Bind(entry, options);
            if (error is not null)
            {
                errors.Add(error);
            }
        }

        if (errors.Count > 0)
        {
            throw new OptionsValidationException(Microsoft.Extensions.Options.Options.DefaultName, typeof(TrustMetricsOptions), errors);
        }
    }

    /// <summary>Sets the option named by <paramref name="entry"/>'s key; returns an error message or null.</summary>
    private static string? Bind(IConfigurationSection entry, TrustMetricsOptions o) => entry.Key.ToUpperInvariant() switch
    {
        "CONFIDENCELEVEL" => Number(entry, v => o.ConfidenceLevel = v),
        "NPSINTERVALMETHOD" => Member<NpsIntervalMethod>(entry, v => o.NpsIntervalMethod = v),
        "NPSCOMPARISONMETHOD" => Member<NpsComparisonMethod>(entry, v => o.NpsComparisonMethod = v),
        "PROPORTIONINTERVALMETHOD" => Member<ProportionIntervalMethod>(entry, v => o.ProportionIntervalMethod = v),
        "CSATSCALE" => Scale(entry, v => o.CsatScale = v),
        "CSATTHRESHOLD" => Integer(entry, v => o.CsatThreshold = v),
        "CESSCALE" => Scale(entry, v => o.CesScale = v),
        "CESTHRESHOLD" => Integer(entry, v => o.CesThreshold = v),
        "RATINGSCALE" => Scale(entry, v => o.RatingScale = v),
        "RATINGPOSITIVETHRESHOLD" => Integer(entry, v => o.RatingPositiveThreshold = v),
        "CHURNRATEDEFINITION" => Member<ChurnRateDefinition>(entry, v => o.ChurnRateDefinition = v),
        "SURVIVALINTERVALMETHOD" => Member<SurvivalIntervalMethod>(entry, v => o.SurvivalIntervalMethod = v),
        _ => $"{entry.Path} is not a TrustMetrics option (the options are the properties of TrustMetricsOptions, see docs/dependency-injection.md).",
    };

    private static string? Number(IConfigurationSection entry, Action<double> set)
    {
        if (double.TryParse(entry.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            set(value);
            return null;
        }

        return $"{entry.Path} = '{entry.Value}' is not a number (invariant culture, e.g. 0.95).";
    }

    private static string? Integer(IConfigurationSection entry, Action<int> set)
    {
        if (int.TryParse(entry.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
        {
            set(value);
            return null;
        }

        return $"{entry.Path} = '{entry.Value}' is not an integer.";
    }

    private static string? Member<TEnum>(IConfigurationSection entry, Action<TEnum> set)
        where TEnum : struct, Enum
    {
        // Names only: a number would bind any integer, defined or not.
        string? text = entry.Value?.Trim();
        if (!string.IsNullOrEmpty(text) && !char.IsAsciiDigit(text[0]) && text[0] != '-' && text[0] != '+'
            && Enum.TryParse(text, ignoreCase: true, out TEnum value) && Enum.IsDefined(value))
        {
            set(value);
            return null;
        }

        return $"{entry.Path} = '{entry.Value}' is not a {typeof(TEnum).Name}; use one of {string.Join(", ", Enum.GetNames<TEnum>())}.";
    }

    private static string? Scale(IConfigurationSection entry, Action<RatingScale> set)
    {
        try
        {
            if (entry.Value is { } text)
            {
                set(RatingScale.Parse(text));
                return null;
            }

            string? min = entry["Min"], max = entry["Max"];
            if (int.TryParse(min, NumberStyles.Integer, CultureInfo.InvariantCulture, out int lo)
                && int.TryParse(max, NumberStyles.Integer, CultureInfo.InvariantCulture, out int hi)
                && entry.GetChildren().All(c => c.Key.Equals("Min", StringComparison.OrdinalIgnoreCase) || c.Key.Equals("Max", StringComparison.OrdinalIgnoreCase)))
            {
                set(new RatingScale(lo, hi));
                return null;
            }

            return $"{entry.Path} is not a scale: write \"1-5\" or {{ \"Min\": 1, \"Max\": 5 }} (got Min = '{min}', Max = '{max}').";
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return $"{entry.Path} = '{entry.Value ?? $"{entry["Min"]}..{entry["Max"]}"}' is not a scale: {e.Message}";
        }
    }
}
