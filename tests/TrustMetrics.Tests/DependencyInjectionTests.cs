using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TrustMetrics.Churn;
using TrustMetrics.Estimation;
using TrustMetrics.Grouping;
using TrustMetrics.Nps;
using TrustMetrics.Scales;
using TrustMetrics.Survival;

namespace TrustMetrics.Tests;

/// <summary>
/// TrustMetrics.Extensions.DependencyInjection: <c>services.AddTrustMetrics()</c> with <c>IOptions&lt;TrustMetricsOptions&gt;</c>,
/// configuration binding, composition of repeated calls, <c>ValidateOnStart</c> and TryAdd singletons.
/// </summary>
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
        Assert.Same(provider.GetRequiredService<IOptions<TrustMetricsOptions>>().Value, provider.GetRequiredService<IOptions<TrustMetricsOptions>>().Value);
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
    public void Calling_AddTrustMetrics_twice_registers_each_service_once_and_composes_the_options()
    {
        var services = new ServiceCollection();
        services.AddTrustMetrics(o => o.ConfidenceLevel = 0.9);
        int count = services.Count;
        services.AddTrustMetrics(o => o.CsatThreshold = 5);
        services.AddTrustMetrics();

        // The second configure call adds exactly one IConfigureOptions; the third call adds nothing.
        Assert.Equal(count + 1, services.Count);
        foreach (var type in new[] { typeof(INpsCalculator), typeof(ICsatCalculator), typeof(ICesCalculator), typeof(IValidateOptions<TrustMetricsOptions>) })
        {
            Assert.Single(services, d => d.ServiceType == type);
        }

        using var provider = services.BuildServiceProvider();
        Assert.Equal(0.9, provider.GetRequiredService<INpsCalculator>().Calculate(new NpsTally(1, 2, 3)).Interval.Level);
        Assert.Equal(5, ((ScaleMetricCalculator)provider.GetRequiredService<ICsatCalculator>()).Threshold);
    }

    [Fact]
    public void Repeated_configure_calls_run_in_call_order()
    {
        using var provider = new ServiceCollection()
            .AddTrustMetrics(o => o.ConfidenceLevel = 0.9)
            .AddTrustMetrics(o => o.ConfidenceLevel = o.ConfidenceLevel - 0.1) // sees the first call's value
            .BuildServiceProvider();
        Assert.Equal(0.8, provider.GetRequiredService<IOptions<TrustMetricsOptions>>().Value.ConfidenceLevel, 15);
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
        Approx.Absolute(30.0, csat.TopBox.Value, 1e-12); // 3/10 × 100, exact
        Assert.Equal(0.9, csat.TopBox.Interval.Level);
        Assert.Equal("clopper-pearson", csat.TopBox.Interval.Method);
        Assert.Equal(0.9, csat.Mean.Interval.Level);
    }

    [Fact]
    public void Changing_the_options_object_after_resolution_does_not_change_calculators()
    {
        using var provider = new ServiceCollection().AddTrustMetrics().BuildServiceProvider();
        var calculator = provider.GetRequiredService<INpsCalculator>();
        provider.GetRequiredService<IOptions<TrustMetricsOptions>>().Value.ConfidenceLevel = 0.5;
        Assert.Equal(0.95, calculator.Calculate(new NpsTally(1, 2, 3)).Interval.Level);
    }

    [Fact]
    public void Options_bind_from_an_in_memory_configuration()
    {
        var configuration = Configuration(new()
        {
            ["TrustMetrics:ConfidenceLevel"] = "0.9",
            ["TrustMetrics:npsIntervalMethod"] = "adjustedwald", // keys and enum names are case-insensitive
            ["TrustMetrics:ProportionIntervalMethod"] = "Jeffreys",
            ["TrustMetrics:CsatScale"] = "1-7",
            ["TrustMetrics:CsatThreshold"] = "6",
            ["TrustMetrics:CesScale:Min"] = "1",
            ["TrustMetrics:CesScale:Max"] = "5",
            ["TrustMetrics:CesThreshold"] = "4",
            ["TrustMetrics:SurvivalIntervalMethod"] = "Plain",
            ["Other:ConfidenceLevel"] = "0.5",
        });
        using var provider = new ServiceCollection().AddTrustMetrics(configuration.GetSection("TrustMetrics")).BuildServiceProvider();

        var o = provider.GetRequiredService<IOptions<TrustMetricsOptions>>().Value;
        Assert.Equal(0.9, o.ConfidenceLevel);
        Assert.Equal(NpsIntervalMethod.AdjustedWald, o.NpsIntervalMethod);
        Assert.Equal(ProportionIntervalMethod.Jeffreys, o.ProportionIntervalMethod);
        Assert.Equal(new RatingScale(1, 7), o.CsatScale);
        Assert.Equal(6, o.CsatThreshold);
        Assert.Equal(new RatingScale(1, 5), o.CesScale);
        Assert.Equal(4, o.CesThreshold);
        Assert.Equal(NpsComparisonMethod.AdjustedWald, o.NpsComparisonMethod); // not configured: the default stays

        var csat = (ScaleMetricCalculator)provider.GetRequiredService<ICsatCalculator>();
        Assert.Equal((new RatingScale(1, 7), 6), (csat.Scale, csat.Threshold));
        Assert.Equal((0.9, "adjusted-wald"), (provider.GetRequiredService<INpsCalculator>().Calculate(new NpsTally(1, 2, 3)).Interval.Level,
            provider.GetRequiredService<INpsCalculator>().Calculate(new NpsTally(1, 2, 3)).Interval.Method));
        Assert.Equal(SurvivalIntervalMethod.Plain, provider.GetRequiredService<ISurvivalAnalyzer>().KaplanMeier([1.0, 2.0], [true, true]).IntervalMethod);
    }

    /// <summary>Every settable option has a configuration key; a new option fails here until the binder knows it.</summary>
    [Fact]
    public void Every_option_binds_from_configuration()
    {
        var values = new Dictionary<string, (string Text, object Expected)>
        {
            [nameof(TrustMetricsOptions.ConfidenceLevel)] = ("0.8", 0.8),
            [nameof(TrustMetricsOptions.NpsIntervalMethod)] = ("Bayesian", NpsIntervalMethod.Bayesian),
            [nameof(TrustMetricsOptions.NpsComparisonMethod)] = ("Wald", NpsComparisonMethod.Wald),
            [nameof(TrustMetricsOptions.ProportionIntervalMethod)] = ("AgrestiCoull", ProportionIntervalMethod.AgrestiCoull),
            [nameof(TrustMetricsOptions.CsatScale)] = ("0..10", new RatingScale(0, 10)),
            [nameof(TrustMetricsOptions.CsatThreshold)] = ("9", 9),
            [nameof(TrustMetricsOptions.CesScale)] = ("1-5", new RatingScale(1, 5)),
            [nameof(TrustMetricsOptions.CesThreshold)] = ("4", 4),
            [nameof(TrustMetricsOptions.RatingScale)] = ("1-10", new RatingScale(1, 10)),
            [nameof(TrustMetricsOptions.RatingPositiveThreshold)] = ("8", 8),
            [nameof(TrustMetricsOptions.ChurnRateDefinition)] = ("Naive", ChurnRateDefinition.Naive),
            [nameof(TrustMetricsOptions.SurvivalIntervalMethod)] = ("Plain", SurvivalIntervalMethod.Plain),
        };
        var settable = typeof(TrustMetricsOptions).GetProperties().Where(p => p.CanWrite).Select(p => p.Name).Order().ToList();
        Assert.Equal(settable, values.Keys.Order().ToList());

        var configuration = Configuration(values.ToDictionary(kv => "TrustMetrics:" + kv.Key, kv => (string?)kv.Value.Text));
        using var provider = new ServiceCollection().AddTrustMetrics(configuration.GetSection("TrustMetrics")).BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<TrustMetricsOptions>>().Value;
        var defaults = new TrustMetricsOptions();
        foreach (var (name, (_, expected)) in values)
        {
            var property = typeof(TrustMetricsOptions).GetProperty(name)!;
            Assert.NotEqual(property.GetValue(defaults), expected); // the test value differs from the default
            Assert.Equal(expected, property.GetValue(options));
        }
    }

    [Fact]
    public void Configuration_and_configure_compose_in_call_order()
    {
        var configuration = Configuration(new() { ["TrustMetrics:ConfidenceLevel"] = "0.9", ["TrustMetrics:CsatThreshold"] = "5" });
        using var provider = new ServiceCollection()
            .AddTrustMetrics(configuration.GetSection("TrustMetrics"))
            .AddTrustMetrics(o => o.ConfidenceLevel = 0.99)
            .BuildServiceProvider();
        var o = provider.GetRequiredService<IOptions<TrustMetricsOptions>>().Value;
        Assert.Equal((0.99, 5), (o.ConfidenceLevel, o.CsatThreshold));
    }

    [Fact]
    public void Configuration_values_that_do_not_parse_fail_naming_the_key_and_value()
    {
        var configuration = Configuration(new()
        {
            ["TrustMetrics:ConfidenceLevel"] = "95%",
            ["TrustMetrics:NpsIntervalMethod"] = "3",
            ["TrustMetrics:CsatScale"] = "one to five",
            ["TrustMetrics:ConfidenceLevl"] = "0.9",
        });
        using var provider = new ServiceCollection().AddTrustMetrics(configuration.GetSection("TrustMetrics")).BuildServiceProvider();
        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<INpsCalculator>());
        Assert.Equal(typeof(TrustMetricsOptions), e.OptionsType);
        Assert.Contains("TrustMetrics:ConfidenceLevel = '95%' is not a number", e.Message, StringComparison.Ordinal);
        Assert.Contains("TrustMetrics:NpsIntervalMethod = '3' is not a NpsIntervalMethod; use one of ", e.Message, StringComparison.Ordinal);
        Assert.Contains("TrustMetrics:CsatScale = 'one to five' is not a scale", e.Message, StringComparison.Ordinal);
        Assert.Contains("TrustMetrics:ConfidenceLevl is not a TrustMetrics option", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateOnStart_fails_the_host_start_naming_the_option_and_value()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["TrustMetrics:ConfidenceLevel"] = "95" });
        builder.Services.AddTrustMetrics(builder.Configuration.GetSection("TrustMetrics"));
        using var host = builder.Build();

        // Nothing resolved a calculator yet: the host's start runs the validation (ValidateOnStart).
        var e = Assert.Throws<OptionsValidationException>(() => host.StartAsync().GetAwaiter().GetResult());
        Assert.Equal("TrustMetricsOptions.ConfidenceLevel must lie strictly between 0 and 1; got 95.", e.Message);
    }

    [Fact]
    public void ValidateOnStart_is_registered_and_reports_every_invalid_option()
    {
        using var provider = new ServiceCollection()
            .AddTrustMetrics(o =>
            {
                o.ConfidenceLevel = 95;
                o.CsatThreshold = 6;
                o.NpsIntervalMethod = (NpsIntervalMethod)42;
            })
            .BuildServiceProvider();

        // IStartupValidator is what a host calls on start.
        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Equal(
            [
                "TrustMetricsOptions.ConfidenceLevel must lie strictly between 0 and 1; got 95.",
                "TrustMetricsOptions.NpsIntervalMethod is not a known NpsIntervalMethod: 42.",
                "TrustMetricsOptions.CsatThreshold = 6 is not on TrustMetricsOptions.CsatScale 1-5.",
            ],
            e.Failures);

        // Without a host, the first resolution of a calculator fails the same way.
        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<ICsatCalculator>());
    }

    [Fact]
    public void Registration_itself_does_not_validate_so_partial_configure_calls_can_compose()
    {
        // The first call alone is invalid (threshold 6 on 1-5); the second makes it valid (scale 1-7).
        using var provider = new ServiceCollection()
            .AddTrustMetrics(o => o.CsatThreshold = 6)
            .AddTrustMetrics(o => o.CsatScale = new RatingScale(1, 7))
            .BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        Assert.Equal(6, ((ScaleMetricCalculator)provider.GetRequiredService<ICsatCalculator>()).Threshold);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Every_invalid_level_fails_at_start(double level)
    {
        using var provider = new ServiceCollection().AddTrustMetrics(o => o.ConfidenceLevel = level).BuildServiceProvider();
        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.StartsWith("TrustMetricsOptions.ConfidenceLevel must lie strictly between 0 and 1; got ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_undefined_churn_rate_definition_fails_at_start_naming_the_option()
    {
        using var provider = new ServiceCollection().AddTrustMetrics(o => o.ChurnRateDefinition = (ChurnRateDefinition)7).BuildServiceProvider();
        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IChurnCalculator>());
        Assert.Equal("TrustMetricsOptions.ChurnRateDefinition is not a known ChurnRateDefinition: 7.", e.Message);
    }

    [Fact]
    public void Validate_still_throws_the_first_problem_for_calculators_built_with_new()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new CsatCalculator(new TrustMetricsOptions { CsatThreshold = 9 }));
        Assert.Equal("TrustMetricsOptions.CsatThreshold", e.ParamName);
        Assert.Equal(9, e.ActualValue);
    }

    [Fact]
    public void Null_arguments_are_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddTrustMetrics());
        Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddTrustMetrics((Action<TrustMetricsOptions>)null!));
        Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddTrustMetrics((IConfiguration)null!));
    }

    private static IConfigurationRoot Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

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
