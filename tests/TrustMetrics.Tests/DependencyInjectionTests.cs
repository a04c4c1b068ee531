using Microsoft.Extensions.DependencyInjection;
using TrustMetrics.Estimation;
using TrustMetrics.Grouping;
using TrustMetrics.Nps;
using TrustMetrics.Scales;

namespace TrustMetrics.Tests;

/// <summary>TrustMetrics.Extensions.DependencyInjection: <c>services.AddTrustMetrics()</c>.</summary>
public class DependencyInjectionTests
{
    [Fact]
    public void Calculators_resolve_as_singletons()
    {
        using var provider = new ServiceCollection().AddTrustMetrics().BuildServiceProvider();

        Assert.IsType<NpsCalculator>(provider.GetRequiredService<INpsCalculator>());
        Assert.IsType<CsatCalculator>(provider.GetRequiredService<ICsatCalculator>());
        Assert.IsType<CesCalculator>(provider.GetRequiredService<ICesCalculator>());
        Assert.Same(provider.GetRequiredService<INpsCalculator>(), provider.GetRequiredService<INpsCalculator>());
        Assert.Same(provider.GetRequiredService<ICsatCalculator>(), provider.GetRequiredService<ICsatCalculator>());
        Assert.Same(provider.GetRequiredService<ICesCalculator>(), provider.GetRequiredService<ICesCalculator>());
        Assert.Same(provider.GetRequiredService<TrustMetricsOptions>(), provider.GetRequiredService<TrustMetricsOptions>());
    }

    [Fact]
    public void Default_registration_uses_the_library_defaults()
    {
        using var provider = new ServiceCollection().AddTrustMetrics().BuildServiceProvider();
        var nps = provider.GetRequiredService<INpsCalculator>().Calculate(new NpsTally(20, 30, 50));
        Assert.Equal(0.95, nps.Interval.Level);
        Assert.Equal("score", nps.Interval.Method);
        var csat = provider.GetRequiredService<ICsatCalculator>();
        Assert.Equal(RatingScale.FivePoint, ((ScaleMetricCalculator)csat).Scale);
        Assert.Equal(4, ((ScaleMetricCalculator)csat).Threshold);
        var ces = provider.GetRequiredService<ICesCalculator>();
        Assert.Equal(RatingScale.SevenPoint, ((ScaleMetricCalculator)ces).Scale);
        Assert.Equal(5, ((ScaleMetricCalculator)ces).Threshold);
    }

    [Fact]
    public void A_pre_registered_implementation_is_kept()
    {
        var custom = new FakeNpsCalculator();
        var services = new ServiceCollection();
        services.AddSingleton<INpsCalculator>(custom);
        services.AddTrustMetrics();

        using var provider = services.BuildServiceProvider();
        Assert.Same(custom, provider.GetRequiredService<INpsCalculator>());
        Assert.IsType<CsatCalculator>(provider.GetRequiredService<ICsatCalculator>());
    }

    [Fact]
    public void Calling_AddTrustMetrics_twice_registers_each_service_once()
    {
        var services = new ServiceCollection();
        services.AddTrustMetrics();
        services.AddTrustMetrics(o => o.ConfidenceLevel = 0.8);

        foreach (var type in new[] { typeof(INpsCalculator), typeof(ICsatCalculator), typeof(ICesCalculator), typeof(TrustMetricsOptions) })
        {
            Assert.Single(services, d => d.ServiceType == type);
        }

        // TryAdd: the first registration wins, so the second call's options are ignored.
        using var provider = services.BuildServiceProvider();
        Assert.Equal(0.95, provider.GetRequiredService<INpsCalculator>().Calculate(new NpsTally(1, 2, 3)).Interval.Level);
    }

