using Microsoft.Extensions.DependencyInjection;
using TrustMetrics.Churn;
using TrustMetrics.Clv;
using TrustMetrics.Survival;

namespace TrustMetrics.Tests;

/// <summary>Every metric family's calculator resolves from <c>AddTrustMetrics()</c> as one shared instance.</summary>
public class DependencyInjectionFamiliesTests
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

    private static void AssertSingleton<T>(IServiceProvider provider)
        where T : class => Assert.Same(provider.GetRequiredService<T>(), provider.GetRequiredService<T>());
}
