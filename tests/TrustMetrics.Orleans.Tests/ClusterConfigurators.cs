using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.TestingHost;

namespace TrustMetrics.Orleans.Tests;

/// <summary>Every test silo: the TrustMetrics grains on the shared durable storage, and short timeouts so a dead silo is noticed fast.</summary>
public sealed class TestSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        siloBuilder.AddTrustMetricsGrains();
        siloBuilder.Services.AddGrainStorage(TrustMetricsGrainOptions.DefaultStorageName,
            (services, _) => ActivatorUtilities.CreateInstance<SharedGrainStorage>(services));
        siloBuilder.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5));
    }
}

/// <summary>The test client gives up on a call after 5 s (the caller retries) instead of Orleans' default 30 s.</summary>
public sealed class TestClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
        clientBuilder.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5));
}