    [Fact]
    public void Options_flow_into_results()
    {
        using var provider = new ServiceCollection()
            .AddTrustMetrics(o =>
            {
                o.ConfidenceLevel = 0.9;
                o.CsatThreshold = 5;
                o.NpsIntervalMethod = NpsIntervalMethod.Wald;
                o.ProportionIntervalMethod = ProportionIntervalMethod.ClopperPearson;
                o.NpsComparisonMethod = NpsComparisonMethod.Wald;
            })
            .BuildServiceProvider();

        var tally = new NpsTally(20, 30, 50);
        var nps = provider.GetRequiredService<INpsCalculator>().Calculate(tally);
        Assert.Equal(0.9, nps.Interval.Level);
        Assert.Equal("wald", nps.Interval.Method);
        Assert.Equal(new NpsCalculator().Calculate(tally, 0.9, NpsIntervalMethod.Wald).Score, nps.Score);
        Assert.Equal("z-wald", provider.GetRequiredService<INpsCalculator>().Compare(tally, tally).Test);

        // CSAT data of survey-metrics.md §2.4: with threshold 5 only the three 5s count (3/10), not the T2B 7/10.
        var csat = provider.GetRequiredService<ICsatCalculator>().Calculate([5, 4, 4, 3, 5, 2, 4, 5, 3, 4]);
        Assert.Equal(5, csat.Threshold);
        Assert.Equal(3, csat.TopBoxCount);
        Assert.Equal(30.0, csat.TopBox.Value, 12);
        Assert.Equal(0.9, csat.TopBox.Interval.Level);
        Assert.Equal("clopper-pearson", csat.TopBox.Interval.Method);
        Assert.Equal(0.9, csat.Mean.Interval.Level);
    }

    [Fact]
    public void Changing_the_options_object_after_registration_does_not_change_calculators()
    {
        var services = new ServiceCollection();
        TrustMetricsOptions? captured = null;
        services.AddTrustMetrics(o => captured = o);
        using var provider = services.BuildServiceProvider();
        var calculator = provider.GetRequiredService<INpsCalculator>();
        captured!.ConfidenceLevel = 0.5;
        Assert.Equal(0.95, calculator.Calculate(new NpsTally(1, 2, 3)).Interval.Level);
    }

    [Fact]
    public void Invalid_confidence_level_fails_at_registration_naming_the_option()
    {
        var services = new ServiceCollection();
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => services.AddTrustMetrics(o => o.ConfidenceLevel = 1.5));
        Assert.Equal("TrustMetricsOptions.ConfidenceLevel", e.ParamName);
        Assert.Contains("TrustMetricsOptions.ConfidenceLevel", e.Message, StringComparison.Ordinal);
        Assert.Empty(services); // nothing half-registered
    }

    [Fact]
    public void Threshold_off_the_scale_fails_at_registration_naming_the_option()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ServiceCollection().AddTrustMetrics(o => o.CsatThreshold = 9));
        Assert.Equal("TrustMetricsOptions.CsatThreshold", e.ParamName);
        Assert.Contains("TrustMetricsOptions.CsatThreshold", e.Message, StringComparison.Ordinal);

        var ces = Assert.Throws<ArgumentOutOfRangeException>(() => new ServiceCollection().AddTrustMetrics(o => o.CesThreshold = 0));
        Assert.Equal("TrustMetricsOptions.CesThreshold", ces.ParamName);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Every_invalid_level_fails_at_registration(double level) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ServiceCollection().AddTrustMetrics(o => o.ConfidenceLevel = level));

    [Fact]
    public void Unknown_enum_option_fails_at_registration_naming_the_option()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ServiceCollection().AddTrustMetrics(o => o.NpsIntervalMethod = (NpsIntervalMethod)42));
        Assert.Equal("TrustMetricsOptions.NpsIntervalMethod", e.ParamName);
    }

    [Fact]
    public void Null_arguments_are_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddTrustMetrics());
        Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddTrustMetrics(null!));
    }

    private sealed class FakeNpsCalculator : INpsCalculator
    {
        public NpsResult Calculate(NpsTally tally, double? confidenceLevel = null, NpsIntervalMethod? method = null) => throw new NotSupportedException();

        public NpsResult Calculate(ReadOnlySpan<byte> scores) => throw new NotSupportedException();

        public NpsResult Calculate(ReadOnlySpan<int> scores) => throw new NotSupportedException();

        public NpsResult Calculate(IEnumerable<int> scores) => throw new NotSupportedException();

        public WeightedNpsResult CalculateWeighted(WeightedNpsTally tally, double? confidenceLevel = null) => throw new NotSupportedException();

        public WeightedNpsResult CalculateWeighted(ReadOnlySpan<int> scores, ReadOnlySpan<double> weights, double? confidenceLevel = null) =>
            throw new NotSupportedException();

        public DifferenceTest Compare(NpsTally first, NpsTally second, double? confidenceLevel = null, NpsComparisonMethod? method = null) =>
            throw new NotSupportedException();

        public IReadOnlyList<GroupResult<TKey, NpsResult>> CalculateByGroup<TKey>(IEnumerable<(TKey Group, int Score)> responses)
            where TKey : notnull => throw new NotSupportedException();
    }
}
