using Microsoft.Extensions.DependencyInjection;
using TrustMetrics.Churn;
using TrustMetrics.Estimation;

namespace TrustMetrics.Tests.Churn;

/// <summary><c>services.AddTrustMetrics()</c> also registers the churn calculator and the sBG retention model with the configured defaults.</summary>
public class ChurnDependencyInjectionTests
{
    [Fact]
    public void Churn_calculator_and_retention_model_resolve_as_configured_singletons()
    {
        using var provider = new ServiceCollection()
            .AddTrustMetrics(o =>
            {
                o.ConfidenceLevel = 0.9;
                o.ChurnRateDefinition = ChurnRateDefinition.Naive;
                o.ProportionIntervalMethod = ProportionIntervalMethod.Jeffreys;
            })
            .BuildServiceProvider();
        var churn = provider.GetRequiredService<IChurnCalculator>();
        Assert.IsType<ChurnCalculator>(churn);
        Assert.Same(churn, provider.GetRequiredService<IChurnCalculator>());
        var result = churn.PeriodChurn(ChurnPeriodCounts.Create(new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 31), 1000, 150, 60, 5));
        Assert.Equal(ChurnRateDefinition.Naive, result.Definition);
        Assert.Equal(0.06, result.Rate);
        Assert.Equal((0.9, "jeffreys"), (result.Churn!.Value.Interval.Level, result.Churn.Value.Interval.Method));

        var model = provider.GetRequiredService<IRetentionModel>();
        Assert.IsType<ShiftedBetaGeometric>(model);
        Assert.Equal(0.9, model.Fit(ShiftedBetaGeometricTests.HighEnd).Alpha.Interval.Level);
    }

    [Fact]
    public void An_undefined_churn_rate_definition_fails_at_start()
    {
        using var provider = new ServiceCollection().AddTrustMetrics(o => o.ChurnRateDefinition = (ChurnRateDefinition)7).BuildServiceProvider();
        var e = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => provider.GetRequiredService<IChurnCalculator>());
        Assert.Contains("TrustMetricsOptions.ChurnRateDefinition", e.Message, StringComparison.Ordinal);
    }
}
