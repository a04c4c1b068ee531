using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using TrustMetrics.Churn;
using TrustMetrics.Clv;
using TrustMetrics.Survival;

namespace TrustMetrics.Tests;

/// <summary>
/// Every metric family's calculator resolves from <c>AddTrustMetrics()</c> as one shared instance, and
/// docs/dependency-injection.md lists exactly the services <c>AddTrustMetrics</c> registers.
/// </summary>
public partial class DependencyInjectionFamiliesTests
{
    [Fact]
    public void Churn_survival_and_clv_services_resolve_as_singletons()
    {
        using var provider = new ServiceCollection().AddTrustMetrics().BuildServiceProvider();
        AssertSingleton<IChurnCalculator>(provider);
        AssertSingleton<IRetentionModel>(provider);
        AssertSingleton<ISurvivalAnalyzer>(provider);
        AssertSingleton<IClvFitter<CompressedHistories, BgNbdModel>>(provider);
        AssertSingleton<IClvFitter<CompressedHistories, MbgNbdModel>>(provider);
        AssertSingleton<IClvFitter<CompressedHistories, ParetoNbdModel>>(provider);
        AssertSingleton<IClvFitter<CompressedHistories, BgBbModel>>(provider);
        AssertSingleton<IClvFitter<CompressedSpend, GammaGammaModel>>(provider);
        Assert.IsType<BgNbdFitter>(provider.GetRequiredService<IClvFitter<CompressedHistories, BgNbdModel>>());
        AssertSingleton<IClvCovariateFitter<BgNbdModel>>(provider);
        AssertSingleton<IClvCovariateFitter<ParetoNbdModel>>(provider);
        AssertSingleton<IRetentionCovariateModel>(provider);
        Assert.IsType<BgNbdCovariateFitter>(provider.GetRequiredService<IClvCovariateFitter<BgNbdModel>>());
        Assert.IsType<ParetoNbdCovariateFitter>(provider.GetRequiredService<IClvCovariateFitter<ParetoNbdModel>>());
        Assert.IsType<ShiftedBetaGeometricCovariateFitter>(provider.GetRequiredService<IRetentionCovariateModel>());
    }

    [Fact]
    public void The_survival_interval_option_reaches_the_analyzer()
    {
        using var provider = new ServiceCollection()
            .AddTrustMetrics(o => o.SurvivalIntervalMethod = SurvivalIntervalMethod.Plain)
            .BuildServiceProvider();
        var result = provider.GetRequiredService<ISurvivalAnalyzer>().KaplanMeier([1.0, 2.0, 3.0], [true, false, true]);
        Assert.Equal(SurvivalIntervalMethod.Plain, result.IntervalMethod);
    }

    /// <summary>
    /// The table under "## What is registered" names every service type of the collection (C# spelling, generic
    /// arguments included, open generics as <c>IOptions&lt;TOptions&gt;</c>), its implementation and its lifetime; the test
    /// reflects over <c>new ServiceCollection().AddTrustMetrics(configuration)</c> and resolves each TrustMetrics service.
    /// </summary>
    [Fact]
    public void The_docs_list_every_registered_service()
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build();
        var services = new ServiceCollection().AddTrustMetrics(o => o.ConfidenceLevel = 0.9).AddTrustMetrics(configuration);
        using var provider = services.BuildServiceProvider();

        // service → "implementation | lifetime" for TrustMetrics' own services (the implementation resolved), "lifetime" for
        // the options infrastructure of Microsoft.Extensions.Options (the docs describe those in words).
        var registered = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var d in services)
        {
            string service = Name(d.ServiceType);
            string lifetime = d.Lifetime.ToString().ToLowerInvariant();
            registered[service] = Own(service) ? $"{Name(provider.GetRequiredService(d.ServiceType).GetType())} | {lifetime}" : lifetime;
        }

        var documented = DocumentedServices();
        var missing = registered.Keys.Except(documented.Keys).Order().ToList();
        var stale = documented.Keys.Except(registered.Keys).Order().ToList();
        Assert.True(missing.Count == 0 && stale.Count == 0,
            "docs/dependency-injection.md, \"What is registered\":\n  not in the docs: " + string.Join(", ", missing.Select(m => $"`{m}` | {registered[m]}"))
            + "\n  in the docs but not registered: " + string.Join(", ", stale));
        foreach (var (service, row) in registered)
        {
            string doc = documented[service];
            Assert.Equal($"{service}: {row}", $"{service}: {(Own(service) ? doc : doc[(doc.LastIndexOf('|') + 2)..])}");
        }

        static bool Own(string service) => !service.Contains('<', StringComparison.Ordinal) && service != "IStartupValidator";
    }

    private static Dictionary<string, string> DocumentedServices()
    {
        string root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "TrustMetrics.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("TrustMetrics.sln not found above the test folder.");
        }

        var lines = File.ReadAllLines(Path.Combine(root, "docs", "dependency-injection.md"));
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in lines.SkipWhile(l => l != "## What is registered").Skip(1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal)))
        {
            var m = TableRow().Match(line);
            if (m.Success)
            {
                result[m.Groups[1].Value] = $"{m.Groups[2].Value.Trim('`', ' ')} | {m.Groups[3].Value.Trim()}";
            }
        }

        return result;
    }

    /// <summary><c>IOptions&lt;TrustMetricsOptions&gt;</c>, <c>IOptions&lt;TOptions&gt;</c> for an open generic.</summary>
    private static string Name(Type type)
    {
        if (!type.IsGenericType)
        {
            return type.Name;
        }

        string name = type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)];
        var arguments = type.IsGenericTypeDefinition
            ? type.GetGenericArguments().Select(a => a.Name)
            : type.GetGenericArguments().Select(Name);
        return $"{name}<{string.Join(", ", arguments)}>";
    }

    private static void AssertSingleton<T>(IServiceProvider provider)
        where T : class => Assert.Same(provider.GetRequiredService<T>(), provider.GetRequiredService<T>());

    /// <summary>| `Service` | `Implementation` | lifetime |</summary>
    [GeneratedRegex(@"^\|\s*`([^`]+)`\s*\|\s*([^|]+?)\s*\|\s*([a-z]+)\s*\|")]
    private static partial Regex TableRow();
}
