using TrustMetrics.Quantiles;

namespace TrustMetrics.Service;

/// <summary>
/// What to compute for a set of tickets. Every property has a sensible default and is checked when it is set, so a settings
/// object is valid by construction (the message names the property, the index and the value).
/// </summary>
public sealed class ServiceMetricsSettings
{
    /// <summary>The percentiles of each duration to report, each a probability in [0, 1]. Default 0.5, 0.9, 0.95.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A probability is NaN or outside [0, 1].</exception>
    /// <exception cref="ArgumentNullException">The list is null.</exception>
    public IReadOnlyList<double> Percentiles
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(Percentiles));
            var copy = value.ToArray();
            for (int i = 0; i < copy.Length; i++)
            {
                Guard.Probability(copy[i], $"{nameof(Percentiles)}[{i}]");
            }

            field = copy;
        }
    } = [0.5, 0.9, 0.95];

    /// <summary>Hyndman–Fan definition of the exact percentiles. Default type 7 (R, numpy, Excel <c>PERCENTILE.INC</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined <see cref="QuantileType"/>.</exception>
    public QuantileType PercentileType
    {
        get;
        init
        {
            Guard.Defined(value, nameof(PercentileType));
            field = value;
        }
    } = QuantileType.Type7;

    /// <summary>Target time to first response for the first-response SLA attainment, &gt; 0; null (the default) for no target.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Zero or negative.</exception>
    public TimeSpan? FirstResponseTarget
    {
        get;
        init => field = PositiveTarget(value, nameof(FirstResponseTarget));
    }

    /// <summary>Target time to resolution for the resolution SLA attainment, &gt; 0; null (the default) for no target.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Zero or negative.</exception>
    public TimeSpan? ResolutionTarget
    {
        get;
        init => field = PositiveTarget(value, nameof(ResolutionTarget));
    }

    /// <summary>
    /// The moment the data describe ("now"): open tickets are judged against the targets and counted in the backlog at this time.
    /// Default: the latest timestamp in the tickets.
    /// </summary>
    public DateTime? AsOf { get; init; }

    /// <summary>Interval level strictly between 0 and 1; null (the default) uses the calculator's configured level.</summary>
    /// <exception cref="ArgumentOutOfRangeException">NaN, ±∞ or outside (0, 1).</exception>
    public double? ConfidenceLevel
    {
        get;
        init
        {
            if (value is double level)
            {
                Guard.ConfidenceLevel(level, nameof(ConfidenceLevel));
            }

            field = value;
        }
    }

    private static TimeSpan? PositiveTarget(TimeSpan? value, string name) =>
        value is TimeSpan t && t <= TimeSpan.Zero
            ? throw new ArgumentOutOfRangeException(name, t, $"{name} must be a positive duration (or null for no target); got {t}.")
            : value;
}
