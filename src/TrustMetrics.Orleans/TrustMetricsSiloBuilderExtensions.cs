using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace TrustMetrics.Orleans;

/// <summary>Registers the TrustMetrics grains on an Orleans silo.</summary>
public static class TrustMetricsSiloBuilderExtensions
{
    /// <summary>
    /// Adds what <see cref="IMetricsGrain"/> and <see cref="IMetricsRollupGrain"/> need on this silo: their options and query
    /// calculators. The grains themselves are found by Orleans through this assembly. Configure a grain storage provider named
    /// <see cref="TrustMetricsGrainOptions.StorageName"/> (default "TrustMetrics") on the silo too, e.g.
    /// <c>siloBuilder.AddTrustMetricsGrains().AddAdoNetGrainStorage("TrustMetrics", …)</c>.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="configure">Optional settings: storage name, de-duplication window, churn period, calculator defaults.</param>
    public static ISiloBuilder AddTrustMetricsGrains(this ISiloBuilder builder, Action<TrustMetricsGrainOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<TrustMetricsGrainOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(o => !string.IsNullOrWhiteSpace(o.StorageName), "TrustMetricsGrainOptions.StorageName must name a grain storage provider.")
            .Validate(o => o.MaxRememberedEventIds > 0, "TrustMetricsGrainOptions.MaxRememberedEventIds must be at least 1.")
            .Validate(o => Enum.IsDefined(o.ChurnPeriod), "TrustMetricsGrainOptions.ChurnPeriod is not a period kind.");

        builder.Services.TryAddSingleton<MetricsQueries>();
        return builder;
    }
}
