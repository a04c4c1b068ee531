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
    /// <param name="configure">Optional settings: storage name, de-duplication window, churn period, monitors, calculator defaults.</param>
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
            .Validate(o => Enum.IsDefined(o.ChurnPeriod), "TrustMetricsGrainOptions.ChurnPeriod is not a period kind.")
            .Validate(o => o.Monitoring is { Metrics: not null } m && m.Metrics.All(Enum.IsDefined), "TrustMetricsGrainOptions.Monitoring.Metrics must list defined metrics.")
            .Validate(o => o.Monitoring is { } m && m.Alpha > 0 && m.Alpha < 1, "TrustMetricsGrainOptions.Monitoring.Alpha must lie in (0, 1).")
            .Validate(o => o.Monitoring is { } m && m.AverageRunLength >= 2 && m.AverageRunLength <= 1e12, "TrustMetricsGrainOptions.Monitoring.AverageRunLength must lie in [2, 1e12].")
            .Validate(o => o.Monitoring is { } m && m.BaselineResponses >= 2, "TrustMetricsGrainOptions.Monitoring.BaselineResponses must be at least 2.")
            .Validate(o => o.Monitoring is { } m && m.MaxAlerts >= 1, "TrustMetricsGrainOptions.Monitoring.MaxAlerts must be at least 1.")
            .Validate(o => o.Monitoring is { } m && !string.IsNullOrWhiteSpace(m.AlertStreamNamespace), "TrustMetricsGrainOptions.Monitoring.AlertStreamNamespace must not be empty.");

        builder.Services.TryAddSingleton<MetricsQueries>();
        return builder;
    }
}
