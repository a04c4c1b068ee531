#!/usr/bin/env dotnet
// The calculators from a dependency-injection container: a console app on the .NET generic host, options bound from
// configuration and validated at start-up, and the same without a host.
//
//   dotnet run samples/dependency-injection.cs        (from the repository root; `dotnet run dependency-injection.cs` in samples/ works too)
//
// The regions "host", "consume" and "service-collection" are the C# examples of docs/dependency-injection.md and
// docs/getting-started.md, kept identical by DocsSnippetTests (see docs/index.md).
#:project ../src/TrustMetrics.Extensions.DependencyInjection/TrustMetrics.Extensions.DependencyInjection.csproj
#:package Microsoft.Extensions.Hosting

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TrustMetrics;
using TrustMetrics.Nps;
using TrustMetrics.Scales;

// What appsettings.json would hold: { "TrustMetrics": { "ConfidenceLevel": 0.9, "NpsIntervalMethod": "AdjustedWald" } }.
// Environment variables are one of the host's configuration sources (a double underscore separates the levels).
Environment.SetEnvironmentVariable("TrustMetrics__ConfidenceLevel", "0.9");
Environment.SetEnvironmentVariable("TrustMetrics__NpsIntervalMethod", "AdjustedWald");

Console.WriteLine("== docs/dependency-injection.md: a console app on the generic host");
await HostExample(args);

Console.WriteLine();
Console.WriteLine("== a bad option fails the start, naming the option and the value");
Environment.SetEnvironmentVariable("TrustMetrics__ConfidenceLevel", "95");
try
{
    await HostExample(args);
    throw new InvalidOperationException("the host started with ConfidenceLevel = 95");
}
catch (OptionsValidationException e)
{
    Console.WriteLine($"OptionsValidationException: {e.Message}");
}

Console.WriteLine();
Console.WriteLine("== without a host: ServiceCollection");
ServiceCollectionExample();

static async Task HostExample(string[] args)
{
    #region host
    var builder = Host.CreateApplicationBuilder(args);   // appsettings.json, environment variables, command line
    builder.Services.AddTrustMetrics(builder.Configuration.GetSection("TrustMetrics"));
    builder.Services.AddTrustMetrics(options => options.CsatThreshold = 5);   // runs after the section: top box only
    builder.Services.AddSingleton<SurveyReport>();

    using IHost host = builder.Build();
    await host.StartAsync();                              // ValidateOnStart: an invalid option throws here
    var report = host.Services.GetRequiredService<SurveyReport>();
    Console.WriteLine(report.Summarise(npsAnswers: [10, 9, 9, 8, 7, 10, 3, 9, 6, 10], csatAnswers: [5, 4, 4, 3, 5, 2, 4, 5, 3, 4]));
    await host.StopAsync();
    #endregion
}

static void ServiceCollectionExample()
{
    #region service-collection
    var services = new ServiceCollection();
    services.AddTrustMetrics(options => options.ConfidenceLevel = 0.99);
    using var provider = services.BuildServiceProvider();

    // Without a host nothing runs ValidateOnStart: the first resolution validates the options.
    var nps = provider.GetRequiredService<INpsCalculator>();
    Console.WriteLine(nps.Calculate([10, 9, 9, 8, 7, 10, 3, 9, 6, 10]));
    Console.WriteLine($"configured level: {provider.GetRequiredService<IOptions<TrustMetricsOptions>>().Value.ConfidenceLevel}");
    #endregion
}

#region consume
internal sealed class SurveyReport(INpsCalculator nps, ICsatCalculator csat)
{
    public string Summarise(int[] npsAnswers, int[] csatAnswers) =>
        $"{nps.Calculate(npsAnswers)}\n{csat.Calculate(csatAnswers)}";
}
#endregion
