using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.TestingHost;

namespace TrustMetrics.Orleans.Tests;

/// <summary>
/// Every test silo: the TrustMetrics grains with NPS monitors publishing on the "alerts" memory stream, and short timeouts so a dead
/// silo is noticed fast. Grain state (and the stream subscriptions, "PubSubStore") goes to PostgreSQL through Orleans' ADO.NET
/// storage when the cluster's configuration names a connection string (<see cref="PostgresKey"/>), otherwise to the process-wide
/// <see cref="SharedGrainStorage"/>.
/// </summary>
public sealed class TestSiloConfigurator : ISiloConfigurator
{
    public const string PostgresKey = "TrustMetricsTests:Postgres";

    public const string AlertStream = "alerts";

    /// <summary>Small-scale monitors so the 250 responses per key of the kill test have a baseline and room to detect a drop.</summary>
    public static void Monitoring(TrustMonitoringOptions o)
    {
        o.Metrics = [MonitoredMetric.Nps];
        o.Alpha = 0.01;
        o.AverageRunLength = 100_000;
        o.BaselineResponses = 80;
        o.StreamProvider = AlertStream;
    }

    public void Configure(ISiloBuilder siloBuilder)
    {
        siloBuilder.AddTrustMetricsGrains(o => Monitoring(o.Monitoring));
        string? postgres = siloBuilder.Configuration[PostgresKey];
        foreach (string name in new[] { TrustMetricsGrainOptions.DefaultStorageName, "PubSubStore" })
        {
            if (!string.IsNullOrEmpty(postgres))
            {
                siloBuilder.AddAdoNetGrainStorage(name, o =>
                {
                    o.Invariant = "Npgsql";
                    o.ConnectionString = postgres;
                });
            }
            else
            {
                siloBuilder.Services.AddGrainStorage(name, (services, _) => ActivatorUtilities.CreateInstance<SharedGrainStorage>(services));
            }
        }

        siloBuilder.AddMemoryStreams(AlertStream);
        siloBuilder.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5));
    }
}

/// <summary>The test client gives up on a call after 5 s (the caller retries) instead of Orleans' default 30 s, and reads the alert stream.</summary>
public sealed class TestClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder)
    {
        clientBuilder.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5));
        clientBuilder.AddMemoryStreams(TestSiloConfigurator.AlertStream);
    }
}
